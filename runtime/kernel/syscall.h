/* How a kernel file provides a system call: UK_SYSCALL(number, name, handler)
 * next to the handler. Each entry lands in the uk_syscalls section; at boot
 * syscall.c turns them into the dispatch table, so adding a call touches only
 * the file that implements it. Handlers take up to six longs (Linux x86_64
 * argument order) and return a value or -errno. */
#ifndef UK_SYSCALL_H
#define UK_SYSCALL_H

typedef long (*uk_syscall_fn)(long, long, long, long, long, long);

struct uk_syscall_entry {
	long nr;
	const char *name;
	uk_syscall_fn fn;
};

/* A handler declared with fewer parameters is called with six: the x86_64
 * calling convention makes the extra ones harmless. The cast goes through
 * void (*)(void) to say that on purpose. */
#define UK_SYSCALL(nr, name, handler)                                          \
	static const struct uk_syscall_entry uk_syscall_##name                 \
	__attribute__((used, section("uk_syscalls"), aligned(8))) =            \
	{ nr, #name, (uk_syscall_fn)(void (*)(void))(handler) }

#define UK_NSYSCALLS 512

void uk_syscalls_init(void);
const char *uk_syscall_name(long nr);

#endif
