/* The descriptor table and the calls that work on any open file: close,
 * dup*, fcntl, read/write and their vector and positioned forms, lseek,
 * ioctl, fstat, sendfile. */
#include "file.h"
#include "syscall.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_SETOWN 8
#define F_GETOWN 9
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#define F_UNLCK 2
#define FIONREAD 0x541b
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define IOV_MAX 1024
/* Status flags F_SETFL may change (Linux): O_APPEND, O_ASYNC, O_DIRECT,
 * O_NOATIME, O_NONBLOCK. */
#define SETFL_MASK (UK_O_APPEND | 020000 | 040000 | 01000000 | UK_O_NONBLOCK)

struct fd_slot {
	struct uk_file *file;
	int cloexec;
};

static struct fd_slot *table;
static unsigned long table_size;

uint64_t uk_file_stamps;

struct uk_file *uk_file_new(const struct uk_file_ops *ops, unsigned flags)
{
	static uint64_t next_id = 1;
	struct uk_file *f = uk_malloc(sizeof *f);
	if (f) {
		f->id = next_id++;
		f->ops = ops;
		f->refs = 1;
		f->flags = flags;
	}
	return f;
}

void uk_file_put(struct uk_file *f)
{
	if (--f->refs == 0) {
		if (f->ops->release)
			f->ops->release(f);
		uk_free(f);
	}
}

struct uk_file *uk_fd_get(long fd)
{
	if (fd < 0 || (unsigned long)fd >= table_size)
		return 0;
	return table[fd].file;
}

static long grow_to(unsigned long fd)
{
	if (fd < table_size)
		return 0;
	if (fd >= uk_rlimit_nofile())
		return -UK_EMFILE;
	unsigned long size = table_size ? table_size : 64;
	while (size <= fd)
		size *= 2;
	struct fd_slot *t = uk_realloc(table, size * sizeof *t);
	if (!t)
		return -UK_ENOMEM;
	table = t;
	table_size = size;
	return 0;
}

static long lowest_free(unsigned long from)
{
	unsigned long fd = from;
	while (fd < table_size && table[fd].file)
		fd++;
	if (fd >= uk_rlimit_nofile())
		return -UK_EMFILE;   /* the limit may have been lowered below the table */
	long err = grow_to(fd);
	return err ? err : (long)fd;
}

long uk_fd_install_at(int fd, struct uk_file *f, int cloexec)
{
	long err = grow_to((unsigned long)fd);
	if (err) {
		uk_file_put(f);
		return err;
	}
	struct uk_file *old = table[fd].file;
	table[fd].file = f;
	table[fd].cloexec = cloexec;
	if (old)
		uk_file_put(old);
	return fd;
}

long uk_fd_install(struct uk_file *f, int cloexec)
{
	long fd = lowest_free(0);
	if (fd < 0) {
		uk_file_put(f);
		return fd;
	}
	return uk_fd_install_at((int)fd, f, cloexec);
}

long uk_fd_close(long fd)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	table[fd].file = 0;
	uk_file_put(f);
	return 0;
}

void uk_fd_close_all(void)
{
	for (unsigned long fd = 0; fd < table_size; fd++)
		if (table[fd].file)
			uk_fd_close((long)fd);
}

static long dup_from(long oldfd, unsigned long from, int cloexec)
{
	struct uk_file *f = uk_fd_get(oldfd);
	if (!f)
		return -UK_EBADF;
	if (from >= uk_rlimit_nofile())
		return -UK_EINVAL;
	long fd = lowest_free(from);
	if (fd < 0)
		return fd;
	f->refs++;
	return uk_fd_install_at((int)fd, f, cloexec);
}

static long sys_dup(long oldfd)
{
	return dup_from(oldfd, 0, 0);
}

static long sys_dup3(long oldfd, long newfd, long flags)
{
	struct uk_file *f = uk_fd_get(oldfd);
	if (!f)
		return -UK_EBADF;
	if (flags & ~(long)UK_O_CLOEXEC)
		return -UK_EINVAL;
	if (oldfd == newfd)
		return -UK_EINVAL;
	if (newfd < 0 || (unsigned long)newfd >= uk_rlimit_nofile())
		return -UK_EBADF;
	f->refs++;
	return uk_fd_install_at((int)newfd, f, (flags & UK_O_CLOEXEC) != 0);
}

static long sys_dup2(long oldfd, long newfd)
{
	if (oldfd == newfd)
		return uk_fd_get(oldfd) ? newfd : -UK_EBADF;
	return sys_dup3(oldfd, newfd, 0);
}

struct uk_flock {
	short type, whence;
	long start, len;
	int pid;
};

