/* Sockets inside one program over loopback (127.0.0.1, ::1): TCP and UDP,
 * blocking and non-blocking, the errnos, options and readiness Linux
 * gives. One thread, so connections are driven with non-blocking calls and
 * poll. Prints what it sees: dev mode (Linux) and the image must agree. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static const char *en(int e)
{
	static char buf[32];
	switch (e) {
	case 0: return "ok";
	case EAGAIN: return "EAGAIN";
	case EINPROGRESS: return "EINPROGRESS";
	case EALREADY: return "EALREADY";
	case EISCONN: return "EISCONN";
	case ENOTCONN: return "ENOTCONN";
	case ECONNREFUSED: return "ECONNREFUSED";
	case ECONNRESET: return "ECONNRESET";
	case EPIPE: return "EPIPE";
	case EADDRINUSE: return "EADDRINUSE";
	case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
	case EINVAL: return "EINVAL";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EDESTADDRREQ: return "EDESTADDRREQ";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case ENOTSOCK: return "ENOTSOCK";
	case EBADF: return "EBADF";
	case ENOPROTOOPT: return "ENOPROTOOPT";
	case ENETUNREACH: return "ENETUNREACH";
	case EMSGSIZE: return "EMSGSIZE";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	}
	snprintf(buf, sizeof buf, "errno %d", e);
	return buf;
}

/* "ok" or the errno of a call that returned r. */
static const char *res(long r)
{
	return en(r < 0 ? errno : 0);
}

static long long ms_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void die(const char *what)
{
	printf("FATAL %s: %s\n", what, en(errno));
	exit(1);
}

static struct sockaddr_in v4(const char *ip, int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static struct sockaddr_in6 v6(const char *ip, int port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
	inet_pton(AF_INET6, ip, &a.sin6_addr);
	return a;
}

static int port_of(int fd)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof a;
	if (getsockname(fd, (struct sockaddr *)&a, &len) < 0)
		die("getsockname");
	return ntohs(a.ss_family == AF_INET ? ((struct sockaddr_in *)&a)->sin_port
					    : ((struct sockaddr_in6 *)&a)->sin6_port);
}

static const char *addr_text(const struct sockaddr_storage *a)
{
	static char buf[64];
	if (a->ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)a)->sin_addr, buf, sizeof buf);
	else if (a->ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)a)->sin6_addr, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "family %d", a->ss_family);
	return buf;
}

static int wait_for(int fd, short events, int ms)
{
	struct pollfd p = { fd, events, 0 };
	int r = poll(&p, 1, ms);
	return r <= 0 ? 0 : p.revents;
}

/* A listener on addr and a connected pair through it, the client
 * non-blocking for the handshake. */
static int listener(int family, const struct sockaddr *addr, socklen_t len)
{
	int l = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (l < 0)
		die("socket");
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(l, addr, len) < 0 || listen(l, 8) < 0)
		die("bind/listen");
	return l;
}

static void pair(int l, int family, struct sockaddr *to, socklen_t len, int *c, int *s)
{
	*c = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (connect(*c, to, len) == 0 || errno != EINPROGRESS)
		die("non-blocking connect");
	if (!(wait_for(*c, POLLOUT, 5000) & POLLOUT))
		die("connect never completed");
	*s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	if (*s < 0)
		die("accept");
	int fl = fcntl(*c, F_GETFL);
	fcntl(*c, F_SETFL, fl & ~O_NONBLOCK);
}

