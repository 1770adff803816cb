/* The ChaCha20 block function of RFC 8439, section 2.3: the keystream
 * generator under the kernel's CSPRNG (random.c). Plain C, no tables, so it
 * runs in constant time. */
#include "kernel.h"

#define ROTL(v, n) (((v) << (n)) | ((v) >> (32 - (n))))

#define QUARTER(a, b, c, d)                                                    \
	do {                                                                   \
		a += b; d ^= a; d = ROTL(d, 16);                               \
		c += d; b ^= c; b = ROTL(b, 12);                               \
		a += b; d ^= a; d = ROTL(d, 8);                                \
		c += d; b ^= c; b = ROTL(b, 7);                                \
	} while (0)

/* Words are serialised little-endian, which is the machine's own order on
 * x86_64: out[] viewed as bytes is the RFC's serialised block. */
void uk_chacha20_block(const uint32_t key[8], uint32_t counter,
                       const uint32_t nonce[3], uint32_t out[16])
{
	uint32_t s[16] = {
		0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,   /* "expand 32-byte k" */
		key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
		counter, nonce[0], nonce[1], nonce[2],
	};
	uint32_t x[16];
	memcpy(x, s, sizeof x);
	for (int i = 0; i < 10; i++) {   /* 20 rounds: column then diagonal */
		QUARTER(x[0], x[4], x[8], x[12]);
		QUARTER(x[1], x[5], x[9], x[13]);
		QUARTER(x[2], x[6], x[10], x[14]);
		QUARTER(x[3], x[7], x[11], x[15]);
		QUARTER(x[0], x[5], x[10], x[15]);
		QUARTER(x[1], x[6], x[11], x[12]);
		QUARTER(x[2], x[7], x[8], x[13]);
		QUARTER(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + s[i];
	/* The working state held key material; do not leave it on the stack. */
	memset(x, 0, sizeof x);
	memset(s, 0, sizeof s);
	__asm__ volatile ("" : : "r"(x), "r"(s) : "memory");
}
