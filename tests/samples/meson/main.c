/* main.c: the meson sample program. `hello NAME` greets NAME; `hello --fail` exits 1. */
#include <stdio.h>
#include <string.h>
#include "greet.h"

int main(int argc, char **argv)
{
    char buf[128];
    if (argc > 1 && strcmp(argv[1], "--fail") == 0)
        return 1;
    greet(argc > 1 ? argv[1] : "nobody", buf, sizeof buf);
    puts(buf);
    return 0;
}
