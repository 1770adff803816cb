/* x86_64-unikernel: libc never executes a raw `syscall` instruction.
 * Every system call is a plain function call to __uk_syscall(), which the
 * backend linked into the final program provides: the dev backend passes it
 * to the host kernel, the unikernel backends implement it in the kernel.
 * The numbers and semantics stay those of Linux x86_64.
 * See docs/syscall-abi.md for the contract. */

#define __SYSCALL_LL_E(x) (x)
#define __SYSCALL_LL_O(x) (x)

long __uk_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6);

static __inline long __syscall0(long n)
{
	return __uk_syscall(n, 0, 0, 0, 0, 0, 0);
}

static __inline long __syscall1(long n, long a1)
{
	return __uk_syscall(n, a1, 0, 0, 0, 0, 0);
}

static __inline long __syscall2(long n, long a1, long a2)
{
	return __uk_syscall(n, a1, a2, 0, 0, 0, 0);
}

static __inline long __syscall3(long n, long a1, long a2, long a3)
{
	return __uk_syscall(n, a1, a2, a3, 0, 0, 0);
}

static __inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	return __uk_syscall(n, a1, a2, a3, a4, 0, 0);
}

static __inline long __syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
	return __uk_syscall(n, a1, a2, a3, a4, a5, 0);
}

static __inline long __syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	return __uk_syscall(n, a1, a2, a3, a4, a5, a6);
}

/* No vDSO: clock_gettime and getcpu are system calls like the others, so a
 * program behaves the same in dev mode and in an image. */

#define IPC_64 0
