/* Every sleep in the kernel ends up here. Alone, the thread parks in the
 * platform until the deadline, an lwIP timer or a device with frames,
 * whichever comes first, and pumps the network on each wake-up; with other
 * threads, it hands the CPU to the scheduler (sched.c). */
#include "kernel.h"
#include "wait.h"
#include "net/net.h"
#include "sched.h"
#include "timers.h"
#include "signal.h"

uint64_t uk_wait_kernel_deadline(void)
{
	uint64_t next = uk_net_next_deadline(), alarm = uk_itimer_next();
	uint64_t timer = uk_timers_next_deadline();     /* once per park */
	if (alarm < next)
		next = alarm;
	return timer < next ? timer : next;
}

int uk_wait_once(uint64_t deadline)
{
	if (uk_signal_pending())
		return -UK_EINTR;
	if (uk_sched_threaded()) {
		/* Let the others run; look again once anything moved. */
		uk_current->state = UK_THREAD_POLLING;
		uk_current->deadline = deadline;
		uk_current->seen = uk_sched_events;
		uk_sched_block();
		uk_current->deadline = UINT64_MAX;
	} else {
		uint64_t next = uk_wait_kernel_deadline();
		uk_net_poll_ready(uk_platform_wait(next < deadline ? next : deadline));
		uk_itimer_check(uk_platform_clock_monotonic());
	}
	return uk_signal_pending() ? -UK_EINTR : 0;
}

void uk_wait_until(uint64_t deadline)
{
	while (uk_platform_clock_monotonic() < deadline)
		uk_wait_once(deadline);
}
