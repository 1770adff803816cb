/*
 * Self-check for the BSD compatibility headers in libc/include/sys:
 * cdefs.h, queue.h and tree.h.  Exits 0 when every check passes; otherwise
 * prints each failed check (the first 50) and exits 1.
 *
 * Each list family is driven by a few thousand random operations and
 * compared with a plain array after every one; the trees are checked
 * against a presence table and their structural invariants.
 *
 * Host runs, from the top of the tree:
 *   gcc -std=c99 -Wall -Wextra -pedantic -Werror -Ilibc/include \
 *       tests/libc/bsd_headers_test.c && ./a.out
 *   gcc -std=gnu11 -O2 -Wall -Wextra -pedantic -Werror -Ilibc/include \
 *       tests/libc/bsd_headers_test.c && ./a.out
 *   gcc -std=c99 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
 *       -Ilibc/include tests/libc/bsd_headers_test.c && ./a.out
 * The same file is valid C++ (CIRCLEQ, which is C-only, is skipped there):
 *   g++ -x c++ -std=c++11 -Wall -Wextra -pedantic -Werror -Ilibc/include \
 *       tests/libc/bsd_headers_test.c && ./a.out
 * and cdefs.h alone under C++:
 *   echo '#include <sys/cdefs.h>' | g++ -x c++ -fsyntax-only -Wall -Wextra \
 *       -pedantic -Werror -Ilibc/include -
 */

/* Opt in to __unused: none of the headers below has a member of that name. */
#define _UK_CDEFS_UNUSED 1
#include <sys/cdefs.h>
#include <sys/queue.h>

/* Subtree sizes, kept up to date by the RB code, check its augment calls. */
struct rbn;
static void rbn_augment(struct rbn *);
#define RB_AUGMENT(x) rbn_augment(x)
#include <sys/tree.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void
fail(const char *what, int line)
{
	if (failures++ < 50)
		printf("FAIL line %d: %s\n", line, what);
}

#define CHECK(cond) do {						\
	if (!(cond))							\
		fail(#cond, __LINE__);					\
} while (0)

/* xorshift32: deterministic, so a failure reproduces. */
static uint32_t rng_state = 0x2545f491u;

static uint32_t
rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static int
rnd_below(int n)
{
	return (int)(rnd() % (uint32_t)n);
}

/* ==== cdefs.h ========================================================= */

/* File-scope stamps, each followed by ";" as in real code. */
__FBSDID("$FreeBSD: bsd_headers_test.c $");
__RCSID("$NetBSD: bsd_headers_test.c $");
__COPYRIGHT("none");
__SCCSID("none");
__IDSTRING(cd_ident, "none");

/* Declarations only: the attributes must be accepted, nothing is called. */
__BEGIN_DECLS
int cd_printf_like(const char *, ...) __printflike(1, 2);
int cd_scanf_like(const char *, ...) __scanflike(1, 2);
const char *cd_translate(const char *) __format_arg(1);
void cd_exit_a(void) __dead2;
__dead void cd_exit_b(void);
int cd_save_context(void) __returns_twice;
#ifndef __GLIBC__
/* glibc's own __nonnull, used on glibc hosts, wants ((1, 2)) instead. */
void cd_both(void *, void *) __nonnull(1, 2);
#endif
static int cd_square(int) __pure2;
static int cd_old_style __P((int));
__END_DECLS

#define CD_VALUE 42

struct cd_packed {
	char c;
	int i;
} __packed;

struct cd_outer {
	int a;
	double b;
	char name[8];
};

static char cd_buf[3] __aligned(32);
static int cd_in_section __section(".data.uk_cdefs_test") __used = 42;
static int __CONCAT(cd_, joined) = 3;

__weak_symbol int cd_weak_default(void);
int
cd_weak_default(void)
{
	return 7;
}

static int
cd_square(int x)
{
	return x * x;
}

static int
cd_old_style(int x)
{
	return x + 1;
}

static __always_inline int
cd_twice(int x)
{
	return 2 * x;
}

static __noinline int
cd_thrice(int x)
{
	return 3 * x;
}

/* Without __unused, -Wextra -Werror would reject the unused parameter. */
static int
cd_first(int a, int b __unused)
{
	return a;
}

static void
cd_copy(int *__restrict dst, const int *__restrict src, int n)
{
	while (n-- > 0)
		*dst++ = *src++;
}

static void
test_cdefs(void)
{
	static const char text[] = "abc";
	const char *cs = text;
	volatile int vi = 5;
	const volatile int cvi = 6;
	struct cd_outer outer;
	const double *bp = &outer.b;
	int from[3] = { 1, 2, 3 }, to[3] = { 0, 0, 0 };
	__const int c1 = 1;
	__signed char sc = -1;
	__volatile int v1 = 2;

	CHECK(strcmp(__STRING(CD_VALUE), "CD_VALUE") == 0);
	CHECK(strcmp(__XSTRING(CD_VALUE), "42") == 0);
	CHECK(cd_joined == 3);
	CHECK(cd_square(7) == 49);
	CHECK(cd_old_style(1) == 2);
	CHECK(cd_twice(4) == 8);
	CHECK(cd_thrice(4) == 12);
	CHECK(cd_first(9, 10) == 9);
	CHECK(cd_weak_default() == 7);
	CHECK(cd_in_section == 42);
	CHECK(sizeof(struct cd_packed) == sizeof(char) + sizeof(int));
	CHECK((uintptr_t)cd_buf % 32 == 0);
	CHECK(c1 == 1 && sc == -1 && v1 == 2);

	cd_copy(to, from, 3);
	CHECK(memcmp(to, from, sizeof to) == 0);

	CHECK(__DECONST(char *, cs) == text);
	CHECK(__UNCONST(cs) == (const void *)text);
	CHECK(*__DEVOLATILE(int *, &vi) == 5);
	CHECK(*__DEQUALIFY(int *, &cvi) == 6);
	CHECK(__containerof(bp, struct cd_outer, b) == &outer);
	CHECK(__containerof(&outer.name[0], struct cd_outer, name) == &outer);
	CHECK(__offsetof(struct cd_outer, a) == 0);
	CHECK(__offsetof(struct cd_outer, b) >= sizeof(int));
	CHECK(__arraycount(from) == 3);
	CHECK(__predict_true(cs));
	CHECK(!__predict_false(0));
	CHECK(__predict_false(cs != NULL));
#ifdef __GNUC__
	CHECK(__GNUC_PREREQ__(2, 0));
#endif
	CHECK(!__GNUC_PREREQ__(999, 0));
}

