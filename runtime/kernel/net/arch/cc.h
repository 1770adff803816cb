/* lwIP's compiler and platform abstraction for the kernel: freestanding
 * (only gcc's own stddef.h and stdint.h), little endian, diagnostics and
 * randomness from the kernel (port.c). */
#ifndef UK_LWIP_ARCH_CC_H
#define UK_LWIP_ARCH_CC_H

#include <stddef.h>
#include <stdint.h>

#define BYTE_ORDER LITTLE_ENDIAN
#define lwip_htons(x) __builtin_bswap16(x)
#define lwip_htonl(x) __builtin_bswap32(x)

/* No inttypes.h, limits.h, unistd.h or ctype.h here: lwIP's own fallbacks. */
#define LWIP_NO_INTTYPES_H 1
#define LWIP_NO_LIMITS_H 1
#define LWIP_NO_UNISTD_H 1
#define LWIP_NO_CTYPE_H 1
#define X8_F  "02x"
#define U16_F "u"
#define S16_F "d"
#define X16_F "x"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "lu"
#define INT_MAX __INT_MAX__
#define SSIZE_MAX __LONG_MAX__
typedef long ssize_t;

/* lwIP's debug output needs printf, which the kernel lacks; assertions
 * stay on and stop the image like a crash (exit status 255). */
#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) uk_lwip_assert(x, __FILE__, __LINE__)
/* Ends the image, except for the few assertions lwIP follows with its own
 * recovery (port.c): those drop the packet and the image goes on. */
void uk_lwip_assert(const char *msg, const char *file, int line);

#define LWIP_RAND() uk_lwip_rand()
uint32_t uk_lwip_rand(void);

/* The port's clock: lwIP calls it sys_now; renamed like lwIP's own symbols
 * so the name stays free for programs. */
#define sys_now uk_lwip_sys_now

/* MEM_LIBC_MALLOC / MEMP_MEM_MALLOC: the kernel heap (zeroed blocks). */
void *uk_malloc(size_t size);
void uk_free(void *p);
void *uk_lwip_calloc(size_t n, size_t size);
#define mem_clib_malloc uk_malloc
#define mem_clib_free uk_free
#define mem_clib_calloc uk_lwip_calloc

/* dns.c compares a name with "localhost"; the kernel has no libc. */
int uk_strcmp(const char *a, const char *b);
#define strcmp uk_strcmp

#endif
