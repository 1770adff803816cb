/* BSD sockets over lwIP's raw API (docs/sockets.md). A socket is a struct
 * uk_file whose priv is a struct uk_socket; the protocol (tcp_*.c, udp.c)
 * sits behind struct uk_sock_ops. lwIP callbacks only record state and
 * queue pbufs; the calls themselves wait with uk_wait_once, which pumps. */
#ifndef UK_NET_SOCKET_H
#define UK_NET_SOCKET_H

#include "../file.h"
#include "lwip/err.h"
#include "lwip/ip_addr.h"

struct tcp_pcb;
struct udp_pcb;
struct pbuf;

/* Linux errnos the socket layer returns besides kernel.h's. */
#define UK_EPIPE 32
#define UK_ENOTSOCK 88
#define UK_EDESTADDRREQ 89
#define UK_EMSGSIZE 90
#define UK_EPROTOTYPE 91
#define UK_ENOPROTOOPT 92
#define UK_EPROTONOSUPPORT 93
#define UK_ESOCKTNOSUPPORT 94
#define UK_EAFNOSUPPORT 97
#define UK_EADDRINUSE 98
#define UK_EADDRNOTAVAIL 99
#define UK_ENETUNREACH 101
#define UK_ECONNABORTED 103
#define UK_ECONNRESET 104
#define UK_ENOBUFS 105
#define UK_EISCONN 106
#define UK_ENOTCONN 107
#define UK_ECONNREFUSED 111
#define UK_EHOSTUNREACH 113
#define UK_EALREADY 114
#define UK_EINPROGRESS 115

/* Linux ABI values. */
#define UK_AF_UNSPEC 0
#define UK_AF_INET 2
#define UK_AF_INET6 10
#define UK_SOCK_STREAM 1
#define UK_SOCK_DGRAM 2
#define UK_SOCK_NONBLOCK 04000
#define UK_SOCK_CLOEXEC 02000000
#define UK_MSG_OOB 0x1
#define UK_MSG_PEEK 0x2
#define UK_MSG_CTRUNC 0x8
#define UK_MSG_TRUNC 0x20
#define UK_MSG_DONTWAIT 0x40
#define UK_MSG_EOR 0x80
#define UK_MSG_WAITALL 0x100
#define UK_MSG_NOSIGNAL 0x4000
#define UK_MSG_MORE 0x8000
#define UK_MSG_CMSG_CLOEXEC 0x40000000

/* Socket options kept by the socket itself (struct uk_socket.opts). */
#define UK_SO_REUSEADDR 0x01
#define UK_SO_REUSEPORT 0x02
#define UK_SO_KEEPALIVE 0x04
#define UK_SO_BROADCAST 0x08
#define UK_SO_NODELAY 0x10
#define UK_SO_V6ONLY 0x20
#define UK_SO_OOBINLINE 0x40
#define UK_SO_CORK 0x80

/* Where the socket is in its life (the pcb has its own TCP state). */
enum uk_sock_state {
	UK_SS_UNCONNECTED,      /* new, bound, or after a failed connect */
	UK_SS_LISTENING,
	UK_SS_CONNECTING,
	UK_SS_CONNECTED,        /* also after FINs: the pcb says how far */
	UK_SS_CLOSED,           /* the pcb is gone (reset, timed out, closed) */
};

/* A datagram waiting to be received (udp.c). */
struct uk_dgram {
	struct uk_dgram *next;
	struct pbuf *p;
	ip_addr_t from;
	u16_t port;
};

struct uk_socket {
	const struct uk_sock_ops *ops;
	struct uk_file *file;           /* whose priv this is */
	int domain, type, protocol;
	enum uk_sock_state state;
	int error;                      /* pending SO_ERROR (positive errno) or 0 */
	uint64_t changes;               /* grows on every arrival (data, room, state): EPOLLET */
	unsigned opts;                  /* UK_SO_* */
	uint64_t rcvtimeo, sndtimeo;    /* ns; 0: wait forever */
	int rcvbuf, sndbuf;             /* as getsockopt reports them */
	int linger_on, linger_s;
	int keepidle, keepintvl, keepcnt;
	unsigned rd_shut : 1, wr_shut : 1;
	unsigned connect_unreported : 1; /* a non-blocking connect not yet confirmed by connect() */
	unsigned nospace : 1;           /* found the send buffer full: room is news (EPOLLET) */
	union {
		struct tcp_pcb *tcp;
		struct udp_pcb *udp;
	} pcb;
	/* TCP: received bytes, pbufs linked through ->next (tot_len unused);
	 * rx_off bytes of the head are consumed already. */
	struct pbuf *rx_head, *rx_tail;
	size_t rx_off, rx_bytes;
	int rx_fin;                     /* the peer's FIN came after rx_bytes */
	size_t tx_want;                 /* a blocked send waits for this much room */
	/* TCP listening: connections not accepted yet. */
	struct uk_socket *acc_head, *acc_tail, *acc_next;
	int backlog;
	int acc_count;                  /* connections waiting in acc_head */
	/* UDP: datagrams not received yet. */
	struct uk_dgram *dg_head, *dg_tail;
	size_t dg_bytes;
	/* The peer as accept(2) reports it (TCP), or connect(2) set it (UDP). */
	ip_addr_t peer_ip;
	u16_t peer_port;
	int peer_set;                   /* UDP: connect()ed */
};

/* An I/O vector being filled or drained. */
struct uk_iter {
	const struct uk_iovec *iov;
	size_t cnt, idx, off;
	size_t left;                    /* bytes not yet transferred */
};

