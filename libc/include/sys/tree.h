/*
 * <sys/tree.h> for x86_64-unikernel.
 *
 * Intrusive ordered trees in the BSD style, as used by tmux, OpenSSH,
 * libevent and much OpenBSD code.  The user's struct embeds the links
 * (X_ENTRY); X_GENERATE(name, type, field, cmp) writes the functions
 * name_X_INSERT, name_X_FIND, ... for that struct, ordered by
 * int cmp(struct type *a, struct type *b) (<0, 0, >0 like strcmp).
 * Keys are unique: INSERT returns the element already present instead of
 * adding a duplicate, and NULL when it did add.
 *
 *   SPLAY  self-adjusting tree: recently used keys are near the root.  Even
 *          lookups modify the tree.  Amortised O(log n).
 *   RB     red-black tree: O(log n) worst case, lookups are read-only.
 *
 * X_PROTOTYPE declares the functions (for a header), X_GENERATE defines them;
 * the _STATIC forms make them static.  Neither needs a trailing semicolon.
 */
#ifndef _SYS_TREE_H_
#define _SYS_TREE_H_

#include <stddef.h>

/* Static generated functions a program never calls must not warn. */
#ifdef __GNUC__
#define _TREE_UNUSED __attribute__((__unused__))
#else
#define _TREE_UNUSED
#endif

/* ---- SPLAY ---------------------------------------------------------- */

#define SPLAY_HEAD(name, type)						\
struct name {								\
	struct type *sph_root;						\
}
#define SPLAY_INITIALIZER(root) { NULL }
#define SPLAY_INIT(root) do {						\
	(root)->sph_root = NULL;					\
} while (0)
#define SPLAY_ENTRY(type)						\
struct {								\
	struct type *spe_left;						\
	struct type *spe_right;						\
}

#define SPLAY_LEFT(elm, field)	(elm)->field.spe_left
#define SPLAY_RIGHT(elm, field)	(elm)->field.spe_right
#define SPLAY_ROOT(head)	(head)->sph_root
#define SPLAY_EMPTY(head)	(SPLAY_ROOT(head) == NULL)

/* Directions for name_SPLAY_MINMAX (and the seek below). */
#define SPLAY_NEGINF	(-1)
#define SPLAY_INF	1

#define SPLAY_INSERT(name, x, y)	name##_SPLAY_INSERT(x, y)
#define SPLAY_REMOVE(name, x, y)	name##_SPLAY_REMOVE(x, y)
#define SPLAY_FIND(name, x, y)		name##_SPLAY_FIND(x, y)
#define SPLAY_NEXT(name, x, y)		name##_SPLAY_NEXT(x, y)
#define SPLAY_PREV(name, x, y)		name##_SPLAY_PREV(x, y)
#define SPLAY_MIN(name, x)		name##_SPLAY_MINMAX(x, SPLAY_NEGINF)
#define SPLAY_MAX(name, x)		name##_SPLAY_MINMAX(x, SPLAY_INF)

/* NEXT splays, so the tree is reshaped as the walk goes; that is fine. */
#define SPLAY_FOREACH(x, name, head)					\
	for ((x) = SPLAY_MIN(name, head);				\
	    (x) != NULL;						\
	    (x) = SPLAY_NEXT(name, head, x))

#define SPLAY_PROTOTYPE(name, type, field, cmp)				\
	_SPLAY_PROTOTYPE(name, type, field, cmp, )
#define SPLAY_PROTOTYPE_STATIC(name, type, field, cmp)			\
	_SPLAY_PROTOTYPE(name, type, field, cmp, _TREE_UNUSED static)
#define SPLAY_GENERATE(name, type, field, cmp)				\
	_SPLAY_GENERATE(name, type, field, cmp, )
#define SPLAY_GENERATE_STATIC(name, type, field, cmp)			\
	_SPLAY_GENERATE(name, type, field, cmp, _TREE_UNUSED static)

