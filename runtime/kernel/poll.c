/* poll, ppoll, select, pselect6: readiness of any descriptor through its
 * file's poll operation, waiting in uk_wait_once (which pumps devices) until
 * something is ready or the timeout passes. */
#include "file.h"
#include "poll.h"
#include "syscall.h"
#include "wait.h"
#include "signal.h"
#include "net/net.h"

#define NS_PER_MS 1000000ULL
#define NS_PER_S 1000000000ULL
#define MAX_POLL_FDS (1 << 20)

/* What f is ready for now. Files without a poll operation (regular files,
 * directories, /dev/null...) are always ready, as on Linux. */
long uk_file_readiness(struct uk_file *f)
{
	if (f->ops->poll)
		return f->ops->poll(f);
	return UK_POLLIN | UK_POLLOUT | UK_POLLRDNORM | UK_POLLWRNORM;
}

/* The absolute deadline of a relative timeout; UINT64_MAX for none. */
uint64_t uk_deadline_after(uint64_t ns)
{
	uint64_t now = uk_platform_clock_monotonic();
	return ns > UINT64_MAX - now ? UINT64_MAX : now + ns;
}

struct uk_pollfd {
	int fd;
	short events, revents;
};

static int scan_pollfds(struct uk_pollfd *fds, unsigned long n)
{
	int ready = 0;
	for (unsigned long i = 0; i < n; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		struct uk_file *f = uk_fd_get(fds[i].fd);
		long bits = f ? uk_file_readiness(f) : UK_POLLNVAL;
		/* errors and hang-ups are reported whether asked for or not */
		bits &= fds[i].events | UK_POLLERR | UK_POLLHUP | UK_POLLNVAL;
		fds[i].revents = (short)bits;
		ready += bits != 0;
	}
	return ready;
}

static long do_poll(struct uk_pollfd *fds, unsigned long n, uint64_t deadline)
{
	if (n > MAX_POLL_FDS || n > uk_rlimit_nofile())
		return -UK_EINVAL;
	uk_net_poll();   /* take in what arrived before looking */
	for (;;) {
		int ready = scan_pollfds(fds, n);
		if (ready || uk_platform_clock_monotonic() >= deadline)
			return ready;
		if (uk_wait_once(deadline))
			return -UK_EINTR;
	}
}

static long sys_poll(long fds, long n, long timeout_ms)
{
	uint64_t deadline = timeout_ms < 0 ? UINT64_MAX : uk_deadline_after((uint64_t)timeout_ms * NS_PER_MS);
	return do_poll((struct uk_pollfd *)fds, (unsigned long)n, deadline);
}

struct uk_ts {
	long sec, nsec;
};

static long timespec_deadline(const struct uk_ts *ts, uint64_t *deadline)
{
	if (!ts) {
		*deadline = UINT64_MAX;
		return 0;
	}
	if (ts->sec < 0 || ts->nsec < 0 || ts->nsec >= (long)NS_PER_S)
		return -UK_EINVAL;
	*deadline = uk_deadline_after((uint64_t)ts->sec * NS_PER_S + (uint64_t)ts->nsec);
	return 0;
}

/* Linux writes the time left back into a ppoll/pselect timeout. */
static void write_back(struct uk_ts *ts, uint64_t deadline)
{
	uint64_t now = uk_platform_clock_monotonic(), left = deadline > now ? deadline - now : 0;
	ts->sec = (long)(left / NS_PER_S);
	ts->nsec = (long)(left % NS_PER_S);
}

static long sys_ppoll(long fds, long n, long tsp, long sigmask)
{
	uint64_t deadline;
	long err = timespec_deadline((const struct uk_ts *)tsp, &deadline);
	if (err)
		return err;
	uk_signal_wait_mask((const uint64_t *)sigmask);
	long r = do_poll((struct uk_pollfd *)fds, (unsigned long)n, deadline);
	uk_signal_wait_mask_end();
	if (tsp)
		write_back((struct uk_ts *)tsp, deadline);
	return r;
}

#define BITS_PER_WORD (8 * sizeof(unsigned long))

static int fd_isset(const unsigned long *set, long fd)
{
	return set && (set[fd / BITS_PER_WORD] >> (fd % BITS_PER_WORD)) & 1;
}

