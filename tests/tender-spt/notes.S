/* Solo5 ABI and manifest notes for the test guests.
 * -DUK_ABI_TARGET=N (default 2, spt), -DUK_NO_MANIFEST, -DUK_NET=name, -DUK_BLOCK=name. */
#ifndef UK_ABI_TARGET
#define UK_ABI_TARGET 2
#endif
#define STR_(x) #x
#define STR(x) STR_(x)

	.section .note.solo5.abi,"a",@note
	.balign 8
	.long 6                 /* namesz */
	.long 16                /* descsz */
	.long 0x31494241        /* ABI1 */
	.asciz "Solo5"
	.balign 4
	.long UK_ABI_TARGET, 2, 0, 0

#ifndef UK_NO_MANIFEST
#if defined(UK_NET) && defined(UK_BLOCK)
#define NENTRIES 3
#elif defined(UK_NET) || defined(UK_BLOCK)
#define NENTRIES 2
#else
#define NENTRIES 1
#endif
	.section .note.solo5.manifest,"a",@note
	.balign 8
	.long 6
	.long 4 + 8 + NENTRIES * 104
	.long 0x3154464d        /* MFT1 */
	.asciz "Solo5"
	.balign 4
	.long 0                 /* pad: the manifest is 8-aligned */
	.long 1                 /* version */
	.long NENTRIES
	/* entry 0: RESERVED_FIRST */
	.fill 68, 1, 0
	.long 0x40000000
	.fill 32, 1, 0
#ifdef UK_NET
1:	.ascii STR(UK_NET)
	.fill 68 - (. - 1b), 1, 0
	.long 2                 /* NET_BASIC */
	.fill 32, 1, 0
#endif
#ifdef UK_BLOCK
2:	.ascii STR(UK_BLOCK)
	.fill 68 - (. - 2b), 1, 0
	.long 1                 /* BLOCK_BASIC */
	.fill 32, 1, 0
#endif
#endif
	.section .note.GNU-stack,"",@progbits
