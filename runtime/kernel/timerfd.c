/* timerfd_create, timerfd_settime, timerfd_gettime: a timer (timers.h) read
 * as a file. A read returns the expirations since the last read or settime
 * as 8 bytes and waits while there are none (EAGAIN with O_NONBLOCK); the
 * file is readable (POLLIN) while there are some. */
#include "file.h"
#include "syscall.h"
#include "timers.h"
#include "wait.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define TFD_TIMER_ABSTIME 1
#define TFD_TIMER_CANCEL_ON_SET 2
#define NS 1000000000ULL

struct uk_itimerspec {
	struct uk_timespec_pair interval, value;
};

struct timerfd {
	struct uk_timer timer;
	int clock;
	uint64_t interval;   /* as last set: gettime reports it even while disarmed */
	uint64_t mark;       /* the timer's expiries at the last restart */
	uint64_t woken;      /* wake-ups before it */
};

/* Linux wakes a timerfd's waiters at the first expiry after the timer was
 * set, read or asked for its time; later expiries only add to the count
 * until one of those restarts its kernel timer. Those wake-ups are what
 * EPOLLET reports, so they are the file's changes. */
static uint64_t wakes(const struct timerfd *t)
{
	return t->woken + (uk_timer_expiries(&t->timer) > t->mark);
}

static void restart(struct timerfd *t)
{
	t->woken = wakes(t);
	t->mark = uk_timer_expiries(&t->timer);
}

static long tfd_read(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	struct timerfd *t = f->priv;
	(void)pos;
	if (len < 8)
		return -UK_EINVAL;
	/* uk_wait_once wakes at the timer's expiry: no spinning */
	while (!uk_timer_pending(&t->timer)) {
		if (f->flags & UK_O_NONBLOCK)
			return -UK_EAGAIN;
		uk_wait_once(UINT64_MAX);
	}
	uint64_t n = uk_timer_take(&t->timer);
	restart(t);
	memcpy(buf, &n, 8);
	return 8;
}

/* Linux reports POLLIN alone, without POLLRDNORM. */
static long tfd_poll(struct uk_file *f)
{
	return uk_timer_pending(&((struct timerfd *)f->priv)->timer) ? UK_POLLIN : 0;
}

static uint64_t tfd_changes(struct uk_file *f)
{
	return wakes(f->priv);
}

static long tfd_stat(struct uk_file *f, struct uk_stat *st)
{
	(void)f;
	st->mode = 0600;   /* anonymous inode */
	st->nlink = 1;
	st->blksize = 4096;
	return 0;
}

/* Closing the last descriptor disarms the timer. */
static void tfd_release(struct uk_file *f)
{
	struct timerfd *t = f->priv;
	uk_timer_disarm(&t->timer);
	uk_free(t);
}

static const struct uk_file_ops timerfd_ops = {
	.read = tfd_read,
	.poll = tfd_poll,
	.changes = tfd_changes,
	.stat = tfd_stat,
	.release = tfd_release,
};

/* The alarm clocks are the plain ones here (nothing suspends); Linux lets
 * only CAP_WAKE_ALARM use them. */
static long sys_timerfd_create(long clock, long flags)
{
	if (flags & ~(long)(UK_O_CLOEXEC | UK_O_NONBLOCK))
		return -UK_EINVAL;
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME &&
	    clock != CLOCK_REALTIME_ALARM && clock != CLOCK_BOOTTIME_ALARM)
		return -UK_EINVAL;
	if ((clock == CLOCK_REALTIME_ALARM || clock == CLOCK_BOOTTIME_ALARM) && !uk_cred_privileged())
		return -UK_EPERM;
	struct timerfd *t = uk_malloc(sizeof *t);
	struct uk_file *f = t ? uk_file_new(&timerfd_ops, UK_O_RDWR | (flags & UK_O_NONBLOCK)) : 0;
	if (!f) {
		uk_free(t);
		return -UK_ENOMEM;
	}
	t->clock = (int)clock;
	f->priv = t;
	return uk_fd_install(f, (flags & UK_O_CLOEXEC) != 0);
}

static struct timerfd *timerfd_of(long fd, long *err)
{
	struct uk_file *f = uk_fd_get(fd);
	*err = !f ? -UK_EBADF : f->ops != &timerfd_ops ? -UK_EINVAL : 0;
	return *err ? 0 : f->priv;
}

static int spec_valid(const struct uk_timespec_pair *ts)
{
	return ts->sec >= 0 && ts->nsec >= 0 && (unsigned long)ts->nsec < NS;
}

/* ns of a valid timespec, saturating where Linux's ktime does (INT64_MAX). */
static uint64_t spec_ns(const struct uk_timespec_pair *ts)
{
	if ((uint64_t)ts->sec >= (uint64_t)INT64_MAX / NS)
		return INT64_MAX;
	uint64_t ns = (uint64_t)ts->sec * NS + (uint64_t)ts->nsec;
	return ns > INT64_MAX ? INT64_MAX : ns;
}

static void set_spec(struct uk_timespec_pair *ts, uint64_t ns)
{
	ts->sec = (long)(ns / NS);
	ts->nsec = (long)(ns % NS);
}

static void current(struct timerfd *t, struct uk_itimerspec *out)
{
	restart(t);
	set_spec(&out->value, uk_timer_remaining(&t->timer));
	set_spec(&out->interval, t->interval);
}

/* Relative timers run on the monotonic clock whatever the timer's clock,
 * as on Linux; absolute ones on their own clock. CANCEL_ON_SET is accepted:
 * the image cannot set the clock, so nothing is ever cancelled. */
static long sys_timerfd_settime(long fd, long flags, long newp, long oldp)
{
	const struct uk_itimerspec *nv = (const struct uk_itimerspec *)newp;
	if ((flags & ~(long)(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) ||
	    !spec_valid(&nv->value) || !spec_valid(&nv->interval))
		return -UK_EINVAL;
	long err;
	struct timerfd *t = timerfd_of(fd, &err);
	if (!t)
		return err;
	if (oldp)
		current(t, (struct uk_itimerspec *)oldp);
	uint64_t value = spec_ns(&nv->value);
	t->interval = spec_ns(&nv->interval);
	if (!nv->value.sec && !nv->value.nsec) {
		uk_timer_disarm(&t->timer);
	} else if (!(flags & TFD_TIMER_ABSTIME)) {
		uint64_t now = uk_platform_clock_monotonic();
		uint64_t first = value > INT64_MAX - now ? INT64_MAX : now + value;
		uk_timer_arm(&t->timer, UK_TIMER_MONOTONIC, first, t->interval);
	} else {
		int wall = t->clock == CLOCK_REALTIME || t->clock == CLOCK_REALTIME_ALARM;
		uk_timer_arm(&t->timer, wall ? UK_TIMER_WALL : UK_TIMER_MONOTONIC, value, t->interval);
	}
	restart(t);
	return 0;
}

static long sys_timerfd_gettime(long fd, long curp)
{
	long err;
	struct timerfd *t = timerfd_of(fd, &err);
	if (!t)
		return err;
	current(t, (struct uk_itimerspec *)curp);
	return 0;
}

UK_SYSCALL(283, timerfd_create, sys_timerfd_create);
UK_SYSCALL(286, timerfd_settime, sys_timerfd_settime);
UK_SYSCALL(287, timerfd_gettime, sys_timerfd_gettime);
