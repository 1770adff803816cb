/* TCP initial sequence numbers as RFC 6528 has them: a 4 µs clock plus a
 * keyed function of the connection's addresses and ports, so they cannot be
 * guessed from outside (lwIP's own are a counter). The function is
 * ChaCha20 with the 4-tuple folded into a secret key and nonce. */
#include "../kernel.h"
#include "lwip/ip_addr.h"
#include "hooks.h"

static uint32_t secret[11];   /* key (8 words), nonce (3) */
static int keyed;

static void put_addr(uint8_t *out, const ip_addr_t *a)
{
	if (IP_IS_V6(a))
		memcpy(out, ip_2_ip6(a)->addr, 16);
	else
		memcpy(out, &ip_2_ip4(a)->addr, 4);
}

u32_t uk_net_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		     const ip_addr_t *remote_ip, u16_t remote_port)
{
	if (!keyed) {
		uk_random_bytes(secret, sizeof secret);
		keyed = 1;
	}
	uint32_t words[11] = {0}, out[16];
	uint8_t *tuple = (uint8_t *)words;
	put_addr(tuple, local_ip);
	put_addr(tuple + 16, remote_ip);
	memcpy(tuple + 32, &local_port, 2);
	memcpy(tuple + 34, &remote_port, 2);
	for (int i = 0; i < 11; i++)
		words[i] ^= secret[i];
	uk_chacha20_block(words, 0, words + 8, out);
	return out[0] + (u32_t)(uk_platform_clock_monotonic() / 4000);
}
