/* Addresses in runtime options, parsed strictly: dotted quads without
 * leading zeros (no octal surprises), RFC 4291 IPv6 text with one "::" and
 * an optional dotted-quad tail, no zone. Anything else is malformed. */
#include "../kernel.h"
#include "netdev.h"

static int digit(char c) { return c >= '0' && c <= '9'; }

static int hexval(char c)
{
	if (digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A decimal number 0..max with no sign or leading zero; the rest in *end. */
static int decimal(const char *s, int max, const char **end)
{
	int v = 0, n = 0;
	while (digit(s[n])) {
		v = v * 10 + (s[n] - '0');
		if (++n > 3 || v > max)
			return -1;
	}
	if (n == 0 || (n > 1 && s[0] == '0'))
		return -1;
	*end = s + n;
	return v;
}

int uk_net_parse_ip4(const char *s, uint8_t out[4])
{
	for (int i = 0; i < 4; i++) {
		int v = decimal(s, 255, &s);
		if (v < 0 || *s != (i < 3 ? '.' : 0))
			return -1;
		out[i] = (uint8_t)v;
		s++;
	}
	return 0;
}

int uk_net_parse_ip6(const char *s, uint8_t out[16])
{
	uint16_t w[8];
	int n = 0, gap = -1;
	if (s[0] == ':') {
		if (s[1] != ':')
			return -1;
		gap = 0;
		s += 2;
	}
	while (*s) {
		int len = 0, v = 0, h;
		while (len < 5 && (h = hexval(s[len])) >= 0) {
			v = v * 16 + h;
			len++;
		}
		if (s[len] == '.') {            /* dotted-quad tail: the last 32 bits */
			uint8_t q[4];
			if (n > 6 || uk_net_parse_ip4(s, q) < 0)
				return -1;
			w[n++] = (uint16_t)(q[0] << 8 | q[1]);
			w[n++] = (uint16_t)(q[2] << 8 | q[3]);
			break;
		}
		if (len == 0 || len > 4 || n == 8)
			return -1;
		w[n++] = (uint16_t)v;
		s += len;
		if (!*s)
			break;
		if (*s++ != ':' || !*s)
			return -1;
		if (*s == ':') {
			if (gap >= 0)
				return -1;
			gap = n;
			s++;
		}
	}
	if (gap < 0 ? n != 8 : n > 7)     /* "::" stands for one group or more */
		return -1;
	memset(out, 0, 16);
	int tail = gap < 0 ? 0 : n - gap, head = n - tail;
	for (int i = 0; i < head; i++) {
		out[2 * i] = (uint8_t)(w[i] >> 8);
		out[2 * i + 1] = (uint8_t)w[i];
	}
	for (int i = 0; i < tail; i++) {
		int o = 16 - 2 * tail + 2 * i;
		out[o] = (uint8_t)(w[head + i] >> 8);
		out[o + 1] = (uint8_t)w[head + i];
	}
	return 0;
}

int uk_net_split_prefix(const char *s, char *addr, unsigned size, int max, int *prefix)
{
	unsigned n = 0;
	while (s[n] && s[n] != '/') {
		if (n + 1 >= size)
			return -1;
		addr[n] = s[n];
		n++;
	}
	addr[n] = 0;
	*prefix = -1;
	if (!s[n])
		return 0;
	const char *end;
	int p = decimal(s + n + 1, max, &end);
	if (p < 0 || *end)
		return -1;
	*prefix = p;
	return 0;
}
