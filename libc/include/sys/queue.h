/*
 * <sys/queue.h> for x86_64-unikernel.
 *
 * Intrusive lists in the BSD style: the links live inside the user's struct
 * (declared with X_ENTRY), a small X_HEAD struct holds the ends, and every
 * operation is a macro, so there is nothing to link against.  musl has no
 * such header; libevent, tmux and most BSD-derived code expect one.
 *
 *   SLIST    singly linked; O(1) at the head, removing others walks the list
 *   LIST     doubly linked; O(1) removal of any element, no tail pointer
 *   SIMPLEQ  singly linked with a tail pointer, for FIFOs (OpenBSD name)
 *   STAILQ   the same structure under FreeBSD's name
 *   TAILQ    doubly linked with a tail pointer; walks both ways
 *   CIRCLEQ  doubly linked ring through the head; old, prefer TAILQ (C only)
 *
 * The member names (tqh_first, le_next, ...) are part of the interface:
 * programs read and write them directly.  Macro arguments may be evaluated
 * more than once, as with every implementation of this interface.
 */
#ifndef _SYS_QUEUE_H_
#define _SYS_QUEUE_H_

#include <stddef.h>

/*
 * Some families keep a pointer to the link that points at an element (the
 * previous element's next field, or the head's first field).  Going from such
 * a link back to the element that holds it is an offsetof subtraction.
 */
#define _Q_LINK_OWNER(link, type, member) \
	((struct type *)(void *)((char *)(link) - offsetof(struct type, member)))

/* ---- SLIST: singly linked list -------------------------------------- */

#define SLIST_HEAD(name, type)						\
struct name {								\
	struct type *slh_first;						\
}
#define SLIST_HEAD_INITIALIZER(head) { NULL }
#define SLIST_ENTRY(type)						\
struct {								\
	struct type *sle_next;						\
}

#define SLIST_FIRST(head)	((head)->slh_first)
#define SLIST_END(head)		NULL
#define SLIST_EMPTY(head)	(SLIST_FIRST(head) == SLIST_END(head))
#define SLIST_NEXT(elm, field)	((elm)->field.sle_next)

#define SLIST_FOREACH(var, head, field)					\
	for ((var) = SLIST_FIRST(head);					\
	    (var) != SLIST_END(head);					\
	    (var) = SLIST_NEXT(var, field))
/* The successor is saved before the body runs, so the body may free var. */
#define SLIST_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = SLIST_FIRST(head);					\
	    (var) != SLIST_END(head) &&					\
	    ((tvar) = SLIST_NEXT(var, field), 1);			\
	    (var) = (tvar))

#define SLIST_INIT(head) do {						\
	SLIST_FIRST(head) = SLIST_END(head);				\
} while (0)

#define SLIST_INSERT_HEAD(head, elm, field) do {			\
	SLIST_NEXT(elm, field) = SLIST_FIRST(head);			\
	SLIST_FIRST(head) = (elm);					\
} while (0)

#define SLIST_INSERT_AFTER(slistelm, elm, field) do {			\
	SLIST_NEXT(elm, field) = SLIST_NEXT(slistelm, field);		\
	SLIST_NEXT(slistelm, field) = (elm);				\
} while (0)

#define SLIST_REMOVE_HEAD(head, field) do {				\
	SLIST_FIRST(head) = SLIST_NEXT(SLIST_FIRST(head), field);	\
} while (0)

#define SLIST_REMOVE_AFTER(elm, field) do {				\
	SLIST_NEXT(elm, field) =					\
	    SLIST_NEXT(SLIST_NEXT(elm, field), field);			\
} while (0)

/* Walk the links, not the elements, so the head needs no special case. */
#define SLIST_REMOVE(head, elm, type, field) do {			\
	struct type **_q_link = &SLIST_FIRST(head);			\
	while (*_q_link != (elm))					\
		_q_link = &SLIST_NEXT(*_q_link, field);			\
	*_q_link = SLIST_NEXT(elm, field);				\
} while (0)

