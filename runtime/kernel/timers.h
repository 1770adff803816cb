/* Timers that expire with time (timers.c): timerfd now, POSIX timers and
 * alarm/setitimer later. A struct uk_timer lives inside its owner's state.
 * Nothing runs when one expires: expirations are counted from the clock
 * whenever asked, so an idle timer costs nothing. While armed, a timer is on
 * a kernel-wide list so that uk_wait_once parks no longer than the next
 * expiry (uk_timers_next_deadline), and a waiter re-checking its condition
 * after every wake-up sees the timer fire. Times are ns. */
#ifndef UK_TIMERS_H
#define UK_TIMERS_H

#include <stdint.h>

enum uk_timer_clock {
	UK_TIMER_MONOTONIC,   /* the platform's monotonic clock */
	UK_TIMER_WALL,        /* the wall clock: absolute CLOCK_REALTIME timers */
};

/* Owned by timers.c; zero-initialised means disarmed. */
struct uk_timer {
	struct uk_timer *next, **prevp;   /* the armed list; prevp is 0 when disarmed */
	enum uk_timer_clock clock;
	uint64_t first;                   /* first expiry, on clock */
	uint64_t interval;                /* period; 0 expires once */
	uint64_t taken;                   /* expirations handed out since arming */
	uint64_t past;                    /* expirations of earlier armings */
};

/* Arm (or re-arm) t: it expires at first on clock, then every interval
 * (0 for once). Expirations not taken yet are dropped. */
void uk_timer_arm(struct uk_timer *t, enum uk_timer_clock clock, uint64_t first, uint64_t interval);
/* Stop t; its untaken expirations are dropped. Must precede freeing t. */
void uk_timer_disarm(struct uk_timer *t);
/* Expirations since arming or the last uk_timer_take: 0 while disarmed. */
uint64_t uk_timer_pending(const struct uk_timer *t);
/* Hand the pending expirations out: returns them and starts again from 0. */
uint64_t uk_timer_take(struct uk_timer *t);
/* ns until the next expiry; 0 when disarmed or when a one-shot has gone off. */
uint64_t uk_timer_remaining(const struct uk_timer *t);
/* Grows by one with every expiry over t's whole life (re-arming included):
 * a file's changes count for EPOLLET. */
uint64_t uk_timer_expiries(const struct uk_timer *t);

/* For uk_wait_once, once per park: the monotonic time to wake up at, the
 * earliest expiry of any armed timer since the previous call (which may be
 * now or past: a waiter that checked just before it still wakes), UINT64_MAX
 * when none. An expiry is reported by one call only, so an expired timer
 * nobody reads does not keep waking the kernel. */
uint64_t uk_timers_next_deadline(void);

#endif
