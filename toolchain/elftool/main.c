/* x86_64-unikernel-elftool: command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elftool.h"
#include "backtrace.h"

static const char usage_text[] =
	"usage: x86_64-unikernel-elftool gen-notes --target spt|hvt|virtio\n"
	"                 [--net NAME]... [--block NAME]... -o OUT.o\n"
	"       x86_64-unikernel-elftool info IMAGE\n"
	"       x86_64-unikernel-elftool check [--target spt|hvt|virtio] IMAGE\n"
	"       x86_64-unikernel-elftool backtrace IMAGE REPORT\n"
	"exit: 0 ok, 1 invalid image or failure, 2 bad usage\n";

static int usage(const char *fmt, const char *arg)
{
	if (fmt) {
		fprintf(stderr, "elftool: ");
		fprintf(stderr, fmt, arg);
		fprintf(stderr, "\n");
	}
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* Accepts "--opt VALUE" and "--opt=VALUE"; returns the value or NULL. */
static const char *opt_value(int argc, char **argv, int *i, const char *opt)
{
	size_t len = strlen(opt);

	if (strcmp(argv[*i], opt) == 0) {
		if (*i + 1 >= argc)
			return NULL;
		return argv[++*i];
	}
	if (strncmp(argv[*i], opt, len) == 0 && argv[*i][len] == '=')
		return argv[*i] + len + 1;
	return NULL;
}

static int is_opt(const char *arg, const char *opt)
{
	size_t len = strlen(opt);
	return strncmp(arg, opt, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

static int gen_notes(int argc, char **argv)
{
	struct device devs[SOLO5_MFT_MAX_ENTRIES];
	int ndevs = 0, target = 0;
	const char *out = NULL, *v;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (is_opt(a, "--target")) {
			if (!(v = opt_value(argc, argv, &i, "--target")))
				return usage("%s needs a value", a);
			if (!(target = target_from_name(v)))
				return usage("unknown target '%s' (want spt, hvt or virtio)", v);
		} else if (is_opt(a, "--net") || is_opt(a, "--block")) {
			int net = is_opt(a, "--net");
			const char *why;
			if (!(v = opt_value(argc, argv, &i, net ? "--net" : "--block")))
				return usage("%s needs a device name", a);
			if ((why = mft_name_problem(v, (size_t)-1))) {
				fprintf(stderr, "elftool: device name '%s' %s (want 1..67 of "
					"[A-Za-z0-9])\n", v, why);
				return EXIT_USAGE;
			}
			for (int j = 0; j < ndevs; j++)
				if (strcmp(devs[j].name, v) == 0) {
					fprintf(stderr, "elftool: duplicate device name '%s'\n", v);
					return EXIT_USAGE;
				}
			if (ndevs == SOLO5_MFT_MAX_ENTRIES - 1) {
				fprintf(stderr, "elftool: too many devices at '%s': at most %d "
					"(manifest entry 0 is reserved)\n", v,
					SOLO5_MFT_MAX_ENTRIES - 1);
				return EXIT_USAGE;
			}
			devs[ndevs].name = v;
			devs[ndevs].type = net ? SOLO5_MFT_NET_BASIC : SOLO5_MFT_BLOCK_BASIC;
			ndevs++;
		} else if (strcmp(a, "-o") == 0) {
			if (i + 1 >= argc)
				return usage("-o needs a file name", NULL);
			out = argv[++i];
		} else {
			return usage("gen-notes: unexpected argument '%s'", a);
		}
	}
	if (!target)
		return usage("gen-notes: --target is required", NULL);
	if (!out)
		return usage("gen-notes: -o OUT is required", NULL);
	return cmd_gen_notes(target, devs, ndevs, out);
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "elftool: libelf: %s\n", elf_errmsg(-1));
		return 1;
	}
	if (argc < 2)
		return usage(NULL, NULL);
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(cmd, "gen-notes") == 0)
		return gen_notes(argc - 2, argv + 2);
	if (strcmp(cmd, "info") == 0) {
		if (argc != 3 || argv[2][0] == '-')
			return usage("info takes exactly one IMAGE", NULL);
		return cmd_info(argv[2]);
	}
	if (strcmp(cmd, "check") == 0) {
		int target = 0, i = 2;
		const char *v;
		if (i < argc && is_opt(argv[i], "--target")) {
			if (!(v = opt_value(argc, argv, &i, "--target")))
				return usage("%s needs a value", argv[i]);
			if (!(target = target_from_name(v)))
				return usage("unknown target '%s' (want spt, hvt or virtio)", v);
			i++;
		}
		if (argc - i != 1 || argv[i][0] == '-')
			return usage("check takes one IMAGE", NULL);
		return cmd_check(argv[i], target);
	}
	if (strcmp(cmd, "backtrace") == 0) {
		if (argc != 4 || argv[2][0] == '-' || argv[3][0] == '-')
			return usage("backtrace takes an IMAGE and a fault REPORT", NULL);
		return cmd_backtrace(argv[2], argv[3]);
	}
	return usage("unknown command '%s'", cmd);
}