/* Append all of head2 to head1, leaving head2 empty.  O(length of head1). */
#define SLIST_CONCAT(head1, head2, type, field) do {			\
	struct type **_q_link = &SLIST_FIRST(head1);			\
	while (*_q_link != NULL)					\
		_q_link = &SLIST_NEXT(*_q_link, field);			\
	*_q_link = SLIST_FIRST(head2);					\
	SLIST_INIT(head2);						\
} while (0)

#define SLIST_SWAP(head1, head2, type) do {				\
	struct type *_q_first = SLIST_FIRST(head1);			\
	SLIST_FIRST(head1) = SLIST_FIRST(head2);			\
	SLIST_FIRST(head2) = _q_first;					\
} while (0)

/* ---- LIST: doubly linked list --------------------------------------- */

/* le_prev points at whatever points at us: the head or the previous le_next. */
#define LIST_HEAD(name, type)						\
struct name {								\
	struct type *lh_first;						\
}
#define LIST_HEAD_INITIALIZER(head) { NULL }
#define LIST_ENTRY(type)						\
struct {								\
	struct type *le_next;						\
	struct type **le_prev;						\
}

#define LIST_FIRST(head)	((head)->lh_first)
#define LIST_END(head)		NULL
#define LIST_EMPTY(head)	(LIST_FIRST(head) == LIST_END(head))
#define LIST_NEXT(elm, field)	((elm)->field.le_next)
#define LIST_PREV(elm, head, type, field)				\
	((elm)->field.le_prev == &LIST_FIRST(head) ? NULL :		\
	    _Q_LINK_OWNER((elm)->field.le_prev, type, field.le_next))

#define LIST_FOREACH(var, head, field)					\
	for ((var) = LIST_FIRST(head);					\
	    (var) != LIST_END(head);					\
	    (var) = LIST_NEXT(var, field))
#define LIST_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = LIST_FIRST(head);					\
	    (var) != LIST_END(head) &&					\
	    ((tvar) = LIST_NEXT(var, field), 1);			\
	    (var) = (tvar))

#define LIST_INIT(head) do {						\
	LIST_FIRST(head) = LIST_END(head);				\
} while (0)

#define LIST_INSERT_HEAD(head, elm, field) do {				\
	LIST_NEXT(elm, field) = LIST_FIRST(head);			\
	if (LIST_NEXT(elm, field) != NULL)				\
		LIST_NEXT(elm, field)->field.le_prev =			\
		    &LIST_NEXT(elm, field);				\
	LIST_FIRST(head) = (elm);					\
	(elm)->field.le_prev = &LIST_FIRST(head);			\
} while (0)

#define LIST_INSERT_AFTER(listelm, elm, field) do {			\
	LIST_NEXT(elm, field) = LIST_NEXT(listelm, field);		\
	if (LIST_NEXT(elm, field) != NULL)				\
		LIST_NEXT(elm, field)->field.le_prev =			\
		    &LIST_NEXT(elm, field);				\
	LIST_NEXT(listelm, field) = (elm);				\
	(elm)->field.le_prev = &LIST_NEXT(listelm, field);		\
} while (0)

#define LIST_INSERT_BEFORE(listelm, elm, field) do {			\
	(elm)->field.le_prev = (listelm)->field.le_prev;		\
	LIST_NEXT(elm, field) = (listelm);				\
	*(listelm)->field.le_prev = (elm);				\
	(listelm)->field.le_prev = &LIST_NEXT(elm, field);		\
} while (0)

#define LIST_REMOVE(elm, field) do {					\
	if (LIST_NEXT(elm, field) != NULL)				\
		LIST_NEXT(elm, field)->field.le_prev =			\
		    (elm)->field.le_prev;				\
	*(elm)->field.le_prev = LIST_NEXT(elm, field);			\
} while (0)

/* Put elm2 where elm is; elm is left unlinked. */
#define LIST_REPLACE(elm, elm2, field) do {				\
	LIST_NEXT(elm2, field) = LIST_NEXT(elm, field);			\
	if (LIST_NEXT(elm2, field) != NULL)				\
		LIST_NEXT(elm2, field)->field.le_prev =			\
		    &LIST_NEXT(elm2, field);				\
	(elm2)->field.le_prev = (elm)->field.le_prev;			\
	*(elm2)->field.le_prev = (elm2);				\
} while (0)

