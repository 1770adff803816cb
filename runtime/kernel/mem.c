/* The memory manager: the platform's free region as pages, with one bitmap
 * per page state (mem.h) kept at the bottom of the region. The kernel
 * (uk_pages_alloc) and the program (mmap.c) take pages from the same pool,
 * highest free run first, so the low end stays free for the program break.
 * A page is cleared when it is handed out again, never at boot: fresh
 * platform memory is already zero (the DIRTY map says which pages need it). */
#include "mem.h"

#define MAPS_MAX_WORDS(pages) (((pages) + 63) / 64)

uintptr_t uk_mem_start, uk_mem_end, uk_mem_brk_base;
static uint64_t *maps[UK_PM_MAPS];
static size_t free_pages, peak_used, npages;

static size_t page_of(uintptr_t a)
{
	return (a - uk_mem_start) / UK_PAGE_SIZE;
}

static uintptr_t addr_of(size_t page)
{
	return uk_mem_start + page * UK_PAGE_SIZE;
}

/* Without libgcc (images do not link it) and without assuming POPCNT. */
static size_t popcount(uint64_t v)
{
	v = v - ((v >> 1) & 0x5555555555555555ULL);
	v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
	v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (size_t)((v * 0x0101010101010101ULL) >> 56);
}

/* The bits of word w that stand for pages [a, b). */
static uint64_t word_mask(size_t w, size_t a, size_t b)
{
	size_t lo = w * 64, hi = lo + 64;
	if (a > lo)
		lo = a;
	if (b < hi)
		hi = b;
	if (lo >= hi)
		return 0;
	uint64_t m = hi - lo == 64 ? ~0ULL : (1ULL << (hi - lo)) - 1;
	return m << (lo % 64);
}

#define FOR_WORDS(w, m, a, b)                                                  \
	for (size_t w = (a) / 64, m; w < ((b) + 63) / 64 && ((m = word_mask(w, a, b)), 1); w++)

int uk_mem_inside(uintptr_t start, uintptr_t end)
{
	return start >= uk_mem_start && end <= uk_mem_end && start < end;
}

/* Clip a range to the region, as page numbers; 0 if nothing is left. */
static int clip(uintptr_t start, uintptr_t end, size_t *a, size_t *b)
{
	if (start < uk_mem_start)
		start = uk_mem_start;
	if (end > uk_mem_end)
		end = uk_mem_end;
	if (start >= end)
		return 0;
	*a = page_of(start);
	*b = page_of(end);
	return 1;
}

int uk_mem_all(enum uk_page_map map, int want, uintptr_t start, uintptr_t end)
{
	if (!uk_mem_inside(start, end))
		return 0;
	size_t a = page_of(start), b = page_of(end);
	FOR_WORDS(w, m, a, b) {
		uint64_t v = maps[map][w] & m;
		if (want ? v != m : v != 0)
			return 0;
	}
	return 1;
}

int uk_mem_any(enum uk_page_map map, uintptr_t start, uintptr_t end)
{
	size_t a, b;
	if (!clip(start, end, &a, &b))
		return 0;
	FOR_WORDS(w, m, a, b)
		if (maps[map][w] & m)
			return 1;
	return 0;
}

int uk_mem_any_kernel(uintptr_t start, uintptr_t end)
{
	size_t a, b;
	if (!clip(start, end, &a, &b))
		return 0;
	FOR_WORDS(w, m, a, b)
		if (maps[UK_PM_USED][w] & ~maps[UK_PM_PROG][w] & m)
			return 1;
	return 0;
}

void uk_mem_set(enum uk_page_map map, int value, uintptr_t start, uintptr_t end)
{
	size_t a, b;
	if (!clip(start, end, &a, &b))
		return;
	FOR_WORDS(w, m, a, b) {
		if (value)
			maps[map][w] |= m;
		else
			maps[map][w] &= ~m;
	}
}

/* Clear the pages whose bits are set in word w, one memset per run. */
static void zero_pages(size_t w, uint64_t bits)
{
	while (bits) {
		unsigned b = (unsigned)__builtin_ctzll(bits);
		uint64_t rest = ~(bits >> b);
		unsigned n = rest ? (unsigned)__builtin_ctzll(rest) : 64;
		memset((void *)addr_of(w * 64 + b), 0, n * UK_PAGE_SIZE);
		bits &= ~((n == 64 ? ~0ULL : (1ULL << n) - 1) << b);
	}
}

uintptr_t uk_mem_find(size_t len, uintptr_t lo, uintptr_t hi)
{
	size_t a, i, n = len / UK_PAGE_SIZE, run = 0;
	if (n == 0 || !clip(lo, hi, &a, &i))
		return 0;
	const uint64_t *used = maps[UK_PM_USED];
	while (i > a) {
		/* Whole words at a time where they are all free or all taken. */
		if (i % 64 == 0 && i - 64 >= a) {
			uint64_t v = used[i / 64 - 1];
			if (v == 0 || v == ~0ULL) {
				i -= 64;
				run = v ? 0 : run + 64;
				if (run >= n)
					return addr_of(i + run - n);
				continue;
			}
		}
		i--;
		if (used[i / 64] >> (i % 64) & 1)
			run = 0;
		else if (++run >= n)
			return addr_of(i);
	}
	return 0;
}

