/* x86_64-unikernel: __syscall_cp_asm(&cancel, nr, u, v, w, x, y, z), the
 * cancellation-point system call, through __uk_syscall().
 * The pending-cancel check stays between __cp_begin and __cp_end as musl
 * expects; the call itself runs in the backend, and the return address of
 * that call is the pc a signal handler sees (docs/signals.md). */
.text
.global __cp_begin
.hidden __cp_begin
.global __cp_end
.hidden __cp_end
.global __cp_cancel
.hidden __cp_cancel
.hidden __cancel
.global __syscall_cp_asm
.hidden __syscall_cp_asm
.type   __syscall_cp_asm,@function
__syscall_cp_asm:

__cp_begin:
	mov (%rdi),%eax
	test %eax,%eax
	jnz 1f
	mov %rsi,%rdi           /* n */
	mov %rdx,%rsi           /* a1 */
	mov %rcx,%rdx           /* a2 */
	mov %r8,%rcx            /* a3 */
	mov %r9,%r8             /* a4 */
	mov 8(%rsp),%r9         /* a5 */
	mov 16(%rsp),%rax
	push %rax               /* a6, keeps rsp 16-aligned at the call */
	call __uk_syscall
	add $8,%rsp
__cp_end:
	ret
/* A signal handler (musl's cancel_handler) that finds the thread in the
 * call above moves its return here: a6 is still pushed. The kernel makes
 * __uk_syscall return here when the handler changes the context's rip. */
__cp_cancel:
	add $8,%rsp
1:	jmp __cancel
