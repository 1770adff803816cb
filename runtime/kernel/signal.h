/* Signals (signal.c, docs/signals.md): per-thread masks and pending sets,
 * one action table for the program, delivery at the end of a system call
 * (the safe point: the thread is in no kernel state). */
#ifndef UK_SIGNAL_H
#define UK_SIGNAL_H

#include <stdint.h>

#define UK_NSIG 64
#define UK_SIGHUP 1
#define UK_SIGINT 2
#define UK_SIGABRT 6
#define UK_SIGKILL 9
#define UK_SIGPIPE 13
#define UK_SIGALRM 14
#define UK_SIGTERM 15
#define UK_SIGCHLD 17
#define UK_SIGCONT 18
#define UK_SIGSTOP 19

/* si_code values. */
#define UK_SI_USER 0
#define UK_SI_KERNEL 0x80
#define UK_SI_QUEUE (-1)
#define UK_SI_TIMER (-2)
#define UK_SI_TKILL (-6)

struct uk_thread;

/* What a pending signal carries into siginfo_t. */
struct uk_siginfo {
	int code;
	int pid, uid;           /* SI_USER, SI_TKILL, SI_QUEUE */
	int timer, overrun;     /* SI_TIMER */
	uint64_t value;         /* SI_TIMER, SI_QUEUE */
};

struct uk_sigstate {
	uint64_t mask;          /* blocked: bit sig-1 */
	uint64_t pending;
	uint64_t restore;       /* sigsuspend: the mask after delivery */
	int restore_set;
	struct uk_siginfo info[UK_NSIG];
};

/* Sends sig to thread t, or to the program when t is 0 (any thread that
 * does not block it takes it). A thread parked in the kernel wakes up. */
void uk_signal_send(struct uk_thread *t, int sig, const struct uk_siginfo *info);
/* sig waits, sent to t or to the program. */
int uk_signal_is_pending(struct uk_thread *t, int sig);
/* The current thread has a signal it does not block: a wait ends (EINTR). */
int uk_signal_pending(void);
/* At the end of a system call: runs the handlers of the pending signals
 * (default actions may end the program). ret_slot holds the address the
 * call returns to; a handler that changes the context's rip changes it.
 * Returns UK_SIGNAL_RESTART when the interrupted call may restart (every
 * handler run had SA_RESTART), UK_SIGNAL_REDIRECTED when it must return at
 * once to its new address. */
#define UK_SIGNAL_RESTART 1
#define UK_SIGNAL_REDIRECTED 2
int uk_signal_deliver(void **ret_slot);
/* ppoll, pselect6, epoll_pwait: set (if not 0) is the mask for the wait
 * only; _end, after the wait, returns to the thread's own mask. */
void uk_signal_wait_mask(const uint64_t *set);
void uk_signal_wait_mask_end(void);
/* SIGPIPE for a write that failed with EPIPE, as Linux sends it. */
void uk_signal_pipe(void);
/* ITIMER_REAL / alarm: the next expiry (monotonic ns, UINT64_MAX: none),
 * and the check that raises SIGALRM once it has passed. */
uint64_t uk_itimer_next(void);
void uk_itimer_check(uint64_t now);

#endif
