/* Running out of memory in an image: a request larger than what is left
 * fails with ENOMEM, filling memory chunk by chunk stops with ENOMEM and
 * never hands out memory twice, and everything freed can be used again
 * (by the program and by the kernel). Image only: dev mode would test the
 * host's overcommit instead. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#define CHUNK (1UL << 20)
#define MAXCHUNKS 4096

static uint64_t *chunks[MAXCHUNKS];
static int failures;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static size_t free_ram(void)
{
	struct sysinfo si;
	sysinfo(&si);
	return si.freeram * si.mem_unit;
}

/* Fill memory with 1 MiB blocks, each word naming its block, then check
 * them all: two blocks sharing memory would show. */
static int fill_memory(void)
{
	int n = 0;
	errno = 0;
	while (n < MAXCHUNKS && (chunks[n] = malloc(CHUNK))) {
		for (size_t i = 0; i < CHUNK / 8; i++)
			chunks[n][i] = (uint64_t)n << 32 | i;
		n++;
	}
	int saved = errno;
	for (int k = 0; k < n; k++)
		for (size_t i = 0; i < CHUNK / 8; i += 61)
			if (chunks[k][i] != ((uint64_t)k << 32 | i)) {
				printf("block %d overwritten\n", k);
				failures++;
				break;
			}
	errno = saved;
	return n;
}

static void free_all(int n)
{
	for (int k = 0; k < n; k++)
		free(chunks[k]);
}

int main(void)
{
	volatile uint64_t guard[512];   /* on the main stack, which the kernel owns */
	for (int i = 0; i < 512; i++)
		guard[i] = 0x5a5a5a5a00000000ULL | (unsigned)i;
	size_t before = free_ram();

	errno = 0;
	void *p = malloc(before + (16 << 20));
	check("malloc of more than is free returns NULL with ENOMEM", !p && errno == ENOMEM);
	errno = 0;
	p = mmap(0, before + (16 << 20), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap of more than is free fails with ENOMEM", p == MAP_FAILED && errno == ENOMEM);

	/* munmap of kernel memory (4 MiB of this stack, with guard[] and the
	 * frames below main's) succeeds and frees nothing. */
	uintptr_t page = (uintptr_t)&guard[256] & ~4095UL;
	check("munmap of the stack returns 0", munmap((void *)(page - (4 << 20)), (4 << 20) + 4096) == 0);
	check("and frees nothing", free_ram() == before);

	int n1 = fill_memory();
	check("filling memory stops with ENOMEM", errno == ENOMEM);
	check("most of the free memory could be used, never more",
	      (size_t)n1 * CHUNK > before / 10 * 9 && (size_t)n1 * CHUNK <= before);
	free_all(n1);
	int n2 = fill_memory();
	check("after freeing, the same again", n2 >= n1 - 1 && errno == ENOMEM);
	free_all(n2);

	int ok = 1;
	for (int i = 0; i < 512; i++)
		ok &= guard[i] == (0x5a5a5a5a00000000ULL | (unsigned)i);
	check("the stack was never handed out", ok);
	check("free memory is back", free_ram() + (1 << 20) >= before);

	size_t half = before / 2;
	unsigned char *big = malloc(half);
	check("a large allocation works again", big != NULL);
	if (big) {
		memset(big, 0xab, half);
		free(big);
	}
	/* The kernel's own allocator works too: a file in /tmp. */
	int fd = open("/tmp/limit-test", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char buf[6] = {0};
	check("the kernel still allocates (a file in /tmp)",
	      fd >= 0 && write(fd, "after", 5) == 5 && pread(fd, buf, 5, 0) == 5 && !strcmp(buf, "after"));
	printf("%s\n", failures ? "memory limit FAILED" : "memory limit ok");
	return failures != 0;
}
