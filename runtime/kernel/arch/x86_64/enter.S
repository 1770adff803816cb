/* uk_enter_program(entry, sp): start the program as Linux starts a process:
 * rsp at argc, no frame to return to, no stale registers. */
	.text
	.globl uk_enter_program
	.type uk_enter_program, @function
uk_enter_program:
	mov %rsi, %rsp
	mov %rdi, %rax
	xor %ebp, %ebp
	xor %edi, %edi
	xor %esi, %esi
	xor %edx, %edx
	xor %ecx, %ecx
	xor %r8d, %r8d
	xor %r9d, %r9d
	xor %r10d, %r10d
	xor %r11d, %r11d
	jmp *%rax
	.size uk_enter_program, . - uk_enter_program

	.section .note.GNU-stack, "", @progbits
