/* Nodes and directory entries: creation, lifetime (a node lives while a
 * directory entry names it or a file has it open), stat. */
#include "fs.h"

struct uk_node *uk_fs_root;
static uint64_t next_ino = 1;

static struct uk_timespec_pair now(void)
{
	uint64_t ns = uk_platform_clock_wall();
	struct uk_timespec_pair t = { (long)(ns / 1000000000), (long)(ns % 1000000000) };
	return t;
}

struct uk_node *uk_node_new(uint32_t mode)
{
	struct uk_node *n = uk_malloc(sizeof *n);
	if (!n)
		return 0;
	n->mode = mode;
	n->ino = next_ino++;
	n->atime = n->mtime = n->ctime = now();
	n->next_cookie = 3;   /* 1 and 2 are "." and ".." */
	return n;
}

void uk_node_touch(struct uk_node *n, int data_changed)
{
	n->ctime = now();
	if (data_changed)
		n->mtime = n->ctime;
}

void uk_node_unref(struct uk_node *n)
{
	if (n->links || n->opens || n == uk_fs_root)
		return;
	uk_data_free(n);
	uk_free(n);
}

struct uk_dirent *uk_dir_find(struct uk_node *dir, const char *name, size_t len)
{
	for (struct uk_dirent *e = dir->entries; e; e = e->next)
		if (memcmp(e->name, name, len) == 0 && e->name[len] == 0)
			return e;
	return 0;
}

long uk_dir_link(struct uk_node *dir, const char *name, size_t len, struct uk_node *n)
{
	struct uk_dirent *e = uk_malloc(sizeof *e + len + 1);
	if (!e)
		return -UK_ENOSPC;
	memcpy(e->name, name, len);
	e->node = n;
	e->cookie = dir->next_cookie++;
	if (dir->last_entry)
		dir->last_entry->next = e;
	else
		dir->entries = e;
	dir->last_entry = e;
	n->links++;
	if (S_ISDIR(n->mode)) {
		n->parent = dir;
		dir->subdirs++;
	}
	uk_node_touch(n, 0);
	uk_node_touch(dir, 1);
	return 0;
}

/* A new node named NAME in DIR (which the caller checked is writable). */
long uk_dir_create(struct uk_node *dir, const char *name, size_t len, uint32_t mode, struct uk_node **out)
{
	struct uk_node *n = uk_node_new(mode);
	if (!n)
		return -UK_ENOSPC;
	n->readonly = dir->readonly;
	long err = uk_dir_link(dir, name, len, n);
	if (err) {
		uk_node_unref(n);
		return err;
	}
	*out = n;
	return 0;
}

/* Removes the entry; the node goes when nothing else holds it. */
void uk_dir_unlink(struct uk_node *dir, struct uk_dirent *e)
{
	struct uk_dirent **p = &dir->entries, *prev = 0;
	while (*p != e) {
		prev = *p;
		p = &(*p)->next;
	}
	*p = e->next;
	if (dir->last_entry == e)
		dir->last_entry = prev;
	struct uk_node *n = e->node;
	n->links--;
	if (S_ISDIR(n->mode)) {
		dir->subdirs--;
		n->parent = 0;
	}
	uk_free(e);
	uk_node_touch(dir, 1);
	uk_node_touch(n, 0);
	uk_node_unref(n);
}

long uk_node_stat(struct uk_node *n, struct uk_stat *st)
{
	memset(st, 0, sizeof *st);
	st->dev = 1;
	st->ino = n->ino;
	st->nlink = S_ISDIR(n->mode) ? 2 + n->subdirs : n->links;
	st->mode = n->mode;
	st->uid = n->uid;
	st->gid = n->gid;
	st->rdev = n->rdev;
	st->size = S_ISDIR(n->mode) ? 4096 : (int64_t)n->size;
	st->blksize = 4096;
	st->blocks = (int64_t)(UK_ALIGN_UP(n->size, 4096) / 512);
	st->atime = n->atime;
	st->mtime = n->mtime;
	st->ctime = n->ctime;
	return 0;
}
