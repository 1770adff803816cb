/* The dev backend's __uk_syscall(n, a1..a6): hand the call to the host
 * kernel unchanged, except process creation, which a unikernel cannot do.
 *
 * The fast path touches no memory but the 7th argument slot and the return
 * address: rt_sigreturn and __unmapself jump here with rsp on a signal frame
 * or a static area, and clone's child "returns" through the new stack's top
 * word (docs/syscall-abi.md). */

#define SYS_clone   56
#define SYS_fork    57
#define SYS_vfork   58
#define SYS_execve  59
#define SYS_execveat 322
#define SYS_clone3  435
#define CLONE_VM     0x00000100
#define CLONE_THREAD 0x00010000

	.text
	.globl __uk_syscall
	.type __uk_syscall, @function
__uk_syscall:
	cmp $SYS_clone, %rdi
	je .Lclone
	cmp $SYS_fork, %rdi
	je .Lrefuse
	cmp $SYS_vfork, %rdi
	je .Lrefuse
	cmp $SYS_execve, %rdi
	je .Lrefuse
	cmp $SYS_execveat, %rdi
	je .Lrefuse
	cmp $SYS_clone3, %rdi
	je .Lrefuse
.Lpass:
	mov %rdi, %rax
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	mov %r8, %r10
	mov %r9, %r8
	mov 8(%rsp), %r9
	syscall
	ret

	/* A thread (shares memory and thread group) may be made; a process not. */
.Lclone:
	mov %rsi, %rax
	and $(CLONE_VM | CLONE_THREAD), %rax
	cmp $(CLONE_VM | CLONE_THREAD), %rax
	je .Lpass
.Lrefuse:
	jmp __uk_dev_refuse
	.size __uk_syscall, . - __uk_syscall

	.section .note.GNU-stack, "", @progbits
