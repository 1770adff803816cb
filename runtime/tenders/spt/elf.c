/* Read an image and check everything about it before any of it is trusted:
 * ELF header, program headers, segment bounds, W^X, and the Solo5 notes. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spt.h"

#define MAX_IMAGE_SIZE (1ULL << 32)   /* 4 GiB: more is certainly a mistake */

static const char *target_name(uint32_t t)
{
	switch (t) {
	case SOLO5_TARGET_HVT: return "hvt";
	case SOLO5_TARGET_SPT: return "spt";
	case SOLO5_TARGET_VIRTIO: return "virtio";
	case SOLO5_TARGET_MUEN: return "muen";
	case SOLO5_TARGET_GENODE: return "genode";
	case SOLO5_TARGET_XEN: return "xen";
	default: return "unknown";
	}
}

/* Is [off, off+len) inside a buffer of size `size`? (overflow safe) */
static int in_file(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

static void read_whole(const char *path, struct spt_image *img)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		spt_die_image(path, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0)
		spt_die_image(path, "cannot stat: %s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		spt_die_image(path, "is a directory, not an image");
	if (!S_ISREG(st.st_mode))
		spt_die_image(path, "not a regular file");
	if ((uint64_t)st.st_size > MAX_IMAGE_SIZE)
		spt_die_image(path, "too large to be an image (%lld bytes)", (long long)st.st_size);
	img->size = (size_t)st.st_size;
	img->buf = malloc(img->size ? img->size : 1);
	if (!img->buf)
		spt_die_image(path, "out of memory reading the image");
	size_t got = 0;
	while (got < img->size) {
		ssize_t n = read(fd, img->buf + got, img->size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			spt_die_image(path, "read error: %s", strerror(errno));
		if (n == 0)
			spt_die_image(path, "file shrank while reading it");
		got += (size_t)n;
	}
	close(fd);
}

static void check_manifest(const char *path, const unsigned char *desc, uint32_t descsz,
			   struct spt_image *img)
{
	if (descsz < SOLO5_MFT_NOTE_PAD + SOLO5_MFT_SIZE(0))
		spt_die_image(path, "manifest note too short (%u bytes)", descsz);
	struct solo5_mft hdr;
	memcpy(&hdr, desc + SOLO5_MFT_NOTE_PAD, sizeof hdr);
	if (hdr.version != SOLO5_MFT_VERSION)
		spt_die_image(path, "manifest version %u, expected %d", hdr.version, SOLO5_MFT_VERSION);
	if (hdr.entries < 1 || hdr.entries > SOLO5_MFT_MAX_ENTRIES)
		spt_die_image(path, "manifest has %u entries, expected 1 to %d",
			      hdr.entries, SOLO5_MFT_MAX_ENTRIES);
	size_t size = SOLO5_MFT_SIZE(hdr.entries);
	if (descsz != SOLO5_MFT_NOTE_PAD + size)
		spt_die_image(path, "manifest note is %u bytes, expected %zu for %u entries",
			      descsz, SOLO5_MFT_NOTE_PAD + size, hdr.entries);
	struct solo5_mft *m = malloc(size);
	if (!m)
		spt_die_image(path, "out of memory");
	memcpy(m, desc + SOLO5_MFT_NOTE_PAD, size);
	if (m->e[0].type != SOLO5_MFT_RESERVED_FIRST)
		spt_die_image(path, "manifest entry 0 is not RESERVED_FIRST");
	for (uint32_t i = 1; i < m->entries; i++) {
		struct solo5_mft_entry *e = &m->e[i];
		size_t n = strnlen(e->name, SOLO5_MFT_NAME_SIZE);
		if (n == 0 || n == SOLO5_MFT_NAME_SIZE)
			spt_die_image(path, "manifest entry %u has an empty or unterminated name", i);
		for (size_t k = 0; k < n; k++)
			if (!((e->name[k] >= 'a' && e->name[k] <= 'z') ||
			      (e->name[k] >= 'A' && e->name[k] <= 'Z') ||
			      (e->name[k] >= '0' && e->name[k] <= '9')))
				spt_die_image(path, "manifest entry %u: name is not alphanumeric", i);
		if (e->type != SOLO5_MFT_NET_BASIC && e->type != SOLO5_MFT_BLOCK_BASIC)
			spt_die_image(path, "manifest entry %s has unknown type 0x%x", e->name, e->type);
		for (uint32_t j = 1; j < i; j++)
			if (strcmp(m->e[j].name, e->name) == 0)
				spt_die_image(path, "manifest names device %s twice", e->name);
		/* Tender-filled fields start clean whatever the image says. */
		memset(&e->u, 0, sizeof e->u);
		memset(&e->b, 0, sizeof e->b);
		e->b.hostfd = -1;
		e->attached = 0;
	}
	img->mft = m;
	img->mft_size = size;
}

static void check_notes(const char *path, struct spt_image *img, const Elf64_Phdr *ph, int phnum)
{
	int have_abi = 0, have_mft = 0;
	for (int i = 0; i < phnum; i++) {
		if (ph[i].p_type != PT_NOTE)
			continue;
		if (!in_file(ph[i].p_offset, ph[i].p_filesz, img->size))
			spt_die_image(path, "PT_NOTE %d lies outside the file", i);
		const unsigned char *p = img->buf + ph[i].p_offset;
		uint64_t left = ph[i].p_filesz;
		while (left > 0) {
			Elf64_Nhdr nh;
			if (left < sizeof nh)
				spt_die_image(path, "truncated note in PT_NOTE %d", i);
			memcpy(&nh, p, sizeof nh);
			uint64_t namesz = ((uint64_t)nh.n_namesz + 3) & ~3ULL;
			uint64_t descsz = ((uint64_t)nh.n_descsz + 3) & ~3ULL;
			if (namesz + descsz > left - sizeof nh)
				spt_die_image(path, "note overruns PT_NOTE %d", i);
			const unsigned char *name = p + sizeof nh;
			const unsigned char *desc = name + namesz;
			if (nh.n_namesz == sizeof SOLO5_NOTE_NAME &&
			    memcmp(name, SOLO5_NOTE_NAME, sizeof SOLO5_NOTE_NAME) == 0) {
				if (nh.n_type == SOLO5_NOTE_ABI) {
					if (have_abi++)
						spt_die_image(path, "more than one Solo5 ABI note");
					struct solo5_abi_note abi;
					if (nh.n_descsz != sizeof abi)
						spt_die_image(path, "Solo5 ABI note has size %u, expected %zu",
							      nh.n_descsz, sizeof abi);
					memcpy(&abi, desc, sizeof abi);
					if (abi.target != SOLO5_TARGET_SPT)
						spt_die_image(path, "built for Solo5 target %s (%u), this tender runs spt (%d)",
							      target_name(abi.target), abi.target, SOLO5_TARGET_SPT);
					if (abi.version != SOLO5_ABI_VERSION_SPT)
						spt_die_image(path, "Solo5 spt ABI version %u, this tender runs version %d",
							      abi.version, SOLO5_ABI_VERSION_SPT);
				} else if (nh.n_type == SOLO5_NOTE_MANIFEST) {
					if (have_mft++)
						spt_die_image(path, "more than one Solo5 manifest note");
					check_manifest(path, desc, nh.n_descsz, img);
				}
			}
			p += sizeof nh + namesz + descsz;
			left -= sizeof nh + namesz + descsz;
		}
	}
	if (!have_abi)
		spt_die_image(path, "no Solo5 ABI note: not a Solo5 image");
	if (!have_mft)
		spt_die_image(path, "no Solo5 manifest note (MFT1)");
}

void spt_load_image(const char *path, uint64_t mem_size, struct spt_image *img)
{
	memset(img, 0, sizeof *img);
	img->path = path;
	read_whole(path, img);

	Elf64_Ehdr eh;
	if (img->size < 4 || memcmp(img->buf, ELFMAG, SELFMAG) != 0)
		spt_die_image(path, "not an ELF file");
	if (img->size < sizeof eh)
		spt_die_image(path, "truncated ELF header");
	memcpy(&eh, img->buf, sizeof eh);
	if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		spt_die_image(path, "not a 64-bit ELF file");
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		spt_die_image(path, "not a little-endian ELF file");
	if (eh.e_ident[EI_VERSION] != EV_CURRENT || eh.e_version != EV_CURRENT)
		spt_die_image(path, "unknown ELF version");
	if (eh.e_machine != EM_X86_64)
		spt_die_image(path, "wrong machine %u, expected x86_64 (%d)", eh.e_machine, EM_X86_64);
	if (eh.e_type != ET_EXEC)
		spt_die_image(path, "ELF type %u is not ET_EXEC (a PIE or shared object cannot be run)",
			      eh.e_type);
	if (eh.e_phentsize != sizeof(Elf64_Phdr))
		spt_die_image(path, "bad program header size %u", eh.e_phentsize);
	if (eh.e_phnum == 0 || eh.e_phnum == PN_XNUM)
		spt_die_image(path, "bad program header count %u", eh.e_phnum);
	if (!in_file(eh.e_phoff, (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr), img->size))
		spt_die_image(path, "program headers lie outside the file (truncated?)");

	int phnum = eh.e_phnum;
	Elf64_Phdr *ph = malloc(phnum * sizeof *ph);
	if (!ph)
		spt_die_image(path, "out of memory");
	memcpy(ph, img->buf + eh.e_phoff, phnum * sizeof *ph);

	uint64_t end = 0;
	int nload = 0, entry_ok = 0;
	for (int i = 0; i < phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		nload++;
		if (p->p_filesz > p->p_memsz)
			spt_die_image(path, "segment %d: file size larger than memory size", i);
		if (!in_file(p->p_offset, p->p_filesz, img->size))
			spt_die_image(path, "segment %d lies outside the file (truncated?)", i);
		if (p->p_vaddr < SOLO5_IMAGE_BASE)
			spt_die_image(path, "segment %d at 0x%lx is below 0x%lx", i,
				      (unsigned long)p->p_vaddr, SOLO5_IMAGE_BASE);
		if (p->p_memsz > mem_size || p->p_vaddr > mem_size - p->p_memsz)
			spt_die_image(path, "segment %d (0x%lx-0x%lx) does not fit in guest memory (%lu MiB)",
				      i, (unsigned long)p->p_vaddr,
				      (unsigned long)(p->p_vaddr + p->p_memsz),
				      (unsigned long)(mem_size >> 20));
		if ((p->p_flags & PF_W) && (p->p_flags & PF_X))
			spt_die_image(path, "segment %d is both writable and executable", i);
		uint64_t s = p->p_vaddr & ~(SOLO5_PAGE_SIZE - 1);
		uint64_t e = (p->p_vaddr + p->p_memsz + SOLO5_PAGE_SIZE - 1) & ~(SOLO5_PAGE_SIZE - 1);
		for (int j = 0; j < i; j++) {
			const Elf64_Phdr *q = &ph[j];
			if (q->p_type != PT_LOAD || q->p_memsz == 0)
				continue;
			uint64_t qs = q->p_vaddr & ~(SOLO5_PAGE_SIZE - 1);
			uint64_t qe = (q->p_vaddr + q->p_memsz + SOLO5_PAGE_SIZE - 1) & ~(SOLO5_PAGE_SIZE - 1);
			if (s < qe && qs < e)
				spt_die_image(path, "segments %d and %d share a page", j, i);
		}
		if (e > end)
			end = e;
		if ((p->p_flags & PF_X) && eh.e_entry >= p->p_vaddr &&
		    eh.e_entry < p->p_vaddr + p->p_filesz)
			entry_ok = 1;
	}
	if (nload == 0)
		spt_die_image(path, "no loadable segment");
	if (!entry_ok)
		spt_die_image(path, "entry point 0x%lx is not in an executable segment",
			      (unsigned long)eh.e_entry);
	if (end >= mem_size)
		spt_die_image(path, "image leaves no room for the stack in %lu MiB of guest memory",
			      (unsigned long)(mem_size >> 20));

	check_notes(path, img, ph, phnum);

	img->entry = eh.e_entry;
	img->kernel_end = end;
	/* Keep the program headers for mem.c: stash them after the checks. */
	img->phdr = ph;
	img->phnum = phnum;
}
