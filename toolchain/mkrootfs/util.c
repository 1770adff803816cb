/* Small helpers: allocation that cannot fail silently, escaped printing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkrootfs.h"

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "mkrootfs: out of memory\n");
		exit(EXIT_FAIL);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;
	return memcpy(xmalloc(len), s, len);
}

/* Control bytes and backslashes as \ooo, so one entry is always one line;
 * everything else (UTF-8 included) as it is. */
void print_escaped(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || c == '\\')
			fprintf(f, "\\%03o", c);
		else
			putc(c, f);
	}
}

int pad4(size_t n)
{
	return (int)((4 - (n & 3)) & 3);
}
