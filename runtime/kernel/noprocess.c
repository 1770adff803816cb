/* Calls that would make a new process: an image is one program, so they
 * fail with ENOSYS and one warning each, in the words the dev backend uses
 * (runtime/dev/refuse.c), so a port sees the same message in both. */
#include "kernel.h"
#include "syscall.h"

static const char *call_name(long n)
{
	switch (n) {
	case 56: return "clone (new process)";
	case 57: return "fork";
	case 58: return "vfork";
	case 59: return "execve";
	case 322: return "execveat";
	default: return "clone3";
	}
}

long uk_no_process(long n)
{
	static unsigned char warned[6];
	unsigned slot = n == 56 ? 0 : n == 57 ? 1 : n == 58 ? 2 : n == 59 ? 3 : n == 322 ? 4 : 5;
	if (!warned[slot]) {
		warned[slot] = 1;
		uk_print("x86_64-unikernel: warning: ");
		uk_print(call_name(n));
		uk_print(" is not supported (no processes in a unikernel): returning ENOSYS\n");
	}
	return -UK_ENOSYS;
}

static long sys_fork(void) { return uk_no_process(57); }
static long sys_vfork(void) { return uk_no_process(58); }
static long sys_execve(void) { return uk_no_process(59); }
static long sys_execveat(void) { return uk_no_process(322); }
static long sys_clone3(void) { return uk_no_process(435); }

UK_SYSCALL(57, fork, sys_fork);
UK_SYSCALL(58, vfork, sys_vfork);
UK_SYSCALL(59, execve, sys_execve);
UK_SYSCALL(322, execveat, sys_execveat);
UK_SYSCALL(435, clone3, sys_clone3);