static void fd_set_bit(unsigned long *set, long fd)
{
	set[fd / BITS_PER_WORD] |= 1UL << (fd % BITS_PER_WORD);
}

#define SELECT_IN (UK_POLLIN | UK_POLLRDNORM | UK_POLLRDBAND | UK_POLLHUP | UK_POLLERR)
#define SELECT_OUT (UK_POLLOUT | UK_POLLWRNORM | UK_POLLWRBAND | UK_POLLERR)
#define SELECT_EX UK_POLLPRI

static long do_select(long n, unsigned long *in, unsigned long *out, unsigned long *ex, uint64_t deadline)
{
	static unsigned long rin[65536 / BITS_PER_WORD], rout[65536 / BITS_PER_WORD], rex[65536 / BITS_PER_WORD];
	if (n < 0 || n > 65536)
		return -UK_EINVAL;
	size_t words = ((size_t)n + BITS_PER_WORD - 1) / BITS_PER_WORD;
	for (long fd = 0; fd < n; fd++)
		if ((fd_isset(in, fd) || fd_isset(out, fd) || fd_isset(ex, fd)) && !uk_fd_get(fd))
			return -UK_EBADF;
	uk_net_poll();
	for (;;) {
		long ready = 0;
		memset(rin, 0, words * sizeof *rin);
		memset(rout, 0, words * sizeof *rout);
		memset(rex, 0, words * sizeof *rex);
		for (long fd = 0; fd < n; fd++) {
			if (!fd_isset(in, fd) && !fd_isset(out, fd) && !fd_isset(ex, fd))
				continue;
			struct uk_file *f = uk_fd_get(fd);
			if (!f)
				return -UK_EBADF;   /* closed while we waited */
			long bits = uk_file_readiness(f);
			if (fd_isset(in, fd) && (bits & SELECT_IN))
				fd_set_bit(rin, fd), ready++;
			if (fd_isset(out, fd) && (bits & SELECT_OUT))
				fd_set_bit(rout, fd), ready++;
			if (fd_isset(ex, fd) && (bits & SELECT_EX))
				fd_set_bit(rex, fd), ready++;
		}
		if (ready || uk_platform_clock_monotonic() >= deadline) {
			if (in)
				memcpy(in, rin, words * sizeof *rin);
			if (out)
				memcpy(out, rout, words * sizeof *rout);
			if (ex)
				memcpy(ex, rex, words * sizeof *rex);
			return ready;
		}
		if (uk_wait_once(deadline))
			return -UK_EINTR;
	}
}

struct uk_tv {
	long sec, usec;
};

static long sys_select(long n, long in, long out, long ex, long tvp)
{
	struct uk_tv *tv = (struct uk_tv *)tvp;
	uint64_t deadline = UINT64_MAX;
	if (tv) {
		if (tv->sec < 0 || tv->usec < 0 || tv->usec >= 1000000)
			return -UK_EINVAL;
		deadline = uk_deadline_after((uint64_t)tv->sec * NS_PER_S + (uint64_t)tv->usec * 1000);
	}
	long r = do_select(n, (unsigned long *)in, (unsigned long *)out, (unsigned long *)ex, deadline);
	if (tv) {
		struct uk_ts left;
		write_back(&left, deadline);
		tv->sec = left.sec;
		tv->usec = left.nsec / 1000;
	}
	return r;
}

static long sys_pselect6(long n, long in, long out, long ex, long tsp, long sig)
{
	uint64_t deadline;
	/* sig points at { const sigset_t *set; size_t size } */
	const uint64_t *mask = sig ? *(const uint64_t *const *)sig : 0;
	long err = timespec_deadline((const struct uk_ts *)tsp, &deadline);
	if (err)
		return err;
	uk_signal_wait_mask(mask);
	long r = do_select(n, (unsigned long *)in, (unsigned long *)out, (unsigned long *)ex, deadline);
	uk_signal_wait_mask_end();
	if (tsp)
		write_back((struct uk_ts *)tsp, deadline);
	return r;
}

UK_SYSCALL(7, poll, sys_poll);
UK_SYSCALL(271, ppoll, sys_ppoll);
UK_SYSCALL(23, select, sys_select);
UK_SYSCALL(270, pselect6, sys_pselect6);
