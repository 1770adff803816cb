/* `check`: validates an image as a Solo5 tender would before loading it. */
#include <stdio.h>

#include "elftool.h"

static int is_pow2_or_0(uint64_t x)
{
	return (x & (x - 1)) == 0;
}

static void check_segments(struct image *img)
{
	const Elf64_Ehdr *eh = img->ehdr;
	int loads = 0, entry_ok = 0;

	for (size_t i = 0; i < img->phnum; i++) {
		const Elf64_Phdr *ph = &img->phdr[i];
		unsigned long long off = ph->p_offset, fsz = ph->p_filesz;
		unsigned long long va = ph->p_vaddr, msz = ph->p_memsz;

		if (ph->p_type != PT_NOTE && !range_ok(img, off, fsz))
			image_problem(img, "truncated: segment %zu (offset 0x%llx, size 0x%llx) "
				      "extends past the end of the file (%zu bytes)",
				      i, off, fsz, img->size);
		if (ph->p_type != PT_LOAD)
			continue;
		loads++;
		if (fsz > msz)
			image_problem(img, "segment %zu: p_filesz 0x%llx > p_memsz 0x%llx",
				      i, fsz, msz);
		if (va < SOLO5_IMAGE_BASE)
			image_problem(img, "segment %zu: PT_LOAD at 0x%llx, below 0x%lx",
				      i, va, SOLO5_IMAGE_BASE);
		if (va + msz < va)
			image_problem(img, "segment %zu: address range wraps around", i);
		if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
			image_problem(img, "segment %zu: PT_LOAD at 0x%llx is both writable "
				      "and executable", i, va);
		if (!is_pow2_or_0(ph->p_align) || ph->p_align > SOLO5_PAGE_SIZE)
			image_problem(img, "segment %zu: p_align 0x%llx, want a power of two "
				      "<= 0x%lx", i, (unsigned long long)ph->p_align,
				      SOLO5_PAGE_SIZE);
		if (va % SOLO5_PAGE_SIZE != off % SOLO5_PAGE_SIZE)
			image_problem(img, "segment %zu: p_vaddr 0x%llx and p_offset 0x%llx "
				      "differ modulo the page size", i, va, off);
		if ((ph->p_flags & PF_X) && eh->e_entry >= va && eh->e_entry - va < msz)
			entry_ok = 1;
		for (size_t j = 0; j < i; j++) {
			const Elf64_Phdr *q = &img->phdr[j];
			if (q->p_type == PT_LOAD && msz && q->p_memsz &&
			    va < q->p_vaddr + q->p_memsz && q->p_vaddr < va + msz)
				image_problem(img, "segments %zu and %zu overlap", j, i);
		}
	}
	if (!loads)
		image_problem(img, "no PT_LOAD segment");
	else if (!entry_ok)
		image_problem(img, "entry point 0x%llx is not inside an executable PT_LOAD "
			      "segment", (unsigned long long)eh->e_entry);
}

static void check_note(struct image *img, const struct found_note *n, const char *what,
		       int unreadable)
{
	if (!n->present) {
		if (!unreadable)
			image_problem(img, "no %s note (owner \"Solo5\") in any PT_NOTE "
				      "segment", what);
		return;
	}
	if (n->count > 1)
		image_problem(img, "%d %s notes, want exactly one", n->count, what);
	if (!n->first_in_segment)
		image_problem(img, "the %s note is not the first note of its PT_NOTE "
			      "segment; a tender will not find it", what);
}

int cmd_check(const char *path, int target)
{
	struct image img;
	struct image_notes notes;

	if (image_load(&img, path) < 0)
		return EXIT_BAD_IMAGE;
	if (image_elf_header(&img, 1) == 0) {
		check_segments(&img);
		image_find_notes(&img, &notes, 0);
		check_note(&img, &notes.abi, "ABI", notes.unreadable);
		check_note(&img, &notes.mft, "manifest", notes.unreadable);
		if (notes.abi.present)
			abi_note_validate(&img, &notes.abi, target);
		if (notes.mft.present)
			mft_note_validate(&img, &notes.mft);
	}
	if (img.elf)
		elf_end(img.elf);
	image_free(&img);
	if (img.problems)
		return EXIT_BAD_IMAGE;
	printf("ok\n");
	return 0;
}