#define LIST_CONCAT(head1, head2, type, field) do {			\
	struct type **_q_link = &LIST_FIRST(head1);			\
	while (*_q_link != NULL)					\
		_q_link = &LIST_NEXT(*_q_link, field);			\
	*_q_link = LIST_FIRST(head2);					\
	if (*_q_link != NULL)						\
		(*_q_link)->field.le_prev = _q_link;			\
	LIST_INIT(head2);						\
} while (0)

/* The first elements point back at their head, so those links move too. */
#define LIST_SWAP(head1, head2, type, field) do {			\
	struct type *_q_first = LIST_FIRST(head1);			\
	LIST_FIRST(head1) = LIST_FIRST(head2);				\
	LIST_FIRST(head2) = _q_first;					\
	if (LIST_FIRST(head1) != NULL)					\
		LIST_FIRST(head1)->field.le_prev = &LIST_FIRST(head1);	\
	if (LIST_FIRST(head2) != NULL)					\
		LIST_FIRST(head2)->field.le_prev = &LIST_FIRST(head2);	\
} while (0)

/* ---- SIMPLEQ: singly linked tail queue (OpenBSD/NetBSD names) -------- */

/* sqh_last points at the last sqe_next, or at sqh_first when empty. */
#define SIMPLEQ_HEAD(name, type)					\
struct name {								\
	struct type *sqh_first;						\
	struct type **sqh_last;						\
}
#define SIMPLEQ_HEAD_INITIALIZER(head) { NULL, &(head).sqh_first }
#define SIMPLEQ_ENTRY(type)						\
struct {								\
	struct type *sqe_next;						\
}

#define SIMPLEQ_FIRST(head)	((head)->sqh_first)
#define SIMPLEQ_END(head)	NULL
#define SIMPLEQ_EMPTY(head)	(SIMPLEQ_FIRST(head) == SIMPLEQ_END(head))
#define SIMPLEQ_NEXT(elm, field) ((elm)->field.sqe_next)
#define SIMPLEQ_LAST(head, type, field)					\
	(SIMPLEQ_EMPTY(head) ? NULL :					\
	    _Q_LINK_OWNER((head)->sqh_last, type, field.sqe_next))

#define SIMPLEQ_FOREACH(var, head, field)				\
	for ((var) = SIMPLEQ_FIRST(head);				\
	    (var) != SIMPLEQ_END(head);					\
	    (var) = SIMPLEQ_NEXT(var, field))
#define SIMPLEQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = SIMPLEQ_FIRST(head);				\
	    (var) != SIMPLEQ_END(head) &&				\
	    ((tvar) = SIMPLEQ_NEXT(var, field), 1);			\
	    (var) = (tvar))

#define SIMPLEQ_INIT(head) do {						\
	SIMPLEQ_FIRST(head) = NULL;					\
	(head)->sqh_last = &SIMPLEQ_FIRST(head);			\
} while (0)

#define SIMPLEQ_INSERT_HEAD(head, elm, field) do {			\
	SIMPLEQ_NEXT(elm, field) = SIMPLEQ_FIRST(head);			\
	if (SIMPLEQ_NEXT(elm, field) == NULL)				\
		(head)->sqh_last = &SIMPLEQ_NEXT(elm, field);		\
	SIMPLEQ_FIRST(head) = (elm);					\
} while (0)

#define SIMPLEQ_INSERT_TAIL(head, elm, field) do {			\
	SIMPLEQ_NEXT(elm, field) = NULL;				\
	*(head)->sqh_last = (elm);					\
	(head)->sqh_last = &SIMPLEQ_NEXT(elm, field);			\
} while (0)

#define SIMPLEQ_INSERT_AFTER(head, listelm, elm, field) do {		\
	SIMPLEQ_NEXT(elm, field) = SIMPLEQ_NEXT(listelm, field);	\
	if (SIMPLEQ_NEXT(elm, field) == NULL)				\
		(head)->sqh_last = &SIMPLEQ_NEXT(elm, field);		\
	SIMPLEQ_NEXT(listelm, field) = (elm);				\
} while (0)

