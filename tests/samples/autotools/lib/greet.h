#ifndef GREET_H
#define GREET_H
#include <stddef.h>

/* Writes "Hello, NAME!" into buf (at most size bytes, NUL-terminated).
   Returns the length the full greeting needs, like snprintf. */
int greet_format(char *buf, size_t size, const char *name);

/* A short description of the platform the library was built for. */
const char *greet_platform(void);

/* 1 if epoll works here (created and closed an epoll instance). */
int greet_have_epoll(void);

#endif
