/* Signals as servers use them; the spt image prints what Linux prints.
 *   signals          the checks below, one line each
 *   signals die SIG  raise(SIG) with the default action (the test checks
 *                    the exit status: 128+SIG)
 *   signals abort    abort()
 *   signals other-pid  kill(2, 0) */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits[65], last_code, last_signo, pid_ok;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits[sig]++;
	last_signo = si->si_signo;
	last_code = si->si_code;
	pid_ok = si->si_code == SI_USER || si->si_code == SI_TKILL ? si->si_pid == getpid() : 1;
}

static void handle(int sig, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, 0);
}

static const char *code_name(int code)
{
	switch (code) {
	case SI_USER: return "SI_USER";
	case SI_TKILL: return "SI_TKILL";
	case SI_KERNEL: return "SI_KERNEL";
	case SI_TIMER: return "SI_TIMER";
	default: return "other";
	}
}

static int pipe_fds[2];
static void *late_writer(void *arg)
{
	pthread_t reader = *(pthread_t *)arg;
	usleep(20000);
	pthread_kill(reader, SIGUSR1);  /* interrupts the reader's read */
	usleep(20000);
	write(pipe_fds[1], "x", 1);
	return 0;
}

/* A thread blocked in read gets a signal: EINTR, or the read goes on when
 * the handler has SA_RESTART. */
