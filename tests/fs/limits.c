/* Filesystem limits in an image: a full memory is ENOSPC for a growing file
 * with the data written so far intact, space comes back on unlink, the
 * descriptor limit is EMFILE, and rootfs=ro makes everything but /tmp and
 * /dev read-only (EROFS). Usage: limits full|fds|readonly */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char block[1 << 20];

static int fill(const char *path, long *written)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	*written = 0;
	for (;;) {
		for (size_t i = 0; i < sizeof block; i += 4096)
			block[i] = (char)(*written / (long)sizeof block + i / 4096);
		ssize_t r = write(fd, block, sizeof block);
		if (r < 0) {
			int e = errno;
			close(fd);
			return e;
		}
		*written += r;
		if (r < (ssize_t)sizeof block)
			continue;
	}
}

static int verify(const char *path, long size)
{
	static char in[1 << 20];
	int fd = open(path, O_RDONLY);
	struct stat st;
	fstat(fd, &st);
	if (st.st_size != size)
		return -1;
	for (long off = 0; off + (long)sizeof in <= size; off += sizeof in) {
		if (read(fd, in, sizeof in) != (ssize_t)sizeof in)
			return -1;
		for (size_t i = 0; i < sizeof in; i += 4096)
			if (in[i] != (char)(off / (long)sizeof in + i / 4096))
				return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	if (!strcmp(what, "full")) {
		long first, second;
		int e = fill("/tmp/big", &first);
		printf("filling memory ends with %s after %ld MiB\n", e == ENOSPC ? "ENOSPC" : strerror(e), first >> 20);
		printf("data written before ENOSPC intact: %s\n", verify("/tmp/big", first) == 0 ? "yes" : "no");
		printf("unlink: %d\n", unlink("/tmp/big"));
		e = fill("/tmp/big2", &second);
		printf("space came back: %s\n", e == ENOSPC && second >= first - (4L << 20) ? "yes" : "no");
		unlink("/tmp/big2");
		return 0;
	}
	if (!strcmp(what, "fds")) {
		struct rlimit rl;
		int n = 0, fd;
		getrlimit(RLIMIT_NOFILE, &rl);
		while ((fd = open("/dev/null", O_RDONLY)) >= 0)
			n = fd;
		printf("highest fd %d, then %s (soft limit %ld)\n", n, errno == EMFILE ? "EMFILE" : strerror(errno), (long)rl.rlim_cur);
		close(5);
		printf("lowest free fd reused: %d\n", open("/dev/null", O_RDONLY));
		return 0;
	}
	if (!strcmp(what, "readonly")) {
		int fd = open("/new", O_CREAT | O_WRONLY, 0644);
		printf("create in /: %s\n", fd < 0 ? strerror(errno) : "created");
		printf("mkdir in /: %s\n", mkdir("/newdir", 0755) < 0 ? strerror(errno) : "created");
		printf("write /etc/hosts: %s\n", open("/etc/hosts", O_WRONLY) < 0 ? strerror(errno) : "opened");
		printf("read /etc/hosts: %s\n", open("/etc/hosts", O_RDONLY) < 0 ? strerror(errno) : "opened");
		printf("access W_OK /etc/hosts: %s\n", access("/etc/hosts", W_OK) < 0 ? strerror(errno) : "ok");
		fd = open("/tmp/new", O_CREAT | O_WRONLY, 0644);
		printf("create in /tmp: %s\n", fd < 0 ? strerror(errno) : "created");
		printf("write /dev/null: %s\n", open("/dev/null", O_WRONLY) < 0 ? strerror(errno) : "opened");
		return 0;
	}
	fprintf(stderr, "usage: limits full|fds|readonly\n");
	return 2;
}
