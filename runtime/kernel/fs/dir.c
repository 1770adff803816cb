/* Changing the tree: mkdir, rmdir, unlink, rename, symlink, link, readlink,
 * and the working directory (chdir, fchdir, getcwd). */
#include "fs.h"
#include "../syscall.h"

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2

static int removed(const struct uk_node *dir)
{
	return dir->links == 0 && dir != uk_fs_root;
}

/* Look up PATH's parent for creating its last component. */
static long creation_point(long dirfd, const char *path, struct uk_lookup *l)
{
	long err = uk_path_walk(dirfd, path, 0, l);
	if (err)
		return err;
	if (l->node)
		return -UK_EEXIST;
	if (removed(l->dir))
		return -UK_ENOENT;
	if (l->dir->readonly)
		return -UK_EROFS;
	return 0;
}

static long make_node(long dirfd, const char *path, uint32_t mode, struct uk_node **out)
{
	struct uk_lookup l;
	long err = creation_point(dirfd, path, &l);
	if (err)
		return err;
	if (l.trailing_slash && !S_ISDIR(mode))
		return -UK_ENOENT;
	return uk_dir_create(l.dir, l.name, l.name_len, mode, out);
}

static long sys_mkdirat(long dirfd, long path, long mode)
{
	struct uk_node *n;
	return make_node(dirfd, (const char *)path, S_IFDIR | ((unsigned)mode & 07777 & ~uk_fs_umask), &n);
}

