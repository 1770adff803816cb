/* Guest fault report. SIGSEGV/SIGBUS/SIGILL/SIGFPE in the guest, and SIGSYS
 * from a system call outside the seccomp policy, land here, on an alternate
 * stack outside guest memory. Everything below is async-signal safe and uses
 * only write (fd 1 and the report file) and exit_group, which the policy
 * allows. No libc: the guest may have changed %fs, and libc's TLS with it.
 *
 * The report goes to stdout (Solo5's console, 32 stack words) and, with
 * --fault-report=FILE, to that file with a deeper stack dump, which a runner
 * symbolizes into a backtrace (toolchain/elftool/backtrace.c). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>

#include "spt.h"

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1   /* si_code of a seccomp SIGSYS; glibc lacks the name */
#endif

#define ALTSTACK_SIZE (64 * 1024)
#define CONSOLE_STACK_WORDS 32
/* Deep enough for the frames of ordinary programs (64 KiB of stack). */
#define FILE_STACK_WORDS 8192

/* Generated from the host's <asm/unistd_64.h> (mk/tenders.mk). */
static const char *const syscall_names[] = {
#include "syscall_names.h"
};

static uint64_t guest_mem_size;
static int report_fd = -1;

#define NOSP __attribute__((optimize("no-stack-protector")))

NOSP static long raw3(long nr, long a, long b, long c)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

struct buf {
	int fd;
	size_t n;
	char b[4096];
};

NOSP static void flush(struct buf *o)
{
	size_t off = 0;
	while (off < o->n) {
		long r = raw3(SYS_write, o->fd, (long)(o->b + off), (long)(o->n - off));
		if (r == -EINTR)
			continue;
		if (r <= 0)
			break;
		off += (size_t)r;
	}
	o->n = 0;
}

NOSP static void put(struct buf *o, const char *s)
{
	while (*s) {
		if (o->n == sizeof o->b)
			flush(o);
		o->b[o->n++] = *s++;
	}
}

NOSP static void puthex(struct buf *o, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char t[19];
	t[0] = '0';
	t[1] = 'x';
	for (int i = 0; i < 16; i++)
		t[2 + i] = digits[(v >> (60 - 4 * i)) & 0xf];
	t[18] = '\0';
	put(o, t);
}

NOSP static void putdec(struct buf *o, unsigned long v)
{
	char t[24];
	int i = sizeof t - 1;
	t[i] = '\0';
	do
		t[--i] = (char)('0' + v % 10);
	while (v /= 10);
	put(o, t + i);
}

NOSP static void reg(struct buf *o, const char *name, uint64_t v)
{
	put(o, " ");
	put(o, name);
	put(o, "=");
	puthex(o, v);
}