/* ==== queue.h: shared model ============================================ */

#define NNODES	400
#define NOPS	3000

struct node {
	int id;
	int in;			/* on the list under test (per the model) */
	SLIST_ENTRY(node) sl;
	LIST_ENTRY(node) li;
	SIMPLEQ_ENTRY(node) sq;
	STAILQ_ENTRY(node) st;
	TAILQ_ENTRY(node) tq;
#ifndef __cplusplus
	CIRCLEQ_ENTRY(node) cq;
#endif
};

static struct node pool[NNODES];
static struct node *model[NNODES];	/* what the list should hold, in order */
static int nmodel;
static struct node *got[NNODES + 1];	/* what a walk found */
static const char *family;
static int opno;

static void
model_reset(const char *name)
{
	int i;

	family = name;
	opno = -1;
	nmodel = 0;
	for (i = 0; i < NNODES; i++) {
		pool[i].id = i;
		pool[i].in = 0;
	}
}

static struct node *
model_free_node(void)
{
	int i, start = rnd_below(NNODES);

	for (i = 0; i < NNODES; i++)
		if (!pool[(start + i) % NNODES].in)
			return &pool[(start + i) % NNODES];
	return NULL;
}

static void
model_insert(int pos, struct node *n)
{
	memmove(&model[pos + 1], &model[pos],
	    (size_t)(nmodel - pos) * sizeof model[0]);
	model[pos] = n;
	nmodel++;
	n->in = 1;
}

static void
model_remove(int pos)
{
	model[pos]->in = 0;
	memmove(&model[pos], &model[pos + 1],
	    (size_t)(nmodel - pos - 1) * sizeof model[0]);
	nmodel--;
}

static int
model_find(const struct node *n)
{
	int i;

	for (i = 0; i < nmodel; i++)
		if (model[i] == n)
			return i;
	return -1;
}

/* Mostly grow, to reach a few hundred elements; shrink when full. */
static int
want_insert(void)
{
	if (nmodel == 0)
		return 1;
	if (nmodel == NNODES)
		return 0;
	return rnd_below(100) < 60;
}

/* Compare the ngot nodes of got[] with the model, forwards or backwards. */
static void
compare(int ngot, int reverse, int line)
{
	int i, ok = ngot == nmodel;

	for (i = 0; ok && i < ngot; i++)
		ok = got[i] == model[reverse ? nmodel - 1 - i : i];
	if (!ok && failures++ < 50)
		printf("FAIL line %d: %s %s walk after op %d: %d elements, "
		    "expected %d\n", line, family,
		    reverse ? "reverse" : "forward", opno, ngot, nmodel);
}

/* Record one step of a walk; a runaway (cyclic) walk stops the loop. */
#define GOT(k, n) ((k) <= NNODES ? (got[(k)++] = (n), 1) : 0)

/* ==== SLIST ============================================================ */

SLIST_HEAD(slhead, node);

static void
sl_verify(struct slhead *h, int line)
{
	struct node *n;
	int k = 0;

	SLIST_FOREACH(n, h, sl)
		if (!GOT(k, n))
			break;
	compare(k, 0, line);
	CHECK(SLIST_EMPTY(h) == (nmodel == 0));
	CHECK(SLIST_FIRST(h) == (nmodel ? model[0] : NULL));
}

static void
test_slist(void)
{
	struct slhead h = SLIST_HEAD_INITIALIZER(h), h2;
	struct node *n, *t;
	int pos, k;

	model_reset("SLIST");
	sl_verify(&h, __LINE__);
	for (opno = 0; opno < NOPS; opno++) {
		if (want_insert()) {
			n = model_free_node();
			if (nmodel == 0 || rnd_below(2)) {
				SLIST_INSERT_HEAD(&h, n, sl);
				model_insert(0, n);
			} else {
				pos = rnd_below(nmodel);
				SLIST_INSERT_AFTER(model[pos], n, sl);
				model_insert(pos + 1, n);
			}
		} else {
			pos = rnd_below(nmodel);
			switch (rnd_below(3)) {
			case 0:
				SLIST_REMOVE_HEAD(&h, sl);
				model_remove(0);
				break;
			case 1:
				if (pos == nmodel - 1)
					pos--;
				if (pos < 0)
					break;
				SLIST_REMOVE_AFTER(model[pos], sl);
				model_remove(pos + 1);
				break;
			default:
				SLIST_REMOVE(&h, model[pos], node, sl);
				model_remove(pos);
				break;
			}
		}
		sl_verify(&h, __LINE__);
	}
	CHECK(nmodel > 200);

	/* Removal inside the walk; the dead node's link is wiped to prove
	 * the walk no longer reads it. */
	SLIST_FOREACH_SAFE(n, &h, sl, t)
		if (n->id % 2) {
			SLIST_REMOVE(&h, n, node, sl);
			SLIST_NEXT(n, sl) = NULL;
			model_remove(model_find(n));
		}
	sl_verify(&h, __LINE__);

	/* CONCAT appends and empties the second list. */
	SLIST_INIT(&h2);
	SLIST_CONCAT(&h, &h2, node, sl);
	sl_verify(&h, __LINE__);
	for (k = 0; k < 30; k++) {
		n = model_free_node();
		SLIST_INSERT_HEAD(&h2, n, sl);
		model_insert(nmodel - k, n);
	}
	SLIST_CONCAT(&h, &h2, node, sl);
	CHECK(SLIST_EMPTY(&h2));
	sl_verify(&h, __LINE__);

	SLIST_SWAP(&h, &h2, node);
	CHECK(SLIST_EMPTY(&h));
	sl_verify(&h2, __LINE__);
	SLIST_SWAP(&h, &h2, node);
	sl_verify(&h, __LINE__);

	while (!SLIST_EMPTY(&h)) {
		SLIST_REMOVE_HEAD(&h, sl);
		model_remove(0);
	}
	sl_verify(&h, __LINE__);
}

