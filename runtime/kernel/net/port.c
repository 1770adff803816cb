/* lwIP's port layer: its clock, randomness, assertions, and the few libc
 * functions it calls (arch/cc.h, include/). */
#include "../kernel.h"
#include "lwip/sys.h"

/* ms on the monotonic clock; lwIP compares them modulo 2^32. */
u32_t sys_now(void)
{
	return (u32_t)(uk_platform_clock_monotonic() / 1000000);
}

uint32_t uk_lwip_rand(void)
{
	uint32_t r;
	uk_random_bytes(&r, sizeof r);
	return r;
}

/* A broken invariant in the stack: stop like a crash would. */
/* Assertions a remote peer can trigger and that lwIP's code right after
 * handles by dropping the packet: ending the image there would let one
 * datagram kill a server. (An IPv6 datagram reassembled close to 64 KiB
 * cannot be moved back to its header.) */
static const char *const recoverable[] = {
	"ip6_reass: moving p->payload to ip6 header failed\n",
};

void uk_lwip_assert(const char *msg, const char *file, int line)
{
	static int warned;
	for (unsigned i = 0; i < sizeof recoverable / sizeof recoverable[0]; i++)
		if (uk_strcmp(msg, recoverable[i]) == 0) {
			if (!warned++)
				uk_print("x86_64-unikernel: warning: lwIP dropped an IPv6 datagram it could not reassemble\n");
			return;
		}
	uk_print("x86_64-unikernel: lwIP assertion failed: ");
	uk_print(msg);
	uk_print(" (");
	uk_print(file);
	uk_print_dec(":", line);
	uk_print(")\n");
	uk_platform_exit(255);
}

/* uk_malloc's blocks come back zeroed. */
void *uk_lwip_calloc(size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		return 0;
	return uk_malloc(n * size);
}

int uk_lwip_strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

int uk_lwip_atoi(const char *s)
{
	int v = 0, neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return neg ? -v : v;
}
