/* Timers that end in a signal: alarm, setitimer(ITIMER_REAL) and the POSIX
 * timers (timer_create with SIGEV_SIGNAL, SIGEV_NONE, or SIGEV_THREAD_ID,
 * which musl's SIGEV_THREAD uses). Each has an expiry on the monotonic
 * clock; the kernel checks them whenever it wakes or a system call starts,
 * and sleeps no longer than the earliest. */
#include "kernel.h"
#include "syscall.h"
#include "sched.h"
#include "signal.h"

#define ITIMER_REAL 0
#define NS 1000000000ULL
#define US 1000ULL
#define MAX_TIMERS 256
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD_ID 4
#define TIMER_ABSTIME 1
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7

struct sig_timer {
	int used, realtime;
	uint64_t expiry, interval;      /* monotonic ns; UINT64_MAX: disarmed */
	int notify, signo, tid;
	uint64_t value;
	int overrun;
};

/* Slot 0 is ITIMER_REAL; POSIX timer ids are the other slots' indexes. */
static struct sig_timer timers[MAX_TIMERS] = { [0] = { .used = 1, .expiry = UINT64_MAX } };
static uint64_t next_expiry = UINT64_MAX;

static void recompute(void)
{
	next_expiry = UINT64_MAX;
	for (int i = 0; i < MAX_TIMERS; i++)
		if (timers[i].used && timers[i].expiry < next_expiry)
			next_expiry = timers[i].expiry;
}

uint64_t uk_itimer_next(void)
{
	return next_expiry;
}

static void fire(struct sig_timer *t, int id, uint64_t now)
{
	uint64_t periods = 1;
	if (t->interval) {
		periods = (now - t->expiry) / t->interval + 1;  /* missed ones merge */
		t->expiry += periods * t->interval;
	} else {
		t->expiry = UINT64_MAX;
	}
	if (t->notify == SIGEV_NONE)
		return;
	struct uk_thread *to = t->notify == SIGEV_THREAD_ID ? uk_thread_find(t->tid) : 0;
	int sig = id ? t->signo : UK_SIGALRM;
	/* Expiries while its signal still waits are overruns (Linux). */
	if (uk_signal_is_pending(to, sig)) {
		t->overrun += (int)periods;
		return;
	}
	t->overrun = (int)(periods - 1);
	struct uk_siginfo info = { .code = id ? UK_SI_TIMER : UK_SI_KERNEL, .timer = id - 1,
				   .overrun = t->overrun, .value = t->value };
	uk_signal_send(to, sig, &info);
}

void uk_itimer_check(uint64_t now)
{
	if (now < next_expiry)
		return;
	for (int i = 0; i < MAX_TIMERS; i++)
		if (timers[i].used && timers[i].expiry <= now)
			fire(&timers[i], i, now);
	recompute();
}

/* ITIMER_REAL and alarm */

struct k_timeval {
	long sec, usec;
};

struct k_itimerval {
	struct k_timeval interval, value;
};

static uint64_t tv_ns(const struct k_timeval *tv)
{
	return (uint64_t)tv->sec * NS + (uint64_t)tv->usec * US;
}

/* Linux rounds a remaining time up to whole microseconds. */
static void ns_tv(uint64_t ns, struct k_timeval *tv)
{
	uint64_t us = (ns + US - 1) / US;
	tv->sec = (long)(us / 1000000);
	tv->usec = (long)(us % 1000000);
}

static uint64_t left(const struct sig_timer *t)
{
	uint64_t now = uk_platform_clock_monotonic();
	if (t->expiry == UINT64_MAX)
		return 0;
	return t->expiry > now ? t->expiry - now : 1;   /* due: not yet fired */
}

static void current_itimer(struct k_itimerval *out)
{
	memset(out, 0, sizeof *out);
	ns_tv(left(&timers[0]), &out->value);
	ns_tv(timers[0].interval, &out->interval);
}

static long other_itimer(long which)
{
	static int warned;
	return which == 1 || which == 2 ? uk_unsupported(&warned, "ITIMER_VIRTUAL/ITIMER_PROF") : -UK_EINVAL;
}

static long sys_getitimer(long which, long value)
{
	if (which != ITIMER_REAL)
		return other_itimer(which);
	current_itimer((struct k_itimerval *)value);
	return 0;
}

static long sys_setitimer(long which, long value, long ovalue)
{
	const struct k_itimerval *v = (const struct k_itimerval *)value;
	if (which != ITIMER_REAL)
		return other_itimer(which);
	if (v && (v->value.usec < 0 || v->value.usec >= 1000000 || v->interval.usec < 0 ||
		  v->interval.usec >= 1000000 || v->value.sec < 0 || v->interval.sec < 0))
		return -UK_EINVAL;
	if (ovalue)
		current_itimer((struct k_itimerval *)ovalue);
	if (v) {
		uint64_t ns = tv_ns(&v->value);
		timers[0].expiry = ns ? uk_platform_clock_monotonic() + ns : UINT64_MAX;
		timers[0].interval = ns ? tv_ns(&v->interval) : 0;
		recompute();
	}
	return 0;
}