static void tcp_basics(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 0);
	int l = listener(AF_INET, (struct sockaddr *)&a, sizeof a);
	int port = port_of(l);
	printf("tcp: listener has a port: %s\n", port ? "yes" : "no");
	int v;
	socklen_t vl = sizeof v;
	getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &vl);
	printf("tcp: SO_ACCEPTCONN %d\n", v);

	/* Nothing waiting: a non-blocking accept is EAGAIN, poll sees nothing. */
	int fl = fcntl(l, F_GETFL);
	fcntl(l, F_SETFL, fl | O_NONBLOCK);
	printf("tcp: accept with none pending: %s\n", res(accept(l, NULL, NULL)));
	printf("tcp: listener poll before a connection: %#x\n", wait_for(l, POLLIN, 0));

	struct sockaddr_in to = v4("127.0.0.1", port);
	int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	printf("tcp: non-blocking connect: %s\n", res(connect(c, (struct sockaddr *)&to, sizeof to)));
	printf("tcp: connect completes (POLLOUT): %#x\n", wait_for(c, POLLOUT, 5000));
	vl = sizeof v;
	getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &vl);
	printf("tcp: SO_ERROR %s\n", en(v));
	/* The first connect(2) after completion says so, the next refuses. */
	printf("tcp: connect once more: %s", res(connect(c, (struct sockaddr *)&to, sizeof to)));
	printf(", then %s\n", res(connect(c, (struct sockaddr *)&to, sizeof to)));
	printf("tcp: listener poll with one pending: %#x\n", wait_for(l, POLLIN, 5000));

	struct sockaddr_storage peer, local;
	socklen_t pl = sizeof peer, ll = sizeof local;
	int s = accept4(l, (struct sockaddr *)&peer, &pl, SOCK_NONBLOCK);
	printf("tcp: accept4: %s, address length %u, from %s\n", res(s), pl, addr_text(&peer));
	getsockname(c, (struct sockaddr *)&local, &ll);
	printf("tcp: accept's peer is the client's name: %s\n",
	       pl == ll && memcmp(&peer, &local, pl) == 0 ? "yes" : "no");
	pl = sizeof peer;
	getpeername(s, (struct sockaddr *)&peer, &pl);
	printf("tcp: getpeername on the server side matches: %s\n",
	       memcmp(&peer, &local, pl) == 0 ? "yes" : "no");
	printf("tcp: accepted socket is non-blocking (SOCK_NONBLOCK): %s\n",
	       fcntl(s, F_GETFL) & O_NONBLOCK ? "yes" : "no");
	printf("tcp: accepted socket is close-on-exec: %s\n", fcntl(s, F_GETFD) & FD_CLOEXEC ? "yes" : "no");

	/* A cut address: the length says what it would have been. */
	struct sockaddr_in small;
	socklen_t sl = 4;
	memset(&small, 0, sizeof small);
	getsockname(s, (struct sockaddr *)&small, &sl);
	printf("tcp: getsockname into 4 bytes: length %u, family %d, port cut %s\n", sl, small.sin_family,
	       small.sin_addr.s_addr == 0 ? "yes" : "no");

	char buf[256];
	printf("tcp: recv with nothing there: %s\n", res(recv(s, buf, sizeof buf, 0)));
	printf("tcp: recv MSG_DONTWAIT on a blocking socket: %s\n", res(recv(c, buf, sizeof buf, MSG_DONTWAIT)));

	/* Data both ways; sendmsg gathers, recv peeks, FIONREAD counts. */
	struct iovec iov[3] = { { "hello", 5 }, { ", ", 2 }, { "world", 5 } };
	struct msghdr sm = { .msg_iov = iov, .msg_iovlen = 3 };
	printf("tcp: sendmsg %zd\n", sendmsg(c, &sm, 0));
	int n = 0;
	for (int i = 0; i < 100 && n < 12; i++) {
		wait_for(s, POLLIN, 5000);
		usleep(10000);
		ioctl(s, FIONREAD, &n);
	}
	printf("tcp: FIONREAD %d\n", n);
	ssize_t r = recv(s, buf, 5, MSG_PEEK);
	printf("tcp: MSG_PEEK %zd '%.*s'\n", r, (int)r, buf);
	r = read(s, buf, 7);
	printf("tcp: read %zd '%.*s'\n", r, (int)r, buf);
	char a1[3], a2[16];
	struct iovec riov[2] = { { a1, 3 }, { a2, sizeof a2 } };
	struct msghdr m = { .msg_iov = riov, .msg_iovlen = 2 };
	r = recvmsg(s, &m, 0);
	printf("tcp: recvmsg %zd '%.3s' '%.*s' flags %#x\n", r, a1, (int)(r - 3), a2, m.msg_flags);
	/* writev: the same bytes (each piece may leave on its own). */
	printf("tcp: writev %zd", writev(c, iov, 3));
	for (r = 0; r < 12;) {
		if (!(wait_for(s, POLLIN, 5000) & POLLIN))
			break;
		ssize_t k = read(s, buf + r, sizeof buf - r);
		if (k <= 0)
			break;
		r += k;
	}
	printf(", read back '%.*s'\n", (int)r, buf);
	printf("tcp: send %zd\n", send(s, "pong", 4, MSG_NOSIGNAL));
	wait_for(c, POLLIN, 5000);
	usleep(20000);
	struct sockaddr_in from;
	socklen_t fl2 = sizeof from;
	r = recvfrom(c, buf, sizeof buf, MSG_WAITALL, (struct sockaddr *)&from, &fl2);
	printf("tcp: recvfrom MSG_WAITALL... got %zd, address length %u\n", r > 0 ? r : -1, fl2);

	/* Half close: the reader sees the data, then end of stream, and can
	 * still answer. */
	send(c, "last", 4, 0);
	printf("tcp: shutdown(SHUT_WR): %s\n", res(shutdown(c, SHUT_WR)));
	printf("tcp: send after SHUT_WR: %s\n", res(send(c, "x", 1, MSG_NOSIGNAL)));
	wait_for(s, POLLIN, 5000);
	usleep(20000);
	r = recv(s, buf, sizeof buf, 0);
	printf("tcp: server reads %zd, then %zd\n", r, recv(s, buf, sizeof buf, 0));
	printf("tcp: server poll after the FIN: %#x\n", wait_for(s, POLLIN | POLLOUT | POLLRDHUP, 0));
	send(s, "bye", 3, 0);
	close(s);
	wait_for(c, POLLIN, 5000);
	usleep(20000);
	r = recv(c, buf, sizeof buf, MSG_WAITALL);
	printf("tcp: client reads '%.*s' then end of stream: %zd\n", (int)(r > 0 ? r : 0), buf,
	       recv(c, buf, sizeof buf, 0));
	close(c);
	close(l);
}

