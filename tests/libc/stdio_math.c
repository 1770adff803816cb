/* printf/strtod/malloc in dev mode: formatted output, float parsing and
 * heap churn behave as on any libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

int main(void)
{
	char buf[128];
	double d = strtod("6.02214076e23", NULL);
	snprintf(buf, sizeof buf, "%.6e|%5d|%-4s|%x|%lld", d, 42, "ab", 255u, -9000000000LL);
	if (strcmp(buf, "6.022141e+23|   42|ab  |ff|-9000000000") != 0) {
		printf("snprintf gave '%s'\n", buf);
		return 1;
	}
	if (fabs(sqrt(2.0) - 1.41421356237) > 1e-9 || strtod("0x1p-3", NULL) != 0.125) {
		printf("math/strtod wrong\n");
		return 1;
	}
	/* 64 MiB of allocations of mixed sizes, written and checked. */
	enum { N = 4096 };
	static unsigned char *blocks[N];
	size_t total = 0;
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < N; i++) {
			size_t sz = 16 + (size_t)((i * 2654435761u + round) % 8192);
			free(blocks[i]);
			blocks[i] = malloc(sz);
			if (!blocks[i]) { printf("malloc failed\n"); return 1; }
			memset(blocks[i], (i + round) & 0xff, sz);
			total += sz;
		}
		for (int i = 0; i < N; i++)
			if (blocks[i][0] != ((i + round) & 0xff)) { printf("heap corrupted\n"); return 1; }
	}
	for (int i = 0; i < N; i++)
		free(blocks[i]);
	printf("stdio_math ok (%zu bytes churned)\n", total);
	return 0;
}
