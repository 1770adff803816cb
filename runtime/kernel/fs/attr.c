/* Reading and changing attributes: stat family, statx, access, chmod,
 * chown, utimensat, truncate, sync, umask, statfs. */
#include "fs.h"
#include "mapped.h"
#include "../syscall.h"

#define R_OK 4
#define W_OK 2
#define X_OK 1
#define AT_EACCESS 0x200
#define UTIME_NOW ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)
#define TMPFS_MAGIC 0x01021994
#define ST_NOSUID 2
#define ST_RDONLY 1

static long sys_newfstatat(long dirfd, long path, long st, long flags)
{
	struct uk_node *n;
	if (flags & ~(long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* AT_NO_AUTOMOUNT */))
		return -UK_EINVAL;
	if (path && !((const char *)path)[0] && (flags & AT_EMPTY_PATH) && (int)dirfd != AT_FDCWD) {
		struct uk_file *f = uk_fd_get(dirfd);
		if (!f)
			return -UK_EBADF;
		return uk_fstat_file(f, (struct uk_stat *)st);   /* also consoles and sockets */
	}
	long err = uk_path_node(dirfd, (const char *)path, (int)flags, &n);
	return err ? err : uk_node_stat(n, (struct uk_stat *)st);
}

static long sys_stat(long path, long st)
{
	return sys_newfstatat(AT_FDCWD, path, st, 0);
}

static long sys_lstat(long path, long st)
{
	return sys_newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

struct statx_time {
	int64_t sec;
	uint32_t nsec;
	int32_t reserved;
};

struct statx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_time atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

#define STATX_BASIC_STATS 0x7ff

static struct statx_time sx_time(struct uk_timespec_pair t)
{
	struct statx_time r = { t.sec, (uint32_t)t.nsec, 0 };
	return r;
}

static long sys_statx(long dirfd, long path, long flags, long mask, long buf)
{
	struct uk_stat st;
	(void)mask;
	long err = sys_newfstatat(dirfd, path, (long)&st, flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH));
	if (err)
		return err;
	struct statx *x = (struct statx *)buf;
	memset(x, 0, sizeof *x);
	x->mask = STATX_BASIC_STATS;
	x->blksize = (uint32_t)st.blksize;
	x->nlink = (uint32_t)st.nlink;
	x->uid = st.uid;
	x->gid = st.gid;
	x->mode = (uint16_t)st.mode;
	x->ino = st.ino;
	x->size = (uint64_t)st.size;
	x->blocks = (uint64_t)st.blocks;
	x->atime = sx_time(st.atime);
	x->mtime = sx_time(st.mtime);
	x->ctime = sx_time(st.ctime);
	x->rdev_major = (uint32_t)(st.rdev >> 8);
	x->rdev_minor = (uint32_t)(st.rdev & 0xff);
	x->dev_major = 0;
	x->dev_minor = (uint32_t)st.dev;
	return 0;
}

/* We run as root: read and write are always allowed (unless the tree is
 * read-only), execute needs some x bit on a non-directory. */
static long sys_faccessat2(long dirfd, long path, long mode, long flags)
{
	struct uk_node *n;
	if (mode & ~(long)(R_OK | W_OK | X_OK))
		return -UK_EINVAL;
	long err = uk_path_node(dirfd, (const char *)path, (int)(flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)), &n);
	if (err)
		return err;
	if ((mode & W_OK) && n->readonly && !S_ISCHR(n->mode))
		return -UK_EROFS;
	if ((mode & X_OK) && !S_ISDIR(n->mode) && !(n->mode & 0111))
		return -UK_EACCES;
	return 0;
}

static long sys_faccessat(long dirfd, long path, long mode)
{
	return sys_faccessat2(dirfd, path, mode, 0);
}

static long sys_access(long path, long mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

static long fd_node(long fd, struct uk_node **out)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (!f->node)
		return -UK_EINVAL;
	*out = f->node;
	return 0;
}

static long set_mode(struct uk_node *n, long mode)
{
	if (n->readonly)
		return -UK_EROFS;
	n->mode = (n->mode & S_IFMT) | ((unsigned)mode & 07777);
	uk_node_touch(n, 0);
	return 0;
}

