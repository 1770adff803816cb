/* A program whose global names are also lwIP's (and its port's): the
 * kernel's copy of lwIP must not take or clash with them. */
#include <stdio.h>

int netif_list = 7;
unsigned sys_now(void) { return 42; }
void *mem_malloc(unsigned long n) { return (void *)n; }
int tcp_write(int x) { return x + 1; }

int main(void)
{
	printf("%d %u %lu %d\n", netif_list, sys_now(), (unsigned long)mem_malloc(5), tcp_write(1));
	return 0;
}
