/* Green threads: the run queue, the switch, the idle thread
 * (docs/threads.md). One CPU, cooperative: a thread runs until it blocks
 * in the kernel, yields or exits. The network is pumped on the idle
 * thread's own stack: when nothing can run, it sleeps in the platform until
 * the earliest deadline or a ready device; while threads keep running, it
 * still gets a turn every PUMP_NS so frames and lwIP timers are served. */
#include "kernel.h"
#include "sched.h"
#include "wait.h"
#include "net/net.h"

#define IDLE_STACK (64 * 1024)
#define PUMP_NS 1000000ULL          /* at least every millisecond when busy */

struct uk_thread *uk_current;
uint64_t uk_sched_events;

static struct uk_thread main_thread, idle_thread;
static struct uk_thread *run_head, *run_tail;
static struct uk_thread *all_threads;   /* program threads, not the idle one */
static int live_threads;
static int next_tid = 2;                /* the main thread is 1, as getpid */
static struct uk_thread *zombie;        /* freed once off its stack */
static uintptr_t loaded_tls;
static uint64_t last_pump;
static int stopped;

void uk_context_switch(uint64_t *from_sp, uint64_t to_sp);
void uk_thread_first_run(void);
void uk_idle_first_run(void);

static void enqueue(struct uk_thread *t)
{
	t->state = UK_THREAD_RUNNABLE;
	t->run_next = 0;
	if (run_tail)
		run_tail->run_next = t;
	else
		run_head = t;
	run_tail = t;
}

static struct uk_thread *dequeue(void)
{
	struct uk_thread *t = run_head;
	if (t) {
		run_head = t->run_next;
		if (!run_head)
			run_tail = 0;
	}
	return t;
}

/* A switched-out stack: the callee-saved registers (zero) under the
 * address uk_context_switch returns to. */
static uint64_t initial_frame(uint64_t *top, void (*entry)(void))
{
	uint64_t *frame = top - 7;
	for (int i = 0; i < 6; i++)
		frame[i] = 0;
	frame[6] = (uint64_t)(uintptr_t)entry;
	return (uint64_t)(uintptr_t)frame;
}

void uk_sched_init(void)
{
	main_thread.tid = 1;
	main_thread.state = UK_THREAD_RUNNABLE;
	main_thread.deadline = UINT64_MAX;
	uk_current = all_threads = &main_thread;
	live_threads = 1;
	char *stack = uk_pages_alloc(IDLE_STACK);
	if (!stack)
		uk_boot_error("no memory for the idle thread", 0);
	/* 16-aligned top: uk_idle_first_run calls C right away. */
	idle_thread.sp = initial_frame((uint64_t *)(stack + IDLE_STACK), uk_idle_first_run);
	idle_thread.tid = 0;
	idle_thread.deadline = UINT64_MAX;
}

int uk_sched_threaded(void)
{
	return live_threads > 1 && !stopped;
}

void uk_sched_stop(void)
{
	stopped = 1;
}

int uk_sched_stopped(void)
{
	return stopped;
}

void uk_sched_set_tls(uintptr_t tls)
{
	uk_current->tls = loaded_tls = tls;
	uk_platform_set_tls_base(tls);
}

/* The other half of every switch, on the new thread's stack. */
void uk_sched_switched(void)
{
	if (zombie && zombie != uk_current) {
		if (zombie != &main_thread)
			uk_free(zombie);
		zombie = 0;
	}
}

static void switch_to(struct uk_thread *next)
{
	struct uk_thread *prev = uk_current;
	if (next == prev)
		return;
	uk_current = next;
	/* The idle thread runs kernel code only: no thread pointer needed. */
	if (next != &idle_thread && next->tls != loaded_tls) {
		loaded_tls = next->tls;
		uk_platform_set_tls_base(loaded_tls);
	}
	uk_context_switch(&prev->sp, next->sp);
	uk_sched_switched();
}

