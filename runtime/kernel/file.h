/* Open files and the descriptor table. Every kind of file (console, files
 * and directories of the filesystem, devices, and later sockets, pipes and
 * event fds) is a struct uk_file with its operations; the descriptor calls in
 * fd.c work on any of them. */
#ifndef UK_FILE_H
#define UK_FILE_H

#include "kernel.h"

struct uk_file;
struct uk_node;
struct uk_stat;

/* An I/O vector (struct iovec layout). */
struct uk_iovec {
	void *base;
	size_t len;
};

struct uk_file_ops {
	/* pos is the file position to use and advance; stream files ignore it. */
	long (*read)(struct uk_file *f, void *buf, size_t len, uint64_t *pos);
	long (*write)(struct uk_file *f, const void *buf, size_t len, uint64_t *pos);
	/* Optional: a whole vector in one transfer (a socket sends it as one
	 * stream of segments, not one per element). cnt is checked already.
	 * Without them, readv/writev go element by element. */
	long (*readv)(struct uk_file *f, const struct uk_iovec *iov, long cnt, uint64_t *pos);
	long (*writev)(struct uk_file *f, const struct uk_iovec *iov, long cnt, uint64_t *pos);
	long (*stat)(struct uk_file *f, struct uk_stat *st);
	long (*ioctl)(struct uk_file *f, unsigned long req, long arg);
	long (*getdents)(struct uk_file *f, void *buf, size_t len);
	void (*release)(struct uk_file *f);
	/* Readiness now, as poll(2) bits (UK_POLLIN, UK_POLLOUT, UK_POLLERR,
	 * UK_POLLHUP...); no waiting, no pumping. Files without it are always
	 * ready to read and write, as regular files are on Linux. */
	long (*poll)(struct uk_file *f);
	/* A count that grows whenever new data, space or a state change
	 * arrives, even if poll's bits stay the same: EPOLLET reports on it. */
	uint64_t (*changes)(struct uk_file *f);
	int seekable;   /* lseek/pread/pwrite allowed (else ESPIPE) */
};

struct uk_file {
	const struct uk_file_ops *ops;
	unsigned refs;          /* descriptors sharing this open file */
	unsigned flags;         /* O_ACCMODE and status flags (O_APPEND, O_NONBLOCK...) */
	uint64_t pos;
	struct uk_node *node;   /* the filesystem object, or 0 */
	void *priv;
	uint64_t id;            /* unique for the kernel's lifetime: epoll tells a
	                         * reused descriptor from the file it watched */
};

/* Linux open flags (x86_64). */
#define UK_O_ACCMODE 03
#define UK_O_RDONLY 0
#define UK_O_WRONLY 01
#define UK_O_RDWR 02
#define UK_O_CREAT 0100
#define UK_O_EXCL 0200
#define UK_O_NOCTTY 0400
#define UK_O_TRUNC 01000
#define UK_O_APPEND 02000
#define UK_O_NONBLOCK 04000
#define UK_O_DIRECTORY 0200000
#define UK_O_NOFOLLOW 0400000
#define UK_O_CLOEXEC 02000000
#define UK_O_PATH 010000000
#define UK_O_TMPFILE_BIT 020000000

/* poll(2) event bits (Linux). */
#define UK_POLLIN 0x001
#define UK_POLLPRI 0x002
#define UK_POLLOUT 0x004
#define UK_POLLERR 0x008
#define UK_POLLHUP 0x010
#define UK_POLLNVAL 0x020
#define UK_POLLRDNORM 0x040
#define UK_POLLRDBAND 0x080
#define UK_POLLWRNORM 0x100
#define UK_POLLWRBAND 0x200
#define UK_POLLRDHUP 0x2000

/* Every change of a file's readiness takes the next number of one kernel-
 * wide count as its file's changes value: per file it still only grows
 * (EPOLLET), and across files it tells which changed first (epoll reports
 * ready files in that order, as Linux's ready list does). */
extern uint64_t uk_file_stamps;
static inline uint64_t uk_file_stamp(void)
{
	return ++uk_file_stamps;
}

/* A new open file with one reference, or 0 when memory is short. */
struct uk_file *uk_file_new(const struct uk_file_ops *ops, unsigned flags);
void uk_file_put(struct uk_file *f);

/* The descriptor table. */
long uk_fd_install(struct uk_file *f, int cloexec);        /* lowest free fd or -EMFILE; takes the reference */
long uk_fd_install_at(int fd, struct uk_file *f, int cloexec);
struct uk_file *uk_fd_get(long fd);                        /* borrowed, or 0 */
/* At exit, as Linux does: every descriptor closed (sockets send their FIN). */
void uk_fd_close_all(void);
long uk_fd_close(long fd);

/* What stat returns, Linux x86_64 struct stat. */
struct uk_timespec_pair {
	long sec, nsec;
};

struct uk_stat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid;
	int32_t pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	struct uk_timespec_pair atime, mtime, ctime;
	int64_t unused[3];
};

long uk_fstat_file(struct uk_file *f, struct uk_stat *st);

/* console.c */
void uk_console_init(void);

#endif
