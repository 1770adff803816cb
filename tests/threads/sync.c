/* pthreads on the kernel's green threads: every section prints facts that
 * must be the same on Linux (dev executable) and in an spt image.
 *   create/join/detach storms: 10,000 threads, 200 alive at once
 *   mutex, condvar, rwlock, barrier, semaphore under contention
 *   timed waits that time out (ETIMEDOUT after at least the timeout)
 *   thread-local storage, distinct tids, sched_yield */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define check(what, cond) do { if (!(cond)) { printf("FAILED: %s (line %d)\n", what, __LINE__); exit(1); } } while (0)

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Storms: waves of 200 joinable threads, plus detached ones. */
static atomic_long ran;
static void *count_me(void *arg)
{
	atomic_fetch_add(&ran, 1);
	if ((long)arg % 7 == 0)
		sched_yield();
	return arg;
}

static void storms(void)
{
	pthread_t t[200];
	long sum = 0, want = 0;
	for (int wave = 0; wave < 40; wave++) {
		for (long i = 0; i < 200; i++)
			check("pthread_create", pthread_create(&t[i], 0, count_me, (void *)i) == 0);
		for (long i = 0; i < 200; i++) {
			void *r;
			check("pthread_join", pthread_join(t[i], &r) == 0);
			sum += (long)r;
			want += i;
		}
	}
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 64 * 1024);
	for (long i = 0; i < 2000; i++) {
		pthread_t d;
		check("detached create", pthread_create(&d, &a, count_me, (void *)i) == 0);
		if (i % 200 == 199)
			while (atomic_load(&ran) < 8000 + i + 1)
				usleep(100);
	}
	printf("storms: %ld threads ran, join results %s\n", atomic_load(&ran), sum == want ? "right" : "wrong");
}

/* Mutex and condvar: 8 workers move a shared counter; a condvar signals
 * the phases. */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter, finished, go;

static void *mutex_worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	while (!go)
		pthread_cond_wait(&cv, &m);
	pthread_mutex_unlock(&m);
	for (int i = 0; i < 20000; i++) {
		pthread_mutex_lock(&m);
		long c = counter;
		if (i % 500 == 0)
			sched_yield();  /* holding the lock: the others must wait */
		counter = c + 1;
		pthread_mutex_unlock(&m);
	}
	pthread_mutex_lock(&m);
	finished++;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&m);
	return 0;
}

static void mutexes(void)
{
	pthread_t t[8];
	for (int i = 0; i < 8; i++)
		pthread_create(&t[i], 0, mutex_worker, 0);
	usleep(10000);
	pthread_mutex_lock(&m);
	go = 1;
	pthread_cond_broadcast(&cv);
	while (finished < 8)
		pthread_cond_wait(&cv, &m);
	pthread_mutex_unlock(&m);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], 0);
	printf("mutex+condvar: counter %ld of %d\n", counter, 8 * 20000);
}

/* rwlock: readers see a consistent pair; writers keep it consistent. */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long pair_a, pair_b;
static atomic_long torn;

static void *rw_worker(void *arg)
{
	long id = (long)arg;
	for (int i = 0; i < 5000; i++) {
		if (id < 2) {
			pthread_rwlock_wrlock(&rw);
			pair_a++;
			if (i % 250 == 0)
				sched_yield();
			pair_b++;
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			if (pair_a != pair_b)
				atomic_fetch_add(&torn, 1);
			if (i % 300 == 0)
				sched_yield();
			pthread_rwlock_unlock(&rw);
		}
	}
	return 0;
}

static void rwlocks(void)
{
	pthread_t t[6];
	for (long i = 0; i < 6; i++)
		pthread_create(&t[i], 0, rw_worker, (void *)i);
	for (int i = 0; i < 6; i++)
		pthread_join(t[i], 0);
	printf("rwlock: %ld writes, %ld torn reads\n", pair_a, atomic_load(&torn));
}

/* Barrier: no thread passes round r before all reached it. */
static pthread_barrier_t bar;
static atomic_int round_seen[50];
static atomic_long barrier_errors, serial_count;

