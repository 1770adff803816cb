/* malloc churn over about 100 MB live: many sizes (small blocks, mmap-sized
 * ones, realloc that grows and shrinks them), each filled with its own
 * pattern and verified before it is freed, for several rounds. Deterministic,
 * so dev mode and an image print the same. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIVE_TARGET (100UL << 20)
#define MAXB 40000
#define ROUNDS 3

struct blk {
	uint64_t *p;
	size_t n;   /* bytes */
	uint64_t seed;
};

static struct blk b[MAXB];
static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static size_t live, nblocks, total_allocs;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t pick_size(void)
{
	unsigned r = rnd() % 100;
	if (r < 70)
		return 1 + rnd() % 512;
	if (r < 90)
		return 512 + rnd() % (32 << 10);
	if (r < 98)
		return (32 << 10) + rnd() % (224 << 10);
	return (256 << 10) + rnd() % (2 << 20);
}

static uint64_t word(uint64_t seed, size_t i)
{
	return seed * 0x2545f4914f6cdd1dULL + i * 0x9e3779b97f4a7c15ULL;
}

/* Whole 64-bit words, then the tail bytes from the next word's value. */
static void fill(struct blk *x, size_t from)
{
	size_t words = x->n / 8;
	for (size_t i = from / 8; i < words; i++)
		x->p[i] = word(x->seed, i);
	uint64_t last = word(x->seed, words);
	memcpy((char *)x->p + words * 8, &last, x->n % 8);
}

/* The block's first n bytes hold its pattern. */
static int intact(const struct blk *x, size_t n)
{
	size_t words = n / 8;
	for (size_t i = 0; i < words; i++)
		if (x->p[i] != word(x->seed, i))
			return 0;
	uint64_t last = word(x->seed, words);
	return !memcmp((const char *)x->p + words * 8, &last, n % 8);
}

static int add(void)
{
	struct blk *x = &b[nblocks];
	x->n = pick_size();
	x->seed = rnd();
	x->p = malloc(x->n);
	if (!x->p) {
		printf("malloc(%zu) failed with %zu bytes live\n", x->n, live);
		return 0;
	}
	fill(x, 0);
	live += x->n;
	nblocks++;
	total_allocs++;
	return 1;
}

static void drop(size_t i)
{
	free(b[i].p);
	live -= b[i].n;
	b[i] = b[--nblocks];
}

static int verify_all(const char *when)
{
	for (size_t i = 0; i < nblocks; i++)
		if (!intact(&b[i], b[i].n)) {
			printf("block %zu (%zu bytes) corrupted %s\n", i, b[i].n, when);
			return 0;
		}
	return 1;
}

int main(void)
{
	for (int round = 0; round < ROUNDS; round++) {
		while (live < LIVE_TARGET && nblocks < MAXB)
			if (!add())
				return 1;
		if (!verify_all("after filling"))
			return 1;
		for (size_t i = 0; i < nblocks; i++)
			if (rnd() % 2)
				drop(i);
		/* realloc a quarter: the common prefix survives, the rest is refilled */
		for (size_t i = 0; i < nblocks; i++) {
			if (rnd() % 4)
				continue;
			struct blk *x = &b[i];
			size_t n = pick_size(), keep = n < x->n ? n : x->n;
			uint64_t *q = realloc(x->p, n);
			if (!q) {
				printf("realloc(%zu) failed\n", n);
				return 1;
			}
			x->p = q;
			if (!intact(x, keep & ~(size_t)7)) {
				printf("realloc %zu -> %zu lost contents\n", x->n, n);
				return 1;
			}
			live += n - x->n;
			x->n = n;
			fill(x, 0);
		}
		while (live < LIVE_TARGET && nblocks < MAXB)
			if (!add())
				return 1;
		if (!verify_all("after churn"))
			return 1;
		printf("round %d: %zu blocks, %zu MB live\n", round, nblocks, live >> 20);
		while (nblocks)
			drop(nblocks - 1);
	}
	printf("churn ok: %zu allocations\n", total_allocs);
	return 0;
}
