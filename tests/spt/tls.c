/* Thread-local storage of the main thread: initialized (.tdata) and zero
 * (.tbss) variables, a large block, and their separation from globals. The
 * output has no addresses, so dev mode and the image print the same. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BIG (512 << 10)

__thread int counter = 42;
__thread const char *greeting = "hello from tdata";
__thread unsigned char pattern[4096] = { 1, 2, 3, [4095] = 0xee };
__thread long zero_long;
__thread char zero_small[100];
__thread unsigned char zero_big[BIG];

int global_counter = 42;
unsigned char global_big[BIG];

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static int overlaps(const void *a, size_t an, const void *b, size_t bn)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
	return x < y + bn && y < x + an;
}

__attribute__((noinline)) static int bump(void)
{
	return ++counter;
}

int main(void)
{
	printf("counter=%d greeting=%s\n", counter, greeting);
	printf("pattern=%d,%d,%d..%#x\n", pattern[0], pattern[1], pattern[2], pattern[4095]);
	printf("zero: long=%ld small=%s big=%s\n", zero_long,
	       all_zero((unsigned char *)zero_small, sizeof zero_small) ? "yes" : "no",
	       all_zero(zero_big, sizeof zero_big) ? "yes" : "no");

	/* The whole large block is writable and holds what is written. */
	for (size_t i = 0; i < BIG; i++)
		zero_big[i] = (unsigned char)(i * 7);
	size_t bad = 0;
	for (size_t i = 0; i < BIG; i++)
		bad += zero_big[i] != (unsigned char)(i * 7);
	printf("big block round trip: %s\n", bad ? "CORRUPT" : "ok");

	bump();
	bump();
	printf("counter after two bumps=%d, global still %d\n", counter, global_counter);
	printf("global big untouched: %s\n", all_zero(global_big, sizeof global_big) ? "yes" : "no");

	printf("tls apart from globals: %s\n",
	       !overlaps(&counter, sizeof counter, &global_counter, sizeof global_counter) &&
	       !overlaps(zero_big, BIG, global_big, BIG) &&
	       !overlaps(zero_big, BIG, &global_counter, sizeof global_counter) &&
	       !overlaps(pattern, sizeof pattern, zero_big, BIG) ? "yes" : "no");

	/* x86-64 TLS ABI: %fs points at the thread control block, whose first
	 * word points to itself, and static TLS lies below it. */
	uintptr_t tp;
	__asm__("mov %%fs:0, %0" : "=r"(tp));
	printf("thread pointer points to itself: %s\n",
	       tp == (uintptr_t)__builtin_thread_pointer() ? "yes" : "no");
	printf("static tls below the thread pointer: %s\n",
	       (uintptr_t)&counter < tp && (uintptr_t)(zero_big + BIG) <= tp ? "yes" : "no");

	/* musl's errno lives in the thread structure too. */
	errno = 0;
	int r = close(-1);
	printf("errno after close(-1): %d %s\n", r, errno == EBADF ? "EBADF" : strerror(errno));
	return 0;
}