#define SIMPLEQ_REMOVE_HEAD(head, field) do {				\
	SIMPLEQ_FIRST(head) = SIMPLEQ_NEXT(SIMPLEQ_FIRST(head), field);	\
	if (SIMPLEQ_FIRST(head) == NULL)				\
		(head)->sqh_last = &SIMPLEQ_FIRST(head);		\
} while (0)

#define SIMPLEQ_REMOVE_AFTER(head, elm, field) do {			\
	SIMPLEQ_NEXT(elm, field) =					\
	    SIMPLEQ_NEXT(SIMPLEQ_NEXT(elm, field), field);		\
	if (SIMPLEQ_NEXT(elm, field) == NULL)				\
		(head)->sqh_last = &SIMPLEQ_NEXT(elm, field);		\
} while (0)

#define SIMPLEQ_REMOVE(head, elm, type, field) do {			\
	struct type **_q_link = &SIMPLEQ_FIRST(head);			\
	while (*_q_link != (elm))					\
		_q_link = &SIMPLEQ_NEXT(*_q_link, field);		\
	*_q_link = SIMPLEQ_NEXT(elm, field);				\
	if (*_q_link == NULL)						\
		(head)->sqh_last = _q_link;				\
} while (0)

#define SIMPLEQ_CONCAT(head1, head2) do {				\
	if (!SIMPLEQ_EMPTY(head2)) {					\
		*(head1)->sqh_last = SIMPLEQ_FIRST(head2);		\
		(head1)->sqh_last = (head2)->sqh_last;			\
		SIMPLEQ_INIT(head2);					\
	}								\
} while (0)

/* ---- STAILQ: singly linked tail queue (FreeBSD names) ---------------- */

#define STAILQ_HEAD(name, type)						\
struct name {								\
	struct type *stqh_first;					\
	struct type **stqh_last;					\
}
#define STAILQ_HEAD_INITIALIZER(head) { NULL, &(head).stqh_first }
#define STAILQ_ENTRY(type)						\
struct {								\
	struct type *stqe_next;						\
}

#define STAILQ_FIRST(head)	((head)->stqh_first)
#define STAILQ_END(head)	NULL
#define STAILQ_EMPTY(head)	(STAILQ_FIRST(head) == STAILQ_END(head))
#define STAILQ_NEXT(elm, field)	((elm)->field.stqe_next)
#define STAILQ_LAST(head, type, field)					\
	(STAILQ_EMPTY(head) ? NULL :					\
	    _Q_LINK_OWNER((head)->stqh_last, type, field.stqe_next))

#define STAILQ_FOREACH(var, head, field)				\
	for ((var) = STAILQ_FIRST(head);				\
	    (var) != STAILQ_END(head);					\
	    (var) = STAILQ_NEXT(var, field))
#define STAILQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = STAILQ_FIRST(head);				\
	    (var) != STAILQ_END(head) &&				\
	    ((tvar) = STAILQ_NEXT(var, field), 1);			\
	    (var) = (tvar))

#define STAILQ_INIT(head) do {						\
	STAILQ_FIRST(head) = NULL;					\
	(head)->stqh_last = &STAILQ_FIRST(head);			\
} while (0)

#define STAILQ_INSERT_HEAD(head, elm, field) do {			\
	STAILQ_NEXT(elm, field) = STAILQ_FIRST(head);			\
	if (STAILQ_NEXT(elm, field) == NULL)				\
		(head)->stqh_last = &STAILQ_NEXT(elm, field);		\
	STAILQ_FIRST(head) = (elm);					\
} while (0)

#define STAILQ_INSERT_TAIL(head, elm, field) do {			\
	STAILQ_NEXT(elm, field) = NULL;					\
	*(head)->stqh_last = (elm);					\
	(head)->stqh_last = &STAILQ_NEXT(elm, field);			\
} while (0)

#define STAILQ_INSERT_AFTER(head, listelm, elm, field) do {		\
	STAILQ_NEXT(elm, field) = STAILQ_NEXT(listelm, field);		\
	if (STAILQ_NEXT(elm, field) == NULL)				\
		(head)->stqh_last = &STAILQ_NEXT(elm, field);		\
	STAILQ_NEXT(listelm, field) = (elm);				\
} while (0)