static void interrupted_read(int flags)
{
	pthread_t self = pthread_self(), t;
	char c;
	handle(SIGUSR1, flags);
	pipe(pipe_fds);
	hits[SIGUSR1] = 0;
	pthread_create(&t, 0, late_writer, &self);
	ssize_t r = read(pipe_fds[0], &c, 1);
	int e = errno;
	pthread_join(t, 0);
	printf("read interrupted %s: %s, handler ran %d time(s)\n", flags ? "with SA_RESTART" : "without SA_RESTART",
	       r == 1 ? "got the byte" : e == EINTR ? "EINTR" : "other", (int)hits[SIGUSR1]);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

static void *send_usr1_later(void *arg)
{
	usleep(10000);
	pthread_kill(*(pthread_t *)arg, SIGUSR1);
	return 0;
}

static void *send_usr2(void *arg)
{
	usleep(10000);
	pthread_kill(*(pthread_t *)arg, SIGUSR2);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "die") == 0) {
		raise(atoi(argv[2]));
		printf("still alive\n");
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "abort") == 0)
		abort();
	if (argc == 2 && strcmp(argv[1], "other-pid") == 0) {   /* an image is the only process */
		printf("kill(2, 0): %s\n", kill(2, 0) < 0 && errno == ESRCH ? "ESRCH" : "allowed");
		return 0;
	}

	handle(SIGUSR1, 0);
	handle(SIGUSR2, 0);
	raise(SIGUSR1);
	printf("raise: handler ran %d, signo %d, %s, sender is us: %s\n", (int)hits[SIGUSR1], (int)last_signo,
	       code_name(last_code), pid_ok ? "yes" : "no");
	kill(getpid(), SIGUSR2);
	printf("kill: handler ran %d, %s, sender is us: %s\n", (int)hits[SIGUSR2], code_name(last_code),
	       pid_ok ? "yes" : "no");
	printf("kill, bad signal: %s\n", kill(getpid(), 99) < 0 && errno == EINVAL ? "EINVAL" : "other");

	sigset_t set, old, pending;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	sigpending(&pending);
	printf("blocked: handler ran %d, pending %s\n", (int)hits[SIGUSR1], sigismember(&pending, SIGUSR1) ? "yes" : "no");
	sigprocmask(SIG_SETMASK, &old, 0);
	printf("unblocked: handler ran %d before sigprocmask returned\n", (int)hits[SIGUSR1]);

	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	printf("ignored: handler ran %d\n", (int)hits[SIGUSR1]);
	printf("sigaction(SIGKILL): %s\n", signal(SIGKILL, SIG_IGN) == SIG_ERR && errno == EINVAL ? "EINVAL" : "other");

	/* SIGPIPE: a pipe with no reader, then a socket with MSG_NOSIGNAL. */
	handle(SIGPIPE, 0);
	int p[2];
	pipe(p);
	close(p[0]);
	ssize_t w = write(p[1], "x", 1);
	printf("write to a closed pipe: %s, SIGPIPE %d\n", w < 0 && errno == EPIPE ? "EPIPE" : "other", (int)hits[SIGPIPE]);
	signal(SIGPIPE, SIG_IGN);
	w = write(p[1], "x", 1);
	printf("again with SIGPIPE ignored: %s, SIGPIPE %d\n", w < 0 && errno == EPIPE ? "EPIPE" : "other", (int)hits[SIGPIPE]);
	close(p[1]);
	handle(SIGPIPE, 0);
	int sv[2];
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001) };
	socklen_t al = sizeof a;
	int l = socket(AF_INET, SOCK_STREAM, 0);
	bind(l, (struct sockaddr *)&a, sizeof a);
	listen(l, 1);
	getsockname(l, (struct sockaddr *)&a, &al);
	sv[0] = socket(AF_INET, SOCK_STREAM, 0);
	connect(sv[0], (struct sockaddr *)&a, sizeof a);
	sv[1] = accept(l, 0, 0);
	shutdown(sv[0], SHUT_WR);
	w = send(sv[0], "x", 1, MSG_NOSIGNAL);
	printf("send after shutdown, MSG_NOSIGNAL: %s, SIGPIPE %d\n", w < 0 && errno == EPIPE ? "EPIPE" : "other", (int)hits[SIGPIPE]);
	w = write(sv[0], "x", 1);
	printf("write after shutdown: %s, SIGPIPE %d\n", w < 0 && errno == EPIPE ? "EPIPE" : "other", (int)hits[SIGPIPE]);
	close(sv[0]);
	close(sv[1]);
	close(l);

	/* ITIMER_REAL: a one-shot wakes pause(); an interval ticks. */
	handle(SIGALRM, 0);
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	setitimer(ITIMER_REAL, &it, 0);
	int r = pause();
	printf("pause: %s, SIGALRM %d (%s)\n", r < 0 && errno == EINTR ? "EINTR" : "other", (int)hits[SIGALRM], code_name(last_code));
	it.it_interval.tv_usec = 10000;
	it.it_value.tv_usec = 10000;
	setitimer(ITIMER_REAL, &it, 0);
	sigset_t none;
	sigemptyset(&none);
	while (hits[SIGALRM] < 4)
		sigsuspend(&none);
	struct itimerval now;
	getitimer(ITIMER_REAL, &now);
	printf("interval timer: 3 more ticks, still armed: %s\n", now.it_interval.tv_usec == 10000 ? "yes" : "no");
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, 0);
	printf("alarm(5) then alarm(0): %u left\n", (alarm(5), alarm(0)));

	/* nanosleep interrupted: EINTR with the rest in rem. */
	it.it_value.tv_usec = 20000;
	setitimer(ITIMER_REAL, &it, 0);
	struct timespec req = { 2, 0 }, rem = { 0, 0 };
	r = nanosleep(&req, &rem);
	printf("nanosleep 2 s: %s, rem between 1 and 2 s: %s\n", r < 0 && errno == EINTR ? "EINTR" : "other",
	       rem.tv_sec == 1 ? "yes" : "no");

	interrupted_read(0);
	interrupted_read(SA_RESTART);

	/* sigwait: a blocked signal taken without a handler. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, 0);
	pthread_t self = pthread_self(), t;
	int before = hits[SIGUSR2], got = 0;
	pthread_create(&t, 0, send_usr2, &self);
	sigwait(&set, &got);
	pthread_join(t, 0);
	printf("sigwait: got %d, handler ran %d more\n", got, hits[SIGUSR2] - before);
	struct timespec short_wait = { 0, 10000000 };
	printf("sigtimedwait, nothing comes: %s\n", sigtimedwait(&set, 0, &short_wait) < 0 && errno == EAGAIN ? "EAGAIN" : "other");

	/* ppoll lets SIGUSR1 through for its wait only. */
	handle(SIGUSR1, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, 0);
	struct { pthread_t to; } target = { pthread_self() };
	hits[SIGUSR1] = 0;
	pthread_create(&t, 0, send_usr1_later, &target.to);
	sigset_t during;
	sigemptyset(&during);
	struct timespec limit = { 5, 0 };
	r = ppoll(0, 0, &limit, &during);
	int e = errno;
	pthread_join(t, 0);
	sigset_t after;
	pthread_sigmask(SIG_BLOCK, 0, &after);
	printf("ppoll with an empty mask: %s, handler ran %d, SIGUSR1 blocked again after: %s\n",
	       r < 0 && e == EINTR ? "EINTR" : "other", (int)hits[SIGUSR1], sigismember(&after, SIGUSR1) ? "yes" : "no");

	stack_t ss = { .ss_sp = malloc(SIGSTKSZ), .ss_size = SIGSTKSZ, .ss_flags = 0 };
	printf("sigaltstack: %s\n", sigaltstack(&ss, 0) == 0 ? "accepted" : "refused");
	return 0;
}