NOSP static void write_report(struct buf *o, int sig, const siginfo_t *si,
			      const ucontext_t *uc, uint64_t max_words)
{
	const greg_t *g = uc->uc_mcontext.gregs;
	const char *name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" :
			   sig == SIGILL ? "SIGILL" : sig == SIGFPE ? "SIGFPE" :
			   sig == SIGSYS ? "SIGSYS" : "signal";
	put(o, "\ntender-spt: guest fault: ");
	put(o, name);
	if (sig == SIGSYS && si->si_code == SYS_SECCOMP) {
		/* rip is just after the syscall instruction */
		unsigned nr = (unsigned)si->si_syscall;
		put(o, ": system call ");
		putdec(o, nr);
		if (nr < sizeof syscall_names / sizeof syscall_names[0] && syscall_names[nr]) {
			put(o, " (");
			put(o, syscall_names[nr]);
			put(o, ")");
		}
		put(o, " is outside the seccomp policy");
	} else {
		put(o, " at address ");
		puthex(o, (uint64_t)si->si_addr);
	}
	put(o, " (rip=");
	puthex(o, (uint64_t)g[REG_RIP]);
	put(o, ")\ntender-spt: regs:");
	reg(o, "rip", g[REG_RIP]);
	reg(o, "rsp", g[REG_RSP]);
	reg(o, "rbp", g[REG_RBP]);
	reg(o, "rax", g[REG_RAX]);
	put(o, "\ntender-spt: regs:");
	reg(o, "rbx", g[REG_RBX]);
	reg(o, "rcx", g[REG_RCX]);
	reg(o, "rdx", g[REG_RDX]);
	reg(o, "rsi", g[REG_RSI]);
	put(o, "\ntender-spt: regs:");
	reg(o, "rdi", g[REG_RDI]);
	reg(o, "r8", g[REG_R8]);
	reg(o, "r9", g[REG_R9]);
	reg(o, "r10", g[REG_R10]);
	put(o, "\ntender-spt: regs:");
	reg(o, "r11", g[REG_R11]);
	reg(o, "r12", g[REG_R12]);
	reg(o, "r13", g[REG_R13]);
	reg(o, "r14", g[REG_R14]);
	put(o, "\ntender-spt: regs:");
	reg(o, "r15", g[REG_R15]);
	reg(o, "rflags", g[REG_EFL]);
	put(o, "\n");

	/* All of 0x10000..mem_size is mapped and readable (segments are at
	 * worst read-only), so any word in that range can be dumped. */
	uint64_t sp = (uint64_t)g[REG_RSP];
	if (sp >= SPT_GUEST_BASE && sp < guest_mem_size && (sp & 7) == 0) {
		uint64_t words = (guest_mem_size - sp) / 8;
		if (words > max_words)
			words = max_words;
		for (uint64_t i = 0; i < words; i++) {
			put(o, "tender-spt: stack: ");
			puthex(o, sp + 8 * i);
			put(o, ": ");
			puthex(o, ((const uint64_t *)sp)[i]);
			put(o, "\n");
		}
	} else {
		put(o, "tender-spt: stack: rsp outside guest memory, not dumped\n");
	}
	if (sig == SIGSYS)
		put(o, "tender-spt: guest fault: end of report, killed by SIGSYS\n");
	else
		put(o, "tender-spt: guest fault: end of report, exit status 255\n");
	flush(o);
}

NOSP static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	static struct buf o;   /* not on the (small) alternate stack */
	/* The file first: stdout may be a pipe nobody reads. */
	if (report_fd >= 0) {
		o.fd = report_fd;
		o.n = 0;
		write_report(&o, sig, si, ctx, FILE_STACK_WORDS);
	}
	o.fd = 1;
	o.n = 0;
	write_report(&o, sig, si, ctx, CONSOLE_STACK_WORDS);
	if (sig == SIGSYS) {
		/* SIGSYS is blocked in its own handler, so the trap this call
		 * raises makes the kernel kill us with SIGSYS's default action,
		 * as a kill-process policy would have. */
		raw3(SYS_getpid, 0, 0, 0);
		raw3(SYS_exit_group, 128 + SIGSYS, 0, 0);
	}
	raw3(SYS_exit_group, SPT_EXIT_FAULT, 0, 0);
	for (;;)
		;
}

void spt_install_fault_handlers(uint64_t mem_size, int fd)
{
	guest_mem_size = mem_size;
	report_fd = fd;
	void *stk = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stk == MAP_FAILED)
		spt_die("alternate signal stack: %s", strerror(errno));
	if ((uint64_t)stk + ALTSTACK_SIZE > SPT_GUEST_BASE && (uint64_t)stk < mem_size)
		spt_die("alternate signal stack landed inside guest memory");
	stack_t ss = { .ss_sp = stk, .ss_size = ALTSTACK_SIZE, .ss_flags = 0 };
	if (sigaltstack(&ss, NULL) < 0)
		spt_die("sigaltstack: %s", strerror(errno));
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigfillset(&sa.sa_mask);
	int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGSYS };
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigaction(sigs[i], &sa, NULL) < 0)
			spt_die("sigaction: %s", strerror(errno));
}
