/* File throughput: write a file in 64 KiB blocks, read it back, and create
 * and remove many small files. Prints the three times in microseconds.
 * Usage: files DIR MIB SMALLFILES */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long usec(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	static char block[65536], path[4096];
	if (argc != 4)
		return 2;
	long mib = atol(argv[2]), small = atol(argv[3]);
	snprintf(path, sizeof path, "%s/bench.dat", argv[1]);
	long long t0 = usec();
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	for (long i = 0; i < mib * 16; i++) {
		block[0] = (char)i;
		if (write(fd, block, sizeof block) != (ssize_t)sizeof block)
			return perror("write"), 1;
	}
	close(fd);
	long long t1 = usec();
	fd = open(path, O_RDONLY);
	while (read(fd, block, sizeof block) > 0)
		;
	close(fd);
	unlink(path);
	long long t2 = usec();
	for (long i = 0; i < small; i++) {
		snprintf(path, sizeof path, "%s/small-%ld", argv[1], i);
		fd = open(path, O_CREAT | O_WRONLY, 0600);
		if (fd < 0 || write(fd, "x", 1) != 1)
			return perror("small"), 1;
		close(fd);
	}
	for (long i = 0; i < small; i++) {
		snprintf(path, sizeof path, "%s/small-%ld", argv[1], i);
		unlink(path);
	}
	long long t3 = usec();
	printf("%lld %lld %lld\n", t1 - t0, t2 - t1, t3 - t2);
	return 0;
}