/* What a protocol implements. nonblock: O_NONBLOCK or MSG_DONTWAIT. */
struct uk_sock_ops {
	long (*open)(struct uk_socket *s);      /* socket(2): make the pcb */
	long (*bind)(struct uk_socket *s, const ip_addr_t *ip, u16_t port);
	long (*listen)(struct uk_socket *s, int backlog);
	long (*accept)(struct uk_socket *s, struct uk_socket **out, int nonblock);
	/* ip 0: AF_UNSPEC (dissolve the association). */
	long (*connect)(struct uk_socket *s, const ip_addr_t *ip, u16_t port, int nonblock);
	long (*send)(struct uk_socket *s, struct uk_iter *it, int flags,
		     const ip_addr_t *to, u16_t port, int nonblock);
	/* *mflags gets MSG_TRUNC for a cut datagram; from may be 0. */
	long (*recv)(struct uk_socket *s, struct uk_iter *it, int flags,
		     ip_addr_t *from, u16_t *port, int *mflags, int nonblock);
	long (*shutdown)(struct uk_socket *s, int how);
	/* The bound (peer 0) or connected (peer 1) address. */
	long (*name)(struct uk_socket *s, int peer, ip_addr_t *ip, u16_t *port);
	long (*poll)(struct uk_socket *s);
	long (*nread)(struct uk_socket *s);     /* FIONREAD */
	long (*nwrite)(struct uk_socket *s);    /* SIOCOUTQ: bytes not yet acknowledged */
	void (*apply_opts)(struct uk_socket *s); /* push opts/keepalive to the pcb */
	void (*close)(struct uk_socket *s);     /* the last descriptor went */
};

extern const struct uk_sock_ops uk_tcp_ops, uk_udp_ops;

/* socket.c */
struct uk_socket *uk_socket_alloc(int domain, int type, int protocol);
/* Wraps s in a new open file and a descriptor; frees s on failure. */
long uk_socket_install(struct uk_socket *s, int flags);
/* The socket behind fd, or 0 with *err EBADF / ENOTSOCK. */
struct uk_socket *uk_socket_get(long fd, long *err);
/* Readiness of any open file that is a socket (the file op). */
long uk_socket_poll(struct uk_file *f);
/* Loop until ready(s): 0, or -EAGAIN when nonblock or the deadline (ns,
 * 0: none) passed. Pumps the network between checks. */
long uk_socket_wait(struct uk_socket *s, int (*ready)(struct uk_socket *), int nonblock,
		    uint64_t deadline);
uint64_t uk_socket_deadline(uint64_t timeo);
int uk_socket_nonblock(const struct uk_socket *s, int flags);
/* Takes the pending error (SO_ERROR semantics). */
int uk_socket_take_error(struct uk_socket *s);

/* socket_msg.c: I/O vectors. */
/* -EINVAL when the lengths add up beyond SSIZE_MAX. */
long uk_iter_init(struct uk_iter *it, const struct uk_iovec *iov, size_t cnt);
size_t uk_iter_put(struct uk_iter *it, const void *src, size_t n);   /* copy into */
size_t uk_iter_get(struct uk_iter *it, void *dst, size_t n);         /* copy out */
/* The next contiguous piece (at most max bytes) without consuming it. */
size_t uk_iter_span(const struct uk_iter *it, const void **ptr, size_t max);
void uk_iter_advance(struct uk_iter *it, size_t n);

/* sockaddr.c: Linux sockaddr_in / sockaddr_in6 <-> lwIP. */
long uk_sockaddr_parse(const struct uk_socket *s, const void *sa, unsigned len,
		       ip_addr_t *ip, u16_t *port, int *unspec);
/* Writes at most *len bytes (the address is cut as on Linux) and sets
 * *len to the full size. */
void uk_sockaddr_store(const struct uk_socket *s, const ip_addr_t *ip, u16_t port,
		       void *sa, unsigned *len);
/* An address the image may bind: any, one of its own, or (UDP) multicast
 * or broadcast. */
int uk_sockaddr_local(const ip_addr_t *ip, int type);
/* The wildcard for s: dual-stack for AF_INET6 unless IPV6_V6ONLY. */
const ip_addr_t *uk_sockaddr_any(const struct uk_socket *s);
/* lwIP error -> negative Linux errno. */
long uk_sock_err(err_t e);

/* TCP inside: tcp_socket.c (life, errors), tcp_data.c (data),
 * tcp_listen.c (accepting). */
void uk_tcp_attach(struct uk_socket *s, struct tcp_pcb *pcb);
long uk_tcp_ensure_pcb(struct uk_socket *s);
void uk_tcp_abort(struct uk_socket *s);
err_t uk_tcp_on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err);
void uk_tcp_rx_free(struct uk_socket *s);
long uk_tcp_recv(struct uk_socket *s, struct uk_iter *it, int flags,
		 ip_addr_t *from, u16_t *port, int *mflags, int nonblock);
long uk_tcp_send(struct uk_socket *s, struct uk_iter *it, int flags,
		 const ip_addr_t *to, u16_t port, int nonblock);
int uk_tcp_writable(struct uk_socket *s);
long uk_tcp_nread(struct uk_socket *s);
long uk_tcp_nwrite(struct uk_socket *s);
long uk_tcp_listen(struct uk_socket *s, int backlog);
long uk_tcp_accept(struct uk_socket *s, struct uk_socket **out, int nonblock);
void uk_tcp_listen_close(struct uk_socket *s);

#endif