/* ==== LIST ============================================================= */

LIST_HEAD(lihead, node);

static void
li_verify(struct lihead *h, int line)
{
	struct node *n;
	int k = 0;

	LIST_FOREACH(n, h, li) {
		CHECK(LIST_PREV(n, h, node, li) == (k ? got[k - 1] : NULL));
		if (!GOT(k, n))
			break;
	}
	compare(k, 0, line);
	CHECK(LIST_EMPTY(h) == (nmodel == 0));
	CHECK(LIST_FIRST(h) == (nmodel ? model[0] : NULL));
}

static void
test_list(void)
{
	struct lihead h = LIST_HEAD_INITIALIZER(h), h2;
	struct node *n, *t;
	int pos, k;

	model_reset("LIST");
	li_verify(&h, __LINE__);
	for (opno = 0; opno < NOPS; opno++) {
		if (want_insert()) {
			n = model_free_node();
			pos = nmodel ? rnd_below(nmodel) : 0;
			switch (nmodel ? rnd_below(3) : 0) {
			case 0:
				LIST_INSERT_HEAD(&h, n, li);
				model_insert(0, n);
				break;
			case 1:
				LIST_INSERT_AFTER(model[pos], n, li);
				model_insert(pos + 1, n);
				break;
			default:
				LIST_INSERT_BEFORE(model[pos], n, li);
				model_insert(pos, n);
				break;
			}
		} else {
			pos = rnd_below(nmodel);
			t = model[pos];
			if (rnd_below(4) == 0 && (n = model_free_node())) {
				LIST_REPLACE(t, n, li);
				model_remove(pos);
				model_insert(pos, n);
			} else {
				LIST_REMOVE(t, li);
				model_remove(pos);
			}
		}
		li_verify(&h, __LINE__);
	}
	CHECK(nmodel > 200);

	LIST_FOREACH_SAFE(n, &h, li, t)
		if (n->id % 3 == 0) {
			LIST_REMOVE(n, li);
			LIST_NEXT(n, li) = NULL;
			model_remove(model_find(n));
		}
	li_verify(&h, __LINE__);

	LIST_INIT(&h2);
	for (k = 0; k < 30; k++) {
		n = model_free_node();
		LIST_INSERT_HEAD(&h2, n, li);
		model_insert(nmodel - k, n);
	}
	LIST_CONCAT(&h, &h2, node, li);
	CHECK(LIST_EMPTY(&h2));
	li_verify(&h, __LINE__);

	/* After a swap the first element's back link must name its new head:
	 * removing it and walking backwards would show otherwise. */
	LIST_SWAP(&h, &h2, node, li);
	CHECK(LIST_EMPTY(&h));
	li_verify(&h2, __LINE__);
	LIST_REMOVE(LIST_FIRST(&h2), li);
	model_remove(0);
	li_verify(&h2, __LINE__);
	LIST_SWAP(&h, &h2, node, li);
	li_verify(&h, __LINE__);

	LIST_FOREACH_SAFE(n, &h, li, t) {
		LIST_REMOVE(n, li);
		model_remove(0);
	}
	li_verify(&h, __LINE__);
}

/* ==== SIMPLEQ ========================================================== */

SIMPLEQ_HEAD(sqhead, node);

static void
sq_verify(struct sqhead *h, int line)
{
	struct node *n;
	int k = 0;

	SIMPLEQ_FOREACH(n, h, sq)
		if (!GOT(k, n))
			break;
	compare(k, 0, line);
	CHECK(SIMPLEQ_EMPTY(h) == (nmodel == 0));
	CHECK(SIMPLEQ_FIRST(h) == (nmodel ? model[0] : NULL));
	CHECK(SIMPLEQ_LAST(h, node, sq) == (nmodel ? model[nmodel - 1] : NULL));
}

static void
test_simpleq(void)
{
	struct sqhead h = SIMPLEQ_HEAD_INITIALIZER(h), h2;
	struct node *n, *t;
	int pos, k;

	model_reset("SIMPLEQ");
	sq_verify(&h, __LINE__);
	for (opno = 0; opno < NOPS; opno++) {
		if (want_insert()) {
			n = model_free_node();
			pos = nmodel ? rnd_below(nmodel) : 0;
			switch (nmodel ? rnd_below(3) : 0) {
			case 0:
				SIMPLEQ_INSERT_HEAD(&h, n, sq);
				model_insert(0, n);
				break;
			case 1:
				SIMPLEQ_INSERT_TAIL(&h, n, sq);
				model_insert(nmodel, n);
				break;
			default:
				SIMPLEQ_INSERT_AFTER(&h, model[pos], n, sq);
				model_insert(pos + 1, n);
				break;
			}
		} else {
			pos = rnd_below(nmodel);
			switch (rnd_below(3)) {
			case 0:
				SIMPLEQ_REMOVE_HEAD(&h, sq);
				model_remove(0);
				break;
			case 1:
				if (pos == nmodel - 1)
					pos--;
				if (pos < 0)
					break;
				SIMPLEQ_REMOVE_AFTER(&h, model[pos], sq);
				model_remove(pos + 1);
				break;
			default:
				SIMPLEQ_REMOVE(&h, model[pos], node, sq);
				model_remove(pos);
				break;
			}
		}
		sq_verify(&h, __LINE__);
	}
	CHECK(nmodel > 200);

	SIMPLEQ_FOREACH_SAFE(n, &h, sq, t)
		if (n->id % 2) {
			SIMPLEQ_REMOVE(&h, n, node, sq);
			SIMPLEQ_NEXT(n, sq) = NULL;
			model_remove(model_find(n));
		}
	sq_verify(&h, __LINE__);

	SIMPLEQ_INIT(&h2);
	SIMPLEQ_CONCAT(&h, &h2);
	sq_verify(&h, __LINE__);
	for (k = 0; k < 30; k++) {
		n = model_free_node();
		SIMPLEQ_INSERT_TAIL(&h2, n, sq);
		model_insert(nmodel, n);
	}
	SIMPLEQ_CONCAT(&h, &h2);
	CHECK(SIMPLEQ_EMPTY(&h2));
	sq_verify(&h, __LINE__);
	/* The emptied head must still accept a tail insert. */
	n = model_free_node();
	SIMPLEQ_INSERT_TAIL(&h2, n, sq);
	CHECK(SIMPLEQ_FIRST(&h2) == n && SIMPLEQ_LAST(&h2, node, sq) == n);

	while (!SIMPLEQ_EMPTY(&h)) {
		SIMPLEQ_REMOVE_HEAD(&h, sq);
		model_remove(0);
	}
	sq_verify(&h, __LINE__);
	n = model_free_node();
	SIMPLEQ_INSERT_TAIL(&h, n, sq);
	model_insert(0, n);
	sq_verify(&h, __LINE__);
}