#define _SPLAY_PROTOTYPE(name, type, field, cmp, attr)			\
attr void name##_SPLAY_SEEK(struct name *, struct type *, int);		\
attr struct type *name##_SPLAY_INSERT(struct name *, struct type *);	\
attr struct type *name##_SPLAY_REMOVE(struct name *, struct type *);	\
attr struct type *name##_SPLAY_FIND(struct name *, struct type *);	\
attr struct type *name##_SPLAY_NEXT(struct name *, struct type *);	\
attr struct type *name##_SPLAY_PREV(struct name *, struct type *);	\
attr struct type *name##_SPLAY_MINMAX(struct name *, int);

/*
 * name_SPLAY_SEEK brings to the root the node equal to elm, or the last node
 * met on the way to where elm would be.  With elm NULL it heads in direction
 * dir instead, which finds the minimum or the maximum.
 *
 * It is top-down splaying: nodes known to be smaller than the target are
 * hung, in order, on a "left" tree, bigger ones on a "right" tree; the hooks
 * are where the next node goes (the right link of the left tree's largest
 * node, the left link of the right tree's smallest).  At the end the two
 * trees become the new root's subtrees.
 */
#define _SPLAY_GENERATE(name, type, field, cmp, attr)			\
attr void								\
name##_SPLAY_SEEK(struct name *head, struct type *elm, int dir)		\
{									\
	struct type *t = SPLAY_ROOT(head), *y;				\
	struct type *ltree = NULL, *rtree = NULL;			\
	struct type **lhook = &ltree, **rhook = &rtree;			\
	int c;								\
									\
	if (t == NULL)							\
		return;							\
	for (;;) {							\
		c = elm != NULL ? cmp(elm, t) : dir;			\
		if (c < 0) {						\
			y = SPLAY_LEFT(t, field);			\
			if (y == NULL)					\
				break;					\
			if ((elm != NULL ? cmp(elm, y) : dir) < 0) {	\
				/* two steps left: rotate first */	\
				SPLAY_LEFT(t, field) = SPLAY_RIGHT(y, field); \
				SPLAY_RIGHT(y, field) = t;		\
				t = y;					\
				if (SPLAY_LEFT(t, field) == NULL)	\
					break;				\
			}						\
			*rhook = t;					\
			rhook = &SPLAY_LEFT(t, field);			\
			t = SPLAY_LEFT(t, field);			\
		} else if (c > 0) {					\
			y = SPLAY_RIGHT(t, field);			\
			if (y == NULL)					\
				break;					\
			if ((elm != NULL ? cmp(elm, y) : dir) > 0) {	\
				SPLAY_RIGHT(t, field) = SPLAY_LEFT(y, field); \
				SPLAY_LEFT(y, field) = t;		\
				t = y;					\
				if (SPLAY_RIGHT(t, field) == NULL)	\
					break;				\
			}						\
			*lhook = t;					\
			lhook = &SPLAY_RIGHT(t, field);			\
			t = SPLAY_RIGHT(t, field);			\
		} else							\
			break;						\
	}								\
	*lhook = SPLAY_LEFT(t, field);					\
	*rhook = SPLAY_RIGHT(t, field);					\
	SPLAY_LEFT(t, field) = ltree;					\
	SPLAY_RIGHT(t, field) = rtree;					\
	SPLAY_ROOT(head) = t;						\
}									\
									\
attr struct type *							\
name##_SPLAY_INSERT(struct name *head, struct type *elm)		\
{									\
	struct type *root;						\
	int c;								\
									\
	if (SPLAY_EMPTY(head)) {					\
		SPLAY_LEFT(elm, field) = SPLAY_RIGHT(elm, field) = NULL; \
		SPLAY_ROOT(head) = elm;					\
		return NULL;						\
	}								\
	name##_SPLAY_SEEK(head, elm, 0);				\
	root = SPLAY_ROOT(head);					\
	c = cmp(elm, root);						\
	if (c == 0)							\
		return root;						\
	/* The old root is elm's neighbour: split the tree around it. */ \
	if (c < 0) {							\
		SPLAY_LEFT(elm, field) = SPLAY_LEFT(root, field);	\
		SPLAY_RIGHT(elm, field) = root;				\
		SPLAY_LEFT(root, field) = NULL;				\
	} else {							\
		SPLAY_RIGHT(elm, field) = SPLAY_RIGHT(root, field);	\
		SPLAY_LEFT(elm, field) = root;				\
		SPLAY_RIGHT(root, field) = NULL;			\
	}								\
	SPLAY_ROOT(head) = elm;						\
	return NULL;							\
}									\
									\
