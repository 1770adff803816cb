/* mkrootfs --list: checks an archive against the whole contract of
 * docs/rootfs.md (layout, bounds, types, paths, order) and, only if all of
 * it holds, prints one line per entry. The archive is untrusted input: every
 * size is checked against what is left before it is used. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkrootfs.h"

static const char *const field_name[NEWC_FIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor",
	"devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

struct archive {
	const char *file;
	const unsigned char *b;
	size_t size;
	const char **dirs;      /* directory paths seen so far: sorted, as */
	size_t ndirs, capdirs;  /*   entries arrive in order */
};

/* "mkrootfs: FILE: offset N[: PATH]: what" */
static int bad(const struct archive *a, size_t off, const char *path,
               const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkrootfs: %s: offset %zu: ", a->file, off);
	if (path) {
		print_escaped(stderr, path, strlen(path));
		fputs(": ", stderr);
	}
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int hex8(const unsigned char *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		unsigned c = p[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

/* What is wrong with PATH as a rootfs path, or NULL. */
static const char *path_problem(const char *p)
{
	const char *c = p, *end = p + strlen(p);

	if (c == end)
		return "empty path";
	if (*c == '/')
		return "absolute path (paths are relative to the rootfs)";
	for (;;) {
		const char *s = memchr(c, '/', (size_t)(end - c));
		size_t n = (size_t)((s ? s : end) - c);
		if (n == 0)
			return "empty path component (\"//\" or a trailing \"/\")";
		if ((n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
			return "\".\" or \"..\" in the path";
		if (n > ROOTFS_NAME_MAX)
			return "a name longer than 255 bytes";
		if (!s)
			return NULL;
		c = s + 1;
	}
}

/* Is the LEN-byte prefix P a directory listed before? */
static int have_dir(const struct archive *a, const char *p, size_t len)
{
	size_t lo = 0, hi = a->ndirs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *d = a->dirs[mid];
		int c = strncmp(d, p, len);
		if (c == 0)
			c = d[len] != '\0';   /* d is longer: it sorts after p */
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void add_dir(struct archive *a, const char *path)
{
	if (a->ndirs == a->capdirs) {
		a->capdirs = a->capdirs ? 2 * a->capdirs : 64;
		const char **v = realloc(a->dirs, a->capdirs * sizeof *v);
		if (!v) {
			fprintf(stderr, "mkrootfs: out of memory\n");
			exit(EXIT_FAIL);
		}
		a->dirs = v;
	}
	a->dirs[a->ndirs++] = path;
}

static void print_entry(const char *path, uint32_t mode, uint32_t size,
                        const unsigned char *data)
{
	char type = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : 'f';

	printf("%c %04o %u ", type, mode & 07777, size);
	print_escaped(stdout, path, strlen(path));
	if (S_ISLNK(mode)) {
		fputs(" -> ", stdout);
		print_escaped(stdout, (const char *)data, size);
	}
	putchar('\n');
}

/* One pass over the archive: 0 if it is valid; prints entries if PRINT. */
static int scan(struct archive *a, int print)
{
	const char *prev = NULL;
	size_t off = 0;

	a->ndirs = 0;
	for (;;) {
		size_t left = a->size - off, name_off, data_off, next;
		const unsigned char *h = a->b + off;
		uint32_t f[NEWC_FIELDS];

		if (left == 0)
			return bad(a, off, NULL, "no %s entry: the archive is truncated",
				   NEWC_TRAILER);
		if (left < NEWC_HEADER_LEN)
			return bad(a, off, NULL, "truncated header (%zu of %d bytes)", left,
				   NEWC_HEADER_LEN);
		if (memcmp(h, NEWC_MAGIC, 6) != 0)
			return bad(a, off, NULL, "bad magic %02x%02x%02x%02x%02x%02x (hex): "
				   "not a cpio \"newc\" header (\"%s\")", h[0], h[1], h[2],
				   h[3], h[4], h[5], NEWC_MAGIC);
		for (int i = 0; i < NEWC_FIELDS; i++)
			if (hex8(h + 6 + 8 * i, &f[i]) < 0)
				return bad(a, off, NULL, "header field %s is not 8 hex digits",
					   field_name[i]);
		if (f[F_CHECK] != 0)
			return bad(a, off, NULL, "check field is %u, not 0 (a \"070702\" "
				   "checksum archive?)", f[F_CHECK]);

		uint32_t namesize = f[F_NAMESIZE], size = f[F_FILESIZE], mode = f[F_MODE];
		if (namesize == 0)
			return bad(a, off, NULL, "name size is 0 (it counts the NUL)");
		if (namesize > ROOTFS_PATH_MAX + 1)
			return bad(a, off, NULL, "name size %u: paths are at most %d bytes",
				   namesize, ROOTFS_PATH_MAX);
		name_off = off + NEWC_HEADER_LEN;
		if (namesize > a->size - name_off)
			return bad(a, off, NULL, "the name (%u bytes) runs past the end of "
				   "the archive", namesize);
		const char *name = (const char *)a->b + name_off;
		if (name[namesize - 1] != '\0')
			return bad(a, off, NULL, "the name is not NUL-terminated");
		if (strlen(name) != namesize - 1)
			return bad(a, off, NULL, "the name has a NUL byte inside it");
		data_off = name_off + namesize + pad4(NEWC_HEADER_LEN + namesize);
		if (data_off > a->size)
			return bad(a, off, name, "truncated after the name");
		if (size > a->size - data_off)
			return bad(a, off, name, "data of %u bytes runs past the end of the "
				   "archive", size);
		next = data_off + size + pad4(size);
		if (next > a->size)
			return bad(a, off, name, "truncated in the data's padding");

		if (strcmp(name, NEWC_TRAILER) == 0) {
			if (size)
				return bad(a, off, name, "the trailer has data");
			for (size_t i = next; i < a->size; i++)
				if (a->b[i])
					return bad(a, i, NULL, "bytes other than zero padding "
						   "after the trailer");
			return 0;
		}

		const char *why = path_problem(name);
		if (why)
			return bad(a, off, name, "%s", why);
		if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISLNK(mode))
			return bad(a, off, name, "file type %06o: only regular files, "
				   "directories and symlinks", mode & S_IFMT);
		if (S_ISDIR(mode) && size)
			return bad(a, off, name, "a directory with %u bytes of data", size);
		if (S_ISLNK(mode)) {
			if (size == 0 || size > ROOTFS_PATH_MAX)
				return bad(a, off, name, "symlink target of %u bytes (want "
					   "1..%d)", size, ROOTFS_PATH_MAX);
			if (memchr(a->b + data_off, '\0', size))
				return bad(a, off, name, "symlink target with a NUL byte");
		}
		if (prev && strcmp(prev, name) >= 0)
			return bad(a, off, name, strcmp(prev, name) ? "out of order: entries "
				   "are sorted by path" : "the same path twice");
		const char *slash = strrchr(name, '/');
		if (slash && !have_dir(a, name, (size_t)(slash - name)))
			return bad(a, off, name, "its directory is not listed before it");

		if (print)
			print_entry(name, mode, size, a->b + data_off);
		if (S_ISDIR(mode))
			add_dir(a, name);
		prev = name;
		off = next;
	}
}

static int read_all(const char *file, unsigned char **buf, size_t *size)
{
	size_t cap = 1 << 16, n = 0;
	unsigned char *b = NULL;
	ssize_t got;
	struct stat st;
	int fd = open(file, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "mkrootfs: %s: %s\n", file, strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "mkrootfs: %s: is a directory, not an archive\n", file);
		goto fail;
	}
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size >= cap)
		cap = (size_t)st.st_size + 1;
	b = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			unsigned char *nb = realloc(b, cap *= 2);
			if (!nb) {
				fprintf(stderr, "mkrootfs: out of memory\n");
				goto fail;
			}
			b = nb;
		}
		got = read(fd, b + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			fprintf(stderr, "mkrootfs: %s: cannot read: %s\n", file, strerror(errno));
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	*buf = b;
	*size = n;
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	free(b);
	return -1;
}

int list_archive(const char *file)
{
	struct archive a = { .file = file };
	unsigned char *buf;

	if (read_all(file, &buf, &a.size) < 0)
		return EXIT_FAIL;
	a.b = buf;
	/* Validate all of it first: a bad archive prints no partial listing. */
	int rc = scan(&a, 0) == 0 && scan(&a, 1) == 0 ? 0 : EXIT_FAIL;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "mkrootfs: cannot write the listing: %s\n", strerror(errno));
		rc = EXIT_FAIL;
	}
	free(a.dirs);
	free(buf);
	return rc;
}
