/* `gen-notes`: writes a relocatable object holding the Solo5 ABI note
 * (.note.solo5.abi) and manifest note (.note.solo5.manifest), to be linked
 * into an image with a linker script that gives each its own PT_NOTE. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gelf.h>

#include "elftool.h"

#define NOTE_HDR_SIZE  (12 + 8)   /* Elf64_Nhdr + "Solo5\0" padded to 8 */

/* A note: header, owner "Solo5", then a descriptor of desc_size bytes
 * (zeroed; the caller fills it in at note + NOTE_HDR_SIZE). */
static unsigned char *note_new(uint32_t type, size_t desc_size, size_t *size)
{
	unsigned char *n;

	*size = NOTE_HDR_SIZE + ((desc_size + 3) & ~(size_t)3);
	n = calloc(1, *size);
	if (!n)
		return NULL;
	put_le32(n, sizeof(SOLO5_NOTE_NAME));
	put_le32(n + 4, (uint32_t)desc_size);
	put_le32(n + 8, type);
	memcpy(n + 12, SOLO5_NOTE_NAME, sizeof(SOLO5_NOTE_NAME));
	return n;
}

static int add_section(Elf *e, size_t name, uint32_t type, uint64_t flags,
		       void *buf, size_t size, size_t align)
{
	Elf_Scn *scn = elf_newscn(e);
	Elf_Data *d;
	Elf64_Shdr *sh;

	if (!scn || !(d = elf_newdata(scn)) || !(sh = elf64_getshdr(scn)))
		return -1;
	d->d_buf = buf;
	d->d_size = size;
	d->d_type = ELF_T_BYTE;
	d->d_align = align;
	d->d_off = 0;
	d->d_version = EV_CURRENT;
	sh->sh_name = name;
	sh->sh_type = type;
	sh->sh_flags = flags;
	sh->sh_addralign = align;
	return (int)elf_ndxscn(scn);
}

int cmd_gen_notes(int target, const struct device *devs, int ndevs, const char *out)
{
	/* Section names, offsets into shstrtab. */
	static char shstr[] = "\0.note.solo5.abi\0.note.solo5.manifest\0"
			      ".note.GNU-stack\0.shstrtab";
	const size_t n_abi = 1, n_mft = n_abi + 16, n_stack = n_mft + 21,
		     n_shstr = n_stack + 16;
	unsigned char *abi = NULL, *mft = NULL;
	size_t abi_size, mft_size, entries = (size_t)ndevs + 1;
	Elf *e = NULL;
	Elf64_Ehdr *eh;
	int fd, rc = 1, ndx;

	abi = note_new(SOLO5_NOTE_ABI, sizeof(struct solo5_abi_note), &abi_size);
	mft = note_new(SOLO5_NOTE_MANIFEST, SOLO5_MFT_NOTE_PAD + SOLO5_MFT_SIZE(entries),
		       &mft_size);
	if (!abi || !mft) {
		fprintf(stderr, "elftool: out of memory\n");
		goto out_free;
	}
	put_le32(abi + NOTE_HDR_SIZE, (uint32_t)target);
	put_le32(abi + NOTE_HDR_SIZE + 4, (uint32_t)target_abi_version((uint32_t)target));

	unsigned char *m = mft + NOTE_HDR_SIZE + SOLO5_MFT_NOTE_PAD;
	put_le32(m, SOLO5_MFT_VERSION);
	put_le32(m + 4, (uint32_t)entries);
	for (size_t i = 0; i < entries; i++) {
		unsigned char *ent = m + SOLO5_MFT_SIZE(i);
		uint32_t type = i ? devs[i - 1].type : SOLO5_MFT_RESERVED_FIRST;
		if (i)
			memcpy(ent, devs[i - 1].name, strlen(devs[i - 1].name));
		put_le32(ent + offsetof(struct solo5_mft_entry, type), type);
	}

	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "elftool: %s: cannot create: %s\n", out, strerror(errno));
		goto out_free;
	}
	if (!(e = elf_begin(fd, ELF_C_WRITE, NULL)) || !(eh = elf64_newehdr(e)))
		goto elf_error;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh->e_type = ET_REL;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;

	if (add_section(e, n_abi, SHT_NOTE, SHF_ALLOC, abi, abi_size, 4) < 0 ||
	    add_section(e, n_mft, SHT_NOTE, SHF_ALLOC, mft, mft_size, 8) < 0 ||
	    add_section(e, n_stack, SHT_PROGBITS, 0, NULL, 0, 1) < 0 ||
	    (ndx = add_section(e, n_shstr, SHT_STRTAB, 0, shstr, sizeof(shstr), 1)) < 0)
		goto elf_error;
	eh->e_shstrndx = (Elf64_Half)ndx;
	if (elf_update(e, ELF_C_WRITE) < 0)
		goto elf_error;
	rc = 0;
	goto out_close;

elf_error:
	fprintf(stderr, "elftool: %s: libelf: %s\n", out, elf_errmsg(-1));
out_close:
	if (e)
		elf_end(e);
	if (close(fd) < 0 && rc == 0) {
		fprintf(stderr, "elftool: %s: %s\n", out, strerror(errno));
		rc = 1;
	}
	if (rc)
		unlink(out);
out_free:
	free(abi);
	free(mft);
	return rc;
}
