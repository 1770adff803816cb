/* ELF header and program header validation, and finding the Solo5 notes.
 * Every offset and size is checked against the file size before use; libelf
 * only translates what is already known to lie inside the file. */
#include <stdio.h>
#include <string.h>
#include <gelf.h>

#include "elftool.h"

static const char *type_name(unsigned t)
{
	switch (t) {
	case ET_NONE: return "ET_NONE";
	case ET_REL: return "ET_REL (a relocatable object)";
	case ET_EXEC: return "ET_EXEC";
	case ET_DYN: return "ET_DYN (position-independent or shared object)";
	case ET_CORE: return "ET_CORE (a core dump)";
	default: return "unknown";
	}
}

/* strict: report everything a tender would refuse in the header (check);
 * otherwise only what prevents reading the file (info).
 * Returns -1 when the program headers cannot be used. */
int image_elf_header(struct image *img, int strict)
{
	const unsigned char *b = img->buf;
	Elf64_Ehdr *eh;
	int fatal = 0;

	if (img->size == 0) {
		image_problem(img, "empty file, not an ELF image");
		return -1;
	}
	if (img->size < SELFMAG || memcmp(b, ELFMAG, SELFMAG) != 0) {
		image_problem(img, "not an ELF file (bad magic)");
		return -1;
	}
	if (img->size > EI_CLASS && b[EI_CLASS] != ELFCLASS64) {
		image_problem(img, "not a 64-bit ELF file (EI_CLASS %u, want ELFCLASS64)",
			      b[EI_CLASS]);
		return -1;
	}
	if (img->size > EI_DATA && b[EI_DATA] != ELFDATA2LSB) {
		image_problem(img, "not little endian (EI_DATA %u, want ELFDATA2LSB)",
			      b[EI_DATA]);
		return -1;
	}
	if (img->size < sizeof(Elf64_Ehdr)) {
		image_problem(img, "truncated: %zu bytes, shorter than an ELF64 header (%zu)",
			      img->size, sizeof(Elf64_Ehdr));
		return -1;
	}
	if (b[EI_VERSION] != EV_CURRENT) {
		image_problem(img, "bad ELF identification version %u", b[EI_VERSION]);
		return -1;
	}

	img->elf = elf_memory((char *)img->buf, img->size);
	if (!img->elf || elf_kind(img->elf) != ELF_K_ELF ||
	    !(eh = elf64_getehdr(img->elf))) {
		image_problem(img, "cannot read the ELF header: %s", elf_errmsg(-1));
		return -1;
	}
	img->ehdr = eh;

	if (strict) {
		if (eh->e_type != ET_EXEC)
			image_problem(img, "ELF type is %s (%u), want ET_EXEC",
				      type_name(eh->e_type), eh->e_type);
		if (eh->e_machine != EM_X86_64)
			image_problem(img, "e_machine is %u, want EM_X86_64 (%u)",
				      eh->e_machine, EM_X86_64);
		if (eh->e_version != EV_CURRENT)
			image_problem(img, "e_version is %u, want %u", eh->e_version,
				      EV_CURRENT);
	}

	/* The section headers are not used to load, but must lie in the file. */
	if (strict && eh->e_shoff &&
	    !range_ok(img, eh->e_shoff, (uint64_t)eh->e_shnum * eh->e_shentsize))
		image_problem(img, "truncated: section headers (offset 0x%llx, %u entries) "
			      "extend past the end of the file (%zu bytes)",
			      (unsigned long long)eh->e_shoff, eh->e_shnum, img->size);

	if (eh->e_phnum == 0) {
		if (strict)
			image_problem(img, "no program headers");
		return strict ? -1 : 0;
	}
	if (eh->e_phnum == PN_XNUM) {
		image_problem(img, "too many program headers (e_phnum is PN_XNUM)");
		return -1;
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr)) {
		image_problem(img, "e_phentsize is %u, want %zu", eh->e_phentsize,
			      sizeof(Elf64_Phdr));
		return -1;
	}
	if (!range_ok(img, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr))) {
		image_problem(img, "truncated: program headers (offset 0x%llx, %u entries) "
			      "extend past the end of the file (%zu bytes)",
			      (unsigned long long)eh->e_phoff, eh->e_phnum, img->size);
		return -1;
	}
	img->phdr = elf64_getphdr(img->elf);
	if (!img->phdr) {
		image_problem(img, "cannot read the program headers: %s", elf_errmsg(-1));
		return -1;
	}
	img->phnum = eh->e_phnum;
	return fatal ? -1 : 0;
}