/* Removes the node equal to elm and returns it, or NULL if none. */	\
attr struct type *							\
name##_SPLAY_REMOVE(struct name *head, struct type *elm)		\
{									\
	struct type *root, *right;					\
									\
	if (SPLAY_EMPTY(head))						\
		return NULL;						\
	name##_SPLAY_SEEK(head, elm, 0);				\
	root = SPLAY_ROOT(head);					\
	if (cmp(elm, root) != 0)					\
		return NULL;						\
	right = SPLAY_RIGHT(root, field);				\
	if (SPLAY_LEFT(root, field) == NULL) {				\
		SPLAY_ROOT(head) = right;				\
	} else {							\
		/* The left part's maximum has no right child: use it. */ \
		SPLAY_ROOT(head) = SPLAY_LEFT(root, field);		\
		name##_SPLAY_SEEK(head, NULL, SPLAY_INF);		\
		SPLAY_RIGHT(SPLAY_ROOT(head), field) = right;		\
	}								\
	return root;							\
}									\
									\
attr struct type *							\
name##_SPLAY_FIND(struct name *head, struct type *elm)		\
{									\
	if (SPLAY_EMPTY(head))						\
		return NULL;						\
	name##_SPLAY_SEEK(head, elm, 0);				\
	if (cmp(elm, SPLAY_ROOT(head)) != 0)				\
		return NULL;						\
	return SPLAY_ROOT(head);					\
}									\
									\
/* elm must be in the tree; once it is the root, its neighbours are the \
 * extremes of its subtrees. */						\
attr struct type *							\
name##_SPLAY_NEXT(struct name *head, struct type *elm)		\
{									\
	name##_SPLAY_SEEK(head, elm, 0);				\
	elm = SPLAY_RIGHT(elm, field);					\
	if (elm != NULL)						\
		while (SPLAY_LEFT(elm, field) != NULL)			\
			elm = SPLAY_LEFT(elm, field);			\
	return elm;							\
}									\
									\
attr struct type *							\
name##_SPLAY_PREV(struct name *head, struct type *elm)		\
{									\
	name##_SPLAY_SEEK(head, elm, 0);				\
	elm = SPLAY_LEFT(elm, field);					\
	if (elm != NULL)						\
		while (SPLAY_RIGHT(elm, field) != NULL)			\
			elm = SPLAY_RIGHT(elm, field);			\
	return elm;							\
}									\
									\
attr struct type *							\
name##_SPLAY_MINMAX(struct name *head, int dir)			\
{									\
	name##_SPLAY_SEEK(head, NULL, dir);				\
	return SPLAY_ROOT(head);					\
}

/* ---- RB: red-black tree --------------------------------------------- */

#define RB_BLACK	0
#define RB_RED		1

#define RB_HEAD(name, type)						\
struct name {								\
	struct type *rbh_root;						\
}
#define RB_INITIALIZER(root) { NULL }
#define RB_INIT(root) do {						\
	(root)->rbh_root = NULL;					\
} while (0)
#define RB_ENTRY(type)							\
struct {								\
	struct type *rbe_left;						\
	struct type *rbe_right;						\
	struct type *rbe_parent;					\
	int rbe_color;							\
}

#define RB_LEFT(elm, field)	(elm)->field.rbe_left
#define RB_RIGHT(elm, field)	(elm)->field.rbe_right
#define RB_PARENT(elm, field)	(elm)->field.rbe_parent
#define RB_COLOR(elm, field)	(elm)->field.rbe_color
#define RB_ROOT(head)		(head)->rbh_root
#define RB_EMPTY(head)		(RB_ROOT(head) == NULL)

