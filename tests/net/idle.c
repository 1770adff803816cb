/* An image that only waits: prints "up", sleeps argv[1] seconds (default
 * 10) in 100 ms steps so the network stays served while it sleeps, then
 * prints "done". The network tests talk to it from the host meanwhile. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 10;
	struct timespec step = { 0, 100 * 1000 * 1000 };
	printf("up\n");
	fflush(stdout);
	for (long i = 0; i < (long)(seconds * 10); i++)
		nanosleep(&step, NULL);
	printf("done\n");
	return 0;
}