#define STAILQ_REMOVE_HEAD(head, field) do {				\
	STAILQ_FIRST(head) = STAILQ_NEXT(STAILQ_FIRST(head), field);	\
	if (STAILQ_FIRST(head) == NULL)					\
		(head)->stqh_last = &STAILQ_FIRST(head);		\
} while (0)

#define STAILQ_REMOVE_AFTER(head, elm, field) do {			\
	STAILQ_NEXT(elm, field) =					\
	    STAILQ_NEXT(STAILQ_NEXT(elm, field), field);		\
	if (STAILQ_NEXT(elm, field) == NULL)				\
		(head)->stqh_last = &STAILQ_NEXT(elm, field);		\
} while (0)

#define STAILQ_REMOVE(head, elm, type, field) do {			\
	struct type **_q_link = &STAILQ_FIRST(head);			\
	while (*_q_link != (elm))					\
		_q_link = &STAILQ_NEXT(*_q_link, field);		\
	*_q_link = STAILQ_NEXT(elm, field);				\
	if (*_q_link == NULL)						\
		(head)->stqh_last = _q_link;				\
} while (0)

#define STAILQ_CONCAT(head1, head2) do {				\
	if (!STAILQ_EMPTY(head2)) {					\
		*(head1)->stqh_last = STAILQ_FIRST(head2);		\
		(head1)->stqh_last = (head2)->stqh_last;		\
		STAILQ_INIT(head2);					\
	}								\
} while (0)

/* An empty queue's last pointer points into its own head: re-aim it. */
#define STAILQ_SWAP(head1, head2, type) do {				\
	struct type *_q_first = STAILQ_FIRST(head1);			\
	struct type **_q_last = (head1)->stqh_last;			\
	STAILQ_FIRST(head1) = STAILQ_FIRST(head2);			\
	(head1)->stqh_last = (head2)->stqh_last;			\
	STAILQ_FIRST(head2) = _q_first;					\
	(head2)->stqh_last = _q_last;					\
	if (STAILQ_EMPTY(head1))					\
		(head1)->stqh_last = &STAILQ_FIRST(head1);		\
	if (STAILQ_EMPTY(head2))					\
		(head2)->stqh_last = &STAILQ_FIRST(head2);		\
} while (0)

/* ---- TAILQ: doubly linked tail queue -------------------------------- */

/*
 * tqe_prev points at the link that points at us.  The head and each entry
 * have the same layout (a forward pointer, then a pointer to a link), so a
 * link can be viewed as a head: its tqh_last is then the previous element's
 * back link.  That is how TAILQ_LAST and TAILQ_PREV manage with only the
 * head's struct name, which is the interface programs use.
 */
#define TAILQ_HEAD(name, type)						\
struct name {								\
	struct type *tqh_first;						\
	struct type **tqh_last;						\
}
#define TAILQ_HEAD_INITIALIZER(head) { NULL, &(head).tqh_first }
#define TAILQ_ENTRY(type)						\
struct {								\
	struct type *tqe_next;						\
	struct type **tqe_prev;						\
}

#define TAILQ_FIRST(head)	((head)->tqh_first)
#define TAILQ_END(head)		NULL
#define TAILQ_EMPTY(head)	(TAILQ_FIRST(head) == TAILQ_END(head))
#define TAILQ_NEXT(elm, field)	((elm)->field.tqe_next)
#define TAILQ_LAST(head, headname)					\
	(*(((struct headname *)(void *)((head)->tqh_last))->tqh_last))
#define TAILQ_PREV(elm, headname, field)				\
	(*(((struct headname *)(void *)((elm)->field.tqe_prev))->tqh_last))

#define TAILQ_FOREACH(var, head, field)					\
	for ((var) = TAILQ_FIRST(head);					\
	    (var) != TAILQ_END(head);					\
	    (var) = TAILQ_NEXT(var, field))
