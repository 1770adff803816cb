#include "greet.h"
#include <stdio.h>
#include <string.h>

static int failures;

static void check(const char *what, const char *want, const char *got)
{
    if (strcmp(want, got) != 0) {
        printf("FAIL %s: want '%s', got '%s'\n", what, want, got);
        failures++;
    } else {
        printf("ok %s\n", what);
    }
}

int main(void)
{
    char buf[64], small[8];
    int n;

    greet_format(buf, sizeof buf, "unikernel");
    check("named", "Hello, unikernel!", buf);
    greet_format(buf, sizeof buf, NULL);
    check("default", "Hello, world!", buf);
    n = greet_format(small, sizeof small, "truncated");
    check("truncated", "Hello, ", small);
    if (n != (int)strlen("Hello, truncated!")) {
        printf("FAIL length: %d\n", n);
        failures++;
    }
    check("platform", "unikernel (Linux API)", greet_platform());
    if (!greet_have_epoll()) {
        printf("FAIL epoll not found or not working\n");
        failures++;
    }
    return failures != 0;
}
