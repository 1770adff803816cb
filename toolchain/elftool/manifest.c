/* Targets, device names and validation of the ABI and manifest notes'
 * descriptors as a Solo5 tender reads them. */
#include <stdio.h>
#include <string.h>

#include "elftool.h"

static const struct {
	const char *name;
	uint32_t target;
	int version;            /* -1: a target we know of but do not build */
} targets[] = {
	{ "hvt", SOLO5_TARGET_HVT, SOLO5_ABI_VERSION_HVT },
	{ "spt", SOLO5_TARGET_SPT, SOLO5_ABI_VERSION_SPT },
	{ "virtio", SOLO5_TARGET_VIRTIO, SOLO5_ABI_VERSION_VIRTIO },
	{ "muen", SOLO5_TARGET_MUEN, -1 },
	{ "genode", SOLO5_TARGET_GENODE, -1 },
	{ "xen", SOLO5_TARGET_XEN, -1 },
};
#define NTARGETS (sizeof(targets) / sizeof(targets[0]))

/* Only the targets this toolchain builds are accepted on the command line. */
int target_from_name(const char *name)
{
	for (size_t i = 0; i < NTARGETS; i++)
		if (targets[i].version > 0 && strcmp(name, targets[i].name) == 0)
			return (int)targets[i].target;
	return 0;
}

const char *target_name(uint32_t target)
{
	for (size_t i = 0; i < NTARGETS; i++)
		if (targets[i].target == target)
			return targets[i].name;
	return NULL;
}

int target_abi_version(uint32_t target)
{
	for (size_t i = 0; i < NTARGETS; i++)
		if (targets[i].target == target)
			return targets[i].version;
	return -1;
}

const char *mft_type_name(uint32_t type)
{
	switch (type) {
	case SOLO5_MFT_BLOCK_BASIC: return "BLOCK_BASIC";
	case SOLO5_MFT_NET_BASIC: return "NET_BASIC";
	case SOLO5_MFT_RESERVED_FIRST: return "RESERVED_FIRST";
	default: return NULL;
	}
}

/* name: at most maxlen bytes are looked at (it need not be NUL-terminated). */
const char *mft_name_problem(const char *name, size_t maxlen)
{
	size_t len = strnlen(name, maxlen);

	if (len == maxlen)
		return "is not NUL-terminated";
	if (len == 0)
		return "is empty";
	if (len > SOLO5_MFT_NAME_SIZE - 1)
		return "is longer than 67 characters";
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return "has a character other than [A-Za-z0-9]";
	}
	return NULL;
}

void abi_note_validate(struct image *img, const struct found_note *n, int target)
{
	const unsigned char *d = img->buf + n->desc_off;

	if (n->desc_size != sizeof(struct solo5_abi_note)) {
		image_problem(img, "ABI note descriptor is %zu bytes, want %zu",
			      n->desc_size, sizeof(struct solo5_abi_note));
		return;
	}
	uint32_t t = get_le32(d), v = get_le32(d + 4);
	const char *tn = target_name(t);
	int want = target_abi_version(t);

	if (!tn)
		image_problem(img, "ABI note has unknown target %u", t);
	else if (want < 0)
		image_problem(img, "ABI note target %s (%u) is not supported", tn, t);
	else if ((int)v != want)
		image_problem(img, "ABI note has unknown %s ABI version %u (want %d)", tn, v,
			      want);
	if (target && t != (uint32_t)target)
		image_problem(img, "ABI target is %s (%u), want %s (%d)", tn ? tn : "unknown",
			      t, target_name((uint32_t)target), target);
	if (get_le32(d + 8) || get_le32(d + 12))
		image_problem(img, "ABI note reserved fields are not 0");
}

void mft_note_validate(struct image *img, const struct found_note *n)
{
	const size_t esz = sizeof(struct solo5_mft_entry);
	const unsigned char *d = img->buf + n->desc_off;

	if (n->desc_size < SOLO5_MFT_NOTE_PAD + SOLO5_MFT_SIZE(0)) {
		image_problem(img, "manifest note descriptor is %zu bytes, too short for "
			      "a manifest header", n->desc_size);
		return;
	}
	const unsigned char *m = d + SOLO5_MFT_NOTE_PAD;
	uint32_t version = get_le32(m), entries = get_le32(m + 4);

	if (version != SOLO5_MFT_VERSION) {
		image_problem(img, "manifest version is %u, want %u", version,
			      SOLO5_MFT_VERSION);
		return;
	}
	if (entries < 1 || entries > SOLO5_MFT_MAX_ENTRIES) {
		image_problem(img, "manifest has %u entries, want 1..%u", entries,
			      SOLO5_MFT_MAX_ENTRIES);
		return;
	}
	if (n->desc_size != SOLO5_MFT_NOTE_PAD + SOLO5_MFT_SIZE(entries)) {
		image_problem(img, "manifest note descriptor is %zu bytes, want %zu for %u "
			      "entries", n->desc_size,
			      (size_t)(SOLO5_MFT_NOTE_PAD + SOLO5_MFT_SIZE(entries)), entries);
		return;
	}
	const unsigned char *e = m + SOLO5_MFT_SIZE(0);
	for (uint32_t i = 0; i < entries; i++) {
		const char *name = (const char *)e + i * esz;
		uint32_t type = get_le32(e + i * esz + offsetof(struct solo5_mft_entry, type));
		const char *why;

		if (i == 0) {
			if (type != SOLO5_MFT_RESERVED_FIRST)
				image_problem(img, "manifest entry 0 has type 0x%x, want "
					      "RESERVED_FIRST (0x%x)", type,
					      (unsigned)SOLO5_MFT_RESERVED_FIRST);
			if (name[0] != '\0')
				image_problem(img, "manifest entry 0 (RESERVED_FIRST) has a "
					      "non-empty name");
			continue;
		}
		if (type != SOLO5_MFT_BLOCK_BASIC && type != SOLO5_MFT_NET_BASIC)
			image_problem(img, "manifest entry %u has unknown type 0x%x", i, type);
		why = mft_name_problem(name, SOLO5_MFT_NAME_SIZE);
		if (why) {
			image_problem(img, "manifest entry %u: name \"%.*s\" %s", i,
				      (int)strnlen(name, SOLO5_MFT_NAME_SIZE - 1), name, why);
			continue;
		}
		for (uint32_t j = 1; j < i; j++)
			if (strncmp(name, (const char *)e + j * esz, SOLO5_MFT_NAME_SIZE) == 0) {
				image_problem(img, "manifest entry %u: duplicate name \"%s\" "
					      "(also entry %u)", i, name, j);
				break;
			}
	}
}