/* ==== STAILQ =========================================================== */

STAILQ_HEAD(sthead, node);

static void
st_verify(struct sthead *h, int line)
{
	struct node *n;
	int k = 0;

	STAILQ_FOREACH(n, h, st)
		if (!GOT(k, n))
			break;
	compare(k, 0, line);
	CHECK(STAILQ_EMPTY(h) == (nmodel == 0));
	CHECK(STAILQ_FIRST(h) == (nmodel ? model[0] : NULL));
	CHECK(STAILQ_LAST(h, node, st) == (nmodel ? model[nmodel - 1] : NULL));
}

static void
test_stailq(void)
{
	struct sthead h = STAILQ_HEAD_INITIALIZER(h), h2;
	struct node *n, *t;
	int pos, k;

	model_reset("STAILQ");
	st_verify(&h, __LINE__);
	for (opno = 0; opno < NOPS; opno++) {
		if (want_insert()) {
			n = model_free_node();
			pos = nmodel ? rnd_below(nmodel) : 0;
			switch (nmodel ? rnd_below(3) : 0) {
			case 0:
				STAILQ_INSERT_HEAD(&h, n, st);
				model_insert(0, n);
				break;
			case 1:
				STAILQ_INSERT_TAIL(&h, n, st);
				model_insert(nmodel, n);
				break;
			default:
				STAILQ_INSERT_AFTER(&h, model[pos], n, st);
				model_insert(pos + 1, n);
				break;
			}
		} else {
			pos = rnd_below(nmodel);
			switch (rnd_below(3)) {
			case 0:
				STAILQ_REMOVE_HEAD(&h, st);
				model_remove(0);
				break;
			case 1:
				if (pos == nmodel - 1)
					pos--;
				if (pos < 0)
					break;
				STAILQ_REMOVE_AFTER(&h, model[pos], st);
				model_remove(pos + 1);
				break;
			default:
				STAILQ_REMOVE(&h, model[pos], node, st);
				model_remove(pos);
				break;
			}
		}
		st_verify(&h, __LINE__);
	}
	CHECK(nmodel > 200);

	STAILQ_FOREACH_SAFE(n, &h, st, t)
		if (n->id % 2 == 0) {
			STAILQ_REMOVE(&h, n, node, st);
			STAILQ_NEXT(n, st) = NULL;
			model_remove(model_find(n));
		}
	st_verify(&h, __LINE__);

	STAILQ_INIT(&h2);
	for (k = 0; k < 30; k++) {
		n = model_free_node();
		STAILQ_INSERT_TAIL(&h2, n, st);
		model_insert(nmodel, n);
	}
	STAILQ_CONCAT(&h, &h2);
	CHECK(STAILQ_EMPTY(&h2));
	st_verify(&h, __LINE__);

	/* Swapping with an empty queue: both tails must follow, so that a
	 * push onto the newly empty one stays out of the other. */
	STAILQ_SWAP(&h, &h2, node);
	CHECK(STAILQ_EMPTY(&h) && STAILQ_LAST(&h, node, st) == NULL);
	st_verify(&h2, __LINE__);
	t = model_free_node();
	STAILQ_INSERT_TAIL(&h, t, st);
	CHECK(STAILQ_FIRST(&h) == t && STAILQ_LAST(&h, node, st) == t);
	st_verify(&h2, __LINE__);
	STAILQ_REMOVE_HEAD(&h, st);
	CHECK(STAILQ_EMPTY(&h));
	n = model_free_node();
	STAILQ_INSERT_TAIL(&h2, n, st);
	model_insert(nmodel, n);
	st_verify(&h2, __LINE__);
	STAILQ_SWAP(&h, &h2, node);
	st_verify(&h, __LINE__);
	n = model_free_node();
	STAILQ_INSERT_TAIL(&h2, n, st);
	CHECK(STAILQ_FIRST(&h2) == n && STAILQ_LAST(&h2, node, st) == n);

	while (!STAILQ_EMPTY(&h)) {
		STAILQ_REMOVE_HEAD(&h, st);
		model_remove(0);
	}
	st_verify(&h, __LINE__);
}

/* ==== TAILQ ============================================================ */

TAILQ_HEAD(tqhead, node);

static void
tq_verify(struct tqhead *h, int line)
{
	struct node *n;
	int k = 0;

	TAILQ_FOREACH(n, h, tq) {
		CHECK(TAILQ_PREV(n, tqhead, tq) == (k ? got[k - 1] : NULL));
		if (!GOT(k, n))
			break;
	}
	compare(k, 0, line);
	k = 0;
	TAILQ_FOREACH_REVERSE(n, h, tqhead, tq)
		if (!GOT(k, n))
			break;
	compare(k, 1, line);
	CHECK(TAILQ_EMPTY(h) == (nmodel == 0));
	CHECK(TAILQ_FIRST(h) == (nmodel ? model[0] : NULL));
	CHECK(TAILQ_LAST(h, tqhead) == (nmodel ? model[nmodel - 1] : NULL));
}

