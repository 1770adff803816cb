/* The pump: lwIP runs only when the kernel calls it. uk_wait_until calls
 * it on every wake-up (devices ready, lwIP timer due); later the socket
 * calls do too. */
#include "../kernel.h"
#include "net.h"
#include "../sched.h"
#include "netdev.h"
#include "lwip/timeouts.h"

#define NS_PER_MS 1000000ULL

static int loopback_pending(void)
{
	struct netif *n;
	NETIF_FOREACH(n)
		if (n->loop_first)
			return 1;
	return 0;
}

void uk_net_poll_ready(uint64_t ready)
{
	if (!netif_list)
		return;                     /* before uk_net_init */
	int frames = loopback_pending();
	for (int i = 0; i < uk_netdev_count; i++)
		if (ready & (1ULL << i))
			frames += uk_netdev_drain(&uk_netdevs[i]);
	netif_poll_all();                   /* packets the stack sent itself */
	if (frames)
		uk_sched_events++;          /* threads polling sockets look again */
	sys_check_timeouts();
}

void uk_net_poll(void)
{
	uk_net_poll_ready(~0ULL);
}

uint64_t uk_net_next_deadline(void)
{
	if (!netif_list)
		return UINT64_MAX;
	uint64_t now = uk_platform_clock_monotonic();
	if (loopback_pending())
		return now;
	u32_t ms = sys_timeouts_sleeptime();
	if (ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE)
		return UINT64_MAX;
	/* sys_now() counts whole ms of the same clock: now + ms never comes
	 * before the ms the timer is due in. */
	return now + ms * NS_PER_MS;
}
