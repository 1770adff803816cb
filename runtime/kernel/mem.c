/* Memory: anonymous mmap/munmap over the platform's free region, first fit
 * over a sorted list of free extents. Full memory is ENOMEM, never overlap. */
#include "kernel.h"
#include "syscall.h"

#define MAX_EXTENTS 1024
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000

struct extent {
	uintptr_t start, end;
};

static struct extent free_list[MAX_EXTENTS];
static int free_count;
static uintptr_t region_start, region_end;
/* Every address ever handed out is at or above this, so everything below is
 * still as the platform gave it: zero. Only reused pages need clearing, and
 * the boot-time stack is not touched page by page. */
static uintptr_t pristine_below;

void uk_mem_init(uintptr_t start, uintptr_t end)
{
	region_start = UK_ALIGN_UP(start, UK_PAGE_SIZE);
	region_end = end & ~(UK_PAGE_SIZE - 1);
	free_list[0].start = region_start;
	free_list[0].end = region_end;
	free_count = region_end > region_start;
	pristine_below = region_end;
}

void *uk_pages_alloc(size_t len)
{
	len = UK_ALIGN_UP(len, UK_PAGE_SIZE);
	if (len == 0)
		return 0;
	/* Highest fit first: keeps the low region contiguous for large maps. */
	for (int i = free_count - 1; i >= 0; i--) {
		struct extent *e = &free_list[i];
		if (e->end - e->start < len)
			continue;
		e->end -= len;
		void *p = (void *)e->end;
		if (e->end == e->start) {
			for (int j = i; j < free_count - 1; j++)
				free_list[j] = free_list[j + 1];
			free_count--;
		}
		uintptr_t start = (uintptr_t)p, end = start + len;
		uintptr_t dirty = start > pristine_below ? start : pristine_below;
		if (dirty < end)
			memset((void *)dirty, 0, end - dirty);
		if (start < pristine_below)
			pristine_below = start;
		return p;
	}
	return 0;
}

long uk_pages_free(void *addr, size_t len)
{
	uintptr_t start = (uintptr_t)addr, end;
	len = UK_ALIGN_UP(len, UK_PAGE_SIZE);
	end = start + len;
	if ((start & (UK_PAGE_SIZE - 1)) || start < region_start || end > region_end || end <= start)
		return -UK_EINVAL;
	int i = 0;
	while (i < free_count && free_list[i].start < start)
		i++;
	/* Freeing memory that is already free is a caller bug; refuse it. */
	if ((i > 0 && free_list[i - 1].end > start) || (i < free_count && free_list[i].start < end))
		return -UK_EINVAL;
	int merge_prev = i > 0 && free_list[i - 1].end == start;
	int merge_next = i < free_count && free_list[i].start == end;
	if (merge_prev && merge_next) {
		free_list[i - 1].end = free_list[i].end;
		for (int j = i; j < free_count - 1; j++)
			free_list[j] = free_list[j + 1];
		free_count--;
	} else if (merge_prev) {
		free_list[i - 1].end = end;
	} else if (merge_next) {
		free_list[i].start = start;
	} else {
		if (free_count == MAX_EXTENTS)
			return -UK_ENOMEM;
		for (int j = free_count; j > i; j--)
			free_list[j] = free_list[j - 1];
		free_list[i].start = start;
		free_list[i].end = end;
		free_count++;
	}
	return 0;
}

long uk_sys_mmap(long addr, long len, long prot, long flags, long fd, long off)
{
	(void)addr;
	(void)prot;
	(void)off;
	if (len <= 0)
		return -UK_EINVAL;
	if (!(flags & MAP_ANONYMOUS) || fd != -1 || (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)))
		return uk_unimplemented(9);   /* file and fixed mappings: not yet */
	void *p = uk_pages_alloc((size_t)len);
	return p ? (long)p : -UK_ENOMEM;
}

long uk_sys_munmap(long addr, long len)
{
	if (len <= 0 || (addr & (UK_PAGE_SIZE - 1)))
		return -UK_EINVAL;
	return uk_pages_free((void *)addr, (size_t)len);
}

/* No program break: malloc falls back to mmap, which is all one region here. */
long uk_sys_brk(long addr)
{
	(void)addr;
	return 0;
}

static long sys_mprotect(void)
{
	return 0;   /* one protection domain */
}

static long sys_madvise(void)
{
	return 0;   /* advice only */
}

UK_SYSCALL(9, mmap, uk_sys_mmap);
UK_SYSCALL(11, munmap, uk_sys_munmap);
UK_SYSCALL(12, brk, uk_sys_brk);
UK_SYSCALL(10, mprotect, sys_mprotect);
UK_SYSCALL(28, madvise, sys_madvise);
