/* The system call dispatcher: every call libc makes arrives here, with Linux
 * x86_64 numbers and semantics (docs/syscall-abi.md). The table is filled at
 * boot from the UK_SYSCALL entries of the kernel's files. */
#include "kernel.h"
#include "syscall.h"
#include "sched.h"

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

long __uk_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	uk_sched_events++;      /* a thread acted: pollers look again (sched.c) */
	if ((unsigned long)n < UK_NSYSCALLS && table[n])
		return table[n](a1, a2, a3, a4, a5, a6);
	return uk_unimplemented(n);
}
