/* Signal delivery in dev mode: the handler runs and returns through musl's
 * restorer (rt_sigreturn entered by jump into __uk_syscall). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t got;

static void handler(int sig) { got = sig; }

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	volatile double x = 1.5;     /* live state across the signal */
	raise(SIGUSR1);
	if (got != SIGUSR1 || x != 1.5) { printf("signal not delivered properly\n"); return 1; }
	printf("signals ok\n");
	return 0;
}
