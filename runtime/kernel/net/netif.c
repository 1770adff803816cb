/* A netif over one platform net device: frames in through uk_netdev_drain
 * (the pump calls it when the device is ready), frames out through
 * linkoutput. The platform's link has no carrier to lose: always up. */
#include "../kernel.h"
#include "netdev.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

#define ETH_HEADER 14
#define DRAIN_BATCH 64   /* frames per device per pump; the rest wait their turn */

static err_t linkoutput(struct netif *netif, struct pbuf *p)
{
	struct uk_netdev *d = netif->state;
	const void *frame = p->payload;
	if (p->tot_len > d->frame_max)
		return ERR_VAL;
	if (p->len != p->tot_len) {     /* chained: one write takes one buffer */
		pbuf_copy_partial(p, d->tx, p->tot_len, 0);
		frame = d->tx;
	}
	long r = uk_platform_net_write(d->index, frame, p->tot_len);
	if (r == -UK_EAGAIN)
		return ERR_WOULDBLOCK;      /* TCP keeps the segment and retries */
	return r == p->tot_len ? ERR_OK : ERR_IF;
}

static err_t setup(struct netif *netif)
{
	struct uk_netdev *d = netif->state;
	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->hwaddr_len = 6;
	memcpy(netif->hwaddr, d->mac, 6);
	netif->mtu = (u16_t)(d->frame_max - ETH_HEADER);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
		       NETIF_FLAG_MLD6;
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = linkoutput;
	netif_set_hostname(netif, uk_hostname());
	return ERR_OK;
}

void uk_netdev_attach(struct uk_netdev *d, unsigned index)
{
	unsigned mtu;
	d->index = index;
	if (uk_platform_net_info(index, &d->name, d->mac, &mtu) < 0)
		uk_boot_error("net device vanished", 0);
	/* IPv6 needs 1280; a frame's length must fit lwIP's 16 bits. */
	if (mtu < 1280 || mtu > 65535 - ETH_HEADER)
		uk_boot_error("net device with an unusable MTU", d->name);
	d->frame_max = mtu + ETH_HEADER;
	d->tx = uk_malloc(d->frame_max);
	if (!d->tx || !netif_add_noaddr(&d->netif, d, setup, ethernet_input))
		uk_boot_error("not enough memory for the network", 0);
	/* IPv6: a link-local address from the MAC, SLAAC from router adverts. */
	netif_create_ip6_linklocal_address(&d->netif, 1);
	netif_set_ip6_autoconfig_enabled(&d->netif, 1);
	netif_set_link_up(&d->netif);
	netif_set_up(&d->netif);
}

/* The host end went away (its tap deleted): the platform keeps reporting
 * the device ready, and Solo5's interface has no way to stop watching it,
 * so running on would spin. Stop, saying why, rather than burn a CPU. */
static _Noreturn void device_gone(struct uk_netdev *d, long err)
{
	uk_print("x86_64-unikernel: net device '");
	uk_print(d->name);
	uk_print_dec("': the host end is gone (read error ", -err);
	uk_print("); the image stops\n");
	uk_platform_exit(1);
}

int uk_netdev_drain(struct uk_netdev *d)
{
	int n;
	for (n = 0; n < DRAIN_BATCH; n++) {
		struct pbuf *p = d->spare;
		d->spare = NULL;
		if (!p)
			p = pbuf_alloc(PBUF_RAW, (u16_t)d->frame_max, PBUF_RAM);
		if (!p)
			return n;               /* out of memory: frames wait in the host */
		long r = uk_platform_net_read(d->index, p->payload, d->frame_max);
		if (r < 0 && r != -UK_EAGAIN && r != -UK_EINTR)
			device_gone(d, r);
		if (r <= 0) {
			d->spare = p;           /* -EAGAIN: drained */
			return n;
		}
		pbuf_realloc(p, (u16_t)r);
		if (d->netif.input(p, &d->netif) != ERR_OK)
			pbuf_free(p);
	}
	return n;
}
