/* x86_64-unikernel: vfork() as an ordinary system call. No backend creates
 * processes, so this returns -1 with errno ENOSYS (and the backend warns). */
.global vfork
.type vfork,@function
vfork:
	sub $8,%rsp             /* 7th-argument slot, keeps rsp 16-aligned at the call */
	mov $58,%edi            /* SYS_vfork */
	call __uk_syscall
	add $8,%rsp
	mov %rax,%rdi
	.hidden __syscall_ret
	jmp __syscall_ret