static long sys_fcntl(long fd, long cmd, long arg)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0)
			return -UK_EINVAL;
		return dup_from(fd, (unsigned long)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return table[fd].cloexec ? FD_CLOEXEC : 0;
	case F_SETFD:
		table[fd].cloexec = (arg & FD_CLOEXEC) != 0;
		return 0;
	case F_GETFL:
		return f->flags & ~(unsigned)UK_O_CLOEXEC;
	case F_SETFL:
		f->flags = (f->flags & ~(unsigned)SETFL_MASK) | ((unsigned)arg & SETFL_MASK);
		return 0;
	case F_GETLK:
	case F_OFD_GETLK:
		/* One process holds every lock there is: nothing conflicts. */
		((struct uk_flock *)arg)->type = F_UNLCK;
		return 0;
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return 0;
	case F_SETOWN:
		return 0;
	case F_GETOWN:
		return 0;
	default:
		return -UK_EINVAL;
	}
}

static int readable(const struct uk_file *f)
{
	return (f->flags & UK_O_ACCMODE) != UK_O_WRONLY && !(f->flags & UK_O_PATH);
}

static int writable(const struct uk_file *f)
{
	return (f->flags & UK_O_ACCMODE) != UK_O_RDONLY && !(f->flags & UK_O_PATH);
}

static long do_read(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	if (!readable(f))
		return -UK_EBADF;
	if (!f->ops->read)
		return -UK_EINVAL;
	return f->ops->read(f, buf, len, pos);
}

static long do_write(struct uk_file *f, const void *buf, size_t len, uint64_t *pos)
{
	if (!writable(f))
		return -UK_EBADF;
	if (!f->ops->write)
		return -UK_EINVAL;
	return f->ops->write(f, buf, len, pos);
}

static long sys_read(long fd, long buf, long len)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (len < 0)
		return -UK_EINVAL;
	return do_read(f, (void *)buf, (size_t)len, &f->pos);
}

static long sys_write(long fd, long buf, long len)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (len < 0)
		return -UK_EINVAL;
	return do_write(f, (const void *)buf, (size_t)len, &f->pos);
}

/* Positioned I/O uses a private copy of the position. */
static long positioned(long fd, long off, struct uk_file **out)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (!f->ops->seekable)
		return -UK_ESPIPE;
	if (off < 0)
		return -UK_EINVAL;
	*out = f;
	return 0;
}

static long sys_pread64(long fd, long buf, long len, long off)
{
	struct uk_file *f;
	long err = positioned(fd, off, &f);
	if (err)
		return err;
	uint64_t pos = (uint64_t)off;
	return len < 0 ? -UK_EINVAL : do_read(f, (void *)buf, (size_t)len, &pos);
}

static long sys_pwrite64(long fd, long buf, long len, long off)
{
	struct uk_file *f;
	long err = positioned(fd, off, &f);
	if (err)
		return err;
	uint64_t pos = (uint64_t)off;
	return len < 0 ? -UK_EINVAL : do_write(f, (const void *)buf, (size_t)len, &pos);
}

long uk_fd_pread(int fd, void *buf, size_t len, long off)
{
	return sys_pread64(fd, (long)buf, (long)len, off);
}

/* Vectors stop at the first short transfer, as Linux does for files. */
static long vector_io(struct uk_file *f, const struct uk_iovec *iov, long cnt, uint64_t *pos, int write)
{
	long total = 0;
	if (cnt < 0 || cnt > IOV_MAX)
		return -UK_EINVAL;
	if (write && f->ops->writev)
		return writable(f) ? f->ops->writev(f, iov, cnt, pos) : -UK_EBADF;
	if (!write && f->ops->readv)
		return readable(f) ? f->ops->readv(f, iov, cnt, pos) : -UK_EBADF;
	for (long i = 0; i < cnt; i++) {
		if (iov[i].len == 0)
			continue;
		long r = write ? do_write(f, iov[i].base, iov[i].len, pos)
		               : do_read(f, iov[i].base, iov[i].len, pos);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((size_t)r < iov[i].len)
			break;
	}
	if (total == 0 && write && cnt > 0 && !writable(f))
		return -UK_EBADF;
	return total;
}

static long sys_readv(long fd, long iov, long cnt)
{
	struct uk_file *f = uk_fd_get(fd);
	return f ? vector_io(f, (const struct uk_iovec *)iov, cnt, &f->pos, 0) : -UK_EBADF;
}

static long sys_writev(long fd, long iov, long cnt)
{
	struct uk_file *f = uk_fd_get(fd);
	return f ? vector_io(f, (const struct uk_iovec *)iov, cnt, &f->pos, 1) : -UK_EBADF;
}

static long sys_preadv(long fd, long iov, long cnt, long off)
{
	struct uk_file *f;
	long err = positioned(fd, off, &f);
	uint64_t pos = (uint64_t)off;
	return err ? err : vector_io(f, (const struct uk_iovec *)iov, cnt, &pos, 0);
}

