/* fds 0, 1, 2: the platform console. stdin is at end of file. */
#include "kernel.h"
#include "syscall.h"

struct uk_iovec {
	const void *base;
	size_t len;
};

long uk_sys_write(long fd, long buf, long len)
{
	if (fd != 1 && fd != 2)
		return -UK_EBADF;
	if (len < 0)
		return -UK_EINVAL;
	uk_platform_console_write((const char *)buf, (size_t)len);
	return len;
}

long uk_sys_writev(long fd, long iov, long cnt)
{
	const struct uk_iovec *v = (const struct uk_iovec *)iov;
	long total = 0;
	if (cnt < 0 || cnt > 1024)
		return -UK_EINVAL;
	for (long i = 0; i < cnt; i++) {
		long r = uk_sys_write(fd, (long)v[i].base, (long)v[i].len);
		if (r < 0)
			return r;
		total += r;
	}
	return total;
}

/* Not a terminal: stdio then buffers fully and flushes at exit. */
long uk_sys_ioctl(long fd, long req, long arg)
{
	(void)req;
	(void)arg;
	return fd >= 0 && fd <= 2 ? -UK_ENOTTY : -UK_EBADF;
}

static long sys_read(long fd)
{
	return fd == 0 ? 0 : -UK_EBADF;   /* stdin at end of file */
}

static long sys_close(long fd)
{
	return fd >= 0 && fd <= 2 ? 0 : -UK_EBADF;
}

UK_SYSCALL(0, read, sys_read);
UK_SYSCALL(1, write, uk_sys_write);
UK_SYSCALL(3, close, sys_close);
UK_SYSCALL(16, ioctl, uk_sys_ioctl);
UK_SYSCALL(20, writev, uk_sys_writev);
