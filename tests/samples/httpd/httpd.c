/* httpd: a small single-threaded HTTP/1.1 server, for the network tests and
 * benchmarks. It builds with x86_64-unikernel-gcc (an image) and with the
 * host's gcc (the native reference).
 *
 *   httpd [-p PORT] [-d DOCROOT] [-n COUNT]
 *       serve on PORT (8080), IPv6 and IPv4, files under DOCROOT ("."), and
 *       /bytes/N: N pseudo-random bytes from a fixed generator; print "up"
 *       once listening; with -n, exit 0 once COUNT connections have ended
 *   httpd -g N
 *       write the body /bytes/N serves to stdout (what a client expects)
 *
 * One epoll loop over non-blocking sockets: the unikernel has no threads.
 * GET and HEAD; keep-alive (HTTP/1.1 unless "Connection: close"; HTTP/1.0
 * always closes) and pipelining; large bodies go out as the socket takes
 * them (sendfile for files), resumed on EPOLLOUT, so one slow client never
 * holds up the others. Nothing is printed in normal operation: a client
 * that resets or vanishes is routine. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IN_MAX 8192             /* request line and headers must fit */
#define OUT_MAX 16384           /* headers, small bodies, generator chunks */
#define IDLE_TIMEOUT 60         /* s: an idle keep-alive or stalled client */
#define DRAIN_TIMEOUT 5         /* s: waiting for the end after our FIN */
#define BYTES_MAX 1000000000000ULL

enum state {
	READING,                /* waiting for (the rest of) a request */
	WRITING,                /* a response is going out */
	DRAINING,               /* our FIN is sent; reading to the client's end */
};

struct conn {
	struct conn *prev, *next;       /* every connection, for the idle sweep */
	int fd;
	enum state state;
	uint32_t events;                /* what epoll watches for it now */
	time_t last;                    /* last progress, monotonic seconds */
	int peer_eof;                   /* the client sent its FIN */
	int close_after;                /* close once this response is out */
	size_t in_len;                  /* bytes in in[] */
	size_t req_len;                 /* of them, the request being answered */
	size_t out_len, out_off;        /* out[] holds out_len, out_off sent */
	uint64_t left;                  /* body bytes not yet in out[] or sent */
	int file;                       /* body from this file, or -1 */
	off_t file_off;
	uint64_t gen_pos;               /* else from the generator, here */
	char in[IN_MAX];
	char out[OUT_MAX];
};

static int listen_fd = -1, epoll_fd = -1;
static int accept_paused;               /* out of descriptors or memory */
static struct conn *conns;
static const char *docroot = ".";
static int root_fd = -1;
static long ended, end_after;           /* -n */
static time_t now;

/* The /bytes/ generator: byte i of every body is byte i % 8 of a mix of
 * i / 8, so any piece can be made on its own and the stream does not
 * depend on how it was cut up. */
static uint64_t mix(uint64_t x)
{
	x = (x + 0x9e3779b97f4a7c15ULL) * 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 31;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 29);
}

static void gen_fill(unsigned char *p, uint64_t pos, size_t n)
{
	while (n) {
		uint64_t w = mix(pos >> 3);
		for (unsigned b = pos & 7; b < 8 && n; b++, n--, pos++)
			*p++ = (unsigned char)(w >> (8 * b));
	}
}

static time_t monotonic_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec;
}

static void want(struct conn *c, uint32_t events)
{
	if (c->events == events)
		return;
	struct epoll_event ev = { .events = events, .data.ptr = c };
	epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c->fd, &ev);
	c->events = events;
}

static void resume_accepting(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = 0 };
	if (accept_paused && epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &ev) == 0)
		accept_paused = 0;
}

static void conn_close(struct conn *c)
{
	if (c->file >= 0)
		close(c->file);
	close(c->fd);                   /* also leaves the epoll set */
	if (c->prev)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	free(c);
	ended++;
	resume_accepting();             /* a descriptor is free again */
}

