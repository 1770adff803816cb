/* The system call table: every call libc makes arrives here, with Linux
 * x86_64 numbers and semantics (docs/syscall-abi.md). */
#include "kernel.h"

#define ARCH_SET_FS 0x1002

struct uk_utsname {
	char field[6][65];
};

static void copy_field(char *dst, const char *src)
{
	size_t n = uk_strlen(src);
	memcpy(dst, src, n + 1);
}

static long sys_uname(long buf)
{
	struct uk_utsname *u = (struct uk_utsname *)buf;
	memset(u, 0, sizeof *u);
	copy_field(u->field[0], "Linux");
	copy_field(u->field[1], "unikernel");
	copy_field(u->field[2], "6.1.0-x86_64-unikernel");
	copy_field(u->field[3], "#1");
	copy_field(u->field[4], "x86_64");
	copy_field(u->field[5], "(none)");
	return 0;
}

static long sys_arch_prctl(long code, long addr)
{
	if (code != ARCH_SET_FS)
		return -UK_EINVAL;
	uk_platform_set_tls_base((uintptr_t)addr);
	return 0;
}

long __uk_syscall(long n, long a1, long a2, long a3, long a4, long a5, long a6)
{
	switch (n) {
	case 0:   return a1 == 0 ? 0 : -UK_EBADF;        /* read: stdin at EOF */
	case 1:   return uk_sys_write(a1, a2, a3);
	case 3:   return a1 >= 0 && a1 <= 2 ? 0 : -UK_EBADF;  /* close */
	case 9:   return uk_sys_mmap(a1, a2, a3, a4, a5, a6);
	case 10:  return 0;                                /* mprotect: one protection domain */
	case 11:  return uk_sys_munmap(a1, a2);
	case 12:  return uk_sys_brk(a1);
	case 13:  return 0;                                /* rt_sigaction: no signals yet */
	case 14:  return 0;                                /* rt_sigprocmask */
	case 16:  return uk_sys_ioctl(a1, a2, a3);
	case 20:  return uk_sys_writev(a1, a2, a3);
	case 24:  return 0;                                /* sched_yield */
	case 28:  return 0;                                /* madvise: advice only */
	case 35:  return uk_sys_nanosleep(a1, a2);
	case 39:  return 1;                                /* getpid */
	case 60:  uk_platform_exit((int)a1);              /* exit: one thread */
	case 63:  return sys_uname(a1);
	case 102: case 104: case 107: case 108: return 0; /* get[e]uid, get[e]gid */
	case 110: return 0;                                /* getppid */
	case 158: return sys_arch_prctl(a1, a2);
	case 186: return 1;                                /* gettid */
	case 218: return 1;                                /* set_tid_address */
	case 228: return uk_sys_clock_gettime(a1, a2);
	case 231: uk_platform_exit((int)a1);              /* exit_group */
	case 273: return 0;                                /* set_robust_list */
	default:  return uk_unimplemented(n);
	}
}
