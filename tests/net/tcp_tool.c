/* Both ends of the TCP tests: built for the image, and with the host's gcc
 * for the host side. Byte streams come from a seeded generator and are
 * checked by a hash, so any side can tell a stream arrived whole.
 *
 *   serve PORT COUNT          listen on [::]:PORT (IPv4 too), print "up",
 *                             serve COUNT connections one after another
 *   client HOST PORT echo N   send N bytes, read them back, compare
 *   client HOST PORT sink N   send N bytes; the server answers "N HASH"
 *   client HOST PORT source N [-o]  receive N bytes; print "N HASH"
 *                             (-o: the bytes to stdout instead)
 *   refused HOST PORT         connect where nobody listens: the errno
 *   gen N / hash              the stream to stdout / "N HASH" of stdin
 *
 * A connection starts with one line, "echo", "sink" or "source N"; the
 * server's side of it is served by the same functions the client uses. */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (256 * 1024)

static unsigned char buf[CHUNK];

struct gen {
	uint64_t state;
	uint64_t word;
	unsigned left;          /* bytes of word not handed out */
};

static void gen_init(struct gen *g)
{
	g->state = 0x9e3779b97f4a7c15ULL;
	g->left = 0;
}

static void gen_fill(struct gen *g, unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!g->left) {
			g->state ^= g->state >> 12;
			g->state ^= g->state << 25;
			g->state ^= g->state >> 27;
			g->word = g->state * 0x2545f4914f6cdd1dULL;
			g->left = 8;
		}
		p[i] = (unsigned char)g->word;
		g->word >>= 8;
		g->left--;
	}
}

/* A 64-bit hash of the stream, 8 bytes at a time so it keeps up with the
 * network; a word split across reads is carried over. */
struct hash {
	uint64_t h, w;
	unsigned nw;            /* bytes in w */
};

static void hash_init(struct hash *s)
{
	s->h = 0xcbf29ce484222325ULL;
	s->w = 0;
	s->nw = 0;
}

static void hash_mix(struct hash *s, uint64_t w)
{
	s->h = (s->h ^ w) * 0x100000001b3ULL;
	s->h ^= s->h >> 29;
}

static void hash_update(struct hash *s, const unsigned char *p, size_t n)
{
	while (n && s->nw) {
		s->w |= (uint64_t)*p++ << (8 * s->nw);
		n--;
		if (++s->nw == 8) {
			hash_mix(s, s->w);
			s->w = 0;
			s->nw = 0;
		}
	}
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		hash_mix(s, w);
	}
	for (; n; n--) {
		if (!s->nw)
			s->w = 0;
		s->w |= (uint64_t)*p++ << (8 * s->nw);
		s->nw++;
	}
}

static uint64_t hash_final(struct hash *s)
{
	if (s->nw)
		hash_mix(s, s->w ^ ((uint64_t)s->nw << 56));
	return s->h;
}

static void die(const char *what)
{
	fprintf(stderr, "tcp_tool: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int write_all(int fd, const void *p, size_t n)
{
	const unsigned char *q = p;
	while (n) {
		ssize_t w = write(fd, q, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		q += w;
		n -= (size_t)w;
	}
	return 0;
}

static void send_stream(int fd, long long n)
{
	struct gen g;
	gen_init(&g);
	while (n > 0) {
		size_t k = n < CHUNK ? (size_t)n : CHUNK;
		gen_fill(&g, buf, k);
		if (write_all(fd, buf, k) < 0)
			die("write");
		n -= (long long)k;
	}
}

/* Reads to end of stream; bytes and hash, or the bytes copied to out. */
static long long recv_stream(int fd, uint64_t *hash, int out)
{
	long long total = 0;
	struct hash h;
	hash_init(&h);
	for (;;) {
		ssize_t r = read(fd, buf, CHUNK);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			die("read");
		}
		if (r == 0)
			break;
		if (out >= 0 && write_all(out, buf, (size_t)r) < 0)
			die("write out");
		hash_update(&h, buf, (size_t)r);
		total += r;
	}
	*hash = hash_final(&h);
	return total;
}

static int read_line(int fd, char *line, size_t size)
{
	size_t n = 0;
	while (n + 1 < size) {
		ssize_t r = read(fd, line + n, 1);
		if (r <= 0)
			return -1;
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = 0;
	return 0;
}

static void serve_one(int c)
{
	char line[64], reply[64];
	uint64_t h;
	if (read_line(c, line, sizeof line) < 0)
		die("no command");
	if (strcmp(line, "echo") == 0) {
		for (;;) {
			ssize_t r = read(c, buf, CHUNK);
			if (r < 0)
				die("echo read");
			if (r == 0)
				break;
			if (write_all(c, buf, (size_t)r) < 0)
				die("echo write");
		}
	} else if (strcmp(line, "sink") == 0) {
		long long n = recv_stream(c, &h, -1);
		snprintf(reply, sizeof reply, "%lld %016llx\n", n, (unsigned long long)h);
		write_all(c, reply, strlen(reply));
	} else if (strncmp(line, "source ", 7) == 0) {
		send_stream(c, atoll(line + 7));
		/* A FIN after the data; then wait for the peer's, so the image
		 * never exits with data still on the way. */
		shutdown(c, SHUT_WR);
		recv_stream(c, &h, -1);
	}
	close(c);
}

static int serve(int port, int count)
{
	int l = socket(AF_INET6, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port) };
	if (l < 0)
		die("socket");
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 16) < 0)
		die("bind/listen");
	printf("up\n");
	fflush(stdout);
	for (int i = 0; i < count; i++) {
		int c = accept(l, NULL, NULL);
		if (c < 0)
			die("accept");
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		serve_one(c);
	}
	close(l);
	return 0;
}

