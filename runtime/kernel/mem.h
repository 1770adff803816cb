/* The page map shared by mem.c (which owns it) and mmap.c (the program's
 * address-space calls). Addresses are page-aligned; ranges are [start, end). */
#ifndef UK_MEM_H
#define UK_MEM_H

#include "kernel.h"

/* One bit per page of the managed region in each map. */
enum uk_page_map {
	UK_PM_USED,     /* handed out (to the kernel or the program) */
	UK_PM_PROG,     /* the program's: munmap may free it (subset of USED) */
	UK_PM_DIRTY,    /* handed out since it was last zero */
	UK_PM_SHARED,   /* a read-only copy of a MAP_SHARED file: never writable */
	UK_PM_MAPS
};

extern uintptr_t uk_mem_start, uk_mem_end;   /* the managed region */
extern uintptr_t uk_mem_brk_base;            /* the lowest address brk uses */

int uk_mem_inside(uintptr_t start, uintptr_t end);
/* Every page of the range has bit map set (want=1) or clear (want=0). */
int uk_mem_all(enum uk_page_map map, int want, uintptr_t start, uintptr_t end);
int uk_mem_any(enum uk_page_map map, uintptr_t start, uintptr_t end);
int uk_mem_any_kernel(uintptr_t start, uintptr_t end);   /* USED but not PROG */
/* Set or clear bits without accounting: for UK_PM_SHARED. */
void uk_mem_set(enum uk_page_map map, int value, uintptr_t start, uintptr_t end);
/* The highest free run of len bytes inside [lo, hi), or 0. */
uintptr_t uk_mem_find(size_t len, uintptr_t lo, uintptr_t hi);
/* The lowest free run of len bytes inside [lo, hi), or 0. */
uintptr_t uk_mem_find_low(size_t len, uintptr_t lo, uintptr_t hi);
/* Hand out free pages, zeroed, to the kernel or (prog) the program. */
void uk_mem_take(uintptr_t start, uintptr_t end, int prog);
/* Free the program's pages in the range; other pages are left alone. */
void uk_mem_unmap(uintptr_t start, uintptr_t end);
/* Zero the program's pages in the range (MADV_DONTNEED), except shared
 * file copies, which read back as the file. */
void uk_mem_zero_prog(uintptr_t start, uintptr_t end);

#endif
