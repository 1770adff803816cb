/* x86_64-unikernel-elftool: writes and checks the Solo5 ABI and manifest
 * ELF notes of unikernel images, and finds the frames of a guest fault
 * (backtrace.h). Shared declarations. */
#ifndef ELFTOOL_H
#define ELFTOOL_H

#include <stddef.h>
#include <stdint.h>
#include <libelf.h>
#include <uk/solo5_abi.h>

#define EXIT_BAD_IMAGE  1
#define EXIT_USAGE      2

/* A file read whole into memory; every access is checked against size. */
struct image {
	const char *path;
	unsigned char *buf;
	size_t size;
	unsigned problems;      /* count of reported problems */
	Elf *elf;               /* libelf view of buf, after image_elf_header */
	Elf64_Ehdr *ehdr;
	Elf64_Phdr *phdr;       /* NULL when phnum is 0 */
	size_t phnum;
};

/* A Solo5 note found in the file: where its descriptor lies. */
struct found_note {
	int present;
	int count;              /* how many were found (more than 1 is wrong) */
	size_t desc_off;        /* file offset of the descriptor */
	size_t desc_size;
	int first_in_segment;   /* a tender only reads the first note of a PT_NOTE */
};

struct image_notes {
	struct found_note abi, mft;
	int unreadable;         /* some note container could not be parsed */
};

/* util.c */
void image_problem(struct image *img, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int range_ok(const struct image *img, uint64_t off, uint64_t len);
uint32_t get_le32(const unsigned char *p);
void put_le32(unsigned char *p, uint32_t v);

/* image_load.c: 0 on success; reports the problem and returns -1 otherwise. */
int image_load(struct image *img, const char *path);
void image_free(struct image *img);

/* image_elf.c: validates the ELF header (fatal problems return -1) and
 * finds the Solo5 notes in PT_NOTE segments (or SHT_NOTE sections of a
 * relocatable object when allow_rel is set). */
int image_elf_header(struct image *img, int want_exec);
void image_find_notes(struct image *img, struct image_notes *notes, int allow_rel);

/* image_check.c */
int cmd_check(const char *path, int target);   /* target 0: any */

/* info.c */
int cmd_info(const char *path);

/* manifest.c */
int target_from_name(const char *name);             /* 0 if unknown */
const char *target_name(uint32_t target);           /* NULL if unknown */
int target_abi_version(uint32_t target);            /* -1 if unknown */
const char *mft_type_name(uint32_t type);           /* NULL if unknown */
/* NULL if valid, else why not (a static string). */
const char *mft_name_problem(const char *name, size_t maxlen);
/* Validates the ABI note / manifest descriptors, reporting each problem. */
void abi_note_validate(struct image *img, const struct found_note *n, int target);
void mft_note_validate(struct image *img, const struct found_note *n);

/* notes_write.c */
struct device {
	const char *name;
	uint32_t type;
};
int cmd_gen_notes(int target, const struct device *devs, int ndevs, const char *out);

#endif
