/* At exit the image ends, and lwIP with it: unlike Linux, nothing keeps
 * sending what the program wrote just before exit(). So exit waits here,
 * pumping the network, until every TCP connection has its data and FIN
 * acknowledged, as long as the peers make progress. */
#include "../kernel.h"
#include "../wait.h"
#include "net.h"
#include "lwip/priv/tcp_priv.h"

#define NS_PER_S 1000000000ULL
#define STALL_NS (2 * NS_PER_S)    /* no acknowledgement for this long: give up */
#define LIMIT_NS (30 * NS_PER_S)   /* and never wait longer than this in all */

/* Bytes written but not yet acknowledged, plus one per FIN on its way. */
static uint64_t outstanding(void)
{
	uint64_t n = 0;
	for (struct tcp_pcb *p = tcp_active_pcbs; p; p = p->next) {
		n += (u32_t)(p->snd_lbb - p->lastack);
		if (p->state == FIN_WAIT_1 || p->state == CLOSING || p->state == LAST_ACK ||
		    (p->flags & TF_CLOSEPEND))
			n++;
	}
	return n;
}

void uk_net_drain(void)
{
	if (!netif_list)
		return;
	uk_net_poll();
	uint64_t left = outstanding();
	uint64_t start = uk_platform_clock_monotonic(), progress = start;
	while (left) {
		uint64_t now = uk_platform_clock_monotonic();
		uint64_t give_up = progress + STALL_NS < start + LIMIT_NS ? progress + STALL_NS
		                                                          : start + LIMIT_NS;
		if (now >= give_up) {
			uk_print_dec("x86_64-unikernel: exit: the peers stopped acknowledging; TCP bytes dropped: ",
				     (long)left);
			uk_print("\n");
			return;
		}
		uk_wait_once(give_up);
		uint64_t now_left = outstanding();
		if (now_left < left)
			progress = uk_platform_clock_monotonic();
		left = now_left;
	}
}
