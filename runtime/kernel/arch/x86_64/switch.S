/* uk_context_switch(&from_sp, to_sp): the green-thread switch. The
 * callee-saved registers go on the current stack, its top into *from_sp;
 * then the same in reverse from to_sp. Everything else is caller-saved, so
 * the C caller already keeps what it needs. */
	.text
	.globl uk_context_switch
	.type uk_context_switch, @function
uk_context_switch:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, (%rdi)
	mov %rsi, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
	.size uk_context_switch, . - uk_context_switch

/* A new thread's first switch lands here, with rsp at the word clone's
 * caller left for it (docs/syscall-abi.md): finish the switch in C, then
 * return into the program with rax = 0, as clone returns in the child. */
	.globl uk_thread_first_run
	.type uk_thread_first_run, @function
uk_thread_first_run:
	mov %rsp, %rbx          /* callee-saved: survives the call */
	and $-16, %rsp          /* the ABI's alignment at a call */
	call uk_sched_switched
	mov %rbx, %rsp
	xor %eax, %eax
	ret
	.size uk_thread_first_run, . - uk_thread_first_run

/* The idle thread's first switch: its C loop never returns. */
	.globl uk_idle_first_run
	.type uk_idle_first_run, @function
uk_idle_first_run:
	call uk_sched_switched  /* rsp is 16-aligned here (sched.c) */
	call uk_sched_idle_loop
	ud2
	.size uk_idle_first_run, . - uk_idle_first_run

	.section .note.GNU-stack, "", @progbits
