/* spt image entry: the tender jumps here with rdi = &spt_boot_info and rsp
 * near the top of guest memory. */
	.text
	.globl _uk_spt_start
	.type _uk_spt_start, @function
_uk_spt_start:
	and $-16, %rsp
	xor %ebp, %ebp
	call uk_spt_main
	ud2
	.size _uk_spt_start, . - _uk_spt_start

	.section .note.GNU-stack, "", @progbits
