/* File contents. Data baked into the image is used in place until the first
 * change copies it to the kernel heap (the overlay); memory running out while
 * a file grows is ENOSPC, as on a full tmpfs, and the file keeps its data. */
#include "fs.h"

#define MAX_FILE_SIZE (1UL << 40)

/* Make room for size bytes in writable memory. */
static long reserve(struct uk_node *n, size_t size)
{
	if (n->cap && size <= n->cap)
		return 0;
	size_t cap = n->cap ? n->cap : 64;
	while (cap < size)
		cap = cap < (1UL << 30) ? cap * 2 : cap + (1UL << 30);
	unsigned char *d;
	if (n->cap) {
		d = uk_realloc(n->data, cap);
		if (!d && cap > size)
			d = uk_realloc(n->data, cap = size);   /* try without headroom */
	} else {
		d = uk_malloc(cap);
		if (!d && cap > size)
			d = uk_malloc(cap = size);
		if (d && n->size)
			memcpy(d, n->data, n->size);           /* copy up from the image */
	}
	if (!d)
		return -UK_ENOSPC;
	n->data = d;
	n->cap = cap;
	return 0;
}

long uk_data_read(struct uk_node *n, void *buf, size_t len, uint64_t pos)
{
	if (pos >= n->size)
		return 0;
	if (len > n->size - pos)
		len = n->size - pos;
	memcpy(buf, n->data + pos, len);
	return (long)len;
}

long uk_data_write(struct uk_node *n, const void *buf, size_t len, uint64_t pos)
{
	if (len == 0)
		return 0;
	if (pos >= MAX_FILE_SIZE)
		return -UK_EFBIG;
	if (len > MAX_FILE_SIZE - pos)
		len = MAX_FILE_SIZE - pos;
	size_t end = pos + len;
	long err = reserve(n, end > n->size ? end : n->size ? n->size : 1);
	if (err)
		return err;
	if (pos > n->size)
		memset(n->data + n->size, 0, pos - n->size);
	memcpy(n->data + pos, buf, len);
	if (end > n->size)
		n->size = end;
	uk_node_touch(n, 1);
	return (long)len;
}

long uk_data_truncate(struct uk_node *n, uint64_t size)
{
	if (size > MAX_FILE_SIZE)
		return -UK_EFBIG;
	if (size > n->size) {
		long err = reserve(n, size);
		if (err)
			return err;
		memset(n->data + n->size, 0, size - n->size);
	} else if (!n->cap && size < n->size) {
		long err = reserve(n, size ? size : 1);
		if (err)
			return err;
	}
	n->size = size;
	uk_node_touch(n, 1);
	return 0;
}
