/* Inside the network core: one lwIP netif per platform net device. */
#ifndef UK_NETDEV_H
#define UK_NETDEV_H

#include <stdint.h>
#include "lwip/netif.h"

struct uk_netdev {
	struct netif netif;        /* first: netif->state points back here */
	unsigned index;            /* the platform's device number */
	const char *name;          /* the manifest's (service...) */
	uint8_t mac[6];
	unsigned frame_max;        /* mtu + Ethernet header */
	struct pbuf *spare;        /* receive buffer a read left empty */
	uint8_t *tx;               /* linearizes a chained outgoing frame */
	int has_gateway6;
	ip6_addr_t gateway6;
};

extern struct uk_netdev *uk_netdevs;
extern int uk_netdev_count;

/* netif.c */
void uk_netdev_attach(struct uk_netdev *d, unsigned index);
int uk_netdev_drain(struct uk_netdev *d);      /* frames read */
/* config.c: the options apply to the first device; the others use DHCP. */
void uk_netdev_configure(struct uk_netdev *d, int first);
/* dhcp.c: DHCP on d (lease lines, /etc/resolv.conf); at the end of the
 * boot, the wait for the first device's lease (dhcp-wait=). */
void uk_net_dhcp_start(struct uk_netdev *d);
void uk_net_dhcp_wait(void);
_Noreturn void uk_net_option_error(const char *what, const char *key, const char *value);
/* addr.c: strict text forms. 0 on success, -1 when malformed. */
int uk_net_parse_ip4(const char *s, uint8_t out[4]);
int uk_net_parse_ip6(const char *s, uint8_t out[16]);
/* ADDR/PREFIX: the address part is copied into addr (size bytes); prefix
 * is -1 when absent. */
int uk_net_split_prefix(const char *s, char *addr, unsigned size, int max, int *prefix);

#endif
