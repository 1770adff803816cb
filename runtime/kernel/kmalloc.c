/* The kernel's own heap: power-of-two size classes carved from pages for
 * small objects, whole page runs for large ones. Every block carries a
 * 16-byte header with its size, so uk_free needs no size and uk_realloc can
 * grow in place when the class still fits. Zeroed on allocation. */
#include "kernel.h"

#define HEADER 16
#define MIN_SHIFT 5                 /* 32-byte blocks (16 usable) */
#define MAX_SHIFT 11                /* 2 KiB blocks; larger go to pages */
#define CHUNK (16 * UK_PAGE_SIZE)   /* carved into blocks of one class */

struct header {
	size_t size;    /* bytes asked for */
	size_t block;   /* bytes of the block with its header: a class size or a page run */
};

#define MAX_CLASS ((size_t)1 << MAX_SHIFT)

struct free_block {
	struct free_block *next;
};

static struct free_block *free_lists[MAX_SHIFT + 1];

static int class_for(size_t size)
{
	int shift = MIN_SHIFT;
	while (((size_t)1 << shift) - HEADER < size)
		shift++;
	return shift;
}

static int refill(int shift)
{
	char *chunk = uk_pages_alloc(CHUNK);
	if (!chunk)
		return -1;
	size_t block = (size_t)1 << shift;
	for (size_t off = 0; off + block <= CHUNK; off += block) {
		struct free_block *b = (struct free_block *)(chunk + off);
		b->next = free_lists[shift];
		free_lists[shift] = b;
	}
	return 0;
}

void *uk_malloc(size_t size)
{
	struct header *h;
	if (size > MAX_CLASS - HEADER) {
		if (size > ((size_t)1 << 46))
			return 0;
		size_t run = UK_ALIGN_UP(size + HEADER, UK_PAGE_SIZE);
		h = uk_pages_alloc(run);
		if (!h)
			return 0;
		h->block = run;
	} else {
		int shift = class_for(size);
		if (!free_lists[shift] && refill(shift) < 0)
			return 0;
		h = (struct header *)free_lists[shift];
		free_lists[shift] = free_lists[shift]->next;
		memset(h, 0, (size_t)1 << shift);
		h->block = (size_t)1 << shift;
	}
	h->size = size;
	return (char *)h + HEADER;
}

void uk_free(void *p)
{
	if (!p)
		return;
	struct header *h = (struct header *)((char *)p - HEADER);
	if (h->block <= MAX_CLASS) {
		struct free_block *b = (struct free_block *)h;
		int shift = class_for(h->block - HEADER);
		b->next = free_lists[shift];
		free_lists[shift] = b;
	} else {
		uk_pages_free(h, h->block);
	}
}

/* Grows or shrinks; new bytes are zero. On failure the old block stays. */
void *uk_realloc(void *p, size_t size)
{
	if (!p)
		return uk_malloc(size);
	struct header *h = (struct header *)((char *)p - HEADER);
	/* In place while it fits, unless a page run would waste over half. */
	if (size + HEADER <= h->block && (h->block <= MAX_CLASS || size + HEADER > h->block / 2)) {
		if (size > h->size)
			memset((char *)p + h->size, 0, size - h->size);
		h->size = size;
		return p;
	}
	void *q = uk_malloc(size);
	if (!q)
		return 0;
	memcpy(q, p, size < h->size ? size : h->size);
	uk_free(p);
	return q;
}

char *uk_strdup(const char *s)
{
	size_t n = uk_strlen(s);
	char *d = uk_malloc(n + 1);
	if (d)
		memcpy(d, s, n + 1);
	return d;
}
