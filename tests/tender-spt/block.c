#include "guest.h"
static char buf[4096] __attribute__((aligned(512)));
GUEST_MAIN
{
	const struct solo5_mft_entry *e = device(bi, "storage");
	if (!e->attached)
		die("storage not attached");
	int fd = e->b.hostfd;
	unsigned long bs = e->u.block_basic.block_size, cap = e->u.block_basic.capacity;
	if (bs != arg_num(bi->cmdline, "bs", 512) || cap != arg_num(bi->cmdline, "cap", 4096))
		die("unexpected capacity or block size");
	const char *msg = "block data from the guest";
	for (unsigned long i = 0; i < bs; i++)
		buf[i] = (char)('A' + i % 26);
	memcpy(buf, msg, slen(msg));
	const char *cl = bi->cmdline;
	if (arg_num(cl, "badsize", 0)) {
		puts_("writing a short block\n");
		sc6(SYS_pwrite64, fd, (long)buf, (long)(bs / 2), 1024, 0, 0);
		die("short write was allowed");
	}
	if (arg_num(cl, "badoff", 0)) {
		puts_("writing past the end\n");
		sc6(SYS_pwrite64, fd, (long)buf, (long)bs, (long)cap, 0, 0);
		die("write past the end was allowed");
	}
	long off = (long)arg_num(cl, "off", 1024);
	if (sc6(SYS_pwrite64, fd, (long)buf, (long)bs, off, 0, 0) != (long)bs)
		die("pwrite64");
	if (sc6(SYS_pwrite64, fd, (long)buf, (long)bs, (long)(cap - bs), 0, 0) != (long)bs)
		die("pwrite64 last block");
	memset(buf, 0, sizeof buf);
	if (sc6(SYS_pread64, fd, (long)buf, (long)bs, off, 0, 0) != (long)bs)
		die("pread64");
	for (unsigned long i = slen(msg); i < bs; i++)
		if (buf[i] != (char)('A' + i % 26))
			die("readback mismatch");
	puts_("block ok: capacity ");
	putu(cap);
	puts_(" block size ");
	putu(bs);
	puts_("\n");
	exit_(0);
}