/* ---- Responses ---- */

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 505: return "HTTP Version Not Supported";
	}
	return "Error";
}

static const char *content_type(const char *path)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" }, { ".htm", "text/html; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" }, { ".css", "text/css" },
		{ ".js", "text/javascript" }, { ".json", "application/json" },
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" }, { ".svg", "image/svg+xml" },
	};
	const char *dot = strrchr(path, '.');
	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(dot, types[i][0]) == 0)
				return types[i][1];
	return "application/octet-stream";
}

/* The status line and headers into out[]; the body follows separately. */
static void put_headers(struct conn *c, int status, const char *type, uint64_t length)
{
	char date[64];
	struct tm tm;
	time_t t = time(0);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", gmtime_r(&t, &tm));
	c->out_len = (size_t)snprintf(c->out, sizeof c->out,
		"HTTP/1.1 %d %s\r\nServer: httpd\r\nDate: %s\r\n"
		"Content-Type: %s\r\nContent-Length: %llu\r\n%s%s\r\n",
		status, reason(status), date, type, (unsigned long long)length,
		status == 405 ? "Allow: GET, HEAD\r\n" : "",
		c->close_after ? "Connection: close\r\n" : "");
	c->out_off = 0;
	c->left = 0;
	c->state = WRITING;
}

/* An error with a one-line text body. Errors that leave the request's
 * framing in doubt close the connection. */
static void respond_error(struct conn *c, int status, int head)
{
	char body[64];
	int n = snprintf(body, sizeof body, "%d %s\n", status, reason(status));
	if (status == 400 || status == 414 || status == 431 || status == 505)
		c->close_after = 1;
	put_headers(c, status, "text/plain; charset=utf-8", (uint64_t)n);
	if (!head && c->out_len + (size_t)n <= sizeof c->out) {
		memcpy(c->out + c->out_len, body, (size_t)n);
		c->out_len += (size_t)n;
	}
}

static void respond_bytes(struct conn *c, const char *arg, int head)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(arg, &end, 10);
	if (!isdigit((unsigned char)*arg) || *end || errno || n > BYTES_MAX) {
		respond_error(c, 404, head);
		return;
	}
	put_headers(c, 200, "application/octet-stream", n);
	c->left = head ? 0 : n;
	c->gen_pos = 0;
}