uintptr_t uk_mem_find_low(size_t len, uintptr_t lo, uintptr_t hi)
{
	size_t i, b, n = len / UK_PAGE_SIZE, run = 0;
	if (n == 0 || !clip(lo, hi, &i, &b))
		return 0;
	const uint64_t *used = maps[UK_PM_USED];
	while (i < b) {
		if (i % 64 == 0 && i + 64 <= b) {
			uint64_t v = used[i / 64];
			if (v == 0 || v == ~0ULL) {
				i += 64;
				run = v ? 0 : run + 64;
				if (run >= n)
					return addr_of(i - run);
				continue;
			}
		}
		if (used[i / 64] >> (i % 64) & 1)
			run = 0;
		else if (++run >= n)
			return addr_of(i + 1 - run);
		i++;
	}
	return 0;
}

void uk_mem_take(uintptr_t start, uintptr_t end, int prog)
{
	size_t a = page_of(start), b = page_of(end);
	FOR_WORDS(w, m, a, b) {
		zero_pages(w, maps[UK_PM_DIRTY][w] & m);
		maps[UK_PM_USED][w] |= m;
		maps[UK_PM_DIRTY][w] |= m;
		if (prog)
			maps[UK_PM_PROG][w] |= m;
	}
	free_pages -= b - a;
	if (npages - free_pages > peak_used)
		peak_used = npages - free_pages;
}

void uk_mem_unmap(uintptr_t start, uintptr_t end)
{
	size_t a, b;
	if (!clip(start, end, &a, &b))
		return;
	FOR_WORDS(w, m, a, b) {
		uint64_t mine = maps[UK_PM_PROG][w] & m;
		maps[UK_PM_USED][w] &= ~mine;
		maps[UK_PM_PROG][w] &= ~mine;
		maps[UK_PM_SHARED][w] &= ~mine;
		free_pages += popcount(mine);
	}
}

void uk_mem_zero_prog(uintptr_t start, uintptr_t end)
{
	size_t a, b;
	if (!clip(start, end, &a, &b))
		return;
	/* A shared file copy already holds what Linux would read back. */
	FOR_WORDS(w, m, a, b)
		zero_pages(w, maps[UK_PM_PROG][w] & maps[UK_PM_DIRTY][w] & ~maps[UK_PM_SHARED][w] & m);
}

void uk_mem_init(uintptr_t start, uintptr_t end)
{
	uk_mem_start = UK_ALIGN_UP(start, UK_PAGE_SIZE);
	uk_mem_end = end & ~(UK_PAGE_SIZE - 1);
	if (uk_mem_end <= uk_mem_start) {
		uk_mem_end = uk_mem_brk_base = uk_mem_start;
		return;
	}
	npages = (uk_mem_end - uk_mem_start) / UK_PAGE_SIZE;
	size_t words = MAPS_MAX_WORDS(npages);
	size_t bytes = UK_ALIGN_UP(words * 8 * UK_PM_MAPS, UK_PAGE_SIZE);
	if (bytes >= uk_mem_end - uk_mem_start) {   /* too small to manage */
		uk_mem_end = uk_mem_brk_base = uk_mem_start;
		npages = 0;
		return;
	}
	for (int i = 0; i < UK_PM_MAPS; i++)
		maps[i] = (uint64_t *)uk_mem_start + (size_t)i * words;
	memset(maps[0], 0, words * 8 * UK_PM_MAPS);
	free_pages = npages;
	uk_mem_take(uk_mem_start, uk_mem_start + bytes, 0);   /* the maps themselves */
	uk_mem_brk_base = uk_mem_start + bytes;
}

void *uk_pages_alloc(size_t len)
{
	len = UK_ALIGN_UP(len, UK_PAGE_SIZE);
	uintptr_t p = len ? uk_mem_find(len, uk_mem_start, uk_mem_end) : 0;
	if (!p)
		return 0;
	uk_mem_take(p, p + len, 0);
	return (void *)p;
}

/* Only what uk_pages_alloc gave: freeing anything else is a kernel bug. */
long uk_pages_free(void *addr, size_t len)
{
	uintptr_t start = (uintptr_t)addr, end = start + UK_ALIGN_UP(len, UK_PAGE_SIZE);
	if ((start & (UK_PAGE_SIZE - 1)) || !uk_mem_all(UK_PM_USED, 1, start, end) ||
	    uk_mem_any(UK_PM_PROG, start, end) || start < uk_mem_brk_base)
		return -UK_EINVAL;
	uk_mem_set(UK_PM_USED, 0, start, end);
	free_pages += (end - start) / UK_PAGE_SIZE;
	return 0;
}

void uk_mem_stats(size_t *total, size_t *free)
{
	*total = npages * UK_PAGE_SIZE;
	*free = free_pages * UK_PAGE_SIZE;
}

size_t uk_mem_peak(void)
{
	return peak_used * UK_PAGE_SIZE;
}