/* Errors Linux gives for calls in the wrong state. */
static void tcp_errors(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 0);
	int t = socket(AF_INET, SOCK_STREAM, 0);
	char c = 0;
	int v;
	socklen_t vl = sizeof v;
	printf("err: recv unconnected: %s\n", res(recv(t, &c, 1, 0)));
	printf("err: send unconnected: %s\n", res(send(t, &c, 1, MSG_NOSIGNAL)));
	printf("err: getpeername unconnected: %s\n", res(getpeername(t, (struct sockaddr *)&a, &vl)));
	printf("err: shutdown unconnected: %s\n", res(shutdown(t, SHUT_RDWR)));
	printf("err: shutdown how=7: %s\n", res(shutdown(t, 7)));
	printf("err: accept not listening: %s\n", res(accept(t, NULL, NULL)));
	printf("err: new socket poll: %#x\n", wait_for(t, POLLIN | POLLOUT, 0));
	printf("err: bind short address: %s\n", res(bind(t, (struct sockaddr *)&a, 8)));
	struct sockaddr_in6 six = v6("::1", 0);
	printf("err: bind IPv6 address to IPv4 socket: %s\n",
	       res(bind(t, (struct sockaddr *)&six, sizeof six)));
	struct sockaddr_in foreign = v4("192.0.2.1", 0);
	printf("err: bind an address not here: %s\n", res(bind(t, (struct sockaddr *)&foreign, sizeof foreign)));
	printf("err: bind: %s\n", res(bind(t, (struct sockaddr *)&a, sizeof a)));
	printf("err: bind again: %s\n", res(bind(t, (struct sockaddr *)&a, sizeof a)));
	int port = port_of(t);
	int u = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in same = v4("127.0.0.1", port);
	printf("err: bind a port in use: %s\n", res(bind(u, (struct sockaddr *)&same, sizeof same)));
	/* Nobody listens on t's port: refused, blocking and non-blocking. */
	printf("err: connect to a closed port: %s\n", res(connect(u, (struct sockaddr *)&same, sizeof same)));
	printf("err: connect after refusal: %s\n", res(connect(u, (struct sockaddr *)&same, sizeof same)));
	close(u);
	u = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	printf("err: non-blocking connect to a closed port: %s\n",
	       res(connect(u, (struct sockaddr *)&same, sizeof same)));
	int ev = wait_for(u, POLLIN | POLLOUT, 5000);
	printf("err: its poll: %s%s%s\n", ev & POLLOUT ? "OUT " : "", ev & POLLERR ? "ERR " : "",
	       ev & POLLHUP ? "HUP" : "");
	vl = sizeof v;
	getsockopt(u, SOL_SOCKET, SO_ERROR, &v, &vl);
	printf("err: SO_ERROR %s, then ", en(v));
	vl = sizeof v;
	getsockopt(u, SOL_SOCKET, SO_ERROR, &v, &vl);
	printf("%s\n", en(v));
	close(u);
	close(t);

	printf("err: socket(AF_INET, SOCK_STREAM, IPPROTO_UDP): %s\n",
	       res(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)));
	printf("err: getsockopt on a file: %s\n", res(getsockopt(0, SOL_SOCKET, SO_TYPE, &v, &vl)));
	printf("err: bind on a closed fd: %s\n", res(bind(999, (struct sockaddr *)&a, sizeof a)));

	/* SO_RCVTIMEO: EAGAIN after the time, not before. */
	struct sockaddr_in any = v4("127.0.0.1", 0);
	int l = listener(AF_INET, (struct sockaddr *)&any, sizeof any);
	struct sockaddr_in to = v4("127.0.0.1", port_of(l));
	int cl, sv;
	pair(l, AF_INET, (struct sockaddr *)&to, sizeof to, &cl, &sv);
	struct timeval tv = { 0, 150000 };
	setsockopt(cl, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	long long t0 = ms_now();
	ssize_t r = recv(cl, &c, 1, 0);
	long long took = ms_now() - t0;
	printf("err: recv with SO_RCVTIMEO 150 ms: %s, after >= 150 ms: %s\n", res(r), took >= 150 ? "yes" : "no");
	struct timeval back;
	socklen_t bl = sizeof back;
	getsockopt(cl, SOL_SOCKET, SO_RCVTIMEO, &back, &bl);
	/* Linux rounds to its clock ticks. */
	printf("err: SO_RCVTIMEO reads back about 0.15 s: %s\n",
	       back.tv_sec == 0 && back.tv_usec >= 150000 && back.tv_usec < 160000 ? "yes" : "no");
	fcntl(l, F_SETFL, O_NONBLOCK);
	setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

	/* Unread data at close: a reset, not a FIN. */
	send(cl, "unread", 6, 0);
	wait_for(sv, POLLIN, 5000);
	usleep(20000);
	close(sv);
	ev = wait_for(cl, POLLIN, 5000);
	r = recv(cl, &c, 1, 0);
	printf("err: closing with unread data resets the peer: %s, then %zd\n", res(r), recv(cl, &c, 1, 0));
	printf("err: send after the reset: %s\n", res(send(cl, "x", 1, MSG_NOSIGNAL)));
	close(cl);

	/* SO_LINGER 0: a reset too. */
	pair(l, AF_INET, (struct sockaddr *)&to, sizeof to, &cl, &sv);
	struct linger lg = { 1, 0 };
	setsockopt(sv, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	close(sv);
	wait_for(cl, POLLIN, 5000);
	printf("err: SO_LINGER 0 resets the peer: %s\n", res(recv(cl, &c, 1, 0)));
	close(cl);
	close(l);
}

static void tcp_options(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0), v, r;
	socklen_t vl = sizeof v;
	int one = 1;
	getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &vl);
	printf("opt: SO_TYPE %d", v);
	getsockopt(t, SOL_SOCKET, SO_DOMAIN, &v, &vl);
	printf(", SO_DOMAIN %d", v);
	getsockopt(t, SOL_SOCKET, SO_PROTOCOL, &v, &vl);
	printf(", SO_PROTOCOL %d\n", v);
	r = getsockopt(t, IPPROTO_TCP, TCP_NODELAY, &v, &vl);
	printf("opt: TCP_NODELAY %s %d", res(r), v);
	setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	getsockopt(t, IPPROTO_TCP, TCP_NODELAY, &v, &vl);
	printf(" -> %d\n", v);
	setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
	getsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &v, &vl);
	printf("opt: SO_KEEPALIVE %d\n", v);
	setsockopt(t, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
	getsockopt(t, SOL_SOCKET, SO_REUSEPORT, &v, &vl);
	printf("opt: SO_REUSEPORT %d\n", v);
	int k = 30;
	printf("opt: TCP_KEEPIDLE set %s", res(setsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE, &k, sizeof k)));
	getsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE, &v, &vl);
	printf(" -> %d; 0: %s\n", v, res(setsockopt(t, IPPROTO_TCP, TCP_KEEPIDLE, &(int){ 0 }, sizeof k)));
	struct linger lg = { 1, 5 }, lb;
	socklen_t ll = sizeof lb;
	setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	getsockopt(t, SOL_SOCKET, SO_LINGER, &lb, &ll);
	printf("opt: SO_LINGER %d %d (len %u)\n", lb.l_onoff, lb.l_linger, ll);
	int sz = 65536;
	setsockopt(t, SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
	getsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, &vl);
	printf("opt: SO_RCVBUF 65536 reads back %d\n", v);
	setsockopt(t, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
	getsockopt(t, SOL_SOCKET, SO_SNDBUF, &v, &vl);
	printf("opt: SO_SNDBUF 65536 reads back %d\n", v);
	printf("opt: unknown option: %s\n", res(setsockopt(t, SOL_SOCKET, 9999, &one, sizeof one)));
	printf("opt: short value: %s\n", res(setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one, 2)));
	printf("opt: IPV6_V6ONLY on IPv4: %s\n", res(setsockopt(t, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one)));
	char ch = 0;
	socklen_t cl = 1;
	r = getsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &ch, &cl);
	printf("opt: SO_KEEPALIVE into one byte: %s len %u value %d\n", res(r), cl, ch);
	int nb = 1;
	ioctl(t, FIONBIO, &nb);
	printf("opt: FIONBIO sets O_NONBLOCK: %s\n", fcntl(t, F_GETFL) & O_NONBLOCK ? "yes" : "no");
	close(t);

	int u = socket(AF_INET6, SOCK_DGRAM, 0);
	vl = sizeof v;
	getsockopt(u, IPPROTO_IPV6, IPV6_V6ONLY, &v, &vl);
	printf("opt: IPV6_V6ONLY default %d", v);
	setsockopt(u, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	getsockopt(u, IPPROTO_IPV6, IPV6_V6ONLY, &v, &vl);
	printf(" -> %d\n", v);
	getsockopt(u, SOL_SOCKET, SO_TYPE, &v, &vl);
	printf("opt: UDP SO_TYPE %d", v);
	getsockopt(u, SOL_SOCKET, SO_DOMAIN, &v, &vl);
	printf(", SO_DOMAIN %d", v);
	getsockopt(u, SOL_SOCKET, SO_PROTOCOL, &v, &vl);
	printf(", SO_PROTOCOL %d\n", v);
	printf("opt: TCP_NODELAY on UDP: %s\n", res(setsockopt(u, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one)));
	close(u);
}

