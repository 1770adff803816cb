/* Reads an image file whole into memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elftool.h"

#define MAX_IMAGE_SIZE (1UL << 32)

int image_load(struct image *img, const char *path)
{
	struct stat st;
	size_t got = 0;
	int fd;

	img->path = path;
	img->buf = NULL;
	img->size = 0;
	img->problems = 0;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		image_problem(img, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		image_problem(img, "cannot stat: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		image_problem(img, "is a directory, not an image file");
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		image_problem(img, "not a regular file");
		close(fd);
		return -1;
	}
	if ((uint64_t)st.st_size > MAX_IMAGE_SIZE) {
		image_problem(img, "file too large (%lld bytes)", (long long)st.st_size);
		close(fd);
		return -1;
	}
	img->size = (size_t)st.st_size;
	img->buf = malloc(img->size ? img->size : 1);
	if (!img->buf) {
		image_problem(img, "out of memory reading %zu bytes", img->size);
		close(fd);
		return -1;
	}
	while (got < img->size) {
		ssize_t n = read(fd, img->buf + got, img->size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			image_problem(img, "read error: %s",
				      n < 0 ? strerror(errno) : "file shrank while reading");
			close(fd);
			image_free(img);
			return -1;
		}
		got += (size_t)n;
	}
	close(fd);
	return 0;
}

void image_free(struct image *img)
{
	free(img->buf);
	img->buf = NULL;
}
