/* The README's demo: an ordinary C program, built with x86_64-unikernel-gcc,
 * run as a dev executable and as an spt image. */
#include <stdio.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	uname(&u);
	printf("Hello from x86_64-unikernel: %s %s on %s\n", u.sysname, u.release, u.nodename);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	return 0;
}
