/* timerfd: arming, reading, gettime, errors, and waking poll/select/epoll
 * at expiry with nothing else going on. Prints facts, never times, so Linux
 * (dev mode) and the image can be compared line by line; a check that
 * fails prints FAILED. Time is only ever checked from below: a wait that
 * ends before its timer is due is wrong, a late one is just a busy machine.
 * "idle": waits on timers only, for a host to measure the CPU it costs. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000LL
#define S 1000000000LL

static int failures;

static const char *e(long r)
{
	static char buf[32];
	if (r >= 0) {
		snprintf(buf, sizeof buf, "%ld", r);
		return buf;
	}
	return errno == EAGAIN ? "EAGAIN" : errno == EINVAL ? "EINVAL" : errno == EBADF ? "EBADF" :
	       errno == EPERM ? "EPERM" : strerror(errno);
}

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long long now(clockid_t clk)
{
	struct timespec t;
	clock_gettime(clk, &t);
	return t.tv_sec * S + t.tv_nsec;
}

static struct timespec ts(long long ns)
{
	return (struct timespec){ ns / S, ns % S };
}

static long long ns_of(struct timespec t)
{
	return t.tv_sec * S + t.tv_nsec;
}

static int arm(int fd, int flags, long long value, long long interval)
{
	struct itimerspec it = { ts(interval), ts(value) };
	return timerfd_settime(fd, flags, &it, NULL);
}

/* The expiry count, or -errno-ish as text via e(). */
static long get(int fd, uint64_t *n)
{
	*n = 0;
	return read(fd, n, sizeof *n);
}

static void sleep_ns(long long ns)
{
	struct timespec t = ts(ns);
	nanosleep(&t, NULL);
}

static short revents(int fd, short events)
{
	struct pollfd p = { fd, events, 0 };
	poll(&p, 1, 0);
	return p.revents;
}

static void creation(void)
{
	printf("create, bad flags: %s\n", e(timerfd_create(CLOCK_MONOTONIC, 0x40)));
	printf("create, TFD_TIMER_ABSTIME as a flag: %s\n", e(timerfd_create(CLOCK_MONOTONIC, TFD_TIMER_ABSTIME)));
	printf("create, CLOCK_PROCESS_CPUTIME_ID: %s\n", e(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0)));
	printf("create, CLOCK_MONOTONIC_RAW: %s\n", e(timerfd_create(CLOCK_MONOTONIC_RAW, 0)));
	printf("create, clock 99: %s\n", e(timerfd_create(99, 0)));
	printf("create, clock -1: %s\n", e(timerfd_create(-1, 0)));
	int alarm = timerfd_create(CLOCK_REALTIME_ALARM, 0);
	/* allowed with CAP_WAKE_ALARM (the image runs as root), EPERM without */
	check("CLOCK_REALTIME_ALARM accepted or EPERM", alarm >= 0 || errno == EPERM);
	if (alarm >= 0)
		close(alarm);

	clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME };
	for (int i = 0; i < 3; i++) {
		int fd = timerfd_create(clocks[i], 0);
		printf("create clock %d: %s\n", (int)clocks[i], fd >= 0 ? "ok" : e(fd));
		close(fd);
	}
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	int fl = fcntl(fd, F_GETFL);
	printf("TFD_NONBLOCK|TFD_CLOEXEC: read-write %d, non-blocking %d, close-on-exec %d\n",
	       (fl & O_ACCMODE) == O_RDWR, !!(fl & O_NONBLOCK), fcntl(fd, F_GETFD) == FD_CLOEXEC);
	close(fd);
	fd = timerfd_create(CLOCK_MONOTONIC, 0);
	printf("no flags: non-blocking %d, close-on-exec %d\n", !!(fcntl(fd, F_GETFL) & O_NONBLOCK),
	       fcntl(fd, F_GETFD));
	close(fd);
}

