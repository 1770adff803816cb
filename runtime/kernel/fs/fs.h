/* The in-memory filesystem: one tree of nodes, holding the rootfs baked into
 * the image (file data stays in the image until first written: the writable
 * overlay), /tmp, /dev and generated /etc files. Internal to fs/. */
#ifndef UK_FS_H
#define UK_FS_H

#include "../file.h"

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)

#define UK_PATH_MAX 4096
#define UK_NAME_MAX 255
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_EMPTY_PATH 0x1000

struct uk_dirent {
	struct uk_dirent *next;
	struct uk_node *node;
	uint64_t cookie;        /* getdents position: grows, never reused in a dir */
	char name[];
};

struct uk_node {
	uint32_t mode;
	uint32_t uid, gid;
	uint32_t links;         /* directory entries naming it */
	uint32_t opens;         /* open files on it */
	int readonly;           /* under rootfs=ro: changes give EROFS */
	uint64_t ino;
	struct uk_timespec_pair atime, mtime, ctime;
	/* directories */
	struct uk_node *parent;
	struct uk_dirent *entries, *last_entry;
	uint64_t next_cookie;
	uint32_t subdirs;
	/* regular files and symlinks: a symlink's target, or a baked file's
	 * data in the image, is one buffer; a written file is held in pages */
	unsigned char *data;
	int data_owned;         /* data is the kernel's (a symlink made at run time) */
	size_t size;
	unsigned char **pages;  /* UK_PAGE_SIZE each; 0 entries are holes */
	size_t npages;          /* length of the pages table */
	/* character devices: their file operations, or an open of their own */
	const struct uk_file_ops *dev_ops;
	long (*dev_open)(struct uk_node *n, unsigned flags, int cloexec);
	uint64_t rdev;
	unsigned dev_arg;       /* for dev_open: /dev/stdout's descriptor number */
};

extern struct uk_node *uk_fs_root;

/* node.c */
struct uk_node *uk_node_new(uint32_t mode);
void uk_node_touch(struct uk_node *n, int data_changed);
void uk_node_unref(struct uk_node *n);   /* frees when no links and no opens */
struct uk_dirent *uk_dir_find(struct uk_node *dir, const char *name, size_t len);
long uk_dir_link(struct uk_node *dir, const char *name, size_t len, struct uk_node *n);
long uk_dir_create(struct uk_node *dir, const char *name, size_t len, uint32_t mode, struct uk_node **out);
void uk_dir_unlink(struct uk_node *dir, struct uk_dirent *e);
long uk_node_stat(struct uk_node *n, struct uk_stat *st);

/* data.c: contents of regular files and symlinks. */
long uk_data_read(struct uk_node *n, void *buf, size_t len, uint64_t pos);
long uk_data_write(struct uk_node *n, const void *buf, size_t len, uint64_t pos);
long uk_data_truncate(struct uk_node *n, uint64_t size);
long uk_data_set_target(struct uk_node *n, const char *target, size_t len);
void uk_data_free(struct uk_node *n);

/* path.c: name lookup. */
#define UK_WALK_FOLLOW 1     /* follow a symlink in the last component */
struct uk_lookup {
	struct uk_node *dir;     /* the directory holding the last component */
	struct uk_node *node;    /* what the path names, or 0 if it does not exist */
	struct uk_dirent *entry; /* its entry in dir (0 for "/", "." and "..") */
	const char *name;        /* the last component (not NUL-terminated) */
	size_t name_len;
	int trailing_slash;
};
long uk_path_walk(long dirfd, const char *path, int flags, struct uk_lookup *out);
long uk_path_node(long dirfd, const char *path, int at_flags, struct uk_node **out);
struct uk_node *uk_fs_cwd(void);
void uk_fs_set_cwd(struct uk_node *dir);

/* open.c */
extern unsigned uk_fs_umask;
long uk_open_node(struct uk_node *n, unsigned flags, int cloexec);
long uk_node_file_stat(struct uk_file *f, struct uk_stat *st);
void uk_node_file_release(struct uk_file *f);

/* devices.c */
void uk_devices_init(struct uk_node *dev);

/* rootfs.c */
void uk_rootfs_unpack(int readonly);

#endif
