/* The socket calls that take or give addresses and change a socket's
 * state: bind, listen, accept/accept4, connect, shutdown, getsockname,
 * getpeername. They check what Linux checks, then hand over to the
 * protocol. */
#include "../kernel.h"
#include "../syscall.h"
#include "socket.h"

#define SHUT_RD 0
#define SHUT_RDWR 2

static long sys_bind(long fd, long addr, long len)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	ip_addr_t ip;
	u16_t port = 0;
	int unspec;
	if (!s)
		return err;
	if (len < 0)
		return -UK_EINVAL;
	ip_addr_set_zero(&ip);
	err = uk_sockaddr_parse(s, (const void *)addr, (unsigned)len, &ip, &port, &unspec);
	if (err)
		return err == -UK_ENETUNREACH ? -UK_EINVAL : err;
	if (unspec && (s->domain != UK_AF_INET || !ip_addr_isany(&ip)))
		return -UK_EAFNOSUPPORT;
	if (!uk_sockaddr_local(&ip, s->type))
		return -UK_EADDRNOTAVAIL;
	/* The IPv6 wildcard takes IPv4 too unless IPV6_V6ONLY. */
	if (IP_IS_V6(&ip) && ip_addr_isany(&ip))
		return s->ops->bind(s, uk_sockaddr_any(s), port);
	return s->ops->bind(s, &ip, port);
}

static long sys_listen(long fd, long backlog)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	if (!s)
		return err;
	if (backlog < 0)
		backlog = 0;
	if (backlog > 4096)
		backlog = 4096;                 /* net.core.somaxconn */
	return s->ops->listen(s, (int)backlog);
}

static long sys_accept4(long fd, long addr, long alenp, long flags)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err), *n;
	if (!s)
		return err;
	if (flags & ~(long)(UK_SOCK_NONBLOCK | UK_SOCK_CLOEXEC))
		return -UK_EINVAL;
	if (addr && alenp && *(int *)alenp < 0)
		return -UK_EINVAL;
	if (!s->ops->accept)
		return -UK_EOPNOTSUPP;
	err = s->ops->accept(s, &n, uk_socket_nonblock(s, 0));
	if (err)
		return err;
	if (addr && alenp)
		uk_sockaddr_store(n, &n->peer_ip, n->peer_port, (void *)addr, (unsigned *)alenp);
	return uk_socket_install(n, (int)flags);
}

static long sys_accept(long fd, long addr, long alenp)
{
	return sys_accept4(fd, addr, alenp, 0);
}

static long sys_connect(long fd, long addr, long len)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	ip_addr_t ip;
	u16_t port = 0;
	int unspec;
	if (!s)
		return err;
	if (len < 0)
		return -UK_EINVAL;
	ip_addr_set_zero(&ip);
	err = uk_sockaddr_parse(s, (const void *)addr, (unsigned)len, &ip, &port, &unspec);
	if (err)
		return err;
	if (unspec)
		return s->ops->connect(s, 0, 0, uk_socket_nonblock(s, 0));
	/* Linux takes the wildcard as a destination to mean this host. */
	if (ip_addr_isany(&ip)) {
		if (IP_IS_V4(&ip))
			ip_addr_set_loopback(0, &ip);
		else
			ip_addr_set_loopback(1, &ip);
	}
	return s->ops->connect(s, &ip, port, uk_socket_nonblock(s, 0));
}

static long sys_shutdown(long fd, long how)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	if (!s)
		return err;
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -UK_EINVAL;
	return s->ops->shutdown(s, (int)how);
}

static long get_name(long fd, long addr, long alenp, int peer)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	ip_addr_t ip;
	u16_t port = 0;
	if (!s)
		return err;
	if (*(int *)alenp < 0)
		return -UK_EINVAL;
	ip_addr_set_zero(&ip);
	err = s->ops->name(s, peer, &ip, &port);
	if (err)
		return err;
	uk_sockaddr_store(s, &ip, port, (void *)addr, (unsigned *)alenp);
	return 0;
}

static long sys_getsockname(long fd, long addr, long alenp)
{
	return get_name(fd, addr, alenp, 0);
}

static long sys_getpeername(long fd, long addr, long alenp)
{
	return get_name(fd, addr, alenp, 1);
}

UK_SYSCALL(42, connect, sys_connect);
UK_SYSCALL(43, accept, sys_accept);
UK_SYSCALL(48, shutdown, sys_shutdown);
UK_SYSCALL(49, bind, sys_bind);
UK_SYSCALL(50, listen, sys_listen);
UK_SYSCALL(51, getsockname, sys_getsockname);
UK_SYSCALL(52, getpeername, sys_getpeername);
UK_SYSCALL(288, accept4, sys_accept4);
