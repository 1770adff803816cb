/* UDP sockets: each datagram that arrives waits whole, with its source,
 * until recv takes it (message boundaries, MSG_PEEK, MSG_TRUNC as Linux);
 * past SO_RCVBUF bytes new ones are dropped, as a full Linux socket
 * drops them. */
#include "../kernel.h"
#include "socket.h"
#include "lwip/udp.h"
#include "lwip/ip.h"
#include "lwip/netif.h"

#define SHUT_RD 0
#define SHUT_WR 1
#define UDP4_MAX 65507          /* 65535 - IPv4 header - UDP header */
/* Linux allows 65527 over IPv6, but lwIP 2.1.3 cannot hold an IPv6 packet
 * longer than 65535 bytes with its header (16-bit pbuf lengths). */
#define UDP6_MAX (65535 - 40 - 8)
#define EACCES_BROADCAST UK_EACCES

static void on_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr, u16_t port)
{
	struct uk_socket *s = arg;
	struct uk_dgram *d;
	(void)pcb;
	if (!s || s->rd_shut || s->dg_bytes + p->tot_len > (size_t)s->rcvbuf ||
	    !(d = uk_malloc(sizeof *d))) {
		pbuf_free(p);
		return;
	}
	d->p = p;
	ip_addr_copy(d->from, *addr);
	d->port = port;
	if (s->dg_tail)
		s->dg_tail->next = d;
	else
		s->dg_head = d;
	s->dg_tail = d;
	s->dg_bytes += p->tot_len;
	s->changes = uk_file_stamp();
}

static void drop_head(struct uk_socket *s)
{
	struct uk_dgram *d = s->dg_head;
	s->dg_head = d->next;
	if (!s->dg_head)
		s->dg_tail = 0;
	s->dg_bytes -= d->p->tot_len;
	pbuf_free(d->p);
	uk_free(d);
}

static long udp_open(struct uk_socket *s)
{
	struct udp_pcb *pcb = udp_new_ip_type(s->domain == UK_AF_INET ? IPADDR_TYPE_V4 : IPADDR_TYPE_ANY);
	if (!pcb)
		return -UK_ENOMEM;
	s->pcb.udp = pcb;
	udp_recv(pcb, on_recv, s);
	return 0;
}

static void udp_apply(struct uk_socket *s)
{
	if (s->opts & UK_SO_REUSEADDR)
		ip_set_option(s->pcb.udp, SOF_REUSEADDR);
	else
		ip_reset_option(s->pcb.udp, SOF_REUSEADDR);
}

static long udp_bind_op(struct uk_socket *s, const ip_addr_t *ip, u16_t port)
{
	if (s->pcb.udp->local_port)
		return -UK_EINVAL;
	return uk_sock_err(udp_bind(s->pcb.udp, ip, port));
}

static long udp_connect_op(struct uk_socket *s, const ip_addr_t *ip, u16_t port, int nonblock)
{
	struct udp_pcb *pcb = s->pcb.udp;
	(void)nonblock;
	if (!ip) {                              /* AF_UNSPEC: no peer any more */
		udp_disconnect(pcb);
		s->peer_set = 0;
		s->state = UK_SS_UNCONNECTED;
		return 0;
	}
	if (!ip_addr_isany(&pcb->local_ip) && IP_GET_TYPE(&pcb->local_ip) != IP_GET_TYPE(ip))
		return -UK_ENETUNREACH;
	if (!ip_route(&pcb->local_ip, ip))
		return -UK_ENETUNREACH;
	err_t e = udp_connect(pcb, ip, port);
	if (e != ERR_OK)
		return e == ERR_USE ? -UK_EAGAIN : uk_sock_err(e);
	ip_addr_copy(s->peer_ip, *ip);
	s->peer_port = port;
	s->peer_set = 1;
	s->state = UK_SS_CONNECTED;
	return 0;
}

static int is_broadcast(const ip_addr_t *ip)
{
	struct netif *n;
	if (!IP_IS_V4(ip))
		return 0;
	if (ip4_addr_get_u32(ip_2_ip4(ip)) == IPADDR_BROADCAST)
		return 1;
	NETIF_FOREACH(n)
		if (!ip4_addr_isany_val(*netif_ip4_addr(n)) && ip4_addr_isbroadcast(ip_2_ip4(ip), n))
			return 1;
	return 0;
}

