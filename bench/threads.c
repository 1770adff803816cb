/* Thread costs, one figure per line (ns per operation):
 *   yield   two threads handing the CPU over with sched_yield
 *   futex   two threads waking each other through futex words
 *   pipe    a byte bounced between two threads over two pipes
 * Usage: threads ROUNDS */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long rounds;

static uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void *yielder(void *arg)
{
	(void)arg;
	for (long i = 0; i < rounds; i++)
		sched_yield();
	return 0;
}

static atomic_uint turn;   /* 0: ping's turn, 1: pong's */

static void futex_wait(atomic_uint *w, unsigned v)
{
	while (atomic_load(w) == v)
		syscall(SYS_futex, w, 128 /* WAIT_PRIVATE */, v, 0, 0, 0);
}

static void futex_wake(atomic_uint *w)
{
	syscall(SYS_futex, w, 129 /* WAKE_PRIVATE */, 1, 0, 0, 0);
}

static void *ponger(void *arg)
{
	(void)arg;
	for (long i = 0; i < rounds; i++) {
		futex_wait(&turn, 0);
		atomic_store(&turn, 0);
		futex_wake(&turn);
	}
	return 0;
}

static int to_b[2], to_a[2];
static void *bouncer(void *arg)
{
	char c;
	(void)arg;
	for (long i = 0; i < rounds; i++) {
		if (read(to_b[0], &c, 1) != 1 || write(to_a[1], &c, 1) != 1)
			exit(1);
	}
	return 0;
}

int main(int argc, char **argv)
{
	rounds = argc > 1 ? atol(argv[1]) : 100000;
	pthread_t t;
	uint64_t t0 = now_ns();
	pthread_create(&t, 0, yielder, 0);
	for (long i = 0; i < rounds; i++)
		sched_yield();
	pthread_join(t, 0);
	printf("yield %.0f\n", (double)(now_ns() - t0) / (2.0 * rounds));

	t0 = now_ns();
	pthread_create(&t, 0, ponger, 0);
	for (long i = 0; i < rounds; i++) {
		atomic_store(&turn, 1);
		futex_wake(&turn);
		futex_wait(&turn, 1);
	}
	pthread_join(t, 0);
	printf("futex %.0f\n", (double)(now_ns() - t0) / rounds);

	pipe(to_b);
	pipe(to_a);
	t0 = now_ns();
	pthread_create(&t, 0, bouncer, 0);
	for (long i = 0; i < rounds; i++) {
		char c = 'x';
		if (write(to_b[1], &c, 1) != 1 || read(to_a[0], &c, 1) != 1)
			return 1;
	}
	pthread_join(t, 0);
	printf("pipe %.0f\n", (double)(now_ns() - t0) / rounds);
	return 0;
}
