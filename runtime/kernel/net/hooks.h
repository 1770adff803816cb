/* The lwIP hooks the kernel implements (LWIP_HOOK_FILENAME). */
#ifndef UK_NET_HOOKS_H
#define UK_NET_HOOKS_H

#include "lwip/ip_addr.h"
#include "lwip/netif.h"

/* isn.c: RFC 6528 initial sequence numbers. */
u32_t uk_net_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
                     const ip_addr_t *remote_ip, u16_t remote_port);
/* config.c: the gateway6= next hop for off-link destinations. */
const ip6_addr_t *uk_net_gateway6(struct netif *netif, const ip6_addr_t *dest);
/* tcp_listen.c: a listener drops SYNs while its accept queue is full. */
struct tcp_pcb;
struct tcp_hdr;
struct pbuf;
err_t uk_net_tcp_inpacket(struct tcp_pcb *pcb, struct tcp_hdr *hdr, u16_t optlen,
			  u16_t opt1len, u8_t *opt2, struct pbuf *p);

#endif
