/* Signals, the subset servers rely on (docs/signals.md): rt_sigaction and
 * rt_sigprocmask keep real state (the mask per thread), kill/tkill/tgkill
 * to the program's own threads, alarm and ITIMER_REAL, SIGPIPE, sigwait,
 * sigsuspend, pause. A signal is delivered when its thread finishes a
 * system call: the handler runs as a plain call on that thread's stack, so
 * no signal frame or sigreturn is needed. A thread parked in the kernel
 * wakes with EINTR; a thread that never makes a system call never sees one
 * (threads are cooperative). */
#include "kernel.h"
#include "syscall.h"
#include "sched.h"
#include "signal.h"
#include "wait.h"

#define SA_SIGINFO 4
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000u
#define SIG_DFL 0
#define SIG_IGN 1
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SS_DISABLE 2
#define SIGSET_SIZE 8
#define NS 1000000000ULL

/* rt_sigaction's struct (the kernel's layout, not libc's). */
struct k_sigaction {
	uintptr_t handler;
	unsigned long flags;
	uintptr_t restorer;
	uint64_t mask;
};

static struct k_sigaction actions[UK_NSIG];
static struct uk_sigstate program;      /* signals sent to the program */

static uint64_t bit(int sig)
{
	return 1ULL << (sig - 1);
}

#define UNBLOCKABLE (bit(UK_SIGKILL) | bit(UK_SIGSTOP))

static int valid(long sig)
{
	return sig >= 1 && sig <= UK_NSIG;
}

/* Linux's default is to ignore these; job control (stop) means nothing
 * for an image, so the stop signals are ignored too. */
static int ignored_by_default(int sig)
{
	return sig == UK_SIGCHLD || sig == UK_SIGCONT || sig == 23 /* URG */ || sig == 28 /* WINCH */ ||
	       (sig >= UK_SIGSTOP && sig <= 22 /* TSTP TTIN TTOU */);
}

static int discarded(int sig)
{
	if (sig == UK_SIGKILL)
		return 0;
	return actions[sig - 1].handler == SIG_IGN ||
	       (actions[sig - 1].handler == SIG_DFL && ignored_by_default(sig));
}

void uk_signal_send(struct uk_thread *t, int sig, const struct uk_siginfo *info)
{
	/* An ignored signal is dropped unless blocked: the action may change
	 * before it is unblocked (Linux's rule). */
	if (discarded(sig) && !(t && (t->sig.mask & bit(sig))))
		return;
	struct uk_sigstate *st = t ? &t->sig : &program;
	if (!(st->pending & bit(sig)))
		st->info[sig - 1] = *info;      /* standard signals do not queue */
	st->pending |= bit(sig);
	if (t) {
		if (!(t->sig.mask & bit(sig)))
			uk_sched_wake(t);
		return;
	}
	for (struct uk_thread *w = uk_thread_list(); w; w = w->all_next)
		if (!(w->sig.mask & bit(sig))) {
			uk_sched_wake(w);
			return;
		}
}

int uk_signal_is_pending(struct uk_thread *t, int sig)
{
	return ((t ? t->sig.pending : 0) | program.pending) & bit(sig) ? 1 : 0;
}

int uk_signal_pending(void)
{
	struct uk_thread *t = uk_current;
	return t && ((t->sig.pending | program.pending) & ~t->sig.mask) != 0;
}

