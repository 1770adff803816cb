/* Orchestration: options, image, memory, devices, fault handlers, seccomp, entry. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>

#include "spt.h"

static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fputs("tender-spt: ", stderr);
	if (prefix)
		fprintf(stderr, "%s: ", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void spt_die_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
	exit(SPT_EXIT_USAGE);
}

void spt_die_image(const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(path, fmt, ap);
	va_end(ap);
	exit(SPT_EXIT_IMAGE);
}

void spt_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
	exit(SPT_EXIT_IMAGE);
}

int main(int argc, char **argv)
{
	static struct spt_opts o;
	static struct spt_image img;

	spt_parse_options(argc, argv, &o);
	spt_load_image(o.image, o.mem_size, &img);

	/* Opened now: once the filter is on, the fault handler can only write. */
	int report_fd = -1;
	if (o.fault_report) {
		report_fd = open(o.fault_report, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (report_fd < 0)
			spt_die("--fault-report=%s: %s", o.fault_report, strerror(errno));
	}

	int epollfd = epoll_create1(EPOLL_CLOEXEC);
	if (epollfd < 0)
		spt_die("epoll_create1: %s", strerror(errno));
	int timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (timerfd < 0)
		spt_die("timerfd_create: %s", strerror(errno));
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = SPT_TIMERFD_DATA };
	if (epoll_ctl(epollfd, EPOLL_CTL_ADD, timerfd, &ev) < 0)
		spt_die("epoll_ctl(timerfd): %s", strerror(errno));

	/* Devices first: they complete the manifest and fail on bad options. */
	spt_attach_devices(&o, &img, epollfd);

	spt_map_memory(o.mem_size);
	spt_copy_segments(&img);

	/* Boot info, then the manifest copy, then the command line. */
	struct spt_boot_info *bi = (struct spt_boot_info *)SPT_BOOT_INFO_ADDR;
	unsigned char *mft = (unsigned char *)(SPT_BOOT_INFO_ADDR + sizeof *bi);
	char *cmdline = (char *)(mft + img.mft_size);
	memcpy(mft, img.mft, img.mft_size);
	memcpy(cmdline, o.cmdline, SPT_CMDLINE_SIZE);
	bi->mem_size = o.mem_size;
	bi->kernel_end = img.kernel_end;
	bi->cmdline = cmdline;
	bi->mft = mft;
	bi->epollfd = epollfd;
	bi->timerfd = timerfd;

	spt_protect_segments(&img);
	uint64_t entry = img.entry;
	uint64_t mem_size = o.mem_size;

	fflush(stdout);
	fflush(stderr);
	/* Nothing may give memory back to the host once the filter is on. */
	mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
	mallopt(M_MMAP_THRESHOLD, 0x7fffffff);

	spt_install_fault_handlers(mem_size, report_fd);
	spt_install_seccomp(&img, epollfd, timerfd, report_fd);
	spt_enter(entry, mem_size - 8, SPT_BOOT_INFO_ADDR);
}
