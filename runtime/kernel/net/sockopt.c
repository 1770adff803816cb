/* setsockopt/getsockopt. Options the stack acts on go to the pcb
 * (ops->apply_opts); buffer sizes are kept and reported as Linux reports
 * them (doubled) but lwIP's buffers are fixed (docs/sockets.md); options
 * with no meaning here are accepted and ignored, as programs set them
 * blindly. */
#include "../kernel.h"
#include "../syscall.h"
#include "socket.h"
#include "lwip/ip.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"

#define SOL_SOCKET 1
#define IPPROTO_IP 0
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define IPPROTO_IPV6 41

#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_NO_CHECK 11
#define SO_PRIORITY 12
#define SO_LINGER 13
#define SO_REUSEPORT 15
#define SO_PASSCRED 16
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO 20
#define SO_SNDTIMEO 21
#define SO_BINDTODEVICE 25
#define SO_TIMESTAMP 29
#define SO_ACCEPTCONN 30
#define SO_SNDBUFFORCE 32
#define SO_RCVBUFFORCE 33
#define SO_MARK 36
#define SO_PROTOCOL 38
#define SO_DOMAIN 39

#define TCP_NODELAY 1
#define TCP_MAXSEG 2
#define TCP_CORK 3
#define TCP_KEEPIDLE 4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT 6
#define TCP_SYNCNT 7
#define TCP_LINGER2 8
#define TCP_DEFER_ACCEPT 9
#define TCP_WINDOW_CLAMP 10
#define TCP_QUICKACK 12
#define TCP_CONGESTION 13
#define TCP_USER_TIMEOUT 18
#define TCP_FASTOPEN 23
#define TCP_NOTSENT_LOWAT 25

#define IP_TOS 1
#define IP_TTL 2
#define IP_PKTINFO 8
#define IP_MTU_DISCOVER 10
#define IP_RECVERR 11
#define IP_FREEBIND 15
#define IP_BIND_ADDRESS_NO_PORT 24

#define IPV6_UNICAST_HOPS 16
#define IPV6_V6ONLY 26
#define IPV6_RECVPKTINFO 49
#define IPV6_TCLASS 67

#define UK_EDOM 33
#define NS_PER_S 1000000000ULL
#define NS_PER_US 1000ULL

/* net.core.rmem_max / wmem_max, and Linux's floors (SOCK_MIN_RCVBUF/SNDBUF). */
#define BUF_MAX 212992
#define RCVBUF_MIN 2304
#define SNDBUF_MIN 4608

/* Linux's TCP keepalive defaults (tcp_keepalive_time/intvl/probes). */
#define KEEPIDLE_DEFAULT 7200
#define KEEPINTVL_DEFAULT 75
#define KEEPCNT_DEFAULT 9
#define TCP_MSS_DEFAULT 536

struct uk_linger {
	int onoff, linger;
};

struct uk_timeval {
	long sec, usec;
};

static const struct {
	int name;
	unsigned flag;
} socket_flags[] = {
	{ SO_REUSEADDR, UK_SO_REUSEADDR }, { SO_REUSEPORT, UK_SO_REUSEPORT },
	{ SO_KEEPALIVE, UK_SO_KEEPALIVE }, { SO_BROADCAST, UK_SO_BROADCAST },
	{ SO_OOBINLINE, UK_SO_OOBINLINE },
};

static unsigned flag_of(int name)
{
	for (unsigned i = 0; i < sizeof socket_flags / sizeof socket_flags[0]; i++)
		if (socket_flags[i].name == name)
			return socket_flags[i].flag;
	return 0;
}

static void set_flag(struct uk_socket *s, unsigned flag, int on)
{
	if (on)
		s->opts |= flag;
	else
		s->opts &= ~flag;
}

static int set_timeout(uint64_t *to, const void *val, long len)
{
	struct uk_timeval tv;
	if (len < (long)sizeof tv)
		return -UK_EINVAL;
	memcpy(&tv, val, sizeof tv);
	if (tv.usec < 0 || tv.usec >= 1000000)
		return -UK_EDOM;
	if (tv.sec < 0)
		*to = 1;                        /* Linux: "do not wait" */
	else
		*to = (uint64_t)tv.sec * NS_PER_S + (uint64_t)tv.usec * NS_PER_US;
	return 0;
}

/* Linux doubles what is asked for its bookkeeping and reports that. */
static int buf_size(int v, int floor)
{
	unsigned u = (unsigned)v > BUF_MAX ? BUF_MAX : (unsigned)v;
	return (int)(u * 2 < (unsigned)floor ? (unsigned)floor : u * 2);
}

