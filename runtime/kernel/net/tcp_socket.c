/* TCP sockets: the pcb's life (create, bind, connect, shutdown, close),
 * lwIP's error and connected callbacks, readiness, addresses. Data moves
 * in tcp_data.c, connections arrive in tcp_listen.c. */
#include "../kernel.h"
#include "socket.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"

#define SHUT_RD 0
#define SHUT_WR 1
#define NS_PER_S 1000000000ULL

static void on_error(void *arg, err_t err)
{
	struct uk_socket *s = arg;
	if (!s)
		return;
	/* lwIP has freed the pcb already. */
	s->pcb.tcp = 0;
	s->changes = uk_file_stamp();
	switch (err) {
	case ERR_RST:
		s->error = s->state == UK_SS_CONNECTING ? UK_ECONNREFUSED : UK_ECONNRESET;
		break;
	case ERR_ABRT:          /* retransmissions or keepalive probes gave up */
		s->error = UK_ETIMEDOUT;
		break;
	case ERR_CLSD:          /* both FINs done: an orderly end, no error */
		break;
	default:
		s->error = UK_ECONNABORTED;
		break;
	}
	if (s->state == UK_SS_CONNECTING || s->state == UK_SS_CONNECTED)
		s->state = UK_SS_CLOSED;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct uk_socket *s = arg;
	(void)pcb, (void)err;
	if (s) {
		s->state = UK_SS_CONNECTED;
		s->changes = uk_file_stamp();
	}
	return ERR_OK;
}

/* Acknowledged data made room in the send buffer; as on Linux that is
 * news only to a writer that found it full. */
static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct uk_socket *s = arg;
	(void)pcb, (void)len;
	if (s && s->nospace && uk_tcp_writable(s)) {
		s->nospace = 0;
		s->changes = uk_file_stamp();
	}
	return ERR_OK;
}

void uk_tcp_attach(struct uk_socket *s, struct tcp_pcb *pcb)
{
	s->pcb.tcp = pcb;
	tcp_arg(pcb, s);
	tcp_recv(pcb, uk_tcp_on_recv);
	tcp_err(pcb, on_error);
	tcp_sent(pcb, on_sent);
}

/* The pcb no longer reports to s: before it is closed or aborted. */
static void detach(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, 0);
	tcp_recv(pcb, 0);
	tcp_err(pcb, 0);
	tcp_sent(pcb, 0);
	tcp_poll(pcb, 0, 0);
}

void uk_tcp_abort(struct uk_socket *s)
{
	if (s->pcb.tcp) {
		detach(s->pcb.tcp);
		tcp_abort(s->pcb.tcp);          /* sends a RST */
		s->pcb.tcp = 0;
	}
}

static void apply_opts(struct uk_socket *s)
{
	struct tcp_pcb *pcb = s->pcb.tcp;
	if (!pcb)
		return;
	if (s->opts & UK_SO_REUSEADDR)
		ip_set_option(pcb, SOF_REUSEADDR);
	else
		ip_reset_option(pcb, SOF_REUSEADDR);
	if (s->opts & UK_SO_KEEPALIVE)
		ip_set_option(pcb, SOF_KEEPALIVE);
	else
		ip_reset_option(pcb, SOF_KEEPALIVE);
	if (s->state == UK_SS_LISTENING)
		return;                         /* a listen pcb has no more than that */
	/* Nagle stays off whatever TCP_NODELAY says: lwIP 2.1.3 drops an ACK
	 * it owes while Nagle holds back a short segment (tcp_output leaves
	 * without the empty ACK, the delayed-ACK timer clears the flag), so
	 * two ends that both hold a tail wait for a retransmission timeout.
	 * A send call still leaves as few segments as it can. */
	tcp_nagle_disable(pcb);
	if (s->keepidle)
		pcb->keep_idle = (u32_t)s->keepidle * 1000;
	if (s->keepintvl)
		pcb->keep_intvl = (u32_t)s->keepintvl * 1000;
	if (s->keepcnt)
		pcb->keep_cnt = (u32_t)s->keepcnt;
}

static long tcp_open(struct uk_socket *s)
{
	struct tcp_pcb *pcb = tcp_new_ip_type(s->domain == UK_AF_INET ? IPADDR_TYPE_V4 : IPADDR_TYPE_ANY);
	if (!pcb)
		return -UK_ENOMEM;
	uk_tcp_attach(s, pcb);
	apply_opts(s);
	return 0;
}

#if !SO_REUSE
/* Without lwIP's SO_REUSE, SO_REUSEADDR still lets a server bind the port
 * its earlier connections left in TIME-WAIT: those are dropped. */
