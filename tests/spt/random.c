/* getrandom and AT_RANDOM as a program sees them. Lines starting "value:"
 * differ from run to run (the test compares them across boots); every other
 * line is the same in dev mode and in an image. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static void hex(const char *name, const unsigned char *p, size_t n)
{
	printf("value: %s ", name);
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static unsigned char big[64 << 10], huge[3 << 20];

int main(void)
{
	unsigned char a[32], b[32];
	check("getrandom fills the buffer", getrandom(a, sizeof a, 0) == sizeof a);
	check("getrandom again", getrandom(b, sizeof b, 0) == sizeof b);
	check("two calls differ", memcmp(a, b, sizeof a) != 0);
	hex("getrandom", a, sizeof a);
	hex("AT_RANDOM", (const unsigned char *)getauxval(AT_RANDOM), 16);

	check("GRND_NONBLOCK", getrandom(a, 16, GRND_NONBLOCK) == 16);
	check("GRND_RANDOM", getrandom(a, 16, GRND_RANDOM) == 16);
	check("GRND_INSECURE", getrandom(a, 16, GRND_INSECURE) == 16);
	check("GRND_RANDOM|GRND_NONBLOCK", getrandom(a, 16, GRND_RANDOM | GRND_NONBLOCK) == 16);
	errno = 0;
	check("unknown flags are EINVAL", getrandom(a, 16, 0x40) == -1 && errno == EINVAL);
	errno = 0;
	check("GRND_RANDOM|GRND_INSECURE is EINVAL",
	      getrandom(a, 16, GRND_RANDOM | GRND_INSECURE) == -1 && errno == EINVAL);
	check("length 0", getrandom(a, 0, 0) == 0);
	check("getentropy", getentropy(a, 256) == 0);

	/* 64 KiB: every byte value turns up (missing one has probability about
	 * 256 * e^-256), and the number of one bits is within 14 standard
	 * deviations (362) of half. */
	check("64 KiB at once", getrandom(big, sizeof big, 0) == sizeof big);
	int seen[256] = {0};
	long ones = 0;
	for (size_t i = 0; i < sizeof big; i++) {
		seen[big[i]] = 1;
		ones += __builtin_popcount(big[i]);
	}
	int values = 0;
	for (int i = 0; i < 256; i++)
		values += seen[i];
	printf("byte values seen in 64 KiB: %d\n", values);
	check("one bits near half", ones > 262144 - 5000 && ones < 262144 + 5000);

	/* Across the generator's reseed interval (1 MiB): whole and not repeating. */
	check("3 MiB at once", getrandom(huge, sizeof huge, 0) == sizeof huge);
	check("its megabytes differ", memcmp(huge, huge + (1 << 20), 1 << 20) &&
	                              memcmp(huge + (1 << 20), huge + (2 << 20), 1 << 20));
	int zero_run = 0;
	for (size_t i = 0; i + 32 <= sizeof huge; i += 32) {
		static const unsigned char z[32];
		zero_run |= !memcmp(huge + i, z, 32);
	}
	check("no 32 zero bytes in a row", !zero_run);
	printf("%s\n", failures ? "random FAILED" : "random ok");
	return failures != 0;
}
