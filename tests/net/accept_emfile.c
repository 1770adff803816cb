/* accept(2) with no descriptor free, over loopback: Linux fails it with
 * EMFILE and leaves the connection queued, so a server out of descriptors
 * serves its waiting clients once one is free again. Built for dev mode
 * (Linux) and as an image; both must print the same. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *err_name(int e)
{
	return e == EMFILE ? "EMFILE" : e == EAGAIN ? "EAGAIN" : strerror(e);
}

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof a;
	struct rlimit rl, full;
	char buf[16] = { 0 };
	int l = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || c < 0 || bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 4) < 0 ||
	    getsockname(l, (struct sockaddr *)&a, &len) < 0 ||
	    connect(c, (struct sockaddr *)&a, sizeof a) < 0 || send(c, "hello", 5, 0) != 5) {
		perror("setting up");
		return 1;
	}
	/* The soft limit down to the lowest free descriptor: none is left. */
	int next = dup(0);
	close(next);
	getrlimit(RLIMIT_NOFILE, &rl);
	full = rl;
	rl.rlim_cur = (rlim_t)next;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		perror("setrlimit");
		return 1;
	}
	int r = accept(l, 0, 0);
	printf("accept with no descriptor free: %s\n", r < 0 ? err_name(errno) : "a descriptor");
	setrlimit(RLIMIT_NOFILE, &full);

	/* The connection waited: it is accepted whole, not reset. */
	int s = accept(l, 0, 0);
	printf("accept once one is free: %s\n", s < 0 ? err_name(errno) : "ok");
	ssize_t n = s < 0 ? -1 : recv(s, buf, 5, MSG_WAITALL);
	printf("what the client sent before: %s\n", n == 5 ? buf : "lost");
	n = s < 0 ? -1 : send(s, "back", 4, 0);
	memset(buf, 0, sizeof buf);
	n = n == 4 ? recv(c, buf, 4, MSG_WAITALL) : -1;
	printf("the client hears back: %s\n", n == 4 ? buf : n < 0 ? err_name(errno) : "end of stream");
	fcntl(l, F_SETFL, O_NONBLOCK);
	r = accept(l, 0, 0);
	printf("and nothing else waits: %s\n", r < 0 ? err_name(errno) : "a connection");
	return 0;
}
