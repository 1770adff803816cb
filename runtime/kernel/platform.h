/* The platform interface: what a backend's bindings (runtime/spt, hvt,
 * virtio) give the portable kernel. Solo5's semantics. */
#ifndef UK_PLATFORM_H
#define UK_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

struct uk_boot_info {
	const char *cmdline;
	uintptr_t heap_start;    /* free memory the kernel manages, zero at boot */
	uintptr_t heap_end;
	uintptr_t image_start;   /* the loaded image (ELF header first) */
};

void uk_platform_console_write(const char *buf, size_t len);
_Noreturn void uk_platform_exit(int status);
uint64_t uk_platform_clock_monotonic(void);   /* ns */
uint64_t uk_platform_clock_wall(void);        /* ns since the epoch */
void uk_platform_set_tls_base(uintptr_t base);
/* Sleep until the absolute monotonic deadline (ns) or device readiness. */
void uk_platform_yield(uint64_t deadline);

/* Network devices: the manifest's NET_BASIC entries, numbered 0..count-1
 * in manifest order. Frames are whole Ethernet frames (14-byte header
 * included, no FCS); read and write never block. */
#define UK_PLATFORM_NET_MAX 63
int uk_platform_net_count(void);
/* Name (the manifest's), MAC and MTU of device index; -UK_ENODEV past the last. */
int uk_platform_net_info(unsigned index, const char **name, uint8_t mac[6], unsigned *mtu);
/* One frame each: its length, -UK_EAGAIN when nothing is pending (read) or
 * the host cannot take it now (write), another -errno on failure. A read
 * buffer of mtu + 14 bytes holds any frame. */
long uk_platform_net_write(unsigned index, const void *frame, size_t len);
long uk_platform_net_read(unsigned index, void *frame, size_t len);
/* Sleep like uk_platform_yield; returns the devices that may have frames
 * to read, bit i for device i (0 when woken by the deadline alone). */
uint64_t uk_platform_wait(uint64_t deadline);

/* The kernel's entry, called once by the bindings. */
_Noreturn void uk_kernel_main(const struct uk_boot_info *boot);

#endif
