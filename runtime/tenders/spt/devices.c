/* Devices: match options to manifest entries; open taps and block files. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spt.h"

static void attach_net(struct spt_dev_opt *d, struct solo5_mft_entry *e, uint32_t index,
		       int epollfd)
{
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		spt_die("net %s: cannot open /dev/net/tun: %s", d->name, strerror(errno));
	struct ifreq ifr;
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	strncpy(ifr.ifr_name, d->target, IFNAMSIZ - 1);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		if (errno == EBUSY)
			spt_die("net %s: tap %s is busy (in use by another process?)", d->name, d->target);
		if (errno == EPERM)
			spt_die("net %s: not permitted to attach tap %s (create it with 'ip tuntap add dev %s mode tap user $USER')",
				d->name, d->target, d->target);
		spt_die("net %s: cannot attach tap %s: %s", d->name, d->target, strerror(errno));
	}
	if (strncmp(ifr.ifr_name, d->target, IFNAMSIZ) != 0)
		spt_die("net %s: tap %s came up as %s", d->name, d->target, ifr.ifr_name);

	uint8_t mac[6];
	if (d->have_mac) {
		memcpy(mac, d->mac, 6);
	} else {
		if (getrandom(mac, sizeof mac, 0) != (ssize_t)sizeof mac)
			spt_die("net %s: getrandom: %s", d->name, strerror(errno));
		mac[0] = (uint8_t)((mac[0] & 0xfe) | 0x02);   /* unicast, locally administered */
	}
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = index };
	if (epoll_ctl(epollfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		spt_die("net %s: epoll_ctl: %s", d->name, strerror(errno));

	memcpy(e->u.net_basic.mac, mac, 6);
	e->u.net_basic.mtu = 1500;
	e->b.hostfd = fd;
	e->attached = 1;
}

static void attach_block(struct spt_dev_opt *d, struct solo5_mft_entry *e)
{
	int fd = open(d->target, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		spt_die("block %s: cannot open %s read-write: %s", d->name, d->target, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0)
		spt_die("block %s: %s: %s", d->name, d->target, strerror(errno));
	uint64_t size;
	if (S_ISREG(st.st_mode)) {
		size = (uint64_t)st.st_size;
	} else if (S_ISBLK(st.st_mode)) {
		off_t end = lseek(fd, 0, SEEK_END);
		if (end < 0)
			spt_die("block %s: %s: %s", d->name, d->target, strerror(errno));
		size = (uint64_t)end;
	} else {
		spt_die("block %s: %s is not a regular file or block device", d->name, d->target);
	}
	uint64_t cap = size - size % d->sector_size;
	if (cap == 0)
		spt_die("block %s: %s is smaller than one %u-byte block", d->name, d->target,
			d->sector_size);
	e->u.block_basic.capacity = cap;
	e->u.block_basic.block_size = (uint16_t)d->sector_size;
	e->b.hostfd = fd;
	e->attached = 1;
}

void spt_attach_devices(struct spt_opts *o, struct spt_image *img, int epollfd)
{
	struct solo5_mft *m = img->mft;
	/* Options naming a device the manifest lacks. */
	for (int k = 0; k < o->ndev; k++) {
		uint32_t i;
		for (i = 1; i < m->entries; i++)
			if (strcmp(m->e[i].name, o->dev[k].name) == 0)
				break;
		if (i == m->entries)
			spt_die_usage("%s: no device %s in the image's manifest",
				      img->path, o->dev[k].name);
	}
	for (uint32_t i = 1; i < m->entries; i++) {
		struct solo5_mft_entry *e = &m->e[i];
		int is_net = e->type == SOLO5_MFT_NET_BASIC;
		struct spt_dev_opt *d = NULL;
		for (int k = 0; k < o->ndev; k++)
			if (strcmp(o->dev[k].name, e->name) == 0)
				d = &o->dev[k];
		if (!d)
			spt_die_usage("%s: device %s in the manifest is not attached: use %s:%s=%s",
				      img->path, e->name, is_net ? "--net" : "--block", e->name,
				      is_net ? "IFACE" : "PATH");
		if (is_net && d->kind != SPT_DEV_NET)
			spt_die_usage("%s: device %s is a net device: attach it with --net:%s=IFACE",
				      img->path, e->name, e->name);
		if (!is_net && d->kind != SPT_DEV_BLOCK)
			spt_die_usage("%s: device %s is a block device: attach it with --block:%s=PATH",
				      img->path, e->name, e->name);
		if (is_net)
			attach_net(d, e, i, epollfd);
		else
			attach_block(d, e);
		d->used = 1;
	}
}