static long udp_send_op(struct uk_socket *s, struct uk_iter *it, int flags,
			const ip_addr_t *to, u16_t port, int nonblock)
{
	struct udp_pcb *pcb = s->pcb.udp;
	size_t len = it->left;
	(void)flags;
	if (s->wr_shut)
		return -UK_EPIPE;
	if (!to) {
		if (!s->peer_set)
			return -UK_EDESTADDRREQ;
		to = &s->peer_ip;
		port = s->peer_port;
	} else if (port == 0) {
		return -UK_EINVAL;              /* Linux refuses port 0 as a destination */
	}
	if (len > (IP_IS_V4(to) ? UDP4_MAX : UDP6_MAX))
		return -UK_EMSGSIZE;
	if (!ip_addr_isany(&pcb->local_ip) && IP_GET_TYPE(&pcb->local_ip) != IPADDR_TYPE_ANY &&
	    IP_GET_TYPE(&pcb->local_ip) != IP_GET_TYPE(to))
		return -UK_ENETUNREACH;
	if (is_broadcast(to) && !(s->opts & UK_SO_BROADCAST))
		return -EACCES_BROADCAST;
	/* One buffer up to what a 16-bit allocation holds; beyond, a chain
	 * (fragmented by IP anyway). */
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, len <= 32768 ? PBUF_RAM : PBUF_POOL);
	if (!p)
		return nonblock ? -UK_EAGAIN : -UK_ENOBUFS;
	for (struct pbuf *q = p; q; q = q->next)
		uk_iter_get(it, q->payload, q->len);
	err_t e = ip_addr_isany(to) ? ERR_RTE : udp_sendto(pcb, p, to, port);
	pbuf_free(p);
	if (e == ERR_WOULDBLOCK || e == ERR_MEM)
		return nonblock ? -UK_EAGAIN : -UK_ENOBUFS;
	if (e != ERR_OK)
		return uk_sock_err(e);
	return (long)len;
}

static int has_dgram(struct uk_socket *s)
{
	return s->dg_head || s->error || s->rd_shut;
}

static long udp_recv_op(struct uk_socket *s, struct uk_iter *it, int flags,
			ip_addr_t *from, u16_t *port, int *mflags, int nonblock)
{
	long r = uk_socket_wait(s, has_dgram, nonblock, uk_socket_deadline(s->rcvtimeo));
	if (r)
		return r;
	if (!s->dg_head) {
		if (s->error)
			return -uk_socket_take_error(s);
		return 0;                       /* SHUT_RD */
	}
	struct uk_dgram *d = s->dg_head;
	size_t len = d->p->tot_len, copied = 0;
	for (struct pbuf *q = d->p; q && it->left; q = q->next)
		copied += uk_iter_put(it, q->payload, q->len);
	if (copied < len)
		*mflags |= UK_MSG_TRUNC;
	if (from) {
		ip_addr_copy(*from, d->from);
		*port = d->port;
	}
	if (!(flags & UK_MSG_PEEK))
		drop_head(s);
	return (long)((flags & UK_MSG_TRUNC) ? len : copied);
}

static long udp_shutdown_op(struct uk_socket *s, int how)
{
	if (how != SHUT_WR)
		s->rd_shut = 1;
	if (how != SHUT_RD)
		s->wr_shut = 1;
	return s->peer_set ? 0 : -UK_ENOTCONN;
}

static long udp_name(struct uk_socket *s, int peer, ip_addr_t *ip, u16_t *port)
{
	struct udp_pcb *pcb = s->pcb.udp;
	if (peer) {
		if (!s->peer_set)
			return -UK_ENOTCONN;
		ip_addr_copy(*ip, s->peer_ip);
		*port = s->peer_port;
		return 0;
	}
	ip_addr_copy(*ip, pcb->local_ip);
	*port = pcb->local_port;
	/* Connected to a peer, a socket bound to any address tells the
	 * source address its datagrams go out with, as Linux does. */
	if (s->peer_set && ip_addr_isany(&pcb->local_ip)) {
		struct netif *n = ip_route(&pcb->local_ip, &s->peer_ip);
		const ip_addr_t *src = n ? ip_netif_get_local_ip(n, &s->peer_ip) : 0;
		if (src)
			ip_addr_copy(*ip, *src);
	}
	return 0;
}

static long udp_poll_op(struct uk_socket *s)
{
	long mask = UK_POLLOUT | UK_POLLWRNORM | UK_POLLWRBAND;
	if (s->dg_head)
		mask |= UK_POLLIN | UK_POLLRDNORM;
	if (s->error)
		mask |= UK_POLLERR;
	if (s->rd_shut)
		mask |= UK_POLLIN | UK_POLLRDNORM | UK_POLLRDHUP;
	if (s->rd_shut && s->wr_shut)
		mask |= UK_POLLHUP;
	return mask;
}

static long udp_nread(struct uk_socket *s)
{
	return s->dg_head ? (long)s->dg_head->p->tot_len : 0;   /* the next datagram */
}

static long udp_nwrite(struct uk_socket *s)
{
	(void)s;
	return 0;                               /* datagrams leave at once */
}

static long udp_listen(struct uk_socket *s, int backlog)
{
	(void)s, (void)backlog;
	return -UK_EOPNOTSUPP;
}

static void udp_close(struct uk_socket *s)
{
	if (s->pcb.udp)
		udp_remove(s->pcb.udp);
	while (s->dg_head)
		drop_head(s);
	uk_free(s);
}

const struct uk_sock_ops uk_udp_ops = {
	.open = udp_open,
	.bind = udp_bind_op,
	.listen = udp_listen,
	.connect = udp_connect_op,
	.send = udp_send_op,
	.recv = udp_recv_op,
	.shutdown = udp_shutdown_op,
	.name = udp_name,
	.poll = udp_poll_op,
	.nread = udp_nread,
	.nwrite = udp_nwrite,
	.apply_opts = udp_apply,
	.close = udp_close,
};