static void reap_time_wait(u16_t port)
{
	struct tcp_pcb *p = tcp_tw_pcbs, *next;
	for (; p; p = next) {
		next = p->next;
		if (p->local_port == port)
			tcp_abort(p);           /* a TIME-WAIT pcb is freed silently */
	}
}
#endif

/* A refused connect leaves no pcb: the next bind, listen or connect makes
 * one. */
long uk_tcp_ensure_pcb(struct uk_socket *s)
{
	return s->pcb.tcp ? 0 : tcp_open(s);
}

static long tcp_bind_op(struct uk_socket *s, const ip_addr_t *ip, u16_t port)
{
	struct tcp_pcb *pcb;
	if (s->state != UK_SS_UNCONNECTED)
		return -UK_EINVAL;
	long err = uk_tcp_ensure_pcb(s);
	if (err)
		return err;
	pcb = s->pcb.tcp;
	if (pcb->local_port)
		return -UK_EINVAL;
	err_t e = tcp_bind(pcb, ip, port);
#if !SO_REUSE
	if (e == ERR_USE && (s->opts & UK_SO_REUSEADDR)) {
		reap_time_wait(port);
		e = tcp_bind(pcb, ip, port);
	}
#endif
	if (e == ERR_BUF)
		return -UK_EADDRINUSE;          /* no ephemeral port left */
	return uk_sock_err(e);
}

static int connect_done(struct uk_socket *s)
{
	return s->state != UK_SS_CONNECTING;
}

/* Blocking or a later connect(2) after EINPROGRESS: how it ended. */
static long connect_result(struct uk_socket *s)
{
	s->connect_unreported = 0;
	if (s->state == UK_SS_CONNECTED)
		return 0;
	int e = uk_socket_take_error(s);
	s->state = UK_SS_UNCONNECTED;           /* Linux lets the socket try again */
	return -(e ? e : UK_ECONNREFUSED);
}

static long tcp_connect_op(struct uk_socket *s, const ip_addr_t *ip, u16_t port, int nonblock)
{
	if (!ip) {                              /* AF_UNSPEC: drop the connection */
		if (s->state == UK_SS_LISTENING)
			return 0;
		uk_tcp_abort(s);
		uk_tcp_rx_free(s);
		s->state = UK_SS_UNCONNECTED;
		s->rd_shut = s->wr_shut = 0;
		s->connect_unreported = 0;
		return tcp_open(s);
	}
	switch (s->state) {
	case UK_SS_LISTENING:
		return -UK_EISCONN;
	case UK_SS_CONNECTED:
		if (s->connect_unreported) {
			s->connect_unreported = 0;
			return 0;
		}
		return -UK_EISCONN;
	case UK_SS_CONNECTING:
		if (nonblock)
			return -UK_EALREADY;
		break;                          /* wait for the one under way */
	case UK_SS_CLOSED:
		/* A refused non-blocking connect reports here once; a
		 * connection that ended stays "connected", as on Linux. */
		if (s->connect_unreported)
			return connect_result(s);
		return -UK_EISCONN;
	case UK_SS_UNCONNECTED: {
		long err = uk_tcp_ensure_pcb(s);
		if (err)
			return err;
		struct tcp_pcb *pcb = s->pcb.tcp;
		if (!ip_addr_isany(&pcb->local_ip) && IP_GET_TYPE(&pcb->local_ip) != IP_GET_TYPE(ip))
			return -UK_ENETUNREACH;     /* bound to the other IP version */
		s->error = 0;
		err_t e = tcp_connect(pcb, ip, port, on_connected);
		if (e == ERR_USE || e == ERR_BUF)
			return -UK_EADDRNOTAVAIL;
		if (e != ERR_OK)
			return uk_sock_err(e);
		s->state = UK_SS_CONNECTING;
		ip_addr_copy(s->peer_ip, *ip);
		s->peer_port = port;
		if (nonblock) {
			s->connect_unreported = 1;
			return -UK_EINPROGRESS;
		}
		break;
	}
	}
	/* SO_SNDTIMEO bounds a blocking connect; it goes on in the background. */
	if (uk_socket_wait(s, connect_done, 0, uk_socket_deadline(s->sndtimeo)) < 0) {
		s->connect_unreported = 1;
		return -UK_EINPROGRESS;
	}
	return connect_result(s);
}

