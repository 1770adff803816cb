/* socketpair-shim.c: for running libevent's regress as an spt image only
 * (never installed). The image kernel has no AF_UNIX yet, so socketpair()
 * fails with ENOSYS and every test that starts from a socket pair
 * (basic_test_setup) would fail before testing anything. Linked with
 * -Wl,--wrap=socketpair, this makes AF_UNIX SOCK_STREAM pairs out of two
 * loopback TCP sockets with libevent's own fallback (the one it uses on
 * Windows), so the rest of each test exercises the kernel. Other calls go
 * to the real socketpair(). */
#include <errno.h>
#include <sys/socket.h>

int __real_socketpair(int domain, int type, int protocol, int sv[2]);
int evutil_ersatz_socketpair_(int family, int type, int protocol, int fd[2]);

int __wrap_socketpair(int domain, int type, int protocol, int sv[2])
{
    if (domain == AF_UNIX && (type & 0xf) == SOCK_STREAM && protocol == 0) {
        int r = __real_socketpair(domain, type, protocol, sv);
        if (r == 0 || errno != ENOSYS)
            return r;
        return evutil_ersatz_socketpair_(AF_INET, type, 0, sv);
    }
    return __real_socketpair(domain, type, protocol, sv);
}
