/* The README's demo: an ordinary C program, built with x86_64-unikernel-gcc. */
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct utsname u;
	uname(&u);
	printf("Hello from x86_64-unikernel (%s backend: running on %s %s)\n",
#ifdef __unikernel__
	       "dev",
#else
	       "no",
#endif
	       u.sysname, u.release);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	return 0;
}