static int dial(const char *host, const char *port)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICHOST }, *ai;
	if (getaddrinfo(host, port, &hints, &ai) != 0) {
		fprintf(stderr, "tcp_tool: bad address %s\n", host);
		exit(2);
	}
	int fd = socket(ai->ai_family, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		freeaddrinfo(ai);
		close(fd);
		return -1;
	}
	freeaddrinfo(ai);
	return fd;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int client(const char *host, const char *port, const char *cmd, long long n, int out)
{
	int fd = dial(host, port);
	char line[64];
	uint64_t h;
	if (fd < 0)
		die("connect");
	double t0 = now();
	if (strcmp(cmd, "echo") == 0) {
		/* Alternate writing a piece and reading it back: one thread. */
		struct gen g, check;
		static unsigned char back[65536];
		long long done = 0;
		gen_init(&g);
		gen_init(&check);
		write_all(fd, "echo\n", 5);
		while (done < n) {
			size_t k = n - done < (long long)sizeof back ? (size_t)(n - done) : sizeof back;
			gen_fill(&g, buf, k);
			if (write_all(fd, buf, k) < 0)
				die("write");
			for (size_t got = 0; got < k;) {
				ssize_t r = read(fd, back + got, k - got);
				if (r <= 0)
					die("echo read");
				got += (size_t)r;
			}
			gen_fill(&check, buf, k);
			if (memcmp(buf, back, k) != 0) {
				printf("echo: data differs after %lld bytes\n", done);
				return 1;
			}
			done += (long long)k;
		}
		shutdown(fd, SHUT_WR);
		if (read(fd, back, 1) != 0)
			die("echo: no end of stream");
		printf("echo %lld ok\n", n);
	} else if (strcmp(cmd, "sink") == 0) {
		write_all(fd, "sink\n", 5);
		send_stream(fd, n);
		shutdown(fd, SHUT_WR);
		if (read_line(fd, line, sizeof line) < 0)
			die("no answer");
		double t = now() - t0;
		printf("%s\n", line);
		fprintf(stderr, "sent %lld bytes in %.3f s: %.1f MB/s\n", n, t, (double)n / t / 1e6);
	} else if (strcmp(cmd, "source") == 0) {
		snprintf(line, sizeof line, "source %lld\n", n);
		write_all(fd, line, strlen(line));
		long long got = recv_stream(fd, &h, out);
		double t = now() - t0;
		if (out < 0)
			printf("%lld %016llx\n", got, (unsigned long long)h);
		fprintf(stderr, "received %lld bytes in %.3f s: %.1f MB/s\n", got, t, (double)got / t / 1e6);
	} else {
		fprintf(stderr, "tcp_tool: unknown command %s\n", cmd);
		return 2;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t h;
	if (argc >= 3 && strcmp(argv[1], "serve") == 0)
		return serve(atoi(argv[2]), argc > 3 ? atoi(argv[3]) : 1);
	if (argc >= 5 && strcmp(argv[1], "client") == 0)
		return client(argv[2], argv[3], argv[4], argc > 5 ? atoll(argv[5]) : 0,
			      argc > 6 && strcmp(argv[6], "-o") == 0 ? 1 : -1);
	if (argc == 4 && strcmp(argv[1], "refused") == 0) {
		int fd = dial(argv[2], argv[3]);
		printf("%s\n", fd >= 0 ? "connected" : errno == ECONNREFUSED ? "ECONNREFUSED" : strerror(errno));
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "gen") == 0) {
		send_stream(1, atoll(argv[2]));
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "hash") == 0) {
		long long n = recv_stream(0, &h, -1);
		printf("%lld %016llx\n", n, (unsigned long long)h);
		return 0;
	}
	fprintf(stderr, "usage: see the comment at the top of tcp_tool.c\n");
	return 2;
}
