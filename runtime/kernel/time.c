/* Clocks from the platform; sleeping parks in the platform's yield. */
#include "kernel.h"
#include "syscall.h"

struct uk_timespec {
	long sec;
	long nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_TAI 11

long uk_sys_clock_gettime(long clk, long ts)
{
	struct uk_timespec *t = (struct uk_timespec *)ts;
	uint64_t ns;
	if (clk == CLOCK_REALTIME || clk == CLOCK_REALTIME_COARSE || clk == CLOCK_TAI)
		ns = uk_platform_clock_wall();
	else if (clk >= 0 && clk <= 11)   /* monotonic, boottime, cpu-time clocks */
		ns = uk_platform_clock_monotonic();
	else
		return -UK_EINVAL;
	t->sec = (long)(ns / 1000000000);
	t->nsec = (long)(ns % 1000000000);
	return 0;
}

long uk_sys_nanosleep(long req, long rem)
{
	const struct uk_timespec *t = (const struct uk_timespec *)req;
	if (t->sec < 0 || t->nsec < 0 || t->nsec >= 1000000000)
		return -UK_EINVAL;
	uint64_t deadline = uk_platform_clock_monotonic() + (uint64_t)t->sec * 1000000000 + (uint64_t)t->nsec;
	while (uk_platform_clock_monotonic() < deadline)
		uk_platform_yield(deadline);
	if (rem) {
		((struct uk_timespec *)rem)->sec = 0;
		((struct uk_timespec *)rem)->nsec = 0;
	}
	return 0;
}

UK_SYSCALL(228, clock_gettime, uk_sys_clock_gettime);
UK_SYSCALL(35, nanosleep, uk_sys_nanosleep);
