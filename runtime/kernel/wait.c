/* Every sleep in the kernel ends up here: park in the platform until the
 * deadline, an lwIP timer or a device with frames, whichever comes first;
 * pump the network on each wake-up. */
#include "kernel.h"
#include "wait.h"
#include "net/net.h"

void uk_wait_once(uint64_t deadline)
{
	uint64_t next = uk_net_next_deadline();
	uk_net_poll_ready(uk_platform_wait(next < deadline ? next : deadline));
}

void uk_wait_until(uint64_t deadline)
{
	while (uk_platform_clock_monotonic() < deadline)
		uk_wait_once(deadline);
}
