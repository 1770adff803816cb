/* The syscall policy: Solo5's spt contract, plus writes to the fault report
 * file when the runner asked for one. Anything else traps to fault.c, which
 * reports the call and then lets the kernel kill the process with SIGSYS. */
#include <asm/prctl.h>
#include <errno.h>
#include <seccomp.h>
#include <string.h>
#include <time.h>

#include "spt.h"

static void rule(scmp_filter_ctx ctx, const char *what, int nr, unsigned n,
		 const struct scmp_arg_cmp *args)
{
	int rc = seccomp_rule_add_exact_array(ctx, SCMP_ACT_ALLOW, nr, n, args);
	if (rc < 0)
		spt_die("seccomp: cannot add rule for %s: %s", what, strerror(-rc));
}

void spt_install_seccomp(const struct spt_image *img, int epollfd, int timerfd, int report_fd)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
	if (!ctx)
		spt_die("seccomp_init failed");

	struct scmp_arg_cmp a[4];
	a[0] = SCMP_A0(SCMP_CMP_EQ, 1);
	rule(ctx, "write(1)", SCMP_SYS(write), 1, a);
	if (report_fd >= 0) {
		a[0] = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)report_fd);
		rule(ctx, "write(fault report)", SCMP_SYS(write), 1, a);
	}
	rule(ctx, "exit_group", SCMP_SYS(exit_group), 0, NULL);
	a[0] = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)epollfd);
	rule(ctx, "epoll_pwait", SCMP_SYS(epoll_pwait), 1, a);
	a[0] = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)timerfd);
	rule(ctx, "timerfd_settime", SCMP_SYS(timerfd_settime), 1, a);
	a[0] = SCMP_A0(SCMP_CMP_EQ, CLOCK_MONOTONIC);
	rule(ctx, "clock_gettime(MONOTONIC)", SCMP_SYS(clock_gettime), 1, a);
	a[0] = SCMP_A0(SCMP_CMP_EQ, CLOCK_REALTIME);
	rule(ctx, "clock_gettime(REALTIME)", SCMP_SYS(clock_gettime), 1, a);
	a[0] = SCMP_A0(SCMP_CMP_EQ, ARCH_SET_FS);
	rule(ctx, "arch_prctl(SET_FS)", SCMP_SYS(arch_prctl), 1, a);

	const struct solo5_mft *m = img->mft;
	for (uint32_t i = 1; i < m->entries; i++) {
		const struct solo5_mft_entry *e = &m->e[i];
		if (!e->attached)
			continue;
		scmp_datum_t fd = (scmp_datum_t)e->b.hostfd;
		if (e->type == SOLO5_MFT_NET_BASIC) {
			a[0] = SCMP_A0(SCMP_CMP_EQ, fd);
			rule(ctx, "read(tap)", SCMP_SYS(read), 1, a);
			rule(ctx, "write(tap)", SCMP_SYS(write), 1, a);
		} else {
			uint64_t bs = e->u.block_basic.block_size;
			uint64_t last = e->u.block_basic.capacity - bs;
			a[0] = SCMP_A0(SCMP_CMP_EQ, fd);
			a[1] = SCMP_A2(SCMP_CMP_EQ, bs);
			a[2] = SCMP_A3(SCMP_CMP_LE, last);
			rule(ctx, "pread64(block)", SCMP_SYS(pread64), 3, a);
			rule(ctx, "pwrite64(block)", SCMP_SYS(pwrite64), 3, a);
		}
	}

	int rc = seccomp_load(ctx);
	if (rc < 0)
		spt_die("seccomp_load: %s", strerror(-rc));
	/* ctx is deliberately not released: from here on only the guest's
	 * syscalls are allowed. */
}
