/* x86_64-unikernel-tender-spt: runs a Solo5 spt image as a seccomp-sandboxed
 * Linux process. One concern per file; this header ties them together. */
#ifndef TENDER_SPT_H
#define TENDER_SPT_H

#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <uk/solo5_abi.h>

/* Exit statuses of the tender itself (the guest's own status passes through). */
#define SPT_EXIT_IMAGE  1     /* bad image, or a host resource could not be set up */
#define SPT_EXIT_USAGE  2     /* bad command line / options do not match the manifest */
#define SPT_EXIT_FAULT  255   /* guest fault (SIGSEGV/SIGBUS/SIGILL/SIGFPE); Solo5's abort status */
/* A syscall outside the policy: reported like a fault, then the tender dies
 * by SIGSYS (a shell sees 128 + 31). */

#define SPT_MAX_MEM_MB  65536 /* 64 GiB */
#define SPT_MIN_MEM_MB  2

/* epoll data value of the timerfd in the epoll set (never a manifest index). */
#define SPT_TIMERFD_DATA 0xfffffffeU

enum spt_dev_kind { SPT_DEV_NONE = 0, SPT_DEV_NET, SPT_DEV_BLOCK };

struct spt_dev_opt {
	char name[SOLO5_MFT_NAME_SIZE];
	enum spt_dev_kind kind;     /* from --net: / --block: */
	const char *target;         /* interface or path */
	int have_mac;               /* --net-mac: */
	uint8_t mac[6];
	int have_sector;            /* --block-sector-size: */
	unsigned sector_size;
	int used;                   /* matched a manifest entry */
};

struct spt_opts {
	uint64_t mem_size;          /* bytes */
	const char *image;
	const char *fault_report;   /* --fault-report=FILE, or NULL */
	char cmdline[SPT_CMDLINE_SIZE];
	struct spt_dev_opt dev[SOLO5_MFT_MAX_ENTRIES];
	int ndev;
};

/* A checked image, still in the host buffer it was read into. */
struct spt_image {
	const char *path;
	unsigned char *buf;         /* whole file */
	size_t size;
	uint64_t entry;
	uint64_t kernel_end;        /* end of the highest segment, page rounded */
	struct solo5_mft *mft;      /* aligned copy of the manifest (malloc) */
	size_t mft_size;
	const void *phdr;          /* Elf64_Phdr[phnum], checked */
	int phnum;
};

/* options.c */
void spt_parse_options(int argc, char **argv, struct spt_opts *o);
void spt_usage(FILE *f);

/* elf.c: read and check IMAGE; exits SPT_EXIT_IMAGE with a message on error. */
void spt_load_image(const char *path, uint64_t mem_size, struct spt_image *img);

/* mem.c: map guest memory, copy and protect the segments. */
void spt_map_memory(uint64_t mem_size);
void spt_copy_segments(const struct spt_image *img);
void spt_protect_segments(const struct spt_image *img);

/* devices.c: attach every manifest entry (fills hostfd etc. in img->mft). */
void spt_attach_devices(struct spt_opts *o, struct spt_image *img, int epollfd);

/* seccomp.c: report_fd is -1 or the --fault-report file (write allowed). */
void spt_install_seccomp(const struct spt_image *img, int epollfd, int timerfd, int report_fd);

/* fault.c: report_fd as above; the report also goes to stdout. */
void spt_install_fault_handlers(uint64_t mem_size, int report_fd);

/* entry.c */
__attribute__((noreturn)) void spt_enter(uint64_t entry, uint64_t sp, uint64_t arg);

/* helpers (main.c) */
__attribute__((noreturn, format(printf, 1, 2))) void spt_die_usage(const char *fmt, ...);
__attribute__((noreturn, format(printf, 2, 3))) void spt_die_image(const char *path, const char *fmt, ...);
__attribute__((noreturn, format(printf, 1, 2))) void spt_die(const char *fmt, ...);

#endif
