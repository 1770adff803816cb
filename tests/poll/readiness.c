/* poll, select and epoll on what exists without sockets: files, devices,
 * the console, epoll itself; their errors; timeouts that are never early.
 * Prints results so dev mode (Linux) and the image can be compared.
 * Usage: readiness DIR */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static long long ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static const char *err(int r)
{
	return r >= 0 ? "ok" : errno == EPERM ? "EPERM" : errno == EEXIST ? "EEXIST" :
	       errno == ENOENT ? "ENOENT" : errno == EINVAL ? "EINVAL" : errno == EBADF ? "EBADF" : strerror(errno);
}

int main(int argc, char **argv)
{
	char path[4096];
	if (argc != 2)
		return 2;
	snprintf(path, sizeof path, "%s/file", argv[1]);
	int file = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	int null = open("/dev/null", O_RDWR);
	int closed = dup(null);
	close(closed);

	struct pollfd p[4] = { { file, POLLIN | POLLOUT, 0 }, { closed, POLLIN, 0 }, { -1, POLLIN, 0 }, { 1, POLLOUT, 0 } };
	int r = poll(p, 4, 1000);
	printf("poll: %d; file %#x, closed %#x, negative %#x, stdout %#x\n", r, p[0].revents, p[1].revents,
	       p[2].revents, p[3].revents);
	long long t0 = ms_now();
	r = poll(NULL, 0, 50);
	long long t1 = ms_now();
	printf("poll of nothing for 50 ms: %d, never early: %s\n", r, t1 - t0 >= 50 ? "yes" : "no");
	struct timespec ts = { 0, 30000000 };
	t0 = ms_now();
	r = ppoll(NULL, 0, &ts, NULL);
	printf("ppoll 30 ms: %d, never early: %s, timeout written back: %ld\n", r, ms_now() - t0 >= 30 ? "yes" : "no",
	       ts.tv_nsec);

	fd_set in, out;
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(file, &in);
	FD_SET(file, &out);
	struct timeval tv = { 1, 0 };
	r = select(file + 1, &in, &out, NULL, &tv);
	printf("select on a file: %d, in %d, out %d\n", r, FD_ISSET(file, &in), FD_ISSET(file, &out));
	FD_ZERO(&in);
	FD_SET(closed, &in);
	r = select(closed + 1, &in, NULL, NULL, &tv);
	printf("select on a closed fd: %s\n", err(r));
	tv.tv_sec = 0;
	tv.tv_usec = 40000;
	t0 = ms_now();
	r = select(0, NULL, NULL, NULL, &tv);
	printf("select as a 40 ms sleep: %d, never early: %s\n", r, ms_now() - t0 >= 40 ? "yes" : "no");

	int ep = epoll_create1(EPOLL_CLOEXEC), other = epoll_create1(0);   /* other: a pollable fd */
	struct epoll_event ev = { EPOLLIN, { .u64 = 7 } }, out_ev[8];
	printf("epoll_create(0): %s\n", err(epoll_create(0)));
	printf("add a regular file: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev)));
	printf("add /dev/null: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, null, &ev)));
	printf("add itself: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev)));
	printf("add a closed fd: %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, closed, &ev)));
	printf("mod before adding: %s\n", err(epoll_ctl(ep, EPOLL_CTL_MOD, other, &ev)));
	printf("del before adding: %s\n", err(epoll_ctl(ep, EPOLL_CTL_DEL, other, &ev)));
	printf("epoll_ctl on a non-epoll fd: %s\n", err(epoll_ctl(file, EPOLL_CTL_ADD, other, &ev)));
	printf("bad op: %s\n", err(epoll_ctl(ep, 99, other, &ev)));
	printf("add twice: %s %s\n", err(epoll_ctl(ep, EPOLL_CTL_ADD, other, &ev)), err(epoll_ctl(ep, EPOLL_CTL_ADD, other, &ev)));
	printf("del: %s\n", err(epoll_ctl(ep, EPOLL_CTL_DEL, other, &ev)));
	t0 = ms_now();
	r = epoll_wait(ep, out_ev, 8, 30);
	printf("empty epoll_wait 30 ms: %d, never early: %s\n", r, ms_now() - t0 >= 30 ? "yes" : "no");
	printf("wait with maxevents 0: %s\n", err(epoll_wait(ep, out_ev, 0, 0)));

	/* a second epoll watching the first: readable only when the first has events */
	int ep2 = epoll_create1(0);
	struct epoll_event nest = { EPOLLIN, { .u64 = 99 } };
	printf("add an epoll to an epoll: %s\n", err(epoll_ctl(ep2, EPOLL_CTL_ADD, ep, &nest)));
	printf("outer ready while inner is empty: %d\n", epoll_wait(ep2, out_ev, 8, 0));
	printf("close the inner epoll's fd, outer forgets it: %d\n", (close(ep), epoll_wait(ep2, out_ev, 8, 0)));
	close(ep2);
	close(other);
	close(file);
	unlink(path);
	return 0;
}
