/* The kernel's network core (runtime/kernel/net/, docs/networking.md):
 * lwIP over the platform's net devices. This header is free of lwIP types,
 * so any kernel file may include it. */
#ifndef UK_NET_H
#define UK_NET_H

#include <stdint.h>

/* Boot, once, after uk_fs_init: a netif per net device, addressing from the
 * runtime options (ip=, gateway=, ip6=, gateway6=) or DHCP, loopback. A
 * malformed option stops the boot. */
void uk_net_init(void);
/* The pump: read what the devices in ready (bit i: device i) hold, in
 * batches, deliver loopback traffic, run lwIP's due timers. lwIP is not
 * reentrant: never call it from inside lwIP (a raw API callback). */
void uk_net_poll_ready(uint64_t ready);
/* The same for every device. */
void uk_net_poll(void);
/* When lwIP next needs the pump (absolute monotonic ns); UINT64_MAX for
 * never (no network), at most now when work is pending. */
uint64_t uk_net_next_deadline(void);
/* At exit, after every descriptor is closed: wait while the peers still
 * acknowledge TCP data and FINs (drain.c). */
void uk_net_drain(void);

#endif
