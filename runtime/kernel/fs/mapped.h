/* MAP_SHARED file mappings kept coherent with their files (mapped.c). */
#ifndef UK_FS_MAPPED_H
#define UK_FS_MAPPED_H

#include <stddef.h>
#include <stdint.h>

struct uk_node;

/* Pages [start, start+len) show n from off; writable ones are copied back. */
long uk_mapped_add(struct uk_node *n, uint64_t off, uintptr_t start, size_t len, int writable);
/* munmap, MAP_FIXED over it, mremap: copied back, then forgotten. */
void uk_mapped_remove(uintptr_t start, uintptr_t end);
/* msync: copied back. */
void uk_mapped_sync(uintptr_t start, uintptr_t end);
/* madvise(DONTNEED) zeroed it: the files' bytes again. */
void uk_mapped_reload(uintptr_t start, uintptr_t end);
/* mprotect(PROT_WRITE) over a listed map of a writable descriptor. */
void uk_mapped_writable(uintptr_t start, uintptr_t end);
/* Whether any listed mapping overlaps [start, end). */
int uk_mapped_contains(uintptr_t start, uintptr_t end);
/* The file side: around read(2), write(2) and truncation of n. */
void uk_mapped_before_read(struct uk_node *n, uint64_t pos, size_t len);
void uk_mapped_after_write(struct uk_node *n, uint64_t pos, size_t len);
void uk_mapped_after_truncate(struct uk_node *n, uint64_t size);
/* Whether there is any: the file paths skip the rest when not. */
int uk_mapped_any(void);

#endif