static void arguments(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), p[2];
	struct itimerspec it = { { 0, 0 }, { 1, 0 } }, cur;
	pipe(p);
	it.it_value.tv_nsec = 1000000000;
	printf("settime, value nsec 1e9: %s\n", e(timerfd_settime(fd, 0, &it, NULL)));
	it.it_value.tv_nsec = -1;
	printf("settime, value nsec -1: %s\n", e(timerfd_settime(fd, 0, &it, NULL)));
	it.it_value = (struct timespec){ -1, 0 };
	printf("settime, value sec -1: %s\n", e(timerfd_settime(fd, 0, &it, NULL)));
	it.it_value = (struct timespec){ 1, 0 };
	it.it_interval.tv_nsec = 1000000000;
	printf("settime, interval nsec 1e9: %s\n", e(timerfd_settime(fd, 0, &it, NULL)));
	it.it_interval.tv_nsec = 0;
	printf("settime, flags 4: %s\n", e(timerfd_settime(fd, 4, &it, NULL)));
	printf("settime, bad flags on a bad fd: %s\n", e(timerfd_settime(-1, 4, &it, NULL)));
	printf("settime on a pipe: %s\n", e(timerfd_settime(p[0], 0, &it, NULL)));
	printf("settime on fd -1: %s\n", e(timerfd_settime(-1, 0, &it, NULL)));
	printf("gettime on a pipe: %s\n", e(timerfd_gettime(p[0], &cur)));
	printf("gettime on fd -1: %s\n", e(timerfd_gettime(-1, &cur)));
	timerfd_gettime(fd, &cur);
	printf("rejected settimes left it disarmed: %lld %lld\n", ns_of(cur.it_value), ns_of(cur.it_interval));
	close(p[0]);
	close(p[1]);

	uint64_t n;
	char small[4];
	int g = timerfd_gettime(fd, &cur);
	printf("fresh timer: gettime %s, value %lld, interval %lld\n", e(g), ns_of(cur.it_value),
	       ns_of(cur.it_interval));
	long r = get(fd, &n);
	printf("fresh timer: read %s, poll %#x\n", e(r), revents(fd, POLLIN | POLLRDNORM | POLLOUT));
	printf("4-byte read: %s\n", e(read(fd, small, sizeof small)));
	printf("write: %s\n", e(write(fd, &n, sizeof n)));
	close(fd);
}

static void one_shot(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	uint64_t n;
	char buf[16];
	long long t0 = now(CLOCK_MONOTONIC);
	arm(fd, 0, 50 * MS, 0);
	long r = read(fd, buf, sizeof buf);   /* more than 8 bytes asked: 8 come */
	long long took = now(CLOCK_MONOTONIC) - t0;
	memcpy(&n, buf, 8);
	printf("one-shot 50 ms, blocking read of 16 bytes: %s, expirations %llu\n", e(r), (unsigned long long)n);
	check("the read waited for the timer", took >= 50 * MS);
	struct itimerspec cur;
	timerfd_gettime(fd, &cur);
	printf("after it went off: value %lld, interval %lld\n", ns_of(cur.it_value), ns_of(cur.it_interval));
	fcntl(fd, F_SETFL, O_NONBLOCK);
	r = get(fd, &n);
	printf("read again, non-blocking: %s, poll %#x\n", e(r), revents(fd, POLLIN));

	/* a one-shot already due when read has 1 expiry, however late */
	arm(fd, 0, 1, 0);
	sleep_ns(5 * MS);
	short ready = revents(fd, POLLIN);
	r = get(fd, &n);
	printf("1 ns one-shot read 5 ms later: poll %#x, read %s, expirations %llu\n", ready, e(r),
	       (unsigned long long)n);
	close(fd);
}

