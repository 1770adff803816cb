/* MAP_SHARED file mappings stay coherent with the file, as the page cache
 * makes them on Linux: writes through the file show in the mapping, stores
 * through a writable mapping show in reads and survive munmap; a mapping
 * larger than the file shows what is appended. Same output in dev mode and
 * in an image. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096

static int failures;
static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/tmp/shared_map.dat";
	static char page[PG];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	for (int i = 0; i < 3; i++) {
		memset(page, 'a' + i, PG);
		write(fd, page, PG);
	}
	char *ro = mmap(0, 3 * PG, PROT_READ, MAP_SHARED, fd, 0);
	check("read-only shared map", ro != MAP_FAILED && ro[PG] == 'b');
	pwrite(fd, "XYZ", 3, PG + 10);
	check("pwrite shows in the read-only map", !memcmp(ro + PG + 10, "XYZ", 3));
	lseek(fd, 2 * PG, SEEK_SET);
	write(fd, "write", 5);
	check("write shows in it too", !memcmp(ro + 2 * PG, "write", 5));

	char *rw = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);
	check("writable shared map at an offset", rw != MAP_FAILED && !memcmp(rw + 10, "XYZ", 3));
	memcpy(rw + 100, "stored", 6);
	char buf[8] = { 0 };
	pread(fd, buf, 6, PG + 100);
	check("a store through it shows in pread", !memcmp(buf, "stored", 6));
	memcpy(rw + PG + 200, "later", 5);
	check("msync", msync(rw, 2 * PG, MS_SYNC) == 0);
	munmap(rw, 2 * PG);
	munmap(ro, 3 * PG);
	close(fd);
	fd = open(path, O_RDONLY);
	pread(fd, buf, 5, 2 * PG + 200);
	check("a store before munmap is in the file after close and reopen", !memcmp(buf, "later", 5));

	char *ro2 = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("PROT_WRITE shared map of an O_RDONLY descriptor: EACCES", ro2 == MAP_FAILED && errno == EACCES);
	close(fd);

	/* A map larger than the file shows what is appended later. */
	fd = open(path, O_RDWR | O_TRUNC);
	write(fd, "head", 4);
	char *big = mmap(0, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	check("map past the end of the file", big != MAP_FAILED && !memcmp(big, "head", 4));
	pwrite(fd, "tail", 4, PG + 8);
	check("what is appended shows in it", !memcmp(big + PG + 8, "tail", 4));
	munmap(big, 2 * PG);
	close(fd);
	unlink(path);
	printf("%s\n", failures ? "shared maps FAILED" : "shared maps ok");
	return failures != 0;
}