#define TAILQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = TAILQ_FIRST(head);					\
	    (var) != TAILQ_END(head) &&					\
	    ((tvar) = TAILQ_NEXT(var, field), 1);			\
	    (var) = (tvar))
#define TAILQ_FOREACH_REVERSE(var, head, headname, field)		\
	for ((var) = TAILQ_LAST(head, headname);			\
	    (var) != TAILQ_END(head);					\
	    (var) = TAILQ_PREV(var, headname, field))
#define TAILQ_FOREACH_REVERSE_SAFE(var, head, headname, field, tvar)	\
	for ((var) = TAILQ_LAST(head, headname);			\
	    (var) != TAILQ_END(head) &&					\
	    ((tvar) = TAILQ_PREV(var, headname, field), 1);		\
	    (var) = (tvar))

#define TAILQ_INIT(head) do {						\
	TAILQ_FIRST(head) = NULL;					\
	(head)->tqh_last = &TAILQ_FIRST(head);				\
} while (0)

#define TAILQ_INSERT_HEAD(head, elm, field) do {			\
	TAILQ_NEXT(elm, field) = TAILQ_FIRST(head);			\
	if (TAILQ_NEXT(elm, field) != NULL)				\
		TAILQ_NEXT(elm, field)->field.tqe_prev =		\
		    &TAILQ_NEXT(elm, field);				\
	else								\
		(head)->tqh_last = &TAILQ_NEXT(elm, field);		\
	TAILQ_FIRST(head) = (elm);					\
	(elm)->field.tqe_prev = &TAILQ_FIRST(head);			\
} while (0)

#define TAILQ_INSERT_TAIL(head, elm, field) do {			\
	TAILQ_NEXT(elm, field) = NULL;					\
	(elm)->field.tqe_prev = (head)->tqh_last;			\
	*(head)->tqh_last = (elm);					\
	(head)->tqh_last = &TAILQ_NEXT(elm, field);			\
} while (0)

#define TAILQ_INSERT_AFTER(head, listelm, elm, field) do {		\
	TAILQ_NEXT(elm, field) = TAILQ_NEXT(listelm, field);		\
	if (TAILQ_NEXT(elm, field) != NULL)				\
		TAILQ_NEXT(elm, field)->field.tqe_prev =		\
		    &TAILQ_NEXT(elm, field);				\
	else								\
		(head)->tqh_last = &TAILQ_NEXT(elm, field);		\
	TAILQ_NEXT(listelm, field) = (elm);				\
	(elm)->field.tqe_prev = &TAILQ_NEXT(listelm, field);		\
} while (0)

#define TAILQ_INSERT_BEFORE(listelm, elm, field) do {			\
	(elm)->field.tqe_prev = (listelm)->field.tqe_prev;		\
	TAILQ_NEXT(elm, field) = (listelm);				\
	*(listelm)->field.tqe_prev = (elm);				\
	(listelm)->field.tqe_prev = &TAILQ_NEXT(elm, field);		\
} while (0)

#define TAILQ_REMOVE(head, elm, field) do {				\
	if (TAILQ_NEXT(elm, field) != NULL)				\
		TAILQ_NEXT(elm, field)->field.tqe_prev =		\
		    (elm)->field.tqe_prev;				\
	else								\
		(head)->tqh_last = (elm)->field.tqe_prev;		\
	*(elm)->field.tqe_prev = TAILQ_NEXT(elm, field);		\
} while (0)

#define TAILQ_REPLACE(head, elm, elm2, field) do {			\
	TAILQ_NEXT(elm2, field) = TAILQ_NEXT(elm, field);		\
	if (TAILQ_NEXT(elm2, field) != NULL)				\
		TAILQ_NEXT(elm2, field)->field.tqe_prev =		\
		    &TAILQ_NEXT(elm2, field);				\
	else								\
		(head)->tqh_last = &TAILQ_NEXT(elm2, field);		\
	(elm2)->field.tqe_prev = (elm)->field.tqe_prev;			\
	*(elm2)->field.tqe_prev = (elm2);				\
} while (0)