static long tcp_name(struct uk_socket *s, int peer, ip_addr_t *ip, u16_t *port)
{
	struct tcp_pcb *pcb = s->pcb.tcp;
	if (peer) {
		if (s->state != UK_SS_CONNECTED || !pcb)
			return -UK_ENOTCONN;
		ip_addr_copy(*ip, pcb->remote_ip);
		*port = pcb->remote_port;
		return 0;
	}
	if (pcb) {                              /* a listen pcb starts the same way */
		ip_addr_copy(*ip, pcb->local_ip);
		*port = pcb->local_port;
	}
	return 0;
}

static long tcp_shutdown_op(struct uk_socket *s, int how)
{
	if (s->state == UK_SS_LISTENING)
		return 0;
	if (how != SHUT_WR)
		s->rd_shut = 1;
	if (s->state != UK_SS_CONNECTED) {
		/* Linux keeps the flags even so (poll shows them). */
		if (how != SHUT_RD)
			s->wr_shut = 1;
		return -UK_ENOTCONN;
	}
	if (how != SHUT_RD && !s->wr_shut) {
		s->wr_shut = 1;
		/* The FIN follows the data queued; lwIP retries it when short
		 * of memory. */
		if (s->pcb.tcp)
			tcp_shutdown(s->pcb.tcp, 0, 1);
	}
	return 0;
}

static int tx_drained(struct uk_socket *s)
{
	struct tcp_pcb *pcb = s->pcb.tcp;
	return !pcb || (!pcb->unsent && !pcb->unacked);
}

static void tcp_close_op(struct uk_socket *s)
{
	if (s->state == UK_SS_LISTENING) {
		uk_tcp_listen_close(s);
	} else if (s->pcb.tcp) {
		if ((s->linger_on && s->linger_s == 0) || s->rx_bytes) {
			/* Linux resets instead of a FIN when data was left
			 * unread or SO_LINGER is zero. */
			uk_tcp_abort(s);
		} else {
			if (s->linger_on)
				uk_socket_wait(s, tx_drained, 0,
					       uk_socket_deadline((uint64_t)s->linger_s * NS_PER_S));
			if (s->pcb.tcp) {
				struct tcp_pcb *pcb = s->pcb.tcp;
				detach(pcb);
				/* The pcb lives on until lwIP has delivered
				 * what is queued and the FINs are done. */
				if (tcp_close(pcb) != ERR_OK)
					tcp_abort(pcb);
				s->pcb.tcp = 0;
			}
		}
	}
	uk_tcp_rx_free(s);
	uk_free(s);
}

/* Readiness as Linux's tcp_poll reports it. */
static long tcp_poll_op(struct uk_socket *s)
{
	struct tcp_pcb *pcb = s->pcb.tcp;
	long mask = 0;
	if (s->error)
		mask |= UK_POLLERR;
	switch (s->state) {
	case UK_SS_LISTENING:
		return s->acc_head ? UK_POLLIN | UK_POLLRDNORM : 0;
	case UK_SS_CONNECTING:
		return mask;
	case UK_SS_UNCONNECTED:
		mask |= UK_POLLOUT | UK_POLLWRNORM | UK_POLLHUP;
		if (s->rd_shut)
			mask |= UK_POLLIN | UK_POLLRDNORM | UK_POLLRDHUP;
		return mask;
	case UK_SS_CLOSED:
		return mask | UK_POLLIN | UK_POLLRDNORM | UK_POLLRDHUP | UK_POLLOUT | UK_POLLWRNORM |
		       UK_POLLHUP;
	case UK_SS_CONNECTED:
		break;
	}
	int rx_end = s->rx_fin || s->rd_shut || !pcb;
	if (s->rx_bytes)
		mask |= UK_POLLIN | UK_POLLRDNORM;
	if (rx_end)
		mask |= UK_POLLIN | UK_POLLRDNORM | UK_POLLRDHUP;
	if (rx_end && (s->wr_shut || !pcb))
		mask |= UK_POLLHUP;
	if (s->wr_shut || !pcb || uk_tcp_writable(s))
		mask |= UK_POLLOUT | UK_POLLWRNORM;
	else
		s->nospace = 1;
	return mask;
}

static void tcp_apply(struct uk_socket *s)
{
	apply_opts(s);
}

const struct uk_sock_ops uk_tcp_ops = {
	.open = tcp_open,
	.bind = tcp_bind_op,
	.listen = uk_tcp_listen,
	.accept = uk_tcp_accept,
	.connect = tcp_connect_op,
	.send = uk_tcp_send,
	.recv = uk_tcp_recv,
	.shutdown = tcp_shutdown_op,
	.name = tcp_name,
	.poll = tcp_poll_op,
	.nread = uk_tcp_nread,
	.nwrite = uk_tcp_nwrite,
	.apply_opts = tcp_apply,
	.close = tcp_close_op,
};
