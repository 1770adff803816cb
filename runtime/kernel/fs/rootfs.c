/* The root filesystem baked into the image (bake --rootfs): a cpio "newc"
 * archive in the image's read-only data (docs/rootfs.md). Unpacking builds
 * the tree; file data and link targets stay in the image until changed. */
#include "fs.h"

extern const unsigned char __uk_rootfs_start[], __uk_rootfs_end[];

#define HEADER_LEN 110

static _Noreturn void corrupt(size_t off)
{
	uk_print_dec("x86_64-unikernel: the image's root filesystem archive is corrupt at offset ", (long)off);
	uk_print("\n");
	uk_platform_exit(1);
}

static int hex_field(const unsigned char *p, uint64_t *out)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++) {
		unsigned char c = p[i];
		unsigned d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		             c >= 'A' && c <= 'F' ? c - 'A' + 10 : 16;
		if (d > 15)
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

/* Find or create the directory holding PATH's last component. */
static struct uk_node *parent_of(char *path, char **last, int readonly, size_t off)
{
	struct uk_node *dir = uk_fs_root;
	char *p = path;
	for (;;) {
		char *slash = p;
		while (*slash && *slash != '/')
			slash++;
		if (!*slash) {
			*last = p;
			return dir;
		}
		size_t len = (size_t)(slash - p);
		struct uk_dirent *e = uk_dir_find(dir, p, len);
		if (!e) {
			struct uk_node *d = uk_node_new(S_IFDIR | 0755);
			if (!d || uk_dir_link(dir, p, len, d))
				uk_boot_error("out of memory unpacking the root filesystem", 0);
			d->readonly = readonly;
			dir = d;
		} else if (!S_ISDIR(e->node->mode)) {
			corrupt(off);
		} else {
			dir = e->node;
		}
		p = slash + 1;
	}
}

static void add_entry(char *path, uint64_t mode, uint64_t mtime, const unsigned char *data,
                      uint64_t size, int readonly, size_t off)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	while (path[0] == '/')
		path++;
	if (!path[0] || (path[0] == '.' && !path[1]))
		return;   /* the root itself */
	char *name;
	struct uk_node *dir = parent_of(path, &name, readonly, off);
	size_t len = uk_strlen(name);
	if (len == 0 || len > UK_NAME_MAX)
		corrupt(off);
	struct uk_dirent *e = uk_dir_find(dir, name, len);
	if (e && S_ISDIR(e->node->mode) && S_ISDIR(mode)) {
		e->node->mode = (uint32_t)mode;   /* created as a parent earlier */
		return;
	}
	if (e)
		corrupt(off);   /* the same path twice */
	if (!S_ISDIR(mode) && !S_ISREG(mode) && !S_ISLNK(mode))
		corrupt(off);
	struct uk_node *n = uk_node_new((uint32_t)mode);
	if (!n || uk_dir_link(dir, name, len, n))
		uk_boot_error("out of memory unpacking the root filesystem", 0);
	n->readonly = readonly;
	n->mtime.sec = n->ctime.sec = n->atime.sec = (long)mtime;
	n->mtime.nsec = n->ctime.nsec = n->atime.nsec = 0;
	if (!S_ISDIR(mode)) {
		n->data = (unsigned char *)data;   /* in the image until first written */
		n->size = size;
	}
}

void uk_rootfs_unpack(int readonly)
{
	const unsigned char *base = __uk_rootfs_start;
	size_t total = (size_t)(__uk_rootfs_end - __uk_rootfs_start), off = 0;
	static char path[UK_PATH_MAX];
	if (total == 0)
		return;
	for (;;) {
		uint64_t f[13];
		if (total - off < HEADER_LEN || memcmp(base + off, "070701", 6) != 0)
			corrupt(off);
		for (int i = 0; i < 13; i++)
			if (hex_field(base + off + 6 + 8 * i, &f[i]) < 0)
				corrupt(off);
		uint64_t mode = f[1], mtime = f[5], size = f[6], namesize = f[11];
		size_t name_off = off + HEADER_LEN;
		if (namesize == 0 || namesize > UK_PATH_MAX || namesize > total - name_off ||
		    base[name_off + namesize - 1] != 0)
			corrupt(off);
		size_t data_off = UK_ALIGN_UP(name_off + namesize, 4);
		if (data_off > total || size > total - data_off)
			corrupt(off);
		memcpy(path, base + name_off, namesize);
		if (uk_strcmp(path, "TRAILER!!!") == 0)
			return;
		add_entry(path, mode, mtime, base + data_off, size, readonly, off);
		off = UK_ALIGN_UP(data_off + size, 4);
		if (off >= total)
			corrupt(off);   /* no trailer */
	}
}
