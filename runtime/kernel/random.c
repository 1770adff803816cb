/* The kernel's CSPRNG: ChaCha20 as a fast-key-erasure generator. Each refill
 * turns the key into 16 keystream blocks; the first 32 bytes become the next
 * key and the rest is output, erased as it is handed out, so a later look at
 * the state reveals nothing already returned. Seeded at boot from RDSEED,
 * else RDRAND, else CPU timestamps and clocks (with a warning), and reseeded
 * from the hardware every RESEED_BYTES or RESEED_NS. getrandom never blocks:
 * the generator is seeded before the program runs. */
#include "kernel.h"
#include "syscall.h"

#define BLOCKS 16
#define RESEED_BYTES (1UL << 20)
#define RESEED_NS (60ULL * 1000000000ULL)
#define RDSEED_TRIES 128   /* RDSEED may run dry under load; pause between */
#define RDRAND_TRIES 10    /* Intel's guidance: 10 failures mean broken */

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4
#define MAX_RW_COUNT 0x7ffff000L   /* Linux caps one transfer at this */

enum source { NONE, RDRAND, RDSEED };

static uint32_t key[8];
static unsigned char buf[BLOCKS * 64];
static size_t pos = sizeof buf;    /* buf[pos..] is unused output */
static enum source source;
static int seeded;
static uint64_t since_reseed, reseed_at;

static void cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ volatile ("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
	                  : "a"(leaf), "c"(0));
}

static enum source detect(void)
{
	uint32_t r[4];
	cpuid(0, r);
	uint32_t max = r[0];
	if (max >= 7) {
		cpuid(7, r);
		if (r[1] & (1u << 18))
			return RDSEED;
	}
	cpuid(1, r);
	return (r[2] & (1u << 30)) ? RDRAND : NONE;
}

/* Some CPUs have returned all ones with success after a resume; treat a
 * constant as a failure. */
static int hw_word(enum source s, uint64_t *v)
{
	unsigned char ok = 0;
	if (s == RDSEED) {
		for (int i = 0; i < RDSEED_TRIES; i++) {
			__asm__ volatile ("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
			if (ok && *v != ~0ULL && *v != 0)
				return 1;
			__asm__ volatile ("pause");
		}
		s = RDRAND;   /* RDSEED exhausted: RDRAND is still a DRBG seeded by the same source */
	}
	if (s == RDRAND) {
		for (int i = 0; i < RDRAND_TRIES; i++) {
			__asm__ volatile ("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
			if (ok && *v != ~0ULL && *v != 0)
				return 1;
		}
	}
	return 0;
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile ("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Timing jitter of clock reads: weak, but all there is without hardware. */
static void jitter(uint64_t s[4], int rounds)
{
	for (int i = 0; i < rounds; i++) {
		uint64_t t0 = rdtsc();
		uint64_t c = uk_platform_clock_monotonic() ^ uk_platform_clock_wall() << 17;
		uint64_t t1 = rdtsc();
		uint64_t *w = &s[i & 3];
		*w = ((*w << 13) | (*w >> 51)) ^ (t0 + (t1 - t0) * 0x9e3779b97f4a7c15ULL) ^ c;
	}
}

static void refill(void)
{
	static const uint32_t nonce[3];
	/* A fresh key per refill, so counters 0..BLOCKS-1 never repeat under one key. */
	for (uint32_t i = 0; i < BLOCKS; i++)
		uk_chacha20_block(key, i, nonce, (uint32_t *)(buf + 64 * i));
	memcpy(key, buf, sizeof key);
	memset(buf, 0, sizeof key);
	pos = sizeof key;
}

/* Mix new input into the key and drop output made with the old one. */
static void reseed(void)
{
	uint64_t s[4] = {0};
	int hw = source != NONE;
	for (int i = 0; hw && i < 4; i++)
		hw = hw_word(source, &s[i]);
	jitter(s, hw ? 4 : 256);
	uint32_t *w = (uint32_t *)s;
	for (int i = 0; i < 8; i++)
		key[i] ^= w[i];
	memset(s, 0, sizeof s);
	memset(buf, 0, sizeof buf);
	pos = sizeof buf;
	since_reseed = 0;
	reseed_at = uk_platform_clock_monotonic() + RESEED_NS;
}

void uk_random_init(void)
{
	source = detect();
	if (source == NONE)
		uk_print("x86_64-unikernel: warning: the CPU has no RDSEED or RDRAND: "
		         "getrandom and /dev/urandom are seeded only from CPU timestamps and "
		         "clocks, which an attacker may predict; do not use them for keys\n");
	reseed();
	seeded = 1;
}

void uk_random_bytes(void *out, size_t len)
{
	unsigned char *p = out;
	if (!seeded)
		uk_random_init();
	if (since_reseed >= RESEED_BYTES || uk_platform_clock_monotonic() >= reseed_at)
		reseed();
	since_reseed += len;
	while (len) {
		if (pos == sizeof buf)
			refill();
		size_t n = sizeof buf - pos < len ? sizeof buf - pos : len;
		memcpy(p, buf + pos, n);
		memset(buf + pos, 0, n);
		pos += n;
		p += n;
		len -= n;
	}
}

static long sys_getrandom(long ubuf, long len, long flags)
{
	if (flags & ~(long)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -UK_EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -UK_EINVAL;
	if ((unsigned long)len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (len && !ubuf)
		return -UK_EFAULT;
	uk_random_bytes((void *)ubuf, (size_t)len);
	return len;
}

UK_SYSCALL(318, getrandom, sys_getrandom);
