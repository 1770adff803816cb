/* Waiting without spinning (wait.c). */
#ifndef UK_WAIT_H
#define UK_WAIT_H

#include <stdint.h>

/* Park once: until deadline (monotonic ns), lwIP's next timer or a device
 * with frames, whichever comes first; then pump the network. A drop-in for
 * uk_platform_yield in a loop that re-checks its own condition. Returns
 * -UK_EINTR when a signal the thread does not block is pending (the caller
 * ends its call with EINTR), else 0. */
int uk_wait_once(uint64_t deadline);
/* When the kernel itself next needs to wake (lwIP's timers, alarms and
 * POSIX timers, timerfds): call once per park (timers.h). */
uint64_t uk_wait_kernel_deadline(void);
/* Sleep until the monotonic clock reaches deadline, the network served
 * meanwhile. */
void uk_wait_until(uint64_t deadline);

#endif
