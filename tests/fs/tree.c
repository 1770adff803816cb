/* Prints a directory tree the way a test can compare: one line per entry
 * with type, mode, size, mtime, and a checksum of the contents (or a
 * symlink's target), in sorted order. Then, with "overlay", changes baked
 * files and prints what it reads back. Usage: tree DIR [overlay] */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int show_mtime = 1;   /* off after changes: their times are "now" */

static unsigned long checksum(const char *path)
{
	unsigned long h = 1469598103934665603UL;   /* FNV-1a */
	unsigned char buf[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < n; i++)
			h = (h ^ buf[i]) * 1099511628211UL;
	close(fd);
	return h;
}

static void walk(const char *root, const char *rel)
{
	char path[4096];
	struct dirent **names;
	snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
	int n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		printf("scandir %s: %s\n", rel, strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char sub[4096], full[8200];
		struct stat st;
		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			free(names[i]);
			continue;
		}
		snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name);
		snprintf(full, sizeof full, "%s/%s", root, sub);
		lstat(full, &st);
		if (S_ISLNK(st.st_mode)) {
			char target[4096];
			ssize_t len = readlink(full, target, sizeof target - 1);
			target[len > 0 ? len : 0] = 0;
			printf("link %s -> %s\n", sub, target);
		} else if (S_ISDIR(st.st_mode)) {
			printf("dir  %s %04o\n", sub, st.st_mode & 07777);
			walk(root, sub);
		} else {
			printf("file %s %04o %ld %ld %016lx\n", sub, st.st_mode & 07777, (long)st.st_size,
			       show_mtime ? (long)st.st_mtime : 0L, checksum(full));
		}
		free(names[i]);
	}
	free(names);
}

static void show(const char *path)
{
	char buf[256] = "";
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("%s: %s\n", path, strerror(errno));
		return;
	}
	ssize_t n = read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	close(fd);
	printf("%s: %s", path, buf);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	walk(argv[1], "");
	if (argc > 2 && !strcmp(argv[2], "overlay")) {
		char p[4096];
		snprintf(p, sizeof p, "%s/hello.txt", argv[1]);
		int fd = open(p, O_WRONLY | O_APPEND);
		printf("append to a baked file: %s\n", fd >= 0 && write(fd, "appended\n", 9) == 9 ? "ok" : strerror(errno));
		close(fd);
		show(p);
		snprintf(p, sizeof p, "%s/sub/deep/empty", argv[1]);
		printf("unlink a baked file: %s\n", unlink(p) == 0 ? "ok" : strerror(errno));
		snprintf(p, sizeof p, "%s/sub", argv[1]);
		char q[4096];
		snprintf(q, sizeof q, "%s/moved", argv[1]);
		printf("rename a baked directory: %s\n", rename(p, q) == 0 ? "ok" : strerror(errno));
		snprintf(p, sizeof p, "%s/link", argv[1]);
		show(p);
		show_mtime = 0;
		walk(argv[1], "");
	}
	return 0;
}
