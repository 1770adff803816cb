/* The system call dispatcher: every call libc makes arrives here, with Linux
 * x86_64 numbers and semantics (docs/syscall-abi.md). The table is filled at
 * boot from the UK_SYSCALL entries of the kernel's files. */
#include "kernel.h"
#include "syscall.h"
#include "sched.h"
#include "signal.h"

extern const struct uk_syscall_entry __start_uk_syscalls[], __stop_uk_syscalls[];

static uk_syscall_fn table[UK_NSYSCALLS];

void uk_syscalls_init(void)
{
	for (const struct uk_syscall_entry *e = __start_uk_syscalls; e < __stop_uk_syscalls; e++) {
		if (e->nr < 0 || e->nr >= UK_NSYSCALLS || table[e->nr]) {
			uk_print_dec("x86_64-unikernel: bad or duplicate system call entry ", e->nr);
			uk_print("\n");
			uk_platform_exit(1);
		}
		table[e->nr] = e->fn;
	}
}

const char *uk_syscall_name(long nr)
{
	for (const struct uk_syscall_entry *e = __start_uk_syscalls; e < __stop_uk_syscalls; e++)
		if (e->nr == nr)
			return e->name;
	return 0;
}

/* Calls that SA_RESTART restarts after a handler, as Linux does; the
 * waits with a timeout (poll, epoll_wait, nanosleep...) return EINTR. */
static int restartable(long n)
{
	switch (n) {
	case 0: case 1: case 16: case 17: case 18: case 19: case 20:   /* read write ioctl pread pwrite readv writev */
	case 43: case 44: case 45: case 46: case 47: case 288:          /* accept sendto recvfrom sendmsg recvmsg accept4 */
	case 72: case 73: case 202: case 295: case 296:                 /* fcntl flock futex preadv pwritev */
		return 1;
	default:
		return 0;
	}
}

long __uk_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	uk_sched_events++;      /* a thread acted: pollers look again (sched.c) */
	if (uk_itimer_next() != UINT64_MAX)
		uk_itimer_check(uk_platform_clock_monotonic());
	for (;;) {
		long r = (unsigned long)n < UK_NSYSCALLS && table[n] ? table[n](a1, a2, a3, a4, a5, a6)
		                                                    : uk_unimplemented(n);
		/* The safe point: the call is done, the handlers run now. They
		 * may move where this call returns (the frame pointer that
		 * __builtin_frame_address forces here finds that slot). */
		if (!uk_signal_pending())
			return r;
		void **ret_slot = (void **)__builtin_frame_address(0) + 1;
		if (uk_signal_deliver(ret_slot) != UK_SIGNAL_RESTART || r != -UK_EINTR || !restartable(n))
			return r;
	}
}
