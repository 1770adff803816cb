/* epoll: an interest list per epoll file; epoll_wait checks each watched
 * file's readiness and waits in uk_wait_once. Level-triggered by default;
 * EPOLLET reports a condition when it appears or when the file reports new
 * activity (its changes count), EPOLLONESHOT disarms an item after one report.
 * Items do not hold their file: closing the last descriptor of a file drops
 * it from every interest list, as on Linux. */
#include "file.h"
#include "poll.h"
#include "syscall.h"
#include "wait.h"
#include "signal.h"
#include "net/net.h"

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)
#define EPOLL_FLAGS (EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET)
#define ALWAYS (UK_POLLERR | UK_POLLHUP)
#define MAX_EVENTS (1 << 20)

struct epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

struct item {
	struct item *next;
	int fd;
	uint64_t file_id;       /* the file this fd named when it was added */
	uint32_t events;        /* interest and flags */
	uint64_t data;
	uint32_t seen;          /* ET: conditions present at the last report */
	uint64_t changes;       /* ET: the file's change count at the last report */
	int disarmed;           /* ONESHOT after its report */
	uint64_t order;         /* its place on the ready list; 0: not on it */
};

struct epoll {
	struct item *items;
};

static struct uk_file *watched(const struct item *it)
{
	struct uk_file *f = uk_fd_get(it->fd);
	return f && f->id == it->file_id ? f : 0;
}

/* Items whose descriptor was closed (or now names another file) go. */
static void drop_stale(struct epoll *ep)
{
	for (struct item **p = &ep->items; *p;) {
		if (!watched(*p)) {
			struct item *dead = *p;
			*p = dead->next;
			uk_free(dead);
		} else {
			p = &(*p)->next;
		}
	}
}

/* What an item would report now (0: nothing), without changing it. */
static uint32_t ready_bits(struct item *it, struct uk_file *f, uint64_t *changes, uint32_t *level)
{
	uint32_t bits = (uint32_t)uk_file_readiness(f) & (it->events | ALWAYS);
	*level = bits;
	*changes = f->ops->changes ? f->ops->changes(f) : 0;
	/* EPOLLET: a condition that appeared, or new activity on one that
	 * stayed (more data arrived), is an edge. */
	if (it->events & EPOLLET)
		bits = *changes != it->changes ? bits : bits & ~it->seen;
	return bits;
}

/* Linux keeps a ready list: a file joins its tail when it becomes ready
 * and keeps its place while it stays so; a level-triggered item that was
 * reported goes to the tail again. Here the place is the stamp of the
 * change that made the file ready (uk_file_stamp), so connections are
 * served in the order their data came, not the order they were added. */
struct ready {
	struct item *it;
	uint32_t bits, level;
	uint64_t changes;
};

