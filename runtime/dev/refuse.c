/* Process creation in a dev executable: fail with ENOSYS and say so once per
 * call, as a unikernel image would. */

#define SYS_write 1
#define ENOSYS 38
#define STDERR 2

static unsigned char warned[512];

static long host_write(int fd, const void *buf, unsigned long len)
{
	long ret;
	__asm__ __volatile__ ("syscall"
		: "=a"(ret)
		: "a"((long)SYS_write), "D"((long)fd), "S"(buf), "d"(len)
		: "rcx", "r11", "memory");
	return ret;
}

static unsigned long length(const char *s)
{
	unsigned long n = 0;
	while (s[n])
		n++;
	return n;
}

static const char *call_name(long n)
{
	switch (n) {
	case 56: return "clone (new process)";
	case 57: return "fork";
	case 58: return "vfork";
	case 59: return "execve";
	case 322: return "execveat";
	case 435: return "clone3";
	default: return "process creation";
	}
}

long __uk_dev_refuse(long n)
{
	unsigned slot = (unsigned long)n % sizeof warned;
	/* Threads may race here: exactly one of them prints. */
	if (!__atomic_exchange_n(&warned[slot], 1, __ATOMIC_RELAXED)) {
		static const char head[] = "x86_64-unikernel: warning: ";
		static const char tail[] = " is not supported (no processes in a unikernel): returning ENOSYS\n";
		const char *name = call_name(n);
		host_write(STDERR, head, sizeof head - 1);
		host_write(STDERR, name, length(name));
		host_write(STDERR, tail, sizeof tail - 1);
	}
	return -ENOSYS;
}
