/* Thread calls: clone for musl's pthread_create, exit of one thread,
 * set_tid_address, gettid, sched_yield (docs/threads.md). */
#include "kernel.h"
#include "syscall.h"
#include "sched.h"

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_THREAD 0x00010000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_CHILD_SETTID 0x01000000
#define CSIGNAL 0xff

/* What a thread of this process may ask for; anything else would be a new
 * process (fork-like), which an image cannot have. */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
		      CLONE_DETACHED | CLONE_CHILD_SETTID)

long uk_futex_wake(uint32_t *uaddr, long n, uint32_t bitset);
long uk_exit_group(long status);
long uk_no_process(long n);

static long sys_clone(long flags, long newsp, long ptid, long ctid, long tls)
{
	if ((flags & (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND)) != (CLONE_VM | CLONE_THREAD | CLONE_SIGHAND) ||
	    (flags & ~(long)(THREAD_FLAGS | CSIGNAL)))
		return uk_no_process(56);
	if (!newsp)
		return -UK_EINVAL;
	struct uk_thread *t = uk_thread_create((uintptr_t)newsp,
					       (flags & CLONE_SETTLS) ? (uintptr_t)tls : uk_current->tls);
	if (!t)
		return -UK_EAGAIN;              /* as Linux when it cannot make one */
	if (flags & CLONE_PARENT_SETTID)
		*(int *)ptid = t->tid;
	if (flags & CLONE_CHILD_SETTID)
		*(int *)ctid = t->tid;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = (int *)ctid;
	return t->tid;                          /* the parent goes on first */
}

/* One thread ends: its joiner learns through clear_child_tid. The last
 * one ends the program, with its status. */
static long sys_exit(long status)
{
	struct uk_thread *self = uk_current;
	if (uk_thread_count() == 1)
		return uk_exit_group(status);
	if (self->clear_child_tid) {
		__atomic_store_n(self->clear_child_tid, 0, __ATOMIC_SEQ_CST);
		uk_futex_wake((uint32_t *)self->clear_child_tid, 1, 0xffffffffu);
	}
	uk_thread_exit();
}

static long sys_set_tid_address(long ptr)
{
	uk_current->clear_child_tid = (int *)ptr;
	return uk_current->tid;
}

static long sys_gettid(void)
{
	return uk_current->tid;
}

static long sys_sched_yield(void)
{
	uk_sched_yield();
	return 0;
}

UK_SYSCALL(56, clone, sys_clone);
UK_SYSCALL(60, exit, sys_exit);
UK_SYSCALL(218, set_tid_address, sys_set_tid_address);
UK_SYSCALL(186, gettid, sys_gettid);
UK_SYSCALL(24, sched_yield, sys_sched_yield);
