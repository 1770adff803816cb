/* POSIX timers and absolute sleeps; the image prints what Linux prints:
 * SIGEV_SIGNAL with its si_value and SI_TIMER, intervals, gettime,
 * overruns, delete; SIGEV_THREAD (musl runs the callback on a thread of
 * its own); SIGEV_NONE; clock_nanosleep with TIMER_ABSTIME. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks, code_ok, value_ok;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	ticks++;
	code_ok = si->si_code == SI_TIMER;
	value_ok = si->si_value.sival_int == 42;
}

static atomic_int thread_calls, thread_value_ok;
static pthread_t main_thread;

static void on_expiry(union sigval v)
{
	atomic_fetch_add(&thread_calls, 1);
	if (v.sival_int == 7 && !pthread_equal(pthread_self(), main_thread))
		atomic_store(&thread_value_ok, 1);
}

static double now(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	main_thread = pthread_self();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_timer;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, 0);

	struct sigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 42;
	timer_t t;
	printf("timer_create: %s\n", timer_create(CLOCK_MONOTONIC, &ev, &t) == 0 ? "ok" : "failed");
	struct itimerspec its = { { 0, 10000000 }, { 0, 10000000 } }, cur;
	timer_settime(t, 0, &its, 0);
	while (ticks < 3)
		pause();
	timer_gettime(t, &cur);
	printf("3 ticks: SI_TIMER %s, si_value %s, interval kept %s, next within 10 ms %s\n", code_ok ? "yes" : "no",
	       value_ok ? "yes" : "no", cur.it_interval.tv_nsec == 10000000 ? "yes" : "no",
	       cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 10000000 ? "yes" : "no");
	/* Blocked for 55 ms: five periods pass, one signal comes, the rest
	 * are overruns. */
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	int before = ticks;
	usleep(55000);
	sigprocmask(SIG_SETMASK, &old, 0);
	int got = ticks - before;
	int over = timer_getoverrun(t);
	printf("blocked 55 ms: %d signal(s) on unblocking, overrun at least 3: %s\n", got, over >= 3 ? "yes" : "no");
	memset(&its, 0, sizeof its);
	timer_settime(t, 0, &its, 0);
	timer_gettime(t, &cur);
	printf("disarmed: %ld.%09ld left\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
	int deleted = timer_delete(t);
	int again = timer_delete(t) < 0 && errno == EINVAL;
	printf("timer_delete: %s; again: %s\n", deleted == 0 ? "ok" : "failed", again ? "EINVAL" : "other");

	/* SIGEV_THREAD, absolute on CLOCK_REALTIME, then every 10 ms. */
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_notify_function = on_expiry;
	ev.sigev_value.sival_int = 7;
	timer_create(CLOCK_REALTIME, &ev, &t);
	struct timespec at;
	clock_gettime(CLOCK_REALTIME, &at);
	at.tv_nsec += 20000000;
	if (at.tv_nsec >= 1000000000) { at.tv_sec++; at.tv_nsec -= 1000000000; }
	struct itimerspec abs = { { 0, 10000000 }, at };
	timer_settime(t, TIMER_ABSTIME, &abs, 0);
	while (atomic_load(&thread_calls) < 3)
		usleep(5000);
	timer_delete(t);
	printf("SIGEV_THREAD: 3 calls on another thread with the value: %s\n", atomic_load(&thread_value_ok) ? "yes" : "no");

	/* SIGEV_NONE: nothing is sent, the time still runs down. */
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_NONE;
	timer_create(CLOCK_MONOTONIC, &ev, &t);
	struct itimerspec once = { { 0, 0 }, { 1, 0 } };
	timer_settime(t, 0, &once, 0);
	usleep(20000);
	timer_gettime(t, &cur);
	printf("SIGEV_NONE: counting down below 1 s: %s\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 ? "yes" : "no");
	timer_delete(t);
	printf("bad clock: %s\n", timer_create(99, 0, &t) < 0 && errno == EINVAL ? "EINVAL" : "other");

	/* clock_nanosleep until an absolute time, on both clocks. */
	clock_gettime(CLOCK_MONOTONIC, &at);
	double want = (double)at.tv_sec + (double)at.tv_nsec / 1e9 + 0.03;
	at.tv_nsec += 30000000;
	if (at.tv_nsec >= 1000000000) { at.tv_sec++; at.tv_nsec -= 1000000000; }
	int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, 0);
	printf("clock_nanosleep TIMER_ABSTIME monotonic: %d, not early: %s\n", r, now(CLOCK_MONOTONIC) >= want ? "yes" : "no");
	clock_gettime(CLOCK_REALTIME, &at);
	want = (double)at.tv_sec + (double)at.tv_nsec / 1e9 + 0.02;
	at.tv_nsec += 20000000;
	if (at.tv_nsec >= 1000000000) { at.tv_sec++; at.tv_nsec -= 1000000000; }
	r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &at, 0);
	printf("clock_nanosleep TIMER_ABSTIME realtime: %d, not early: %s\n", r, now(CLOCK_REALTIME) >= want - 0.001 ? "yes" : "no");
	return 0;
}