static void record(struct found_note *fn, size_t desc_off, size_t desc_size, int first)
{
	fn->count++;
	if (fn->present)
		return;
	fn->present = 1;
	fn->desc_off = desc_off;
	fn->desc_size = desc_size;
	fn->first_in_segment = first;
}

#define ALIGN4(x) (((x) + 3) & ~(uint64_t)3)

/* Walks the notes in [off, off + len), already known to lie in the file. */
static void scan_notes(struct image *img, struct image_notes *notes,
		       uint64_t off, uint64_t len, const char *where)
{
	uint64_t pos = 0;

	while (len - pos >= 12) {
		const unsigned char *n = img->buf + off + pos;
		uint32_t namesz = get_le32(n), descsz = get_le32(n + 4);
		uint32_t type = get_le32(n + 8);
		uint64_t name_off = pos + 12;
		uint64_t desc_off = name_off + ALIGN4((uint64_t)namesz);

		if (desc_off > len || descsz > len - desc_off) {
			image_problem(img, "truncated note at offset 0x%llx in %s: "
				      "name %u + descriptor %u bytes overrun it",
				      (unsigned long long)(off + pos), where, namesz, descsz);
			notes->unreadable = 1;
			return;
		}
		const char *name = (const char *)img->buf + off + name_off;
		int solo5 = namesz == sizeof(SOLO5_NOTE_NAME) &&
			    memcmp(name, SOLO5_NOTE_NAME, sizeof(SOLO5_NOTE_NAME)) == 0;
		if (type == SOLO5_NOTE_ABI || type == SOLO5_NOTE_MANIFEST) {
			if (solo5)
				record(type == SOLO5_NOTE_ABI ? &notes->abi : &notes->mft,
				       off + desc_off, descsz, pos == 0);
			else if (namesz >= 4 && namesz <= 16)
				image_problem(img, "%s note in %s has owner \"%.*s\", want \"%s\"",
					      type == SOLO5_NOTE_ABI ? "ABI1" : "MFT1", where,
					      (int)strnlen(name, namesz), name, SOLO5_NOTE_NAME);
		}
		pos = desc_off + ALIGN4((uint64_t)descsz);
		if (pos > len)
			break;
	}
}

void image_find_notes(struct image *img, struct image_notes *notes, int allow_rel)
{
	char where[64];
	size_t i;

	memset(notes, 0, sizeof(*notes));
	for (i = 0; i < img->phnum; i++) {
		const Elf64_Phdr *ph = &img->phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		snprintf(where, sizeof(where), "PT_NOTE segment %zu", i);
		if (!range_ok(img, ph->p_offset, ph->p_filesz)) {
			image_problem(img, "truncated: %s (offset 0x%llx, size 0x%llx) "
				      "extends past the end of the file (%zu bytes)", where,
				      (unsigned long long)ph->p_offset,
				      (unsigned long long)ph->p_filesz, img->size);
			notes->unreadable = 1;
			continue;
		}
		scan_notes(img, notes, ph->p_offset, ph->p_filesz, where);
	}

	if (!allow_rel || img->phnum || !img->ehdr || img->ehdr->e_type != ET_REL)
		return;
	/* A relocatable object (gen-notes output): look at SHT_NOTE sections. */
	const Elf64_Ehdr *eh = img->ehdr;
	if (eh->e_shnum == 0 || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !range_ok(img, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr))) {
		image_problem(img, "section headers missing or outside the file");
		notes->unreadable = 1;
		return;
	}
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(img->elf, scn))) {
		Elf64_Shdr *sh = elf64_getshdr(scn);
		if (!sh || sh->sh_type != SHT_NOTE)
			continue;
		snprintf(where, sizeof(where), "SHT_NOTE section %zu", elf_ndxscn(scn));
		if (!range_ok(img, sh->sh_offset, sh->sh_size)) {
			image_problem(img, "truncated: %s extends past the end of the file", where);
			notes->unreadable = 1;
			continue;
		}
		scan_notes(img, notes, sh->sh_offset, sh->sh_size, where);
	}
}
