/* open/openat/creat and the operations of open regular files, directories
 * and O_PATH descriptors. */
#include "fs.h"
#include "mapped.h"
#include "../syscall.h"

#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

unsigned uk_fs_umask = 022;

long uk_node_file_stat(struct uk_file *f, struct uk_stat *st)
{
	return uk_node_stat(f->node, st);
}

void uk_node_file_release(struct uk_file *f)
{
	f->node->opens--;
	uk_node_unref(f->node);
}

static long reg_read(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	if (uk_mapped_any())
		uk_mapped_before_read(f->node, *pos, len);   /* stores through a shared map */
	long r = uk_data_read(f->node, buf, len, *pos);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long reg_write(struct uk_file *f, const void *buf, size_t len, uint64_t *pos)
{
	if (f->node->readonly)
		return -UK_EROFS;
	if (f->flags & UK_O_APPEND)
		*pos = f->node->size;
	long r = uk_data_write(f->node, buf, len, *pos);
	if (r > 0 && uk_mapped_any())
		uk_mapped_after_write(f->node, *pos, (size_t)r);    /* shared maps show it */
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static const struct uk_file_ops regular_ops = {
	.read = reg_read,
	.write = reg_write,
	.stat = uk_node_file_stat,
	.release = uk_node_file_release,
	.seekable = 1,
};

static long dir_read(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	(void)f, (void)buf, (void)len, (void)pos;
	return -UK_EISDIR;
}

struct linux_dirent64 {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	char name[];
};

static int emit(char *buf, size_t len, size_t *used, uint64_t ino, int64_t next,
                uint8_t type, const char *name)
{
	size_t n = uk_strlen(name);
	size_t reclen = UK_ALIGN_UP(sizeof(struct linux_dirent64) + n + 1, 8);
	if (*used + reclen > len)
		return 0;
	struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + *used);
	memset(d, 0, reclen);
	d->ino = ino;
	d->off = next;
	d->reclen = (uint16_t)reclen;
	d->type = type;
	memcpy(d->name, name, n);
	*used += reclen;
	return 1;
}

static uint8_t dirent_type(uint32_t mode)
{
	return S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : S_ISCHR(mode) ? DT_CHR : DT_REG;
}

/* Positions: 0 ".", 1 "..", then an entry's cookie; entries added while
 * reading come later, removed ones are simply not seen. */
static long dir_getdents(struct uk_file *f, void *buf, size_t len)
{
	struct uk_node *dir = f->node;
	size_t used = 0;
	if (dir->links == 0 && dir != uk_fs_root)
		return -UK_ENOENT;
	if (f->pos == 0) {
		if (!emit(buf, len, &used, dir->ino, 1, DT_DIR, "."))
			return -UK_EINVAL;
		f->pos = 1;
	}
	if (f->pos == 1) {
		struct uk_node *up = dir->parent ? dir->parent : dir;
		if (!emit(buf, len, &used, up->ino, 2, DT_DIR, ".."))
			return used ? (long)used : -UK_EINVAL;
		f->pos = 2;
	}
	for (struct uk_dirent *e = dir->entries; e; e = e->next) {
		if (e->cookie < f->pos)
			continue;
		if (!emit(buf, len, &used, e->node->ino, (int64_t)e->cookie + 1,
		          dirent_type(e->node->mode), e->name))
			return used ? (long)used : -UK_EINVAL;
		f->pos = e->cookie + 1;
	}
	return (long)used;
}

static const struct uk_file_ops dir_ops = {
	.read = dir_read,
	.stat = uk_node_file_stat,
	.getdents = dir_getdents,
	.release = uk_node_file_release,
	.seekable = 1,
};

static const struct uk_file_ops path_ops = {
	.stat = uk_node_file_stat,
	.release = uk_node_file_release,
};

long uk_open_node(struct uk_node *n, unsigned flags, int cloexec)
{
	const struct uk_file_ops *ops;
	if (flags & UK_O_PATH)
		ops = &path_ops;
	else if (S_ISDIR(n->mode))
		ops = &dir_ops;
	else if (S_ISCHR(n->mode) && n->dev_open)
		return n->dev_open(n, flags, cloexec);
	else if (S_ISCHR(n->mode))
		ops = n->dev_ops;
	else if (S_ISREG(n->mode))
		ops = &regular_ops;
	else
		return -UK_ELOOP;   /* a symlink itself, opened with O_NOFOLLOW */
	struct uk_file *f = uk_file_new(ops, flags & ~(unsigned)(UK_O_CREAT | UK_O_EXCL | UK_O_TRUNC | UK_O_NOCTTY | UK_O_CLOEXEC));
	if (!f)
		return -UK_ENOMEM;
	f->node = n;
	n->opens++;
	return uk_fd_install(f, cloexec);
}

static long open_tmpfile(long dirfd, const char *path, unsigned flags, unsigned mode)
{
	struct uk_node *dir;
	long err = uk_path_node(dirfd, path, 0, &dir);
	if (err)
		return err;
	if (!S_ISDIR(dir->mode))
		return -UK_ENOTDIR;
	if ((flags & UK_O_ACCMODE) == UK_O_RDONLY)
		return -UK_EINVAL;
	if (dir->readonly)
		return -UK_EROFS;
	struct uk_node *n = uk_node_new(S_IFREG | (mode & 07777 & ~uk_fs_umask));
	if (!n)
		return -UK_ENOSPC;
	long fd = uk_open_node(n, flags & ~(unsigned)(UK_O_TMPFILE_BIT | UK_O_DIRECTORY), (flags & UK_O_CLOEXEC) != 0);
	if (fd < 0)
		uk_node_unref(n);
	return fd;
}

static long sys_openat(long dirfd, long pathp, long flagsl, long model)
{
	const char *path = (const char *)pathp;
	unsigned flags = (unsigned)flagsl, mode = (unsigned)model, acc = flags & UK_O_ACCMODE;
	int cloexec = (flags & UK_O_CLOEXEC) != 0;
	struct uk_lookup l;
	if (flags & UK_O_TMPFILE_BIT)
		return open_tmpfile(dirfd, path, flags, mode);
	if (acc == 3 && !(flags & UK_O_PATH))
		return -UK_EINVAL;
	int follow = !(flags & UK_O_NOFOLLOW) && !((flags & UK_O_CREAT) && (flags & UK_O_EXCL));
	long err = uk_path_walk(dirfd, path, follow ? UK_WALK_FOLLOW : 0, &l);
	if (err)
		return err;
	struct uk_node *n = l.node;
	if (!n) {
		if (!(flags & UK_O_CREAT))
			return -UK_ENOENT;
		if (l.trailing_slash)
			return -UK_EISDIR;
		if (l.dir->links == 0 && l.dir != uk_fs_root)
			return -UK_ENOENT;
		if (l.dir->readonly)
			return -UK_EROFS;
		err = uk_dir_create(l.dir, l.name, l.name_len, S_IFREG | (mode & 07777 & ~uk_fs_umask), &n);
		return err ? err : uk_open_node(n, flags, cloexec);
	}
	if ((flags & UK_O_CREAT) && (flags & UK_O_EXCL))
		return -UK_EEXIST;
	if (flags & UK_O_PATH)
		return uk_open_node(n, UK_O_PATH | (flags & UK_O_DIRECTORY), cloexec);
	if (S_ISLNK(n->mode))
		return -UK_ELOOP;
	if ((flags & UK_O_DIRECTORY) && !S_ISDIR(n->mode))
		return -UK_ENOTDIR;
	if (S_ISDIR(n->mode) && (acc != UK_O_RDONLY || (flags & UK_O_CREAT)))
		return -UK_EISDIR;
	if (acc != UK_O_RDONLY && n->readonly && !S_ISCHR(n->mode))
		return -UK_EROFS;
	if ((flags & UK_O_TRUNC) && acc != UK_O_RDONLY && S_ISREG(n->mode)) {
		err = uk_data_truncate(n, 0);
		if (err)
			return err;
		uk_mapped_after_truncate(n, 0);
	}
	return uk_open_node(n, flags, cloexec);
}

static long sys_open(long path, long flags, long mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

static long sys_creat(long path, long mode)
{
	return sys_openat(AT_FDCWD, path, UK_O_CREAT | UK_O_WRONLY | UK_O_TRUNC, mode);
}

static long sys_getdents64(long fd, long buf, long len)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (!f->ops->getdents)
		return -UK_ENOTDIR;
	return f->ops->getdents(f, (void *)buf, (size_t)len);
}

UK_SYSCALL(2, open, sys_open);
UK_SYSCALL(257, openat, sys_openat);
UK_SYSCALL(85, creat, sys_creat);
UK_SYSCALL(217, getdents64, sys_getdents64);
