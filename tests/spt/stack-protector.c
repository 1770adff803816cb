/* Copies its argument into a 16-byte local buffer: a long one smashes the
 * stack, which -fstack-protector-strong must catch before smash() returns. */
#include <stdio.h>
#include <string.h>

__attribute__((noinline, noipa)) void smash(const char *text)
{
	char buf[16];
	strcpy(buf, text);
	printf("copied %zu bytes\n", strlen(buf));
}

int main(int argc, char **argv)
{
	printf("before the copy\n");
	fflush(stdout);
	smash(argc > 1 ? argv[1] : "short");
	printf("smash returned\n");
	return 0;
}
