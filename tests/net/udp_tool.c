/* Both ends of the UDP test, for the image and (built with the host's gcc)
 * for the host:
 *
 *   serve PORT          [::]:PORT (IPv4 too): print "up", send every
 *                       datagram back to its sender until one says "quit"
 *   client HOST PORT    datagrams of many sizes (0 to 65507 bytes) one at a
 *                       time, then a burst of 40: each must come back whole
 *                       and as one datagram; prints a summary
 *   quit HOST PORT      tells a server to stop */
#define _GNU_SOURCE
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static unsigned char out[65536], in[65536 + 1];

static void die(const char *what)
{
	fprintf(stderr, "udp_tool: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 31 + seed * 7 + (i >> 8));
}

static int serve(int port)
{
	int fd = socket(AF_INET6, SOCK_DGRAM, 0);
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons((unsigned short)port) };
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0)
		die("bind");
	printf("up\n");
	fflush(stdout);
	for (;;) {
		struct sockaddr_storage from;
		socklen_t fl = sizeof from;
		ssize_t n = recvfrom(fd, in, sizeof in, 0, (struct sockaddr *)&from, &fl);
		if (n < 0)
			die("recvfrom");
		if (n == 4 && memcmp(in, "quit", 4) == 0)
			break;
		if (sendto(fd, in, (size_t)n, 0, (struct sockaddr *)&from, fl) != n)
			die("sendto");
	}
	close(fd);
	return 0;
}

static int dial(const char *host, const char *port)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM, .ai_flags = AI_NUMERICHOST }, *ai;
	if (getaddrinfo(host, port, &hints, &ai) != 0) {
		fprintf(stderr, "udp_tool: bad address %s\n", host);
		exit(2);
	}
	int fd = socket(ai->ai_family, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) < 0)
		die("connect");
	freeaddrinfo(ai);
	struct timeval tv = { 2, 0 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	return fd;
}

/* One datagram there and back; a lost one is sent again (twice at most). */
static int round_trip(int fd, size_t size, unsigned seed)
{
	fill(out, size, seed);
	for (int attempt = 0; attempt < 3; attempt++) {
		if (send(fd, out, size, 0) != (ssize_t)size)
			die("send");
		ssize_t n = recv(fd, in, sizeof in, 0);
		if (n < 0 && errno == EAGAIN)
			continue;
		if (n < 0)
			die("recv");
		return (size_t)n == size && memcmp(in, out, size) == 0;
	}
	return 0;
}

static int client(const char *host, const char *port)
{
	/* The largest: what IPv4 carries; over IPv6 what fits lwIP's 16-bit
	 * packet length with the header (docs/sockets.md). */
	size_t sizes[] = { 0, 1, 2, 100, 548, 1024, 1472, 1473, 1500, 3000, 8000, 16384, 32768, 50000,
			   strchr(host, ':') ? 65487 : 65507 };
	int fd = dial(host, port), ok = 0, n = (int)(sizeof sizes / sizeof sizes[0]);
	for (int i = 0; i < n; i++) {
		if (round_trip(fd, sizes[i], (unsigned)i))
			ok++;
		else
			printf("size %zu: wrong or lost\n", sizes[i]);
	}
	printf("single: %d of %d sizes came back whole\n", ok, n);

	/* A burst: every datagram keeps its own boundary. */
	enum { BURST = 40 };
	for (unsigned i = 0; i < BURST; i++) {
		fill(out, 100 + i * 37, i);
		if (send(fd, out, 100 + i * 37, 0) < 0)
			die("burst send");
	}
	int whole = 0, got = 0;
	for (; got < BURST; got++) {
		ssize_t r = recv(fd, in, sizeof in, 0);
		if (r < 0)
			break;
		unsigned i = (unsigned)(r - 100) / 37;
		fill(out, (size_t)r, i);
		if ((r - 100) % 37 == 0 && i < BURST && memcmp(in, out, (size_t)r) == 0)
			whole++;
	}
	printf("burst: %d of %d back, %d whole\n", got, BURST, whole);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "serve") == 0)
		return serve(atoi(argv[2]));
	if (argc == 4 && strcmp(argv[1], "client") == 0)
		return client(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "send") == 0) {   /* one datagram of SIZE bytes */
		static char big[65536];
		int fd = dial(argv[2], argv[3]);
		size_t size = (size_t)atoi(argv[4]);
		return size <= sizeof big && send(fd, big, size, 0) == (ssize_t)size ? 0 : 1;
	}
	if (argc == 4 && strcmp(argv[1], "quit") == 0) {
		int fd = dial(argv[2], argv[3]);
		return send(fd, "quit", 4, 0) == 4 ? 0 : 1;
	}
	fprintf(stderr, "usage: see the comment at the top of udp_tool.c\n");
	return 2;
}
