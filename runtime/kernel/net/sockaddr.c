/* Socket addresses: Linux's sockaddr_in and sockaddr_in6 to lwIP's
 * ip_addr_t and back, IPv4-mapped IPv6 addresses for dual-stack sockets,
 * and lwIP's errors as Linux errnos. */
#include "../kernel.h"
#include "socket.h"
#include "lwip/netif.h"

struct sa_in {
	uint16_t family;
	uint16_t port;          /* network order */
	uint32_t addr;          /* network order */
	uint8_t zero[8];
};

struct sa_in6 {
	uint16_t family;
	uint16_t port;
	uint32_t flowinfo;
	uint32_t addr[4];
	uint32_t scope_id;
};

#define SIN6_LEN_RFC2133 24     /* Linux still accepts the size without scope_id */

long uk_sockaddr_parse(const struct uk_socket *s, const void *sa, unsigned len,
		       ip_addr_t *ip, u16_t *port, int *unspec)
{
	uint16_t family;
	*unspec = 0;
	if (len < sizeof family)
		return -UK_EINVAL;
	if (!sa)
		return -UK_EFAULT;
	memcpy(&family, sa, sizeof family);
	if (family == UK_AF_UNSPEC) {
		*unspec = 1;
		/* bind(2) takes AF_UNSPEC with INADDR_ANY on AF_INET sockets. */
		if (s->domain == UK_AF_INET && len >= sizeof(struct sa_in)) {
			struct sa_in in;
			memcpy(&in, sa, sizeof in);
			ip_addr_set_ip4_u32_val(*ip, in.addr);
			*port = lwip_ntohs(in.port);
		}
		return 0;
	}
	if (s->domain == UK_AF_INET) {
		struct sa_in in;
		if (len < sizeof in)
			return -UK_EINVAL;
		if (family != UK_AF_INET)
			return -UK_EAFNOSUPPORT;
		memcpy(&in, sa, sizeof in);
		ip_addr_set_ip4_u32_val(*ip, in.addr);
		*port = lwip_ntohs(in.port);
		return 0;
	}
	struct sa_in6 in6 = { 0 };
	if (len < SIN6_LEN_RFC2133)
		return -UK_EINVAL;
	if (family != UK_AF_INET6)
		return -UK_EAFNOSUPPORT;
	memcpy(&in6, sa, len < sizeof in6 ? len : sizeof in6);
	*port = lwip_ntohs(in6.port);
	ip6_addr_t a;
	IP6_ADDR(&a, in6.addr[0], in6.addr[1], in6.addr[2], in6.addr[3]);
	if (ip6_addr_isipv4mappedipv6(&a)) {
		/* A v4 peer of a dual-stack socket. */
		if (s->opts & UK_SO_V6ONLY)
			return -UK_ENETUNREACH;
		ip_addr_set_ip4_u32_val(*ip, in6.addr[3]);
		return 0;
	}
	ip6_addr_clear_zone(&a);
	/* Linux's scope id is an interface index; here it is lwIP's netif
	 * index, which the address needs only when it is scoped. */
	if (in6.scope_id && in6.scope_id < 256 && ip6_addr_has_scope(&a, IP6_UNKNOWN))
		ip6_addr_set_zone(&a, (u8_t)in6.scope_id);
	ip_addr_copy_from_ip6(*ip, a);
	return 0;
}

void uk_sockaddr_store(const struct uk_socket *s, const ip_addr_t *ip, u16_t port,
		       void *sa, unsigned *len)
{
	union {
		struct sa_in in;
		struct sa_in6 in6;
	} u;
	unsigned size;
	memset(&u, 0, sizeof u);
	if (s->domain == UK_AF_INET) {
		u.in.family = UK_AF_INET;
		u.in.port = lwip_htons(port);
		u.in.addr = ip && IP_IS_V4(ip) ? ip4_addr_get_u32(ip_2_ip4(ip)) : 0;
		size = sizeof u.in;
	} else {
		u.in6.family = UK_AF_INET6;
		u.in6.port = lwip_htons(port);
		if (ip && IP_IS_V4(ip)) {
			u.in6.addr[2] = PP_HTONL(0xffff);
			u.in6.addr[3] = ip4_addr_get_u32(ip_2_ip4(ip));
		} else if (ip && IP_IS_V6(ip)) {
			const ip6_addr_t *a = ip_2_ip6(ip);
			memcpy(u.in6.addr, a->addr, sizeof u.in6.addr);
			if (ip6_addr_has_zone(a))
				u.in6.scope_id = ip6_addr_zone(a);
		}
		size = sizeof u.in6;
	}
	memcpy(sa, &u, *len < size ? *len : size);
	*len = size;
}

int uk_sockaddr_local(const ip_addr_t *ip, int type)
{
	struct netif *n;
	if (ip_addr_isany(ip))
		return 1;
	if (IP_IS_V4(ip)) {
		const ip4_addr_t *a = ip_2_ip4(ip);
		if (type == UK_SOCK_DGRAM &&
		    (ip4_addr_ismulticast(a) || ip4_addr_get_u32(a) == IPADDR_BROADCAST))
			return 1;
		NETIF_FOREACH(n)
			if (ip4_addr_cmp(netif_ip4_addr(n), a))
				return 1;
		return 0;
	}
	if (type == UK_SOCK_DGRAM && ip6_addr_ismulticast(ip_2_ip6(ip)))
		return 1;
	NETIF_FOREACH(n)
		if (netif_get_ip6_addr_match(n, ip_2_ip6(ip)) >= 0)
			return 1;
	return 0;
}

const ip_addr_t *uk_sockaddr_any(const struct uk_socket *s)
{
	if (s->domain == UK_AF_INET)
		return IP4_ADDR_ANY;
	return (s->opts & UK_SO_V6ONLY) ? IP6_ADDR_ANY : IP_ANY_TYPE;
}

long uk_sock_err(err_t e)
{
	switch (e) {
	case ERR_OK:         return 0;
	case ERR_MEM:        return -UK_ENOMEM;
	case ERR_BUF:        return -UK_ENOBUFS;
	case ERR_TIMEOUT:    return -UK_ETIMEDOUT;
	case ERR_RTE:        return -UK_ENETUNREACH;
	case ERR_INPROGRESS: return -UK_EINPROGRESS;
	case ERR_WOULDBLOCK: return -UK_EAGAIN;
	case ERR_USE:        return -UK_EADDRINUSE;
	case ERR_ALREADY:    return -UK_EALREADY;
	case ERR_ISCONN:     return -UK_EISCONN;
	case ERR_CONN:       return -UK_ENOTCONN;
	case ERR_IF:         return -UK_EIO;
	case ERR_ABRT:       return -UK_ECONNABORTED;
	case ERR_RST:        return -UK_ECONNRESET;
	case ERR_CLSD:       return -UK_ENOTCONN;
	default:             return -UK_EINVAL;
	}
}