static void intervals(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	uint64_t n;
	struct itimerspec cur, old;

	long long t0 = now(CLOCK_MONOTONIC);
	arm(fd, 0, 20 * MS, 20 * MS);
	sleep_ns(110 * MS);
	long long took = now(CLOCK_MONOTONIC) - t0;
	printf("20 ms interval, read after 110 ms: %s\n", e(get(fd, &n)));
	check("at least the 5 expirations due", took >= 110 * MS && n >= 5);
	printf("settime with old value: %s\n", e(timerfd_settime(fd, 0, &(struct itimerspec){ { 0, 0 }, { 0, 0 } }, &old)));
	check("old value: time left within a period", ns_of(old.it_value) <= 20 * MS);
	printf("old interval %lld\n", ns_of(old.it_interval));
	printf("disarmed: read %s, poll %#x\n", e(get(fd, &n)), revents(fd, POLLIN));

	/* long periods that started in the past: the count is exact */
	int wall = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	arm(wall, TFD_TIMER_ABSTIME, now(CLOCK_REALTIME) - 2500 * S, 1000 * S);
	short ready = revents(wall, POLLIN);
	long r = get(wall, &n);
	printf("REALTIME absolute, began 2500 s ago, every 1000 s: poll %#x, read %s, expirations %llu\n",
	       ready, e(r), (unsigned long long)n);
	r = get(wall, &n);
	printf("reading starts again from 0: read %s, poll %#x\n", e(r), revents(wall, POLLIN));
	timerfd_gettime(wall, &cur);
	check("gettime: next expiry in (0, 500 s]", ns_of(cur.it_value) > 0 && ns_of(cur.it_value) <= 500 * S);
	printf("gettime interval %lld s\n", ns_of(cur.it_interval) / S);
	close(wall);
	/* MONOTONIC absolute at 1 ns: long past, due at once */
	arm(fd, TFD_TIMER_ABSTIME, 1, 0);
	r = get(fd, &n);
	printf("MONOTONIC absolute at 1 ns: read %s, expirations %llu\n", e(r), (unsigned long long)n);

	arm(fd, 0, 10 * S, 2 * S);
	timerfd_gettime(fd, &cur);
	check("gettime of a 10 s timer: time left in (0, 10 s]", ns_of(cur.it_value) > 0 && ns_of(cur.it_value) <= 10 * S);
	printf("gettime interval %lld ns\n", ns_of(cur.it_interval));
	/* disarming keeps the interval, as Linux reports it */
	arm(fd, 0, 0, 1 * S);
	timerfd_gettime(fd, &cur);
	printf("disarmed with a 1 s interval: value %lld, interval %lld\n", ns_of(cur.it_value), ns_of(cur.it_interval));

	/* re-arming drops expirations not read yet */
	arm(fd, 0, 1, 0);
	sleep_ns(2 * MS);
	arm(fd, 0, 1000 * S, 0);
	printf("re-armed before reading: read %s\n", e(get(fd, &n)));
	close(fd);
}

/* An absolute timer on clk, due 40 ms from now, read blocking. */
static void absolute(clockid_t clk, const char *name)
{
	int fd = timerfd_create(clk, 0);
	uint64_t n;
	long long due = now(clk) + 40 * MS;
	arm(fd, TFD_TIMER_ABSTIME, due, 0);
	long r = get(fd, &n);
	long long at = now(clk);
	printf("%s absolute, 40 ms ahead: read %s, expirations %llu\n", name, e(r), (unsigned long long)n);
	printf("%s: ", name);
	check("woke no earlier than due", at >= due);
	/* relative too: on Linux a relative REALTIME timer runs on the monotonic clock */
	long long t0 = now(CLOCK_MONOTONIC);
	arm(fd, 0, 30 * MS, 0);
	r = get(fd, &n);
	printf("%s relative 30 ms: read %s, expirations %llu\n", name, e(r), (unsigned long long)n);
	printf("%s: ", name);
	check("read waited 30 ms", now(CLOCK_MONOTONIC) - t0 >= 30 * MS);
	close(fd);
}

