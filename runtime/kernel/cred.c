/* Credentials: the program starts as root (uid and gid 0, no supplementary
 * groups) and the set*id calls change real state with Linux's rules, so a
 * program that drops privileges sees the ids it chose and loses root's
 * rights to change them back. Privilege is an effective uid of 0 (Linux's
 * CAP_SETUID/CAP_SETGID/CAP_SYS_RESOURCE follow it in the same way). */
#include "kernel.h"
#include "syscall.h"

#define NGROUPS_MAX 65536
#define GROUPS_KEPT 64   /* more than any program we know of sets */
#define UNCHANGED 0xffffffffu

struct ids {
	unsigned real, eff, saved, fs;
};

static struct ids uid, gid;
static unsigned groups[GROUPS_KEPT];
static int ngroups;

int uk_cred_privileged(void)
{
	return uid.eff == 0;
}

static int one_of(unsigned v, const struct ids *c)
{
	return v == c->real || v == c->eff || v == c->saved;
}

/* setuid/setgid: root sets all three; others only the effective id, to
 * their real or saved id. */
static long set_id(struct ids *c, long v)
{
	unsigned id = (unsigned)v;
	if (id == UNCHANGED)
		return -UK_EINVAL;
	if (uk_cred_privileged()) {
		c->real = c->eff = c->saved = c->fs = id;
	} else if (id == c->real || id == c->saved) {
		c->eff = c->fs = id;
	} else {
		return -UK_EPERM;
	}
	return 0;
}

/* setreuid/setregid: the saved id follows the effective one when the real id
 * is set or the effective id moves away from the old real id. */
static long set_re(struct ids *c, long r, long e)
{
	unsigned nr = (unsigned)r, ne = (unsigned)e;
	struct ids n = *c;
	int priv = uk_cred_privileged();
	if (nr != UNCHANGED) {
		if (!priv && nr != c->real && nr != c->eff)
			return -UK_EPERM;
		n.real = nr;
	}
	if (ne != UNCHANGED) {
		if (!priv && !one_of(ne, c))
			return -UK_EPERM;
		n.eff = ne;
	}
	if (nr != UNCHANGED || (ne != UNCHANGED && ne != c->real))
		n.saved = n.eff;
	n.fs = n.eff;
	*c = n;
	return 0;
}

static long set_res(struct ids *c, long r, long e, long s)
{
	unsigned v[3] = {(unsigned)r, (unsigned)e, (unsigned)s};
	if (!uk_cred_privileged())
		for (int i = 0; i < 3; i++)
			if (v[i] != UNCHANGED && !one_of(v[i], c))
				return -UK_EPERM;
	if (v[0] != UNCHANGED)
		c->real = v[0];
	if (v[1] != UNCHANGED)
		c->eff = v[1];
	if (v[2] != UNCHANGED)
		c->saved = v[2];
	c->fs = c->eff;
	return 0;
}

static long get_res(const struct ids *c, long r, long e, long s)
{
	*(unsigned *)r = c->real;
	*(unsigned *)e = c->eff;
	*(unsigned *)s = c->saved;
	return 0;
}

/* setfsuid/setfsgid return the old id whether or not they change it. */
static long set_fs(struct ids *c, long v)
{
	unsigned old = c->fs, id = (unsigned)v;
	if (id != UNCHANGED && (uk_cred_privileged() || one_of(id, c) || id == c->fs))
		c->fs = id;
	return old;
}

static long sys_getuid(void) { return uid.real; }
static long sys_geteuid(void) { return uid.eff; }
static long sys_getgid(void) { return gid.real; }
static long sys_getegid(void) { return gid.eff; }
static long sys_setuid(long v) { return set_id(&uid, v); }
static long sys_setgid(long v) { return set_id(&gid, v); }
static long sys_setreuid(long r, long e) { return set_re(&uid, r, e); }
static long sys_setregid(long r, long e) { return set_re(&gid, r, e); }
static long sys_setresuid(long r, long e, long s) { return set_res(&uid, r, e, s); }
static long sys_setresgid(long r, long e, long s) { return set_res(&gid, r, e, s); }
static long sys_getresuid(long r, long e, long s) { return get_res(&uid, r, e, s); }
static long sys_getresgid(long r, long e, long s) { return get_res(&gid, r, e, s); }
static long sys_setfsuid(long v) { return set_fs(&uid, v); }
static long sys_setfsgid(long v) { return set_fs(&gid, v); }

static long sys_getgroups(long size, long list)
{
	if (size < 0)
		return -UK_EINVAL;
	if (size == 0)
		return ngroups;
	if (size < ngroups)
		return -UK_EINVAL;
	memcpy((void *)list, groups, (size_t)ngroups * sizeof groups[0]);
	return ngroups;
}

static long sys_setgroups(long size, long list)
{
	if (!uk_cred_privileged())
		return -UK_EPERM;
	if (size < 0 || size > NGROUPS_MAX)
		return -UK_EINVAL;
	if (size > GROUPS_KEPT)
		return -UK_ENOMEM;   /* Linux's answer when it cannot hold the list */
	const unsigned *in = (const unsigned *)list;
	/* Kept sorted, as Linux keeps them: getgroups reports them in order. */
	for (int i = 0; i < size; i++) {
		int j = i;
		while (j > 0 && groups[j - 1] > in[i]) {
			groups[j] = groups[j - 1];
			j--;
		}
		groups[j] = in[i];
	}
	ngroups = (int)size;
	return 0;
}

UK_SYSCALL(102, getuid, sys_getuid);
UK_SYSCALL(104, getgid, sys_getgid);
UK_SYSCALL(105, setuid, sys_setuid);
UK_SYSCALL(106, setgid, sys_setgid);
UK_SYSCALL(107, geteuid, sys_geteuid);
UK_SYSCALL(108, getegid, sys_getegid);
UK_SYSCALL(113, setreuid, sys_setreuid);
UK_SYSCALL(114, setregid, sys_setregid);
UK_SYSCALL(115, getgroups, sys_getgroups);
UK_SYSCALL(116, setgroups, sys_setgroups);
UK_SYSCALL(117, setresuid, sys_setresuid);
UK_SYSCALL(118, getresuid, sys_getresuid);
UK_SYSCALL(119, setresgid, sys_setresgid);
UK_SYSCALL(120, getresgid, sys_getresgid);
UK_SYSCALL(122, setfsuid, sys_setfsuid);
UK_SYSCALL(123, setfsgid, sys_setfsgid);
