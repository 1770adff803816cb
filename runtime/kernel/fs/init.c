/* The filesystem at boot: the baked rootfs, then what every program may
 * expect whether or not the rootfs has it: /tmp, /dev, and /etc files
 * generated from the runtime options (docs/filesystem.md). */
#include "fs.h"

static struct uk_node *ensure_dir(struct uk_node *parent, const char *name, unsigned mode, int readonly)
{
	struct uk_dirent *e = uk_dir_find(parent, name, uk_strlen(name));
	if (e) {
		if (!S_ISDIR(e->node->mode))
			uk_boot_error("the root filesystem has a non-directory at", name);
		e->node->readonly = readonly;
		return e->node;
	}
	struct uk_node *d = uk_node_new(S_IFDIR | mode);
	if (!d || uk_dir_link(parent, name, uk_strlen(name), d))
		uk_boot_error("out of memory creating", name);
	d->readonly = readonly;
	return d;
}

static long find(const char *path, struct uk_lookup *l)
{
	return uk_path_walk(AT_FDCWD, path, 0, l);
}

long uk_fs_set_file(const char *path, const char *data, size_t len, unsigned mode)
{
	struct uk_lookup l;
	long err = find(path, &l);
	if (err)
		return err;
	struct uk_node *n = l.node;
	if (n && !S_ISREG(n->mode))
		return -UK_EEXIST;
	if (!n && (err = uk_dir_create(l.dir, l.name, l.name_len, S_IFREG | mode, &n)))
		return err;
	if ((err = uk_data_truncate(n, 0)) || (len && (err = uk_data_write(n, data, len, 0)) < 0))
		return err;
	return 0;
}

int uk_fs_exists(const char *path)
{
	struct uk_lookup l;
	return find(path, &l) == 0 && l.node;
}

static void append(char *buf, size_t cap, size_t *len, const char *s)
{
	size_t n = uk_strlen(s);
	if (*len + n < cap) {
		memcpy(buf + *len, s, n);
		*len += n;
	}
}

/* The well-known ports servers and clients name most (IANA's numbers). */
static const char services[] =
	"ftp\t\t21/tcp\nssh\t\t22/tcp\ntelnet\t\t23/tcp\nsmtp\t\t25/tcp\n"
	"domain\t\t53/tcp\ndomain\t\t53/udp\nhttp\t\t80/tcp\t\twww\npop3\t\t110/tcp\n"
	"ntp\t\t123/udp\nimap\t\t143/tcp\nsnmp\t\t161/udp\nldap\t\t389/tcp\n"
	"https\t\t443/tcp\nhttps\t\t443/udp\nsubmission\t587/tcp\nimaps\t\t993/tcp\n"
	"pop3s\t\t995/tcp\nmysql\t\t3306/tcp\npostgresql\t5432/tcp\nredis\t\t6379/tcp\n"
	"http-alt\t8080/tcp\nmemcache\t11211/tcp\nmemcache\t11211/udp\n";

static void generate_etc(void)
{
	static char buf[2048];
	size_t len = 0;
	const char *dns;
	/* /etc/hosts and /etc/resolv.conf: the rootfs's own win unless runtime
	 * options say otherwise. */
	if (!uk_fs_exists("/etc/hosts") || uk_option("hostname")) {
		append(buf, sizeof buf, &len, "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t");
		append(buf, sizeof buf, &len, uk_hostname());
		append(buf, sizeof buf, &len, "\n");
		uk_fs_set_file("/etc/hosts", buf, len, 0644);
	}
	if (uk_option_nth("dns", 0)) {
		len = 0;
		for (int i = 0; (dns = uk_option_nth("dns", i)); i++) {
			append(buf, sizeof buf, &len, "nameserver ");
			append(buf, sizeof buf, &len, dns);
			append(buf, sizeof buf, &len, "\n");
		}
		uk_fs_set_file("/etc/resolv.conf", buf, len, 0644);
	}
	/* getaddrinfo("host", "http") reads it; the rootfs's own wins. */
	if (!uk_fs_exists("/etc/services"))
		uk_fs_set_file("/etc/services", services, sizeof services - 1, 0644);
	if (!uk_fs_exists("/etc/passwd"))
		uk_fs_set_file("/etc/passwd", "root:x:0:0:root:/:/bin/sh\n", 26, 0644);
	if (!uk_fs_exists("/etc/group"))
		uk_fs_set_file("/etc/group", "root:x:0:\n", 10, 0644);
}

void uk_fs_init(void)
{
	const char *ro = uk_option("rootfs");
	int readonly = 0;
	if (ro && uk_strcmp(ro, "ro") == 0)
		readonly = 1;
	else if (ro && uk_strcmp(ro, "rw") != 0)
		uk_boot_error("runtime option rootfs= takes ro or rw", ro);

	uk_fs_root = uk_node_new(S_IFDIR | 0755);
	if (!uk_fs_root)
		uk_boot_error("out of memory creating the filesystem", 0);
	uk_rootfs_unpack(readonly);
	/* /etc is written now, before the read-only flag settles on it. */
	ensure_dir(uk_fs_root, "etc", 0755, 0);
	generate_etc();
	ensure_dir(uk_fs_root, "etc", 0755, readonly);
	for (struct uk_dirent *e = uk_dir_find(uk_fs_root, "etc", 3)->node->entries; e; e = e->next)
		e->node->readonly = readonly;
	uk_fs_root->readonly = readonly;
	struct uk_node *tmp = ensure_dir(uk_fs_root, "tmp", 01777, 0);
	tmp->mode = S_IFDIR | 01777;
	uk_devices_init(ensure_dir(uk_fs_root, "dev", 0755, 0));
	ensure_dir(uk_dir_find(uk_fs_root, "dev", 3)->node, "shm", 01777, 0);

	const char *cwd = uk_option("cwd");
	struct uk_node *dir = uk_fs_root;
	if (cwd && (uk_path_node(AT_FDCWD, cwd, 0, &dir) < 0 || !S_ISDIR(dir->mode)))
		uk_boot_error("runtime option cwd= names no directory", cwd);
	uk_fs_set_cwd(dir);
}
