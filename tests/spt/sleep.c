/* Sleeping and clocks. Default: every sleep call for 1, 10 and 50 ms,
 * timed with CLOCK_MONOTONIC (never early, not seconds late), and the
 * argument checks, printing only what Linux prints too. "idle MS": one long
 * nanosleep, for a host to measure the CPU it costs; "spin MS": a busy loop
 * of that long, the contrast. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>

static long long now_ns(clockid_t clk)
{
	struct timespec t;
	clock_gettime(clk, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct timespec ms_ts(long ms)
{
	return (struct timespec){ ms / 1000, (ms % 1000) * 1000000L };
}

static int failures;

static void judge(const char *how, long ms, long long took)
{
	long long want = ms * 1000000LL;
	if (took < want) {
		printf("%s %ld ms: EARLY by %lld ns\n", how, ms, want - took);
		failures++;
	} else if (took > want + 2000000000LL) {
		printf("%s %ld ms: took %lld ns, seconds too long\n", how, ms, took);
		failures++;
	} else {
		printf("%s %ld ms: ok\n", how, ms);
	}
}

static void sleeps(long ms)
{
	long long t0, t;
	struct timespec ts = ms_ts(ms);

	t0 = now_ns(CLOCK_MONOTONIC);
	if (nanosleep(&ts, NULL) != 0)
		printf("nanosleep failed: %s\n", strerror(errno));
	judge("nanosleep", ms, now_ns(CLOCK_MONOTONIC) - t0);

	t0 = now_ns(CLOCK_MONOTONIC);
	usleep((useconds_t)(ms * 1000));
	judge("usleep", ms, now_ns(CLOCK_MONOTONIC) - t0);

	t0 = now_ns(CLOCK_MONOTONIC);
	int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	judge(r ? "clock_nanosleep(relative) FAILED" : "clock_nanosleep(relative)", ms,
	      now_ns(CLOCK_MONOTONIC) - t0);

	/* Absolute deadlines on the monotonic and the wall clock. */
	t0 = now_ns(CLOCK_MONOTONIC);
	t = t0 + ms * 1000000LL;
	struct timespec abs = { t / 1000000000LL, t % 1000000000LL };
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
	judge(r ? "clock_nanosleep(MONOTONIC, ABSTIME) FAILED" : "clock_nanosleep(MONOTONIC, ABSTIME)",
	      ms, now_ns(CLOCK_MONOTONIC) - t0);

	/* a wall-clock deadline is judged by the wall clock */
	long long w0 = now_ns(CLOCK_REALTIME);
	t = w0 + ms * 1000000LL;
	abs = (struct timespec){ t / 1000000000LL, t % 1000000000LL };
	r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL);
	judge(r ? "clock_nanosleep(REALTIME, ABSTIME) FAILED" : "clock_nanosleep(REALTIME, ABSTIME)",
	      ms, now_ns(CLOCK_REALTIME) - w0);

	t0 = now_ns(CLOCK_BOOTTIME);
	t = t0 + ms * 1000000LL;
	abs = (struct timespec){ t / 1000000000LL, t % 1000000000LL };
	r = clock_nanosleep(CLOCK_BOOTTIME, TIMER_ABSTIME, &abs, NULL);
	judge(r ? "clock_nanosleep(BOOTTIME, ABSTIME) FAILED" : "clock_nanosleep(BOOTTIME, ABSTIME)",
	      ms, now_ns(CLOCK_BOOTTIME) - t0);
}

