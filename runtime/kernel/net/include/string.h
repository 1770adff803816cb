/* The few <string.h> functions lwIP calls, for its freestanding build:
 * the mem* family is the kernel's (lib.c), the rest map to uk_ helpers so
 * the kernel does not claim libc's names. */
#ifndef UK_NET_STRING_H
#define UK_NET_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t uk_strlen(const char *s);
int uk_lwip_strncmp(const char *a, const char *b, size_t n);
#define strlen uk_strlen
#define strncmp uk_lwip_strncmp

#endif
