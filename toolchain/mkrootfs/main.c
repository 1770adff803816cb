/* mkrootfs: command line. Installed as lib/x86_64-unikernel/mkrootfs, a
 * helper of x86_64-unikernel-bake (--rootfs DIR). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkrootfs.h"

static const char usage_text[] =
	"usage: mkrootfs -o ARCHIVE [--] DIR      pack DIR into a cpio newc archive\n"
	"       mkrootfs --list ARCHIVE           validate ARCHIVE, list TYPE MODE SIZE PATH\n"
	"SOURCE_DATE_EPOCH, when set, clamps the archived mtimes (reproducible builds).\n"
	"exit: 0 ok, 1 failure (nothing written), 2 bad usage\n";

static int usage(const char *fmt, const char *arg)
{
	if (fmt) {
		fprintf(stderr, "mkrootfs: ");
		fprintf(stderr, fmt, arg);
		fputc('\n', stderr);
	}
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* -1 when unset (or empty); exits on a malformed value, as the
 * reproducible-builds specification asks. */
static int64_t source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end || errno || v < 0) {
		fprintf(stderr, "mkrootfs: SOURCE_DATE_EPOCH='%s' is not a number of "
			"seconds since 1970\n", s);
		exit(EXIT_FAIL);
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *out = NULL, *list = NULL;

	int options = 1;   /* until "--": a DIR may start with '-' */

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (options && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
			fputs(usage_text, stdout);
			return 0;
		} else if (options && !strcmp(a, "--")) {
			options = 0;
		} else if (options && (!strcmp(a, "-o") || !strncmp(a, "--list", 6))) {
			const char **slot = a[1] == 'o' ? &out : &list;
			const char *v = !strncmp(a, "--list=", 7) ? a + 7 : NULL;
			if (!v && strcmp(a, "-o") && strcmp(a, "--list"))
				return usage("unknown option '%s'", a);
			if (!v && i + 1 >= argc)
				return usage("%s needs a file name", a);
			if (*slot)
				return usage("%s given twice", a[1] == 'o' ? "-o" : "--list");
			*slot = v ? v : argv[++i];
		} else if (options && a[0] == '-' && a[1]) {
			return usage("unknown option '%s'", a);
		} else if (dir) {
			return usage("one DIR only ('%s' is one too many)", a);
		} else {
			dir = a;
		}
	}
	if (list) {
		if (dir || out)
			return usage("--list takes only the ARCHIVE%s", "");
		return list_archive(list);
	}
	if (!dir)
		return usage("no DIR given%s", "");
	if (!out)
		return usage("no -o ARCHIVE given%s", "");
	if (!*dir || !*out)
		return usage("empty file name%s", "");

	int64_t clamp = source_date_epoch();
	struct tree t = {0};
	if (walk_tree(&t, dir, clamp) < 0 || write_archive(&t, out) < 0)
		return EXIT_FAIL;
	return 0;
}
