/* `info`: prints an image's ABI note and manifest, one fact per line:
 *   abi TARGET VERSION
 *   manifest VERSION ENTRIES
 *   entry INDEX NAME TYPE        (NAME is "-" when empty)
 * Works on images and on gen-notes objects (SHT_NOTE sections). */
#include <stdio.h>
#include <string.h>

#include "elftool.h"

static void print_abi(struct image *img, const struct found_note *n)
{
	const unsigned char *d = img->buf + n->desc_off;
	const char *tn;

	if (n->desc_size < 8) {
		image_problem(img, "ABI note descriptor is %zu bytes, too short", n->desc_size);
		return;
	}
	tn = target_name(get_le32(d));
	if (tn)
		printf("abi %s %u\n", tn, get_le32(d + 4));
	else
		printf("abi unknown(%u) %u\n", get_le32(d), get_le32(d + 4));
}

static void print_mft(struct image *img, const struct found_note *n)
{
	const size_t esz = sizeof(struct solo5_mft_entry);
	const unsigned char *m = img->buf + n->desc_off + SOLO5_MFT_NOTE_PAD;
	size_t avail;

	if (n->desc_size < SOLO5_MFT_NOTE_PAD + SOLO5_MFT_SIZE(0)) {
		image_problem(img, "manifest note descriptor is %zu bytes, too short",
			      n->desc_size);
		return;
	}
	uint32_t entries = get_le32(m + 4);
	printf("manifest %u %u\n", get_le32(m), entries);
	avail = (n->desc_size - SOLO5_MFT_NOTE_PAD - SOLO5_MFT_SIZE(0)) / esz;
	if (entries > avail) {
		image_problem(img, "manifest claims %u entries but its note holds %zu",
			      entries, avail);
		entries = (uint32_t)avail;
	}
	for (uint32_t i = 0; i < entries; i++) {
		const unsigned char *e = m + SOLO5_MFT_SIZE(0) + i * esz;
		uint32_t type = get_le32(e + offsetof(struct solo5_mft_entry, type));
		const char *tn = mft_type_name(type);
		int len = (int)strnlen((const char *)e, SOLO5_MFT_NAME_SIZE);

		printf("entry %u %.*s ", i, len ? len : 1, len ? (const char *)e : "-");
		if (tn)
			printf("%s\n", tn);
		else
			printf("unknown(0x%x)\n", type);
	}
}

int cmd_info(const char *path)
{
	struct image img;
	struct image_notes notes;

	if (image_load(&img, path) < 0)
		return EXIT_BAD_IMAGE;
	if (image_elf_header(&img, 0) == 0) {
		image_find_notes(&img, &notes, 1);
		if (notes.abi.present)
			print_abi(&img, &notes.abi);
		else if (!notes.unreadable)
			image_problem(&img, "no ABI note");
		if (notes.mft.present)
			print_mft(&img, &notes.mft);
		else if (!notes.unreadable)
			image_problem(&img, "no manifest note");
	}
	if (img.elf)
		elf_end(img.elf);
	image_free(&img);
	return img.problems ? EXIT_BAD_IMAGE : 0;
}
