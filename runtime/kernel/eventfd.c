/* eventfd, eventfd2: a 64-bit counter. A read takes the whole count (or 1
 * with EFD_SEMAPHORE) and waits while it is zero; a write adds and waits
 * while the sum would pass 2^64 - 2. O_NONBLOCK gives EAGAIN instead. */
#include "file.h"
#include "syscall.h"
#include "wait.h"

#define EFD_SEMAPHORE 1
#define EFD_MAX 0xfffffffffffffffeULL

struct counter {
	uint64_t value;
	int semaphore;
	uint64_t changes;   /* for EPOLLET */
};

static long efd_read(struct uk_file *f, void *buf, size_t len, uint64_t *pos)
{
	struct counter *c = f->priv;
	(void)pos;
	if (len < 8)
		return -UK_EINVAL;
	while (c->value == 0) {
		if (f->flags & UK_O_NONBLOCK)
			return -UK_EAGAIN;
		if (uk_wait_once(UINT64_MAX))
			return -UK_EINTR;
	}
	uint64_t v = c->semaphore ? 1 : c->value;
	c->value -= v;
	c->changes = uk_file_stamp();
	memcpy(buf, &v, 8);
	return 8;
}

static long efd_write(struct uk_file *f, const void *buf, size_t len, uint64_t *pos)
{
	struct counter *c = f->priv;
	uint64_t v;
	(void)pos;
	if (len < 8)
		return -UK_EINVAL;
	memcpy(&v, buf, 8);
	if (v == ~0ULL)
		return -UK_EINVAL;
	while (v > EFD_MAX - c->value) {
		if (f->flags & UK_O_NONBLOCK)
			return -UK_EAGAIN;
		if (uk_wait_once(UINT64_MAX))
			return -UK_EINTR;
	}
	c->value += v;
	c->changes = uk_file_stamp();
	return 8;
}

static long efd_poll(struct uk_file *f)
{
	struct counter *c = f->priv;
	long bits = 0;
	if (c->value > 0)
		bits |= UK_POLLIN | UK_POLLRDNORM;
	if (c->value < EFD_MAX)
		bits |= UK_POLLOUT | UK_POLLWRNORM;
	return bits;
}

static uint64_t efd_changes(struct uk_file *f)
{
	return ((struct counter *)f->priv)->changes;
}

static long efd_stat(struct uk_file *f, struct uk_stat *st)
{
	(void)f;
	st->mode = 0600;   /* anonymous inode */
	st->nlink = 1;
	st->blksize = 4096;
	return 0;
}

static void efd_release(struct uk_file *f)
{
	uk_free(f->priv);
}

static const struct uk_file_ops eventfd_ops = {
	.read = efd_read,
	.write = efd_write,
	.poll = efd_poll,
	.changes = efd_changes,
	.stat = efd_stat,
	.release = efd_release,
};

static long sys_eventfd2(long initval, long flags)
{
	if (flags & ~(long)(UK_O_CLOEXEC | UK_O_NONBLOCK | EFD_SEMAPHORE))
		return -UK_EINVAL;
	struct counter *c = uk_malloc(sizeof *c);
	struct uk_file *f = c ? uk_file_new(&eventfd_ops, UK_O_RDWR | (flags & UK_O_NONBLOCK)) : 0;
	if (!f) {
		uk_free(c);
		return -UK_ENOMEM;
	}
	c->value = (uint32_t)initval;
	c->semaphore = (flags & EFD_SEMAPHORE) != 0;
	f->priv = c;
	return uk_fd_install(f, (flags & UK_O_CLOEXEC) != 0);
}

static long sys_eventfd(long initval)
{
	return sys_eventfd2(initval, 0);
}

UK_SYSCALL(284, eventfd, sys_eventfd);
UK_SYSCALL(290, eventfd2, sys_eventfd2);