static void with_epoll(void)
{
	int ep = epoll_create1(0), fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct epoll_event ev = { EPOLLIN, { .u64 = 42 } }, out[4];
	uint64_t n;

	/* level-triggered */
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	printf("epoll, disarmed: %d\n", epoll_wait(ep, out, 4, 0));
	long long t0 = now(CLOCK_MONOTONIC);
	arm(fd, 0, 30 * MS, 0);
	int r = epoll_wait(ep, out, 4, -1);
	printf("level, 30 ms one-shot, wait forever: %d, events %#x, data %llu\n", r, out[0].events,
	       (unsigned long long)out[0].data.u64);
	check("epoll woke at expiry, not before", now(CLOCK_MONOTONIC) - t0 >= 30 * MS);
	printf("level, unread: %d again\n", epoll_wait(ep, out, 4, 0));
	long got = get(fd, &n);
	printf("read %s, then epoll %d\n", e(got), epoll_wait(ep, out, 4, 0));

	/* edge-triggered: as on Linux, the first expiry after the timer was set
	 * or read is an edge; later ones before a read only add to the count */
	ev.events = EPOLLIN | EPOLLET;
	epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
	arm(fd, 0, 30 * MS, 0);
	r = epoll_wait(ep, out, 4, -1);
	unsigned events = out[0].events;
	printf("edge, 30 ms one-shot: %d, events %#x; again without reading: %d\n", r, events,
	       epoll_wait(ep, out, 4, 0));
	printf("read %s\n", e(get(fd, &n)));
	t0 = now(CLOCK_MONOTONIC);
	arm(fd, 0, 30 * MS, 60 * MS);
	r = epoll_wait(ep, out, 4, -1);
	int r2 = epoll_wait(ep, out, 4, 150);   /* expiries at 90 and 150 ms: no edge */
	printf("edge, 30 ms then every 60 ms: %d; 150 ms more without reading: %d\n", r, r2);
	get(fd, &n);
	check("the read took every expiry so far", n >= 3);
	r = epoll_wait(ep, out, 4, -1);
	long long took = now(CLOCK_MONOTONIC) - t0;
	printf("after the read, wait forever: %d\n", r);
	check("the next report came with the next expiry", took >= 210 * MS);
	arm(fd, 0, 0, 0);

	/* level and edge side by side on the same timer, through two epolls */
	int ep2 = epoll_create1(0);
	struct epoll_event lev = { EPOLLIN, { .u64 = 7 } };
	epoll_ctl(ep2, EPOLL_CTL_ADD, fd, &lev);
	arm(fd, 0, 20 * MS, 0);
	epoll_wait(ep2, out, 4, -1);
	int level = epoll_wait(ep2, out, 4, 0), edge = epoll_wait(ep, out, 4, 0);
	printf("after one report: level %d, edge %d, edge once more %d\n", level, edge, epoll_wait(ep, out, 4, 0));
	close(ep2);
	close(fd);
	close(ep);
}

static void with_poll_and_select(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	uint64_t n;
	long long t0 = now(CLOCK_MONOTONIC);
	arm(fd, 0, 30 * MS, 0);
	struct pollfd p = { fd, POLLIN | POLLRDNORM | POLLOUT, 0 };
	int r = poll(&p, 1, -1);
	printf("poll forever on a 30 ms timer: %d, revents %#x\n", r, p.revents);
	check("poll woke at expiry, not before", now(CLOCK_MONOTONIC) - t0 >= 30 * MS);
	get(fd, &n);

	t0 = now(CLOCK_MONOTONIC);
	arm(fd, 0, 30 * MS, 0);
	fd_set in, out;
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(fd, &in);
	FD_SET(fd, &out);
	r = select(fd + 1, &in, &out, NULL, NULL);
	printf("select forever on a 30 ms timer: %d, readable %d, writable %d\n", r, FD_ISSET(fd, &in),
	       FD_ISSET(fd, &out));
	check("select woke at expiry, not before", now(CLOCK_MONOTONIC) - t0 >= 30 * MS);
	get(fd, &n);

	/* a poll timeout shorter than the timer ends first */
	arm(fd, 0, 10 * S, 0);
	p.events = POLLIN;
	printf("poll 20 ms on a 10 s timer: %d\n", poll(&p, 1, 20));
	close(fd);
}

