/* A program that crashes, for the symbolized crash report: a NULL store in a
 * named function (default), a call through a NULL function pointer
 * ("nullcall"), or a NULL string handed to libc ("libc"). */
#include <stdio.h>
#include <string.h>

int *volatile nowhere;                 /* NULL, and the compiler cannot know it */
void (*volatile no_function)(void);
const char *volatile no_string;

__attribute__((noinline, noipa)) void crash_here(int value)
{
	*nowhere = value;   /* CRASH-LINE */
}

__attribute__((noinline, noipa)) void call_nothing(void)
{
	no_function();
	__asm__ volatile("" ::: "memory");   /* not a tail call */
}

__attribute__((noinline, noipa)) size_t measure_nothing(void)
{
	size_t n = strlen(no_string);
	__asm__ volatile("" ::: "memory");
	return n;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "deref";
	printf("before the crash (%s)\n", mode);
	fflush(stdout);
	if (strcmp(mode, "nullcall") == 0)
		call_nothing();
	else if (strcmp(mode, "libc") == 0)
		printf("length %zu\n", measure_nothing());
	else
		crash_here(42);   /* CALL-LINE */
	printf("after the crash: should not run\n");
	return 0;
}
