/* The first spt image: arguments, environment, exit status, heap, clocks,
 * and an unimplemented call, all through the kernel. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, i == 0 ? "(name)" : argv[i]);
	const char *g = getenv("GREETING");
	printf("GREETING=%s\n", g ? g : "(unset)");

	/* Heap: 100 MB churned in 1 MB blocks, contents checked. */
	for (int round = 0; round < 100; round++) {
		unsigned char *p = malloc(1 << 20);
		if (!p) { printf("malloc failed in round %d\n", round); return 99; }
		memset(p, round, 1 << 20);
		if (p[12345] != (unsigned char)round) { printf("heap corrupted\n"); return 99; }
		free(p);
	}
	/* Asking for more than there is gives NULL, not a crash. */
	void *huge = malloc((size_t)64 << 30);
	printf("huge malloc: %s\n", huge ? "succeeded?!" : "NULL");

	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	usleep(20000);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	printf("slept at least 20 ms: %s\n", ms >= 20 ? "yes" : "no");

	struct utsname u;
	uname(&u);
	printf("uname: %s %s\n", u.sysname, u.machine);

	for (int i = 0; i < 3; i++) {
		errno = 0;
		int r = fork();
		if (r != -1 || errno != ENOSYS) { printf("fork: %d errno %d\n", r, errno); return 99; }
	}
	printf("fork: ENOSYS\n");
	return argc > 1 ? atoi(argv[1]) : 0;
}
