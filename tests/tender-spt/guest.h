/* Tiny freestanding helpers for the tender test guests: raw Linux syscalls
 * (only the ones the spt policy allows) and string bits. */
#include <uk/solo5_abi.h>

#define SYS_read 0
#define SYS_write 1
#define SYS_pread64 17
#define SYS_pwrite64 18
#define SYS_getpid 39
#define SYS_clock_gettime 228
#define SYS_exit_group 231
#define SYS_epoll_pwait 281
#define SYS_timerfd_settime 286

static inline long sc6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}
#define sc(n, a, b, c) sc6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

void *memset(void *d, int c, unsigned long n)
{
	unsigned char *p = d;
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}
void *memcpy(void *d, const void *s, unsigned long n)
{
	unsigned char *p = d;
	const unsigned char *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}
static unsigned long slen(const char *s) { unsigned long n = 0; while (s[n]) n++; return n; }
static int sprefix(const char *s, const char *p) { while (*p) if (*s++ != *p++) return 0; return 1; }
static int seq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }
static void puts_(const char *s) { sc(SYS_write, 1, s, slen(s)); }
static void putu(unsigned long v)
{
	char b[24];
	int i = 23;
	b[i] = 0;
	do b[--i] = (char)('0' + v % 10); while (v /= 10);
	puts_(b + i);
}
static __attribute__((noreturn)) void exit_(int st)
{
	sc(SYS_exit_group, st, 0, 0);
	for (;;)
		;
}
static __attribute__((noreturn)) void die(const char *msg)
{
	puts_("guest: FAIL: ");
	puts_(msg);
	puts_("\n");
	exit_(1);
}
/* "key=NUMBER" anywhere in the cmdline → NUMBER, or dflt. */
static unsigned long arg_num(const char *cl, const char *key, unsigned long dflt)
{
	unsigned long kl = slen(key);
	for (const char *p = cl; *p; p++) {
		if ((p == cl || p[-1] == ' ') && sprefix(p, key) && p[kl] == '=') {
			unsigned long v = 0;
			for (p += kl + 1; *p >= '0' && *p <= '9'; p++)
				v = v * 10 + (unsigned long)(*p - '0');
			return v;
		}
	}
	return dflt;
}
static const struct solo5_mft_entry *device(const struct spt_boot_info *bi, const char *name)
{
	const struct solo5_mft *m = bi->mft;
	for (unsigned i = 1; i < m->entries; i++)
		if (seq(m->e[i].name, name))
			return &m->e[i];
	die("device not in manifest");
}
#define GUEST_MAIN __attribute__((section(".text.start"), noreturn)) void _start(const struct spt_boot_info *bi)