static void checks(void)
{
	struct timespec bad[] = { { 0, 1000000000L }, { 0, -1 }, { -1, 0 } };
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		errno = 0;
		int r = nanosleep(&bad[i], NULL);
		printf("nanosleep {%ld, %ld}: %d %s\n", (long)bad[i].tv_sec, bad[i].tv_nsec, r,
		       errno == EINVAL ? "EINVAL" : strerror(errno));
		printf("clock_nanosleep {%ld, %ld}: %s\n", (long)bad[i].tv_sec, bad[i].tv_nsec,
		       clock_nanosleep(CLOCK_MONOTONIC, 0, &bad[i], NULL) == EINVAL ? "EINVAL" : "accepted");
	}
	struct timespec ts = ms_ts(1);
	printf("clock_nanosleep on clock 10: %s\n",
	       clock_nanosleep(10, 0, &ts, NULL) == EINVAL ? "EINVAL" : "accepted");
	printf("clock_nanosleep on clock 1234: %s\n",
	       clock_nanosleep(1234, 0, &ts, NULL) == EINVAL ? "EINVAL" : "accepted");
	/* The same through the raw call (musl refuses some clocks itself). */
	errno = 0;
	long rr0 = syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts, NULL);
	printf("raw clock_nanosleep on the thread CPU clock: %ld %s\n", rr0,
	       errno == EOPNOTSUPP ? "EOPNOTSUPP" : strerror(errno));
	errno = 0;
	rr0 = syscall(SYS_clock_nanosleep, 10, 0, &ts, NULL);
	printf("raw clock_nanosleep on clock 10: %ld %s\n", rr0, errno == EINVAL ? "EINVAL" : strerror(errno));
	/* An absolute deadline in the past returns at once. */
	struct timespec past = { 1, 0 };
	long long t0 = now_ns(CLOCK_MONOTONIC);
	int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL);
	printf("deadline in the past: %d, at once: %s\n", r,
	       now_ns(CLOCK_MONOTONIC) - t0 < 1000000000LL ? "yes" : "no");

	struct timespec res = { -1, -1 };
	int rr = clock_getres(CLOCK_MONOTONIC, &res);
	printf("clock_getres(MONOTONIC): %d %ld.%09ld\n", rr, (long)res.tv_sec, res.tv_nsec);
	rr = clock_getres(CLOCK_REALTIME, &res);
	printf("clock_getres(REALTIME): %d %ld.%09ld\n", rr, (long)res.tv_sec, res.tv_nsec);
	errno = 0;
	rr = clock_getres(1234, &res);
	printf("clock_getres(1234): %d %s\n", rr, errno == EINVAL ? "EINVAL" : strerror(errno));
	errno = 0;
	rr = clock_gettime(1234, &res);
	printf("clock_gettime(1234): %d %s\n", rr, errno == EINVAL ? "EINVAL" : strerror(errno));

	/* The raw calls: musl itself goes through clock_gettime. */
	struct timeval tv;
	struct timezone tz = { 99, 99 };
	long long w0 = now_ns(CLOCK_REALTIME);
	long g = syscall(SYS_gettimeofday, &tv, &tz);
	long long w1 = now_ns(CLOCK_REALTIME);
	long long tvns = tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
	printf("gettimeofday: %ld, agrees with CLOCK_REALTIME: %s, usec in range: %s\n", g,
	       tvns >= w0 - 1000 && tvns <= w1 ? "yes" : "no",
	       tv.tv_usec >= 0 && tv.tv_usec < 1000000 ? "yes" : "no");
	printf("gettimeofday(NULL, NULL): %ld\n", syscall(SYS_gettimeofday, NULL, NULL));
	time_t tl = 0;
	long s = syscall(SYS_time, &tl);
	long now_s = (long)(now_ns(CLOCK_REALTIME) / 1000000000LL);
	printf("time: agrees with CLOCK_REALTIME: %s, stored the same: %s\n",
	       s <= now_s && s >= now_s - 1 ? "yes" : "no", tl == s ? "yes" : "no");
	printf("time(NULL) agrees: %s\n", labs(syscall(SYS_time, NULL) - now_s) <= 1 ? "yes" : "no");
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "idle") == 0) {
		struct timespec ts = ms_ts(atol(argv[2]));
		printf("sleeping\n");
		fflush(stdout);
		nanosleep(&ts, NULL);
		printf("woke\n");
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "spin") == 0) {
		long long end = now_ns(CLOCK_MONOTONIC) + atol(argv[2]) * 1000000LL;
		while (now_ns(CLOCK_MONOTONIC) < end)
			;
		printf("spun\n");
		return 0;
	}
	long ms[] = { 1, 10, 50 };
	for (unsigned i = 0; i < sizeof ms / sizeof ms[0]; i++)
		sleeps(ms[i]);
	checks();
	printf("%s\n", failures ? "FAILURES" : "all sleeps ok");
	return failures ? 1 : 0;
}
