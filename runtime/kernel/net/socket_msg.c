/* Sending and receiving with addresses and vectors: sendto, recvfrom,
 * sendmsg, recvmsg, sendmmsg, recvmmsg, over the protocol's send and recv.
 * read/write/readv/writev come through the file operations (socket.c). */
#include "../kernel.h"
#include "../signal.h"
#include "../syscall.h"
#include "socket.h"

#define UIO_MAXIOV 1024
#define MSG_WAITFORONE 0x10000
#define MSG_ERRQUEUE 0x2000

/* The kernel's struct user_msghdr (x86_64): musl pads its int fields. */
struct uk_msghdr {
	void *name;
	int namelen;
	struct uk_iovec *iov;
	size_t iovlen;
	void *control;
	size_t controllen;
	unsigned flags;
};

struct uk_mmsghdr {
	struct uk_msghdr hdr;
	unsigned len;
};

static void iter_settle(struct uk_iter *it)
{
	while (it->idx < it->cnt && it->off >= it->iov[it->idx].len) {
		it->idx++;
		it->off = 0;
	}
}

long uk_iter_init(struct uk_iter *it, const struct uk_iovec *iov, size_t cnt)
{
	size_t total = 0;
	for (size_t i = 0; i < cnt; i++) {
		if (iov[i].len > ((size_t)-1 >> 1) - total)
			return -UK_EINVAL;
		total += iov[i].len;
	}
	it->iov = iov;
	it->cnt = cnt;
	it->idx = 0;
	it->off = 0;
	it->left = total;
	iter_settle(it);
	return 0;
}

size_t uk_iter_span(const struct uk_iter *it, const void **ptr, size_t max)
{
	if (it->idx >= it->cnt)
		return 0;
	size_t n = it->iov[it->idx].len - it->off;
	*ptr = (const char *)it->iov[it->idx].base + it->off;
	return n < max ? n : max;
}

void uk_iter_advance(struct uk_iter *it, size_t n)
{
	it->left -= n;
	while (n && it->idx < it->cnt) {
		size_t room = it->iov[it->idx].len - it->off;
		size_t step = n < room ? n : room;
		it->off += step;
		n -= step;
		iter_settle(it);
	}
	iter_settle(it);
}

size_t uk_iter_put(struct uk_iter *it, const void *src, size_t n)
{
	size_t done = 0;
	while (done < n) {
		const void *p;
		size_t k = uk_iter_span(it, &p, n - done);
		if (!k)
			break;
		memcpy((void *)p, (const char *)src + done, k);
		uk_iter_advance(it, k);
		done += k;
	}
	return done;
}

size_t uk_iter_get(struct uk_iter *it, void *dst, size_t n)
{
	size_t done = 0;
	while (done < n) {
		const void *p;
		size_t k = uk_iter_span(it, &p, n - done);
		if (!k)
			break;
		memcpy((char *)dst + done, p, k);
		uk_iter_advance(it, k);
		done += k;
	}
	return done;
}

static long do_send(long fd, struct uk_iter *it, int flags, const void *addr, unsigned alen)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	ip_addr_t to;
	u16_t port = 0;
	const ip_addr_t *top = 0;
	int unspec;
	if (!s)
		return err;
	if (flags & UK_MSG_OOB)
		return -UK_EOPNOTSUPP;
	/* A stream socket's peer is fixed: the address is ignored, as Linux does. */
	if (addr && s->type == UK_SOCK_DGRAM) {
		err = uk_sockaddr_parse(s, addr, alen, &to, &port, &unspec);
		if (err)
			return err;
		if (unspec && s->domain != UK_AF_INET)
			return -UK_EAFNOSUPPORT;
		top = &to;
	}
	long r = s->ops->send(s, it, flags, top, port, uk_socket_nonblock(s, flags));
	if (r == -UK_EPIPE && !(flags & UK_MSG_NOSIGNAL))
		uk_signal_pipe();
	return r;
}

static long do_recv(long fd, struct uk_iter *it, int flags, void *addr, unsigned *alen, int *mflags)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	ip_addr_t from;
	u16_t port = 0;
	if (!s)
		return err;
	if (flags & MSG_ERRQUEUE)
		return -UK_EAGAIN;                  /* no error queue is kept */
	if ((flags & UK_MSG_OOB) && s->type == UK_SOCK_STREAM)
		return -UK_EINVAL;                  /* no urgent data is ever held */
	if (flags & UK_MSG_OOB)
		return -UK_EOPNOTSUPP;
	ip_addr_set_zero(&from);
	*mflags = 0;
	long r = s->ops->recv(s, it, flags, &from, &port, mflags, uk_socket_nonblock(s, flags));
	if (r >= 0 && addr && alen) {
		if (s->type == UK_SOCK_DGRAM)
			uk_sockaddr_store(s, &from, port, addr, alen);
		else
			*alen = 0;                  /* Linux tells a stream's reader nothing */
	}
	return r;
}

