/* Writing the archive: each sorted entry's header, name and data, then the
 * trailer, into a temporary file beside OUT that replaces OUT only once all
 * of it is written, so a failure never leaves a partial archive behind. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkrootfs.h"

static const char zeros[4];

static void header(FILE *f, uint32_t ino, uint32_t mode, uint32_t nlink,
                   uint32_t mtime, uint32_t size, const char *name)
{
	size_t namesize = strlen(name) + 1;
	uint32_t v[NEWC_FIELDS] = {0};

	v[F_INO] = ino;
	v[F_MODE] = mode;
	v[F_NLINK] = nlink;
	v[F_MTIME] = mtime;
	v[F_FILESIZE] = size;
	v[F_NAMESIZE] = (uint32_t)namesize;
	fputs(NEWC_MAGIC, f);
	for (int i = 0; i < NEWC_FIELDS; i++)
		fprintf(f, "%08x", v[i]);
	fwrite(name, 1, namesize, f);
	fwrite(zeros, 1, pad4(NEWC_HEADER_LEN + namesize), f);
}

/* Copies exactly the size the walk saw, and fails if the file is no longer
 * that file or that size: an archive must say what the tree held. */
static int copy_data(const struct tree *t, const struct entry *e, FILE *f)
{
	static char buf[1 << 16];
	struct stat st;
	uint32_t left = e->size;
	ssize_t got;
	int fd = openat(t->dirfd, e->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "mkrootfs: %s/%s: cannot read: %s\n", t->dir, e->path,
			strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_dev != e->dev ||
	    st.st_ino != e->ino || (uint64_t)st.st_size != e->size)
		goto changed;
	while (left) {
		got = read(fd, buf, left < sizeof buf ? left : sizeof buf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			fprintf(stderr, "mkrootfs: %s/%s: cannot read: %s\n", t->dir,
				e->path, strerror(errno));
			close(fd);
			return -1;
		}
		if (got == 0)
			goto changed;
		fwrite(buf, 1, (size_t)got, f);
		left -= (uint32_t)got;
	}
	if (read(fd, buf, 1) != 0)
		goto changed;
	close(fd);
	fwrite(zeros, 1, pad4(e->size), f);
	return 0;
changed:
	fprintf(stderr, "mkrootfs: %s/%s: changed while being packed\n", t->dir, e->path);
	close(fd);
	return -1;
}

int write_archive(const struct tree *t, const char *out)
{
	char *tmp = xmalloc(strlen(out) + sizeof ".XXXXXX");
	mode_t mask = umask(0);
	FILE *f = NULL;
	int fd;

	umask(mask);
	sprintf(tmp, "%s.XXXXXX", out);
	fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "mkrootfs: %s: cannot create: %s\n", out, strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes it 0600; an archive is an ordinary output file. */
	if (fchmod(fd, 0666 & ~mask) < 0 || !(f = fdopen(fd, "wb"))) {
		fprintf(stderr, "mkrootfs: %s: %s\n", tmp, strerror(errno));
		goto fail;
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct entry *e = &t->v[i];
		uint32_t type = e->mode & S_IFMT;
		/* Inodes count from 1 in archive order; hard links are copies. */
		header(f, (uint32_t)i + 1, e->mode, type == S_IFDIR ? 2 : 1, e->mtime,
		       e->size, e->path);
		if (type == S_IFLNK) {
			fwrite(e->target, 1, e->size, f);
			fwrite(zeros, 1, pad4(e->size), f);
		} else if (type == S_IFREG && copy_data(t, e, f) < 0) {
			goto fail;
		}
	}
	header(f, 0, 0, 1, 0, 0, NEWC_TRAILER);
	fd = -1;   /* fclose closes it, whatever it returns */
	if (ferror(f) | fclose(f)) {
		f = NULL;
		fprintf(stderr, "mkrootfs: %s: cannot write: %s\n", out, strerror(errno));
		goto fail;
	}
	f = NULL;
	if (rename(tmp, out) < 0) {
		fprintf(stderr, "mkrootfs: %s: cannot write: %s\n", out, strerror(errno));
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	if (f)
		fclose(f);
	else if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}
