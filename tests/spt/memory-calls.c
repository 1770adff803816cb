/* The address-space calls with Linux's semantics: brk, mmap (fixed, no
 * replace, hints, files), munmap of parts and holes, mremap, madvise,
 * mprotect. Prints one line per check; dev mode and an image must agree.
 * With "image" as argument it adds checks only an image can make, prefixed
 * "image:" (no host-dependent limits, no faults on PROT_NONE). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PG 4096UL
static int failures;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	if (!ok)
		failures++;
}

static const char *err(long r)
{
	return r == -1 ? strerror(errno) : "success";
}

static void report(const char *what, const char *expected, long r)
{
	int ok = !strcmp(err(r), expected);
	printf("%s: %s%s\n", what, err(r), ok ? "" : " (UNEXPECTED)");
	if (!ok)
		failures++;
}

static unsigned char *map(size_t len)
{
	void *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

static void fill(unsigned char *p, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 12));
}

static int holds(const unsigned char *p, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != (unsigned char)(seed + i * 7 + (i >> 12)))
			return 0;
	return 1;
}

static int zero(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_brk(int image)
{
	uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
	uintptr_t base = (cur + PG - 1) & ~(PG - 1);
	check("brk grows", (uintptr_t)syscall(SYS_brk, base + (1 << 20)) == base + (1 << 20));
	memset((void *)base, 0x5a, 1 << 20);
	check("brk shrinks", (uintptr_t)syscall(SYS_brk, base + PG) == base + PG);
	check("brk grows again", (uintptr_t)syscall(SYS_brk, base + (1 << 20)) == base + (1 << 20));
	check("pages given back and taken again read zero", zero((void *)(base + PG), (1 << 20) - PG));
	check("the page kept keeps its contents", ((unsigned char *)base)[PG - 1] == 0x5a);
	check("sbrk(0) is the break", (uintptr_t)sbrk(0) == base + (1 << 20));
	if (image) {
		/* Blocked by a mapping just above: Linux returns the old break. */
		uintptr_t top = base + (1 << 20);
		void *m = mmap((void *)(top + PG), PG, PROT_READ | PROT_WRITE,
		               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		check("image: mapping above the break", m == (void *)(top + PG));
		check("image: brk into a mapping fails, returns the old break",
		      (uintptr_t)syscall(SYS_brk, top + 2 * PG) == top);
		check("image: brk up to the mapping works", (uintptr_t)syscall(SYS_brk, top + PG) == top + PG);
		check("image: brk beyond memory fails", (uintptr_t)syscall(SYS_brk, top + (1UL << 40)) == top + PG);
		errno = 0;
		check("image: sbrk beyond memory is ENOMEM", sbrk(1L << 40) == (void *)-1 && errno == ENOMEM);
		munmap(m, PG);
	}
	syscall(SYS_brk, base);
}

