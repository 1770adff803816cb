/* The walk: every file, directory and symlink under DIR, never following a
 * symlink inside it, checked against what the archive can hold, then sorted
 * by path in byte order (docs/rootfs.md). All problems are reported, not
 * just the first, so one run shows everything that needs fixing. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkrootfs.h"

static int problems;

/* "mkrootfs: DIR/PATH: what", or "mkrootfs: DIR: what" for DIR itself. */
static void problem(const struct tree *t, const char *path, const char *what,
                    const char *detail)
{
	fprintf(stderr, "mkrootfs: %s%s%s: %s", t->dir, *path ? "/" : "", path, what);
	if (detail)
		fprintf(stderr, ": %s", detail);
	fputc('\n', stderr);
	problems++;
}

static const char *type_name(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFIFO: return "a fifo";
	case S_IFCHR: return "a character device";
	case S_IFBLK: return "a block device";
	case S_IFSOCK: return "a socket";
	default: return "of an unknown type";
	}
}

static uint32_t archive_mtime(const struct stat *st, int64_t clamp)
{
	int64_t m = st->st_mtime;
	if (clamp >= 0 && m > clamp)
		m = clamp;
	/* The field has 32 bits: before 1970 or after 2106 cannot be said. */
	return m < 0 ? 0 : m > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)m;
}

static void add(struct tree *t, char *path, uint32_t mode, uint32_t size,
                const struct stat *st, int64_t clamp, char *target)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		struct entry *v = realloc(t->v, t->cap * sizeof *v);
		if (!v) {
			fprintf(stderr, "mkrootfs: out of memory\n");
			exit(EXIT_FAIL);
		}
		t->v = v;
	}
	t->v[t->n++] = (struct entry){
		.path = path, .mode = mode, .size = size, .target = target,
		.mtime = archive_mtime(st, clamp), .dev = st->st_dev, .ino = st->st_ino,
	};
}

static void walk_dir(struct tree *t, const char *dir, int64_t clamp);

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* PATH (owned) is one name under DIR: record it, descend into directories. */
static void visit(struct tree *t, char *path, int64_t clamp)
{
	struct stat st;
	static char buf[ROOTFS_PATH_MAX + 2];   /* static: visit recurses */
	ssize_t len;
	int fd;

	if (fstatat(t->dirfd, path, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		problem(t, path, "cannot stat", strerror(errno));
		free(path);
		return;
	}
	switch (st.st_mode & S_IFMT) {
	case S_IFREG:
		if ((uint64_t)st.st_size > UINT32_MAX) {
			problem(t, path, "larger than the archive's limit of 4 GiB - 1 bytes", NULL);
			break;
		}
		/* Open it now, so an unreadable file is reported with the rest. */
		fd = openat(t->dirfd, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			problem(t, path, "cannot read", strerror(errno));
			break;
		}
		close(fd);
		add(t, path, S_IFREG | (st.st_mode & ROOTFS_PERM), (uint32_t)st.st_size,
		    &st, clamp, NULL);
		return;
	case S_IFDIR:
		add(t, path, S_IFDIR | (st.st_mode & ROOTFS_PERM), 0, &st, clamp, NULL);
		walk_dir(t, path, clamp);
		return;
	case S_IFLNK:
		len = readlinkat(t->dirfd, path, buf, sizeof buf);
		if (len < 0) {
			problem(t, path, "cannot read the symlink", strerror(errno));
			break;
		}
		if (len > ROOTFS_PATH_MAX) {
			problem(t, path, "symlink target longer than 4095 bytes", NULL);
			break;
		}
		buf[len] = '\0';
		add(t, path, S_IFLNK | 0777, (uint32_t)len, &st, clamp, xstrdup(buf));
		return;
	default:
		fprintf(stderr, "mkrootfs: %s/%s: is %s; a rootfs holds only regular "
			"files, directories and symlinks\n", t->dir, path, type_name(st.st_mode));
		problems++;
		break;
	}
	free(path);
}

/* The names of DIR are read first and the directory closed before going
 * down, so depth never costs open descriptors. */
static void walk_dir(struct tree *t, const char *dir, int64_t clamp)
{
	char **names = NULL;
	size_t n = 0, cap = 0, dlen = strlen(dir);
	struct dirent *de;
	DIR *d;
	int fd = openat(t->dirfd, *dir ? dir : ".",
	                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 || !(d = fdopendir(fd))) {
		problem(t, dir, "cannot open the directory", strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	for (errno = 0; (de = readdir(d)); errno = 0) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			char **v = realloc(names, cap * sizeof *v);
			if (!v) {
				fprintf(stderr, "mkrootfs: out of memory\n");
				exit(EXIT_FAIL);
			}
			names = v;
		}
		names[n++] = xstrdup(de->d_name);
	}
	if (errno)
		problem(t, dir, "cannot read the directory", strerror(errno));
	closedir(d);
	/* Visiting in name order makes the messages as reproducible as the archive. */
	if (n)
		qsort(names, n, sizeof *names, by_name);

	for (size_t i = 0; i < n; i++) {
		size_t nlen = strlen(names[i]);
		size_t plen = dlen ? dlen + 1 + nlen : nlen;
		char *path = xmalloc(plen + 1);
		sprintf(path, "%s%s%s", dir, dlen ? "/" : "", names[i]);
		free(names[i]);
		if (nlen > ROOTFS_NAME_MAX) {
			problem(t, path, "name longer than 255 bytes", NULL);
			free(path);
		} else if (plen > ROOTFS_PATH_MAX) {
			problem(t, path, "path longer than 4095 bytes", NULL);
			free(path);
		} else {
			visit(t, path, clamp);
		}
	}
	free(names);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

int walk_tree(struct tree *t, const char *dir, int64_t clamp_mtime)
{
	struct stat st;

	/* DIR itself may be a symlink to a directory: that one is followed. */
	if (stat(dir, &st) < 0) {
		fprintf(stderr, "mkrootfs: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "mkrootfs: %s: not a directory\n", dir);
		return -1;
	}
	t->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (t->dirfd < 0) {
		fprintf(stderr, "mkrootfs: %s: cannot open the directory: %s\n", dir,
			strerror(errno));
		return -1;
	}
	/* Messages say DIR/PATH: no doubled slash when DIR ends in one. */
	char *shown = xstrdup(dir);
	for (size_t len = strlen(shown); len > 1 && shown[len - 1] == '/'; len--)
		shown[len - 1] = '\0';
	t->dir = shown;
	problems = 0;
	walk_dir(t, "", clamp_mtime);
	if (problems)
		return -1;
	/* Byte order of whole paths: reproducible, and a directory (a prefix of
	 * its contents' paths) always comes before them. */
	if (t->n)
		qsort(t->v, t->n, sizeof *t->v, by_path);
	return 0;
}
