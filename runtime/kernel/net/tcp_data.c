/* TCP data: received pbufs wait in the socket until the program reads
 * them, and only then is the window opened again (tcp_recved), so a slow
 * reader slows the sender. Sending copies into lwIP's send buffer in big
 * pieces (TCP_WRITE_FLAG_COPY) and keeps it full while the program has
 * more. */
#include "../kernel.h"
#include "../wait.h"
#include "socket.h"
#include "lwip/tcp.h"

/* tcp_write takes 16-bit lengths: whole segments of the largest size. */
#define WRITE_MAX (0xffff / TCP_MSS * TCP_MSS)

err_t uk_tcp_on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct uk_socket *s = arg;
	(void)err;
	if (!s) {
		if (p) {
			tcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		}
		return ERR_OK;
	}
	s->changes = uk_file_stamp();
	if (!p) {
		s->rx_fin = 1;
		return ERR_OK;
	}
	s->rx_bytes += p->tot_len;
	if (s->rx_tail)
		s->rx_tail->next = p;
	else
		s->rx_head = p;
	while (p->next)
		p = p->next;
	s->rx_tail = p;
	return ERR_OK;
}

void uk_tcp_rx_free(struct uk_socket *s)
{
	struct pbuf *p = s->rx_head, *next;
	for (; p; p = next) {
		next = p->next;
		p->next = 0;
		pbuf_free(p);
	}
	s->rx_head = s->rx_tail = 0;
	s->rx_off = s->rx_bytes = 0;
}

/* The first n bytes are read: free whole pbufs, open the window. */
static void consume(struct uk_socket *s, size_t n)
{
	size_t left = n;
	while (left && s->rx_head) {
		struct pbuf *p = s->rx_head;
		size_t avail = p->len - s->rx_off;
		if (left < avail) {
			s->rx_off += left;
			break;
		}
		left -= avail;
		s->rx_head = p->next;
		if (!s->rx_head)
			s->rx_tail = 0;
		p->next = 0;
		pbuf_free(p);
		s->rx_off = 0;
	}
	s->rx_bytes -= n;
	for (size_t done = 0; s->pcb.tcp && done < n;) {
		u16_t k = (u16_t)(n - done > 0xffff ? 0xffff : n - done);
		tcp_recved(s->pcb.tcp, k);
		done += k;
	}
}

/* Copies what is queued into the vector, from the front, not consuming. */
static size_t copy_out(struct uk_socket *s, struct uk_iter *it)
{
	size_t off = s->rx_off, total = 0;
	for (struct pbuf *p = s->rx_head; p && it->left; p = p->next, off = 0) {
		if (p->len > off)
			total += uk_iter_put(it, (const char *)p->payload + off, p->len - off);
	}
	return total;
}

static int can_recv(struct uk_socket *s)
{
	return s->rx_bytes || s->rx_fin || s->rd_shut || s->error ||
	       s->state == UK_SS_CLOSED || s->state == UK_SS_UNCONNECTED;
}

long uk_tcp_recv(struct uk_socket *s, struct uk_iter *it, int flags,
		 ip_addr_t *from, u16_t *port, int *mflags, int nonblock)
{
	uint64_t deadline = 0;
	long total = 0;
	(void)from, (void)port, (void)mflags;
	if (s->state == UK_SS_LISTENING || s->state == UK_SS_UNCONNECTED)
		return -UK_ENOTCONN;
	if (it->left == 0)
		return 0;
	if (s->rcvtimeo)
		deadline = uk_socket_deadline(s->rcvtimeo);
	for (;;) {
		if (s->rx_bytes) {
			size_t n = copy_out(s, it);
			total += (long)n;
			if (flags & UK_MSG_PEEK)
				break;
			consume(s, n);
			if (!(flags & UK_MSG_WAITALL) || it->left == 0)
				break;
			continue;
		}
		if (s->error) {
			if (total)
				break;
			return -uk_socket_take_error(s);
		}
		if (s->rx_fin || s->rd_shut || s->state == UK_SS_CLOSED)
			break;                  /* end of stream */
		long r = uk_socket_wait(s, can_recv, nonblock, deadline);
		if (r)
			return total ? total : r;
	}
	return total;
}