static const char *const names[32] = {
	0, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
	"SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
	"SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
	"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

long uk_exit_group(long status);

/* A default action that ends the program: say which signal, exit 128+N
 * as a shell reports a process killed by it. */
static _Noreturn void terminate(int sig)
{
	uk_print_dec("x86_64-unikernel: terminated by signal ", sig);
	if (sig < 32) {
		uk_print(" (");
		uk_print(names[sig]);
		uk_print(")");
	}
	uk_print("\n");
	uk_exit_group(128 + sig);
	for (;;)
		;
}

/* siginfo_t as Linux lays it out on x86_64 (128 bytes). */
struct k_siginfo {
	int signo, errno_, code, pad;
	union {
		struct { int pid; unsigned uid; uint64_t value; } kill;
		struct { int tid, overrun; uint64_t value; } timer;
		char size[112];
	} u;
};

static void fill_siginfo(struct k_siginfo *si, int sig, const struct uk_siginfo *info)
{
	memset(si, 0, sizeof *si);
	si->signo = sig;
	si->code = info->code;
	if (info->code == UK_SI_TIMER) {
		si->u.timer.tid = info->timer;
		si->u.timer.overrun = info->overrun;
		si->u.timer.value = info->value;
	} else {
		si->u.kill.pid = info->pid;
		si->u.kill.uid = (unsigned)info->uid;
		si->u.kill.value = info->value;
	}
}

/* Takes the lowest pending signal of set (thread's first), or 0. */
static int take(struct uk_thread *t, uint64_t set, struct uk_siginfo *info)
{
	uint64_t ready = (t->sig.pending | program.pending) & set;
	if (!ready)
		return 0;
	int sig = __builtin_ctzll(ready) + 1;
	struct uk_sigstate *from = (t->sig.pending & bit(sig)) ? &t->sig : &program;
	from->pending &= ~bit(sig);
	*info = from->info[sig - 1];
	return sig;
}

/* The ucontext_t a handler gets (x86_64 layout): where the thread was
 * (rip: the return address of its __uk_syscall call; rsp) and the mask to
 * restore, which the handler may change, as it may change rip (musl's
 * cancellation does both). */
#define UC_RSP (40 + 15 * 8)
#define UC_RIP (40 + 16 * 8)
#define UC_SIGMASK 296

int uk_signal_deliver(void **ret_slot)
{
	struct uk_thread *t = uk_current;
	struct uk_siginfo info;
	int result = UK_SIGNAL_RESTART, sig;
	while ((sig = take(t, ~t->sig.mask, &info))) {
		struct k_sigaction *a = &actions[sig - 1];
		if (a->handler == SIG_IGN)
			continue;
		if (a->handler == SIG_DFL) {
			if (ignored_by_default(sig))
				continue;
			terminate(sig);
		}
		uintptr_t handler = a->handler;
		unsigned long flags = a->flags;
		uint64_t saved = t->sig.restore_set ? t->sig.restore : t->sig.mask;
		t->sig.restore_set = 0;
		t->sig.mask |= a->mask | ((flags & SA_NODEFER) ? 0 : bit(sig));
		t->sig.mask &= ~UNBLOCKABLE;
		if (flags & SA_RESETHAND) {
			a->handler = SIG_DFL;
			a->flags &= ~(unsigned long)SA_SIGINFO;
		}
		if (!(flags & SA_RESTART))
			result &= ~UK_SIGNAL_RESTART;
		struct k_siginfo si;
		uint64_t uc[128] = { 0 };       /* room for a ucontext_t */
		char *ucp = (char *)uc;
		uintptr_t pc = (uintptr_t)*ret_slot;
		*(uintptr_t *)(ucp + UC_RIP) = pc;
		*(uintptr_t *)(ucp + UC_RSP) = (uintptr_t)(ret_slot + 1);
		*(uint64_t *)(ucp + UC_SIGMASK) = saved;
		fill_siginfo(&si, sig, &info);
		((void (*)(int, void *, void *))handler)(sig, &si, uc);
		t->sig.mask = *(uint64_t *)(ucp + UC_SIGMASK) & ~UNBLOCKABLE;   /* as sigreturn */
		if (*(uintptr_t *)(ucp + UC_RIP) != pc) {
			*ret_slot = (void *)*(uintptr_t *)(ucp + UC_RIP);
			return UK_SIGNAL_REDIRECTED;    /* the rest waits for the next call */
		}
	}
	if (t->sig.restore_set) {       /* sigsuspend's mask ends here */
		t->sig.mask = t->sig.restore;
		t->sig.restore_set = 0;
	}
	return result;
}

void uk_signal_wait_mask(const uint64_t *set)
{
	struct uk_thread *t = uk_current;
	if (!set)
		return;
	t->sig.restore = t->sig.mask;
	t->sig.restore_set = 1;
	t->sig.mask = *set & ~UNBLOCKABLE;
}

void uk_signal_wait_mask_end(void)
{
	struct uk_thread *t = uk_current;
	/* With a signal to deliver, the handler runs under the wait's mask
	 * and uk_signal_deliver puts the old one back. */
	if (t->sig.restore_set && !uk_signal_pending()) {
		t->sig.mask = t->sig.restore;
		t->sig.restore_set = 0;
	}
}

void uk_signal_pipe(void)
{
	struct uk_siginfo info = { .code = UK_SI_KERNEL };
	uk_signal_send(uk_current, UK_SIGPIPE, &info);
}

static long sys_rt_sigaction(long sig, long act, long oact, long size)
{
	if (size != SIGSET_SIZE || !valid(sig))
		return -UK_EINVAL;
	if (act && (sig == UK_SIGKILL || sig == UK_SIGSTOP))
		return -UK_EINVAL;
	if (oact)
		*(struct k_sigaction *)oact = actions[sig - 1];
	if (act) {
		actions[sig - 1] = *(const struct k_sigaction *)act;
		actions[sig - 1].mask &= ~UNBLOCKABLE;
		/* Ignoring a signal discards it where it is pending. */
		if (discarded((int)sig)) {
			program.pending &= ~bit((int)sig);
			for (struct uk_thread *t = uk_thread_list(); t; t = t->all_next)
				t->sig.pending &= ~bit((int)sig);
		}
	}
	return 0;
}

static long sys_rt_sigprocmask(long how, long set, long oset, long size)
{
	struct uk_thread *t = uk_current;
	if (size != SIGSET_SIZE)
		return -UK_EINVAL;
	uint64_t old = t->sig.mask;
	if (set) {
		uint64_t s = *(const uint64_t *)set;
		switch (how) {
		case SIG_BLOCK: t->sig.mask |= s; break;
		case SIG_UNBLOCK: t->sig.mask &= ~s; break;
		case SIG_SETMASK: t->sig.mask = s; break;
		default: return -UK_EINVAL;
		}
		t->sig.mask &= ~UNBLOCKABLE;
	}
	if (oset)
		*(uint64_t *)oset = old;
	return 0;                       /* what it unblocked arrives on return */
}

static long sys_rt_sigpending(long set, long size)
{
	if (size != SIGSET_SIZE)
		return -UK_EINVAL;
	*(uint64_t *)set = (uk_current->sig.pending | program.pending) & uk_current->sig.mask;
	return 0;
}

static long sys_rt_sigsuspend(long set, long size)
{
	struct uk_thread *t = uk_current;
	if (size != SIGSET_SIZE)
		return -UK_EINVAL;
	t->sig.restore = t->sig.mask;
	t->sig.restore_set = 1;
	t->sig.mask = *(const uint64_t *)set & ~UNBLOCKABLE;
	while (!uk_signal_pending())
		uk_wait_once(UINT64_MAX);
	return -UK_EINTR;               /* the handler runs with this mask */
}

static long sys_pause(void)
{
	while (!uk_signal_pending())
		uk_wait_once(UINT64_MAX);
	return -UK_EINTR;
}

struct uk_timespec_s {
	long sec, nsec;
};

static long sys_rt_sigtimedwait(long set, long infop, long timeout, long size)
{
	struct uk_thread *t = uk_current;
	struct uk_siginfo info;
	uint64_t deadline = UINT64_MAX;
	if (size != SIGSET_SIZE)
		return -UK_EINVAL;
	uint64_t want = *(const uint64_t *)set & ~UNBLOCKABLE;
	if (timeout) {
		const struct uk_timespec_s *ts = (const struct uk_timespec_s *)timeout;
		if (ts->sec < 0 || ts->nsec < 0 || ts->nsec >= (long)NS)
			return -UK_EINVAL;
		deadline = uk_platform_clock_monotonic() + (uint64_t)ts->sec * NS + (uint64_t)ts->nsec;
	}
	for (;;) {
		int sig = take(t, want, &info);
		if (sig) {
			if (infop)
				fill_siginfo((struct k_siginfo *)infop, sig, &info);
			return sig;
		}
		if (uk_platform_clock_monotonic() >= deadline)
			return -UK_EAGAIN;
		if (uk_wait_once(deadline) && !((t->sig.pending | program.pending) & want))
			return -UK_EINTR;       /* another signal, with a handler */
	}
}

static long sys_sigaltstack(long ss, long oss)
{
	/* Accepted and kept; handlers run on the thread's own stack, which is
	 * where the kernel already is (no stack overflow signals here). */
	static struct { uintptr_t sp; int flags; size_t size; } stack = { 0, SS_DISABLE, 0 };
	if (oss)
		memcpy((void *)oss, &stack, sizeof stack);
	if (ss)
		memcpy(&stack, (const void *)ss, sizeof stack);
	return 0;
}

static long send_checked(struct uk_thread *t, long sig, int code)
{
	if (sig == 0)
		return 0;               /* only the check */
	if (!valid(sig))
		return -UK_EINVAL;
	struct uk_siginfo info = { .code = code, .pid = 1, .uid = 0 };
	uk_signal_send(t, (int)sig, &info);
	return 0;
}

static long sys_kill(long pid, long sig)
{
	if (!valid(sig) && sig != 0)
		return -UK_EINVAL;
	if (pid != 1 && pid != 0 && pid != -1)
		return -UK_ESRCH;       /* the program is the only process */
	return send_checked(0, sig, UK_SI_USER);
}

static long sys_tgkill(long tgid, long tid, long sig)
{
	if (tgid <= 0 || tid <= 0 || (!valid(sig) && sig != 0))
		return -UK_EINVAL;
	struct uk_thread *t = uk_thread_find((int)tid);
	if (tgid != 1 || !t)
		return -UK_ESRCH;
	return send_checked(t, sig, UK_SI_TKILL);
}

static long sys_tkill(long tid, long sig)
{
	return sys_tgkill(1, tid, sig);
}

UK_SYSCALL(13, rt_sigaction, sys_rt_sigaction);
UK_SYSCALL(14, rt_sigprocmask, sys_rt_sigprocmask);
UK_SYSCALL(127, rt_sigpending, sys_rt_sigpending);
UK_SYSCALL(130, rt_sigsuspend, sys_rt_sigsuspend);
UK_SYSCALL(34, pause, sys_pause);
UK_SYSCALL(128, rt_sigtimedwait, sys_rt_sigtimedwait);
UK_SYSCALL(131, sigaltstack, sys_sigaltstack);
UK_SYSCALL(62, kill, sys_kill);
UK_SYSCALL(200, tkill, sys_tkill);
UK_SYSCALL(234, tgkill, sys_tgkill);
