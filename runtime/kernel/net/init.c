/* Network boot: lwIP, the loopback netif (127.0.0.1, ::1), one netif per
 * net device, addressing. The first device is the default route. */
#include "../kernel.h"
#include "net.h"
#include "netdev.h"
#include "lwip/init.h"

struct uk_netdev *uk_netdevs;
int uk_netdev_count;

/* Options that only make sense with a net device. */
static const char *const net_options[] = { "ip", "gateway", "ip6", "gateway6" };

void uk_net_init(void)
{
	int count = uk_platform_net_count();
	if (count <= 0) {
		for (unsigned i = 0; i < sizeof net_options / sizeof net_options[0]; i++)
			if (uk_option(net_options[i]))
				uk_net_option_error("network options need a net device (bake with --net NAME)",
						    net_options[i], uk_option(net_options[i]));
	}
	lwip_init();
	if (count <= 0)
		return;
	if (count > 64)
		count = 64;                 /* the pump's ready set has 64 bits */
	uk_netdevs = uk_malloc((size_t)count * sizeof *uk_netdevs);
	if (!uk_netdevs)
		uk_boot_error("not enough memory for the network", 0);
	for (int i = 0; i < count; i++) {
		uk_netdev_attach(&uk_netdevs[i], (unsigned)i);
		uk_netdev_count = i + 1;
		uk_netdev_configure(&uk_netdevs[i], i == 0);
	}
	netif_set_default(&uk_netdevs[0].netif);
	uk_net_dhcp_wait();
}