/* Append all of head2 to head1 in O(1), leaving head2 empty. */
#define TAILQ_CONCAT(head1, head2, field) do {				\
	if (!TAILQ_EMPTY(head2)) {					\
		*(head1)->tqh_last = TAILQ_FIRST(head2);		\
		TAILQ_FIRST(head2)->field.tqe_prev = (head1)->tqh_last;	\
		(head1)->tqh_last = (head2)->tqh_last;			\
		TAILQ_INIT(head2);					\
	}								\
} while (0)

/* Both the first element's back link and an empty head's tail point into
 * the head itself, so they follow the swap. */
#define TAILQ_SWAP(head1, head2, type, field) do {			\
	struct type *_q_first = TAILQ_FIRST(head1);			\
	struct type **_q_last = (head1)->tqh_last;			\
	TAILQ_FIRST(head1) = TAILQ_FIRST(head2);			\
	(head1)->tqh_last = (head2)->tqh_last;				\
	TAILQ_FIRST(head2) = _q_first;					\
	(head2)->tqh_last = _q_last;					\
	if (TAILQ_FIRST(head1) != NULL)					\
		TAILQ_FIRST(head1)->field.tqe_prev = &TAILQ_FIRST(head1); \
	else								\
		(head1)->tqh_last = &TAILQ_FIRST(head1);		\
	if (TAILQ_FIRST(head2) != NULL)					\
		TAILQ_FIRST(head2)->field.tqe_prev = &TAILQ_FIRST(head2); \
	else								\
		(head2)->tqh_last = &TAILQ_FIRST(head2);		\
} while (0)

/* ---- CIRCLEQ: circular queue ---------------------------------------- */

/*
 * The head is the ring's sentinel: the last element's cqe_next and the first
 * element's cqe_prev hold the head's address, which is also CIRCLEQ_END.
 * That address has the wrong type for the element pointers, so it travels
 * as void *; this family therefore works in C but not in C++.
 */
#define CIRCLEQ_HEAD(name, type)					\
struct name {								\
	struct type *cqh_first;						\
	struct type *cqh_last;						\
}
#define CIRCLEQ_HEAD_INITIALIZER(head)					\
	{ CIRCLEQ_END(&(head)), CIRCLEQ_END(&(head)) }
#define CIRCLEQ_ENTRY(type)						\
struct {								\
	struct type *cqe_next;						\
	struct type *cqe_prev;						\
}

#define CIRCLEQ_FIRST(head)	((head)->cqh_first)
#define CIRCLEQ_LAST(head)	((head)->cqh_last)
#define CIRCLEQ_END(head)	((void *)(head))
#define CIRCLEQ_NEXT(elm, field) ((elm)->field.cqe_next)
#define CIRCLEQ_PREV(elm, field) ((elm)->field.cqe_prev)
#define CIRCLEQ_EMPTY(head)						\
	(CIRCLEQ_FIRST(head) == CIRCLEQ_END(head))

#define CIRCLEQ_FOREACH(var, head, field)				\
	for ((var) = CIRCLEQ_FIRST(head);				\
	    (var) != CIRCLEQ_END(head);					\
	    (var) = CIRCLEQ_NEXT(var, field))
#define CIRCLEQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = CIRCLEQ_FIRST(head);				\
	    (var) != CIRCLEQ_END(head) &&				\
	    ((tvar) = CIRCLEQ_NEXT(var, field), 1);			\
	    (var) = (tvar))
#define CIRCLEQ_FOREACH_REVERSE(var, head, field)			\
	for ((var) = CIRCLEQ_LAST(head);				\
	    (var) != CIRCLEQ_END(head);					\
	    (var) = CIRCLEQ_PREV(var, field))
#define CIRCLEQ_FOREACH_REVERSE_SAFE(var, head, field, tvar)		\
	for ((var) = CIRCLEQ_LAST(head);				\
	    (var) != CIRCLEQ_END(head) &&				\
	    ((tvar) = CIRCLEQ_PREV(var, field), 1);			\
	    (var) = (tvar))

#define CIRCLEQ_INIT(head) do {						\
	CIRCLEQ_FIRST(head) = CIRCLEQ_END(head);			\
	CIRCLEQ_LAST(head) = CIRCLEQ_END(head);				\
} while (0)