static long set_socket_level(struct uk_socket *s, int name, const void *val, long len, int v)
{
	unsigned flag = flag_of(name);
	if (name == SO_LINGER) {
		struct uk_linger l;
		if (len < (long)sizeof l)
			return -UK_EINVAL;
		memcpy(&l, val, sizeof l);
		s->linger_on = l.onoff != 0;
		s->linger_s = l.linger < 0 ? 0 : l.linger;
		return 0;
	}
	if (name == SO_RCVTIMEO)
		return set_timeout(&s->rcvtimeo, val, len);
	if (name == SO_SNDTIMEO)
		return set_timeout(&s->sndtimeo, val, len);
	if (len < (long)sizeof(int))
		return -UK_EINVAL;
	if (flag) {
		set_flag(s, flag, v);
		return 0;
	}
	switch (name) {
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		s->rcvbuf = buf_size(v, RCVBUF_MIN);
		return 0;
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		s->sndbuf = buf_size(v, SNDBUF_MIN);
		return 0;
	case SO_DEBUG:
	case SO_DONTROUTE:
	case SO_NO_CHECK:
	case SO_PRIORITY:
	case SO_PASSCRED:
	case SO_RCVLOWAT:
	case SO_BINDTODEVICE:
	case SO_TIMESTAMP:
	case SO_MARK:
		return 0;
	default:
		return -UK_ENOPROTOOPT;
	}
}

static long set_tcp_level(struct uk_socket *s, int name, int v)
{
	switch (name) {
	case TCP_NODELAY:
		set_flag(s, UK_SO_NODELAY, v);
		return 0;
	case TCP_CORK:
		set_flag(s, UK_SO_CORK, v);     /* kept, not acted on */
		return 0;
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
		if (v < 1 || v > 32767)
			return -UK_EINVAL;
		*(name == TCP_KEEPIDLE ? &s->keepidle : &s->keepintvl) = v;
		return 0;
	case TCP_KEEPCNT:
		if (v < 1 || v > 127)
			return -UK_EINVAL;
		s->keepcnt = v;
		return 0;
	case TCP_MAXSEG:
	case TCP_SYNCNT:
	case TCP_LINGER2:
	case TCP_DEFER_ACCEPT:
	case TCP_WINDOW_CLAMP:
	case TCP_QUICKACK:
	case TCP_CONGESTION:
	case TCP_USER_TIMEOUT:
	case TCP_FASTOPEN:
	case TCP_NOTSENT_LOWAT:
		return 0;
	default:
		return -UK_ENOPROTOOPT;
	}
}

/* tos and ttl live in the fields every lwIP pcb starts with (IP_PCB). */
static u8_t *ip_field(struct uk_socket *s, int ttl)
{
	if (s->type == UK_SOCK_STREAM)
		return !s->pcb.tcp ? 0 : ttl ? &s->pcb.tcp->ttl : &s->pcb.tcp->tos;
	return ttl ? &s->pcb.udp->ttl : &s->pcb.udp->tos;
}

static long set_ip_level(struct uk_socket *s, int name, int v)
{
	u8_t *field = ip_field(s, name == IP_TTL);
	switch (name) {
	case IP_TOS:
		if (field)
			*field = (u8_t)v;
		return 0;
	case IP_TTL:
		if (v < -1 || v == 0 || v > 255)
			return -UK_EINVAL;
		if (field)
			*field = (u8_t)(v == -1 ? IP_DEFAULT_TTL : v);
		return 0;
	case IP_PKTINFO:
	case IP_MTU_DISCOVER:
	case IP_RECVERR:
	case IP_FREEBIND:
	case IP_BIND_ADDRESS_NO_PORT:
		return 0;
	default:
		return -UK_ENOPROTOOPT;
	}
}

static long set_ipv6_level(struct uk_socket *s, int name, int v)
{
	if (s->domain != UK_AF_INET6)
		return -UK_ENOPROTOOPT;
	switch (name) {
	case IPV6_V6ONLY: {
		/* Only before bind: the wildcard's meaning is fixed then. */
		u16_t port = s->type == UK_SOCK_STREAM ? (s->pcb.tcp ? s->pcb.tcp->local_port : 0)
						       : s->pcb.udp->local_port;
		if (port || s->state != UK_SS_UNCONNECTED)
			return -UK_EINVAL;
		set_flag(s, UK_SO_V6ONLY, v);
		return 0;
	}
	case IPV6_UNICAST_HOPS:
	case IPV6_TCLASS:
	case IPV6_RECVPKTINFO:
		return 0;
	default:
		return -UK_ENOPROTOOPT;
	}
}

static long sys_setsockopt(long fd, long level, long name, long val, long len)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	int v = 0;
	if (!s)
		return err;
	if (len < 0)
		return -UK_EINVAL;
	if (len >= (long)sizeof v)
		memcpy(&v, (const void *)val, sizeof v);
	else if (len > 0)
		v = *(const unsigned char *)val;   /* Linux takes a lone byte as an int */
	if (level == SOL_SOCKET) {
		err = set_socket_level(s, (int)name, (const void *)val, len, v);
	} else if (level == IPPROTO_TCP && s->type == UK_SOCK_STREAM) {
		err = len < (long)sizeof(int) ? -UK_EINVAL : set_tcp_level(s, (int)name, v);
	} else if (level == IPPROTO_IP) {
		err = set_ip_level(s, (int)name, v);
	} else if (level == IPPROTO_IPV6) {
		err = set_ipv6_level(s, (int)name, v);
	} else if (level == IPPROTO_UDP && s->type == UK_SOCK_DGRAM) {
		err = 0;                        /* UDP_CORK, UDP_SEGMENT...: ignored */
	} else {
		err = -UK_ENOPROTOOPT;
	}
	if (err == 0)
		s->ops->apply_opts(s);
	return err;
}