static void respond_file(struct conn *c, const char *path, int head)
{
	char rel[IN_MAX + 16];
	struct stat st;
	/* Relative to the docroot; a directory means its index.html. */
	snprintf(rel, sizeof rel, "%s%s", path + 1,
		 path[strlen(path) - 1] == '/' ? "index.html" : "");
	int fd = openat(root_fd, rel, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		strcat(rel, "/index.html");
		fd = openat(root_fd, rel, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int status = fd < 0 && errno == EACCES ? 403 : 404;
		if (fd >= 0)
			close(fd);
		respond_error(c, status, head);
		return;
	}
	put_headers(c, 200, content_type(rel), (uint64_t)st.st_size);
	if (head) {
		close(fd);
		return;
	}
	/* A body that fits goes out with the headers, in one segment. */
	size_t room = sizeof c->out - c->out_len;
	if ((uint64_t)st.st_size <= room) {
		ssize_t r = pread(fd, c->out + c->out_len, (size_t)st.st_size, 0);
		close(fd);
		if (r != (ssize_t)st.st_size) {
			c->close_after = 1;
			respond_error(c, 500, head);
			return;
		}
		c->out_len += (size_t)r;
		return;
	}
	c->file = fd;
	c->file_off = 0;
	c->left = (uint64_t)st.st_size;
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Decodes %XX in place, drops the query. 0, or the error status. */
static int clean_path(char *p)
{
	char *q = p, *s = p;
	if (*p != '/')
		return 400;                     /* only origin-form targets */
	for (; *s && *s != '?' && *s != '#'; s++) {
		if (*s == '%') {
			int hi = hexval(s[1]), lo = hi < 0 ? -1 : hexval(s[2]);
			if (lo < 0 || (hi == 0 && lo == 0))
				return 400;
			*q++ = (char)(hi << 4 | lo);
			s += 2;
		} else {
			*q++ = *s;
		}
	}
	*q = 0;
	/* No step out of the docroot: no ".." segment (after decoding, so
	 * "%2e%2e" is caught too). */
	for (s = p; (s = strstr(s, "..")); s += 2)
		if (s[-1] == '/' && (s[2] == '/' || !s[2]))
			return 403;
	return 0;
}

/* Cuts the line at line (ending in "\n" or "\r\n") into a string and
 * returns where the next one starts. */
static char *cut_line(char *line)
{
	char *nl = strchr(line, '\n');
	*nl = 0;
	if (nl > line && nl[-1] == '\r')
		nl[-1] = 0;
	return nl + 1;
}

/* Answers the request in in[0..req_len): its lines end in "\n" or
 * "\r\n" and it ends with an empty line. */
static void respond(struct conn *c)
{
	char *line = c->in, *end = c->in + c->req_len, *next;
	char *method, *target, *version;
	int http10, head, status;

	/* No NUL inside, so the string functions see the whole request. */
	if (memchr(c->in, 0, c->req_len)) {
		respond_error(c, 400, 0);
		return;
	}
	next = cut_line(line);
	method = line;
	target = strchr(method, ' ');
	version = target ? strchr(target + 1, ' ') : 0;
	if (!version || target == method) {
		respond_error(c, 400, 0);
		return;
	}
	*target++ = 0;
	*version++ = 0;
	head = strcmp(method, "HEAD") == 0;
	if (strcmp(version, "HTTP/1.1") == 0) {
		http10 = 0;
	} else if (strcmp(version, "HTTP/1.0") == 0) {
		http10 = 1;
	} else {
		respond_error(c, strncmp(version, "HTTP/", 5) == 0 ? 505 : 400, head);
		return;
	}
	c->close_after = http10;
	for (line = next; line < end && *line != '\r' && *line != '\n'; line = next) {
		char *colon, *value;
		next = cut_line(line);
		colon = strchr(line, ':');
		if (!colon || colon == line) {
			respond_error(c, 400, head);
			return;
		}
		*colon = 0;
		for (value = colon + 1; *value == ' ' || *value == '\t'; value++)
			;
		if (strcasecmp(line, "Connection") == 0 && strcasestr(value, "close"))
			c->close_after = 1;
		/* A request body is never read here: where the next request
		 * starts is unknown, so this connection ends after the reply. */
		if ((strcasecmp(line, "Content-Length") == 0 && strtoull(value, 0, 10) != 0) ||
		    strcasecmp(line, "Transfer-Encoding") == 0)
			c->close_after = 1;
	}
	if (!head && strcmp(method, "GET") != 0) {
		respond_error(c, 405, 0);
		return;
	}
	status = clean_path(target);
	if (status)
		respond_error(c, status, head);
	else if (strncmp(target, "/bytes/", 7) == 0)
		respond_bytes(c, target + 7, head);
	else
		respond_file(c, target, head);
}

/* ---- The connection's state machine ---- */

enum { DONE, AGAIN, BROKEN };

/* Sends what the socket takes of the response. */
static int flush(struct conn *c)
{
	for (;;) {
		ssize_t n;
		if (c->out_off < c->out_len) {
			n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
			if (n < 0)
				return errno == EAGAIN || errno == EINTR ? AGAIN : BROKEN;
			c->out_off += (size_t)n;
			continue;
		}
		if (!c->left)
			return DONE;
		if (c->file >= 0) {
			size_t chunk = c->left < (1u << 20) ? (size_t)c->left : 1u << 20;
			n = sendfile(c->fd, c->file, &c->file_off, chunk);
			if (n < 0)
				return errno == EAGAIN || errno == EINTR ? AGAIN : BROKEN;
			if (n == 0)
				return BROKEN;  /* the file shrank: the length was a lie */
			c->left -= (uint64_t)n;
			if (!c->left) {
				close(c->file);
				c->file = -1;
			}
			continue;
		}
		c->out_off = 0;
		c->out_len = c->left < sizeof c->out ? (size_t)c->left : sizeof c->out;
		gen_fill((unsigned char *)c->out, c->gen_pos, c->out_len);
		c->gen_pos += c->out_len;
		c->left -= c->out_len;
	}
}

/* Where the request at the start of in[] ends (after its empty line), or
 * 0 while it is incomplete. */
static size_t request_end(const struct conn *c)
{
	const char *p = c->in;
	for (size_t i = 0; i + 1 < c->in_len; i++) {
		if (p[i] != '\n')
			continue;
		if (p[i + 1] == '\n')
			return i + 2;
		if (p[i + 1] == '\r' && i + 2 < c->in_len && p[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Reads and throws away until the client's end: closing with unread data
 * would send a reset, which can destroy the response still in flight. */
static void drain(struct conn *c)
{
	char sink[4096];
	for (;;) {
		ssize_t n = recv(c->fd, sink, sizeof sink, 0);
		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		conn_close(c);          /* the end, or an error */
		return;
	}
}

/* Moves the connection on as far as it can without waiting. */
static void run(struct conn *c)
{
	for (;;) {
		if (c->state == WRITING) {
			int r = flush(c);
			if (r == AGAIN) {
				want(c, EPOLLOUT);
				return;
			}
			if (r == BROKEN) {
				conn_close(c);
				return;
			}
			if (c->close_after) {
				c->state = DRAINING;
				shutdown(c->fd, SHUT_WR);
				want(c, EPOLLIN);
				if (c->peer_eof)
					conn_close(c);
				else
					drain(c);
				return;
			}
			/* Pipelining: the next request may be here already. */
			c->in_len -= c->req_len;
			memmove(c->in, c->in + c->req_len, c->in_len);
			c->state = READING;
		}
		/* Blank lines before a request are allowed (RFC 9112 2.2). */
		size_t skip = 0;
		while (skip < c->in_len && (c->in[skip] == '\r' || c->in[skip] == '\n'))
			skip++;
		c->in_len -= skip;
		memmove(c->in, c->in + skip, c->in_len);
		c->req_len = request_end(c);
		if (c->req_len) {
			respond(c);
			continue;
		}
		if (c->in_len == sizeof c->in) {
			/* Too long: the request line itself, or the headers. */
			c->req_len = c->in_len;
			respond_error(c, memchr(c->in, '\n', c->in_len) ? 431 : 414, 0);
			continue;
		}
		if (c->peer_eof) {
			conn_close(c);          /* the client is done */
			return;
		}
		want(c, EPOLLIN);
		return;
	}
}

static void on_event(struct conn *c)
{
	c->last = now;
	if (c->state == DRAINING) {
		drain(c);
		return;
	}
	if (c->state == READING) {
		ssize_t n = recv(c->fd, c->in + c->in_len, sizeof c->in - c->in_len, 0);
		if (n > 0)
			c->in_len += (size_t)n;
		else if (n == 0)
			c->peer_eof = 1;
		else if (errno == EAGAIN || errno == EINTR)
			return;
		else {
			conn_close(c);  /* reset: routine, nothing to say */
			return;
		}
	}
	run(c);                         /* WRITING: EPOLLOUT, or an error to find */
}

/* Out of descriptors or memory: stop accepting until a connection ends
 * (or the next sweep), or the listener would wake us forever. */
static void pause_accepting(const char *what)
{
	fprintf(stderr, "httpd: %s: %s; not accepting for now\n", what, strerror(errno));
	epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, 0);
	accept_paused = 1;
}

static void accept_all(void)
{
	for (;;) {
		int fd = accept4(listen_fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC), one = 1;
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno != EAGAIN)
				pause_accepting("accept");
			return;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		struct conn *c = malloc(sizeof *c);
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
		if (!c || epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) < 0) {
			pause_accepting(c ? "epoll_ctl" : "malloc");
			free(c);
			close(fd);
			return;
		}
		c->fd = fd;
		c->state = READING;
		c->events = EPOLLIN;
		c->last = now;
		c->peer_eof = c->close_after = 0;
		c->in_len = c->req_len = c->out_len = c->out_off = 0;
		c->left = 0;
		c->file = -1;
		c->prev = 0;
		c->next = conns;
		if (conns)
			conns->prev = c;
		conns = c;
	}
}

/* Connections that made no progress for too long go. */
static void sweep(void)
{
	struct conn *c = conns, *next;
	for (; c; c = next) {
		next = c->next;
		if (now - c->last > (c->state == DRAINING ? DRAIN_TIMEOUT : IDLE_TIMEOUT))
			conn_close(c);
	}
	resume_accepting();
}

static int open_listener(int port)
{
	int one = 1, zero = 0;
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port) };
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	/* One dual-stack socket takes both; IPv4 alone where there is no IPv6. */
	int fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, (struct sockaddr *)&a6, sizeof a6) == 0 && listen(fd, 1024) == 0)
			return fd;
		close(fd);
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&a4, sizeof a4) == 0 && listen(fd, 1024) == 0)
		return fd;
	close(fd);
	return -1;
}