static long sys_mkdir(long path, long mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

static int is_dot_name(const struct uk_lookup *l)
{
	return (l->name_len == 1 && l->name[0] == '.') ||
	       (l->name_len == 2 && l->name[0] == '.' && l->name[1] == '.');
}

static long remove_entry(long dirfd, const char *path, int want_dir)
{
	struct uk_lookup l;
	long err = uk_path_walk(dirfd, path, 0, &l);
	if (err)
		return err;
	if (!l.node)
		return -UK_ENOENT;
	if (want_dir && is_dot_name(&l))
		return l.name_len == 1 ? -UK_EINVAL : -UK_ENOTEMPTY;
	if (!l.entry)
		return -UK_EBUSY;   /* "/" */
	if (!want_dir && l.trailing_slash)   /* judged on the entry itself, unfollowed */
		return S_ISDIR(l.entry->node->mode) ? -UK_EISDIR : -UK_ENOTDIR;
	if (want_dir && !S_ISDIR(l.node->mode))
		return -UK_ENOTDIR;
	if (!want_dir && S_ISDIR(l.node->mode))
		return -UK_EISDIR;
	if (want_dir && l.node->entries)
		return -UK_ENOTEMPTY;
	if (l.dir->readonly)
		return -UK_EROFS;
	uk_dir_unlink(l.dir, l.entry);
	return 0;
}

static long sys_unlinkat(long dirfd, long path, long flags)
{
	if (flags & ~(long)AT_REMOVEDIR)
		return -UK_EINVAL;
	return remove_entry(dirfd, (const char *)path, (flags & AT_REMOVEDIR) != 0);
}

static long sys_unlink(long path)
{
	return remove_entry(AT_FDCWD, (const char *)path, 0);
}

static long sys_rmdir(long path)
{
	return remove_entry(AT_FDCWD, (const char *)path, 1);
}

static int is_ancestor(const struct uk_node *a, const struct uk_node *d)
{
	for (; d; d = d->parent)
		if (d == a)
			return 1;
	return 0;
}

static long sys_renameat2(long olddirfd, long oldpath, long newdirfd, long newpath, long flags)
{
	struct uk_lookup from, to;
	long err;
	if (flags & ~(long)(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -UK_EINVAL;
	if (flags & RENAME_EXCHANGE)
		return -UK_EINVAL;   /* not supported here; callers fall back */
	if ((err = uk_path_walk(olddirfd, (const char *)oldpath, 0, &from)))
		return err;
	if (!from.node)
		return -UK_ENOENT;
	if ((err = uk_path_walk(newdirfd, (const char *)newpath, 0, &to)))
		return err;
	if (!from.entry || is_dot_name(&from) || is_dot_name(&to))
		return from.entry ? -UK_EINVAL : -UK_EBUSY;
	struct uk_node *n = from.node;
	if ((from.trailing_slash || to.trailing_slash) && !S_ISDIR(n->mode))
		return -UK_ENOTDIR;
	if (removed(to.dir))
		return -UK_ENOENT;
	if (from.dir->readonly || to.dir->readonly)
		return -UK_EROFS;
	if (to.node == n)
		return 0;
	if (S_ISDIR(n->mode) && is_ancestor(n, to.dir))
		return -UK_EINVAL;
	if (to.node) {
		if (flags & RENAME_NOREPLACE)
			return -UK_EEXIST;
		if (S_ISDIR(n->mode) && !S_ISDIR(to.node->mode))
			return -UK_ENOTDIR;
		if (!S_ISDIR(n->mode) && S_ISDIR(to.node->mode))
			return -UK_EISDIR;
		if (S_ISDIR(to.node->mode) && to.node->entries)
			return -UK_ENOTEMPTY;
	}
	/* Link under the new name first, so running out of memory loses nothing. */
	n->links++;   /* keep it alive across the unlink */
	err = uk_dir_link(to.dir, to.name, to.name_len, n);
	if (err) {
		n->links--;
		return err;
	}
	if (to.node)
		uk_dir_unlink(to.dir, to.entry);
	uk_dir_unlink(from.dir, from.entry);
	if (S_ISDIR(n->mode))
		n->parent = to.dir;   /* the unlink cleared it */
	n->links--;
	return 0;
}

static long sys_renameat(long olddirfd, long oldpath, long newdirfd, long newpath)
{
	return sys_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

static long sys_rename(long oldpath, long newpath)
{
	return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

static long sys_symlinkat(long target, long dirfd, long path)
{
	const char *t = (const char *)target;
	struct uk_node *n;
	if (!t)
		return -UK_EFAULT;
	size_t len = uk_strlen(t);
	if (len == 0)
		return -UK_ENOENT;
	if (len >= UK_PATH_MAX)
		return -UK_ENAMETOOLONG;
	long err = make_node(dirfd, (const char *)path, S_IFLNK | 0777, &n);
	if (err)
		return err;
	err = uk_data_set_target(n, t, len);
	if (err < 0) {
		struct uk_lookup l;
		if (uk_path_walk(dirfd, (const char *)path, 0, &l) == 0 && l.entry)
			uk_dir_unlink(l.dir, l.entry);
		return err;
	}
	return 0;
}

static long sys_symlink(long target, long path)
{
	return sys_symlinkat(target, AT_FDCWD, path);
}

static long sys_linkat(long olddirfd, long oldpath, long newdirfd, long newpath, long flags)
{
	struct uk_node *n;
	struct uk_lookup l;
	if (flags & ~(long)(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -UK_EINVAL;
	long err = uk_path_node(olddirfd, (const char *)oldpath,
	                        (flags & AT_SYMLINK_FOLLOW ? 0 : AT_SYMLINK_NOFOLLOW) | (flags & AT_EMPTY_PATH), &n);
	if (err)
		return err;
	if (S_ISDIR(n->mode))
		return -UK_EPERM;
	if ((err = creation_point(newdirfd, (const char *)newpath, &l)))
		return err;
	if (l.trailing_slash)
		return -UK_ENOENT;
	if (n->links == 0 && !(flags & AT_EMPTY_PATH))
		return -UK_ENOENT;
	return uk_dir_link(l.dir, l.name, l.name_len, n);
}

static long sys_link(long oldpath, long newpath)
{
	return sys_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

static long sys_readlinkat(long dirfd, long path, long buf, long size)
{
	struct uk_node *n;
	if (size <= 0)
		return -UK_EINVAL;
	long err = uk_path_node(dirfd, (const char *)path, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &n);
	if (err)
		return err;
	if (!S_ISLNK(n->mode))
		return -UK_EINVAL;
	size_t len = n->size < (size_t)size ? n->size : (size_t)size;
	memcpy((void *)buf, n->data, len);
	return (long)len;
}

static long sys_readlink(long path, long buf, long size)
{
	return sys_readlinkat(AT_FDCWD, path, buf, size);
}

static long sys_chdir(long path)
{
	struct uk_node *n;
	long err = uk_path_node(AT_FDCWD, (const char *)path, 0, &n);
	if (err)
		return err;
	if (!S_ISDIR(n->mode))
		return -UK_ENOTDIR;
	uk_fs_set_cwd(n);
	return 0;
}

static long sys_fchdir(long fd)
{
	struct uk_file *f = uk_fd_get(fd);
	if (!f)
		return -UK_EBADF;
	if (!f->node || !S_ISDIR(f->node->mode))
		return -UK_ENOTDIR;
	uk_fs_set_cwd(f->node);
	return 0;
}

static const char *name_in_parent(const struct uk_node *dir)
{
	for (struct uk_dirent *e = dir->parent->entries; e; e = e->next)
		if (e->node == dir)
			return e->name;
	return 0;
}

static long sys_getcwd(long buf, long size)
{
	char path[UK_PATH_MAX];
	size_t at = sizeof path;
	struct uk_node *d = uk_fs_cwd();
	path[--at] = 0;
	if (removed(d))
		return -UK_ENOENT;
	for (; d != uk_fs_root; d = d->parent) {
		const char *name = name_in_parent(d);
		size_t n = name ? uk_strlen(name) : 0;
		if (!name || n + 1 > at)
			return -UK_ENAMETOOLONG;
		at -= n;
		memcpy(path + at, name, n);
		path[--at] = '/';
	}
	if (at == sizeof path - 1)
		path[--at] = '/';
	size_t len = sizeof path - at;
	if (size < 0 || (size_t)size < len)
		return -UK_ERANGE;
	memcpy((void *)buf, path + at, len);
	return (long)len;
}

UK_SYSCALL(83, mkdir, sys_mkdir);
UK_SYSCALL(258, mkdirat, sys_mkdirat);
UK_SYSCALL(84, rmdir, sys_rmdir);
UK_SYSCALL(87, unlink, sys_unlink);
UK_SYSCALL(263, unlinkat, sys_unlinkat);
UK_SYSCALL(82, rename, sys_rename);
UK_SYSCALL(264, renameat, sys_renameat);
UK_SYSCALL(316, renameat2, sys_renameat2);
UK_SYSCALL(88, symlink, sys_symlink);
UK_SYSCALL(266, symlinkat, sys_symlinkat);
UK_SYSCALL(86, link, sys_link);
UK_SYSCALL(265, linkat, sys_linkat);
UK_SYSCALL(89, readlink, sys_readlink);
UK_SYSCALL(267, readlinkat, sys_readlinkat);
UK_SYSCALL(80, chdir, sys_chdir);
UK_SYSCALL(81, fchdir, sys_fchdir);
UK_SYSCALL(79, getcwd, sys_getcwd);
