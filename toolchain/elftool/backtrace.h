/* `backtrace`: turns a tender's guest fault report into the call frames of
 * the crash, using the image's code, symbols and .eh_frame (CFI). */
#ifndef ELFTOOL_BACKTRACE_H
#define ELFTOOL_BACKTRACE_H

#include <stddef.h>
#include <stdint.h>

#include "elftool.h"

/* Registers in DWARF x86-64 numbering; 16 is the return address (rip). */
enum {
	DW_RAX, DW_RDX, DW_RCX, DW_RBX, DW_RSI, DW_RDI, DW_RBP, DW_RSP,
	DW_R8, DW_R9, DW_R10, DW_R11, DW_R12, DW_R13, DW_R14, DW_R15, DW_RIP,
	DW_NREGS
};

struct regs {
	uint64_t r[DW_NREGS];
	uint32_t known;              /* bit n: r[n] holds the frame's value */
};

/* report.c: the last complete report in a tender's output. */
struct fault_report {
	char signal[16];             /* "SIGSEGV", ... */
	int is_syscall;              /* SIGSYS from the seccomp policy */
	uint64_t address;            /* si_addr (not for SIGSYS) */
	long syscall_nr;
	char syscall_name[40];       /* "" when the tender did not name it */
	struct regs regs;
	uint64_t stack_base;         /* address of words[0] (the fault's rsp) */
	uint64_t *words;
	size_t nwords;
};
int report_read(const char *path, struct fault_report *r);   /* 0, or -1 with a message */
void report_free(struct fault_report *r);
/* The 8-byte word at addr if the report dumped it. */
int report_word(const struct fault_report *r, uint64_t addr, uint64_t *out);

/* code.c: the image's executable bytes and function symbols. */
struct func_sym {
	uint64_t addr, size;
	const char *name;
	int rank;                    /* prefer global over weak over local aliases */
};
struct code_map {
	struct image *img;
	struct { uint64_t vaddr, filesz; size_t offset; } text[8];
	int ntext;
	struct func_sym *syms;       /* sorted by address */
	size_t nsyms;
	const unsigned char *eh_frame;   /* section contents, or NULL */
	size_t eh_frame_size;
	uint64_t eh_frame_addr;
	uint64_t entry;
};
int code_map_init(struct code_map *m, struct image *img);
void code_map_free(struct code_map *m);
/* Bytes [addr, addr + len) of the loaded text, or NULL. */
const unsigned char *code_bytes(const struct code_map *m, uint64_t addr, size_t len);
/* Could addr be a return address: inside text, right after a call? */
int code_is_return_address(const struct code_map *m, uint64_t addr);
/* The function symbol containing addr, or NULL. */
const struct func_sym *code_symbol(const struct code_map *m, uint64_t addr);

/* unwind.c: one step of CFI unwinding. pc_is_return: the frame's pc is a
 * return address, so its call is at pc - 1. Returns 1 with the caller's
 * registers in *r, 0 when the CFI marks the outermost frame, -1 when it
 * cannot unwind (no CFI for pc, unsupported rule, memory not dumped). */
int unwind_step(const struct code_map *m, const struct fault_report *rep,
		struct regs *r, int pc_is_return);

/* backtrace.c */
int cmd_backtrace(const char *image, const char *report);

#endif