static long sys_fchmodat(long dirfd, long path, long mode)
{
	struct uk_node *n;
	long err = uk_path_node(dirfd, (const char *)path, 0, &n);
	return err ? err : set_mode(n, mode);
}

static long sys_chmod(long path, long mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

static long sys_fchmod(long fd, long mode)
{
	struct uk_node *n;
	long err = fd_node(fd, &n);
	return err ? err : set_mode(n, mode);
}

static long set_owner(struct uk_node *n, long uid, long gid)
{
	if (n->readonly)
		return -UK_EROFS;
	if ((int)uid != -1)
		n->uid = (uint32_t)uid;
	if ((int)gid != -1)
		n->gid = (uint32_t)gid;
	uk_node_touch(n, 0);
	return 0;
}

static long sys_fchownat(long dirfd, long path, long uid, long gid, long flags)
{
	struct uk_node *n;
	long err = uk_path_node(dirfd, (const char *)path, (int)flags, &n);
	return err ? err : set_owner(n, uid, gid);
}

static long sys_chown(long path, long uid, long gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

static long sys_lchown(long path, long uid, long gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

static long sys_fchown(long fd, long uid, long gid)
{
	struct uk_node *n;
	long err = fd_node(fd, &n);
	return err ? err : set_owner(n, uid, gid);
}

static long set_time(struct uk_timespec_pair *dst, const struct uk_timespec_pair *src)
{
	uint64_t ns = uk_platform_clock_wall();
	struct uk_timespec_pair now = { (long)(ns / 1000000000), (long)(ns % 1000000000) };
	if (!src) {
		*dst = now;
	} else if (src->nsec == UTIME_NOW) {
		*dst = now;
	} else if (src->nsec != UTIME_OMIT) {
		if (src->nsec < 0 || src->nsec >= 1000000000)
			return -UK_EINVAL;
		*dst = *src;
	}
	return 0;
}

static long sys_utimensat(long dirfd, long path, long times, long flags)
{
	const struct uk_timespec_pair *t = (const struct uk_timespec_pair *)times;
	struct uk_node *n;
	long err = path ? uk_path_node(dirfd, (const char *)path, (int)flags, &n) : fd_node(dirfd, &n);
	if (err)
		return err;
	if (n->readonly)
		return -UK_EROFS;
	struct uk_timespec_pair a = n->atime, m = n->mtime;
	if ((err = set_time(&a, t ? &t[0] : 0)) || (err = set_time(&m, t ? &t[1] : 0)))
		return err;
	n->atime = a;
	n->mtime = m;
	uk_node_touch(n, 0);
	return 0;
}

static long truncate_node(struct uk_node *n, long len)
{
	if (len < 0)
		return -UK_EINVAL;
	if (S_ISDIR(n->mode))
		return -UK_EISDIR;
	if (!S_ISREG(n->mode))
		return -UK_EINVAL;
	if (n->readonly)
		return -UK_EROFS;
	long err = uk_data_truncate(n, (uint64_t)len);
	if (!err)
		uk_mapped_after_truncate(n, (uint64_t)len);
	return err;
}

static long sys_truncate(long path, long len)
{
	struct uk_node *n;
	long err = uk_path_node(AT_FDCWD, (const char *)path, 0, &n);
	return err ? err : truncate_node(n, len);
}

static long sys_ftruncate(long fd, long len)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (!f->node || (f->flags & UK_O_ACCMODE) == UK_O_RDONLY || (f->flags & UK_O_PATH))
		return f->node && S_ISREG(f->node->mode) ? -UK_EBADF : -UK_EINVAL;
	return truncate_node(f->node, len);
}

static long sys_fallocate(long fd, long mode, long off, long len)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (off < 0 || len <= 0)
		return -UK_EINVAL;
	if (mode)
		return -UK_EOPNOTSUPP;
	if (!f->node || !S_ISREG(f->node->mode))
		return -UK_ENODEV;
	if ((f->flags & UK_O_ACCMODE) == UK_O_RDONLY)
		return -UK_EBADF;
	if ((uint64_t)(off + len) <= f->node->size)
		return 0;
	return truncate_node(f->node, off + len);
}

/* Everything is in memory: syncing has nothing to do. */
static long sys_fsync(long fd)
{
	return uk_fd_get(fd) ? 0 : -UK_EBADF;
}

static long sys_sync(void)
{
	return 0;
}

/* sync_file_range: nothing to write back either, with Linux's checks.
 * (redis calls it every 4 MB while it saves an RDB file; ENOSYS made
 * SAVE and DEBUG RELOAD of a larger database fail.) */
static long sys_sync_file_range(long fd, long off, long len, long flags)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if ((unsigned long)flags & ~7UL || off < 0 || len < 0 ||
	    (unsigned long)off + (unsigned long)len > (unsigned long)INT64_MAX)
		return -UK_EINVAL;
	if (!f->node || !(S_ISREG(f->node->mode) || S_ISDIR(f->node->mode) || S_ISLNK(f->node->mode)))
		return -UK_ESPIPE;
	return 0;
}