static void *barrier_worker(void *arg)
{
	(void)arg;
	for (int r = 0; r < 50; r++) {
		atomic_fetch_add(&round_seen[r], 1);
		int s = pthread_barrier_wait(&bar);
		if (s == PTHREAD_BARRIER_SERIAL_THREAD)
			atomic_fetch_add(&serial_count, 1);
		if (atomic_load(&round_seen[r]) != 5)
			atomic_fetch_add(&barrier_errors, 1);
	}
	return 0;
}

static void barriers(void)
{
	pthread_t t[5];
	pthread_barrier_init(&bar, 0, 5);
	for (int i = 0; i < 5; i++)
		pthread_create(&t[i], 0, barrier_worker, 0);
	for (int i = 0; i < 5; i++)
		pthread_join(t[i], 0);
	printf("barrier: 50 rounds of 5, %ld early passes, %ld serial threads\n",
	       atomic_load(&barrier_errors), atomic_load(&serial_count));
}

/* Semaphores: a bounded buffer of 4 between 3 producers and 3 consumers. */
static sem_t slots, items;
static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static long queue[4], qhead, qtail, consumed_sum;

static void *producer(void *arg)
{
	for (long i = 1; i <= 3000; i++) {
		sem_wait(&slots);
		pthread_mutex_lock(&qm);
		queue[qtail++ % 4] = i * (long)arg;
		pthread_mutex_unlock(&qm);
		sem_post(&items);
	}
	return 0;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3000; i++) {
		sem_wait(&items);
		pthread_mutex_lock(&qm);
		consumed_sum += queue[qhead++ % 4];
		pthread_mutex_unlock(&qm);
		sem_post(&slots);
	}
	return 0;
}

static void semaphores(void)
{
	pthread_t t[6];
	sem_init(&slots, 0, 4);
	sem_init(&items, 0, 0);
	for (long i = 0; i < 3; i++)
		pthread_create(&t[i], 0, producer, (void *)(i + 1));
	for (long i = 3; i < 6; i++)
		pthread_create(&t[i], 0, consumer, 0);
	for (int i = 0; i < 6; i++)
		pthread_join(t[i], 0);
	long want = 0;
	for (long p = 1; p <= 3; p++)
		want += p * 3000 * 3001 / 2;
	printf("semaphores: bounded buffer sum %s\n", consumed_sum == want ? "right" : "wrong");
}

/* Timed waits time out, no sooner than asked, with others running. */
static void *spinner(void *arg)
{
	(void)arg;
	for (int i = 0; i < 50; i++)
		usleep(1000);
	return 0;
}

static void timeouts(void)
{
	pthread_t t;
	pthread_create(&t, 0, spinner, 0);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 30 * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	double t0 = now();
	pthread_mutex_lock(&m);
	int r = pthread_cond_timedwait(&cv, &m, &until);
	pthread_mutex_unlock(&m);
	printf("cond_timedwait: %s, waited at least 30 ms: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other",
	       now() - t0 >= 0.029 ? "yes" : "no");
	sem_t never;
	sem_init(&never, 0, 0);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += 20 * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	t0 = now();
	r = sem_timedwait(&never, &until);
	printf("sem_timedwait: %s, waited at least 20 ms: %s\n", r == -1 && errno == ETIMEDOUT ? "ETIMEDOUT" : "other",
	       now() - t0 >= 0.019 ? "yes" : "no");
	pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&held);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 1;
	until.tv_nsec = 0;
	r = pthread_mutex_timedlock(&held, &until);
	printf("mutex_timedlock on own lock: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : r == EDEADLK ? "EDEADLK" : "other");
	pthread_join(t, 0);
}

/* Each thread has its own TLS and tid. */
static __thread long tls_value = 5;
static void *tls_worker(void *arg)
{
	tls_value += (long)arg;
	sched_yield();
	long tid = syscall(SYS_gettid);
	return (void *)(tls_value * 1000000 + (tid == getpid() ? 1 : 0));
}

static void tls(void)
{
	pthread_t t[4];
	long bad = 0;
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], 0, tls_worker, (void *)(i + 1));
	for (long i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		if ((long)r != (5 + i + 1) * 1000000)
			bad++;
	}
	printf("tls: %ld threads saw another's value or the main tid; main still %ld\n", bad, tls_value);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	storms();
	mutexes();
	rwlocks();
	barriers();
	semaphores();
	timeouts();
	tls();
	printf("main tid is the pid: %s\n", syscall(SYS_gettid) == getpid() ? "yes" : "no");
	return 0;
}