/* Polling threads look again when anything moved; deadlines wake too. */
static void wake_due(uint64_t now)
{
	for (struct uk_thread *t = all_threads; t; t = t->all_next) {
		if (t->state == UK_THREAD_POLLING && (t->seen != uk_sched_events || t->deadline <= now))
			enqueue(t);
		else if (t->state == UK_THREAD_BLOCKED && t->deadline <= now) {
			t->timed_out = 1;
			enqueue(t);
		}
	}
}

static uint64_t earliest_deadline(void)
{
	uint64_t d = uk_wait_kernel_deadline();
	for (struct uk_thread *t = all_threads; t; t = t->all_next)
		if ((t->state == UK_THREAD_POLLING || t->state == UK_THREAD_BLOCKED) && t->deadline < d)
			d = t->deadline;
	return d;
}

static struct uk_thread *pick(void)
{
	uint64_t now = uk_platform_clock_monotonic();
	if (run_head && now - last_pump > PUMP_NS)
		return &idle_thread;    /* it pumps, then runs the queue */
	struct uk_thread *t = dequeue();
	if (t)
		return t;
	wake_due(now);
	t = dequeue();
	return t ? t : &idle_thread;
}

_Noreturn void uk_sched_idle_loop(void)
{
	for (;;) {
		uint64_t deadline = run_head ? 0 : earliest_deadline();
		uk_net_poll_ready(uk_platform_wait(deadline));
		uk_sched_events++;
		last_pump = uk_platform_clock_monotonic();
		uk_itimer_check(last_pump);
		wake_due(last_pump);
		struct uk_thread *t = dequeue();
		if (t)
			switch_to(t);
	}
}

void uk_sched_block(void)
{
	switch_to(pick());
	uk_current->state = UK_THREAD_RUNNABLE;
}

void uk_sched_wake(struct uk_thread *t)
{
	if (t->state == UK_THREAD_BLOCKED || t->state == UK_THREAD_POLLING)
		enqueue(t);
}

void uk_sched_yield(void)
{
	struct uk_thread *self = uk_current;
	enqueue(self);
	struct uk_thread *next = pick();
	if (next == self) {
		/* Alone: serve the network without sleeping, so a thread that
		 * spins on sched_yield still sees it. */
		uk_net_poll_ready(uk_platform_wait(0));
		uk_sched_events++;
		return;
	}
	switch_to(next);
}

struct uk_thread *uk_thread_create(uintptr_t sp, uintptr_t tls)
{
	struct uk_thread *t = uk_malloc(sizeof *t);
	if (!t)
		return 0;
	t->tid = next_tid++;
	t->tls = tls;
	t->sig.mask = uk_current->sig.mask;    /* inherited, as on Linux */
	t->deadline = UINT64_MAX;
	t->sp = initial_frame((uint64_t *)sp, uk_thread_first_run);
	t->all_next = all_threads;
	all_threads = t;
	live_threads++;
	enqueue(t);
	return t;
}

struct uk_thread *uk_thread_find(int tid)
{
	for (struct uk_thread *t = all_threads; t; t = t->all_next)
		if (t->tid == tid)
			return t;
	return 0;
}

struct uk_thread *uk_thread_list(void)
{
	return all_threads;
}

int uk_thread_count(void)
{
	return live_threads;
}

/* The thread may be on the static stack of musl's __unmapself, with little
 * room: straight to the next thread or the idle one, nothing heavy here. */
_Noreturn void uk_thread_exit(void)
{
	struct uk_thread *self = uk_current, **p;
	for (p = &all_threads; *p != self; p = &(*p)->all_next)
		;
	*p = self->all_next;
	live_threads--;
	self->state = UK_THREAD_DEAD;
	zombie = self;
	struct uk_thread *next = dequeue();
	switch_to(next ? next : &idle_thread);
	for (;;)
		;                       /* never switched back to */
}