static void
test_tailq(void)
{
	struct tqhead h = TAILQ_HEAD_INITIALIZER(h), h2;
	struct node *n, *t;
	int pos, k;

	model_reset("TAILQ");
	tq_verify(&h, __LINE__);
	for (opno = 0; opno < NOPS; opno++) {
		if (want_insert()) {
			n = model_free_node();
			pos = nmodel ? rnd_below(nmodel) : 0;
			switch (nmodel ? rnd_below(4) : 0) {
			case 0:
				TAILQ_INSERT_HEAD(&h, n, tq);
				model_insert(0, n);
				break;
			case 1:
				TAILQ_INSERT_TAIL(&h, n, tq);
				model_insert(nmodel, n);
				break;
			case 2:
				TAILQ_INSERT_AFTER(&h, model[pos], n, tq);
				model_insert(pos + 1, n);
				break;
			default:
				TAILQ_INSERT_BEFORE(model[pos], n, tq);
				model_insert(pos, n);
				break;
			}
		} else {
			pos = rnd_below(nmodel);
			t = model[pos];
			if (rnd_below(4) == 0 && (n = model_free_node())) {
				TAILQ_REPLACE(&h, t, n, tq);
				model_remove(pos);
				model_insert(pos, n);
			} else {
				TAILQ_REMOVE(&h, t, tq);
				model_remove(pos);
			}
		}
		tq_verify(&h, __LINE__);
	}
	CHECK(nmodel > 200);

	TAILQ_FOREACH_SAFE(n, &h, tq, t)
		if (n->id % 3 == 1) {
			TAILQ_REMOVE(&h, n, tq);
			TAILQ_NEXT(n, tq) = NULL;
			model_remove(model_find(n));
		}
	tq_verify(&h, __LINE__);
	TAILQ_FOREACH_REVERSE_SAFE(n, &h, tqhead, tq, t)
		if (n->id % 3 == 2) {
			TAILQ_REMOVE(&h, n, tq);
			n->tq.tqe_prev = NULL;
			model_remove(model_find(n));
		}
	tq_verify(&h, __LINE__);

	TAILQ_INIT(&h2);
	TAILQ_CONCAT(&h, &h2, tq);
	tq_verify(&h, __LINE__);
	for (k = 0; k < 30; k++) {
		n = model_free_node();
		TAILQ_INSERT_TAIL(&h2, n, tq);
		model_insert(nmodel, n);
	}
	TAILQ_CONCAT(&h, &h2, tq);
	CHECK(TAILQ_EMPTY(&h2));
	tq_verify(&h, __LINE__);

	TAILQ_SWAP(&h, &h2, node, tq);
	CHECK(TAILQ_EMPTY(&h) && TAILQ_LAST(&h, tqhead) == NULL);
	tq_verify(&h2, __LINE__);
	t = model_free_node();
	TAILQ_INSERT_TAIL(&h, t, tq);
	CHECK(TAILQ_FIRST(&h) == t && TAILQ_LAST(&h, tqhead) == t);
	tq_verify(&h2, __LINE__);
	TAILQ_REMOVE(&h, t, tq);
	CHECK(TAILQ_EMPTY(&h));
	TAILQ_REMOVE(&h2, TAILQ_FIRST(&h2), tq);
	model_remove(0);
	n = model_free_node();
	TAILQ_INSERT_TAIL(&h2, n, tq);
	model_insert(nmodel, n);
	tq_verify(&h2, __LINE__);
	TAILQ_SWAP(&h, &h2, node, tq);
	tq_verify(&h, __LINE__);

	TAILQ_FOREACH_SAFE(n, &h, tq, t) {
		TAILQ_REMOVE(&h, n, tq);
		model_remove(0);
	}
	tq_verify(&h, __LINE__);
	n = model_free_node();
	TAILQ_INSERT_TAIL(&h, n, tq);
	model_insert(0, n);
	tq_verify(&h, __LINE__);
}

/* ==== CIRCLEQ (C only) ================================================= */

#ifndef __cplusplus
CIRCLEQ_HEAD(cqhead, node);

static void
cq_verify(struct cqhead *h, int line)
{
	struct node *n;
	int k = 0;

	CIRCLEQ_FOREACH(n, h, cq)
		if (!GOT(k, n))
			break;
	compare(k, 0, line);
	k = 0;
	CIRCLEQ_FOREACH_REVERSE(n, h, cq)
		if (!GOT(k, n))
			break;
	compare(k, 1, line);
	CHECK(CIRCLEQ_EMPTY(h) == (nmodel == 0));
	if (nmodel) {
		CHECK(CIRCLEQ_FIRST(h) == model[0]);
		CHECK(CIRCLEQ_LAST(h) == model[nmodel - 1]);
		CHECK(CIRCLEQ_PREV(model[0], cq) == CIRCLEQ_END(h));
		CHECK(CIRCLEQ_NEXT(model[nmodel - 1], cq) == CIRCLEQ_END(h));
	} else {
		CHECK(CIRCLEQ_LAST(h) == CIRCLEQ_END(h));
	}
}

static void
test_circleq(void)
{
	struct cqhead h = CIRCLEQ_HEAD_INITIALIZER(h);
	struct node *n, *t;
	int pos;

	model_reset("CIRCLEQ");
	cq_verify(&h, __LINE__);
	for (opno = 0; opno < NOPS; opno++) {
		if (want_insert()) {
			n = model_free_node();
			pos = nmodel ? rnd_below(nmodel) : 0;
			switch (nmodel ? rnd_below(4) : rnd_below(2)) {
			case 0:
				CIRCLEQ_INSERT_HEAD(&h, n, cq);
				model_insert(0, n);
				break;
			case 1:
				CIRCLEQ_INSERT_TAIL(&h, n, cq);
				model_insert(nmodel, n);
				break;
			case 2:
				CIRCLEQ_INSERT_AFTER(&h, model[pos], n, cq);
				model_insert(pos + 1, n);
				break;
			default:
				CIRCLEQ_INSERT_BEFORE(&h, model[pos], n, cq);
				model_insert(pos, n);
				break;
			}
		} else {
			pos = rnd_below(nmodel);
			t = model[pos];
			if (rnd_below(4) == 0 && (n = model_free_node())) {
				CIRCLEQ_REPLACE(&h, t, n, cq);
				model_remove(pos);
				model_insert(pos, n);
			} else {
				CIRCLEQ_REMOVE(&h, t, cq);
				model_remove(pos);
			}
		}
		cq_verify(&h, __LINE__);
	}
	CHECK(nmodel > 200);

	CIRCLEQ_FOREACH_SAFE(n, &h, cq, t)
		if (n->id % 2) {
			CIRCLEQ_REMOVE(&h, n, cq);
			CIRCLEQ_NEXT(n, cq) = NULL;
			model_remove(model_find(n));
		}
	cq_verify(&h, __LINE__);
	CIRCLEQ_FOREACH_REVERSE_SAFE(n, &h, cq, t)
		if (n->id % 4 == 0) {
			CIRCLEQ_REMOVE(&h, n, cq);
			CIRCLEQ_PREV(n, cq) = NULL;
			model_remove(model_find(n));
		}
	cq_verify(&h, __LINE__);

	CIRCLEQ_FOREACH_SAFE(n, &h, cq, t) {
		CIRCLEQ_REMOVE(&h, n, cq);
		model_remove(0);
	}
	cq_verify(&h, __LINE__);
	CIRCLEQ_INIT(&h);
	cq_verify(&h, __LINE__);
}
#endif /* !__cplusplus */

