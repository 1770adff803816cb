/* Process creation fails with ENOSYS in dev mode, as in an image, and the
 * warning is printed once per call, however often it is tried. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
	for (int i = 0; i < 3; i++) {
		errno = 0;
		pid_t p = fork();
		if (p != -1 || errno != ENOSYS) { printf("fork gave %d errno %d\n", (int)p, errno); return 1; }
	}
	errno = 0;
	if (vfork() != -1 || errno != ENOSYS) { printf("vfork did not fail with ENOSYS\n"); return 1; }
	char *argv[] = { "/bin/true", NULL };
	errno = 0;
	if (execve("/bin/true", argv, environ) != -1 || errno != ENOSYS) { printf("execve did not fail\n"); return 1; }
	pid_t pid;
	int rc = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);
	if (rc == 0) { printf("posix_spawn succeeded\n"); return 1; }
	printf("nofork ok (posix_spawn: %d)\n", rc);
	return 0;
}
