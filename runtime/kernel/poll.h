/* Readiness shared by poll/select (poll.c) and epoll (epoll.c). */
#ifndef UK_POLL_H
#define UK_POLL_H

#include "file.h"

long uk_file_readiness(struct uk_file *f);
uint64_t uk_deadline_after(uint64_t ns);

#endif
