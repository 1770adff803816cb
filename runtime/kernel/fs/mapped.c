/* MAP_SHARED file mappings kept coherent with the file (docs/kernel-memory.md).
 * A mapping is the file's bytes copied into the program's pages; this list
 * remembers which pages show which file range, so that:
 *   - a write(2) or truncate of the file updates the pages that show it;
 *   - before a read(2) of the file, writable mappings of the range are
 *     copied back to it, and msync/munmap copy them back too.
 * So a program sees what it would on Linux, where the pages are the page
 * cache: SQLite writes with pwrite and reads through its mapping, and its
 * WAL index lives in a writable shared mapping. Copying back stops at the
 * file's end, as stores past it reach no file on Linux either. */
#include "../kernel.h"
#include "fs.h"
#include "mapped.h"

struct mapping {
	struct uk_node *node;
	uint64_t off;                   /* file offset of start */
	uintptr_t start, end;
	int writable;
	struct mapping *next;
};

static struct mapping *mappings;

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static struct mapping *new_mapping(struct uk_node *n, uint64_t off, uintptr_t start, uintptr_t end,
				   int writable)
{
	struct mapping *m = uk_malloc(sizeof *m);
	if (!m)
		return 0;
	m->node = n;
	m->off = off;
	m->start = start;
	m->end = end;
	m->writable = writable;
	n->opens++;                     /* the mapping keeps the file, as on Linux */
	return m;
}

long uk_mapped_add(struct uk_node *n, uint64_t off, uintptr_t start, size_t len, int writable)
{
	struct mapping *m = new_mapping(n, off, start, start + len, writable);
	if (!m)
		return -UK_ENOMEM;
	m->next = mappings;
	mappings = m;
	return 0;
}

/* The mapping's bytes [a, b) back to its file, within the file's size. */
static void write_back(struct mapping *m, uintptr_t a, uintptr_t b)
{
	if (!m->writable || m->node->readonly)
		return;
	uint64_t from = m->off + (a - m->start), to = m->off + (b - m->start);
	to = min64(to, m->node->size);
	if (from < to)
		uk_data_write(m->node, (const void *)a, (size_t)(to - from), from);
}

static void drop(struct mapping **p)
{
	struct mapping *m = *p;
	*p = m->next;
	m->node->opens--;
	uk_node_unref(m->node);
	uk_free(m);
}

void uk_mapped_remove(uintptr_t a, uintptr_t b)
{
	struct mapping **p = &mappings;
	while (*p) {
		struct mapping *m = *p;
		if (m->end <= a || m->start >= b) {
			p = &m->next;
			continue;
		}
		write_back(m, a > m->start ? a : m->start, b < m->end ? b : m->end);
		if (a > m->start && b < m->end) {
			/* A hole in the middle: the tail becomes a mapping of its
			 * own, right after this one. (Out of memory, the tail
			 * stays an unlisted copy.) */
			struct mapping *tail = new_mapping(m->node, m->off + (b - m->start), b, m->end, m->writable);
			if (tail) {
				tail->next = m->next;
				m->next = tail;
			}
			m->end = a;
			p = tail ? &tail->next : &m->next;
		} else if (a > m->start) {
			m->end = a;
			p = &m->next;
		} else if (b < m->end) {
			m->off += b - m->start;
			m->start = b;
			p = &m->next;
		} else {
			drop(p);
		}
	}
}

void uk_mapped_sync(uintptr_t a, uintptr_t b)
{
	for (struct mapping *m = mappings; m; m = m->next)
		if (m->start < b && m->end > a)
			write_back(m, a > m->start ? a : m->start, b < m->end ? b : m->end);
}

void uk_mapped_reload(uintptr_t a, uintptr_t b)
{
	for (struct mapping *m = mappings; m; m = m->next) {
		uintptr_t lo = a > m->start ? a : m->start, hi = b < m->end ? b : m->end;
		if (lo < hi)
			uk_data_read(m->node, (void *)lo, hi - lo, m->off + (lo - m->start));
	}
}

void uk_mapped_writable(uintptr_t a, uintptr_t b)
{
	for (struct mapping *m = mappings; m; m = m->next)
		if (m->start < b && m->end > a)
			m->writable = 1;
}

int uk_mapped_contains(uintptr_t a, uintptr_t b)
{
	for (struct mapping *m = mappings; m; m = m->next)
		if (m->start < b && m->end > a)
			return 1;
	return 0;
}

void uk_mapped_before_read(struct uk_node *n, uint64_t pos, size_t len)
{
	for (struct mapping *m = mappings; m; m = m->next) {
		if (m->node != n || !m->writable)
			continue;
		uint64_t lo = max64(pos, m->off), hi = min64(pos + len, m->off + (m->end - m->start));
		if (lo < hi)
			write_back(m, m->start + (lo - m->off), m->start + (hi - m->off));
	}
}

void uk_mapped_after_write(struct uk_node *n, uint64_t pos, size_t len)
{
	for (struct mapping *m = mappings; m; m = m->next) {
		if (m->node != n)
			continue;
		uint64_t lo = max64(pos, m->off), hi = min64(pos + len, m->off + (m->end - m->start));
		if (lo < hi)
			uk_data_read(n, (void *)(m->start + (lo - m->off)), (size_t)(hi - lo), lo);
	}
}

void uk_mapped_after_truncate(struct uk_node *n, uint64_t size)
{
	for (struct mapping *m = mappings; m; m = m->next) {
		if (m->node != n)
			continue;
		uint64_t span = m->end - m->start;
		if (size >= m->off + span)
			continue;
		/* Past the new end the pages read as zero (Linux: SIGBUS). */
		uint64_t from = size > m->off ? size - m->off : 0;
		memset((void *)(m->start + from), 0, (size_t)(span - from));
	}
}

int uk_mapped_any(void)
{
	return mappings != 0;
}
