/* Green threads (sched.c, docs/threads.md): one CPU, cooperative. A thread
 * runs until it blocks in the kernel or yields; when none can run, the idle
 * thread sleeps in the platform until the earliest deadline or a device is
 * ready. Kernel code runs on the calling thread's own stack. */
#ifndef UK_SCHED_H
#define UK_SCHED_H

#include <stdint.h>
#include "signal.h"

enum uk_thread_state {
	UK_THREAD_RUNNABLE,     /* on the run queue, or running */
	UK_THREAD_POLLING,      /* waits for anything to change (uk_wait_once) */
	UK_THREAD_BLOCKED,      /* waits to be woken (futex) or for its deadline */
	UK_THREAD_DEAD,
};

struct uk_thread {
	uint64_t sp;                    /* saved stack top while switched out */
	int tid;
	enum uk_thread_state state;
	uint64_t deadline;              /* monotonic ns; UINT64_MAX: none */
	uint64_t seen;                  /* uk_sched_events when it started polling */
	int timed_out;                  /* BLOCKED: woken by its deadline */
	uintptr_t tls;
	int *clear_child_tid;           /* set_tid_address / CLONE_CHILD_CLEARTID */
	struct uk_thread *run_next;     /* run queue */
	struct uk_thread *all_next;     /* every live thread */
	/* futex.c's wait queue entry */
	uintptr_t futex_key;
	uint32_t futex_bitset;
	struct uk_thread *futex_next;
	struct uk_sigstate sig;
};

extern struct uk_thread *uk_current;
/* Counts what may change readiness (every system call, frames arriving):
 * a polling thread looks again once it has moved. */
extern uint64_t uk_sched_events;

void uk_sched_init(void);
/* More than one program thread exists: blocking must switch. */
int uk_sched_threaded(void);
/* The current thread stops running until uk_sched_wake (BLOCKED), or until
 * uk_sched_events moves (POLLING), or its deadline. Returns when it runs
 * again. The caller sets state and deadline first. */
void uk_sched_block(void);
/* Makes a BLOCKED or POLLING thread runnable. */
void uk_sched_wake(struct uk_thread *t);
/* The thread pointer of the current thread (arch_prctl). */
void uk_sched_set_tls(uintptr_t tls);
/* exit_group: from now on blocking never switches (the exit drain). */
void uk_sched_stop(void);
int uk_sched_stopped(void);
/* To the back of the run queue (sched_yield). */
void uk_sched_yield(void);
/* A new program thread: starts at the word at sp with rax = 0. */
struct uk_thread *uk_thread_create(uintptr_t sp, uintptr_t tls);
/* The current thread ends (SYS_exit). */
_Noreturn void uk_thread_exit(void);
struct uk_thread *uk_thread_find(int tid);
struct uk_thread *uk_thread_list(void);  /* every live thread, by all_next */
int uk_thread_count(void);              /* program threads alive */

#endif
