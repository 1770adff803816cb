/* The socket object: socket(2), the open-file operations every socket has
 * (read, write, ioctl, fstat, poll, close) and the one way a socket call
 * waits. */
#include "../kernel.h"
#include "../signal.h"
#include "../syscall.h"
#include "../wait.h"
#include "net.h"
#include "socket.h"

#define FIONREAD 0x541b
#define TIOCOUTQ 0x5411          /* SIOCOUTQ */
#define SIOCINQ FIONREAD
#define SIOCATMARK 0x8905
#define S_IFSOCK 0140000

/* Linux's defaults as getsockopt reports them (tcp_rmem/tcp_wmem[1],
 * rmem_default/wmem_default). */
#define TCP_RCVBUF_DEFAULT 131072
#define TCP_SNDBUF_DEFAULT 16384
#define UDP_BUF_DEFAULT 212992

static const struct uk_file_ops socket_file_ops;

struct uk_socket *uk_socket_alloc(int domain, int type, int protocol)
{
	struct uk_socket *s = uk_malloc(sizeof *s);
	if (!s)
		return 0;
	s->domain = domain;
	s->type = type;
	s->protocol = protocol;
	s->state = UK_SS_UNCONNECTED;
	if (type == UK_SOCK_STREAM) {
		s->ops = &uk_tcp_ops;
		s->rcvbuf = TCP_RCVBUF_DEFAULT;
		s->sndbuf = TCP_SNDBUF_DEFAULT;
	} else {
		s->ops = &uk_udp_ops;
		s->rcvbuf = s->sndbuf = UDP_BUF_DEFAULT;
	}
	return s;
}

long uk_socket_install(struct uk_socket *s, int flags)
{
	unsigned fflags = UK_O_RDWR | ((flags & UK_SOCK_NONBLOCK) ? UK_O_NONBLOCK : 0);
	struct uk_file *f = uk_file_new(&socket_file_ops, fflags);
	if (!f) {
		s->ops->close(s);
		return -UK_ENOMEM;
	}
	f->priv = s;
	s->file = f;
	/* On failure uk_fd_install drops the file, whose release closes s. */
	return uk_fd_install(f, (flags & UK_SOCK_CLOEXEC) != 0);
}

struct uk_socket *uk_socket_get(long fd, long *err)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f) {
		*err = -UK_EBADF;
		return 0;
	}
	if (f->ops != &socket_file_ops) {
		*err = -UK_ENOTSOCK;
		return 0;
	}
	return f->priv;
}

uint64_t uk_socket_deadline(uint64_t timeo)
{
	return timeo ? uk_platform_clock_monotonic() + timeo : 0;
}

int uk_socket_nonblock(const struct uk_socket *s, int flags)
{
	return (s->file && (s->file->flags & UK_O_NONBLOCK)) || (flags & UK_MSG_DONTWAIT);
}

int uk_socket_take_error(struct uk_socket *s)
{
	int e = s->error;
	s->error = 0;
	return e;
}

long uk_socket_wait(struct uk_socket *s, int (*ready)(struct uk_socket *), int nonblock,
		    uint64_t deadline)
{
	for (;;) {
		if (ready(s))
			return 0;
		if (nonblock) {
			/* Nothing else may pump for a program that polls by
			 * retrying: give the network one turn before EAGAIN. */
			uk_net_poll();
			return ready(s) ? 0 : -UK_EAGAIN;
		}
		if (deadline && uk_platform_clock_monotonic() >= deadline)
			return -UK_EAGAIN;
		if (uk_wait_once(deadline ? deadline : UINT64_MAX))
			return -UK_EINTR;
	}
}

/* The file operations. */

/* write(2) on a broken connection raises SIGPIPE (no MSG_NOSIGNAL here). */
static long sigpipe(long r)
{
	if (r == -UK_EPIPE)
		uk_signal_pipe();
	return r;
}

static long sock_read(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	struct uk_socket *s = f->priv;
	struct uk_iovec v = { buf, len };
	struct uk_iter it;
	int mflags = 0;
	(void)pos;
	uk_iter_init(&it, &v, 1);
	return s->ops->recv(s, &it, 0, 0, 0, &mflags, uk_socket_nonblock(s, 0));
}

static long sock_write(struct uk_file *f, const void *buf, size_t len, uint64_t *pos)
{
	struct uk_socket *s = f->priv;
	struct uk_iovec v = { (void *)buf, len };
	struct uk_iter it;
	(void)pos;
	uk_iter_init(&it, &v, 1);
	return sigpipe(s->ops->send(s, &it, 0, 0, 0, uk_socket_nonblock(s, 0)));
}

