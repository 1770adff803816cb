/* Calls the kernel does not implement: ENOSYS, and one warning per call
 * number, naming the call, so the log says what a program missed without
 * flooding it. */
#include "kernel.h"

static unsigned char warned[512];

static const struct {
	short n;
	const char *name;
} names[] = {
	{2, "open"}, {4, "stat"}, {5, "fstat"}, {7, "poll"}, {8, "lseek"}, {9, "mmap"},
	{17, "pread64"}, {19, "readv"}, {22, "pipe"}, {23, "select"}, {32, "dup"},
	{33, "dup2"}, {41, "socket"}, {42, "connect"}, {43, "accept"}, {49, "bind"},
	{50, "listen"}, {56, "clone"}, {57, "fork"}, {58, "vfork"}, {59, "execve"},
	{61, "wait4"}, {62, "kill"}, {72, "fcntl"}, {79, "getcwd"}, {80, "chdir"},
	{83, "mkdir"}, {87, "unlink"}, {202, "futex"}, {217, "getdents64"},
	{232, "epoll_wait"}, {257, "openat"}, {262, "newfstatat"}, {288, "accept4"},
	{290, "eventfd2"}, {291, "epoll_create1"}, {293, "pipe2"}, {302, "prlimit64"},
	{318, "getrandom"}, {322, "execveat"}, {332, "statx"}, {435, "clone3"},
};

static const char *call_name(long n)
{
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].n == n)
			return names[i].name;
	return 0;
}

long uk_unimplemented(long n)
{
	unsigned slot = (unsigned long)n % sizeof warned;
	if (!warned[slot]) {
		const char *name = call_name(n);
		warned[slot] = 1;
		uk_print("x86_64-unikernel: warning: ");
		if (name)
			uk_print(name);
		uk_print_dec(name ? " (system call " : "system call ", n);
		uk_print(name ? ") is not implemented: returning ENOSYS\n"
		              : " is not implemented: returning ENOSYS\n");
	}
	return -UK_ENOSYS;
}
