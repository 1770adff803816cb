/* DHCP on the devices without ip=: one console line per lease, the lease's
 * DNS servers into /etc/resolv.conf (unless dns= or the rootfs chose), and
 * the boot waiting for the first device's lease (dhcp-wait=SECONDS, default
 * 10; 0 starts the program at once), so a client can connect from its first
 * line. Other devices lease in the background: the first carries the
 * default route, and a second one (an admin link) may have no server. */
#include "../kernel.h"
#include "../wait.h"
#include "netdev.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"

#define NS_PER_S 1000000000ULL
#define DEFAULT_WAIT_S 10

static int resolv_ours;          /* /etc/resolv.conf is ours to write */
static struct uk_netdev *awaited;   /* the first device, when it runs DHCP */

static const char *device_name(struct netif *netif)
{
	for (int i = 0; i < uk_netdev_count; i++)
		if (&uk_netdevs[i].netif == netif)
			return uk_netdevs[i].name;
	return "net";
}

static void write_resolv_conf(void)
{
	char buf[3 * (sizeof "nameserver \n" + IP4ADDR_STRLEN_MAX)];
	size_t len = 0;
	for (u8_t i = 0; i < DNS_MAX_SERVERS; i++) {
		const ip_addr_t *server = dns_getserver(i);
		char text[IP4ADDR_STRLEN_MAX];
		if (!IP_IS_V4(server) || ip4_addr_isany_val(*ip_2_ip4(server)))
			continue;
		ip4addr_ntoa_r(ip_2_ip4(server), text, sizeof text);
		memcpy(buf + len, "nameserver ", 11);
		len += 11;
		memcpy(buf + len, text, uk_strlen(text));
		len += uk_strlen(text);
		buf[len++] = '\n';
	}
	if (len)
		uk_fs_set_file("/etc/resolv.conf", buf, len, 0644);
}

static void on_lease(struct netif *netif, netif_nsc_reason_t reason,
		     const netif_ext_callback_args_t *args)
{
	(void)args;
	if (!(reason & LWIP_NSC_IPV4_ADDRESS_CHANGED) || !dhcp_supplied_address(netif))
		return;
	char addr[IP4ADDR_STRLEN_MAX], gw[IP4ADDR_STRLEN_MAX];
	ip4addr_ntoa_r(netif_ip4_addr(netif), addr, sizeof addr);
	ip4addr_ntoa_r(netif_ip4_gw(netif), gw, sizeof gw);
	uk_print("x86_64-unikernel: ");
	uk_print(device_name(netif));
	uk_print(": ");
	uk_print(addr);
	int prefix = 0;
	for (u32_t m = ip4_addr_get_u32(netif_ip4_netmask(netif)); m; m &= m - 1)
		prefix++;
	uk_print_dec("/", prefix);
	uk_print(" via DHCP");
	if (!ip4_addr_isany_val(*netif_ip4_gw(netif))) {
		uk_print(", gateway ");
		uk_print(gw);
	}
	uk_print("\n");
	if (resolv_ours)
		write_resolv_conf();
}

void uk_net_dhcp_start(struct uk_netdev *d)
{
	static netif_ext_callback_t lease_cb;
	if (!lease_cb.callback_fn) {
		/* Decided once, before any lease: a resolv.conf from dns= or
		 * the rootfs is the operator's. */
		resolv_ours = !uk_option_nth("dns", 0) && !uk_fs_exists("/etc/resolv.conf");
		netif_add_ext_callback(&lease_cb, on_lease);
	}
	if (dhcp_start(&d->netif) != ERR_OK)
		uk_boot_error("cannot start DHCP on", d->name);
	if (d == &uk_netdevs[0])
		awaited = d;
}

static uint64_t wait_seconds(void)
{
	const char *v = uk_option("dhcp-wait");
	uint64_t n = 0;
	if (!v)
		return DEFAULT_WAIT_S;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9' || n > 86400)
			uk_net_option_error("dhcp-wait= takes whole seconds", "dhcp-wait", v);
		n = n * 10 + (uint64_t)(*p - '0');
	}
	if (!*v)
		uk_net_option_error("dhcp-wait= takes whole seconds", "dhcp-wait", v);
	return n;
}

void uk_net_dhcp_wait(void)
{
	uint64_t seconds = wait_seconds();
	if (!awaited || !seconds)
		return;
	uint64_t deadline = uk_platform_clock_monotonic() + seconds * NS_PER_S;
	while (!dhcp_supplied_address(&awaited->netif)) {
		if (uk_platform_clock_monotonic() >= deadline) {
			uk_print("x86_64-unikernel: ");
			uk_print(awaited->name);
			uk_print_dec(": no DHCP lease after ", (long)seconds);
			uk_print(" s; the program starts without an IPv4 address (DHCP goes on)\n");
			return;
		}
		uk_wait_once(deadline);
	}
}