#define CIRCLEQ_INSERT_AFTER(head, listelm, elm, field) do {		\
	CIRCLEQ_NEXT(elm, field) = CIRCLEQ_NEXT(listelm, field);	\
	CIRCLEQ_PREV(elm, field) = (listelm);				\
	if (CIRCLEQ_NEXT(listelm, field) == CIRCLEQ_END(head))		\
		CIRCLEQ_LAST(head) = (elm);				\
	else								\
		CIRCLEQ_NEXT(listelm, field)->field.cqe_prev = (elm);	\
	CIRCLEQ_NEXT(listelm, field) = (elm);				\
} while (0)

#define CIRCLEQ_INSERT_BEFORE(head, listelm, elm, field) do {		\
	CIRCLEQ_NEXT(elm, field) = (listelm);				\
	CIRCLEQ_PREV(elm, field) = CIRCLEQ_PREV(listelm, field);	\
	if (CIRCLEQ_PREV(listelm, field) == CIRCLEQ_END(head))		\
		CIRCLEQ_FIRST(head) = (elm);				\
	else								\
		CIRCLEQ_PREV(listelm, field)->field.cqe_next = (elm);	\
	CIRCLEQ_PREV(listelm, field) = (elm);				\
} while (0)

#define CIRCLEQ_INSERT_HEAD(head, elm, field) do {			\
	CIRCLEQ_NEXT(elm, field) = CIRCLEQ_FIRST(head);			\
	CIRCLEQ_PREV(elm, field) = CIRCLEQ_END(head);			\
	if (CIRCLEQ_LAST(head) == CIRCLEQ_END(head))			\
		CIRCLEQ_LAST(head) = (elm);				\
	else								\
		CIRCLEQ_FIRST(head)->field.cqe_prev = (elm);		\
	CIRCLEQ_FIRST(head) = (elm);					\
} while (0)

#define CIRCLEQ_INSERT_TAIL(head, elm, field) do {			\
	CIRCLEQ_NEXT(elm, field) = CIRCLEQ_END(head);			\
	CIRCLEQ_PREV(elm, field) = CIRCLEQ_LAST(head);			\
	if (CIRCLEQ_FIRST(head) == CIRCLEQ_END(head))			\
		CIRCLEQ_FIRST(head) = (elm);				\
	else								\
		CIRCLEQ_LAST(head)->field.cqe_next = (elm);		\
	CIRCLEQ_LAST(head) = (elm);					\
} while (0)

#define CIRCLEQ_REMOVE(head, elm, field) do {				\
	if (CIRCLEQ_NEXT(elm, field) == CIRCLEQ_END(head))		\
		CIRCLEQ_LAST(head) = CIRCLEQ_PREV(elm, field);		\
	else								\
		CIRCLEQ_NEXT(elm, field)->field.cqe_prev =		\
		    CIRCLEQ_PREV(elm, field);				\
	if (CIRCLEQ_PREV(elm, field) == CIRCLEQ_END(head))		\
		CIRCLEQ_FIRST(head) = CIRCLEQ_NEXT(elm, field);		\
	else								\
		CIRCLEQ_PREV(elm, field)->field.cqe_next =		\
		    CIRCLEQ_NEXT(elm, field);				\
} while (0)

#define CIRCLEQ_REPLACE(head, elm, elm2, field) do {			\
	CIRCLEQ_NEXT(elm2, field) = CIRCLEQ_NEXT(elm, field);		\
	CIRCLEQ_PREV(elm2, field) = CIRCLEQ_PREV(elm, field);		\
	if (CIRCLEQ_NEXT(elm2, field) == CIRCLEQ_END(head))		\
		CIRCLEQ_LAST(head) = (elm2);				\
	else								\
		CIRCLEQ_NEXT(elm2, field)->field.cqe_prev = (elm2);	\
	if (CIRCLEQ_PREV(elm2, field) == CIRCLEQ_END(head))		\
		CIRCLEQ_FIRST(head) = (elm2);				\
	else								\
		CIRCLEQ_PREV(elm2, field)->field.cqe_next = (elm2);	\
} while (0)

#endif /* _SYS_QUEUE_H_ */
