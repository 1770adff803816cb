/* Pipes and eventfd, and epoll's trigger modes on them: everything printed,
 * so Linux (dev mode) and the image can be compared line by line. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *e(long r)
{
	static char buf[32];
	if (r >= 0) {
		snprintf(buf, sizeof buf, "%ld", r);
		return buf;
	}
	return errno == EAGAIN ? "EAGAIN" : errno == EPIPE ? "EPIPE" : errno == EINVAL ? "EINVAL" :
	       errno == EBADF ? "EBADF" : strerror(errno);
}

static short revents(int fd, short events)
{
	struct pollfd p = { fd, events, 0 };
	poll(&p, 1, 0);
	return p.revents;
}

static int wait_events(int ep)
{
	struct epoll_event ev[4];
	int n = epoll_wait(ep, ev, 4, 0);
	return n > 0 ? (int)ev[0].events : n;
}

int main(void)
{
	int p[2], n;
	char buf[70000];
	struct stat st;
	signal(SIGPIPE, SIG_IGN);   /* Linux would kill us on EPIPE otherwise */

	printf("pipe2: %s\n", e(pipe2(p, O_CLOEXEC)));
	fstat(p[0], &st);
	printf("is a fifo: %d, read end fd flags %s\n", S_ISFIFO(st.st_mode), e(fcntl(p[0], F_GETFD)));
	printf("write: %s\n", e(write(p[1], "hello", 5)));
	ioctl(p[0], FIONREAD, &n);
	printf("FIONREAD: %d, poll read end %#x, write end %#x\n", n, revents(p[0], POLLIN), revents(p[1], POLLOUT));
	printf("read 3: %s\n", e(read(p[0], buf, 3)));
	printf("read rest: %s '%.2s'\n", e(read(p[0], buf, sizeof buf)), buf);
	printf("write to the read end: %s\n", e(write(p[0], "x", 1)));
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	printf("read empty, non-blocking: %s\n", e(read(p[0], buf, 1)));
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	long total = 0, r;
	memset(buf, 'a', sizeof buf);
	while ((r = write(p[1], buf, 4096)) > 0)
		total += r;
	printf("filled with %ld bytes, then %s; write end ready: %#x\n", total, e(r), revents(p[1], POLLOUT));
	printf("a small write that does not fit whole: %s\n", e(write(p[1], buf, 100)));
	while (read(p[0], buf, sizeof buf) > 0)
		;

	/* epoll: level, edge, one-shot */
	int ep = epoll_create1(0);
	struct epoll_event ev = { EPOLLIN, { .u64 = 1 } };
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	printf("level, empty: %d\n", wait_events(ep));
	write(p[1], "ab", 2);
	printf("level, data: %#x then again %#x\n", wait_events(ep), wait_events(ep));
	ev.events = EPOLLIN | EPOLLET;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	printf("edge after MOD: %#x then %d\n", wait_events(ep), wait_events(ep));
	read(p[0], buf, sizeof buf);
	write(p[1], "c", 1);
	printf("edge, drained then new data: %#x then %d\n", wait_events(ep), wait_events(ep));
	read(p[0], buf, sizeof buf);
	ev.events = EPOLLIN | EPOLLONESHOT;
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	write(p[1], "d", 1);
	printf("oneshot: %#x then %d", wait_events(ep), wait_events(ep));
	epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
	printf(", re-armed %#x\n", wait_events(ep));
	read(p[0], buf, sizeof buf);

	/* hang-up and broken pipe */
	close(p[1]);
	printf("all writers gone: poll %#x, epoll %#x, read %s\n", revents(p[0], POLLIN), wait_events(ep),
	       e(read(p[0], buf, 1)));
	close(p[0]);
	printf("closed fd left the epoll set: %d\n", wait_events(ep));
	pipe(p);
	close(p[0]);
	printf("no reader: poll write end %#x, write %s\n", revents(p[1], POLLOUT), e(write(p[1], "x", 1)));
	close(p[1]);

	/* eventfd */
	int efd = eventfd(3, EFD_NONBLOCK);
	uint64_t v = 0;
	printf("eventfd read: %s value %llu; again %s\n", e(read(efd, &v, 8)), (unsigned long long)v, e(read(efd, &v, 8)));
	printf("short read: %s\n", e(read(efd, &v, 4)));
	v = 5;
	write(efd, &v, 8);
	v = 2;
	write(efd, &v, 8);
	printf("poll %#x; read %s value %llu\n", revents(efd, POLLIN | POLLOUT), e(read(efd, &v, 8)), (unsigned long long)v);
	v = ~0ULL;
	printf("write 2^64-1: %s\n", e(write(efd, &v, 8)));
	v = 0xfffffffffffffffeULL;
	printf("write max: %s; then 1 more: %s; poll %#x\n", e(write(efd, &v, 8)),
	       (v = 1, e(write(efd, &v, 8))), revents(efd, POLLIN | POLLOUT));
	close(efd);
	int sem = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	printf("semaphore reads:");
	for (int i = 0; i < 3; i++) {
		r = read(sem, &v, 8);
		printf(" %s/%llu", e(r), r > 0 ? (unsigned long long)v : 0ULL);
	}
	printf("\neventfd bad flags: %s\n", e(eventfd(0, 0x40)));
	return 0;
}
