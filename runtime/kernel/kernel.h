/* Internal interfaces of the portable kernel. */
#ifndef UK_KERNEL_H
#define UK_KERNEL_H

#include <stddef.h>
#include <stdint.h>
#include "platform.h"

#define UK_PAGE_SIZE 4096UL
#define UK_ALIGN_UP(x, a) (((x) + (a) - 1) & ~((a) - 1))

/* Linux errno values the kernel returns (negated). */
#define UK_EPERM 1
#define UK_ENOENT 2
#define UK_ESRCH 3
#define UK_EINTR 4
#define UK_EIO 5
#define UK_ENXIO 6
#define UK_EBADF 9
#define UK_EAGAIN 11
#define UK_ENOMEM 12
#define UK_EACCES 13
#define UK_EFAULT 14
#define UK_EBUSY 16
#define UK_EEXIST 17
#define UK_EXDEV 18
#define UK_ENODEV 19
#define UK_ENOTDIR 20
#define UK_EISDIR 21
#define UK_EINVAL 22
#define UK_ENFILE 23
#define UK_EMFILE 24
#define UK_ENOTTY 25
#define UK_EFBIG 27
#define UK_ENOSPC 28
#define UK_ESPIPE 29
#define UK_EROFS 30
#define UK_EMLINK 31
#define UK_EPIPE 32
#define UK_ERANGE 34
#define UK_ENAMETOOLONG 36
#define UK_ENOSYS 38
#define UK_ENOTEMPTY 39
#define UK_ELOOP 40
#define UK_EOVERFLOW 75
#define UK_EOPNOTSUPP 95
#define UK_ETIMEDOUT 110

/* lib.c: what freestanding code needs. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t uk_strlen(const char *s);
int uk_strcmp(const char *a, const char *b);
void uk_print(const char *s);
void uk_print_hex(const char *label, uint64_t v);
void uk_print_dec(const char *label, long v);

/* Memory, randomness, process resources (mem.c, mmap.c, random.c,
 * chacha20.c, resource.c, cred.c; docs/kernel-memory.md). */
void uk_mem_init(uintptr_t start, uintptr_t end);
/* The kernel's own pages: zeroed, never visible to the program's munmap. */
void *uk_pages_alloc(size_t len);
long uk_pages_free(void *addr, size_t len);
/* Bytes the memory manager manages, bytes free now, most ever in use. */
void uk_mem_stats(size_t *total, size_t *free);
size_t uk_mem_peak(void);
long uk_sys_mmap(long addr, long len, long prot, long flags, long fd, long off);
long uk_sys_munmap(long addr, long len);
long uk_sys_brk(long addr);
void uk_random_init(void);
void uk_random_bytes(void *buf, size_t len);
void uk_chacha20_block(const uint32_t key[8], uint32_t counter,
                       const uint32_t nonce[3], uint32_t out[16]);
void uk_resource_init(void);
unsigned long uk_rlimit_nofile(void);   /* RLIMIT_NOFILE's soft limit */
uint64_t uk_uptime_ns(void);            /* since the kernel started */
int uk_cred_privileged(void);           /* effective uid 0 (cred.c) */

/* kmalloc.c: the kernel's heap; blocks come back zeroed. */
void *uk_malloc(size_t size);
void uk_free(void *p);
void *uk_realloc(void *p, size_t size);
char *uk_strdup(const char *s);

/* fd.c */
long uk_fd_pread(int fd, void *buf, size_t len, long off);

/* fs/init.c: the filesystem tree, set up at boot. */
void uk_fs_init(void);
/* Create or replace a generated file (/etc/resolv.conf...). */
long uk_fs_set_file(const char *path, const char *data, size_t len, unsigned mode);
int uk_fs_exists(const char *path);

/* time.c */
long uk_sys_clock_gettime(long clk, long ts);
long uk_sys_nanosleep(long req, long rem);

/* warn.c: one warning per unimplemented call, then ENOSYS. */
long uk_unimplemented(long n);
long uk_unsupported(int *warned, const char *what);

/* options.c: runtime options from the command line. */
int uk_option_add(const char *word);
const char *uk_option(const char *key);
const char *uk_option_nth(const char *key, int nth);
const char *uk_hostname(void);

/* boot.c */
_Noreturn void uk_boot_error(const char *what, const char *token);
_Noreturn void uk_enter_program(uintptr_t entry, uintptr_t sp);   /* arch */

#endif
