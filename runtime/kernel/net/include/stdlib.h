/* What lwIP takes from <stdlib.h>: atoi (netif_find). Memory comes through
 * mem_clib_* (arch/cc.h). */
#ifndef UK_NET_STDLIB_H
#define UK_NET_STDLIB_H

int uk_lwip_atoi(const char *s);
#define atoi uk_lwip_atoi

#endif