static long sys_pwritev(long fd, long iov, long cnt, long off)
{
	struct uk_file *f;
	long err = positioned(fd, off, &f);
	uint64_t pos = (uint64_t)off;
	return err ? err : vector_io(f, (const struct uk_iovec *)iov, cnt, &pos, 1);
}

static long sys_lseek(long fd, long off, long whence)
{
	struct uk_file *f = uk_fd_get(fd);
	struct uk_stat st;
	long base;
	if (!f)
		return -UK_EBADF;
	if (!f->ops->seekable)
		return -UK_ESPIPE;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (long)f->pos;
		break;
	case SEEK_END:
		if (!f->ops->stat || f->ops->stat(f, &st) < 0)
			return -UK_EINVAL;
		base = st.size;
		break;
	default:
		return -UK_EINVAL;
	}
	if ((off > 0 && base > (long)(~0UL >> 1) - off) || base + off < 0)
		return off > 0 ? -UK_EOVERFLOW : -UK_EINVAL;
	f->pos = (uint64_t)(base + off);
	return (long)f->pos;
}

static long sys_ioctl(long fd, long req, long arg)
{
	struct uk_file *f = uk_fd_get(fd);
	struct uk_stat st;
	if (!f)
		return -UK_EBADF;
	switch ((unsigned long)req) {
	case FIONBIO:
		if (*(const int *)arg)
			f->flags |= UK_O_NONBLOCK;
		else
			f->flags &= ~(unsigned)UK_O_NONBLOCK;
		return 0;
	case FIOCLEX:
	case FIONCLEX:
		table[fd].cloexec = req == FIOCLEX;
		return 0;
	}
	if (f->ops->ioctl)
		return f->ops->ioctl(f, (unsigned long)req, arg);
	if (req == FIONREAD && f->ops->seekable && f->ops->stat && f->ops->stat(f, &st) == 0) {
		*(int *)arg = st.size > (long)f->pos ? (int)(st.size - (long)f->pos) : 0;
		return 0;
	}
	return -UK_ENOTTY;
}

long uk_fstat_file(struct uk_file *f, struct uk_stat *st)
{
	memset(st, 0, sizeof *st);
	if (!f->ops->stat)
		return -UK_EINVAL;
	return f->ops->stat(f, st);
}

static long sys_fstat(long fd, long st)
{
	struct uk_file *f = uk_fd_get(fd);
	return f ? uk_fstat_file(f, (struct uk_stat *)st) : -UK_EBADF;
}

/* sendfile between any two files: a bounce buffer, no zero-copy yet. */
static long sys_sendfile(long out_fd, long in_fd, long offp, long count)
{
	struct uk_file *in = uk_fd_get(in_fd), *out = uk_fd_get(out_fd);
	static char bounce[16384];
	uint64_t pos;
	long total = 0;
	if (!in || !out)
		return -UK_EBADF;
	if (offp && !in->ops->seekable)
		return -UK_ESPIPE;
	if (count < 0)
		return -UK_EINVAL;
	if (offp) {
		if (*(long *)offp < 0)
			return -UK_EINVAL;
		pos = (uint64_t)*(long *)offp;
	} else {
		pos = in->pos;
	}
	while (total < count) {
		size_t chunk = (size_t)(count - total) < sizeof bounce ? (size_t)(count - total) : sizeof bounce;
		uint64_t before = pos;
		long r = do_read(in, bounce, chunk, &pos);
		if (r <= 0) {
			if (r < 0 && total == 0)
				return r;
			break;
		}
		long w = do_write(out, bounce, (size_t)r, &out->pos);
		if (w < 0) {
			pos = before;
			if (total == 0)
				return w;
			break;
		}
		total += w;
		if (w < r) {
			pos = before + (uint64_t)w;
			break;
		}
	}
	if (offp)
		*(long *)offp = (long)pos;
	else
		in->pos = pos;
	return total;
}

UK_SYSCALL(0, read, sys_read);
UK_SYSCALL(1, write, sys_write);
UK_SYSCALL(3, close, uk_fd_close);
UK_SYSCALL(5, fstat, sys_fstat);
UK_SYSCALL(8, lseek, sys_lseek);
UK_SYSCALL(16, ioctl, sys_ioctl);
UK_SYSCALL(17, pread64, sys_pread64);
UK_SYSCALL(18, pwrite64, sys_pwrite64);
UK_SYSCALL(19, readv, sys_readv);
UK_SYSCALL(20, writev, sys_writev);
UK_SYSCALL(32, dup, sys_dup);
UK_SYSCALL(33, dup2, sys_dup2);
UK_SYSCALL(292, dup3, sys_dup3);
UK_SYSCALL(40, sendfile, sys_sendfile);
UK_SYSCALL(72, fcntl, sys_fcntl);
UK_SYSCALL(295, preadv, sys_preadv);
UK_SYSCALL(296, pwritev, sys_pwritev);
