/* Reads a tender's guest fault report (docs/tender-spt.md): the header line,
 * the registers and the stack words. Other lines (the guest's own console
 * output, when given a saved stdout) are ignored; a later report replaces an
 * earlier one. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtrace.h"

#define PFX "tender-spt: "

static const char *const reg_names[DW_NREGS] = {
	"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip",
};

static int parse_hex(const char *s, uint64_t *v, const char **end)
{
	char *e;
	if (strncmp(s, "0x", 2) != 0)
		return 0;
	errno = 0;
	*v = strtoull(s + 2, &e, 16);
	if (errno || e == s + 2)
		return 0;
	if (end)
		*end = e;
	return 1;
}

/* "guest fault: SIGSEGV at address 0x... (rip=0x...)" or
 * "guest fault: SIGSYS: system call 39 (getpid) is outside ..." */
static int parse_header(const char *s, struct fault_report *r)
{
	size_t n = strcspn(s, " :");
	if (n == 0 || n >= sizeof r->signal || strncmp(s, "SIG", 3) != 0)
		return 0;
	memset(r, 0, sizeof *r);
	memcpy(r->signal, s, n);
	r->syscall_nr = -1;
	s += n;
	const char *p;
	if ((p = strstr(s, " at address ")))
		parse_hex(p + 12, &r->address, NULL);
	if (strncmp(s, ": system call ", 14) == 0) {
		r->is_syscall = 1;
		r->syscall_nr = strtol(s + 14, (char **)&p, 10);
		if (strncmp(p, " (", 2) == 0) {
			size_t len = strcspn(p + 2, ")");
			if (len < sizeof r->syscall_name)
				memcpy(r->syscall_name, p + 2, len);
		}
	}
	return 1;
}

static void parse_regs(const char *s, struct fault_report *r)
{
	while ((s = strchr(s, ' '))) {
		s++;
		const char *eq = strchr(s, '=');
		uint64_t v;
		if (!eq || !parse_hex(eq + 1, &v, NULL))
			continue;
		for (int i = 0; i < DW_NREGS; i++)
			if ((size_t)(eq - s) == strlen(reg_names[i]) &&
			    strncmp(s, reg_names[i], (size_t)(eq - s)) == 0) {
				r->regs.r[i] = v;
				r->regs.known |= 1u << i;
			}
	}
}

/* "0xADDR: 0xVALUE"; only a contiguous run from the first word is kept. */
static int add_word(const char *s, struct fault_report *r, size_t *cap)
{
	uint64_t addr, val;
	const char *e;
	if (!parse_hex(s, &addr, &e) || strncmp(e, ": ", 2) != 0 || !parse_hex(e + 2, &val, NULL))
		return 0;
	if (r->nwords == 0)
		r->stack_base = addr;
	else if (addr != r->stack_base + 8 * r->nwords)
		return 0;
	if (r->nwords == *cap) {
		size_t ncap = *cap ? 2 * *cap : 1024;
		uint64_t *w = realloc(r->words, ncap * sizeof *w);
		if (!w)
			return -1;
		r->words = w;
		*cap = ncap;
	}
	r->words[r->nwords++] = val;
	return 0;
}

int report_read(const char *path, struct fault_report *out)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "elftool: %s: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	struct fault_report cur, done;
	int in_report = 0, have = 0;
	size_t cap = 0;
	char line[512];
	memset(&cur, 0, sizeof cur);
	memset(&done, 0, sizeof done);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		const char *s = strstr(line, PFX);   /* the guest may have left a partial line */
		if (!s)
			continue;
		s += strlen(PFX);
		if (strncmp(s, "guest fault: end of report", 26) == 0) {
			if (in_report) {
				free(done.words);
				done = cur;
				have = 1;
				memset(&cur, 0, sizeof cur);
				cap = 0;
			}
			in_report = 0;
		} else if (strncmp(s, "guest fault: ", 13) == 0) {
			free(cur.words);
			cap = 0;
			in_report = parse_header(s + 13, &cur);
		} else if (in_report && strncmp(s, "regs:", 5) == 0) {
			parse_regs(s + 5, &cur);
		} else if (in_report && strncmp(s, "stack: 0x", 9) == 0) {
			if (add_word(s + 7, &cur, &cap) < 0) {
				fprintf(stderr, "elftool: %s: out of memory\n", path);
				fclose(f);
				free(cur.words);
				free(done.words);
				return -1;
			}
		}
	}
	fclose(f);
	free(cur.words);
	if (!have || !(done.regs.known & (1u << DW_RIP))) {
		free(done.words);
		fprintf(stderr, "elftool: %s: no complete guest fault report in it\n", path);
		return -1;
	}
	*out = done;
	return 0;
}

void report_free(struct fault_report *r)
{
	free(r->words);
	r->words = NULL;
	r->nwords = 0;
}

int report_word(const struct fault_report *r, uint64_t addr, uint64_t *out)
{
	if (addr < r->stack_base || (addr - r->stack_base) % 8)
		return 0;
	uint64_t i = (addr - r->stack_base) / 8;
	if (i >= r->nwords)
		return 0;
	*out = r->words[i];
	return 1;
}