#define RB_NEGINF	(-1)
#define RB_INF		1

#define RB_INSERT(name, x, y)	name##_RB_INSERT(x, y)
#define RB_REMOVE(name, x, y)	name##_RB_REMOVE(x, y)
#define RB_FIND(name, x, y)	name##_RB_FIND(x, y)
#define RB_NFIND(name, x, y)	name##_RB_NFIND(x, y)
#define RB_NEXT(name, x, y)	name##_RB_NEXT(y)
#define RB_PREV(name, x, y)	name##_RB_PREV(y)
#define RB_MIN(name, x)		name##_RB_MINMAX(x, RB_NEGINF)
#define RB_MAX(name, x)		name##_RB_MINMAX(x, RB_INF)

#define RB_FOREACH(x, name, head)					\
	for ((x) = RB_MIN(name, head);					\
	    (x) != NULL;						\
	    (x) = name##_RB_NEXT(x))
#define RB_FOREACH_SAFE(x, name, head, y)				\
	for ((x) = RB_MIN(name, head);					\
	    (x) != NULL && ((y) = name##_RB_NEXT(x), 1);		\
	    (x) = (y))
#define RB_FOREACH_REVERSE(x, name, head)				\
	for ((x) = RB_MAX(name, head);					\
	    (x) != NULL;						\
	    (x) = name##_RB_PREV(x))
#define RB_FOREACH_REVERSE_SAFE(x, name, head, y)			\
	for ((x) = RB_MAX(name, head);					\
	    (x) != NULL && ((y) = name##_RB_PREV(x), 1);		\
	    (x) = (y))

/*
 * Optional augmentation: a program that keeps per-subtree data in its nodes
 * defines RB_AUGMENT(elm) before including this header.  It is called on a
 * node whenever the set of nodes below it may have changed, always after the
 * node's children are up to date.
 */
#ifdef RB_AUGMENT
#define _RB_AUGMENT_ONE(x)	RB_AUGMENT(x)
#define _RB_AUGMENT_WALK(type, x, field) do {				\
	struct type *_rb_a;						\
	for (_rb_a = (x); _rb_a != NULL; _rb_a = RB_PARENT(_rb_a, field)) \
		RB_AUGMENT(_rb_a);					\
} while (0)
#else
#define _RB_AUGMENT_ONE(x)		do { } while (0)
#define _RB_AUGMENT_WALK(type, x, field) do { } while (0)
#endif

/*
 * Internal helpers for the generated code.  The fix-up steps come in mirror
 * pairs, so they take the two child member names as "side" (where the
 * problem is) and "other"; x and friends are always plain local variables.
 */
#define _RB_IS_BLACK(x, field)	((x) == NULL || RB_COLOR(x, field) == RB_BLACK)

/* Make whatever pointed at old (its parent's child link, or the root)
 * point at new. */
#define _RB_REPLACE_CHILD(head, old, new, field) do {			\
	if (RB_PARENT(old, field) == NULL)				\
		RB_ROOT(head) = (new);					\
	else if (RB_LEFT(RB_PARENT(old, field), field) == (old))	\
		RB_LEFT(RB_PARENT(old, field), field) = (new);		\
	else								\
		RB_RIGHT(RB_PARENT(old, field), field) = (new);		\
} while (0)

/* Rotate at x: its child on side "up" takes x's place, x becomes that
 * child's "down" child.  (up = rbe_right is a left rotation.) */
#define _RB_ROTATE(head, type, x, field, up, down) do {			\
	struct type *_rb_c = (x)->field.up;				\
	(x)->field.up = _rb_c->field.down;				\
	if ((x)->field.up != NULL)					\
		RB_PARENT((x)->field.up, field) = (x);			\
	_RB_REPLACE_CHILD(head, x, _rb_c, field);			\
	RB_PARENT(_rb_c, field) = RB_PARENT(x, field);			\
	_rb_c->field.down = (x);					\
	RB_PARENT(x, field) = _rb_c;					\
	_RB_AUGMENT_ONE(x);						\
	_RB_AUGMENT_ONE(_rb_c);						\
} while (0)

/* elm is red with a red parent, which is gparent's "side" child. */
#define _RB_INSERT_FIX(head, type, field, side, other) do {		\
	uncle = gparent->field.other;					\
	if (!_RB_IS_BLACK(uncle, field)) {				\
		/* Recolour: the red moves up two levels. */		\
		RB_COLOR(uncle, field) = RB_BLACK;			\
		RB_COLOR(parent, field) = RB_BLACK;			\
		RB_COLOR(gparent, field) = RB_RED;			\
		elm = gparent;						\
	} else {							\
		if (elm == parent->field.other) {			\
			/* Inner grandchild: make it the outer one. */	\
			_RB_ROTATE(head, type, parent, field, other, side); \
			tmp = parent;					\
			parent = elm;					\
			elm = tmp;					\
		}							\
		RB_COLOR(parent, field) = RB_BLACK;			\
		RB_COLOR(gparent, field) = RB_RED;			\
		_RB_ROTATE(head, type, gparent, field, side, other);	\
	}								\
} while (0)

