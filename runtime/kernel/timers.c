/* The kernel's timers (timers.h): expirations counted lazily from the clock,
 * and the list of armed timers that bounds every park in uk_wait_once. */
#include "kernel.h"
#include "timers.h"

static struct uk_timer *armed;
static uint64_t last_query;   /* monotonic time of the previous uk_timers_next_deadline */

static uint64_t clock_now(enum uk_timer_clock clock)
{
	return clock == UK_TIMER_WALL ? uk_platform_clock_wall() : uk_platform_clock_monotonic();
}

static int is_armed(const struct uk_timer *t)
{
	return t->prevp != 0;
}

/* Expirations from arming up to now, on t's clock. */
static uint64_t count_at(const struct uk_timer *t, uint64_t now)
{
	if (!is_armed(t) || now < t->first)
		return 0;
	return t->interval ? 1 + (now - t->first) / t->interval : 1;
}

/* The first expiry strictly after `after`, on t's clock; UINT64_MAX for
 * none (a one-shot that has gone off) or beyond what 64 bits hold. */
static uint64_t expiry_after(const struct uk_timer *t, uint64_t after)
{
	if (t->first > after)
		return t->first;
	if (!t->interval)
		return UINT64_MAX;
	uint64_t k = (after - t->first) / t->interval + 1;
	if (k > (UINT64_MAX - t->first) / t->interval)
		return UINT64_MAX;
	return t->first + k * t->interval;
}

/* Expirations reached so far, never fewer than were handed out (a wall
 * clock set back does not take expirations back). */
static uint64_t reached(const struct uk_timer *t)
{
	uint64_t n = count_at(t, clock_now(t->clock));
	return n > t->taken ? n : t->taken;
}

static void unlink_timer(struct uk_timer *t)
{
	if (!is_armed(t))
		return;
	t->past += reached(t);
	*t->prevp = t->next;
	if (t->next)
		t->next->prevp = t->prevp;
	t->next = 0;
	t->prevp = 0;
}

void uk_timer_arm(struct uk_timer *t, enum uk_timer_clock clock, uint64_t first, uint64_t interval)
{
	unlink_timer(t);
	t->clock = clock;
	t->first = first;
	t->interval = interval;
	t->taken = 0;
	t->next = armed;
	if (armed)
		armed->prevp = &t->next;
	armed = t;
	t->prevp = &armed;
}

void uk_timer_disarm(struct uk_timer *t)
{
	unlink_timer(t);
	t->taken = 0;
}

uint64_t uk_timer_pending(const struct uk_timer *t)
{
	return reached(t) - t->taken;
}

uint64_t uk_timer_take(struct uk_timer *t)
{
	uint64_t n = reached(t);
	uint64_t fresh = n - t->taken;
	t->taken = n;
	return fresh;
}

uint64_t uk_timer_remaining(const struct uk_timer *t)
{
	uint64_t now = clock_now(t->clock);
	if (!is_armed(t) || (!t->interval && now >= t->first))
		return 0;
	return expiry_after(t, now) - now;
}

uint64_t uk_timer_expiries(const struct uk_timer *t)
{
	return t->past + (is_armed(t) ? reached(t) : 0);
}

/* Each call covers the expiries since the previous one, so an expiry that
 * falls between a waiter's last check and its park still wakes it, and
 * once reported it is not reported again. */
uint64_t uk_timers_next_deadline(void)
{
	uint64_t mono = uk_platform_clock_monotonic();
	uint64_t wall = armed ? uk_platform_clock_wall() : 0;
	uint64_t ago = mono - last_query, best = UINT64_MAX;
	last_query = mono;
	for (struct uk_timer *t = armed; t; t = t->next) {
		uint64_t now = t->clock == UK_TIMER_WALL ? wall : mono;
		uint64_t next = expiry_after(t, now > ago ? now - ago : 0);
		uint64_t at;
		if (next == UINT64_MAX)
			continue;
		if (next <= now)
			at = mono;   /* passed since the previous call: wake at once */
		else
			at = next - now > UINT64_MAX - mono ? UINT64_MAX : mono + (next - now);
		if (at < best)
			best = at;
	}
	return best;
}
