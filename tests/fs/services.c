/* getaddrinfo with service names: an image has a generated /etc/services
 * (the rootfs's own wins), so the names resolve as on the host. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>

int main(void)
{
	const char *names[] = { "http", "https", "ssh", "smtp", "domain", "mysql", "postgresql", 0 };
	for (int i = 0; names[i]; i++) {
		struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICHOST }, *r;
		int e = getaddrinfo("127.0.0.1", names[i], &hints, &r);
		printf("%s: %d\n", names[i], e ? -1 : ntohs(((struct sockaddr_in *)r->ai_addr)->sin_port));
		if (!e)
			freeaddrinfo(r);
	}
	return 0;
}
