/* What a program learns about its resources and identity: limits, usage,
 * CPUs, memory, name, process group, credentials. Lines starting "=" hold
 * values that depend on where the program runs (the host in dev mode); all
 * other lines must be the same in dev mode and in an image. With "creds"
 * as argument it also drops root (run it that way in dev mode only as root). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <unistd.h>

static int failures;

static void check(const char *what, int ok)
{
	printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static const char *err(long r)
{
	return r == -1 ? strerror(errno) : "success";
}

static void limits(void)
{
	struct rlimit r, old;
	getrlimit(RLIMIT_NOFILE, &r);
	printf("=nofile %llu %llu\n", (unsigned long long)r.rlim_cur, (unsigned long long)r.rlim_max);
	getrlimit(RLIMIT_STACK, &r);
	printf("=stack %llu\n", (unsigned long long)r.rlim_cur);
	getrlimit(RLIMIT_AS, &r);
	printf("=as infinite %d\n", r.rlim_cur == RLIM_INFINITY && r.rlim_max == RLIM_INFINITY);

	getrlimit(RLIMIT_NOFILE, &old);
	r.rlim_cur = r.rlim_max = old.rlim_max;
	check("raising the soft limit to the hard one", setrlimit(RLIMIT_NOFILE, &r) == 0);
	getrlimit(RLIMIT_NOFILE, &r);
	check("getrlimit reports it", r.rlim_cur == old.rlim_max);
	r.rlim_cur = old.rlim_max;
	r.rlim_max = 512;
	printf("soft above hard: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));
	r.rlim_cur = 256;
	r.rlim_max = old.rlim_max;
	struct rlimit got;
	check("prlimit sets and returns the old pair", prlimit(0, RLIMIT_NOFILE, &r, &got) == 0 &&
	      got.rlim_cur == old.rlim_max && got.rlim_max == old.rlim_max);
	check("prlimit on our own pid", prlimit(getpid(), RLIMIT_NOFILE, 0, &got) == 0 && got.rlim_cur == 256);
	errno = 0;
	printf("prlimit on another process: %s\n", err(prlimit(0x7fffffff, RLIMIT_NOFILE, 0, &got)));
	printf("unknown resource: %s\n", err(getrlimit(99, &got)));
	/* The descriptor table should honour the soft limit (fd.c checks it only
	 * when its table grows, so this is not asserted yet). */
	r.rlim_cur = 8;
	r.rlim_max = old.rlim_max;
	setrlimit(RLIMIT_NOFILE, &r);
	int fd, last = -1;
	errno = 0;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		last = fd;
	printf("=open with RLIMIT_NOFILE 8: last fd %d, then %s\n", last, strerror(errno));
	for (fd = 3; fd <= last; fd++)
		close(fd);
	setrlimit(RLIMIT_NOFILE, &old);
	r.rlim_cur = r.rlim_max = 70000;
	printf("=nofile 70000: %s\n", err(setrlimit(RLIMIT_NOFILE, &r)));
	setrlimit(RLIMIT_NOFILE, &old);
	r.rlim_cur = 1 << 20;
	r.rlim_max = RLIM_INFINITY;
	check("core limit can be changed", setrlimit(RLIMIT_CORE, &r) == 0 &&
	      getrlimit(RLIMIT_CORE, &got) == 0 && got.rlim_cur == 1 << 20);
}

static void usage(void)
{
	struct rusage ru;
	check("getrusage(RUSAGE_SELF)", getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_maxrss > 0);
	check("getrusage(RUSAGE_THREAD)", getrusage(RUSAGE_THREAD, &ru) == 0);
	check("getrusage(RUSAGE_CHILDREN): none", getrusage(RUSAGE_CHILDREN, &ru) == 0 &&
	      ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0 && ru.ru_maxrss == 0);
	printf("getrusage(5): %s\n", err(getrusage(5, &ru)));
	struct tms t;
	check("times", times(&t) != (clock_t)-1 && t.tms_cutime == 0);
}

static void cpus(void)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	check("sched_getaffinity", sched_getaffinity(0, sizeof set, &set) == 0 && CPU_ISSET(0, &set) + 0 >= 0);
	printf("=affinity cpus %d, cpu0 %d\n", CPU_COUNT(&set), CPU_ISSET(0, &set) != 0);
	printf("=nprocs onln %ld conf %ld get_nprocs %d\n", sysconf(_SC_NPROCESSORS_ONLN),
	       sysconf(_SC_NPROCESSORS_CONF), get_nprocs());
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	check("sched_setaffinity to CPU 0", sched_setaffinity(0, sizeof set, &set) == 0);
	CPU_ZERO(&set);
	CPU_SET(5, &set);
	printf("=sched_setaffinity to CPU 5: %s\n", err(sched_setaffinity(0, sizeof set, &set)));
	CPU_ZERO(&set);
	printf("sched_setaffinity to no CPU: %s\n", err(sched_setaffinity(0, sizeof set, &set)));
	unsigned long small;
	printf("sched_getaffinity with 3 bytes: %s\n",
	       err(syscall(SYS_sched_getaffinity, 0, 3, &small)));
	printf("=getcpu %d\n", sched_getcpu());
}

