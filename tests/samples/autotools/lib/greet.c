#include "config.h"
#include "greet.h"
#include <stdio.h>
#include <unistd.h>
#ifdef HAVE_SYS_EPOLL_H
#include <sys/epoll.h>
#endif

int greet_format(char *buf, size_t size, const char *name)
{
    return snprintf(buf, size, "Hello, %s!", name && *name ? name : "world");
}

const char *greet_platform(void)
{
#if defined(GREET_UNIKERNEL) && defined(__unikernel__) && defined(__linux__)
    return "unikernel (Linux API)";
#elif defined(__unikernel__)
    return "unikernel";
#else
    return "hosted";
#endif
}

int greet_have_epoll(void)
{
#if defined(HAVE_SYS_EPOLL_H) && defined(HAVE_EPOLL_CREATE1)
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0)
        return 0;
    close(fd);
    return 1;
#else
    return 0;
#endif
}