static void test_fixed(void)
{
	unsigned char *p = map(4 * PG);
	fill(p, 4 * PG, 1);
	report("MAP_FIXED_NOREPLACE over a mapping", "File exists",
	       (long)mmap(p + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0));
	munmap(p + PG, PG);
	void *q = mmap(p + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	check("MAP_FIXED_NOREPLACE into a hole", q == p + PG && zero(q, PG));
	q = mmap(p, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check("MAP_FIXED replaces with zero pages", q == p && zero(p, 2 * PG));
	check("pages beside a MAP_FIXED are untouched", holds(p + 2 * PG, 2 * PG, 1 + 2 * PG * 7 + 2));
	report("MAP_FIXED_NOREPLACE over the program's code", "File exists",
	       (long)mmap((void *)((uintptr_t)test_fixed & ~(PG - 1)), PG, PROT_READ,
	                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0));
	report("MAP_FIXED at an unaligned address", "Invalid argument",
	       (long)mmap(p + 1, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	munmap(p + 2 * PG, 2 * PG);
	q = mmap(p + 2 * PG, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("a free hint address is used", q == p + 2 * PG);
	q = mmap(p, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("a taken hint address is not", q != MAP_FAILED && q != p && zero(q, PG));
	munmap(q, PG);
	q = mmap(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_STACK |
	         MAP_NORESERVE | MAP_POPULATE, -1, 0);
	check("MAP_SHARED|MAP_ANONYMOUS with STACK, NORESERVE, POPULATE", q != MAP_FAILED && zero(q, 3 * PG));
	munmap(q, 3 * PG);
	report("mmap of length 0", "Invalid argument", (long)mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	report("mmap without a type", "Invalid argument", (long)mmap(0, PG, PROT_READ, MAP_ANONYMOUS, -1, 0));
	report("mmap with an unaligned offset", "Invalid argument",
	       (long)mmap(0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1));
	munmap(p, 4 * PG);
}

static void test_munmap(void)
{
	unsigned char *p = map(8 * PG);
	fill(p, 8 * PG, 3);
	check("munmap of a middle part", munmap(p + 3 * PG, 2 * PG) == 0);
	check("the parts around it keep their contents",
	      holds(p, 3 * PG, 3) && holds(p + 5 * PG, 3 * PG, 3 + 5 * PG * 7 + 5));
	check("munmap across mappings and holes", munmap(p + 2 * PG, 4 * PG) == 0);
	check("munmap of memory never mapped (or gone)", munmap(p + 3 * PG, 2 * PG) == 0);
	check("the rest is still there", holds(p, 2 * PG, 3) && holds(p + 6 * PG, 2 * PG, 3 + 6 * PG * 7 + 6));
	munmap(p, 8 * PG);
	check("munmap twice", munmap(p, 8 * PG) == 0);
	unsigned char *a = map(PG), *b = map(PG);
	check("then two new mappings do not overlap", a != b);
	munmap(a, PG);
	munmap(b, PG);
	report("munmap of length 0", "Invalid argument", munmap(p, 0));
	report("munmap at an unaligned address", "Invalid argument", munmap(p + 1, PG));
}

static void test_mremap(int image)
{
	unsigned char *p = map(8 * PG);
	fill(p, 4 * PG, 5);
	munmap(p + 4 * PG, 4 * PG);
	unsigned char *q = mremap(p, 4 * PG, 8 * PG, 0);
	check("mremap grows in place when the pages above are free", q == p);
	check("growing keeps contents, new pages are zero", holds(p, 4 * PG, 5) && zero(p + 4 * PG, 4 * PG));
	/* Something right above: it cannot grow in place any more. */
	void *block = mmap(p + 8 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	report("mremap without MREMAP_MAYMOVE when blocked", "Out of memory",
	       (long)mremap(p, 8 * PG, 16 * PG, 0));
	q = mremap(p, 8 * PG, 16 * PG, MREMAP_MAYMOVE);
	check("MREMAP_MAYMOVE moves it", q != MAP_FAILED && q != p);
	check("moving keeps contents, new pages are zero", holds(q, 4 * PG, 5) && zero(q + 4 * PG, 12 * PG));
	if (image) {
		/* A mapping moved to grow lands where it can grow again in place
		 * (musl's realloc grows big blocks with mremap, step by step). */
		check("image: after a move, growing again is in place", mremap(q, 16 * PG, 32 * PG, 0) == q);
		mremap(q, 32 * PG, 16 * PG, 0);
	}
	report("the old place is gone", "Bad address", (long)mremap(p, PG, 2 * PG, 0));
	if (block != MAP_FAILED)
		munmap(block, PG);
	fill(q, 16 * PG, 9);
	check("mremap shrinks in place", mremap(q, 16 * PG, 2 * PG, 0) == q && holds(q, 2 * PG, 9));
	report("the pages cut off are unmapped", "Out of memory", mprotect(q + 2 * PG, PG, PROT_READ));
	unsigned char *t = map(4 * PG);
	fill(t, 4 * PG, 11);
	unsigned char *r = mremap(q, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	check("MREMAP_FIXED moves onto a mapping", r == t && holds(t, 2 * PG, 9));
	check("the target's other pages stay", holds(t + 2 * PG, 2 * PG, 11 + 2 * PG * 7 + 2));
	r = mremap(t, PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	check("MREMAP_DONTUNMAP moves the contents", r != MAP_FAILED && r != t && holds(r, PG, 9));
	check("and leaves the old range mapped, reading zero", r != MAP_FAILED && zero(t, PG));
	if (r != MAP_FAILED)
		munmap(r, PG);
	report("mremap of an unaligned address", "Invalid argument", (long)mremap(t + 1, PG, 2 * PG, MREMAP_MAYMOVE));
	report("mremap with unknown flags", "Invalid argument", (long)mremap(t, PG, 2 * PG, 8));
	report("MREMAP_FIXED without MREMAP_MAYMOVE", "Invalid argument", (long)mremap(t, PG, PG, MREMAP_FIXED, p));
	report("mremap to length 0", "Invalid argument", (long)mremap(t, PG, 0, MREMAP_MAYMOVE));
	report("MREMAP_FIXED onto itself", "Invalid argument",
	       (long)mremap(t, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, t + PG));
	munmap(t, 4 * PG);
	report("mremap of unmapped memory", "Bad address", (long)mremap(t, PG, 2 * PG, MREMAP_MAYMOVE));
}

static void test_madvise(void)
{
	unsigned char *p = map(4 * PG);
	fill(p, 4 * PG, 13);
	check("MADV_DONTNEED", madvise(p + PG, 2 * PG, MADV_DONTNEED) == 0);
	check("pages read zero afterwards, the others keep their contents",
	      zero(p + PG, 2 * PG) && holds(p, PG, 13) && holds(p + 3 * PG, PG, 13 + 3 * PG * 7 + 3));
	check("MADV_FREE, MADV_WILLNEED, MADV_SEQUENTIAL, MADV_HUGEPAGE",
	      !madvise(p, 4 * PG, MADV_FREE) && !madvise(p, 4 * PG, MADV_WILLNEED) &&
	      !madvise(p, 4 * PG, MADV_SEQUENTIAL) && !madvise(p, 4 * PG, MADV_HUGEPAGE));
	check("memory is writable after MADV_FREE", (p[5] = 7) == 7 && p[5] == 7);
	report("madvise at an unaligned address", "Invalid argument", madvise(p + 1, PG, MADV_DONTNEED));
	report("madvise with unknown advice", "Invalid argument", madvise(p, PG, 7));
	check("madvise of length 0", madvise(p, 0, MADV_DONTNEED) == 0);
	munmap(p + 2 * PG, 2 * PG);
	report("madvise over unmapped pages", "Out of memory", madvise(p, 4 * PG, MADV_WILLNEED));
	munmap(p, 4 * PG);
}

static void test_mprotect(int image)
{
	unsigned char *p = map(4 * PG);
	check("mprotect read-only, then read-write", !mprotect(p, 4 * PG, PROT_READ) &&
	      !mprotect(p, 4 * PG, PROT_READ | PROT_WRITE));
	check("mprotect of length 0", mprotect(p, 0, PROT_READ) == 0);
	/* musl rounds the address down; the call itself must refuse it. */
	report("mprotect at an unaligned address", "Invalid argument", syscall(SYS_mprotect, p + 1, PG, PROT_READ));
	report("mprotect with unknown bits", "Invalid argument", mprotect(p, PG, 0x100));
	report("mprotect GROWSDOWN|GROWSUP", "Invalid argument",
	       mprotect(p, PG, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP));
	munmap(p + 2 * PG, PG);
	report("mprotect over a hole", "Out of memory", mprotect(p, 4 * PG, PROT_READ | PROT_WRITE));
	if (image) {
		/* Accepted but not enforced: the page stays usable. */
		check("image: PROT_NONE is accepted", mprotect(p, PG, PROT_NONE) == 0);
		p[0] = 1;
		check("image: (and not enforced)", p[0] == 1);
	}
	munmap(p, 4 * PG);
}

static void test_file(void)
{
	static unsigned char data[3 * PG + 100];
	const char *path = "/tmp/memory-calls.data";
	fill(data, sizeof data, 17);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, sizeof data) != (ssize_t)sizeof data) {
		printf("file: cannot write %s: %s\n", path, strerror(errno));
		failures++;
		return;
	}
	unsigned char *p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check("MAP_PRIVATE file mapping has the file's bytes, zero after its end",
	      p != MAP_FAILED && !memcmp(p, data, sizeof data) && zero(p + sizeof data, 4 * PG - sizeof data));
	if (p != MAP_FAILED) {
		p[0] ^= 0xff;
		unsigned char c;
		check("writes to it stay private", pread(fd, &c, 1, 0) == 1 && c == data[0]);
		munmap(p, 4 * PG);
	}
	p = mmap(0, PG, PROT_READ, MAP_SHARED, fd, 2 * PG);
	check("read-only MAP_SHARED at an offset", p != MAP_FAILED && !memcmp(p, data + 2 * PG, PG));
	check("MADV_DONTNEED on it keeps the file's bytes", p != MAP_FAILED &&
	      !madvise(p, PG, MADV_DONTNEED) && !memcmp(p, data + 2 * PG, PG));
	if (p != MAP_FAILED)
		munmap(p, PG);
	report("mmap of a bad descriptor", "Bad file descriptor", (long)mmap(0, PG, PROT_READ, MAP_PRIVATE, 999, 0));
	close(fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	int image = argc > 1 && !strcmp(argv[1], "image");
	test_brk(image);
	test_fixed();
	test_munmap();
	test_mremap(image);
	test_madvise();
	test_mprotect(image);
	test_file();
	printf("%s\n", failures ? "memory calls FAILED" : "memory calls ok");
	return failures != 0;
}