static void memory(void)
{
	struct sysinfo si;
	check("sysinfo", sysinfo(&si) == 0 && si.mem_unit >= 1 && si.totalram > 0 && si.freeram <= si.totalram);
	printf("=sysinfo total %lu MiB, procs %u, unit %u\n",
	       (unsigned long)((uint64_t)si.totalram * si.mem_unit >> 20), si.procs, si.mem_unit);
	printf("=phys pages match totalram %d\n",
	       (uint64_t)sysconf(_SC_PHYS_PAGES) * 4096 == (uint64_t)si.totalram * si.mem_unit);
	/* freeram follows what the program maps and unmaps (a busy host's does not) */
	size_t n = 32 << 20;
	unsigned long before = si.freeram;
	char *p = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 1, n);
	sysinfo(&si);
	unsigned long during = si.freeram;
	munmap(p, n);
	sysinfo(&si);
	printf("=freeram drops by the mapping %d, comes back %d\n",
	       before - during >= n && before - during < n + (1 << 20), si.freeram == before);
}

static void identity(void)
{
	char name[32];
	prctl(PR_GET_NAME, name);
	printf("=name %s\n", name);
	check("PR_SET_NAME", prctl(PR_SET_NAME, "a-rather-long-thread-name") == 0);
	memset(name, 'x', sizeof name);
	prctl(PR_GET_NAME, name);
	printf("PR_GET_NAME: %s (%zu bytes)\n", name, strlen(name));
	printf("unknown prctl: %s\n", err(prctl(0x7777, 0, 0, 0, 0)));
	check("PR_SET_NO_NEW_PRIVS", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
	      prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1);
	printf("=pid %d ppid %d pgrp %d pgid %d sid %d\n", getpid(), getppid(), getpgrp(), getpgid(0), getsid(0));
	check("getpgid(getpid()) is getpgrp()", getpgid(getpid()) == getpgrp());
	printf("getpgid of another process: %s\n", err(getpgid(0x7fffffff)));
	printf("=setsid: %s\n", err(setsid()));
}

static void creds(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs, list[8];
	printf("uid %d euid %d gid %d egid %d\n", getuid(), geteuid(), getgid(), getegid());
	gid_t groups[3] = {30, 10, 20};
	check("setgroups as root", setgroups(3, groups) == 0);
	int n = getgroups(8, list);
	printf("getgroups: %d: %d %d %d\n", n, list[0], list[1], list[2]);
	printf("getgroups(1, ...): %s\n", err(getgroups(1, list)));
	check("setresgid", setresgid(100, 200, 300) == 0 && getresgid(&gr, &ge, &gs) == 0);
	printf("gids %d %d %d\n", gr, ge, gs);
	check("seteuid(1000)", seteuid(1000) == 0 && getresuid(&r, &e, &s) == 0);
	printf("uids %d %d %d\n", r, e, s);
	printf("setgroups without root: %s\n", err(setgroups(1, groups)));
	check("seteuid(0) back (the real uid is still 0)", seteuid(0) == 0 && geteuid() == 0);
	check("setuid(1234) as root sets all three", setuid(1234) == 0 && getresuid(&r, &e, &s) == 0 &&
	      r == 1234 && e == 1234 && s == 1234);
	printf("setuid(0) after dropping root: %s\n", err(setuid(0)));
	printf("seteuid(0) after dropping root: %s\n", err(seteuid(0)));
	check("setuid to our own uid", setuid(1234) == 0);
	struct rlimit lim;
	getrlimit(RLIMIT_CORE, &lim);
	lim.rlim_max = lim.rlim_cur;
	check("lowering a hard limit", setrlimit(RLIMIT_CORE, &lim) == 0);
	lim.rlim_max = RLIM_INFINITY;
	printf("raising it again without root: %s\n", err(setrlimit(RLIMIT_CORE, &lim)));
}

int main(int argc, char **argv)
{
	limits();
	usage();
	cpus();
	memory();
	identity();
	if (argc > 1 && !strcmp(argv[1], "creds"))
		creds();
	printf("%s\n", failures ? "resources FAILED" : "resources ok");
	return failures != 0;
}
