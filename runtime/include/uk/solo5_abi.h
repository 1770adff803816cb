/* The Solo5 ABI as it crosses the image boundary: ELF notes, the device
 * manifest and the spt/hvt boot information. Shared by the host tools
 * (elftool, bake, tenders) and the guest bindings. Layouts must match
 * stock Solo5 v0.12 so images run on its tenders (shared/solo5-abi.md). */
#ifndef UK_SOLO5_ABI_H
#define UK_SOLO5_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Image shape */
#define SOLO5_IMAGE_BASE        0x100000UL   /* ET_EXEC, nothing loaded below */
#define SOLO5_PAGE_SIZE         4096UL

/* ELF notes: owner "Solo5" (namesz 6, padded to 8), one PT_NOTE each. */
#define SOLO5_NOTE_NAME         "Solo5"
#define SOLO5_NOTE_ABI          0x31494241U  /* "ABI1" */
#define SOLO5_NOTE_MANIFEST     0x3154464dU  /* "MFT1" */

enum solo5_abi_target {
	SOLO5_TARGET_HVT = 1,
	SOLO5_TARGET_SPT = 2,
	SOLO5_TARGET_VIRTIO = 3,
	SOLO5_TARGET_MUEN = 4,
	SOLO5_TARGET_GENODE = 5,
	SOLO5_TARGET_XEN = 6,
};

#define SOLO5_ABI_VERSION_HVT    2
#define SOLO5_ABI_VERSION_SPT    2
#define SOLO5_ABI_VERSION_VIRTIO 1

struct solo5_abi_note {
	uint32_t target;        /* enum solo5_abi_target */
	uint32_t version;
	uint32_t reserved0;     /* 0 */
	uint32_t reserved1;     /* 0 */
};

/* Manifest: the devices an image may use, attached by the tender. */
#define SOLO5_MFT_VERSION       1
#define SOLO5_MFT_MAX_ENTRIES   64
#define SOLO5_MFT_NAME_SIZE     68           /* 1..67 alphanumeric + NUL */

enum solo5_mft_type {
	SOLO5_MFT_BLOCK_BASIC = 1,
	SOLO5_MFT_NET_BASIC = 2,
	SOLO5_MFT_RESERVED_FIRST = 1U << 30,  /* entry 0, empty name */
};

struct solo5_mft_entry {
	char name[SOLO5_MFT_NAME_SIZE];
	uint32_t type;
	union {
		struct {
			uint64_t capacity;
			uint16_t block_size;
		} block_basic;
		struct {
			uint8_t mac[6];
			uint16_t mtu;
		} net_basic;
	} u;
	union {
		int hostfd;             /* tender side */
		void *data;
	} b;
	_Bool attached;
};

struct solo5_mft {
	uint32_t version;
	uint32_t entries;
	struct solo5_mft_entry e[];
};

/* The manifest note's descriptor: 4 bytes of padding, then struct solo5_mft,
 * so the manifest is 8-byte aligned inside an 8-aligned note. */
#define SOLO5_MFT_NOTE_PAD      4
#define SOLO5_MFT_SIZE(n)       (offsetof(struct solo5_mft, e) + (n) * sizeof(struct solo5_mft_entry))

/* spt: guest memory is mapped 1:1 at SPT_GUEST_BASE..mem_size. */
#define SPT_GUEST_BASE          0x10000UL
#define SPT_BOOT_INFO_ADDR      0x11000UL
#define SPT_DEFAULT_MEM_MB      512
#define SPT_CMDLINE_SIZE        8192

struct spt_boot_info {
	uint64_t mem_size;
	uint64_t kernel_end;
	const char *cmdline;
	const void *mft;
	int epollfd;
	int timerfd;
};

/* hvt: hypercalls are `outl` of the argument struct's guest-physical
 * address to port HVT_HYPERCALL_PIO_BASE + n. */
#define HVT_BOOT_INFO_ADDR      0x10000UL
#define HVT_HYPERCALL_PIO_BASE  0x500
enum hvt_hypercall {
	HVT_HYPERCALL_WALLTIME = 1,
	HVT_HYPERCALL_PUTS = 2,
	HVT_HYPERCALL_POLL = 3,
	HVT_HYPERCALL_BLKWRITE = 4,
	HVT_HYPERCALL_BLKREAD = 5,
	HVT_HYPERCALL_NETWRITE = 6,
	HVT_HYPERCALL_NETREAD = 7,
	HVT_HYPERCALL_HALT = 8,
};

struct hvt_boot_info {
	uint64_t mem_size;
	uint64_t kernel_end;
	uint64_t cpu_cycle_freq;
	const char *cmdline;
	const void *mft;
	uint32_t host_features;
	uint32_t guest_features;
	uint64_t net_ring;
};

/* The layouts are the ABI: a compile error here means an incompatible image. */
_Static_assert(sizeof(struct solo5_abi_note) == 16, "ABI note descriptor");
_Static_assert(offsetof(struct solo5_mft_entry, type) == 68, "mft entry type");
_Static_assert(offsetof(struct solo5_mft_entry, u) == 72, "mft entry union");
_Static_assert(offsetof(struct solo5_mft_entry, b) == 88, "mft entry hostfd");
_Static_assert(offsetof(struct solo5_mft_entry, attached) == 96, "mft entry attached");
_Static_assert(sizeof(struct solo5_mft_entry) == 104, "mft entry size");
_Static_assert(offsetof(struct solo5_mft, e) == 8, "mft header");
_Static_assert(sizeof(struct spt_boot_info) == 40, "spt boot info");
_Static_assert(offsetof(struct spt_boot_info, timerfd) == 36, "spt boot info timerfd");
_Static_assert(sizeof(struct hvt_boot_info) == 56, "hvt boot info");

#endif
