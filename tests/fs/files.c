/* File system behaviour a program sees, printed line by line so the same
 * program can be compared in dev mode (the host's Linux) and as an image:
 * every call's result and errno must match. Usage: files BASEDIR */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *err_name(int e)
{
	switch (e) {
	case ENOENT: return "ENOENT";
	case EEXIST: return "EEXIST";
	case EISDIR: return "EISDIR";
	case ENOTDIR: return "ENOTDIR";
	case EBADF: return "EBADF";
	case ENOTEMPTY: return "ENOTEMPTY";
	case EINVAL: return "EINVAL";
	case ELOOP: return "ELOOP";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ESPIPE: return "ESPIPE";
	case ERANGE: return "ERANGE";
	case EBUSY: return "EBUSY";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	default: return strerror(e);
	}
}

#define CHECK(expr) do { \
	errno = 0; \
	long r_ = (long)(expr); \
	if (r_ < 0) printf("%-48s -1 %s\n", #expr, err_name(errno)); \
	else printf("%-48s ok\n", #expr); \
} while (0)

static void show_dir(const char *path)
{
	DIR *d = opendir(path);
	char *names[64];
	int n = 0;
	struct dirent *e;
	if (!d) {
		printf("opendir %s: %s\n", path, err_name(errno));
		return;
	}
	while ((e = readdir(d)) && n < 64)
		names[n++] = strdup(e->d_name);
	closedir(d);
	/* order is not defined: sort */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (strcmp(names[i], names[j]) > 0) {
				char *t = names[i]; names[i] = names[j]; names[j] = t;
			}
	printf("dir %s:", path);
	for (int i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	char buf[256];
	struct stat st;
	if (argc != 2) {
		fprintf(stderr, "usage: files BASEDIR\n");
		return 2;
	}
	umask(022);
	CHECK(mkdir(argv[1], 0755));
	CHECK(chdir(argv[1]));

	/* create, write, read back, sizes */
	int fd = open("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	CHECK(fd);
	CHECK(write(fd, "hello, ", 7));
	struct iovec iov[2] = { { "vector ", 7 }, { "world\n", 6 } };
	CHECK(writev(fd, iov, 2));
	CHECK(read(fd, buf, 1));                     /* EBADF: write-only */
	CHECK(close(fd));
	CHECK(close(fd));                            /* EBADF */
	CHECK(stat("a.txt", &st));
	printf("size %ld mode %o nlink %ld regular %d\n", (long)st.st_size, st.st_mode & 07777,
	       (long)st.st_nlink, S_ISREG(st.st_mode));
	fd = open("a.txt", O_RDONLY);
	memset(buf, 0, sizeof buf);
	printf("read %zd: %s", read(fd, buf, sizeof buf), buf);
	printf("read at eof %zd\n", read(fd, buf, sizeof buf));
	printf("pread 7@7 %zd: %.7s\n", pread(fd, buf, 7, 7), buf);
	printf("lseek end %ld, set 3 %ld, cur %ld\n", (long)lseek(fd, 0, SEEK_END),
	       (long)lseek(fd, 3, SEEK_SET), (long)lseek(fd, 0, SEEK_CUR));
	CHECK(lseek(fd, -10, SEEK_SET));             /* EINVAL */
	CHECK(write(fd, "x", 1));                    /* EBADF: read-only */
	int fd2 = dup(fd);
	printf("dup shares offset: %ld\n", (long)lseek(fd2, 0, SEEK_CUR));
	CHECK(dup2(fd, 100));
	printf("fcntl getfd %d after dup3 cloexec\n", fcntl(dup3(fd, 101, O_CLOEXEC), F_GETFD));
	CHECK(close(100));
	CHECK(close(101));
	CHECK(close(fd2));
	CHECK(close(fd));

	/* append, holes, truncate */
	fd = open("a.txt", O_WRONLY | O_APPEND);
	CHECK(write(fd, "more\n", 5));
	close(fd);
	fd = open("holes", O_CREAT | O_RDWR, 0600);
	CHECK(pwrite(fd, "end", 3, 4096));
	fstat(fd, &st);
	printf("hole file size %ld mode %o\n", (long)st.st_size, st.st_mode & 07777);
	CHECK(pread(fd, buf, 4, 100));
	printf("hole reads zero: %d\n", buf[0] == 0 && buf[3] == 0);
	CHECK(ftruncate(fd, 10));
	fstat(fd, &st);
	printf("truncated size %ld\n", (long)st.st_size);
	CHECK(ftruncate(fd, -1));                    /* EINVAL */
	close(fd);
	CHECK(truncate("a.txt", 5));
	fd = open("a.txt", O_RDONLY);
	memset(buf, 0, sizeof buf);
	printf("after truncate: '%s' (%zd)\n", buf, read(fd, buf, sizeof buf));
	close(fd);

	/* O_EXCL, O_DIRECTORY, opening directories */
	CHECK(open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));   /* EEXIST */
	CHECK(open("missing", O_RDONLY));                       /* ENOENT */
	CHECK(open("missing/x", O_CREAT | O_WRONLY, 0644));     /* ENOENT */
	CHECK(open("a.txt/x", O_RDONLY));                       /* ENOTDIR */
	CHECK(open("a.txt", O_RDONLY | O_DIRECTORY));           /* ENOTDIR */
	CHECK(open(".", O_WRONLY));                             /* EISDIR */
	CHECK(open("newdir/", O_CREAT | O_WRONLY, 0644));       /* EISDIR */
	fd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK(read(fd, buf, 10));                               /* EISDIR */
	CHECK(lseek(fd, 0, SEEK_SET));
	close(fd);

	/* directories */
	CHECK(mkdir("d", 0755));
	CHECK(mkdir("d", 0755));                     /* EEXIST */
	CHECK(mkdir("d/e/f", 0755));                 /* ENOENT */
	CHECK(mkdir("d/e", 0700));
	CHECK(close(open("d/e/file", O_CREAT | O_WRONLY, 0640)));
	CHECK(rmdir("d"));                           /* ENOTEMPTY */
	CHECK(rmdir("a.txt"));                       /* ENOTDIR */
	CHECK(unlink("d"));                          /* EISDIR */
	CHECK(rmdir("d/e/."));                       /* EINVAL */
	CHECK(stat("d", &st));
	printf("dir nlink %ld mode %o\n", (long)st.st_nlink, st.st_mode & 07777);
	show_dir(".");
	show_dir("d/e");

	/* rename */
	CHECK(rename("a.txt", "b.txt"));
	CHECK(stat("a.txt", &st));                   /* ENOENT */
	CHECK(rename("b.txt", "d"));                 /* EISDIR */
	CHECK(rename("d", "b.txt"));                 /* ENOTDIR */
	CHECK(rename("d", "d/e/inside"));            /* EINVAL */
	CHECK(mkdir("empty", 0755));
	CHECK(rename("d", "empty"));                 /* replaces the empty dir */
	CHECK(stat("empty/e/file", &st));
	CHECK(rename("empty", "d"));
	CHECK(rename("holes", "d/e/file"));          /* replaces a file */
	CHECK(stat("d/e/file", &st));
	printf("replaced file size %ld\n", (long)st.st_size);
	CHECK(rename("missing", "x"));               /* ENOENT */

	/* links */
	CHECK(symlink("b.txt", "link"));
	CHECK(symlink("nowhere", "dangling"));
	CHECK(symlink("loop2", "loop1"));
	CHECK(symlink("loop1", "loop2"));
	CHECK(lstat("link", &st));
	printf("lstat link: symlink %d size %ld\n", S_ISLNK(st.st_mode), (long)st.st_size);
	CHECK(stat("link", &st));
	printf("stat link: regular %d size %ld\n", S_ISREG(st.st_mode), (long)st.st_size);
	ssize_t n = readlink("link", buf, sizeof buf);
	printf("readlink %zd: %.*s\n", n, (int)(n > 0 ? n : 0), buf);
	CHECK(readlink("b.txt", buf, sizeof buf));   /* EINVAL */
	CHECK(open("dangling", O_RDONLY));           /* ENOENT */
	CHECK(open("loop1", O_RDONLY));              /* ELOOP */
	CHECK(open("link", O_RDONLY | O_NOFOLLOW));  /* ELOOP */
	CHECK(symlink("x", "link"));                 /* EEXIST */
	CHECK(link("b.txt", "hard"));
	CHECK(stat("hard", &st));
	printf("hard link nlink %ld\n", (long)st.st_nlink);
	CHECK(link("d", "dirlink"));                 /* EPERM */
	CHECK(unlink("link"));
	CHECK(stat("b.txt", &st));                   /* the target stays */
	CHECK(symlink("d/e", "dirsym"));
	CHECK(stat("dirsym/file", &st));
	CHECK(unlink("dirsym/"));                    /* EISDIR or ENOTDIR as Linux */

	/* an open file outlives its name */
	fd = open("tmpdata", O_CREAT | O_RDWR, 0600);
	write(fd, "still here", 10);
	CHECK(unlink("tmpdata"));
	CHECK(stat("tmpdata", &st));                 /* ENOENT */
	memset(buf, 0, sizeof buf);
	printf("unlinked but open: %zd '%s'\n", pread(fd, buf, sizeof buf, 0), buf);
	fstat(fd, &st);
	printf("unlinked nlink %ld\n", (long)st.st_nlink);
	close(fd);

	/* access, chmod, utimes */
	CHECK(access("b.txt", R_OK | W_OK));
	CHECK(access("b.txt", X_OK));                /* EACCES: no x bit */
	CHECK(chmod("b.txt", 0755));
	CHECK(access("b.txt", X_OK));
	CHECK(access("missing", F_OK));              /* ENOENT */
	struct timespec ts[2] = { { 1000000000, 0 }, { 1234567890, 500 } };
	CHECK(utimensat(AT_FDCWD, "b.txt", ts, 0));
	stat("b.txt", &st);
	printf("mtime %ld.%09ld mode %o\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_mode & 07777);

	/* working directory */
	char cwd[512];
	CHECK(chdir("d/e"));
	getcwd(cwd, sizeof cwd);
	printf("cwd ends with d/e: %d\n", strlen(cwd) > 4 && strcmp(cwd + strlen(cwd) - 4, "/d/e") == 0);
	CHECK(getcwd(cwd, 2) ? 0 : -1);               /* ERANGE */
	CHECK(chdir("../.."));
	CHECK(chdir("b.txt"));                       /* ENOTDIR */
	fd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK(fchdir(fd));
	CHECK(stat("e/file", &st));
	CHECK(fchdir(fd));
	close(fd);
	CHECK(chdir(".."));

	/* *at calls relative to a directory descriptor */
	int dfd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK(mkdirat(dfd, "sub", 0755));
	fd = openat(dfd, "sub/f", O_CREAT | O_WRONLY, 0644);
	CHECK(fd);
	close(fd);
	CHECK(fstatat(dfd, "sub/f", &st, 0));
	CHECK(unlinkat(dfd, "sub/f", 0));
	CHECK(unlinkat(dfd, "sub", AT_REMOVEDIR));
	CHECK(renameat(dfd, "e", AT_FDCWD, "e2"));
	CHECK(openat(fd, "x", O_RDONLY));            /* EBADF: closed */
	int ffd = open("b.txt", O_RDONLY);
	CHECK(openat(ffd, "x", O_RDONLY));           /* ENOTDIR */
	close(ffd);
	close(dfd);
	show_dir(".");

	/* long names */
	char longname[300];
	memset(longname, 'n', 299);
	longname[299] = 0;
	CHECK(open(longname, O_CREAT | O_WRONLY, 0644));   /* ENAMETOOLONG */

	/* /dev and /tmp */
	fd = open("/dev/null", O_RDWR);
	printf("/dev/null write %zd read %zd\n", write(fd, "abc", 3), read(fd, buf, 3));
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 1, 16);
	printf("/dev/zero read %zd zero %d\n", read(fd, buf, 16), buf[0] == 0 && buf[15] == 0);
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	CHECK(write(fd, "x", 1));                    /* ENOSPC */
	close(fd);
	CHECK(stat("/tmp", &st));
	printf("/tmp mode %o\n", st.st_mode & 07777);
	CHECK(access("/dev/urandom", R_OK));
	return 0;
}
