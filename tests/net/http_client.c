/* Host-side HTTP clients for the httpd tests (tests/samples/httpd).
 *
 *   many HOST PORT COUNT ROUNDS PATH EXPECTED
 *       open COUNT connections at once (non-blocking connect, epoll), and
 *       only when every one is up, send GET PATH on each, read each reply
 *       whole and compare its body with the file EXPECTED; ROUNDS times
 *       over the same connections (keep-alive), then close them all.
 *       Prints "ok COUNT connections, ROUNDS rounds"; times on stderr.
 *   reset HOST PORT PATH NBYTES OUT
 *       GET PATH, keep the first NBYTES of the body in OUT, then close with
 *       SO_LINGER {1, 0}: a reset in the middle of the transfer.
 *   partial HOST PORT TEXT rst|fin
 *       send TEXT (half a request), then reset, or send a FIN and print
 *       how many bytes came back before the server's end.
 *
 * Exit 0 on success; 1 with a message on stderr otherwise. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEADLINE_S 60           /* for each phase of "many" */

/* what, and the errno's text when there is one. */
static void die(const char *what)
{
	fprintf(stderr, "http_client: %s%s%s\n", what, errno ? ": " : "", errno ? strerror(errno) : "");
	exit(1);
}

static struct addrinfo *resolve(const char *host, const char *port)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICHOST }, *ai;
	if (getaddrinfo(host, port, &hints, &ai) != 0) {
		errno = 0;
		die("bad address");
	}
	return ai;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0)
		die(path);
	char *p = malloc((size_t)st.st_size + 1);
	if (!p || read(fd, p, (size_t)st.st_size) != st.st_size)
		die(path);
	close(fd);
	*len = (size_t)st.st_size;
	return p;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* One reply being read: headers into head[], then the body compared with
 * the expected bytes as it comes. */
struct reply {
	int fd;
	char head[4096];
	size_t head_len;
	long long body_len;     /* -1 until the headers are in */
	long long body_got;
};

static const char *expect;
static size_t expect_len;

/* Takes n bytes of the reply; 1 when it is complete, -1 when wrong. */
static int reply_take(struct reply *r, const char *p, size_t n)
{
	if (r->body_len < 0) {
		size_t room = sizeof r->head - 1 - r->head_len;
		size_t k = n < room ? n : room;
		memcpy(r->head + r->head_len, p, k);
		r->head_len += k;
		r->head[r->head_len] = 0;
		char *end = strstr(r->head, "\r\n\r\n");
		if (!end)
			return r->head_len == sizeof r->head - 1 ? -1 : 0;
		if (strncmp(r->head, "HTTP/1.1 200 ", 13) != 0)
			return -1;
		char *cl = strcasestr(r->head, "\r\nContent-Length:");
		if (!cl || cl > end)
			return -1;
		r->body_len = atoll(cl + 17);
		if (r->body_len != (long long)expect_len)
			return -1;
		/* What came after the headers is body. */
		size_t used = (size_t)(end + 4 - r->head) - (r->head_len - k);
		p += used;
		n -= used;
	}
	if (r->body_got + (long long)n > r->body_len)
		return -1;              /* more than the reply: nothing else was asked */
	if (memcmp(expect + r->body_got, p, n) != 0)
		return -1;
	r->body_got += (long long)n;
	return r->body_got == r->body_len;
}

