#include "config.h"
#include "greet.h"
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    char buf[128];

    if (argc > 1 && strcmp(argv[1], "--platform") == 0) {
        printf("platform: %s\n", greet_platform());
        printf("epoll: %s\n", greet_have_epoll() ? "yes" : "no");
#ifdef HAVE_ACCEPT4
        printf("accept4: yes\n");
#else
        printf("accept4: no\n");
#endif
        printf("run-test: %s\n", GREET_RUN_ARGV);
        return 0;
    }
    greet_format(buf, sizeof buf, argc > 1 ? argv[1] : NULL);
    puts(buf);
    return 0;
}
