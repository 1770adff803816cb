/* What the process may use and has used: resource limits (real state per
 * limit), rusage and times (the one process has run since boot), sysinfo
 * (from the memory manager's numbers), and the single CPU: affinity and
 * getcpu. Linux x86_64 layouts and errors. */
#include "kernel.h"
#include "syscall.h"

#define RLIM_INFINITY (~0UL)
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIM_NLIMITS 16
#define NOFILE_MAX 65536UL    /* the fd table's ceiling: Linux's fs.nr_open here */

#define RUSAGE_CHILDREN (-1)
#define RUSAGE_SELF 0
#define RUSAGE_THREAD 1
#define USER_HZ 100

#define NS 1000000000ULL

struct uk_rlimit {
	unsigned long cur, max;
};

static struct uk_rlimit limits[RLIM_NLIMITS];

static uint64_t start_ns;

void uk_resource_init(void)
{
	start_ns = uk_platform_clock_monotonic();
	for (int i = 0; i < RLIM_NLIMITS; i++)
		limits[i].cur = limits[i].max = RLIM_INFINITY;
	/* Linux's defaults where a limit means something here. The main stack is
	 * fixed at boot (8 MiB); no core dumps; NICE and RTPRIO 0 as on Linux. */
	limits[RLIMIT_STACK].cur = 8UL << 20;
	limits[RLIMIT_CORE].cur = 0;
	limits[RLIMIT_NOFILE].cur = 1024;
	limits[RLIMIT_NOFILE].max = NOFILE_MAX;
	limits[RLIMIT_MEMLOCK].cur = limits[RLIMIT_MEMLOCK].max = 8UL << 20;
	limits[RLIMIT_NICE].cur = limits[RLIMIT_NICE].max = 0;
	limits[RLIMIT_RTPRIO].cur = limits[RLIMIT_RTPRIO].max = 0;
}

uint64_t uk_uptime_ns(void)
{
	return uk_platform_clock_monotonic() - start_ns;
}

unsigned long uk_rlimit_nofile(void)
{
	return limits[RLIMIT_NOFILE].cur;
}

/* Linux's rules: soft above hard is EINVAL; raising a hard limit needs root
 * (EPERM); RLIMIT_NOFILE cannot go above the fd table's ceiling (EPERM, as
 * above fs.nr_open). */
static long do_prlimit(long resource, const struct uk_rlimit *new, struct uk_rlimit *old)
{
	if ((unsigned long)resource >= RLIM_NLIMITS)
		return -UK_EINVAL;
	if (new) {
		if (new->cur > new->max)
			return -UK_EINVAL;
		if (resource == RLIMIT_NOFILE && new->max > NOFILE_MAX)
			return -UK_EPERM;
		if (new->max > limits[resource].max && !uk_cred_privileged())
			return -UK_EPERM;
	}
	if (old)
		*old = limits[resource];
	if (new)
		limits[resource] = *new;
	return 0;
}

static long sys_prlimit64(long pid, long resource, long new, long old)
{
	if (pid != 0 && pid != 1)
		return -UK_ESRCH;
	return do_prlimit(resource, (const struct uk_rlimit *)new, (struct uk_rlimit *)old);
}

static long sys_getrlimit(long resource, long rlim)
{
	return do_prlimit(resource, 0, (struct uk_rlimit *)rlim);
}

static long sys_setrlimit(long resource, long rlim)
{
	return do_prlimit(resource, (const struct uk_rlimit *)rlim, 0);
}

struct uk_timeval {
	long sec, usec;
};

struct uk_rusage {
	struct uk_timeval utime, stime;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock,
	     msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

/* One CPU that only this program uses: its run time is all user time. */
static long sys_getrusage(long who, long usage)
{
	struct uk_rusage *ru = (struct uk_rusage *)usage;
	if (who != RUSAGE_SELF && who != RUSAGE_THREAD && who != RUSAGE_CHILDREN)
		return -UK_EINVAL;
	memset(ru, 0, sizeof *ru);
	if (who == RUSAGE_CHILDREN)
		return 0;   /* there are none */
	uint64_t t = uk_uptime_ns();
	ru->utime.sec = (long)(t / NS);
	ru->utime.usec = (long)(t % NS / 1000);
	ru->maxrss = (long)(uk_mem_peak() / 1024);
	return 0;
}

struct uk_tms {
	long utime, stime, cutime, cstime;
};

static long sys_times(long buf)
{
	long ticks = (long)(uk_uptime_ns() / (NS / USER_HZ));
	if (buf) {
		struct uk_tms *t = (struct uk_tms *)buf;
		t->utime = ticks;
		t->stime = t->cutime = t->cstime = 0;
	}
	return ticks;
}

struct uk_sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
};

static long sys_sysinfo(long buf)
{
	struct uk_sysinfo *si = (struct uk_sysinfo *)buf;
	size_t total, free;
	uint64_t t = uk_uptime_ns();
	uk_mem_stats(&total, &free);
	memset(si, 0, sizeof *si);
	si->uptime = (long)(t / NS + (t % NS != 0));   /* rounded up, as Linux does */
	si->totalram = total;
	si->freeram = free;
	si->procs = 1;
	si->mem_unit = 1;
	return 0;
}

/* Affinity masks: one CPU, so one unsigned long with bit 0. */
static long sys_sched_getaffinity(long pid, long len, long mask)
{
	if (pid != 0 && pid != 1)
		return -UK_ESRCH;
	if (len <= 0 || (len & 7))
		return -UK_EINVAL;
	if (!mask)
		return -UK_EFAULT;
	*(unsigned long *)mask = 1;
	return 8;   /* bytes written, as Linux returns */
}

static long sys_sched_setaffinity(long pid, long len, long mask)
{
	if (pid != 0 && pid != 1)
		return -UK_ESRCH;
	if (len <= 0 || !mask || !(*(const unsigned char *)mask & 1))
		return -UK_EINVAL;   /* no CPU we have */
	return 0;
}

static long sys_getcpu(long cpu, long node)
{
	if (cpu)
		*(unsigned *)cpu = 0;
	if (node)
		*(unsigned *)node = 0;
	return 0;
}

UK_SYSCALL(97, getrlimit, sys_getrlimit);
UK_SYSCALL(98, getrusage, sys_getrusage);
UK_SYSCALL(99, sysinfo, sys_sysinfo);
UK_SYSCALL(100, times, sys_times);
UK_SYSCALL(160, setrlimit, sys_setrlimit);
UK_SYSCALL(203, sched_setaffinity, sys_sched_setaffinity);
UK_SYSCALL(204, sched_getaffinity, sys_sched_getaffinity);
UK_SYSCALL(302, prlimit64, sys_prlimit64);
UK_SYSCALL(309, getcpu, sys_getcpu);