static void udp(int family, const char *loop)
{
	struct sockaddr_storage a;
	socklen_t alen;
	if (family == AF_INET) {
		*(struct sockaddr_in *)&a = v4(loop, 0);
		alen = sizeof(struct sockaddr_in);
	} else {
		*(struct sockaddr_in6 *)&a = v6(loop, 0);
		alen = sizeof(struct sockaddr_in6);
	}
	const char *tag = family == AF_INET ? "udp4" : "udp6";
	int r = socket(family, SOCK_DGRAM, 0), s = socket(family, SOCK_DGRAM, 0);
	char buf[2048];
	if (bind(r, (struct sockaddr *)&a, alen) < 0)
		die("udp bind");
	int rport = port_of(r);
	struct sockaddr_storage to = a;
	((struct sockaddr_in *)&to)->sin_port = htons(rport);   /* same offset in both */

	printf("%s: send without an address: %s\n", tag, res(send(s, "x", 1, 0)));
	printf("%s: recv nothing, non-blocking: %s\n", tag, res(recv(r, buf, sizeof buf, MSG_DONTWAIT)));
	printf("%s: poll empty: %#x\n", tag, wait_for(r, POLLIN | POLLOUT, 0));
	ssize_t w1 = sendto(s, "one", 3, 0, (struct sockaddr *)&to, alen);
	ssize_t w2 = sendto(s, "", 0, 0, (struct sockaddr *)&to, alen);
	ssize_t w3 = sendto(s, "three33", 7, 0, (struct sockaddr *)&to, alen);
	printf("%s: sendto three datagrams: %zd %zd %zd\n", tag, w1, w2, w3);
	printf("%s: poll: %#x\n", tag, wait_for(r, POLLIN, 5000));
	int n = -1;
	ioctl(r, FIONREAD, &n);
	printf("%s: FIONREAD (first datagram) %d\n", tag, n);
	struct sockaddr_storage from;
	socklen_t fl = sizeof from;
	ssize_t got = recvfrom(r, buf, sizeof buf, MSG_PEEK, (struct sockaddr *)&from, &fl);
	printf("%s: MSG_PEEK %zd '%.*s', from the sender's port: %s, length %u\n", tag, got, (int)got, buf,
	       ntohs(((struct sockaddr_in *)&from)->sin_port) == port_of(s) ? "yes" : "no", fl);
	got = recv(r, buf, sizeof buf, 0);
	printf("%s: recv %zd '%.*s'\n", tag, got, (int)got, buf);
	got = recv(r, buf, sizeof buf, 0);
	printf("%s: empty datagram: %zd\n", tag, got);
	got = recvfrom(r, buf, sizeof buf, MSG_PEEK, (struct sockaddr *)&from, &fl);
	printf("%s: next %zd '%.*s'\n", tag, got, (int)got, buf);
	struct iovec iov = { buf, 3 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	got = recvmsg(r, &m, MSG_PEEK);
	printf("%s: recvmsg into 3 bytes: %zd, MSG_TRUNC set: %s\n", tag, got, m.msg_flags & MSG_TRUNC ? "yes" : "no");
	got = recv(r, buf, 3, MSG_TRUNC);
	printf("%s: recv MSG_TRUNC into 3 bytes returns the real length: %zd\n", tag, got);
	printf("%s: the rest of a cut datagram is gone: %s\n", tag, res(recv(r, buf, sizeof buf, MSG_DONTWAIT)));

	/* Connected: send without an address, getpeername. */
	printf("%s: connect: %s\n", tag, res(connect(s, (struct sockaddr *)&to, alen)));
	struct sockaddr_storage peer;
	socklen_t pl = sizeof peer;
	getpeername(s, (struct sockaddr *)&peer, &pl);
	printf("%s: getpeername is the receiver: %s\n", tag,
	       pl == alen && memcmp(&peer, &to, alen) == 0 ? "yes" : "no");
	struct sockaddr_storage me;
	socklen_t ml = sizeof me;
	getsockname(s, (struct sockaddr *)&me, &ml);
	printf("%s: getsockname of the connected sender: %s\n", tag, addr_text(&me));
	struct iovec two[2] = { { "ab", 2 }, { "cd", 2 } };
	struct msghdr sm = { .msg_iov = two, .msg_iovlen = 2 };
	ssize_t sent = send(s, "conn", 4, 0);
	printf("%s: send %zd, sendmsg of two pieces %zd\n", tag, sent, sendmsg(s, &sm, 0));
	wait_for(r, POLLIN, 5000);
	usleep(20000);
	got = recv(r, buf, sizeof buf, 0);
	printf("%s: recv '%.*s'", tag, (int)got, buf);
	got = recv(r, buf, sizeof buf, 0);
	printf(", '%.*s' (one datagram)\n", (int)got, buf);
	/* A large datagram, fragmented by IP on the way. */
	static char big[60000];
	memset(big, 'z', sizeof big);
	printf("%s: 60000-byte datagram: %zd", tag, send(s, big, sizeof big, 0));
	wait_for(r, POLLIN, 5000);
	static char bigin[65536];
	printf(" received %zd\n", recv(r, bigin, sizeof bigin, 0));
	printf("%s: 70000 bytes: %s\n", tag, res(send(s, bigin, 70000, 0)));
	struct sockaddr_in unspec = { .sin_family = AF_UNSPEC };
	printf("%s: connect AF_UNSPEC: %s", tag, res(connect(s, (struct sockaddr *)&unspec, sizeof unspec)));
	printf(", getpeername then: %s\n", res(getpeername(s, (struct sockaddr *)&peer, &pl)));
	printf("%s: listen: %s\n", tag, res(listen(r, 1)));
	close(s);
	close(r);
}

/* IPv6 TCP over ::1, and a dual-stack listener that takes IPv4 too. */
static void ipv6(void)
{
	struct sockaddr_in6 any = v6("::", 0);
	int l = listener(AF_INET6, (struct sockaddr *)&any, sizeof any);
	int port = port_of(l);
	struct sockaddr_in6 to6 = v6("::1", port);
	int c, s;
	pair(l, AF_INET6, (struct sockaddr *)&to6, sizeof to6, &c, &s);
	struct sockaddr_storage p;
	socklen_t pl = sizeof p;
	getpeername(s, (struct sockaddr *)&p, &pl);
	printf("ipv6: peer over ::1: %s (length %u)\n", addr_text(&p), pl);
	send(c, "six", 3, 0);
	char buf[16];
	wait_for(s, POLLIN, 5000);
	ssize_t r = recv(s, buf, sizeof buf, 0);
	printf("ipv6: got %zd '%.*s'\n", r, (int)r, buf);
	close(c);
	close(s);

	struct sockaddr_in to4 = v4("127.0.0.1", port);
	pair(l, AF_INET, (struct sockaddr *)&to4, sizeof to4, &c, &s);
	pl = sizeof p;
	getpeername(s, (struct sockaddr *)&p, &pl);
	printf("ipv6: IPv4 client of a dual-stack listener appears as %s\n", addr_text(&p));
	pl = sizeof p;
	getsockname(s, (struct sockaddr *)&p, &pl);
	printf("ipv6: and the server side is %s\n", addr_text(&p));
	close(c);
	close(s);
	close(l);

	/* IPV6_V6ONLY: IPv4 is refused. */
	int one = 1;
	l = socket(AF_INET6, SOCK_STREAM, 0);
	setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (bind(l, (struct sockaddr *)&any, sizeof any) < 0 || listen(l, 4) < 0)
		die("v6only listener");
	to4.sin_port = htons(port_of(l));
	c = socket(AF_INET, SOCK_STREAM, 0);
	printf("ipv6: IPv4 to a V6ONLY listener: %s\n", res(connect(c, (struct sockaddr *)&to4, sizeof to4)));
	printf("ipv6: IPV6_V6ONLY after bind: %s\n",
	       res(setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one)));
	close(c);
	struct sockaddr_in6 mapped = v6("::ffff:127.0.0.1", port_of(l));
	c = socket(AF_INET6, SOCK_STREAM, 0);
	setsockopt(c, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	printf("ipv6: V6ONLY socket to a v4-mapped address: %s\n",
	       res(connect(c, (struct sockaddr *)&mapped, sizeof mapped)));
	close(c);
	close(l);
}

/* epoll on sockets: a listener, then a connection, edge-triggered. */
static void epoll_sockets(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 0);
	int l = listener(AF_INET, (struct sockaddr *)&a, sizeof a);
	struct sockaddr_in to = v4("127.0.0.1", port_of(l));
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 1 }, out[4];
	printf("epoll: add a listener: %s\n", res(epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev)));
	printf("epoll: nothing yet: %d\n", epoll_wait(ep, out, 4, 0));
	int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, (struct sockaddr *)&to, sizeof to);
	int n = epoll_wait(ep, out, 4, 5000);
	printf("epoll: a connection to accept: %d, data %u, events %#x\n", n, out[0].data.u32, out[0].events);
	int s = accept(l, NULL, NULL);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.u32 = 2;
	epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
	ev.events = EPOLLOUT | EPOLLET;
	ev.data.u32 = 3;
	epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
	n = epoll_wait(ep, out, 4, 5000);
	printf("epoll: the client is writable: %d, data %u, events %#x\n", n, out[0].data.u32, out[0].events);
	printf("epoll: edge-triggered, nothing new: %d\n", epoll_wait(ep, out, 4, 50));
	send(c, "ping", 4, 0);
	n = epoll_wait(ep, out, 4, 5000);
	printf("epoll: data for the server: %d, data %u, events %#x\n", n, out[0].data.u32, out[0].events);
	usleep(20000);
	send(c, "more", 4, 0);
	n = epoll_wait(ep, out, 4, 5000);
	printf("epoll: more data while still readable reports again: %d, data %u\n", n, out[0].data.u32);
	char buf[16];
	usleep(20000);
	printf("epoll: read %zd\n", read(s, buf, sizeof buf));
	close(c);
	n = epoll_wait(ep, out, 4, 5000);
	printf("epoll: the peer closed: %d, data %u, events %#x\n", n, out[0].data.u32, out[0].events);
	close(s);
	close(l);
	close(ep);
}