/* Two periods in one epoll, waited on until the fast one has gone off ten times. */
static void two_timers(void)
{
	int ep = epoll_create1(0);
	int fast = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK), slow = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct epoll_event ev = { EPOLLIN, { .u64 = 1 } }, out[4];
	epoll_ctl(ep, EPOLL_CTL_ADD, fast, &ev);
	ev.data.u64 = 2;
	epoll_ctl(ep, EPOLL_CTL_ADD, slow, &ev);
	uint64_t total[3] = { 0, 0, 0 }, n;
	int empty = 0, reports[3] = { 0, 0, 0 };
	long long t0 = now(CLOCK_MONOTONIC);
	arm(slow, 0, 50 * MS, 50 * MS);   /* first: its 4th expiry comes before fast's 10th */
	arm(fast, 0, 20 * MS, 20 * MS);
	while (total[1] < 10) {
		int r = epoll_wait(ep, out, 4, -1);
		empty += r <= 0;
		for (int i = 0; i < r; i++) {
			int which = (int)out[i].data.u64;
			reports[which]++;
			if (get(which == 1 ? fast : slow, &n) == 8)
				total[which] += n;
		}
	}
	long long took = now(CLOCK_MONOTONIC) - t0;
	if (get(slow, &n) == 8)
		total[2] += n;
	printf("two timers, 20 ms and 50 ms, in one epoll:\n");
	check("  every wait returned an event", empty == 0);
	check("  both were reported", reports[1] > 0 && reports[2] > 0);
	check("  ten 20 ms periods took 200 ms or more", took >= 200 * MS);
	check("  the 50 ms timer went off at least 4 times meanwhile", total[2] >= 4);
	close(fast);
	close(slow);
	close(ep);
}

static void closing(void)
{
	int ep = epoll_create1(0), fds[5];
	struct epoll_event ev = { EPOLLIN, { .u64 = 5 } }, out[4];
	uint64_t n;
	for (int i = 0; i < 5; i++) {
		fds[i] = timerfd_create(CLOCK_MONOTONIC, 0);
		arm(fds[i], 0, 5 * MS, 5 * MS);
	}
	epoll_ctl(ep, EPOLL_CTL_ADD, fds[2], &ev);
	close(fds[2]);
	close(fds[0]);
	close(fds[4]);
	printf("closed while armed and watched: epoll %d\n", epoll_wait(ep, out, 4, 30));
	close(fds[1]);
	close(fds[3]);

	/* a descriptor shared by dup keeps the timer alive */
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	arm(fd, 0, 20 * MS, 0);
	int copy = dup(fd);
	close(fd);
	long r = get(copy, &n);
	printf("armed, dup'ed, original closed: read %s, expirations %llu\n", e(r), (unsigned long long)n);
	close(copy);
	long long t0 = now(CLOCK_MONOTONIC);
	sleep_ns(30 * MS);
	check("sleeping after closing armed timers", now(CLOCK_MONOTONIC) - t0 >= 30 * MS);
	close(ep);
}

/* For the host to measure: waits that only a timer ends, and a sleep while
 * a fast timer nobody reads keeps expiring. */
static int idle(void)
{
	int ep = epoll_create1(0), fd = timerfd_create(CLOCK_MONOTONIC, 0);
	int noisy = timerfd_create(CLOCK_MONOTONIC, 0);
	struct epoll_event ev = { EPOLLIN, { .u64 = 1 } };
	uint64_t n;
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	printf("idle\n");
	fflush(stdout);
	arm(fd, 0, 100 * MS, 0);
	epoll_wait(ep, &ev, 1, -1);
	get(fd, &n);
	arm(fd, 0, 100 * MS, 0);
	get(fd, &n);
	arm(fd, 0, 100 * MS, 0);
	poll(&(struct pollfd){ fd, POLLIN, 0 }, 1, -1);
	get(fd, &n);
	arm(noisy, 0, 10 * MS, 10 * MS);
	sleep_ns(400 * MS);
	printf("woke\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "idle"))
		return idle();
	creation();
	arguments();
	one_shot();
	intervals();
	absolute(CLOCK_MONOTONIC, "MONOTONIC");
	absolute(CLOCK_REALTIME, "REALTIME");
	absolute(CLOCK_BOOTTIME, "BOOTTIME");
	with_epoll();
	with_poll_and_select();
	two_timers();
	closing();
	printf(failures ? "%d checks FAILED\n" : "all checks ok\n", failures);
	return failures != 0;
}
