#include "guest.h"
extern char _end[];
GUEST_MAIN
{
	unsigned long mb = arg_num(bi->cmdline, "mem", 512);
	if (bi->mem_size != mb << 20)
		die("mem_size does not match --mem");
	if (bi->kernel_end & 4095)
		die("kernel_end not page aligned");
	if (bi->kernel_end < (unsigned long)_end || bi->kernel_end >= bi->mem_size)
		die("kernel_end out of range");
	if ((unsigned long)bi->cmdline < 0x11000 || (unsigned long)bi->cmdline >= 0x100000)
		die("cmdline not in the boot area");
	if ((unsigned long)bi->mft != 0x11000 + sizeof *bi)
		die("manifest not right after boot info");
	/* The region above the image and below the stack is ours, and zero. */
	volatile unsigned long *lo = (unsigned long *)bi->kernel_end;
	volatile unsigned long *hi = (unsigned long *)(bi->mem_size - 65536);
	for (int i = 0; i < 512; i++) {
		if (lo[i] != 0 || hi[i] != 0)
			die("fresh memory not zero");
		lo[i] = 0x1234567800000000UL + (unsigned long)i;
		hi[i] = ~(unsigned long)i;
	}
	for (int i = 0; i < 512; i++)
		if (lo[i] != 0x1234567800000000UL + (unsigned long)i || hi[i] != ~(unsigned long)i)
			die("memory readback");
	puts_("memory ok: ");
	putu(bi->mem_size >> 20);
	puts_(" MiB, kernel_end ");
	putu(bi->kernel_end);
	puts_("\n");
	exit_(0);
}
