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
#define UK_EBADF 9
#define UK_ENOMEM 12
#define UK_EFAULT 14
#define UK_EINVAL 22
#define UK_ENOTTY 25
#define UK_ENOSYS 38

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

/* mem.c */
void uk_mem_init(uintptr_t start, uintptr_t end);
void *uk_pages_alloc(size_t len);
long uk_pages_free(void *addr, size_t len);
long uk_sys_mmap(long addr, long len, long prot, long flags, long fd, long off);
long uk_sys_munmap(long addr, long len);
long uk_sys_brk(long addr);

/* console.c */
long uk_sys_write(long fd, long buf, long len);
long uk_sys_writev(long fd, long iov, long cnt);
long uk_sys_ioctl(long fd, long req, long arg);

/* time.c */
long uk_sys_clock_gettime(long clk, long ts);
long uk_sys_nanosleep(long req, long rem);

/* warn.c: one warning per unimplemented call, then ENOSYS. */
long uk_unimplemented(long n);

/* options.c: runtime options from the command line. */
int uk_option_add(const char *word);
const char *uk_option(const char *key);
const char *uk_option_nth(const char *key, int nth);
const char *uk_hostname(void);

/* boot.c */
_Noreturn void uk_boot_error(const char *what, const char *token);
_Noreturn void uk_enter_program(uintptr_t entry, uintptr_t sp);   /* arch */

#endif