/* A server restarting on its port while its old connections sit in
 * TIME-WAIT: SO_REUSEADDR lets it bind, as on Linux. */
static void reuse(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 0);
	int l = listener(AF_INET, (struct sockaddr *)&a, sizeof a);
	int port = port_of(l);
	struct sockaddr_in to = v4("127.0.0.1", port);
	char c;
	for (int i = 0; i < 3; i++) {
		int cl, sv;
		pair(l, AF_INET, (struct sockaddr *)&to, sizeof to, &cl, &sv);
		close(sv);                      /* the server closes first: TIME-WAIT there */
		recv(cl, &c, 1, 0);
		close(cl);
	}
	close(l);
	usleep(50000);
	int again = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	printf("reuse: bind the port without SO_REUSEADDR: %s\n", res(bind(again, (struct sockaddr *)&to, sizeof to)));
	close(again);
	again = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(again, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	printf("reuse: with SO_REUSEADDR: %s", res(bind(again, (struct sockaddr *)&to, sizeof to)));
	printf(", listen %s\n", res(listen(again, 4)));
	int cl, sv;
	pair(again, AF_INET, (struct sockaddr *)&to, sizeof to, &cl, &sv);
	printf("reuse: a connection to the new listener: ok\n");
	struct stat st;
	fstat(cl, &st);
	printf("reuse: fstat says socket: %s\n", S_ISSOCK(st.st_mode) ? "yes" : "no");
	close(cl);
	close(sv);
	close(again);
}

