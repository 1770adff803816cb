/* greet.c: the sample's static library. */
#include <stdio.h>
#include "greet.h"

int greet(const char *name, char *buf, unsigned long size)
{
#ifdef __unikernel__
    const char *os = "unikernel";
#else
    const char *os = "not unikernel";
#endif
    return snprintf(buf, size, "hello, %s (%s, %s)", name, os,
                    UKS_HAVE_EPOLL ? "epoll" : "no epoll");
}
