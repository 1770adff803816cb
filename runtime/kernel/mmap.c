/* The program's address space: mmap, munmap, mremap, brk, mprotect, madvise,
 * msync and the mlock family, with Linux's argument checks and errors, over
 * the page map of mem.c. One protection domain: protections are checked and
 * accepted but not enforced (docs/kernel-memory.md). */
#include "mem.h"
#include "syscall.h"
#include "file.h"
#include "fs/fs.h"
#include "fs/mapped.h"

#define PAGE_MASK (UK_PAGE_SIZE - 1)
#define TASK_SIZE 0x7ffffffff000UL   /* Linux x86_64, 4-level paging */
#define LOW_2G 0x80000000UL

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_SEM 0x8
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_32BIT 0x40
#define MAP_SYNC 0x80000
#define MAP_FIXED_NOREPLACE 0x100000
/* What MAP_SHARED_VALIDATE knows (Linux's LEGACY_MAP_MASK): the types,
 * FIXED, ANONYMOUS, 32BIT, GROWSDOWN, DENYWRITE, EXECUTABLE, LOCKED,
 * NORESERVE, POPULATE, NONBLOCK, STACK, HUGETLB, UNINITIALIZED, huge sizes.
 * All of them are accepted and need nothing here: pages are always real. */
#define KNOWN_MAP_FLAGS (0x0f | 0x10 | 0x20 | 0x40 | 0x100 | 0x800 | 0x1000 | 0x2000 | \
                         0x4000 | 0x8000 | 0x10000 | 0x20000 | 0x40000 | 0x4000000 |   \
                         (0x3fUL << 26) | MAP_FIXED_NOREPLACE)

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_REMOVE 9
#define MADV_DONTNEED_LOCKED 24
#define MADV_LAST 25   /* MADV_COLLAPSE */

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

/* The image's ELF header, when the linker script loads it (spt, hvt). */
extern const char __ehdr_start[] __attribute__((weak));

static uintptr_t brk_cur;

static void warn_once(int *done, const char *what)
{
	if (!*done) {
		*done = 1;
		uk_print("x86_64-unikernel: warning: ");
		uk_print(what);
		uk_print("\n");
	}
}

/* Page-rounded length; 0 when len is 0 or rounding overflows. */
static size_t page_len(long len)
{
	return UK_ALIGN_UP((size_t)len, UK_PAGE_SIZE);
}

/* Every page of [a, b) is mapped: the loaded image below the region, or
 * pages handed out inside it (the program's and the kernel's, such as the
 * main thread's stack). */
static int mapped(uintptr_t a, uintptr_t b)
{
	if (a < uk_mem_start) {
		uintptr_t image = (uintptr_t)__ehdr_start;
		if (!image || a < image)
			return 0;
		if (b <= uk_mem_start)
			return 1;
		a = uk_mem_start;
	}
	return uk_mem_all(UK_PM_USED, 1, a, b);
}

