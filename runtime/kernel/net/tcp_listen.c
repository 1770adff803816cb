/* TCP listening: connections lwIP accepts wait in the listener's queue as
 * sockets of their own until accept(2) takes them. While backlog+1 of them
 * wait, new SYNs are dropped (the clients retry), as Linux does; half-open
 * connections do not count, so a burst of connects is not throttled. */
#include "../kernel.h"
#include "socket.h"
#include "hooks.h"
#include "lwip/tcp.h"
#include "lwip/prot/tcp.h"

/* LWIP_HOOK_TCP_INPACKET_PCB, for every segment to a known pcb: only a
 * listener's SYN, and a SYN to a TIME_WAIT connection, are judged here.
 * (lwIP's own backlog is off: its 8-bit count includes half-open
 * connections.) */
err_t uk_net_tcp_inpacket(struct tcp_pcb *pcb, struct tcp_hdr *hdr, u16_t optlen,
			  u16_t opt1len, u8_t *opt2, struct pbuf *p)
{
	(void)optlen, (void)opt1len, (void)opt2, (void)p;
	/* A SYN for a connection this side closed first (TIME_WAIT, 2 min in
	 * lwIP) from a client that reuses its port: Linux lets a SYN beyond
	 * the old connection's sequence space reopen it (RFC 1122 4.2.2.13);
	 * lwIP answers with an ACK the client rejects, and the client's
	 * connect retries until TIME_WAIT ends (redis's tests, whose server
	 * closes connections, hung on it), or with a RST when the SYN falls
	 * inside the old window (connection refused). Forget the old one (when no
	 * socket holds it) and drop the SYN: the client's retransmission a
	 * second later reaches the listener. (tcp_input has already put
	 * hdr->seqno in host byte order.) */
	if (pcb->state == TIME_WAIT) {
		if ((TCPH_FLAGS(hdr) & (TCP_SYN | TCP_ACK | TCP_RST)) == TCP_SYN && !pcb->callback_arg &&
		    (s32_t)(hdr->seqno - pcb->rcv_nxt) > 0) {
			tcp_abort(pcb);         /* in TIME_WAIT: freed, nothing sent */
			return ERR_ABRT;
		}
		return ERR_OK;
	}
	if (pcb->state != LISTEN || (TCPH_FLAGS(hdr) & (TCP_SYN | TCP_ACK)) != TCP_SYN)
		return ERR_OK;
	struct uk_socket *l = pcb->callback_arg;
	return l && l->acc_count > l->backlog ? ERR_ABRT : ERR_OK;
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct uk_socket *l = arg, *s;
	if (err != ERR_OK || !pcb || !l)
		return ERR_VAL;
	s = uk_socket_alloc(l->domain, l->type, l->protocol);
	if (!s) {
		tcp_abort(pcb);
		return ERR_ABRT;
	}
	/* What Linux children inherit from the listener. */
	s->opts = l->opts;
	s->rcvbuf = l->rcvbuf;
	s->sndbuf = l->sndbuf;
	s->rcvtimeo = l->rcvtimeo;
	s->sndtimeo = l->sndtimeo;
	s->linger_on = l->linger_on;
	s->linger_s = l->linger_s;
	s->keepidle = l->keepidle;
	s->keepintvl = l->keepintvl;
	s->keepcnt = l->keepcnt;
	s->state = UK_SS_CONNECTED;
	ip_addr_copy(s->peer_ip, pcb->remote_ip);
	s->peer_port = pcb->remote_port;
	uk_tcp_attach(s, pcb);
	s->ops->apply_opts(s);
	l->acc_count++;
	if (l->acc_tail)
		l->acc_tail->acc_next = s;
	else
		l->acc_head = s;
	l->acc_tail = s;
	l->changes = uk_file_stamp();
	return ERR_OK;
}

long uk_tcp_listen(struct uk_socket *s, int backlog)
{
	struct tcp_pcb *pcb = s->pcb.tcp, *lpcb;
	err_t e;
	if (s->state == UK_SS_LISTENING) {
		s->backlog = backlog;
		return 0;
	}
	if (s->state != UK_SS_UNCONNECTED)
		return -UK_EINVAL;
	long err = uk_tcp_ensure_pcb(s);
	if (err)
		return err;
	pcb = s->pcb.tcp;
	if (!pcb->local_port) {                 /* Linux picks a port */
		e = tcp_bind(pcb, uk_sockaddr_any(s), 0);
		if (e != ERR_OK)
			return -UK_EADDRINUSE;
	}
	lpcb = tcp_listen_with_backlog_and_err(pcb, 0, &e);
	if (!lpcb)
		return uk_sock_err(e);
	/* lwIP freed pcb and made a smaller listening one. */
	s->pcb.tcp = lpcb;
	s->backlog = backlog;
	s->state = UK_SS_LISTENING;
	tcp_arg(lpcb, s);
	tcp_accept(lpcb, on_accept);
	return 0;
}

static int has_pending(struct uk_socket *s)
{
	return s->acc_head != 0 || s->state != UK_SS_LISTENING;
}

/* Whether accept(2) will find a descriptor for the new socket. */
static int fd_free(void)
{
	unsigned long limit = uk_rlimit_nofile();
	for (unsigned long fd = 0; fd < limit; fd++)
		if (!uk_fd_get((long)fd))
			return 1;
	return 0;
}

long uk_tcp_accept(struct uk_socket *s, struct uk_socket **out, int nonblock)
{
	if (s->state != UK_SS_LISTENING)
		return -UK_EINVAL;
	/* Linux takes the descriptor first: with none free, EMFILE leaves the
	 * connection queued for when the server has one again. Failing after
	 * taking it off the queue would close it: a server out of descriptors
	 * would reset every client waiting. */
	if (!fd_free())
		return -UK_EMFILE;
	long r = uk_socket_wait(s, has_pending, nonblock, uk_socket_deadline(s->rcvtimeo));
	if (r)
		return r;
	struct uk_socket *n = s->acc_head;
	s->acc_head = n->acc_next;
	if (!s->acc_head)
		s->acc_tail = 0;
	n->acc_next = 0;
	s->acc_count--;
	*out = n;
	return 0;
}

/* Closing a listener resets the connections nobody accepted. */
void uk_tcp_listen_close(struct uk_socket *s)
{
	struct uk_socket *n, *next;
	for (n = s->acc_head; n; n = next) {
		next = n->acc_next;
		uk_tcp_abort(n);
		uk_tcp_rx_free(n);
		uk_free(n);
	}
	s->acc_head = s->acc_tail = 0;
	s->acc_count = 0;
	if (s->pcb.tcp) {
		tcp_arg(s->pcb.tcp, 0);
		tcp_close(s->pcb.tcp);          /* a listen pcb closes at once */
		s->pcb.tcp = 0;
	}
}
