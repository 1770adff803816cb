/* Clocks from the platform; sleeping parks in the platform's yield, never
 * spins. Arguments are checked as Linux checks them, with its errnos. */
#include "kernel.h"
#include "syscall.h"
#include "wait.h"

struct uk_timespec {
	long sec;
	long nsec;
};

struct uk_timeval {
	long sec;
	long usec;
};

struct uk_timezone {
	int minuteswest;
	int dsttime;
};

#define NS 1000000000ULL

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI 11
#define TIMER_ABSTIME 1

/* Linux's clock ids; 10 (the old SGI cycle counter) and negative ids (CPU
 * clocks of other processes and threads) do not exist here. */
static int clock_valid(long clk)
{
	return clk >= 0 && clk <= CLOCK_TAI && clk != 10;
}

static int clock_is_wall(long clk)
{
	return clk == CLOCK_REALTIME || clk == CLOCK_REALTIME_COARSE ||
	       clk == CLOCK_REALTIME_ALARM || clk == CLOCK_TAI;
}

/* One program on one CPU: its CPU time is the time since boot, as
 * getrusage says too (resource.c). */
static uint64_t clock_now(long clk)
{
	if (clock_is_wall(clk))
		return uk_platform_clock_wall();
	if (clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID)
		return uk_uptime_ns();
	return uk_platform_clock_monotonic();
}

static int timespec_valid(const struct uk_timespec *t)
{
	return t->sec >= 0 && t->nsec >= 0 && (unsigned long)t->nsec < NS;
}

/* ns from a valid timespec, saturating far beyond any real deadline. */
static uint64_t timespec_ns(const struct uk_timespec *t)
{
	if ((uint64_t)t->sec >= (uint64_t)INT64_MAX / NS - 1)
		return INT64_MAX;
	return (uint64_t)t->sec * NS + (uint64_t)t->nsec;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* Park until the monotonic clock reaches deadline. yield also returns when
 * a device becomes ready, hence the loop. -EINTR when a signal came. */
static long sleep_until(uint64_t deadline)
{
	while (uk_platform_clock_monotonic() < deadline)
		if (uk_wait_once(deadline))
			return -UK_EINTR;
	return 0;
}

/* Until the wall clock reaches target; re-aimed after every wake-up, so a
 * change of the host's clock moves the wake-up as it does on Linux. */
static long sleep_until_wall(uint64_t target)
{
	for (;;) {
		uint64_t wall = uk_platform_clock_wall();
		if (wall >= target)
			return 0;
		uint64_t mono = uk_platform_clock_monotonic();
		if (uk_wait_once(add_sat(mono, target - wall)))
			return -UK_EINTR;
	}
}

/* An interrupted relative sleep tells what was left. */
static long interrupted(uint64_t deadline, long rem)
{
	if (rem) {
		uint64_t now = uk_platform_clock_monotonic(), left = deadline > now ? deadline - now : 0;
		((struct uk_timespec *)rem)->sec = (long)(left / NS);
		((struct uk_timespec *)rem)->nsec = (long)(left % NS);
	}
	return -UK_EINTR;
}

long uk_sys_clock_gettime(long clk, long ts)
{
	struct uk_timespec *t = (struct uk_timespec *)ts;
	if (!clock_valid(clk))
		return -UK_EINVAL;
	uint64_t ns = clock_now(clk);
	t->sec = (long)(ns / NS);
	t->nsec = (long)(ns % NS);
	return 0;
}

static long sys_clock_getres(long clk, long res)
{
	if (!clock_valid(clk))
		return -UK_EINVAL;
	if (res) {
		((struct uk_timespec *)res)->sec = 0;
		((struct uk_timespec *)res)->nsec = 1;
	}
	return 0;
}

/* rem is only written when a signal interrupts the sleep. */
long uk_sys_nanosleep(long req, long rem)
{
	const struct uk_timespec *t = (const struct uk_timespec *)req;
	if (!timespec_valid(t))
		return -UK_EINVAL;
	uint64_t deadline = add_sat(uk_platform_clock_monotonic(), timespec_ns(t));
	return sleep_until(deadline) ? interrupted(deadline, rem) : 0;
}

static long sys_clock_nanosleep(long clk, long flags, long req, long rem)
{
	const struct uk_timespec *t = (const struct uk_timespec *)req;
	if (!clock_valid(clk))
		return -UK_EINVAL;
	if (clk == CLOCK_THREAD_CPUTIME_ID || clk == CLOCK_MONOTONIC_RAW ||
	    clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE)
		return -UK_EOPNOTSUPP;   /* Linux cannot sleep on these either */
	if (!timespec_valid(t))
		return -UK_EINVAL;
	uint64_t ns = timespec_ns(t), mono = uk_platform_clock_monotonic();
	if (!(flags & TIMER_ABSTIME))
		return sleep_until(add_sat(mono, ns)) ? interrupted(add_sat(mono, ns), rem) : 0;
	if (clock_is_wall(clk))
		return sleep_until_wall(ns);
	if (clk == CLOCK_PROCESS_CPUTIME_ID) {
		/* CPU time runs with the uptime (clock_now) */
		uint64_t up = uk_uptime_ns();
		return sleep_until(ns > up ? add_sat(mono, ns - up) : mono);
	}
	return sleep_until(ns);     /* absolute: rem untouched */
}

static long sys_gettimeofday(long tv, long tz)
{
	if (tv) {
		uint64_t ns = uk_platform_clock_wall();
		((struct uk_timeval *)tv)->sec = (long)(ns / NS);
		((struct uk_timeval *)tv)->usec = (long)(ns % NS / 1000);
	}
	if (tz) {
		/* The kernel's timezone is UTC, no DST. */
		((struct uk_timezone *)tz)->minuteswest = 0;
		((struct uk_timezone *)tz)->dsttime = 0;
	}
	return 0;
}

static long sys_time(long tloc)
{
	long s = (long)(uk_platform_clock_wall() / NS);
	if (tloc)
		*(long *)tloc = s;
	return s;
}

UK_SYSCALL(228, clock_gettime, uk_sys_clock_gettime);
UK_SYSCALL(229, clock_getres, sys_clock_getres);
UK_SYSCALL(230, clock_nanosleep, sys_clock_nanosleep);
UK_SYSCALL(35, nanosleep, uk_sys_nanosleep);
UK_SYSCALL(96, gettimeofday, sys_gettimeofday);
UK_SYSCALL(201, time, sys_time);
