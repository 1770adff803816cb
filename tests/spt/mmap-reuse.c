/* Recycled memory must come back zeroed: dirty it, free it, map again. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
int main(void) {
    for (int r = 0; r < 50; r++) {
        size_t n = (size_t)(r % 7 + 1) << 16;
        unsigned char *p = mmap(0, n, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) { puts("mmap failed"); return 1; }
        for (size_t i = 0; i < n; i++) if (p[i]) { printf("not zero at round %d\n", r); return 1; }
        memset(p, 0xa5, n);
        munmap(p, n);
    }
    puts("reuse ok"); return 0;
}