/* ==== RB trees ========================================================= */

#define RB_NKEYS	10000
#define RB_KEYRANGE	30000

struct rbn {
	int key;
	int size;		/* nodes in this subtree, via RB_AUGMENT */
	int intree;
	RB_ENTRY(rbn) e;
};

static int
rbn_cmp(struct rbn *a, struct rbn *b)
{
	return a->key < b->key ? -1 : a->key > b->key;
}

static void
rbn_augment(struct rbn *x)
{
	x->size = 1 +
	    (RB_LEFT(x, e) ? RB_LEFT(x, e)->size : 0) +
	    (RB_RIGHT(x, e) ? RB_RIGHT(x, e)->size : 0);
}

RB_HEAD(rbt, rbn);
RB_PROTOTYPE_STATIC(rbt, rbn, e, rbn_cmp)
RB_GENERATE_STATIC(rbt, rbn, e, rbn_cmp)

/* A second, external instance over the same nodes: the non-static forms. */
RB_HEAD(rbt2, rbn);
RB_PROTOTYPE(rbt2, rbn, e, rbn_cmp)
RB_GENERATE(rbt2, rbn, e, rbn_cmp)

static struct rbn rbpool[RB_NKEYS];
static unsigned char present[RB_KEYRANGE];	/* the model: key in tree */
static int npresent;

/*
 * Check the subtree at n; return its black height, or -1 once something is
 * wrong (after reporting it).  Leaves (NULL) count as one black node.
 */
static int
rb_check(struct rbn *n, struct rbn *parent, int *count)
{
	int lh, rh, size;

	if (n == NULL)
		return 1;
	++*count;
	if (RB_PARENT(n, e) != parent) {
		fail("RB parent link", __LINE__);
		return -1;
	}
	if (RB_COLOR(n, e) != RB_RED && RB_COLOR(n, e) != RB_BLACK) {
		fail("RB colour value", __LINE__);
		return -1;
	}
	if (RB_COLOR(n, e) == RB_RED &&
	    ((RB_LEFT(n, e) && RB_COLOR(RB_LEFT(n, e), e) == RB_RED) ||
	    (RB_RIGHT(n, e) && RB_COLOR(RB_RIGHT(n, e), e) == RB_RED))) {
		fail("RB red node with a red child", __LINE__);
		return -1;
	}
	if ((RB_LEFT(n, e) && RB_LEFT(n, e)->key >= n->key) ||
	    (RB_RIGHT(n, e) && RB_RIGHT(n, e)->key <= n->key)) {
		fail("RB search order", __LINE__);
		return -1;
	}
	lh = rb_check(RB_LEFT(n, e), n, count);
	rh = rb_check(RB_RIGHT(n, e), n, count);
	if (lh < 0 || rh < 0)
		return -1;
	if (lh != rh) {
		fail("RB unequal black heights", __LINE__);
		return -1;
	}
	size = 1 + (RB_LEFT(n, e) ? RB_LEFT(n, e)->size : 0) +
	    (RB_RIGHT(n, e) ? RB_RIGHT(n, e)->size : 0);
	if (n->size != size) {
		fail("RB_AUGMENT subtree size", __LINE__);
		return -1;
	}
	return lh + (RB_COLOR(n, e) == RB_BLACK);
}

static void
rb_validate(struct rbn *root, int expect, int line)
{
	int count = 0;

	if (root != NULL) {
		CHECK(RB_COLOR(root, e) == RB_BLACK);
		CHECK(RB_PARENT(root, e) == NULL);
	}
	if (rb_check(root, NULL, &count) < 0 || count != expect) {
		if (failures++ < 50)
			printf("FAIL line %d: red-black check (%d nodes, "
			    "expected %d)\n", line, count, expect);
	}
}

/* Walk both ways and compare with the presence table; test NEXT/PREV,
 * MIN/MAX, FIND and NFIND against it as well. */
static void
rb_compare(struct rbt *t, int line)
{
	static int keys[RB_KEYRANGE], nxt[RB_KEYRANGE + 1];
	struct rbn *n, *prev = NULL, probe;
	int nkeys = 0, k, i, ok = 1;

	for (k = 0; k < RB_KEYRANGE; k++)
		if (present[k])
			keys[nkeys++] = k;
	nxt[RB_KEYRANGE] = -1;
	for (k = RB_KEYRANGE - 1; k >= 0; k--)
		nxt[k] = present[k] ? k : nxt[k + 1];

	i = 0;
	RB_FOREACH(n, rbt, t) {
		if (i >= nkeys || n->key != keys[i]) {
			ok = 0;
			break;
		}
		CHECK(RB_PREV(rbt, t, n) == prev);
		if (prev != NULL)
			CHECK(RB_NEXT(rbt, t, prev) == n);
		prev = n;
		i++;
	}
	if (!ok || i != nkeys) {
		if (failures++ < 50)
			printf("FAIL line %d: RB in-order walk differs\n", line);
		return;
	}
	i = nkeys;
	RB_FOREACH_REVERSE(n, rbt, t) {
		if (i == 0 || n->key != keys[--i]) {
			ok = 0;
			break;
		}
	}
	if (!ok || i != 0)
		if (failures++ < 50)
			printf("FAIL line %d: RB reverse walk differs\n", line);

	if (nkeys) {
		CHECK(RB_MIN(rbt, t)->key == keys[0]);
		CHECK(RB_MAX(rbt, t)->key == keys[nkeys - 1]);
		CHECK(RB_NEXT(rbt, t, RB_MAX(rbt, t)) == NULL);
		CHECK(RB_PREV(rbt, t, RB_MIN(rbt, t)) == NULL);
	} else {
		CHECK(RB_MIN(rbt, t) == NULL && RB_MAX(rbt, t) == NULL);
		CHECK(RB_EMPTY(t));
	}

	/* Every key in range, and a little beyond both ends. */
	for (k = -3; k < RB_KEYRANGE + 3; k++) {
		probe.key = k;
		n = RB_FIND(rbt, t, &probe);
		if (k >= 0 && k < RB_KEYRANGE && present[k])
			CHECK(n != NULL && n->key == k);
		else
			CHECK(n == NULL);
		n = RB_NFIND(rbt, t, &probe);
		i = k < 0 ? (nkeys ? keys[0] : -1) :
		    k >= RB_KEYRANGE ? -1 : nxt[k];
		CHECK(i < 0 ? n == NULL : n != NULL && n->key == i);
	}
}

