/* The platform console as fds 0, 1 and 2 (and /dev/console): output goes to
 * the console, stdin is at end of file (Solo5 has no console input). Not a
 * terminal: stdio then buffers fully and flushes at exit. */
#include "file.h"

#define S_IFCHR 0020000

static long console_read(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return 0;
}

static long console_write(struct uk_file *f, const void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)pos;
	if ((long)len < 0)
		return -UK_EINVAL;
	uk_platform_console_write(buf, len);
	return (long)len;
}

static long console_stat(struct uk_file *f, struct uk_stat *st)
{
	(void)f;
	st->mode = S_IFCHR | 0620;
	st->rdev = (5 << 8) | 1;   /* 5:1, /dev/console */
	st->nlink = 1;
	st->blksize = 1024;
	return 0;
}

/* Always ready: output never blocks, input is at end of file. */
static long console_poll(struct uk_file *f)
{
	(void)f;
	return UK_POLLIN | UK_POLLOUT | UK_POLLRDNORM | UK_POLLWRNORM;
}

const struct uk_file_ops uk_console_ops = {
	.poll = console_poll,
	.read = console_read,
	.write = console_write,
	.stat = console_stat,
};

void uk_console_init(void)
{
	static const unsigned modes[3] = { UK_O_RDONLY, UK_O_WRONLY, UK_O_WRONLY };
	for (int fd = 0; fd < 3; fd++) {
		struct uk_file *f = uk_file_new(&uk_console_ops, modes[fd]);
		if (!f || uk_fd_install_at(fd, f, 0) != fd)
			uk_boot_error("cannot set up the console descriptors", 0);
	}
}