static long sys_sendto(long fd, long buf, long len, long flags, long addr, long alen)
{
	struct uk_iovec v = { (void *)buf, (size_t)len };
	struct uk_iter it;
	if (len < 0 || uk_iter_init(&it, &v, 1))
		return -UK_EINVAL;
	return do_send(fd, &it, (int)flags, (const void *)addr, (unsigned)alen);
}

static long sys_recvfrom(long fd, long buf, long len, long flags, long addr, long alenp)
{
	struct uk_iovec v = { (void *)buf, (size_t)len };
	struct uk_iter it;
	int mflags;
	if (len < 0 || uk_iter_init(&it, &v, 1))
		return -UK_EINVAL;
	if (addr && alenp && *(int *)alenp < 0)
		return -UK_EINVAL;
	return do_recv(fd, &it, (int)flags, (void *)addr, addr ? (unsigned *)alenp : 0, &mflags);
}

static long msg_iter(const struct uk_msghdr *m, struct uk_iter *it)
{
	if (m->iovlen > UIO_MAXIOV)
		return -UK_EMSGSIZE;
	return uk_iter_init(it, m->iov, m->iovlen);
}

static long send_one(long fd, const struct uk_msghdr *m, int flags)
{
	struct uk_iter it;
	long err = msg_iter(m, &it);
	if (err)
		return err;
	if (m->namelen < 0)
		return -UK_EINVAL;
	return do_send(fd, &it, flags, m->namelen ? m->name : 0, (unsigned)m->namelen);
}

static long recv_one(long fd, struct uk_msghdr *m, int flags)
{
	struct uk_iter it;
	unsigned alen;
	int mflags;
	long err = msg_iter(m, &it);
	if (err)
		return err;
	if (m->name && m->namelen < 0)
		return -UK_EINVAL;
	alen = m->name ? (unsigned)m->namelen : 0;
	long r = do_recv(fd, &it, flags & ~UK_MSG_CMSG_CLOEXEC, m->name, m->name ? &alen : 0, &mflags);
	if (r < 0)
		return r;
	m->namelen = m->name ? (int)alen : 0;
	m->controllen = 0;                      /* no ancillary data is produced */
	m->flags = (unsigned)mflags;
	return r;
}

static long sys_sendmsg(long fd, long msg, long flags)
{
	return send_one(fd, (const struct uk_msghdr *)msg, (int)flags);
}

static long sys_recvmsg(long fd, long msg, long flags)
{
	return recv_one(fd, (struct uk_msghdr *)msg, (int)flags);
}

/* The vector calls stop at the first error; it is returned only when no
 * message went through, as Linux does. */
static long sys_sendmmsg(long fd, long vec, long vlen, long flags)
{
	struct uk_mmsghdr *v = (struct uk_mmsghdr *)vec;
	long n = 0;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (; n < vlen; n++) {
		long r = send_one(fd, &v[n].hdr, (int)flags);
		if (r < 0)
			return n ? n : r;
		v[n].len = (unsigned)r;
	}
	return n;
}

static long sys_recvmmsg(long fd, long vec, long vlen, long flags, long timeout)
{
	struct uk_mmsghdr *v = (struct uk_mmsghdr *)vec;
	long n = 0;
	(void)timeout;          /* Linux checks it only between datagrams, as here: never */
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	for (; n < vlen; n++) {
		int f = (int)flags & ~MSG_WAITFORONE;
		if (n && (flags & MSG_WAITFORONE))
			f |= UK_MSG_DONTWAIT;
		long r = recv_one(fd, &v[n].hdr, f);
		if (r < 0)
			return n ? n : r;
		v[n].len = (unsigned)r;
	}
	return n;
}

UK_SYSCALL(44, sendto, sys_sendto);
UK_SYSCALL(45, recvfrom, sys_recvfrom);
UK_SYSCALL(46, sendmsg, sys_sendmsg);
UK_SYSCALL(47, recvmsg, sys_recvmsg);
UK_SYSCALL(299, recvmmsg, sys_recvmmsg);
UK_SYSCALL(307, sendmmsg, sys_sendmmsg);
