# Never run: a placeholder entry point for the elftool test images.
	.text
	.globl _start
_start:
	ud2
	jmp _start
	.data
	.quad 0
	.section .note.GNU-stack,"",@progbits
