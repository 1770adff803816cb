/* /dev: null, zero, full, random, urandom, console, and stdin/stdout/stderr
 * (opening them shares descriptor 0, 1 or 2, like Linux's /proc/self/fd). */
#include "fs.h"

extern const struct uk_file_ops uk_console_ops;

#define ENOSPC_WRITE -UK_ENOSPC

static long read_eof(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return 0;
}

static long write_sink(struct uk_file *f, const void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf, (void)pos;
	return (long)len;
}

static long read_zero(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)pos;
	memset(buf, 0, len);
	return (long)len;
}

static long write_full(struct uk_file *f, const void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return ENOSPC_WRITE;
}

static long read_random(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)pos;
	if (len > (1u << 25))
		len = 1u << 25;   /* Linux also returns short reads of huge requests */
	uk_random_bytes(buf, len);
	return (long)len;
}

#define DEVICE_OPS(name, rd, wr) \
	static const struct uk_file_ops name = { \
		.read = rd, .write = wr, .stat = uk_node_file_stat, \
		.release = uk_node_file_release, .seekable = 1, \
	}

DEVICE_OPS(null_ops, read_eof, write_sink);
DEVICE_OPS(zero_ops, read_zero, write_sink);
DEVICE_OPS(full_ops, read_zero, write_full);
DEVICE_OPS(random_ops, read_random, write_sink);

static long open_std(struct uk_node *n, unsigned flags, int cloexec)
{
	(void)flags;
	struct uk_file *f = uk_fd_get((long)n->dev_arg);
	if (!f)
		return -UK_ENXIO;
	f->refs++;
	return uk_fd_install(f, cloexec);
}

static long open_console(struct uk_node *n, unsigned flags, int cloexec)
{
	(void)n;
	struct uk_file *f = uk_file_new(&uk_console_ops, flags & (UK_O_ACCMODE | UK_O_APPEND | UK_O_NONBLOCK));
	return f ? uk_fd_install(f, cloexec) : -UK_ENOMEM;
}

static void add(struct uk_node *dev, const char *name, unsigned mode, unsigned major, unsigned minor,
                const struct uk_file_ops *ops, long (*open)(struct uk_node *, unsigned, int))
{
	struct uk_dirent *old = uk_dir_find(dev, name, uk_strlen(name));
	if (old)
		uk_dir_unlink(dev, old);   /* the rootfs's own /dev entry gives way */
	struct uk_node *n = uk_node_new(S_IFCHR | mode);
	if (!n || uk_dir_link(dev, name, uk_strlen(name), n))
		uk_boot_error("out of memory creating /dev", 0);
	n->rdev = (uint64_t)major << 8 | minor;
	n->dev_ops = ops;
	n->dev_open = open;
}

void uk_devices_init(struct uk_node *dev)
{
	add(dev, "null", 0666, 1, 3, &null_ops, 0);
	add(dev, "zero", 0666, 1, 5, &zero_ops, 0);
	add(dev, "full", 0666, 1, 7, &full_ops, 0);
	add(dev, "random", 0666, 1, 8, &random_ops, 0);
	add(dev, "urandom", 0666, 1, 9, &random_ops, 0);
	add(dev, "console", 0620, 5, 1, 0, open_console);
	static const char *const std[3] = { "stdin", "stdout", "stderr" };
	for (unsigned fd = 0; fd < 3; fd++) {
		add(dev, std[fd], 0620, 5, 1, 0, open_std);
		uk_dir_find(dev, std[fd], uk_strlen(std[fd]))->node->dev_arg = fd;
	}
}