/* The value of an option; *size is its length (int unless told). */
static long get_value(struct uk_socket *s, long level, long name, void *out, unsigned *size)
{
	int *v = out;
	*size = sizeof(int);
	if (level == SOL_SOCKET) {
		unsigned flag = flag_of((int)name);
		if (flag) {
			*v = (s->opts & flag) != 0;
			return 0;
		}
		switch (name) {
		case SO_TYPE:       *v = s->type; return 0;
		case SO_DOMAIN:     *v = s->domain; return 0;
		case SO_PROTOCOL:   *v = s->protocol; return 0;
		case SO_ERROR:      *v = uk_socket_take_error(s); return 0;
		case SO_RCVBUF:     *v = s->rcvbuf; return 0;
		case SO_SNDBUF:     *v = s->sndbuf; return 0;
		case SO_ACCEPTCONN: *v = s->state == UK_SS_LISTENING; return 0;
		case SO_RCVLOWAT:
		case SO_SNDLOWAT:   *v = 1; return 0;
		case SO_DEBUG:
		case SO_DONTROUTE:
		case SO_NO_CHECK:
		case SO_PRIORITY:
		case SO_PASSCRED:
		case SO_TIMESTAMP:
		case SO_MARK:       *v = 0; return 0;
		case SO_LINGER: {
			struct uk_linger l = { s->linger_on, s->linger_s };
			memcpy(out, &l, sizeof l);
			*size = sizeof l;
			return 0;
		}
		case SO_RCVTIMEO:
		case SO_SNDTIMEO: {
			uint64_t ns = name == SO_RCVTIMEO ? s->rcvtimeo : s->sndtimeo;
			struct uk_timeval tv = { (long)(ns / NS_PER_S), (long)(ns % NS_PER_S / NS_PER_US) };
			memcpy(out, &tv, sizeof tv);
			*size = sizeof tv;
			return 0;
		}
		}
		return -UK_ENOPROTOOPT;
	}
	if (level == IPPROTO_TCP && s->type == UK_SOCK_STREAM) {
		struct tcp_pcb *pcb = s->pcb.tcp;
		switch (name) {
		case TCP_NODELAY: *v = (s->opts & UK_SO_NODELAY) != 0; return 0;
		case TCP_CORK:    *v = (s->opts & UK_SO_CORK) != 0; return 0;
		case TCP_KEEPIDLE:  *v = s->keepidle ? s->keepidle : KEEPIDLE_DEFAULT; return 0;
		case TCP_KEEPINTVL: *v = s->keepintvl ? s->keepintvl : KEEPINTVL_DEFAULT; return 0;
		case TCP_KEEPCNT:   *v = s->keepcnt ? s->keepcnt : KEEPCNT_DEFAULT; return 0;
		case TCP_MAXSEG:
			*v = pcb && s->state == UK_SS_CONNECTED ? pcb->mss : TCP_MSS_DEFAULT;
			return 0;
		}
		return -UK_ENOPROTOOPT;
	}
	if (level == IPPROTO_IP) {
		u8_t *field = ip_field(s, name == IP_TTL);
		switch (name) {
		case IP_TOS: *v = field ? *field : 0; return 0;
		case IP_TTL: *v = field ? *field : IP_DEFAULT_TTL; return 0;
		}
		return -UK_ENOPROTOOPT;
	}
	if (level == IPPROTO_IPV6 && s->domain == UK_AF_INET6) {
		switch (name) {
		case IPV6_V6ONLY:       *v = (s->opts & UK_SO_V6ONLY) != 0; return 0;
		case IPV6_UNICAST_HOPS: *v = IP_DEFAULT_TTL; return 0;
		}
	}
	return -UK_ENOPROTOOPT;
}

static long sys_getsockopt(long fd, long level, long name, long val, long lenp)
{
	long err;
	struct uk_socket *s = uk_socket_get(fd, &err);
	union {
		int i;
		struct uk_linger l;
		struct uk_timeval tv;
	} buf;
	unsigned size;
	if (!s)
		return err;
	int len = *(int *)lenp;
	if (len < 0)
		return -UK_EINVAL;
	memset(&buf, 0, sizeof buf);
	err = get_value(s, level, name, &buf, &size);
	if (err)
		return err;
	if ((unsigned)len < size)
		size = (unsigned)len;           /* cut short, as Linux does */
	memcpy((void *)val, &buf, size);
	*(int *)lenp = (int)size;
	return 0;
}

UK_SYSCALL(54, setsockopt, sys_setsockopt);
UK_SYSCALL(55, getsockopt, sys_getsockopt);