static void
test_rb(void)
{
	struct rbt t = RB_INITIALIZER(&t);
	struct rbt2 t2;
	static struct rbn *live[RB_NKEYS];
	struct rbn *n, *dup, *tmp, probe;
	int i, j, nlive, removed;

	family = "RB";
	CHECK(RB_EMPTY(&t));
	CHECK(RB_MIN(rbt, &t) == NULL && RB_MAX(rbt, &t) == NULL);

	for (i = 0; i < RB_NKEYS; i++) {
		n = &rbpool[i];
		n->key = rnd_below(RB_KEYRANGE);
		dup = RB_INSERT(rbt, &t, n);
		if (present[n->key]) {
			/* Rejected: the resident element is returned. */
			CHECK(dup != NULL && dup != n && dup->key == n->key);
		} else {
			CHECK(dup == NULL);
			present[n->key] = 1;
			n->intree = 1;
			npresent++;
		}
		if (i % 1000 == 999)
			rb_validate(RB_ROOT(&t), npresent, __LINE__);
	}
	CHECK(npresent < RB_NKEYS);	/* some duplicates were offered */
	rb_validate(RB_ROOT(&t), npresent, __LINE__);
	CHECK(RB_ROOT(&t)->size == npresent);
	rb_compare(&t, __LINE__);

	/* Remove a random half: shuffle the resident nodes, drop the first
	 * half, some by node and some after a FIND by key. */
	nlive = 0;
	for (i = 0; i < RB_NKEYS; i++)
		if (rbpool[i].intree)
			live[nlive++] = &rbpool[i];
	for (i = nlive - 1; i > 0; i--) {
		j = rnd_below(i + 1);
		tmp = live[i];
		live[i] = live[j];
		live[j] = tmp;
	}
	for (i = 0; i < nlive / 2; i++) {
		n = live[i];
		if (i % 2) {
			probe.key = n->key;
			CHECK(RB_FIND(rbt, &t, &probe) == n);
		}
		CHECK(RB_REMOVE(rbt, &t, n) == n);
		present[n->key] = 0;
		n->intree = 0;
		npresent--;
		if (i % 500 == 499)
			rb_validate(RB_ROOT(&t), npresent, __LINE__);
	}
	rb_validate(RB_ROOT(&t), npresent, __LINE__);
	rb_compare(&t, __LINE__);

	/* A removed node can go back in. */
	n = live[0];
	CHECK(RB_INSERT(rbt, &t, n) == NULL);
	present[n->key] = 1;
	npresent++;
	rb_validate(RB_ROOT(&t), npresent, __LINE__);

	removed = 0;
	RB_FOREACH_SAFE(n, rbt, &t, tmp)
		if (n->key % 3 == 0) {
			RB_REMOVE(rbt, &t, n);
			memset(&n->e, 0, sizeof n->e);	/* walk must not use it */
			present[n->key] = 0;
			npresent--;
			removed++;
		}
	CHECK(removed > 0);
	rb_validate(RB_ROOT(&t), npresent, __LINE__);
	rb_compare(&t, __LINE__);

	RB_FOREACH_REVERSE_SAFE(n, rbt, &t, tmp) {
		RB_REMOVE(rbt, &t, n);
		memset(&n->e, 0, sizeof n->e);
		present[n->key] = 0;
		npresent--;
		if (npresent % 1000 == 0)
			rb_validate(RB_ROOT(&t), npresent, __LINE__);
	}
	CHECK(npresent == 0);
	CHECK(RB_EMPTY(&t));
	rb_compare(&t, __LINE__);

	/* Ascending keys are the classic worst case for a plain BST. */
	RB_INIT(&t2);
	for (i = 0; i < 1000; i++) {
		rbpool[i].key = i;
		CHECK(RB_INSERT(rbt2, &t2, &rbpool[i]) == NULL);
	}
	rb_validate(RB_ROOT(&t2), 1000, __LINE__);
	probe.key = 500;
	CHECK(RB_FIND(rbt2, &t2, &probe) == &rbpool[500]);
	for (i = 0; i < 1000; i++)
		CHECK(RB_REMOVE(rbt2, &t2, &rbpool[i]) == &rbpool[i]);
	CHECK(RB_EMPTY(&t2));
}

/* ==== SPLAY trees ====================================================== */

#define SP_NKEYS	3000
#define SP_KEYRANGE	6000

struct spn {
	int key;
	SPLAY_ENTRY(spn) e;
};

static int
spn_cmp(struct spn *a, struct spn *b)
{
	return a->key < b->key ? -1 : a->key > b->key;
}

SPLAY_HEAD(spt, spn);
SPLAY_PROTOTYPE(spt, spn, e, spn_cmp)
SPLAY_GENERATE(spt, spn, e, spn_cmp)

SPLAY_HEAD(spt_static, spn);
SPLAY_PROTOTYPE_STATIC(spt_static, spn, e, spn_cmp)
SPLAY_GENERATE_STATIC(spt_static, spn, e, spn_cmp)

static struct spn sppool[SP_NKEYS];
static unsigned char sp_present[SP_KEYRANGE];
static int sp_npresent;