/*
 * The subtree at elm (possibly empty), parent's "side" child, is one black
 * node short.  Either borrow from the sibling's subtree and stop (by setting
 * elm to the root), or shorten the sibling's side too and move up.
 */
#define _RB_REMOVE_FIX(head, type, field, side, other) do {		\
	sib = parent->field.other;					\
	if (RB_COLOR(sib, field) == RB_RED) {				\
		/* Get a black sibling; the deficit stays the same. */	\
		RB_COLOR(sib, field) = RB_BLACK;			\
		RB_COLOR(parent, field) = RB_RED;			\
		_RB_ROTATE(head, type, parent, field, other, side);	\
		sib = parent->field.other;				\
	}								\
	if (_RB_IS_BLACK(sib->field.side, field) &&			\
	    _RB_IS_BLACK(sib->field.other, field)) {			\
		RB_COLOR(sib, field) = RB_RED;				\
		elm = parent;						\
		parent = RB_PARENT(elm, field);				\
	} else {							\
		if (_RB_IS_BLACK(sib->field.other, field)) {		\
			/* Only the near nephew is red: move it out. */	\
			RB_COLOR(sib->field.side, field) = RB_BLACK;	\
			RB_COLOR(sib, field) = RB_RED;			\
			_RB_ROTATE(head, type, sib, field, side, other); \
			sib = parent->field.other;			\
		}							\
		RB_COLOR(sib, field) = RB_COLOR(parent, field);		\
		RB_COLOR(parent, field) = RB_BLACK;			\
		RB_COLOR(sib->field.other, field) = RB_BLACK;		\
		_RB_ROTATE(head, type, parent, field, other, side);	\
		elm = RB_ROOT(head);					\
	}								\
} while (0)

#define RB_PROTOTYPE(name, type, field, cmp)				\
	_RB_PROTOTYPE(name, type, field, cmp, )
#define RB_PROTOTYPE_STATIC(name, type, field, cmp)			\
	_RB_PROTOTYPE(name, type, field, cmp, _TREE_UNUSED static)
#define RB_GENERATE(name, type, field, cmp)				\
	_RB_GENERATE(name, type, field, cmp, )
#define RB_GENERATE_STATIC(name, type, field, cmp)			\
	_RB_GENERATE(name, type, field, cmp, _TREE_UNUSED static)

#define _RB_PROTOTYPE(name, type, field, cmp, attr)			\
attr void name##_RB_INSERT_COLOR(struct name *, struct type *);	\
attr void name##_RB_REMOVE_COLOR(struct name *, struct type *,		\
    struct type *);							\
attr struct type *name##_RB_INSERT(struct name *, struct type *);	\
attr struct type *name##_RB_REMOVE(struct name *, struct type *);	\
attr struct type *name##_RB_FIND(struct name *, struct type *);	\
attr struct type *name##_RB_NFIND(struct name *, struct type *);	\
attr struct type *name##_RB_NEXT(struct type *);			\
attr struct type *name##_RB_PREV(struct type *);			\
attr struct type *name##_RB_MINMAX(struct name *, int);