static void sort_by_order(struct ready *r, int n)
{
	for (int i = 1; i < n; i++) {
		struct ready x = r[i];
		int j = i;
		for (; j > 0 && r[j - 1].it->order > x.it->order; j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
}

/* Collect up to max events; with out == 0 only says whether any is ready,
 * changing nothing. */
static int collect(struct epoll *ep, struct epoll_event *out, int max)
{
	int n = 0, cap = 0;
	struct ready *r = 0;
	drop_stale(ep);
	for (struct item *it = ep->items; it; it = it->next) {
		if (it->disarmed)
			continue;
		struct uk_file *f = watched(it);
		uint64_t changes;
		uint32_t level, bits = ready_bits(it, f, &changes, &level);
		if (!out) {
			if (bits)
				return 1;
			continue;
		}
		if (!bits) {
			it->order = 0;          /* off the ready list */
			if (it->events & EPOLLET) {
				it->seen = level;       /* a condition that goes and comes back is an edge */
				it->changes = changes;
			}
			continue;
		}
		if (!it->order)
			it->order = changes ? changes : uk_file_stamp();
		if (n == cap) {
			struct ready *more = uk_realloc(r, (size_t)(cap ? 2 * cap : 16) * sizeof *r);
			if (!more)
				break;          /* short of memory: report what fits */
			r = more;
			cap = cap ? 2 * cap : 16;
		}
		r[n].it = it;
		r[n].bits = bits;
		r[n].level = level;
		r[n].changes = changes;
		n++;
	}
	if (!out)
		return 0;
	sort_by_order(r, n);
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++) {
		struct item *it = r[i].it;
		out[i].events = r[i].bits;
		out[i].data = it->data;
		if (it->events & EPOLLET) {
			it->seen = r[i].level;
			it->changes = r[i].changes;
		}
		if (it->events & (EPOLLET | EPOLLONESHOT))
			it->order = 0;          /* reported: off the list until a new edge */
		else
			it->order = uk_file_stamp();   /* level-triggered: to the tail */
		if (it->events & EPOLLONESHOT)
			it->disarmed = 1;
	}
	uk_free(r);
	return n;
}

static long epoll_poll(struct uk_file *f)
{
	return collect(f->priv, 0, 1) ? UK_POLLIN | UK_POLLRDNORM : 0;
}

static void epoll_release(struct uk_file *f)
{
	struct epoll *ep = f->priv;
	while (ep->items) {
		struct item *it = ep->items;
		ep->items = it->next;
		uk_free(it);
	}
	uk_free(ep);
}

static long epoll_stat(struct uk_file *f, struct uk_stat *st)
{
	(void)f;
	st->mode = 0600;   /* anonymous inode: no file type bits, as on Linux */
	st->nlink = 1;
	st->blksize = 4096;
	return 0;
}

static const struct uk_file_ops epoll_ops = {
	.poll = epoll_poll,
	.release = epoll_release,
	.stat = epoll_stat,
};

static long sys_epoll_create1(long flags)
{
	if (flags & ~(long)UK_O_CLOEXEC)
		return -UK_EINVAL;
	struct epoll *ep = uk_malloc(sizeof *ep);
	if (!ep)
		return -UK_ENOMEM;
	struct uk_file *f = uk_file_new(&epoll_ops, UK_O_RDWR);
	if (!f) {
		uk_free(ep);
		return -UK_ENOMEM;
	}
	f->priv = ep;
	return uk_fd_install(f, (flags & UK_O_CLOEXEC) != 0);
}

static long sys_epoll_create(long size)
{
	return size <= 0 ? -UK_EINVAL : sys_epoll_create1(0);
}

static struct epoll *epoll_of(long epfd, long *err)
{
	struct uk_file *f = uk_fd_get(epfd);
	*err = !f ? -UK_EBADF : f->ops != &epoll_ops ? -UK_EINVAL : 0;
	return *err ? 0 : f->priv;
}

static long sys_epoll_ctl(long epfd, long op, long fd, long eventp)
{
	long err;
	struct epoll *ep = epoll_of(epfd, &err);
	if (!ep)
		return err;
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (fd == epfd)
		return -UK_EINVAL;
	/* Files without a poll operation (regular files, directories,
	 * /dev/null...) cannot be watched: EPERM, as on Linux. */
	if (!f->ops->poll)
		return -UK_EPERM;
	drop_stale(ep);
	struct item **p = &ep->items;
	while (*p && (*p)->fd != fd)
		p = &(*p)->next;
	const struct epoll_event *ev = (const struct epoll_event *)eventp;
	switch (op) {
	case EPOLL_CTL_ADD: {
		if (*p)
			return -UK_EEXIST;
		struct item *it = uk_malloc(sizeof *it);
		if (!it)
			return -UK_ENOMEM;
		it->fd = (int)fd;
		it->file_id = f->id;
		it->events = ev->events;
		it->data = ev->data;
		it->changes = f->ops->changes ? f->ops->changes(f) - 1 : 0;   /* a present condition is new */
		it->seen = 0;
		it->disarmed = 0;
		it->order = 0;
		it->next = 0;
		*p = it;
		return 0;
	}
	case EPOLL_CTL_MOD:
		if (!*p)
			return -UK_ENOENT;
		if (ev->events & EPOLLEXCLUSIVE)
			return -UK_EINVAL;
		(*p)->events = ev->events;
		(*p)->data = ev->data;
		(*p)->seen = 0;       /* re-arming reports a present condition again */
		(*p)->changes = f->ops->changes ? f->ops->changes(f) - 1 : 0;
		(*p)->disarmed = 0;
		(*p)->order = 0;
		return 0;
	case EPOLL_CTL_DEL: {
		struct item *it = *p;
		if (!it)
			return -UK_ENOENT;
		*p = it->next;
		uk_free(it);
		return 0;
	}
	default:
		return -UK_EINVAL;
	}
}

static long do_wait(long epfd, long events, long max, uint64_t deadline)
{
	long err;
	struct epoll *ep = epoll_of(epfd, &err);
	if (!ep)
		return err;
	if (max <= 0 || max > MAX_EVENTS)
		return -UK_EINVAL;
	uk_net_poll();
	for (;;) {
		int n = collect(ep, (struct epoll_event *)events, (int)max);
		if (n || uk_platform_clock_monotonic() >= deadline)
			return n;
		if (uk_wait_once(deadline))
			return -UK_EINTR;
	}
}

static long sys_epoll_wait(long epfd, long events, long max, long timeout_ms)
{
	uint64_t deadline = timeout_ms < 0 ? UINT64_MAX : uk_deadline_after((uint64_t)timeout_ms * 1000000ULL);
	return do_wait(epfd, events, max, deadline);
}

static long sys_epoll_pwait(long epfd, long events, long max, long timeout_ms, long sigmask)
{
	uk_signal_wait_mask((const uint64_t *)sigmask);
	long r = sys_epoll_wait(epfd, events, max, timeout_ms);
	uk_signal_wait_mask_end();
	return r;
}

struct uk_ts {
	long sec, nsec;
};

static long sys_epoll_pwait2(long epfd, long events, long max, long tsp, long sigmask)
{
	const struct uk_ts *ts = (const struct uk_ts *)tsp;
	if (ts && (ts->sec < 0 || ts->nsec < 0 || ts->nsec >= 1000000000))
		return -UK_EINVAL;
	uint64_t deadline = ts ? uk_deadline_after((uint64_t)ts->sec * 1000000000ULL + (uint64_t)ts->nsec) : UINT64_MAX;
	uk_signal_wait_mask((const uint64_t *)sigmask);
	long r = do_wait(epfd, events, max, deadline);
	uk_signal_wait_mask_end();
	return r;
}

UK_SYSCALL(213, epoll_create, sys_epoll_create);
UK_SYSCALL(291, epoll_create1, sys_epoll_create1);
UK_SYSCALL(233, epoll_ctl, sys_epoll_ctl);
UK_SYSCALL(232, epoll_wait, sys_epoll_wait);
UK_SYSCALL(281, epoll_pwait, sys_epoll_pwait);
UK_SYSCALL(441, epoll_pwait2, sys_epoll_pwait2);