int uk_tcp_writable(struct uk_socket *s)
{
	struct tcp_pcb *pcb = s->pcb.tcp;
	return pcb && pcb->snd_buf >= TCP_SNDLOWAT && pcb->snd_queuelen < TCP_SNDQUEUELOWAT;
}

/* Room for the next piece, or a reason to stop trying. */
static int can_send(struct uk_socket *s)
{
	struct tcp_pcb *pcb = s->pcb.tcp;
	if (!pcb || s->error || s->wr_shut || s->state != UK_SS_CONNECTED)
		return 1;
	size_t want = s->tx_want < TCP_SNDLOWAT ? s->tx_want : TCP_SNDLOWAT;
	return pcb->snd_buf >= want && pcb->snd_queuelen < TCP_SND_QUEUELEN - 2;
}

static int connect_over(struct uk_socket *s)
{
	return s->state != UK_SS_CONNECTING;
}

long uk_tcp_send(struct uk_socket *s, struct uk_iter *it, int flags,
		 const ip_addr_t *to, u16_t port, int nonblock)
{
	uint64_t deadline = uk_socket_deadline(s->sndtimeo);
	long total = 0, r;
	(void)to, (void)port;
	if (s->state == UK_SS_CONNECTING) {
		/* Linux waits for the handshake (EAGAIN when non-blocking). */
		r = uk_socket_wait(s, connect_over, nonblock, deadline);
		if (r)
			return r;
	}
	for (;;) {
		struct tcp_pcb *pcb = s->pcb.tcp;
		if (s->error) {
			if (total)
				break;
			return -uk_socket_take_error(s);
		}
		if (s->state != UK_SS_CONNECTED || s->wr_shut || !pcb) {
			if (total)
				break;
			/* (SIGPIPE: the caller, which knows MSG_NOSIGNAL) */
			return -UK_EPIPE;
		}
		if (it->left == 0)
			break;
		const void *ptr;
		size_t n = uk_iter_span(it, &ptr, WRITE_MAX);
		if (n > pcb->snd_buf)
			n = pcb->snd_buf;
		if (n && pcb->snd_queuelen < TCP_SND_QUEUELEN - 2) {
			u8_t more = it->left > n || (flags & UK_MSG_MORE) ? TCP_WRITE_FLAG_MORE : 0;
			err_t e = tcp_write(pcb, ptr, (u16_t)n, TCP_WRITE_FLAG_COPY | more);
			if (e == ERR_OK) {
				uk_iter_advance(it, n);
				total += (long)n;
				continue;
			}
			if (e != ERR_MEM) {
				if (total)
					break;
				return e == ERR_CONN ? -UK_EPIPE : uk_sock_err(e);
			}
			/* Short of memory with room in the buffer: what is in
			 * flight frees some when acknowledged. */
			tcp_output(pcb);
			if (nonblock)
				return total ? total : -UK_EAGAIN;
			if (deadline && uk_platform_clock_monotonic() >= deadline)
				return total ? total : -UK_EAGAIN;
			if (uk_wait_once(deadline ? deadline : UINT64_MAX))
				return total ? total : -UK_EINTR;
			continue;
		}
		/* Full: send what is queued, wait for acknowledgements. */
		tcp_output(pcb);
		s->nospace = 1;
		s->tx_want = it->left;
		r = uk_socket_wait(s, can_send, nonblock, deadline);
		if (r)
			return total ? total : r;
	}
	if (s->pcb.tcp)
		tcp_output(s->pcb.tcp);
	return total;
}

long uk_tcp_nread(struct uk_socket *s)
{
	return (long)s->rx_bytes;
}

long uk_tcp_nwrite(struct uk_socket *s)
{
	struct tcp_pcb *pcb = s->pcb.tcp;
	if (!pcb || s->state != UK_SS_CONNECTED)
		return 0;
	return (long)(TCP_SND_BUF - pcb->snd_buf);
}