static long sys_fadvise64(long fd, long off, long len, long advice)
{
	(void)off;
	if (!uk_fd_get(fd))
		return -UK_EBADF;
	if (len < 0 || advice < 0 || advice > 5)
		return -UK_EINVAL;
	return 0;
}

static long sys_umask(long mask)
{
	unsigned old = uk_fs_umask;
	uk_fs_umask = (unsigned)mask & 0777;
	return old;
}

struct uk_statfs {
	long type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	int fsid[2];
	long namelen, frsize, flags, spare[4];
};

static long fill_statfs(struct uk_node *n, long buf)
{
	struct uk_statfs *s = (struct uk_statfs *)buf;
	size_t total, free;
	uk_mem_stats(&total, &free);
	memset(s, 0, sizeof *s);
	s->type = TMPFS_MAGIC;
	s->bsize = s->frsize = 4096;
	s->blocks = total / 4096;
	s->bfree = s->bavail = free / 4096;
	s->files = s->ffree = free / 256;
	s->namelen = UK_NAME_MAX;
	s->flags = ST_NOSUID | (n->readonly ? ST_RDONLY : 0);
	return 0;
}

static long sys_statfs(long path, long buf)
{
	struct uk_node *n;
	long err = uk_path_node(AT_FDCWD, (const char *)path, 0, &n);
	return err ? err : fill_statfs(n, buf);
}

static long sys_fstatfs(long fd, long buf)
{
	struct uk_node *n;
	long err = fd_node(fd, &n);
	return err ? err : fill_statfs(n, buf);
}

UK_SYSCALL(4, stat, sys_stat);
UK_SYSCALL(6, lstat, sys_lstat);
UK_SYSCALL(262, newfstatat, sys_newfstatat);
UK_SYSCALL(332, statx, sys_statx);
UK_SYSCALL(21, access, sys_access);
UK_SYSCALL(269, faccessat, sys_faccessat);
UK_SYSCALL(439, faccessat2, sys_faccessat2);
UK_SYSCALL(90, chmod, sys_chmod);
UK_SYSCALL(91, fchmod, sys_fchmod);
UK_SYSCALL(268, fchmodat, sys_fchmodat);
UK_SYSCALL(92, chown, sys_chown);
UK_SYSCALL(93, fchown, sys_fchown);
UK_SYSCALL(94, lchown, sys_lchown);
UK_SYSCALL(260, fchownat, sys_fchownat);
UK_SYSCALL(280, utimensat, sys_utimensat);
UK_SYSCALL(76, truncate, sys_truncate);
UK_SYSCALL(77, ftruncate, sys_ftruncate);
UK_SYSCALL(285, fallocate, sys_fallocate);
UK_SYSCALL(74, fsync, sys_fsync);
UK_SYSCALL(75, fdatasync, sys_fsync);
UK_SYSCALL(306, syncfs, sys_fsync);
UK_SYSCALL(162, sync, sys_sync);
UK_SYSCALL(277, sync_file_range, sys_sync_file_range);
UK_SYSCALL(221, fadvise64, sys_fadvise64);
UK_SYSCALL(95, umask, sys_umask);
UK_SYSCALL(137, statfs, sys_statfs);
UK_SYSCALL(138, fstatfs, sys_fstatfs);
