/* System calls the kernel does not implement: each fails with ENOSYS and
 * is named in one warning, however often it is called. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/syscall.h>

int main(void)
{
	for (int i = 0; i < 3; i++) {
		errno = 0;
		long r = syscall(SYS_msgget, IPC_PRIVATE, 0600);
		printf("msgget: %ld %s\n", r, errno == ENOSYS ? "ENOSYS" : strerror(errno));
	}
	for (int i = 0; i < 2; i++) {
		errno = 0;
		long r = syscall(SYS_msgctl, 0, IPC_RMID, 0);
		printf("msgctl: %ld %s\n", r, errno == ENOSYS ? "ENOSYS" : strerror(errno));
	}
	printf("still running\n");
	return 0;
}