static int gen_to_stdout(const char *arg)
{
	static unsigned char buf[65536];
	unsigned long long n = strtoull(arg, 0, 10), pos = 0;
	while (pos < n) {
		size_t k = n - pos < sizeof buf ? (size_t)(n - pos) : sizeof buf;
		gen_fill(buf, pos, k);
		if (fwrite(buf, 1, k, stdout) != k)
			return 1;
		pos += k;
	}
	return fflush(stdout) != 0;
}

int main(int argc, char **argv)
{
	int port = 8080, opt;
	struct rlimit rl;
	while ((opt = getopt(argc, argv, "p:d:n:g:")) != -1) {
		switch (opt) {
		case 'p': port = atoi(optarg); break;
		case 'd': docroot = optarg; break;
		case 'n': end_after = atol(optarg); break;
		case 'g': return gen_to_stdout(optarg);
		default:
			fprintf(stderr, "usage: httpd [-p PORT] [-d DOCROOT] [-n COUNT] | -g N\n");
			return 2;
		}
	}
	/* As busy servers do: as many descriptors as the hard limit allows. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	signal(SIGPIPE, SIG_IGN);       /* sendfile has no MSG_NOSIGNAL */
	root_fd = open(docroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0) {
		fprintf(stderr, "httpd: %s: %s\n", docroot, strerror(errno));
		return 1;
	}
	listen_fd = open_listener(port);
	if (listen_fd < 0) {
		fprintf(stderr, "httpd: port %d: %s\n", port, strerror(errno));
		return 1;
	}
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = 0 };    /* 0: the listener */
	epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (epoll_fd < 0 || epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &ev) < 0) {
		fprintf(stderr, "httpd: epoll: %s\n", strerror(errno));
		return 1;
	}
	printf("up\n");
	fflush(stdout);

	static struct epoll_event events[256];
	time_t swept = monotonic_s();
	for (;;) {
		int n = epoll_wait(epoll_fd, events, 256, 1000);
		if (n < 0 && errno != EINTR) {
			fprintf(stderr, "httpd: epoll_wait: %s\n", strerror(errno));
			return 1;
		}
		now = monotonic_s();
		for (int i = 0; i < n; i++) {
			if (events[i].data.ptr)
				on_event(events[i].data.ptr);
			else
				accept_all();
		}
		if (now != swept) {
			sweep();
			swept = now;
		}
		if (end_after && ended >= end_after)
			return 0;
	}
}
