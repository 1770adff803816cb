/* The futex operations as musl and other runtimes use them, raw: the
 * image's answers must be Linux's (dev executable). */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Linux's futex ABI (the sysroot has no kernel headers). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu
#define FUTEX_OP_ADD 1
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))

static long futex(uint32_t *addr, int op, uint32_t val, const void *timeout_or_val2, uint32_t *addr2, uint32_t val3)
{
	long r = syscall(SYS_futex, addr, op, val, timeout_or_val2, addr2, val3);
	return r < 0 ? -errno : r;
}

static const char *err(long r)
{
	static char buf[16];
	switch (r) {
	case -EAGAIN: return "EAGAIN";
	case -ETIMEDOUT: return "ETIMEDOUT";
	case -EINVAL: return "EINVAL";
	case -EINTR: return "EINTR";
	case -ENOSYS: return "ENOSYS";
	}
	snprintf(buf, sizeof buf, "%ld", r);
	return buf;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint32_t word_a, word_b;
static atomic_int woken_a, woken_b, waiting;

/* Waits on word (a or b per arg) with a bitset; counts the wake-up. */
struct waiter { uint32_t *word; uint32_t bitset; atomic_int *woken; };

static void *wait_on(void *arg)
{
	struct waiter *w = arg;
	atomic_fetch_add(&waiting, 1);
	long r = futex(w->word, FUTEX_WAIT_BITSET, 0, NULL, NULL, w->bitset);
	if (r == 0)
		atomic_fetch_add(w->woken, 1);
	return 0;
}

/* Lets the waiters reach their futex_wait. */
static void settle(int n)
{
	while (atomic_load(&waiting) < n)
		usleep(1000);
	usleep(20000);
}

int main(void)
{
	setvbuf(stdout, 0, _IOLBF, 0);
	uint32_t w = 1;
	struct timespec ts = { 0, 20 * 1000000 };

	printf("wait, value differs: %s\n", err(futex(&w, FUTEX_WAIT, 2, NULL, NULL, 0)));
	double t0 = now();
	long r = futex(&w, FUTEX_WAIT_PRIVATE, 1, &ts, NULL, 0);
	printf("wait 20 ms: %s, at least 20 ms: %s\n", err(r), now() - t0 >= 0.019 ? "yes" : "no");
	struct timespec bad = { 0, 1000000000 };
	printf("wait, bad timeout: %s\n", err(futex(&w, FUTEX_WAIT, 1, &bad, NULL, 0)));
	struct timespec abs;
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 10 * 1000000;
	if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
	printf("wait_bitset, absolute monotonic: %s\n",
	       err(futex(&w, FUTEX_WAIT_BITSET, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY)));
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec += 10 * 1000000;
	if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
	printf("wait_bitset, absolute realtime: %s\n",
	       err(futex(&w, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY)));
	printf("wait_bitset, zero bitset: %s\n", err(futex(&w, FUTEX_WAIT_BITSET, 1, NULL, NULL, 0)));
	printf("wake, nobody waits: %ld\n", futex(&w, FUTEX_WAKE, 5, NULL, NULL, 0));
	printf("misaligned: %s\n", err(futex((uint32_t *)((char *)&w + 1), FUTEX_WAKE, 1, NULL, NULL, 0)));

	/* Four waiters on a: bitsets 1, 1, 2, 2. */
	pthread_t t[8];
	struct waiter wa[4] = { { &word_a, 1, &woken_a }, { &word_a, 1, &woken_a },
				{ &word_a, 2, &woken_a }, { &word_a, 2, &woken_a } };
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], 0, wait_on, &wa[i]);
	settle(4);
	printf("wake_bitset 2, up to 5: %ld\n", futex(&word_a, FUTEX_WAKE_BITSET, 5, NULL, NULL, 2));
	printf("wake 1: %ld\n", futex(&word_a, FUTEX_WAKE, 1, NULL, NULL, 0));
	printf("wake 5: %ld\n", futex(&word_a, FUTEX_WAKE, 5, NULL, NULL, 0));
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], 0);
	printf("woken on a: %d\n", atomic_load(&woken_a));

	/* Requeue: four waiters on a; wake 1, move 2 to b, one stays. */
	atomic_store(&waiting, 0);
	atomic_store(&woken_a, 0);
	struct waiter wr = { &word_a, FUTEX_BITSET_MATCH_ANY, &woken_a };
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], 0, wait_on, &wr);
	settle(4);
	printf("cmp_requeue, value differs: %s\n",
	       err(futex(&word_a, FUTEX_CMP_REQUEUE, 1, (void *)2, &word_b, 7)));
	printf("cmp_requeue 1 + 2: %ld\n", futex(&word_a, FUTEX_CMP_REQUEUE, 1, (void *)2, &word_b, 0));
	printf("wake on b, up to 5: %ld\n", futex(&word_b, FUTEX_WAKE, 5, NULL, NULL, 0));
	printf("requeue 0 + 5 to b: %ld\n", futex(&word_a, FUTEX_REQUEUE, 0, (void *)5, &word_b, 0));
	printf("wake on b: %ld\n", futex(&word_b, FUTEX_WAKE, 5, NULL, NULL, 0));
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], 0);
	printf("woken in all: %d\n", atomic_load(&woken_a));

	/* wake_op: b += 1 (old 0); wake on a; wake on b if old == 0. */
	atomic_store(&waiting, 0);
	atomic_store(&woken_a, 0);
	atomic_store(&woken_b, 0);
	word_b = 0;
	struct waiter on_a = { &word_a, FUTEX_BITSET_MATCH_ANY, &woken_a };
	struct waiter on_b = { &word_b, FUTEX_BITSET_MATCH_ANY, &woken_b };
	pthread_create(&t[0], 0, wait_on, &on_a);
	pthread_create(&t[1], 0, wait_on, &on_b);
	settle(2);
	r = futex(&word_a, FUTEX_WAKE_OP, 1, (void *)1, &word_b,
		  FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 0));
	pthread_join(t[0], 0);
	pthread_join(t[1], 0);
	printf("wake_op: %ld woken, b is now %u, woken a %d b %d\n", r, word_b,
	       atomic_load(&woken_a), atomic_load(&woken_b));
	return 0;
}
