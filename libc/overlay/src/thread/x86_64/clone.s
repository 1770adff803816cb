/* x86_64-unikernel: __clone(func, stack, flags, arg, ptid, tls, ctid)
 * through __uk_syscall(SYS_clone, flags, newsp, ptid, ctid, tls).
 *
 * The child must come back from a *function call* on a stack it does not
 * share with the parent. So the top word of the new stack is the address the
 * child returns to: the backend starts the child with rsp = newsp and rax = 0
 * and executes `ret` (the dev backend gets this for free from the host
 * kernel, since its `ret` follows the raw syscall). Above that word sit func
 * and arg. See docs/syscall-abi.md. */
.text
.global __clone
.hidden __clone
.type   __clone,@function
__clone:
	and $-16,%rsi           /* new stack top, ABI aligned */
	mov %rcx,-8(%rsi)       /* arg */
	mov %rdi,-16(%rsi)      /* func */
	lea 1f(%rip),%rax
	mov %rax,-24(%rsi)      /* where the child returns to */
	sub $24,%rsi

	mov 8(%rsp),%rax        /* ctid */
	push $0                 /* 7th argument, keeps rsp 16-aligned at the call */
	mov %rdx,%rdi           /* save flags */
	mov %rsi,%rdx           /* a2 = newsp */
	mov %rdi,%rsi           /* a1 = flags */
	mov %r8,%rcx            /* a3 = ptid */
	mov %rax,%r8            /* a4 = ctid */
	                        /* a5 = tls, already in r9 */
	mov $56,%edi            /* SYS_clone */
	call __uk_syscall
	add $8,%rsp
	ret                     /* parent: tid or -errno */

1:	xor %ebp,%ebp           /* child: rsp at func, arg; outermost frame */
	pop %rax
	pop %rdi
	call *%rax
	mov %eax,%esi
	mov $60,%edi            /* SYS_exit: this thread only */
	call __uk_syscall
	ud2
