/* Resolves a name with getaddrinfo (musl's resolver: UDP sockets, poll)
 * and prints the addresses, IPv4 first. Usage: udp_resolve NAME */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *p;
	if (argc != 2)
		return 2;
	int e = getaddrinfo(argv[1], "80", &hints, &res);
	if (e) {
		printf("error: %s\n", gai_strerror(e));
		return 1;
	}
	for (int family = AF_INET; family; family = family == AF_INET ? AF_INET6 : 0)
		for (p = res; p; p = p->ai_next) {
			char text[64];
			if (p->ai_family != family)
				continue;
			const void *a = family == AF_INET ? (const void *)&((struct sockaddr_in *)p->ai_addr)->sin_addr
							  : (const void *)&((struct sockaddr_in6 *)p->ai_addr)->sin6_addr;
			printf("%s\n", inet_ntop(family, a, text, sizeof text));
		}
	freeaddrinfo(res);
	return 0;
}
