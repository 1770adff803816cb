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

/* The kernel's entry, called once by the bindings. */
_Noreturn void uk_kernel_main(const struct uk_boot_info *boot);

#endif
