/* x86_64-unikernel: __unmapself(base, size) unmaps the calling thread's own
 * stack and exits the thread.
 *
 * Once munmap has run there is no stack to return to, so both calls are
 * entered by jump, with rsp on a small static area whose top word is the
 * address to go on at. __uk_syscall's `ret` after munmap lands on the exit
 * call. Nothing here writes that area, so threads of a dev executable that
 * exit at the same moment can share it; a unikernel backend (one CPU,
 * cooperative) may run its own code on it (4 KiB below the slot). */
.data
.balign 16
	.space 4096
__uk_unmapself_stack:
	.quad 1f                /* munmap "returns" here */
	.quad 0, 0              /* readable words for the 7th-argument slot */

.text
.global __unmapself
.type   __unmapself,@function
__unmapself:
	mov %rsi,%rdx           /* a2 = size */
	mov %rdi,%rsi           /* a1 = base */
	mov $11,%edi            /* SYS_munmap */
	lea __uk_unmapself_stack(%rip),%rsp
	jmp __uk_syscall
1:	lea __uk_unmapself_stack(%rip),%rsp  /* exit's frame goes below the slot, */
	xor %esi,%esi           /* not over it: the next thread returns through it. status 0 */
	mov $60,%edi            /* SYS_exit */
	jmp __uk_syscall
