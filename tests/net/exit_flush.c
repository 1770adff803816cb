/* What a program writes to a TCP connection just before it exits must
 * arrive: the image ends with the program, so the kernel's exit waits for
 * the peer's acknowledgements (runtime/kernel/net/drain.c).
 *   exit_flush send HOST PORT BYTES write|writev [close]   connects, writes, exits at once
 *   exit_flush recv PORT    one connection: checks the stream, prints "BYTES intact"
 *   exit_flush hold PORT    one connection, a tiny receive buffer, never read
 * writev sends each chunk as three pieces of different sizes. */
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHUNK 65536

/* The stream's byte at offset i. */
static unsigned char pattern(unsigned long long i)
{
	return (unsigned char)(i * 131 + (i >> 12));
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int send_mode(const char *host, const char *port, long long n, int vectored, int do_close)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICHOST }, *ai;
	static unsigned char buf[CHUNK];
	if (getaddrinfo(host, port, &hints, &ai) != 0)
		die("getaddrinfo");
	int fd = socket(ai->ai_family, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) < 0)
		die("connect");
	for (long long off = 0; off < n;) {
		size_t k = n - off < CHUNK ? (size_t)(n - off) : CHUNK;
		for (size_t i = 0; i < k; i++)
			buf[i] = pattern((unsigned long long)off + i);
		ssize_t w;
		if (vectored) {
			size_t a = k / 7, b = k / 3;
			struct iovec v[3] = { { buf, a }, { buf + a, b }, { buf + a + b, k - a - b } };
			w = writev(fd, v, 3);
		} else {
			w = write(fd, buf, k);
		}
		if (w <= 0)
			die("write");
		off += w;   /* a short write: the rest is regenerated next round */
	}
	if (do_close)
		close(fd);
	exit(0);    /* at once: nothing waits for the data here */
}

static int accept_one(const char *port, int rcvbuf)
{
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(port)) };
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (rcvbuf)     /* before listen: accepted sockets inherit it */
		setsockopt(l, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 1) < 0)
		die("listen");
	printf("up\n");
	fflush(stdout);
	int c = accept(l, NULL, NULL);
	if (c < 0)
		die("accept");
	return c;
}

static int recv_mode(const char *port)
{
	static unsigned char buf[CHUNK];
	/* A small window: the sender's last data is still queued in the image,
	 * not yet sent, when the program exits. */
	int c = accept_one(port, 16384);
	unsigned long long total = 0;
	for (;;) {
		ssize_t r = read(c, buf, sizeof buf);
		if (r < 0)
			die("read");
		if (r == 0)
			break;
		for (ssize_t i = 0; i < r; i++)
			if (buf[i] != pattern(total + (unsigned long long)i)) {
				printf("differs at byte %llu\n", total + (unsigned long long)i);
				return 1;
			}
		total += (unsigned long long)r;
	}
	printf("%llu intact\n", total);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 6 && strcmp(argv[1], "send") == 0)
		return send_mode(argv[2], argv[3], atoll(argv[4]), strcmp(argv[5], "writev") == 0,
				 argc > 6 && strcmp(argv[6], "close") == 0);
	if (argc == 3 && strcmp(argv[1], "recv") == 0)
		return recv_mode(argv[2]);
	if (argc == 3 && strcmp(argv[1], "hold") == 0) {
		accept_one(argv[2], 4096);
		for (;;)
			pause();
	}
	fprintf(stderr, "usage: exit_flush send HOST PORT BYTES write|writev [close] | recv PORT | hold PORT\n");
	return 2;
}
