/* Guest memory: 0x10000..mem_size at the same host addresses, segments
 * copied in and protected to their ELF flags. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "spt.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

void spt_map_memory(uint64_t mem_size)
{
	void *want = (void *)SPT_GUEST_BASE;
	size_t len = mem_size - SPT_GUEST_BASE;
	void *p = mmap(want, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED) {
		if (errno == EEXIST)
			spt_die("guest memory 0x%lx-0x%lx overlaps the tender's own mappings; try a smaller --mem",
				SPT_GUEST_BASE, (unsigned long)mem_size);
		if (errno == EPERM)
			spt_die("cannot map guest memory at 0x%lx: not permitted (vm.mmap_min_addr must be <= %lu)",
				SPT_GUEST_BASE, SPT_GUEST_BASE);
		spt_die("cannot map %lu MiB of guest memory at 0x%lx: %s",
			(unsigned long)(mem_size >> 20), SPT_GUEST_BASE, strerror(errno));
	}
	if (p != want) {
		/* A kernel older than 4.17 ignores MAP_FIXED_NOREPLACE. */
		munmap(p, len);
		spt_die("cannot map guest memory at 0x%lx (kernel lacks MAP_FIXED_NOREPLACE?)",
			SPT_GUEST_BASE);
	}
}

void spt_copy_segments(const struct spt_image *img)
{
	const Elf64_Phdr *ph = img->phdr;
	for (int i = 0; i < img->phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		unsigned char *dst = (unsigned char *)ph[i].p_vaddr;
		if (ph[i].p_filesz > 0)
			memcpy(dst, img->buf + ph[i].p_offset, ph[i].p_filesz);
		/* fresh anonymous memory is zero already; the bss tail stays zero */
	}
}

void spt_protect_segments(const struct spt_image *img)
{
	const Elf64_Phdr *ph = img->phdr;
	for (int i = 0; i < img->phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		uint64_t s = ph[i].p_vaddr & ~(SOLO5_PAGE_SIZE - 1);
		uint64_t e = (ph[i].p_vaddr + ph[i].p_memsz + SOLO5_PAGE_SIZE - 1) &
			     ~(SOLO5_PAGE_SIZE - 1);
		int prot = 0;
		if (ph[i].p_flags & PF_R)
			prot |= PROT_READ;
		if (ph[i].p_flags & PF_W)
			prot |= PROT_WRITE;
		if (ph[i].p_flags & PF_X)
			prot |= PROT_EXEC;
		if (mprotect((void *)s, e - s, prot) < 0)
			spt_die("mprotect of segment %d: %s", i, strerror(errno));
	}
}
