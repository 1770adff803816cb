#include "guest.h"
struct ts { long s, ns; };
struct its { struct ts interval, value; };
struct ev { unsigned events; unsigned long data; } __attribute__((packed));
static unsigned long now(int clk)
{
	struct ts t;
	if (sc(SYS_clock_gettime, clk, &t, 0) != 0)
		die("clock_gettime");
	return (unsigned long)t.s * 1000000000UL + (unsigned long)t.ns;
}
GUEST_MAIN
{
	unsigned long t0 = now(1 /* MONOTONIC */), t1 = now(1);
	if (t1 < t0)
		die("monotonic clock went back");
	if (now(0 /* REALTIME */) < 1600000000UL * 1000000000UL)
		die("wall clock before 2020");
	unsigned long deadline = t1 + 50000000UL;
	struct its it = { { 0, 0 }, { (long)(deadline / 1000000000UL), (long)(deadline % 1000000000UL) } };
	if (sc6(SYS_timerfd_settime, bi->timerfd, 1 /* TFD_TIMER_ABSTIME */, (long)&it, 0, 0, 0) != 0)
		die("timerfd_settime");
	struct ev evs[4];
	long n;
	do
		n = sc6(SYS_epoll_pwait, bi->epollfd, (long)evs, 4, -1, 0, 8);
	while (n == -4 /* EINTR */);
	if (n < 1)
		die("epoll_pwait");
	unsigned long t2 = now(1);
	if (t2 < deadline)
		die("woke before the deadline");
	puts_("clock ok: slept ");
	putu((t2 - t1) / 1000000);
	puts_(" ms\n");
	exit_(0);
}
