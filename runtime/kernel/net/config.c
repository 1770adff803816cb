/* Addressing from the runtime options (docs/networking.md): ip=ADDR/PREFIX
 * and gateway=ADDR, or else DHCP; ip6=ADDR[/PREFIX] and gateway6=ADDR on
 * top of the link-local and SLAAC addresses. They configure the first net
 * device; any other device uses DHCP. */
#include "../kernel.h"
#include "netdev.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"

/* Stops the boot naming the option as it was written ("ip=..."). */
_Noreturn void uk_net_option_error(const char *what, const char *key, const char *value)
{
	static char word[160];
	size_t k = uk_strlen(key), v = uk_strlen(value);
	if (v > sizeof word - k - 2)
		v = sizeof word - k - 2;
	memcpy(word, key, k);
	word[k] = '=';
	memcpy(word + k + 1, value, v);
	word[k + 1 + v] = 0;
	uk_boot_error(what, word);
}

static _Noreturn void malformed(const char *key, const char *value)
{
	uk_net_option_error("unknown or malformed runtime option", key, value);
}

static int parse4(const char *s, ip4_addr_t *out)
{
	uint8_t b[4];
	if (uk_net_parse_ip4(s, b) < 0)
		return -1;
	IP4_ADDR(out, b[0], b[1], b[2], b[3]);
	return 0;
}

static int parse6(const char *s, ip6_addr_t *out)
{
	uint8_t b[16];
	if (uk_net_parse_ip6(s, b) < 0)
		return -1;
	for (int i = 0; i < 4; i++)
		out->addr[i] = lwip_htonl((u32_t)b[4 * i] << 24 | (u32_t)b[4 * i + 1] << 16 |
					  (u32_t)b[4 * i + 2] << 8 | b[4 * i + 3]);
	ip6_addr_clear_zone(out);
	return 0;
}

static void static4(struct uk_netdev *d, const char *ip, const char *gateway)
{
	char text[64];
	int prefix;
	ip4_addr_t addr, mask, gw;
	if (uk_net_split_prefix(ip, text, sizeof text, 32, &prefix) < 0 || prefix < 1 ||
	    parse4(text, &addr) < 0 || ip4_addr_isany_val(addr) || ip4_addr_ismulticast(&addr) ||
	    ip4_addr_isloopback(&addr))
		malformed("ip", ip);
	ip4_addr_set_u32(&mask, prefix == 32 ? 0xffffffffu : lwip_htonl(~(0xffffffffu >> prefix)));
	ip4_addr_set_zero(&gw);
	if (gateway && parse4(gateway, &gw) < 0)
		malformed("gateway", gateway);
	netif_set_addr(&d->netif, &addr, &mask, &gw);
}

static void static6(struct uk_netdev *d, const char *ip6, const char *gateway6)
{
	if (ip6) {
		char text[64];
		int prefix;
		ip6_addr_t addr;
		s8_t slot;
		if (uk_net_split_prefix(ip6, text, sizeof text, 128, &prefix) < 0 || prefix == 0 ||
		    parse6(text, &addr) < 0 || ip6_addr_isany(&addr) || ip6_addr_ismulticast(&addr) ||
		    ip6_addr_isloopback(&addr))
			malformed("ip6", ip6);
		/* lwIP gives a static address an implied /64 on-link prefix
		 * whatever the length written; the address itself is exact. */
		if (netif_add_ip6_address(&d->netif, &addr, &slot) != ERR_OK || slot < 0)
			uk_boot_error("no room for the address", ip6);
		/* Given by the operator: usable at once, no duplicate detection. */
		netif_ip6_addr_set_state(&d->netif, slot, IP6_ADDR_PREFERRED);
	}
	if (gateway6) {
		if (parse6(gateway6, &d->gateway6) < 0 || ip6_addr_isany(&d->gateway6) ||
		    ip6_addr_ismulticast(&d->gateway6))
			malformed("gateway6", gateway6);
		ip6_addr_assign_zone(&d->gateway6, IP6_UNICAST, &d->netif);
		d->has_gateway6 = 1;
	}
}

/* nd6's LWIP_HOOK_ND6_GET_GW: the next hop for an off-link destination when
 * gateway6= is set; NULL leaves it to routers learnt from adverts. */
const ip6_addr_t *uk_net_gateway6(struct netif *netif, const ip6_addr_t *dest)
{
	(void)dest;
	for (int i = 0; i < uk_netdev_count; i++)
		if (&uk_netdevs[i].netif == netif && uk_netdevs[i].has_gateway6)
			return &uk_netdevs[i].gateway6;
	return NULL;
}

void uk_netdev_configure(struct uk_netdev *d, int first)
{
	const char *ip = first ? uk_option("ip") : 0;
	const char *gateway = first ? uk_option("gateway") : 0;
	if (ip) {
		static4(d, ip, gateway);
	} else {
		if (gateway)
			uk_net_option_error("gateway= needs ip= (DHCP brings its own)", "gateway", gateway);
		uk_net_dhcp_start(d);
	}
	if (first)
		static6(d, uk_option("ip6"), uk_option("gateway6"));
}