static long sys_alarm(long seconds)
{
	uint64_t ns = left(&timers[0]);
	/* The seconds left, rounded to nearest and at least 1 (Linux). */
	long was = (long)((ns + NS / 2) / NS);
	if (ns && !was)
		was = 1;
	timers[0].expiry = seconds ? uk_platform_clock_monotonic() + (uint64_t)(unsigned long)seconds * NS
				   : UINT64_MAX;
	timers[0].interval = 0;
	recompute();
	return was;
}

/* POSIX timers */

struct k_sigevent {
	uint64_t value;
	int signo, notify;
	int tid;
	int pad[11];
};

struct k_timespec {
	long sec, nsec;
};

struct k_itimerspec {
	struct k_timespec interval, value;
};

static struct sig_timer *timer_of(long id)
{
	return id >= 0 && id < MAX_TIMERS - 1 && timers[id + 1].used ? &timers[id + 1] : 0;
}

static long sys_timer_create(long clock, long sevp, long idp)
{
	const struct k_sigevent *ev = (const struct k_sigevent *)sevp;
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME) {
		static int warned;
		return clock >= 0 && clock <= 11 ? uk_unsupported(&warned, "timer_create on a CPU-time or alarm clock")
						 : -UK_EINVAL;
	}
	if (ev && ev->notify != SIGEV_SIGNAL && ev->notify != SIGEV_NONE && ev->notify != SIGEV_THREAD_ID)
		return -UK_EINVAL;
	if (ev && ev->notify != SIGEV_NONE && (ev->signo < 1 || ev->signo > UK_NSIG))
		return -UK_EINVAL;
	if (ev && ev->notify == SIGEV_THREAD_ID && !uk_thread_find(ev->tid))
		return -UK_EINVAL;
	for (int i = 1; i < MAX_TIMERS; i++) {
		struct sig_timer *t = &timers[i];
		if (t->used)
			continue;
		memset(t, 0, sizeof *t);
		t->used = 1;
		t->expiry = UINT64_MAX;
		t->realtime = clock == CLOCK_REALTIME;
		t->notify = ev ? ev->notify : SIGEV_SIGNAL;
		t->signo = ev ? ev->signo : UK_SIGALRM;
		t->tid = ev ? ev->tid : 0;
		t->value = ev ? ev->value : (uint64_t)(i - 1);   /* Linux: the id */
		*(int *)idp = i - 1;
		return 0;
	}
	return -UK_EAGAIN;
}

static void current_spec(const struct sig_timer *t, struct k_itimerspec *out)
{
	uint64_t ns = left(t);
	out->value.sec = (long)(ns / NS);
	out->value.nsec = (long)(ns % NS);
	out->interval.sec = (long)(t->interval / NS);
	out->interval.nsec = (long)(t->interval % NS);
}

static int spec_valid(const struct k_timespec *ts)
{
	return ts->sec >= 0 && ts->nsec >= 0 && ts->nsec < (long)NS;
}

static long sys_timer_settime(long id, long flags, long newp, long oldp)
{
	struct sig_timer *t = timer_of(id);
	const struct k_itimerspec *v = (const struct k_itimerspec *)newp;
	if (!t)
		return -UK_EINVAL;
	if (!spec_valid(&v->value) || !spec_valid(&v->interval))
		return -UK_EINVAL;
	if (oldp)
		current_spec(t, (struct k_itimerspec *)oldp);
	uint64_t ns = (uint64_t)v->value.sec * NS + (uint64_t)v->value.nsec;
	uint64_t now = uk_platform_clock_monotonic();
	if (!ns) {
		t->expiry = UINT64_MAX;
	} else if (flags & TIMER_ABSTIME) {
		/* An absolute time on the timer's clock, as a monotonic one. */
		uint64_t clock_now = t->realtime ? uk_platform_clock_wall() : now;
		t->expiry = ns > clock_now ? now + (ns - clock_now) : now;
	} else {
		t->expiry = now + ns;
	}
	t->interval = ns ? (uint64_t)v->interval.sec * NS + (uint64_t)v->interval.nsec : 0;
	t->overrun = 0;
	recompute();
	uk_itimer_check(now);           /* an expiry already past fires now */
	return 0;
}

static long sys_timer_gettime(long id, long curr)
{
	struct sig_timer *t = timer_of(id);
	if (!t)
		return -UK_EINVAL;
	current_spec(t, (struct k_itimerspec *)curr);
	return 0;
}

static long sys_timer_getoverrun(long id)
{
	struct sig_timer *t = timer_of(id);
	return t ? t->overrun : -UK_EINVAL;
}

static long sys_timer_delete(long id)
{
	struct sig_timer *t = timer_of(id);
	if (!t)
		return -UK_EINVAL;
	t->used = 0;
	recompute();
	return 0;
}

UK_SYSCALL(36, getitimer, sys_getitimer);
UK_SYSCALL(38, setitimer, sys_setitimer);
UK_SYSCALL(37, alarm, sys_alarm);
UK_SYSCALL(222, timer_create, sys_timer_create);
UK_SYSCALL(223, timer_settime, sys_timer_settime);
UK_SYSCALL(224, timer_gettime, sys_timer_gettime);
UK_SYSCALL(225, timer_getoverrun, sys_timer_getoverrun);
UK_SYSCALL(226, timer_delete, sys_timer_delete);
