/* File contents. A baked file's data is read in place from the image until
 * its first change copies it into pages of the kernel heap (the overlay).
 * Written files are tables of pages, so a file can use nearly all free
 * memory and never moves as it grows; pages never written are holes that
 * read as zero. Running out of memory is ENOSPC, as on a full tmpfs, and the
 * file keeps what it had. */
#include "fs.h"

#define PAGE UK_PAGE_SIZE
#define MAX_FILE_SIZE (1UL << 40)
#define BATCH 16

void uk_data_free(struct uk_node *n)
{
	for (size_t i = 0; i < n->npages; i++)
		if (n->pages[i])
			uk_pages_free(n->pages[i], PAGE);
	uk_free(n->pages);
	n->pages = 0;
	n->npages = 0;
	if (n->data_owned)
		uk_free(n->data);
	n->data = 0;
	n->data_owned = 0;
}

long uk_data_set_target(struct uk_node *n, const char *target, size_t len)
{
	unsigned char *d = uk_malloc(len + 1);
	if (!d)
		return -UK_ENOSPC;
	memcpy(d, target, len);
	uk_data_free(n);
	n->data = d;
	n->data_owned = 1;
	n->size = len;
	return 0;
}

static int in_image(const struct uk_node *n)
{
	return n->data && !n->data_owned;
}

static long grow_table(struct uk_node *n, size_t want)
{
	if (want <= n->npages)
		return 0;
	size_t len = n->npages ? n->npages : 4;
	while (len < want)
		len *= 2;
	unsigned char **t = uk_realloc(n->pages, len * sizeof *t);
	if (!t && len > want)
		t = uk_realloc(n->pages, (len = want) * sizeof *t);
	if (!t)
		return -UK_ENOSPC;
	n->pages = t;
	n->npages = len;
	return 0;
}

static unsigned char *page_for_write(struct uk_node *n, size_t index)
{
	if (grow_table(n, index + 1) < 0)
		return 0;
	if (!n->pages[index] && index >= BATCH && index % BATCH == 0 && grow_table(n, index + BATCH) == 0) {
		/* A growing large file takes pages BATCH at a time: one search of
		 * the page map instead of BATCH (each page still frees alone). */
		unsigned char *run = uk_pages_alloc(BATCH * PAGE);
		for (size_t i = 0; run && i < BATCH; i++) {
			if (!n->pages[index + i])
				n->pages[index + i] = run + i * PAGE;
			else
				uk_pages_free(run + i * PAGE, PAGE);
		}
	}
	if (!n->pages[index])
		n->pages[index] = uk_pages_alloc(PAGE);   /* comes zeroed */
	return n->pages[index];
}

/* Move a baked file's data into pages before its first change. */
static long copy_up(struct uk_node *n)
{
	const unsigned char *src = n->data;
	size_t count = UK_ALIGN_UP(n->size, PAGE) / PAGE;
	if (!in_image(n))
		return 0;
	if (grow_table(n, count) < 0)
		return -UK_ENOSPC;
	for (size_t i = 0; i < count; i++) {
		unsigned char *p = page_for_write(n, i);
		if (!p) {
			for (size_t j = 0; j < i; j++) {
				uk_pages_free(n->pages[j], PAGE);
				n->pages[j] = 0;
			}
			return -UK_ENOSPC;
		}
		size_t len = n->size - i * PAGE < PAGE ? n->size - i * PAGE : PAGE;
		memcpy(p, src + i * PAGE, len);
	}
	n->data = 0;
	return 0;
}

long uk_data_read(struct uk_node *n, void *buf, size_t len, uint64_t pos)
{
	if (pos >= n->size)
		return 0;
	if (len > n->size - pos)
		len = n->size - pos;
	if (in_image(n) || S_ISLNK(n->mode)) {
		memcpy(buf, n->data + pos, len);
		return (long)len;
	}
	unsigned char *out = buf;
	size_t done = 0;
	while (done < len) {
		size_t index = (pos + done) / PAGE, off = (pos + done) % PAGE;
		size_t chunk = PAGE - off < len - done ? PAGE - off : len - done;
		const unsigned char *p = index < n->npages ? n->pages[index] : 0;
		if (p)
			memcpy(out + done, p + off, chunk);
		else
			memset(out + done, 0, chunk);
		done += chunk;
	}
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
	long err = copy_up(n);
	if (err)
		return err;
	const unsigned char *in = buf;
	size_t done = 0;
	while (done < len) {
		size_t index = (pos + done) / PAGE, off = (pos + done) % PAGE;
		size_t chunk = PAGE - off < len - done ? PAGE - off : len - done;
		unsigned char *p = page_for_write(n, index);
		if (!p)
			break;   /* memory is full: a short write, then ENOSPC */
		memcpy(p + off, in + done, chunk);
		done += chunk;
	}
	if (pos + done > n->size)
		n->size = pos + done;
	if (done)
		uk_node_touch(n, 1);
	return done ? (long)done : -UK_ENOSPC;
}

long uk_data_truncate(struct uk_node *n, uint64_t size)
{
	if (size > MAX_FILE_SIZE)
		return -UK_EFBIG;
	if (size == n->size)
		goto done;
	long err = copy_up(n);
	if (err)
		return err;
	if (size < n->size) {
		/* Free whole pages past the end; zero the tail of the last one so
		 * a later extension reads zeros. */
		size_t keep = UK_ALIGN_UP(size, PAGE) / PAGE;
		for (size_t i = keep; i < n->npages; i++)
			if (n->pages[i]) {
				uk_pages_free(n->pages[i], PAGE);
				n->pages[i] = 0;
			}
		if (size % PAGE && keep - 1 < n->npages && n->pages[keep - 1])
			memset(n->pages[keep - 1] + size % PAGE, 0, PAGE - size % PAGE);
	} else if (grow_table(n, UK_ALIGN_UP(size, PAGE) / PAGE) < 0) {
		return -UK_ENOSPC;   /* growing leaves holes: only the table is needed */
	}
	n->size = size;
done:
	uk_node_touch(n, 1);
	return 0;
}