#define _RB_GENERATE(name, type, field, cmp, attr)			\
/* Restore the invariants after elm was linked in as a red leaf. */	\
attr void								\
name##_RB_INSERT_COLOR(struct name *head, struct type *elm)		\
{									\
	struct type *parent, *gparent, *uncle, *tmp;			\
									\
	while ((parent = RB_PARENT(elm, field)) != NULL &&		\
	    RB_COLOR(parent, field) == RB_RED) {			\
		/* A red node is never the root: gparent exists. */	\
		gparent = RB_PARENT(parent, field);			\
		if (parent == RB_LEFT(gparent, field))			\
			_RB_INSERT_FIX(head, type, field, rbe_left, rbe_right); \
		else							\
			_RB_INSERT_FIX(head, type, field, rbe_right, rbe_left); \
	}								\
	RB_COLOR(RB_ROOT(head), field) = RB_BLACK;			\
}									\
									\
/* A black node was unlinked; elm (maybe NULL) now sits where it was, \
 * under parent. */							\
attr void								\
name##_RB_REMOVE_COLOR(struct name *head, struct type *parent,		\
    struct type *elm)							\
{									\
	struct type *sib;						\
									\
	while (_RB_IS_BLACK(elm, field) && elm != RB_ROOT(head)) {	\
		if (RB_LEFT(parent, field) == elm)			\
			_RB_REMOVE_FIX(head, type, field, rbe_left, rbe_right); \
		else							\
			_RB_REMOVE_FIX(head, type, field, rbe_right, rbe_left); \
	}								\
	if (elm != NULL)						\
		RB_COLOR(elm, field) = RB_BLACK;			\
}									\
									\
attr struct type *							\
name##_RB_INSERT(struct name *head, struct type *elm)			\
{									\
	struct type *parent = NULL, *cur = RB_ROOT(head);		\
	int c = 0;							\
									\
	while (cur != NULL) {						\
		parent = cur;						\
		c = cmp(elm, cur);					\
		if (c < 0)						\
			cur = RB_LEFT(cur, field);			\
		else if (c > 0)						\
			cur = RB_RIGHT(cur, field);			\
		else							\
			return cur;					\
	}								\
	RB_PARENT(elm, field) = parent;					\
	RB_LEFT(elm, field) = RB_RIGHT(elm, field) = NULL;		\
	RB_COLOR(elm, field) = RB_RED;					\
	if (parent == NULL)						\
		RB_ROOT(head) = elm;					\
	else if (c < 0)							\
		RB_LEFT(parent, field) = elm;				\
	else								\
		RB_RIGHT(parent, field) = elm;				\
	_RB_AUGMENT_WALK(type, elm, field);				\
	name##_RB_INSERT_COLOR(head, elm);				\
	return NULL;							\
}									\
									\
