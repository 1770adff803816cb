/* `backtrace IMAGE REPORT`: the call frames of a guest fault, one per line,
 * for a runner to symbolize (docs/elftool.md):
 *
 *   signal SIGSEGV
 *   address 0x0000000000000000          (not for SIGSYS)
 *   syscall 39 getpid                   (SIGSYS only; "-" if unnamed)
 *   frame N HOW PC LOOKUP SYMBOL
 *
 * HOW is "fault" (frame 0: rip), "cfi" (unwound with the image's .eh_frame)
 * or "scan" (found by scanning the dumped stack for a word that is a return
 * address: inside the text, right after a call instruction; it may be stale,
 * and so may every frame after it). LOOKUP is the address to symbolize: pc,
 * or pc - 1 for a return address (the call, which may be the function's last
 * instruction). SYMBOL is function+0xoffset from the symbol table, or "-". */
#include <stdio.h>
#include <string.h>

#include "backtrace.h"

#define MAX_FRAMES 64

static void print_frame(const struct code_map *m, int n, const char *how, uint64_t pc,
			uint64_t lookup)
{
	const struct func_sym *s = code_symbol(m, lookup);
	printf("frame %d %s 0x%016llx 0x%016llx ", n, how, (unsigned long long)pc,
	       (unsigned long long)lookup);
	if (s)
		printf("%s+0x%llx\n", s->name, (unsigned long long)(pc - s->addr));
	else
		printf("-\n");
}

/* Where a backtrace ends: main, as debuggers do (what lies above it is
 * libc's start-up code, without unwind tables), or failing that the
 * program's entry (_start, by every libc's convention) or the image's. */
static int outermost(const struct code_map *m, uint64_t lookup)
{
	const struct func_sym *s = code_symbol(m, lookup);
	if (s && (strcmp(s->name, "main") == 0 || strcmp(s->name, "_start") == 0 ||
		  (m->entry >= s->addr && m->entry - s->addr < (s->size ? s->size : 1))))
		return 1;
	return 0;
}

/* The next word at or above sp that looks like a return address. */
static int scan(const struct code_map *m, const struct fault_report *rep, uint64_t sp,
		struct regs *r)
{
	if (sp < rep->stack_base)
		sp = rep->stack_base;
	sp = (sp + 7) & ~(uint64_t)7;
	for (uint64_t a = sp; a < rep->stack_base + 8 * rep->nwords; a += 8) {
		uint64_t w;
		if (report_word(rep, a, &w) && code_is_return_address(m, w)) {
			r->r[DW_RIP] = w;
			r->r[DW_RSP] = a + 8;
			r->known = 1u << DW_RIP | 1u << DW_RSP;
			return 1;
		}
	}
	return 0;
}

int cmd_backtrace(const char *image, const char *report)
{
	struct image img;
	struct fault_report rep;
	struct code_map m;

	memset(&img, 0, sizeof img);
	if (report_read(report, &rep) < 0)
		return EXIT_BAD_IMAGE;
	if (image_load(&img, image) < 0) {
		report_free(&rep);
		return EXIT_BAD_IMAGE;
	}
	if (image_elf_header(&img, 0) < 0 || !img.phdr) {
		if (!img.problems)
			image_problem(&img, "no program headers");
		if (img.elf)
			elf_end(img.elf);
		image_free(&img);
		report_free(&rep);
		return EXIT_BAD_IMAGE;
	}
	code_map_init(&m, &img);

	printf("signal %s\n", rep.signal);
	if (rep.is_syscall)
		printf("syscall %ld %s\n", rep.syscall_nr,
		       rep.syscall_name[0] ? rep.syscall_name : "-");
	else
		printf("address 0x%016llx\n", (unsigned long long)rep.address);

	struct regs r = rep.regs;
	/* After a trapped system call, rip is past the syscall instruction. */
	int pc_is_return = rep.is_syscall;
	int scanned = 0;
	for (int n = 0; n < MAX_FRAMES; n++) {
		uint64_t pc = r.r[DW_RIP], lookup = pc - (pc_is_return ? 1 : 0);
		print_frame(&m, n, n == 0 ? "fault" : scanned ? "scan" : "cfi", pc, lookup);
		if (outermost(&m, lookup))
			break;
		uint64_t sp = r.r[DW_RSP];
		int known_sp = (r.known >> DW_RSP) & 1;
		struct regs next = r;
		uint64_t ra;
		/* A jump or call to a bad address (a NULL function pointer): the
		 * call's return address is still on top of the stack. */
		if (n == 0 && known_sp && !code_bytes(&m, pc, 1) && report_word(&rep, sp, &ra) &&
		    code_is_return_address(&m, ra)) {
			r.r[DW_RIP] = ra;
			r.r[DW_RSP] = sp + 8;
			r.known = 1u << DW_RIP | 1u << DW_RSP;
			pc_is_return = 1;
			continue;
		}
		int st = unwind_step(&m, &rep, &next, pc_is_return);
		if (st == 0)
			break;   /* CFI says: outermost frame */
		if (st > 0 && code_is_return_address(&m, next.r[DW_RIP]) &&
		    next.r[DW_RSP] > sp) {
			r = next;
		} else {
			/* No usable CFI here (assembly, a libc built without unwind
			 * tables, a smashed return address): scan from where this
			 * frame's return address could be. */
			uint64_t from = st > 0 ? next.r[DW_RSP] : sp;
			if (!known_sp || !scan(&m, &rep, from, &r))
				break;
			scanned = 1;
		}
		pc_is_return = 1;
	}
	fflush(stdout);
	code_map_free(&m);
	elf_end(img.elf);
	image_free(&img);
	report_free(&rep);
	return 0;
}
