/* Host-side check of the kernel's ChaCha20 block function
 * (runtime/kernel/chacha20.c) against RFC 8439's test vectors: section
 * 2.3.2, and appendix A.1 #1 and #2. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void uk_chacha20_block(const uint32_t key[8], uint32_t counter,
                       const uint32_t nonce[3], uint32_t out[16]);

static int unhex(const char *s, unsigned char *out)
{
	int n = 0;
	unsigned v;
	while (sscanf(s, "%2x", &v) == 1) {
		out[n++] = (unsigned char)v;
		s += 2;
	}
	return n;
}

static int vector(const char *name, const char *key, uint32_t counter, const char *nonce,
                  const char *expect)
{
	uint32_t k[8], nc[3], out[16];
	unsigned char want[64];
	unhex(key, (unsigned char *)k);
	unhex(nonce, (unsigned char *)nc);
	unhex(expect, want);
	uk_chacha20_block(k, counter, nc, out);
	int ok = !memcmp(out, want, 64);
	printf("%s: %s\n", name, ok ? "ok" : "FAILED");
	return ok;
}

int main(void)
{
	int ok = 1;
	ok &= vector("RFC 8439 2.3.2",
	             "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 1,
	             "000000090000004a00000000",
	             "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
	             "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
	ok &= vector("RFC 8439 A.1 #1",
	             "0000000000000000000000000000000000000000000000000000000000000000", 0,
	             "000000000000000000000000",
	             "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
	             "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
	ok &= vector("RFC 8439 A.1 #2",
	             "0000000000000000000000000000000000000000000000000000000000000000", 1,
	             "000000000000000000000000",
	             "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
	             "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");
	return ok ? 0 : 1;
}
