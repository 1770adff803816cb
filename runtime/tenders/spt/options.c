/* Command line: tender options, IMAGE, guest arguments (joined into the cmdline). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spt.h"

void spt_usage(FILE *f)
{
	fputs("usage: x86_64-unikernel-tender-spt [OPTIONS] [--] IMAGE [ARGS...]\n"
	      "  --mem=MB                     guest memory in MiB (default 512)\n"
	      "  --net:NAME=IFACE             attach tap interface IFACE as net device NAME\n"
	      "  --net-mac:NAME=MAC           its MAC address (default: random, locally administered)\n"
	      "  --block:NAME=PATH            attach file PATH as block device NAME\n"
	      "  --block-sector-size:NAME=N   its block size (default 512)\n"
	      "  --fault-report=FILE          also write a guest fault report to FILE, for a symbolizer\n"
	      "ARGS are joined with spaces into the guest command line.\n", f);
}

static int valid_name(const char *s, size_t n)
{
	if (n == 0 || n >= SOLO5_MFT_NAME_SIZE)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

/* "--KIND:NAME=VALUE" → the device slot for NAME (created on first use). */
static struct spt_dev_opt *dev_slot(struct spt_opts *o, const char *opt, const char *rest,
				    const char **value)
{
	const char *eq = strchr(rest, '=');
	if (!eq)
		spt_die_usage("%s: expected NAME=VALUE", opt);
	size_t n = (size_t)(eq - rest);
	if (!valid_name(rest, n))
		spt_die_usage("%s: device name must be 1-%d letters or digits",
			      opt, SOLO5_MFT_NAME_SIZE - 1);
	*value = eq + 1;
	if (**value == '\0')
		spt_die_usage("%s: empty value", opt);
	for (int i = 0; i < o->ndev; i++)
		if (strlen(o->dev[i].name) == n && memcmp(o->dev[i].name, rest, n) == 0)
			return &o->dev[i];
	if (o->ndev == SOLO5_MFT_MAX_ENTRIES - 1)
		spt_die_usage("%s: too many devices (at most %d)", opt, SOLO5_MFT_MAX_ENTRIES - 1);
	struct spt_dev_opt *d = &o->dev[o->ndev++];
	memset(d, 0, sizeof *d);
	memcpy(d->name, rest, n);
	return d;
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
			return 0;
		char hex[3] = { s[0], s[1], 0 };
		mac[i] = (uint8_t)strtoul(hex, NULL, 16);
		s += 2;
		if (i < 5 && *s++ != ':')
			return 0;
	}
	return *s == '\0';
}

static int parse_uint(const char *s, unsigned long long *out)
{
	if (!isdigit((unsigned char)*s))
		return 0;
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return 0;
	*out = v;
	return 1;
}

static int has_prefix(const char *s, const char *p, const char **rest)
{
	size_t n = strlen(p);
	if (strncmp(s, p, n))
		return 0;
	*rest = s + n;
	return 1;
}

void spt_parse_options(int argc, char **argv, struct spt_opts *o)
{
	int i = 1;
	o->mem_size = (uint64_t)SPT_DEFAULT_MEM_MB << 20;
	for (; i < argc; i++) {
		const char *a = argv[i], *rest, *val;
		unsigned long long n;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			spt_usage(stdout);
			exit(0);
		} else if (has_prefix(a, "--mem=", &rest)) {
			if (!parse_uint(rest, &n) || n < SPT_MIN_MEM_MB || n > SPT_MAX_MEM_MB)
				spt_die_usage("--mem=%s: expected a size in MiB from %d to %d",
					      rest, SPT_MIN_MEM_MB, SPT_MAX_MEM_MB);
			o->mem_size = (uint64_t)n << 20;
		} else if (has_prefix(a, "--fault-report=", &rest)) {
			if (*rest == '\0')
				spt_die_usage("--fault-report: empty file name");
			o->fault_report = rest;
		} else if (has_prefix(a, "--net:", &rest)) {
			struct spt_dev_opt *d = dev_slot(o, "--net", rest, &val);
			if (d->kind != SPT_DEV_NONE)
				spt_die_usage("device %s attached twice", d->name);
			if (strlen(val) >= 16)
				spt_die_usage("--net:%s: interface name too long: %s", d->name, val);
			d->kind = SPT_DEV_NET;
			d->target = val;
		} else if (has_prefix(a, "--net-mac:", &rest)) {
			struct spt_dev_opt *d = dev_slot(o, "--net-mac", rest, &val);
			if (!parse_mac(val, d->mac))
				spt_die_usage("--net-mac:%s: bad MAC address %s (expected xx:xx:xx:xx:xx:xx)",
					      d->name, val);
			if (d->mac[0] & 1)
				spt_die_usage("--net-mac:%s: %s is a multicast address", d->name, val);
			d->have_mac = 1;
		} else if (has_prefix(a, "--block:", &rest)) {
			struct spt_dev_opt *d = dev_slot(o, "--block", rest, &val);
			if (d->kind != SPT_DEV_NONE)
				spt_die_usage("device %s attached twice", d->name);
			d->kind = SPT_DEV_BLOCK;
			d->target = val;
		} else if (has_prefix(a, "--block-sector-size:", &rest)) {
			struct spt_dev_opt *d = dev_slot(o, "--block-sector-size", rest, &val);
			if (!parse_uint(val, &n) || n < 512 || n > 32768 || (n & (n - 1)))
				spt_die_usage("--block-sector-size:%s=%s: expected a power of two from 512 to 32768",
					      d->name, val);
			d->have_sector = 1;
			d->sector_size = (unsigned)n;
		} else {
			spt_die_usage("unknown option %s", a);
		}
	}
	if (i >= argc)
		spt_die_usage("no IMAGE given");
	o->image = argv[i++];

	for (int d = 0; d < o->ndev; d++) {
		struct spt_dev_opt *x = &o->dev[d];
		if (x->have_mac && x->kind != SPT_DEV_NET)
			spt_die_usage("--net-mac:%s given without --net:%s=IFACE", x->name, x->name);
		if (x->have_sector && x->kind != SPT_DEV_BLOCK)
			spt_die_usage("--block-sector-size:%s given without --block:%s=PATH",
				      x->name, x->name);
		if (!x->have_sector)
			x->sector_size = 512;
	}

	size_t len = 0;
	o->cmdline[0] = '\0';
	for (; i < argc; i++) {
		size_t n = strlen(argv[i]);
		size_t need = len + (len ? 1 : 0) + n + 1;
		if (need > SPT_CMDLINE_SIZE)
			spt_die_usage("guest command line too long (more than %d bytes)",
				      SPT_CMDLINE_SIZE - 1);
		if (len)
			o->cmdline[len++] = ' ';
		memcpy(o->cmdline + len, argv[i], n + 1);
		len += n;
	}
}
