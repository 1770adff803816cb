/* futex(2) for green threads (docs/threads.md): one address space, so
 * private and shared futexes are the same; a waiter is keyed by the
 * address. Waiters queue in arrival order in a small hash table. */
#include "kernel.h"
#include "syscall.h"
#include "sched.h"
#include "signal.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu
#define NS 1000000000ULL
#define BUCKETS 64

struct uk_timespec {
	long sec;
	long nsec;
};

static struct uk_thread *buckets[BUCKETS];

static struct uk_thread **bucket(uintptr_t key)
{
	return &buckets[(key >> 2) * 0x9E3779B97F4A7C15ULL >> 58];
}

static void enqueue_waiter(struct uk_thread *t)
{
	struct uk_thread **p = bucket(t->futex_key);
	while (*p)
		p = &(*p)->futex_next;
	t->futex_next = 0;
	*p = t;
}

/* 1 when t was still waiting (so nobody woke it). */
static int dequeue_waiter(struct uk_thread *t)
{
	for (struct uk_thread **p = bucket(t->futex_key); *p; p = &(*p)->futex_next)
		if (*p == t) {
			*p = t->futex_next;
			return 1;
		}
	return 0;
}

long uk_futex_wake(uint32_t *uaddr, long n, uint32_t bitset)
{
	uintptr_t key = (uintptr_t)uaddr;
	long woken = 0;
	struct uk_thread **p = bucket(key);
	while (*p && woken < n) {
		struct uk_thread *t = *p;
		if (t->futex_key == key && (t->futex_bitset & bitset)) {
			*p = t->futex_next;
			uk_sched_wake(t);
			woken++;
		} else {
			p = &t->futex_next;
		}
	}
	return woken;
}

static long futex_wait(uint32_t *uaddr, uint32_t val, uint64_t deadline, uint32_t bitset)
{
	/* Nothing runs between this check and the queueing: no lost wake-up. */
	if (__atomic_load_n(uaddr, __ATOMIC_SEQ_CST) != val)
		return -UK_EAGAIN;
	struct uk_thread *self = uk_current;
	if (uk_signal_pending())
		return -UK_EINTR;
	self->futex_key = (uintptr_t)uaddr;
	self->futex_bitset = bitset;
	self->timed_out = 0;
	enqueue_waiter(self);
	self->deadline = deadline;
	self->state = UK_THREAD_BLOCKED;
	uk_sched_block();
	self->deadline = UINT64_MAX;
	if (dequeue_waiter(self))       /* nobody woke it: time, or a signal */
		return self->timed_out ? -UK_ETIMEDOUT : -UK_EINTR;
	return 0;
}

/* Moves up to n waiters on from to to, after waking up to nwake. */
static long requeue(uint32_t *from, uint32_t *to, long nwake, long n)
{
	long done = uk_futex_wake(from, nwake, FUTEX_BITSET_MATCH_ANY);
	uintptr_t key = (uintptr_t)from;
	struct uk_thread **p = bucket(key);
	while (*p && n > 0) {
		struct uk_thread *t = *p;
		if (t->futex_key == key) {
			*p = t->futex_next;
			t->futex_key = (uintptr_t)to;
			enqueue_waiter(t);
			n--;
			done++;
		} else {
			p = &t->futex_next;
		}
	}
	return done;
}

/* FUTEX_WAKE_OP: *uaddr2 = oldval OP oparg; wake on uaddr; if oldval CMP
 * cmparg, wake on uaddr2 too. The 12-bit fields are signed, as Linux's. */