/* elm must be in the tree.  Returns elm. */				\
attr struct type *							\
name##_RB_REMOVE(struct name *head, struct type *elm)			\
{									\
	struct type *child, *parent, *succ;				\
	int color;							\
									\
	if (RB_LEFT(elm, field) != NULL && RB_RIGHT(elm, field) != NULL) { \
		/* The successor (which has no left child) leaves its	\
		 * own spot and takes elm's place and colour, so the	\
		 * colour lost is the successor's, at its old spot. */	\
		succ = RB_RIGHT(elm, field);				\
		while (RB_LEFT(succ, field) != NULL)			\
			succ = RB_LEFT(succ, field);			\
		child = RB_RIGHT(succ, field);				\
		parent = RB_PARENT(succ, field);			\
		color = RB_COLOR(succ, field);				\
		if (parent == elm) {					\
			parent = succ;					\
		} else {						\
			RB_LEFT(parent, field) = child;			\
			if (child != NULL)				\
				RB_PARENT(child, field) = parent;	\
			RB_RIGHT(succ, field) = RB_RIGHT(elm, field);	\
			RB_PARENT(RB_RIGHT(succ, field), field) = succ;	\
		}							\
		RB_LEFT(succ, field) = RB_LEFT(elm, field);		\
		RB_PARENT(RB_LEFT(succ, field), field) = succ;		\
		RB_COLOR(succ, field) = RB_COLOR(elm, field);		\
		_RB_REPLACE_CHILD(head, elm, succ, field);		\
		RB_PARENT(succ, field) = RB_PARENT(elm, field);		\
	} else {							\
		child = RB_LEFT(elm, field) != NULL ?			\
		    RB_LEFT(elm, field) : RB_RIGHT(elm, field);		\
		parent = RB_PARENT(elm, field);				\
		color = RB_COLOR(elm, field);				\
		if (child != NULL)					\
			RB_PARENT(child, field) = parent;		\
		_RB_REPLACE_CHILD(head, elm, child, field);		\
	}								\
	_RB_AUGMENT_WALK(type, parent, field);				\
	if (color == RB_BLACK)						\
		name##_RB_REMOVE_COLOR(head, parent, child);		\
	return elm;							\
}									\
									\
attr struct type *							\
name##_RB_FIND(struct name *head, struct type *key)			\
{									\
	struct type *cur = RB_ROOT(head);				\
	int c;								\
									\
	while (cur != NULL) {						\
		c = cmp(key, cur);					\
		if (c < 0)						\
			cur = RB_LEFT(cur, field);			\
		else if (c > 0)						\
			cur = RB_RIGHT(cur, field);			\
		else							\
			return cur;					\
	}								\
	return NULL;							\
}									\
									\
/* The least element not less than key, or NULL. */			\
attr struct type *							\
name##_RB_NFIND(struct name *head, struct type *key)			\
{									\
	struct type *cur = RB_ROOT(head), *best = NULL;			\
	int c;								\
									\
	while (cur != NULL) {						\
		c = cmp(key, cur);					\
		if (c < 0) {						\
			best = cur;					\
			cur = RB_LEFT(cur, field);			\
		} else if (c > 0)					\
			cur = RB_RIGHT(cur, field);			\
		else							\
			return cur;					\
	}								\
	return best;							\
}									\
									\
/* Down to the leftmost of the right subtree, or else up to the first	\
 * ancestor reached from its left. */					\
attr struct type *							\
name##_RB_NEXT(struct type *elm)					\
{									\
	if (RB_RIGHT(elm, field) != NULL) {				\
		elm = RB_RIGHT(elm, field);				\
		while (RB_LEFT(elm, field) != NULL)			\
			elm = RB_LEFT(elm, field);			\
		return elm;						\
	}								\
	while (RB_PARENT(elm, field) != NULL &&				\
	    elm == RB_RIGHT(RB_PARENT(elm, field), field))		\
		elm = RB_PARENT(elm, field);				\
	return RB_PARENT(elm, field);					\
}									\
									\
attr struct type *							\
name##_RB_PREV(struct type *elm)					\
{									\
	if (RB_LEFT(elm, field) != NULL) {				\
		elm = RB_LEFT(elm, field);				\
		while (RB_RIGHT(elm, field) != NULL)			\
			elm = RB_RIGHT(elm, field);			\
		return elm;						\
	}								\
	while (RB_PARENT(elm, field) != NULL &&				\
	    elm == RB_LEFT(RB_PARENT(elm, field), field))		\
		elm = RB_PARENT(elm, field);				\
	return RB_PARENT(elm, field);					\
}									\
									\
attr struct type *							\
name##_RB_MINMAX(struct name *head, int dir)				\
{									\
	struct type *cur = RB_ROOT(head), *last = NULL;			\
									\
	while (cur != NULL) {						\
		last = cur;						\
		cur = dir < 0 ? RB_LEFT(cur, field) : RB_RIGHT(cur, field); \
	}								\
	return last;							\
}

#endif /* _SYS_TREE_H_ */
