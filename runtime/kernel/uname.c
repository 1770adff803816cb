/* uname: a Linux x86_64 system named "unikernel". */
#include "kernel.h"
#include "syscall.h"

struct uk_utsname {
	char field[6][65];
};

static void copy_field(char *dst, const char *src)
{
	memcpy(dst, src, uk_strlen(src) + 1);
}

static long sys_uname(long buf)
{
	struct uk_utsname *u = (struct uk_utsname *)buf;
	memset(u, 0, sizeof *u);
	copy_field(u->field[0], "Linux");
	copy_field(u->field[1], uk_hostname());
	copy_field(u->field[2], "6.1.0-x86_64-unikernel");
	copy_field(u->field[3], "#1");
	copy_field(u->field[4], "x86_64");
	copy_field(u->field[5], "(none)");
	return 0;
}

UK_SYSCALL(63, uname, sys_uname);
