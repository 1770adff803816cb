/* Small helpers: problem reporting, bounds checks, little-endian access. */
#include <stdarg.h>
#include <stdio.h>

#include "elftool.h"

void image_problem(struct image *img, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "elftool: %s: ", img->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	img->problems++;
}

/* Is [off, off + len) inside the file? Overflow-safe. */
int range_ok(const struct image *img, uint64_t off, uint64_t len)
{
	return off <= img->size && len <= img->size - off;
}

uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}
