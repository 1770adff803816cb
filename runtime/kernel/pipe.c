/* pipe, pipe2: a 64 KiB ring shared by a read end and a write end. Reads
 * of an empty pipe wait for a writer (EOF once every write end is closed),
 * writes to a full one wait for a reader, writes of up to PIPE_BUF bytes are
 * atomic, and writing with no reader left is EPIPE with SIGPIPE. O_NONBLOCK
 * gives EAGAIN instead of waiting. */
#include "file.h"
#include "signal.h"
#include "syscall.h"
#include "wait.h"

#define PIPE_SIZE 65536
#define PIPE_BUF 4096
#define FIONREAD 0x541b
#define S_IFIFO 0010000

struct pipe {
	unsigned char *buf;
	size_t head, len;       /* oldest byte, bytes held */
	unsigned readers, writers;
	uint64_t changes;       /* for EPOLLET: bumped by every transfer and close */
};

static size_t space(const struct pipe *p)
{
	return PIPE_SIZE - p->len;
}

static long pipe_read(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	struct pipe *p = f->priv;
	(void)pos;
	if (len == 0)
		return 0;
	while (p->len == 0) {
		if (p->writers == 0)
			return 0;
		if (f->flags & UK_O_NONBLOCK)
			return -UK_EAGAIN;
		if (uk_wait_once(UINT64_MAX))   /* only another thread can fill it */
			return -UK_EINTR;
	}
	size_t n = len < p->len ? len : p->len, done = 0;
	while (done < n) {
		size_t chunk = PIPE_SIZE - p->head < n - done ? PIPE_SIZE - p->head : n - done;
		memcpy((unsigned char *)buf + done, p->buf + p->head, chunk);
		p->head = (p->head + chunk) % PIPE_SIZE;
		done += chunk;
	}
	p->len -= n;
	p->changes = uk_file_stamp();
	return (long)n;
}

static void put(struct pipe *p, const unsigned char *src, size_t n)
{
	size_t tail = (p->head + p->len) % PIPE_SIZE, done = 0;
	while (done < n) {
		size_t chunk = PIPE_SIZE - tail < n - done ? PIPE_SIZE - tail : n - done;
		memcpy(p->buf + tail, src + done, chunk);
		tail = (tail + chunk) % PIPE_SIZE;
		done += chunk;
	}
	p->len += n;
	p->changes = uk_file_stamp();
}

static long pipe_write(struct uk_file *f, const void *buf, size_t len, uint64_t *pos)
{
	struct pipe *p = f->priv;
	size_t done = 0;
	(void)pos;
	while (done < len) {
		if (p->readers == 0) {
			if (done)
				return (long)done;
			uk_signal_pipe();
			return -UK_EPIPE;
		}
		size_t want = len - done, room = space(p);
		/* small writes go in whole or not at all */
		if (room == 0 || (len <= PIPE_BUF && room < want)) {
			if (f->flags & UK_O_NONBLOCK)
				return done ? (long)done : -UK_EAGAIN;
			if (uk_wait_once(UINT64_MAX))
				return done ? (long)done : -UK_EINTR;
			continue;
		}
		size_t n = want < room ? want : room;
		put(p, (const unsigned char *)buf + done, n);
		done += n;
	}
	return (long)done;
}

static long pipe_poll(struct uk_file *f)
{
	struct pipe *p = f->priv;
	long bits = 0;
	if ((f->flags & UK_O_ACCMODE) == UK_O_RDONLY) {
		if (p->len)
			bits |= UK_POLLIN | UK_POLLRDNORM;
		if (!p->writers)
			bits |= UK_POLLHUP;
	} else {
		if (space(p) >= PIPE_BUF)
			bits |= UK_POLLOUT | UK_POLLWRNORM;
		if (!p->readers)
			bits |= UK_POLLERR;
	}
	return bits;
}

static uint64_t pipe_changes(struct uk_file *f)
{
	return ((struct pipe *)f->priv)->changes;
}

static long pipe_ioctl(struct uk_file *f, unsigned long req, long arg)
{
	struct pipe *p = f->priv;
	if (req != FIONREAD)
		return -UK_ENOTTY;
	*(int *)arg = (int)p->len;
	return 0;
}

static long pipe_stat(struct uk_file *f, struct uk_stat *st)
{
	(void)f;
	st->mode = S_IFIFO | 0600;
	st->nlink = 1;
	st->blksize = 4096;
	return 0;
}

static void pipe_release(struct uk_file *f)
{
	struct pipe *p = f->priv;
	if ((f->flags & UK_O_ACCMODE) == UK_O_RDONLY)
		p->readers--;
	else
		p->writers--;
	p->changes = uk_file_stamp();
	if (!p->readers && !p->writers) {
		uk_free(p->buf);
		uk_free(p);
	}
}

static const struct uk_file_ops pipe_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.changes = pipe_changes,
	.ioctl = pipe_ioctl,
	.stat = pipe_stat,
	.release = pipe_release,
};

static long sys_pipe2(long fds, long flags)
{
	int *out = (int *)fds;
	if (flags & ~(long)(UK_O_CLOEXEC | UK_O_NONBLOCK | 040000 /* O_DIRECT */))
		return -UK_EINVAL;
	struct pipe *p = uk_malloc(sizeof *p);
	unsigned char *buf = p ? uk_malloc(PIPE_SIZE) : 0;
	struct uk_file *r = buf ? uk_file_new(&pipe_ops, UK_O_RDONLY | (flags & UK_O_NONBLOCK)) : 0;
	struct uk_file *w = r ? uk_file_new(&pipe_ops, UK_O_WRONLY | (flags & UK_O_NONBLOCK)) : 0;
	if (!w) {
		uk_free(r);
		uk_free(buf);
		uk_free(p);
		return -UK_ENFILE;
	}
	p->buf = buf;
	p->readers = p->writers = 1;
	r->priv = w->priv = p;
	int cloexec = (flags & UK_O_CLOEXEC) != 0;
	long rfd = uk_fd_install(r, cloexec);
	if (rfd < 0) {
		uk_file_put(w);
		return rfd;
	}
	long wfd = uk_fd_install(w, cloexec);
	if (wfd < 0) {
		uk_fd_close(rfd);
		return wfd;
	}
	out[0] = (int)rfd;
	out[1] = (int)wfd;
	return 0;
}

static long sys_pipe(long fds)
{
	return sys_pipe2(fds, 0);
}

UK_SYSCALL(22, pipe, sys_pipe);
UK_SYSCALL(293, pipe2, sys_pipe2);
