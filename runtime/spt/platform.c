/* spt bindings: the platform interface over the system calls Solo5's spt
 * seccomp policy allows (write to fd 1, exit_group, clock_gettime,
 * arch_prctl(ARCH_SET_FS), timerfd_settime + epoll_pwait, read and write
 * on the tap fds of attached net devices). */
#include "uk/solo5_abi.h"
#include "../kernel/kernel.h"   /* the platform interface, UK_E* errnos */

#define SYS_read 0
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

/* Net devices in manifest order; the tender tags each tap fd in the epoll
 * set with its manifest index, which net_of_entry turns back into ours. */
static struct {
	const char *name;
	int fd;
	uint8_t mac[6];
	unsigned mtu;
} net[UK_PLATFORM_NET_MAX];
static int net_count;
static uint8_t net_of_entry[SOLO5_MFT_MAX_ENTRIES];   /* device + 1, 0: none */

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

uint64_t uk_platform_wait(uint64_t deadline)
{
	struct host_itimerspec its = {
		{0, 0}, {(long)(deadline / 1000000000ULL), (long)(deadline % 1000000000ULL)}
	};
	struct host_epoll_event events[16];
	if (deadline == 0)
		its.value.nsec = 1;    /* zero would disarm the timer */
	host_call(SYS_timerfd_settime, timer_fd, TFD_TIMER_ABSTIME, (long)&its, 0, 0);
	/* Wakes on the timer or a ready device; the timer's expiry count is
	 * never read, the next settime re-arms it. Taps are level-triggered:
	 * one not drained wakes the next wait at once. */
	long n = host_call(SYS_epoll_pwait, epoll_fd, (long)events, 16, -1, 0);
	uint64_t ready = 0;
	for (long i = 0; i < n; i++) {
		uint64_t entry = events[i].data;
		if (entry < SOLO5_MFT_MAX_ENTRIES && net_of_entry[entry])
			ready |= 1ULL << (net_of_entry[entry] - 1);
	}
	return ready;
}

void uk_platform_yield(uint64_t deadline)
{
	(void)uk_platform_wait(deadline);
}

int uk_platform_net_count(void)
{
	return net_count;
}

int uk_platform_net_info(unsigned index, const char **name, uint8_t mac[6], unsigned *mtu)
{
	if (index >= (unsigned)net_count)
		return -UK_ENODEV;
	*name = net[index].name;
	for (int i = 0; i < 6; i++)
		mac[i] = net[index].mac[i];
	*mtu = net[index].mtu;
	return 0;
}

/* Host errnos are Linux's, the kernel's own: passed through. */
long uk_platform_net_write(unsigned index, const void *frame, size_t len)
{
	if (index >= (unsigned)net_count)
		return -UK_ENODEV;
	return host_call(SYS_write, net[index].fd, (long)frame, (long)len, 0, 0);
}

long uk_platform_net_read(unsigned index, void *frame, size_t len)
{
	if (index >= (unsigned)net_count)
		return -UK_ENODEV;
	return host_call(SYS_read, net[index].fd, (long)frame, (long)len, 0, 0);
}

/* The attached NET_BASIC entries of the manifest the tender filled in. */
static void net_init(const struct solo5_mft *mft)
{
	if (!mft)
		return;
	for (uint32_t i = 1; i < mft->entries && i < SOLO5_MFT_MAX_ENTRIES; i++) {
		const struct solo5_mft_entry *e = &mft->e[i];
		if (e->type != SOLO5_MFT_NET_BASIC || !e->attached || net_count == UK_PLATFORM_NET_MAX)
			continue;
		net[net_count].name = e->name;
		net[net_count].fd = e->b.hostfd;
		for (int k = 0; k < 6; k++)
			net[net_count].mac[k] = e->u.net_basic.mac[k];
		net[net_count].mtu = e->u.net_basic.mtu;
		net_of_entry[i] = (uint8_t)(++net_count);
	}
}

_Noreturn void uk_spt_main(struct spt_boot_info *bi)
{
	struct uk_boot_info boot;
	epoll_fd = bi->epollfd;
	timer_fd = bi->timerfd;
	net_init(bi->mft);
	boot.cmdline = bi->cmdline;
	boot.heap_start = bi->kernel_end;
	boot.heap_end = bi->mem_size - BOOT_STACK_RESERVE;
	boot.image_start = SOLO5_IMAGE_BASE;
	uk_kernel_main(&boot);
}
