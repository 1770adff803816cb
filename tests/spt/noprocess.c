/* Process creation in an image: fork, posix_spawn, system, popen and execve
 * fail with ENOSYS (or -1 / NULL) and one warning each, in the same words
 * as a dev executable's. The program goes on. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	pid_t p = fork();
	printf("fork: %d %s\n", (int)p, p < 0 && errno == ENOSYS ? "ENOSYS" : "other");
	p = fork();
	printf("fork again: %d (no second warning)\n", (int)p);
	char *argv[] = { "true", 0 };
	int r = posix_spawn(&p, "/bin/true", 0, 0, argv, environ);
	printf("posix_spawn: %s\n", r == ENOSYS ? "ENOSYS" : strerror(r));
	printf("system: %d\n", system("true"));
	printf("popen: %s\n", popen("true", "r") ? "a stream" : "NULL");
	execve("/bin/true", argv, environ);
	printf("execve: %s\n", errno == ENOSYS ? "ENOSYS" : "other");
	printf("still running\n");
	return 0;
}
