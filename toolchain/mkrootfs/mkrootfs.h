/* mkrootfs: packs a directory into the cpio "newc" archive that bake embeds
 * as an image's root filesystem, and lists/validates such archives.
 * The contract with the kernel is docs/rootfs.md. Shared declarations. */
#ifndef MKROOTFS_H
#define MKROOTFS_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define EXIT_FAIL   1
#define EXIT_USAGE  2

#define NEWC_MAGIC      "070701"
#define NEWC_HEADER_LEN 110             /* magic + 13 fields of 8 hex digits */
#define NEWC_FIELDS     13
#define NEWC_TRAILER    "TRAILER!!!"
#define ROOTFS_PATH_MAX 4095            /* bytes of a path, without its NUL */
#define ROOTFS_NAME_MAX 255             /* bytes of one path component */
#define ROOTFS_PERM     0777            /* permission bits kept (no setuid...) */

/* Header fields, in archive order. */
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR,
       F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

/* One archive entry, found by the walk. */
struct entry {
	char *path;             /* relative to DIR: "etc", "etc/hosts" */
	uint32_t mode;          /* file type | permission bits, as stored */
	uint32_t size;          /* regular file: data bytes; symlink: target length */
	uint32_t mtime;
	char *target;           /* symlink target (no NUL in the archive) */
	dev_t dev;              /* host identity of a regular file, checked */
	ino_t ino;              /*   again when its data is read */
};

struct tree {
	int dirfd;              /* DIR, opened once: every access is relative to it */
	const char *dir;        /* DIR as given, for messages */
	struct entry *v;
	size_t n, cap;
};

/* walk.c: every entry under DIR, sorted by path; 0, or -1 after messages. */
int walk_tree(struct tree *t, const char *dir, int64_t clamp_mtime);

/* write.c: the archive of T into OUT (atomically: nothing left on failure). */
int write_archive(const struct tree *t, const char *out);

/* list.c: validate ARCHIVE; print one line per entry if it is valid. */
int list_archive(const char *archive);

/* util.c */
void *xmalloc(size_t n);
char *xstrdup(const char *s);
void print_escaped(FILE *f, const char *s, size_t len);
int pad4(size_t n);                                /* bytes to the next 4 */

#endif