/* The file's bytes at off into fresh pages; past the end stays zero. */
static long copy_file(uintptr_t a, size_t len, long fd, long off)
{
	size_t done = 0;
	while (done < len) {
		long r = uk_fd_pread((int)fd, (void *)(a + done), len - done, off + (long)done);
		if (r < 0)
			return r;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return 0;
}

/* What mmap says about a descriptor that cannot be read as a file. */
static long file_error(long err)
{
	if (err == -UK_EBADF || err == -UK_EIO || err == -UK_ENOMEM)
		return err;
	return -UK_ENODEV;   /* pipes, sockets, directories, devices */
}

static long check_type(long flags, int anon)
{
	long type = flags & MAP_TYPE;
	if (type == MAP_PRIVATE || type == MAP_SHARED)
		return 0;
	if (type != MAP_SHARED_VALIDATE || anon)
		return -UK_EINVAL;
	if ((flags & ~KNOWN_MAP_FLAGS) || (flags & MAP_SYNC))
		return -UK_EOPNOTSUPP;   /* MAP_SYNC needs DAX storage */
	return 0;
}

long uk_sys_mmap(long addr, long len, long prot, long flags, long fd, long off)
{
	static int warned_shared;
	uintptr_t a = (uintptr_t)addr;
	int anon = (flags & MAP_ANONYMOUS) != 0, shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	struct uk_node *listed = 0;     /* a shared map of a regular file: kept coherent */
	int fd_writable = 0;
	if (off & PAGE_MASK)
		return -UK_EINVAL;
	if (len == 0)
		return -UK_EINVAL;
	size_t n = page_len(len);
	if (n == 0 || n > TASK_SIZE)
		return -UK_ENOMEM;
	long err = check_type(flags, anon);
	if (err)
		return err;
	if (!anon) {
		if (off < 0 || (unsigned long)off + n < n)
			return -UK_EOVERFLOW;
		char probe;
		long r = uk_fd_pread((int)fd, &probe, 0, off);   /* a readable file? */
		if (r < 0)
			return file_error(r);
		struct uk_file *f = uk_fd_get(fd);
		fd_writable = (f->flags & UK_O_ACCMODE) == UK_O_RDWR && !(f->node && f->node->readonly);
		if (shared && f->node && S_ISREG(f->node->mode))
			listed = f->node;
		if (shared && (prot & PROT_WRITE) && !fd_writable)
			return listed ? -UK_EACCES : -UK_ENODEV;   /* Linux: EACCES without O_RDWR */
		if (shared && (prot & PROT_WRITE) && !listed) {
			warn_once(&warned_shared, "mmap: writable MAP_SHARED mappings of a device are not "
			                          "supported: ENODEV");
			return -UK_ENODEV;
		}
	}

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (a & PAGE_MASK)
			return -UK_EINVAL;
		if ((flags & MAP_FIXED_NOREPLACE) && a < uk_mem_start && a + n > (uintptr_t)__ehdr_start &&
		    __ehdr_start)
			return -UK_EEXIST;   /* over the loaded image */
		if (a + n < a || !uk_mem_inside(a, a + n))
			return -UK_ENOMEM;   /* only the kernel's region has memory behind it */
		if (flags & MAP_FIXED_NOREPLACE) {
			if (uk_mem_any(UK_PM_USED, a, a + n))
				return -UK_EEXIST;
		} else {
			if (uk_mem_any_kernel(a, a + n))
				return -UK_ENOMEM;   /* never over the kernel's own memory */
			uk_mapped_remove(a, a + n);
			uk_mem_unmap(a, a + n);
		}
	} else {
		/* A hint is honoured when its pages are free, as on Linux. */
		uintptr_t hint = UK_ALIGN_UP(a, UK_PAGE_SIZE);
		uintptr_t hi = (flags & MAP_32BIT) && uk_mem_end > LOW_2G ? LOW_2G : uk_mem_end;
		if (hint && hint + n > hint && uk_mem_all(UK_PM_USED, 0, hint, hint + n) &&
		    (!(flags & MAP_32BIT) || hint + n <= LOW_2G))
			a = hint;
		else if (!(a = uk_mem_find(n, uk_mem_start, hi)))
			return -UK_ENOMEM;
	}

	uk_mem_take(a, a + n, 1);
	if (!anon) {
		err = copy_file(a, n, fd, off);
		if (err) {
			uk_mem_unmap(a, a + n);
			return file_error(err);
		}
		/* Read-only for good without a writable descriptor: mprotect
		 * refuses to make it writable (UK_PM_SHARED). */
		if (shared && !fd_writable)
			uk_mem_set(UK_PM_SHARED, 1, a, a + n);
		if (listed && uk_mapped_add(listed, (uint64_t)off, a, n, fd_writable && (prot & PROT_WRITE))) {
			uk_mem_unmap(a, a + n);
			return -UK_ENOMEM;
		}
	}
	return (long)a;
}

long uk_sys_munmap(long addr, long len)
{
	uintptr_t a = (uintptr_t)addr;
	if ((a & PAGE_MASK) || a > TASK_SIZE || (unsigned long)len > TASK_SIZE - a)
		return -UK_EINVAL;
	size_t n = page_len(len);
	if (n == 0)
		return -UK_EINVAL;
	uk_mapped_remove(a, a + n);   /* a shared file map writes back first */
	uk_mem_unmap(a, a + n);   /* frees only the program's pages: holes are fine */
	return 0;
}

/* Move [a, a+on) to the free range [b, b+nn), keeping the contents. */
static long move(uintptr_t a, size_t on, uintptr_t b, size_t nn, long flags)
{
	size_t keep = on < nn ? on : nn;
	uk_mem_take(b, b + nn, 1);
	memcpy((void *)b, (const void *)a, keep);
	for (size_t i = 0; i < keep; i += UK_PAGE_SIZE)
		if (uk_mem_any(UK_PM_SHARED, a + i, a + i + UK_PAGE_SIZE))
			uk_mem_set(UK_PM_SHARED, 1, b + i, b + i + UK_PAGE_SIZE);
	if (flags & MREMAP_DONTUNMAP)
		uk_mem_zero_prog(a, a + on);   /* stays mapped, reads back zero */
	else
		uk_mem_unmap(a, a + on);
	return (long)b;
}

