#include "guest.h"
__attribute__((noinline, noipa)) void crash(long depth)
{
	int *p;
	if (depth > 0) {
		crash(depth - 1);
		__asm__ volatile("" ::: "memory");   /* not a tail call */
		return;
	}
	__asm__ volatile("xor %k0, %k0" : "=r"(p));   /* NULL the compiler cannot see */
	*(volatile int *)p = (int)depth;
	__asm__ volatile("" ::: "memory");
}
GUEST_MAIN
{
	puts_("about to fault\n");
	if (arg_num(bi->cmdline, "ill", 0))
		__asm__ volatile("ud2");
	crash((long)arg_num(bi->cmdline, "depth", 7));
	puts_("after the fault: should not run\n");
	exit_(0);
}