/* Search order within (lo, hi); returns the node count. */
static int
sp_check(struct spn *n, int lo, int hi)
{
	if (n == NULL)
		return 0;
	if (n->key <= lo || n->key >= hi) {
		fail("SPLAY search order", __LINE__);
		return 0;
	}
	return 1 + sp_check(SPLAY_LEFT(n, e), lo, n->key) +
	    sp_check(SPLAY_RIGHT(n, e), n->key, hi);
}

static void
sp_compare(struct spt *t, int line)
{
	struct spn *n, probe;
	int k, prev = -1, count = 0, ok = 1;

	if (sp_check(SPLAY_ROOT(t), -1, SP_KEYRANGE) != sp_npresent)
		ok = 0;
	SPLAY_FOREACH(n, spt, t) {
		if (n->key <= prev || !sp_present[n->key] ||
		    count > sp_npresent) {
			ok = 0;
			break;
		}
		prev = n->key;
		count++;
	}
	if (!ok || count != sp_npresent) {
		if (failures++ < 50)
			printf("FAIL line %d: SPLAY walk differs\n", line);
		return;
	}
	for (k = 0; k < SP_KEYRANGE; k++) {
		probe.key = k;
		n = SPLAY_FIND(spt, t, &probe);
		CHECK(sp_present[k] ? n != NULL && n->key == k : n == NULL);
	}
	for (k = 0; k < SP_KEYRANGE && !sp_present[k]; k++)
		;
	CHECK(k == SP_KEYRANGE ? SPLAY_MIN(spt, t) == NULL :
	    SPLAY_MIN(spt, t) != NULL && SPLAY_MIN(spt, t)->key == k);
	for (k = SP_KEYRANGE - 1; k >= 0 && !sp_present[k]; k--)
		;
	CHECK(k < 0 ? SPLAY_MAX(spt, t) == NULL :
	    SPLAY_MAX(spt, t) != NULL && SPLAY_MAX(spt, t)->key == k);
}

static void
test_splay(void)
{
	struct spt t = SPLAY_INITIALIZER(&t);
	struct spt_static ts;
	struct spn *n, *dup, *nb, probe;
	int i, k;

	family = "SPLAY";
	CHECK(SPLAY_EMPTY(&t));
	CHECK(SPLAY_MIN(spt, &t) == NULL);
	probe.key = 1;
	CHECK(SPLAY_FIND(spt, &t, &probe) == NULL);
	CHECK(SPLAY_REMOVE(spt, &t, &probe) == NULL);

	for (i = 0; i < SP_NKEYS; i++) {
		n = &sppool[i];
		n->key = rnd_below(SP_KEYRANGE);
		dup = SPLAY_INSERT(spt, &t, n);
		if (sp_present[n->key]) {
			CHECK(dup != NULL && dup != n && dup->key == n->key);
			n->key = -1;		/* not in the tree */
		} else {
			CHECK(dup == NULL);
			sp_present[n->key] = 1;
			sp_npresent++;
		}
	}
	CHECK(sp_npresent < SP_NKEYS);
	sp_compare(&t, __LINE__);

	/* Neighbours of a few random residents. */
	for (i = 0; i < 200; i++) {
		n = &sppool[rnd_below(SP_NKEYS)];
		if (n->key < 0)
			continue;
		for (k = n->key + 1; k < SP_KEYRANGE && !sp_present[k]; k++)
			;
		nb = SPLAY_NEXT(spt, &t, n);
		CHECK(k == SP_KEYRANGE ? nb == NULL : nb != NULL && nb->key == k);
		for (k = n->key - 1; k >= 0 && !sp_present[k]; k--)
			;
		nb = SPLAY_PREV(spt, &t, n);
		CHECK(k < 0 ? nb == NULL : nb != NULL && nb->key == k);
	}

	/* Remove about half: by node, or by an equal key on the stack (which
	 * must hand back the resident node). */
	for (i = 0; i < SP_NKEYS; i++) {
		n = &sppool[i];
		if (n->key < 0 || rnd_below(2))
			continue;
		if (i % 2) {
			CHECK(SPLAY_REMOVE(spt, &t, n) == n);
		} else {
			probe.key = n->key;
			CHECK(SPLAY_REMOVE(spt, &t, &probe) == n);
		}
		CHECK(SPLAY_REMOVE(spt, &t, n) == NULL);	/* gone */
		sp_present[n->key] = 0;
		sp_npresent--;
		n->key = -1;
	}
	sp_compare(&t, __LINE__);

	while ((n = SPLAY_MAX(spt, &t)) != NULL) {
		CHECK(SPLAY_REMOVE(spt, &t, n) == n);
		sp_present[n->key] = 0;
		sp_npresent--;
	}
	CHECK(sp_npresent == 0 && SPLAY_EMPTY(&t));
	sp_compare(&t, __LINE__);

	/* The static instance: ascending inserts, descending removal. */
	SPLAY_INIT(&ts);
	for (i = 0; i < 500; i++) {
		sppool[i].key = i;
		CHECK(SPLAY_INSERT(spt_static, &ts, &sppool[i]) == NULL);
	}
	CHECK(sp_check(SPLAY_ROOT(&ts), -1, SP_KEYRANGE) == 500);
	k = 0;
	SPLAY_FOREACH(n, spt_static, &ts)
		CHECK(n->key == k++);
	CHECK(k == 500);
	for (i = 499; i >= 0; i--)
		CHECK(SPLAY_REMOVE(spt_static, &ts, &sppool[i]) == &sppool[i]);
	CHECK(SPLAY_EMPTY(&ts));
}

/* Announce each part first, so that a crash still shows where it was. */
static void
run(const char *name, void (*fn)(void))
{
	printf("-- %s\n", name);
	fflush(stdout);
	fn();
}

int
main(void)
{
	run("cdefs.h", test_cdefs);
	run("SLIST", test_slist);
	run("LIST", test_list);
	run("SIMPLEQ", test_simpleq);
	run("STAILQ", test_stailq);
	run("TAILQ", test_tailq);
#ifndef __cplusplus
	run("CIRCLEQ", test_circleq);
#endif
	run("RB", test_rb);
	run("SPLAY", test_splay);

	if (failures != 0) {
		printf("bsd_headers_test: %d check(s) failed\n", failures);
		return 1;
	}
	printf("bsd_headers_test: all checks passed\n");
	return 0;
}