static int many(const char *host, const char *port, int count, int rounds, const char *path,
		const char *expected)
{
	struct addrinfo *ai = resolve(host, port);
	struct rlimit rl;
	struct reply *rs = calloc((size_t)count, sizeof *rs);
	struct epoll_event ev, evs[256];
	char req[512], buf[65536];
	int ep = epoll_create1(0), left;
	double t0, deadline;

	expect = read_file(expected, &expect_len);
	/* The default soft limit (1024) is too few for 1000 and our own. */
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);

	/* Every connection up before any request: all are open at once. */
	t0 = now();
	for (int i = 0; i < count; i++) {
		int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (fd < 0)
			die("socket");
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0 && errno != EINPROGRESS)
			die("connect");
		rs[i].fd = fd;
		ev.events = EPOLLOUT;
		ev.data.u32 = (unsigned)i;
		epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	}
	deadline = now() + DEADLINE_S;
	for (left = count; left > 0;) {
		int n = epoll_wait(ep, evs, 256, 1000);
		for (int k = 0; k < n; k++) {
			struct reply *r = &rs[evs[k].data.u32];
			int err = 0;
			socklen_t len = sizeof err;
			getsockopt(r->fd, SOL_SOCKET, SO_ERROR, &err, &len);
			if (err) {
				errno = err;
				die("a connection failed");
			}
			ev.events = 0;          /* connected: quiet until the request */
			ev.data.u32 = evs[k].data.u32;
			epoll_ctl(ep, EPOLL_CTL_MOD, r->fd, &ev);
			left--;
		}
		if (left && now() > deadline) {
			fprintf(stderr, "http_client: %d of %d connections never came up\n", left, count);
			return 1;
		}
	}
	fprintf(stderr, "%d connections up in %.3f s\n", count, now() - t0);

	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, host);
	for (int round = 1; round <= rounds; round++) {
		double t1 = now();
		for (int i = 0; i < count; i++) {
			rs[i].head_len = 0;
			rs[i].body_len = -1;
			rs[i].body_got = 0;
			if (write_all(rs[i].fd, req, strlen(req)) < 0)
				die("sending a request");
			ev.events = EPOLLIN;
			ev.data.u32 = (unsigned)i;
			epoll_ctl(ep, EPOLL_CTL_MOD, rs[i].fd, &ev);
		}
		deadline = now() + DEADLINE_S;
		for (left = count; left > 0;) {
			int n = epoll_wait(ep, evs, 256, 1000);
			for (int k = 0; k < n; k++) {
				struct reply *r = &rs[evs[k].data.u32];
				ssize_t got = read(r->fd, buf, sizeof buf);
				if (got < 0 && errno == EAGAIN)
					continue;
				if (got <= 0) {
					fprintf(stderr, "http_client: round %d: connection %u: %s\n", round,
						evs[k].data.u32, got ? strerror(errno) : "closed by the server");
					return 1;
				}
				int st = reply_take(r, buf, (size_t)got);
				if (st < 0) {
					fprintf(stderr, "http_client: round %d: connection %u: wrong reply:\n%s\n",
						round, evs[k].data.u32, r->head);
					return 1;
				}
				if (st == 1) {
					ev.events = 0;
					ev.data.u32 = evs[k].data.u32;
					epoll_ctl(ep, EPOLL_CTL_MOD, r->fd, &ev);
					left--;
				}
			}
			if (left && now() > deadline) {
				fprintf(stderr, "http_client: round %d: %d of %d replies never came\n",
					round, left, count);
				return 1;
			}
		}
		fprintf(stderr, "round %d: %d requests answered in %.3f s\n", round, count, now() - t1);
	}
	for (int i = 0; i < count; i++)
		close(rs[i].fd);
	fprintf(stderr, "total %.3f s\n", now() - t0);
	printf("ok %d connections, %d rounds\n", count, rounds);
	return 0;
}

static int dial(const char *host, const char *port)
{
	struct addrinfo *ai = resolve(host, port);
	int fd = socket(ai->ai_family, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) < 0)
		die("connect");
	freeaddrinfo(ai);
	return fd;
}

static void close_with_reset(int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) < 0)
		die("SO_LINGER");
	close(fd);
}

static int reset(const char *host, const char *port, const char *path, long long nbytes,
		 const char *out)
{
	int fd = dial(host, port), ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char req[512], buf[65536], head[4096];
	size_t head_len = 0;
	long long kept = 0;
	if (ofd < 0)
		die(out);
	snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, host);
	if (write_all(fd, req, strlen(req)) < 0)
		die("sending the request");
	while (kept < nbytes) {
		ssize_t got = read(fd, buf, sizeof buf);
		if (got <= 0) {
			if (got == 0)
				errno = 0;
			die("the reply ended early");
		}
		char *p = buf;
		size_t n = (size_t)got;
		if (head_len < 4 || memcmp(head + head_len - 4, "\r\n\r\n", 4) != 0) {
			/* Still in the headers: byte by byte up to their end. */
			while (n && (head_len < 4 || memcmp(head + head_len - 4, "\r\n\r\n", 4) != 0)) {
				if (head_len == sizeof head) {
					errno = 0;
					die("headers too long");
				}
				head[head_len++] = *p++;
				n--;
			}
		}
		if ((long long)n > nbytes - kept)
			n = (size_t)(nbytes - kept);
		if (write_all(ofd, p, n) < 0)
			die(out);
		kept += (long long)n;
	}
	close(ofd);
	close_with_reset(fd);
	printf("reset after %lld bytes\n", kept);
	return 0;
}

static int partial(const char *host, const char *port, const char *text, const char *how)
{
	int fd = dial(host, port);
	char buf[4096];
	long long back = 0;
	if (write_all(fd, text, strlen(text)) < 0)
		die("sending");
	if (strcmp(how, "rst") == 0) {
		usleep(100000);         /* let it arrive on its own, before the reset */
		close_with_reset(fd);
		printf("reset\n");
		return 0;
	}
	shutdown(fd, SHUT_WR);
	for (;;) {
		ssize_t got = read(fd, buf, sizeof buf);
		if (got < 0)
			die("reading");
		if (got == 0)
			break;
		back += got;
	}
	close(fd);
	printf("%lld bytes back\n", back);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 8 && strcmp(argv[1], "many") == 0)
		return many(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]), argv[6], argv[7]);
	if (argc == 7 && strcmp(argv[1], "reset") == 0)
		return reset(argv[2], argv[3], argv[4], atoll(argv[5]), argv[6]);
	if (argc == 6 && strcmp(argv[1], "partial") == 0)
		return partial(argv[2], argv[3], argv[4], argv[5]);
	fprintf(stderr, "usage: see the comment at the top of http_client.c\n");
	return 2;
}
