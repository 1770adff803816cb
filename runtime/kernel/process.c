/* The process: one program, pid 1, root, exiting with its status. */
#include "kernel.h"
#include "syscall.h"

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

static uintptr_t tls_base;

static long sys_exit_group(long status)
{
	uk_platform_exit((int)status);
}

static long sys_zero(void)
{
	return 0;
}

static long sys_one(void)
{
	return 1;
}

static long sys_arch_prctl(long code, long addr)
{
	switch (code) {
	case ARCH_SET_FS:
		tls_base = (uintptr_t)addr;
		uk_platform_set_tls_base(tls_base);
		return 0;
	case ARCH_GET_FS:
		*(uintptr_t *)addr = tls_base;
		return 0;
	default:
		return -UK_EINVAL;
	}
}

UK_SYSCALL(60, exit, sys_exit_group);          /* one thread: exit ends the program */
UK_SYSCALL(231, exit_group, sys_exit_group);
UK_SYSCALL(39, getpid, sys_one);
UK_SYSCALL(186, gettid, sys_one);
UK_SYSCALL(218, set_tid_address, sys_one);
UK_SYSCALL(110, getppid, sys_zero);
UK_SYSCALL(102, getuid, sys_zero);
UK_SYSCALL(104, getgid, sys_zero);
UK_SYSCALL(107, geteuid, sys_zero);
UK_SYSCALL(108, getegid, sys_zero);
UK_SYSCALL(273, set_robust_list, sys_zero);
UK_SYSCALL(13, rt_sigaction, sys_zero);        /* signals: issue 5 */
UK_SYSCALL(14, rt_sigprocmask, sys_zero);
UK_SYSCALL(24, sched_yield, sys_zero);         /* one thread */
UK_SYSCALL(158, arch_prctl, sys_arch_prctl);
