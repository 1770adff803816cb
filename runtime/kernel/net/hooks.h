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

#endif
