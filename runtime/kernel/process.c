/* The process: one program, pid 1, exiting with its status; the leader of
 * its own process group and session (1); a name for prctl. Credentials are
 * in cred.c, limits and usage in resource.c. */
#include "kernel.h"
#include "syscall.h"
#include "file.h"
#include "net/net.h"
#include "sched.h"

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define TASK_COMM_LEN 16
#define NSIG 64

static char comm[TASK_COMM_LEN] = "program";   /* argv[0] as boot sets it */
static long pdeathsig, dumpable = 1, no_new_privs;

/* As on Linux, exit closes every descriptor; connections then get what
 * was written to them before the image goes. No other thread runs again. */
long uk_exit_group(long status)
{
	uk_sched_stop();
	uk_fd_close_all();
	uk_net_drain();
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
		uk_sched_set_tls((uintptr_t)addr);
		return 0;
	case ARCH_GET_FS:
		*(uintptr_t *)addr = uk_current->tls;
		return 0;
	default:
		return -UK_EINVAL;
	}
}

static int is_self(long pid)
{
	return pid == 0 || pid == 1;
}

static long sys_getpgid(long pid)
{
	return is_self(pid) ? 1 : -UK_ESRCH;
}

static long sys_getpgrp(void)
{
	return 1;
}

/* A session leader may not start a new session or change its group. */
static long sys_setsid(void)
{
	return -UK_EPERM;
}

static long sys_setpgid(long pid, long pgid)
{
	if (pgid < 0)
		return -UK_EINVAL;
	return is_self(pid) ? -UK_EPERM : -UK_ESRCH;
}

static long sys_prctl(long option, long arg2, long arg3, long arg4, long arg5)
{
	switch (option) {
	case PR_SET_NAME:
		/* Up to 15 bytes, zero-padded, as Linux's task comm. */
		memset(comm, 0, sizeof comm);
		for (int i = 0; i < TASK_COMM_LEN - 1; i++)
			if (!(comm[i] = ((const char *)arg2)[i]))
				break;
		return 0;
	case PR_GET_NAME:
		memcpy((void *)arg2, comm, TASK_COMM_LEN);
		return 0;
	case PR_SET_PDEATHSIG:
		if (arg2 < 0 || arg2 > NSIG)
			return -UK_EINVAL;
		pdeathsig = arg2;   /* the parent never dies: kept for GET */
		return 0;
	case PR_GET_PDEATHSIG:
		*(int *)arg2 = (int)pdeathsig;
		return 0;
	case PR_GET_DUMPABLE:
		return dumpable;
	case PR_SET_DUMPABLE:
		if (arg2 != 0 && arg2 != 1)
			return -UK_EINVAL;
		dumpable = arg2;
		return 0;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -UK_EINVAL;
		no_new_privs = 1;   /* nothing executes new programs anyway */
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -UK_EINVAL;
		return no_new_privs;
	default:
		return -UK_EINVAL;
	}
}

UK_SYSCALL(231, exit_group, uk_exit_group);
UK_SYSCALL(39, getpid, sys_one);
UK_SYSCALL(110, getppid, sys_zero);
UK_SYSCALL(109, setpgid, sys_setpgid);
UK_SYSCALL(111, getpgrp, sys_getpgrp);
UK_SYSCALL(112, setsid, sys_setsid);
UK_SYSCALL(121, getpgid, sys_getpgid);
UK_SYSCALL(124, getsid, sys_getpgid);         /* session 1, like the group */
UK_SYSCALL(157, prctl, sys_prctl);
UK_SYSCALL(273, set_robust_list, sys_zero);
UK_SYSCALL(158, arch_prctl, sys_arch_prctl);
