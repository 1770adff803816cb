/* A raw system call outside Solo5's policy (getpid), bypassing libc and the
 * kernel: the sandbox must kill the image before the next line runs. */
#include <stdio.h>

int main(void)
{
	long r;
	printf("before getpid\n");
	fflush(stdout);
	__asm__ volatile("syscall" : "=a"(r) : "a"(39L) : "rcx", "r11", "memory");   /* SYSCALL-LINE */
	printf("after getpid: %ld\n", r);
	return 0;
}