static long wake_op(uint32_t *uaddr, uint32_t *uaddr2, long n, long n2, uint32_t val3)
{
	unsigned op = (val3 >> 28) & 7, cmp = (val3 >> 24) & 15;
	int oparg = (int)(val3 << 8) >> 20, cmparg = (int)(val3 << 20) >> 20;
	if ((val3 >> 28) & 8)
		oparg = 1 << (oparg & 31);
	uint32_t old = *uaddr2, new;
	switch (op) {
	case 0: new = (uint32_t)oparg; break;           /* SET */
	case 1: new = old + (uint32_t)oparg; break;     /* ADD */
	case 2: new = old | (uint32_t)oparg; break;     /* OR */
	case 3: new = old & ~(uint32_t)oparg; break;    /* ANDN */
	case 4: new = old ^ (uint32_t)oparg; break;     /* XOR */
	default: return -UK_ENOSYS;
	}
	int o = (int)old, hit;
	switch (cmp) {
	case 0: hit = o == cmparg; break;
	case 1: hit = o != cmparg; break;
	case 2: hit = o < cmparg; break;
	case 3: hit = o <= cmparg; break;
	case 4: hit = o > cmparg; break;
	case 5: hit = o >= cmparg; break;
	default: return -UK_ENOSYS;
	}
	*uaddr2 = new;
	long done = uk_futex_wake(uaddr, n, FUTEX_BITSET_MATCH_ANY);
	if (hit)
		done += uk_futex_wake(uaddr2, n2, FUTEX_BITSET_MATCH_ANY);
	return done;
}

/* The absolute monotonic deadline of a timeout; UINT64_MAX for none. */
static long deadline_of(const struct uk_timespec *ts, int absolute, int realtime, uint64_t *out)
{
	*out = UINT64_MAX;
	if (!ts)
		return 0;
	if (ts->sec < 0 || ts->nsec < 0 || ts->nsec >= (long)NS)
		return -UK_EINVAL;
	uint64_t ns = (uint64_t)ts->sec * NS + (uint64_t)ts->nsec;
	if ((uint64_t)ts->sec > UINT64_MAX / NS / 2)
		return 0;               /* centuries: no deadline */
	uint64_t mono = uk_platform_clock_monotonic();
	if (!absolute)
		*out = mono + ns;
	else if (realtime) {
		uint64_t wall = uk_platform_clock_wall();
		*out = ns > wall ? mono + (ns - wall) : mono;
	} else
		*out = ns;
	return 0;
}

static long sys_futex(long uaddr, long op, long val, long timeout, long uaddr2, long val3)
{
	int cmd = (int)(op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME));
	int realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
	uint32_t *addr = (uint32_t *)uaddr;
	uint64_t deadline;
	long err;
	if (uaddr & 3)
		return -UK_EINVAL;
	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -UK_ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		if ((err = deadline_of((const struct uk_timespec *)timeout, 0, 0, &deadline)))
			return err;
		return futex_wait(addr, (uint32_t)val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		if (!(uint32_t)val3)
			return -UK_EINVAL;
		if ((err = deadline_of((const struct uk_timespec *)timeout, 1, realtime, &deadline)))
			return err;
		return futex_wait(addr, (uint32_t)val, deadline, (uint32_t)val3);
	case FUTEX_WAKE:
		return uk_futex_wake(addr, val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		if (!(uint32_t)val3)
			return -UK_EINVAL;
		return uk_futex_wake(addr, val, (uint32_t)val3);
	case FUTEX_REQUEUE:
		return requeue(addr, (uint32_t *)uaddr2, val, timeout);   /* timeout is val2 */
	case FUTEX_CMP_REQUEUE:
		if (*addr != (uint32_t)val3)
			return -UK_EAGAIN;
		return requeue(addr, (uint32_t *)uaddr2, val, timeout);
	case FUTEX_WAKE_OP:
		return wake_op(addr, (uint32_t *)uaddr2, val, timeout, (uint32_t)val3);
	default:
		/* Priority inheritance (LOCK_PI...): musl's PI mutexes only. */
	{
		static int warned;
		return uk_unsupported(&warned, "futex priority inheritance (FUTEX_LOCK_PI...)");
	}
	}
}

UK_SYSCALL(202, futex, sys_futex);
