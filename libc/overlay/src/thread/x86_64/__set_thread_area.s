/* x86_64-unikernel: arch_prctl(ARCH_SET_FS, p) through __uk_syscall(). */
.text
.global __set_thread_area
.hidden __set_thread_area
.type __set_thread_area,@function
__set_thread_area:
	mov %rdi,%rdx           /* a2 = p */
	mov $0x1002,%esi        /* a1 = ARCH_SET_FS */
	mov $158,%edi           /* SYS_arch_prctl */
	jmp __uk_syscall
