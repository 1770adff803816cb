/* spt bindings: the platform interface over the system calls Solo5's spt
 * seccomp policy allows (write to fd 1, exit_group, clock_gettime,
 * arch_prctl(ARCH_SET_FS), timerfd_settime + epoll_pwait). */
#include "uk/solo5_abi.h"
#include "../kernel/platform.h"

#define SYS_write 1
#define SYS_arch_prctl 158
#define SYS_clock_gettime 228
#define SYS_exit_group 231
#define SYS_epoll_pwait 281
#define SYS_timerfd_settime 286
#define ARCH_SET_FS 0x1002
#define TFD_TIMER_ABSTIME 1
#define BOOT_STACK_RESERVE (256UL << 10)   /* the tender's stack at the top */

static int epoll_fd, timer_fd;

static long host_call(long n, long a1, long a2, long a3, long a4, long a5)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	__asm__ __volatile__ ("syscall"
		: "=a"(ret)
		: "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8)
		: "rcx", "r11", "memory");
	return ret;
}

void uk_platform_console_write(const char *buf, size_t len)
{
	while (len > 0) {
		long r = host_call(SYS_write, 1, (long)buf, (long)len, 0, 0);
		if (r <= 0)
			return;    /* the console never fails the program */
		buf += r;
		len -= (size_t)r;
	}
}

_Noreturn void uk_platform_exit(int status)
{
	for (;;)
		host_call(SYS_exit_group, status, 0, 0, 0, 0);
}

struct host_timespec {
	long sec, nsec;
};

static uint64_t clock_ns(int clock)
{
	struct host_timespec ts;
	host_call(SYS_clock_gettime, clock, (long)&ts, 0, 0, 0);
	return (uint64_t)ts.sec * 1000000000ULL + (uint64_t)ts.nsec;
}

uint64_t uk_platform_clock_monotonic(void) { return clock_ns(1); }
uint64_t uk_platform_clock_wall(void) { return clock_ns(0); }

void uk_platform_set_tls_base(uintptr_t base)
{
	host_call(SYS_arch_prctl, ARCH_SET_FS, (long)base, 0, 0, 0);
}

struct host_itimerspec {
	struct host_timespec interval, value;
};

struct host_epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

void uk_platform_yield(uint64_t deadline)
{
	struct host_itimerspec its = {
		{0, 0}, {(long)(deadline / 1000000000ULL), (long)(deadline % 1000000000ULL)}
	};
	struct host_epoll_event events[8];
	if (deadline == 0)
		its.value.nsec = 1;    /* zero would disarm the timer */
	host_call(SYS_timerfd_settime, timer_fd, TFD_TIMER_ABSTIME, (long)&its, 0, 0);
	/* Wakes on the timer or a ready device; the timer's expiry count is
	 * never read, the next settime re-arms it. */
	host_call(SYS_epoll_pwait, epoll_fd, (long)events, 8, -1, 0);
}

_Noreturn void uk_spt_main(struct spt_boot_info *bi)
{
	struct uk_boot_info boot;
	epoll_fd = bi->epollfd;
	timer_fd = bi->timerfd;
	boot.cmdline = bi->cmdline;
	boot.heap_start = bi->kernel_end;
	boot.heap_end = bi->mem_size - BOOT_STACK_RESERVE;
	boot.image_start = SOLO5_IMAGE_BASE;
	uk_kernel_main(&boot);
}
