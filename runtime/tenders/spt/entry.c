/* Guest entry: switch to the guest stack and jump; never returns.
 * rsp = mem_size - 8, rdi = &boot_info, every other general register zero
 * (except rax, the entry address) so no host pointer leaks into the guest. */
#include "spt.h"

void spt_enter(uint64_t entry, uint64_t sp, uint64_t arg)
{
	__asm__ volatile(
		"mov %%rcx, %%rsp\n\t"
		"xor %%ecx, %%ecx\n\t"
		"xor %%edx, %%edx\n\t"
		"xor %%ebx, %%ebx\n\t"
		"xor %%ebp, %%ebp\n\t"
		"xor %%esi, %%esi\n\t"
		"xor %%r8d, %%r8d\n\t"
		"xor %%r9d, %%r9d\n\t"
		"xor %%r10d, %%r10d\n\t"
		"xor %%r11d, %%r11d\n\t"
		"xor %%r12d, %%r12d\n\t"
		"xor %%r13d, %%r13d\n\t"
		"xor %%r14d, %%r14d\n\t"
		"xor %%r15d, %%r15d\n\t"
		"jmp *%%rax"
		:
		: "c"(sp), "a"(entry), "D"(arg)
		: "memory");
	__builtin_unreachable();
}