static long sock_readv(struct uk_file *f, const struct uk_iovec *iov, long cnt, uint64_t *pos)
{
	struct uk_socket *s = f->priv;
	struct uk_iter it;
	int mflags = 0;
	(void)pos;
	long err = uk_iter_init(&it, iov, (size_t)cnt);
	return err ? err : s->ops->recv(s, &it, 0, 0, 0, &mflags, uk_socket_nonblock(s, 0));
}

static long sock_writev(struct uk_file *f, const struct uk_iovec *iov, long cnt, uint64_t *pos)
{
	struct uk_socket *s = f->priv;
	struct uk_iter it;
	(void)pos;
	long err = uk_iter_init(&it, iov, (size_t)cnt);
	return err ? err : sigpipe(s->ops->send(s, &it, 0, 0, 0, uk_socket_nonblock(s, 0)));
}

static long sock_stat(struct uk_file *f, struct uk_stat *st)
{
	st->mode = S_IFSOCK | 0777;
	st->nlink = 1;
	st->blksize = 4096;
	st->ino = (uint64_t)(uintptr_t)f->priv >> 4;   /* distinct per socket */
	st->dev = 8;                                  /* Linux's sockfs is a small anonymous dev */
	return 0;
}

static long sock_ioctl(struct uk_file *f, unsigned long req, long arg)
{
	struct uk_socket *s = f->priv;
	switch (req) {
	case SIOCINQ:
		if (s->state == UK_SS_LISTENING)
			return -UK_EINVAL;
		*(int *)arg = (int)s->ops->nread(s);
		return 0;
	case TIOCOUTQ:
		if (s->state == UK_SS_LISTENING)
			return -UK_EINVAL;
		*(int *)arg = (int)s->ops->nwrite(s);
		return 0;
	case SIOCATMARK:
		*(int *)arg = 0;       /* no urgent data is ever marked */
		return 0;
	}
	return -UK_ENOTTY;
}

long uk_socket_poll(struct uk_file *f)
{
	struct uk_socket *s = f->priv;
	return s->ops->poll(s);
}

static uint64_t sock_changes(struct uk_file *f)
{
	struct uk_socket *s = f->priv;
	return s->changes;
}

static void sock_release(struct uk_file *f)
{
	struct uk_socket *s = f->priv;
	s->file = 0;
	s->ops->close(s);
}

static const struct uk_file_ops socket_file_ops = {
	.read = sock_read,
	.write = sock_write,
	.readv = sock_readv,
	.writev = sock_writev,
	.stat = sock_stat,
	.ioctl = sock_ioctl,
	.poll = uk_socket_poll,
	.changes = sock_changes,
	.release = sock_release,
};

/* socket(2): AF_INET and AF_INET6, stream (TCP) and datagram (UDP). */
static long sys_socket(long domain, long type, long protocol)
{
	int kind = (int)(type & ~(long)(UK_SOCK_NONBLOCK | UK_SOCK_CLOEXEC));
	if (type & ~(long)(0xf | UK_SOCK_NONBLOCK | UK_SOCK_CLOEXEC))
		return -UK_EINVAL;
	if (domain != UK_AF_INET && domain != UK_AF_INET6)
		return -UK_EAFNOSUPPORT;
	if (kind == UK_SOCK_STREAM) {
		if (protocol != 0 && protocol != 6)          /* IPPROTO_TCP */
			return -UK_EPROTONOSUPPORT;
		protocol = 6;
	} else if (kind == UK_SOCK_DGRAM) {
		if (protocol != 0 && protocol != 17)         /* IPPROTO_UDP */
			return -UK_EPROTONOSUPPORT;
		protocol = 17;
	} else if ((kind >= 3 && kind <= 6) || kind == 10) {
		return -UK_ESOCKTNOSUPPORT;                  /* raw, rdm, seqpacket, dccp, packet */
	} else {
		return -UK_EINVAL;
	}
	struct uk_socket *s = uk_socket_alloc((int)domain, kind, (int)protocol);
	if (!s)
		return -UK_ENOMEM;
	long err = s->ops->open(s);
	if (err) {
		uk_free(s);
		return err;
	}
	return uk_socket_install(s, (int)type);
}

UK_SYSCALL(41, socket, sys_socket);