/* Where a mapping that had to move to grow goes. musl's realloc grows big
 * blocks with mremap to the exact new size, and a move costs a copy here, so
 * growing in small steps would copy quadratically. Put it at the bottom of
 * a free run at least twice its size, clear of the break's likely growth:
 * other mappings are placed from the top down, so the pages above it stay
 * free for the next growths, in place. */
static uintptr_t growth_place(size_t nn)
{
	uintptr_t brk_top = UK_ALIGN_UP(brk_cur ? brk_cur : uk_mem_brk_base, UK_PAGE_SIZE);
	uintptr_t lo = brk_top + (uk_mem_end - uk_mem_start) / 16;
	if (2 * nn > nn && lo > brk_top) {
		uintptr_t b = uk_mem_find_low(2 * nn, lo & ~PAGE_MASK, uk_mem_end);
		if (b)
			return b;
	}
	return uk_mem_find(nn, uk_mem_start, uk_mem_end);
}

static long sys_mremap(long old, long old_len, long new_len, long flags, long new_addr)
{
	uintptr_t a = (uintptr_t)old, to = (uintptr_t)new_addr, b;
	if (flags & ~(long)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -UK_EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -UK_EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -UK_EINVAL;
	if (a & PAGE_MASK)
		return -UK_EINVAL;
	size_t on = page_len(old_len), nn = page_len(new_len);
	if (nn == 0 || (old_len && on == 0))
		return -UK_EINVAL;
	/* The old range must be the program's memory, mapped throughout. */
	if (a + on < a || !uk_mem_all(UK_PM_PROG, 1, a, a + (on ? on : UK_PAGE_SIZE)))
		return -UK_EFAULT;
	if (on == 0)
		return -UK_EINVAL;   /* duplicating a shared mapping: not supported */

	/* A moved or resized shared file map becomes a plain copy: written
	 * back first, no longer kept coherent (docs/kernel-memory.md). */
	uk_mapped_remove(a, a + on);
	if (flags & MREMAP_FIXED) {
		if ((to & PAGE_MASK) || nn > TASK_SIZE || to > TASK_SIZE - nn)
			return -UK_EINVAL;
		if (to < a + on && a < to + nn)
			return -UK_EINVAL;   /* overlapping */
		if (!uk_mem_inside(to, to + nn) || uk_mem_any_kernel(to, to + nn))
			return -UK_ENOMEM;
		uk_mapped_remove(to, to + nn);
		uk_mem_unmap(to, to + nn);
		return move(a, on, to, nn, flags);
	}
	if (flags & MREMAP_DONTUNMAP) {
		if (!(b = uk_mem_find(nn, uk_mem_start, uk_mem_end)))
			return -UK_ENOMEM;
		return move(a, on, b, nn, flags);
	}
	if (nn <= on) {
		uk_mem_unmap(a + nn, a + on);
		return (long)a;
	}
	if (a + nn > a && uk_mem_all(UK_PM_USED, 0, a + on, a + nn)) {
		uk_mem_take(a + on, a + nn, 1);   /* the pages above are free: grow in place */
		return (long)a;
	}
	if (!(flags & MREMAP_MAYMOVE) || !(b = growth_place(nn)))
		return -UK_ENOMEM;
	return move(a, on, b, nn, flags);
}

/* The break starts at the bottom of the region and moves while the pages
 * above it are free; like Linux, a failed move returns the old break. */
long uk_sys_brk(long addr)
{
	uintptr_t want = (uintptr_t)addr;
	if (!brk_cur)
		brk_cur = uk_mem_brk_base;
	if (want < uk_mem_brk_base || want > uk_mem_end)
		return (long)brk_cur;
	uintptr_t old_top = UK_ALIGN_UP(brk_cur, UK_PAGE_SIZE);
	uintptr_t new_top = UK_ALIGN_UP(want, UK_PAGE_SIZE);
	if (new_top > old_top) {
		if (!uk_mem_all(UK_PM_USED, 0, old_top, new_top))
			return (long)brk_cur;
		uk_mem_take(old_top, new_top, 1);
	} else if (new_top < old_top) {
		uk_mem_unmap(new_top, old_top);
	}
	brk_cur = want;
	return (long)brk_cur;
}

static long sys_mprotect(long addr, long len, long prot)
{
	static int warned;
	uintptr_t a = (uintptr_t)addr;
	long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -UK_EINVAL;
	if (a & PAGE_MASK)
		return -UK_EINVAL;
	if (len == 0)
		return 0;
	size_t n = page_len(len);
	if (n == 0 || a + n <= a)
		return -UK_ENOMEM;
	if ((prot & ~grows) & ~(long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -UK_EINVAL;
	if (!mapped(a, a + n))
		return -UK_ENOMEM;
	if ((prot & PROT_WRITE) && uk_mem_any(UK_PM_SHARED, a, a + n)) {
		warn_once(&warned, "mprotect: a MAP_SHARED file mapping cannot become writable: EACCES");
		return -UK_EACCES;
	}
	if (prot & PROT_WRITE)
		uk_mapped_writable(a, a + n);   /* its stores go back to the file now */
	return 0;   /* accepted; the spt backend cannot change page protections */
}

static long sys_madvise(long addr, long len, long advice)
{
	uintptr_t a = (uintptr_t)addr;
	if (advice < 0 || (advice > MADV_DONTNEED && advice < MADV_FREE) || advice > MADV_LAST)
		return -UK_EINVAL;
	if (a & PAGE_MASK)
		return -UK_EINVAL;
	size_t n = page_len(len);
	if ((len && n == 0) || a + n < a)
		return -UK_EINVAL;
	if (n == 0)
		return 0;
	int ok = mapped(a, a + n);
	/* Anonymous memory given back reads as zero afterwards, as on Linux;
	 * a shared file map shows its file again (stores written back first). */
	if (advice == MADV_DONTNEED || advice == MADV_FREE || advice == MADV_REMOVE ||
	    advice == MADV_DONTNEED_LOCKED) {
		uk_mapped_sync(a, a + n);
		uk_mem_zero_prog(a, a + n);
		uk_mapped_reload(a, a + n);
	}
	return ok ? 0 : -UK_ENOMEM;
}

static long sys_msync(long addr, long len, long flags)
{
	uintptr_t a = (uintptr_t)addr;
	if (flags & ~(long)(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -UK_EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -UK_EINVAL;
	if (a & PAGE_MASK)
		return -UK_EINVAL;
	size_t n = page_len(len);
	if (a + n < a)
		return -UK_ENOMEM;
	if (n && !mapped(a, a + n))
		return -UK_ENOMEM;
	uk_mapped_sync(a, a + n);   /* shared file maps: back into their files */
	return 0;
}

/* Memory is never paged out: locking only checks the range. */
static long sys_mlock(long addr, long len)
{
	uintptr_t a = (uintptr_t)addr & ~PAGE_MASK;
	size_t n = page_len(len + (addr & (long)PAGE_MASK));
	if (a + n < a)
		return -UK_ENOMEM;
	return n == 0 || mapped(a, a + n) ? 0 : -UK_ENOMEM;
}

static long sys_mlock2(long addr, long len, long flags)
{
	return flags & ~1L ? -UK_EINVAL : sys_mlock(addr, len);   /* MLOCK_ONFAULT */
}

static long sys_mlockall(long flags)
{
	/* MCL_CURRENT 1, MCL_FUTURE 2, MCL_ONFAULT 4 (not alone) */
	if (!flags || (flags & ~7L) || flags == 4)
		return -UK_EINVAL;
	return 0;
}

static long sys_munlockall(void)
{
	return 0;
}

UK_SYSCALL(9, mmap, uk_sys_mmap);
UK_SYSCALL(10, mprotect, sys_mprotect);
UK_SYSCALL(11, munmap, uk_sys_munmap);
UK_SYSCALL(12, brk, uk_sys_brk);
UK_SYSCALL(25, mremap, sys_mremap);
UK_SYSCALL(26, msync, sys_msync);
UK_SYSCALL(28, madvise, sys_madvise);
UK_SYSCALL(149, mlock, sys_mlock);
UK_SYSCALL(150, munlock, sys_mlock);
UK_SYSCALL(151, mlockall, sys_mlockall);
UK_SYSCALL(152, munlockall, sys_munlockall);
UK_SYSCALL(325, mlock2, sys_mlock2);
