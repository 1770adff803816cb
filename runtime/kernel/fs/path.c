/* Path lookup: absolute or relative to the working directory or a directory
 * descriptor, "." and "..", symlinks (up to 40 per lookup, ELOOP beyond),
 * ENAMETOOLONG, ENOTDIR for a non-directory in the middle. */
#include "fs.h"

#define MAX_SYMLINKS 40

static struct uk_node *cwd;

struct uk_node *uk_fs_cwd(void)
{
	return cwd ? cwd : uk_fs_root;
}

void uk_fs_set_cwd(struct uk_node *dir)
{
	if (cwd)
		cwd->opens--, uk_node_unref(cwd);
	dir->opens++;   /* an rmdir'ed cwd stays valid, as on Linux */
	cwd = dir;
}

static long start_dir(long dirfd, const char *path, struct uk_node **out)
{
	if (path[0] == '/') {
		*out = uk_fs_root;
		return 0;
	}
	if ((int)dirfd == AT_FDCWD) {
		*out = uk_fs_cwd();
		return 0;
	}
	struct uk_file *f = uk_fd_get(dirfd);
	if (!f)
		return -UK_EBADF;
	if (!f->node || !S_ISDIR(f->node->mode))
		return -UK_ENOTDIR;
	*out = f->node;
	return 0;
}

static long walk(struct uk_node *dir, const char *path, int flags, int *links, struct uk_lookup *out);

/* Follow symlink n found in dir; the result must exist. */
static long follow(struct uk_node *dir, struct uk_node *n, int *links, struct uk_node **out)
{
	char target[UK_PATH_MAX];
	struct uk_lookup l;
	if (++*links > MAX_SYMLINKS)
		return -UK_ELOOP;
	if (n->size == 0 || n->size >= sizeof target)
		return -UK_ENOENT;
	memcpy(target, n->data, n->size);
	target[n->size] = 0;
	long err = walk(target[0] == '/' ? uk_fs_root : dir, target, UK_WALK_FOLLOW, links, &l);
	if (err)
		return err;
	if (!l.node)
		return -UK_ENOENT;
	*out = l.node;
	return 0;
}

static long walk(struct uk_node *dir, const char *path, int flags, int *links, struct uk_lookup *out)
{
	const char *p = path;
	memset(out, 0, sizeof *out);
	out->dir = dir;
	out->node = dir;
	out->name = ".";
	out->name_len = 1;
	while (*p == '/')
		p++;
	while (*p) {
		const char *name = p;
		while (*p && *p != '/')
			p++;
		size_t len = (size_t)(p - name);
		while (*p == '/')
			p++;
		int last = !*p;
		if (len > UK_NAME_MAX)
			return -UK_ENAMETOOLONG;
		struct uk_node *cur = out->node;
		if (!S_ISDIR(cur->mode))
			return -UK_ENOTDIR;
		struct uk_node *next;
		struct uk_dirent *e = 0;
		if (len == 1 && name[0] == '.') {
			next = cur;
		} else if (len == 2 && name[0] == '.' && name[1] == '.') {
			next = cur->parent ? cur->parent : cur == uk_fs_root ? cur : 0;
			if (!next)
				return -UK_ENOENT;   /* inside a removed directory */
		} else {
			e = uk_dir_find(cur, name, len);
			next = e ? e->node : 0;
		}
		out->dir = cur;
		out->entry = e;
		out->name = name;
		out->name_len = len;
		out->trailing_slash = last && name + len != p;
		if (!next) {
			out->node = 0;
			return last ? 0 : -UK_ENOENT;
		}
		if (S_ISLNK(next->mode) && (!last || (flags & UK_WALK_FOLLOW) || out->trailing_slash)) {
			long err = follow(cur, next, links, &next);
			if (err)
				return err;
		}
		out->node = next;
	}
	if (out->trailing_slash && out->node && !S_ISDIR(out->node->mode))
		return -UK_ENOTDIR;
	return 0;
}

long uk_path_walk(long dirfd, const char *path, int flags, struct uk_lookup *out)
{
	struct uk_node *dir;
	int links = 0;
	if (!path)
		return -UK_EFAULT;
	size_t len = 0;
	while (path[len])
		if (++len >= UK_PATH_MAX)
			return -UK_ENAMETOOLONG;
	if (len == 0)
		return -UK_ENOENT;
	long err = start_dir(dirfd, path, &dir);
	return err ? err : walk(dir, path, flags, &links, out);
}

/* The node a path names (for stat, chmod...), honouring AT_SYMLINK_NOFOLLOW
 * and AT_EMPTY_PATH. */
long uk_path_node(long dirfd, const char *path, int at_flags, struct uk_node **out)
{
	struct uk_lookup l;
	if (path && !path[0] && (at_flags & AT_EMPTY_PATH)) {
		if ((int)dirfd == AT_FDCWD) {
			*out = uk_fs_cwd();
			return 0;
		}
		struct uk_file *f = uk_fd_get(dirfd);
		if (!f)
			return -UK_EBADF;
		if (!f->node)
			return -UK_EINVAL;
		*out = f->node;
		return 0;
	}
	long err = uk_path_walk(dirfd, path, at_flags & AT_SYMLINK_NOFOLLOW ? 0 : UK_WALK_FOLLOW, &l);
	if (err)
		return err;
	if (!l.node)
		return -UK_ENOENT;
	*out = l.node;
	return 0;
}