/* sendmmsg/recvmmsg move several datagrams in one call. */
static void mmsg(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 0);
	int r = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0);
	bind(r, (struct sockaddr *)&a, sizeof a);
	struct sockaddr_in to = v4("127.0.0.1", port_of(r));
	connect(s, (struct sockaddr *)&to, sizeof to);
	struct iovec iv[3] = { { "a", 1 }, { "bb", 2 }, { "ccc", 3 } };
	struct mmsghdr m[3];
	memset(m, 0, sizeof m);
	for (int i = 0; i < 3; i++) {
		m[i].msg_hdr.msg_iov = &iv[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	printf("mmsg: sendmmsg %d\n", sendmmsg(s, m, 3, 0));
	wait_for(r, POLLIN, 5000);
	usleep(20000);
	char b[3][8];
	struct iovec in[3] = { { b[0], 8 }, { b[1], 8 }, { b[2], 8 } };
	struct sockaddr_in from[3];
	memset(m, 0, sizeof m);
	for (int i = 0; i < 3; i++) {
		m[i].msg_hdr.msg_iov = &in[i];
		m[i].msg_hdr.msg_iovlen = 1;
		m[i].msg_hdr.msg_name = &from[i];
		m[i].msg_hdr.msg_namelen = sizeof from[i];
	}
	int n = recvmmsg(r, m, 3, MSG_DONTWAIT, NULL);
	printf("mmsg: recvmmsg %d:", n);
	for (int i = 0; i < n; i++)
		printf(" '%.*s' (name %u)", (int)m[i].msg_len, b[i], m[i].msg_hdr.msg_namelen);
	printf("\n");
	close(r);
	close(s);
}

/* A bulk transfer over loopback with non-blocking sockets and poll, both
 * directions at once; the byte pattern is checked. */
static void bulk(void)
{
	struct sockaddr_in a = v4("127.0.0.1", 0);
	int l = listener(AF_INET, (struct sockaddr *)&a, sizeof a);
	struct sockaddr_in to = v4("127.0.0.1", port_of(l));
	int c, s;
	pair(l, AF_INET, (struct sockaddr *)&to, sizeof to, &c, &s);
	fcntl(c, F_SETFL, O_NONBLOCK);
	fcntl(s, F_SETFL, O_NONBLOCK);
	const long total = 8 << 20;
	long sent[2] = { 0, 0 }, got[2] = { 0, 0 };
	int fds[2] = { c, s }, bad = 0;
	static unsigned char out[65536], in[65536];
	while (got[0] < total || got[1] < total) {
		struct pollfd p[2] = { { c, POLLIN, 0 }, { s, POLLIN, 0 } };
		for (int i = 0; i < 2; i++)
			if (sent[i] < total)
				p[i].events |= POLLOUT;
		if (poll(p, 2, 5000) <= 0) {
			printf("bulk: stalled at %ld/%ld %ld/%ld\n", sent[0], got[1], sent[1], got[0]);
			break;
		}
		for (int i = 0; i < 2; i++) {
			if ((p[i].revents & POLLOUT) && sent[i] < total) {
				long n = total - sent[i] < (long)sizeof out ? total - sent[i] : (long)sizeof out;
				for (long k = 0; k < n; k++)
					out[k] = (unsigned char)((sent[i] + k) * 7 + i);
				ssize_t w = write(fds[i], out, n);
				if (w > 0)
					sent[i] += w;
				else if (errno != EAGAIN)
					die("bulk write");
			}
			if (p[i].revents & POLLIN) {
				/* fds[i] receives what the other end sent. */
				ssize_t r = read(fds[i], in, sizeof in);
				if (r < 0 && errno != EAGAIN)
					die("bulk read");
				for (long k = 0; k < r; k++)
					if (in[k] != (unsigned char)((got[i] + k) * 7 + (1 - i)))
						bad++;
				if (r > 0)
					got[i] += r;
			}
		}
	}
	printf("bulk: %ld and %ld bytes each way, %d bytes wrong\n", got[1], got[0], bad);
	close(c);
	close(s);
	close(l);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	tcp_basics();
	tcp_errors();
	tcp_options();
	udp(AF_INET, "127.0.0.1");
	udp(AF_INET6, "::1");
	ipv6();
	epoll_sockets();
	reuse();
	mmsg();
	bulk();
	printf("done\n");
	return 0;
}
