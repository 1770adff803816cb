/* x86_64-unikernel: the signal-return trampoline. rt_sigreturn finds the
 * signal frame at rsp, so __uk_syscall is entered by jump: rsp must be
 * exactly what it was when the handler returned here. */
.global __restore_rt
.hidden __restore_rt
.type __restore_rt,@function
__restore_rt:
	mov $15,%edi            /* SYS_rt_sigreturn */
	jmp __uk_syscall
.size __restore_rt,.-__restore_rt
