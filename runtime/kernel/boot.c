/* Boot: turn the platform's command line into argv and environment (runtime
 * options before "--", program arguments after it; docs/runtime-options.md),
 * build a Linux-style initial stack and enter the program's _start. */
#include "kernel.h"
#include "file.h"
#include "syscall.h"
#include "net/net.h"
#include "sched.h"

#define STACK_SIZE (8UL << 20)
#define MAX_ARGS 256
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_SECURE 23
#define AT_RANDOM 25

extern char _start[];   /* musl's entry, in the program object */

struct elf64_header {   /* the fields we read of Elf64_Ehdr */
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

static char *argv_store[MAX_ARGS + 1], *envp_store[MAX_ARGS + 1];
static char cmdline_copy[8192];

static int starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

_Noreturn void uk_boot_error(const char *what, const char *token)
{
	uk_print("x86_64-unikernel: ");
	uk_print(what);
	if (token) {
		uk_print(": '");
		uk_print(token);
		uk_print("'");
	}
	uk_print("\n");
	uk_platform_exit(1);
}

/* Split the command line in place at spaces. A backslash takes the next
 * character literally, so a word can hold a space ("a\\ b") or a
 * backslash ("\\\\"); x86_64-unikernel-run escapes words this way. */
static int split(char *s, char **tokens, int max)
{
	int n = 0;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (n == max)
			uk_boot_error("too many words on the command line", 0);
		char *out = s;
		tokens[n++] = out;
		while (*s && *s != ' ') {
			if (*s == '\\' && s[1])
				s++;
			*out++ = *s++;
		}
		if (*s)
			s++;
		*out = 0;
	}
	return n;
}

static void parse_cmdline(const char *cmdline, int *argc, int *envc)
{
	static char *tokens[MAX_ARGS];
	size_t len = uk_strlen(cmdline);
	if (len >= sizeof cmdline_copy)
		uk_boot_error("command line too long", 0);
	memcpy(cmdline_copy, cmdline, len + 1);
	int n = split(cmdline_copy, tokens, MAX_ARGS), first_arg = 0;
	for (int i = 0; i < n; i++)
		if (tokens[i][0] == '-' && tokens[i][1] == '-' && !tokens[i][2]) {
			first_arg = i + 1;
			break;
		}
	*envc = 0;
	for (int i = 0; i < first_arg - 1; i++) {
		if (uk_option_add(tokens[i]) < 0)
			uk_boot_error("unknown or malformed runtime option", tokens[i]);
		if (starts_with(tokens[i], "env."))
			envp_store[(*envc)++] = tokens[i] + 4;
	}
	/* argv[0] must be writable, as on Linux (C11 5.1.2.2.1: the argv
	 * strings are modifiable): setproctitle() implementations such as
	 * redis's clear and rewrite the argv area in place. A string literal
	 * would be in read-only memory. */
	static char argv0[] = "program";
	*argc = 1;
	argv_store[0] = argv0;
	for (int i = first_arg; i < n; i++)
		argv_store[(*argc)++] = tokens[i];
}

static uintptr_t build_stack(uintptr_t top, const struct uk_boot_info *boot, int argc, int envc)
{
	const struct elf64_header *eh = (const void *)boot->image_start;
	uintptr_t sp = top;
	/* AT_RANDOM: musl derives the stack canary and malloc's secrets from it. */
	sp -= 16;
	void *random_bytes = (void *)sp;
	uk_random_bytes(random_bytes, 16);

	uint64_t auxv[] = {
		AT_PHDR, boot->image_start + eh->phoff, AT_PHENT, eh->phentsize,
		AT_PHNUM, eh->phnum, AT_PAGESZ, UK_PAGE_SIZE, AT_ENTRY, (uint64_t)_start,
		AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_HWCAP, 0,
		AT_SECURE, 0, AT_RANDOM, (uint64_t)random_bytes, AT_NULL, 0,
	};
	size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + sizeof auxv / 8;
	sp -= words * 8;
	sp &= ~(uintptr_t)15;   /* rsp at argc is 16-aligned, as on Linux */
	uint64_t *p = (uint64_t *)sp;
	*p++ = (uint64_t)argc;
	for (int i = 0; i < argc; i++)
		*p++ = (uint64_t)argv_store[i];
	*p++ = 0;
	for (int i = 0; i < envc; i++)
		*p++ = (uint64_t)envp_store[i];
	*p++ = 0;
	memcpy(p, auxv, sizeof auxv);
	return sp;
}

_Noreturn void uk_kernel_main(const struct uk_boot_info *boot)
{
	int argc, envc;
	uk_syscalls_init();
	uk_random_init();
	uk_resource_init();
	uk_mem_init(boot->heap_start, boot->heap_end);
	uk_sched_init();
	parse_cmdline(boot->cmdline ? boot->cmdline : "", &argc, &envc);
	uk_console_init();
	uk_fs_init();
	uk_net_init();
	void *stack = uk_pages_alloc(STACK_SIZE);
	if (!stack)
		uk_boot_error("not enough memory for the program's stack", 0);
	uintptr_t sp = build_stack((uintptr_t)stack + STACK_SIZE, boot, argc, envc);
	uk_enter_program((uintptr_t)_start, sp);
}
