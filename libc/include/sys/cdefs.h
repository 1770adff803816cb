/*
 * <sys/cdefs.h> for x86_64-unikernel.
 *
 * musl ships no <sys/cdefs.h>, yet a great deal of BSD-derived code includes
 * it for its declaration brackets and attribute shorthands.  This file gives
 * those programs the names they expect.  Every macro is defined only if
 * nobody (musl, gcc, an earlier header, the program) has defined it already,
 * so it can be included in any order.  __BSD_VISIBLE and friends are left to
 * the program: musl decides visibility through its own feature macros.
 */

/*
 * Tried with a host compiler on a glibc system, this file shadows glibc's
 * own <sys/cdefs.h>, which every glibc header needs.  <features.h> tells the
 * libcs apart: glibc's defines __GLIBC__ and then includes <sys/cdefs.h>
 * (this file, re-entered), and on that pass we pull in the real one.  The
 * guard is set only after the first block so that the re-entered pass does
 * the whole job.  Our own target (__unikernel__) is musl and skips all this,
 * so that including this file does not fix musl's feature defaults early.
 */
#if !defined(_UK_SYS_CDEFS_H) && !defined(__unikernel__)
#include <features.h>
#endif

#ifndef _UK_SYS_CDEFS_H
#define _UK_SYS_CDEFS_H

#ifdef __GLIBC__
#pragma GCC system_header
#include_next <sys/cdefs.h>
#endif

/* C++ needs C linkage for C declarations; C needs nothing. */
#ifndef __BEGIN_DECLS
#ifdef __cplusplus
#define __BEGIN_DECLS extern "C" {
#define __END_DECLS   }
#else
#define __BEGIN_DECLS
#define __END_DECLS
#endif
#endif

/* Old K&R-compatible prototypes: every compiler we meet takes real ones. */
#ifndef __P
#define __P(protos) protos
#endif

#ifndef __CONCAT
#define __CONCAT(x, y) x ## y
#endif
#ifndef __STRING
#define __STRING(x) #x
#endif
/* Two levels so that a macro argument is expanded before it is quoted. */
#ifndef __XSTRING
#define __XSTRING(x) __STRING(x)
#endif

/*
 * gcc and clang know __const, __inline, __restrict... as keywords; only a
 * compiler that does not needs them spelled out.  __inline and __restrict
 * mirror musl's <features.h> token for token, so a second definition there is
 * not a conflicting one.
 */
#ifndef __GNUC__
#ifndef __const
#define __const const
#endif
#ifndef __signed
#define __signed signed
#endif
#ifndef __volatile
#define __volatile volatile
#endif
#ifndef __inline
#if (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) || \
    defined(__cplusplus)
#define __inline inline
#else
#define __inline
#endif
#endif
#ifndef __restrict
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define __restrict restrict
#else
#define __restrict
#endif
#endif
#endif /* !__GNUC__ */

/* Compiler version test in the BSD spelling (glibc's is __GNUC_PREREQ). */
#ifndef __GNUC_PREREQ__
#ifdef __GNUC__
#define __GNUC_PREREQ__(ma, mi) \
	(__GNUC__ > (ma) || (__GNUC__ == (ma) && __GNUC_MINOR__ >= (mi)))
#else
#define __GNUC_PREREQ__(ma, mi) 0
#endif
#endif

/*
 * Attribute shorthands.  Without a GNU-compatible compiler they vanish: they
 * only help diagnostics and code generation, never meaning (except __packed
 * and __aligned, which such a compiler could not honour anyway).
 */
#ifdef __GNUC__
#define _UK_ATTR(x) __attribute__(x)
#else
#define _UK_ATTR(x)
#endif

#ifndef __dead2
#define __dead2 _UK_ATTR((__noreturn__))
#endif
/* OpenBSD writes it before the declaration: __dead void usage(void); */
#ifndef __dead
#define __dead _UK_ATTR((__noreturn__))
#endif
/* BSD's "pure2" is gcc's stronger "const": result depends on arguments only. */
#ifndef __pure2
#define __pure2 _UK_ATTR((__const__))
#endif
#ifndef __used
#define __used _UK_ATTR((__used__))
#endif
#ifndef __packed
#define __packed _UK_ATTR((__packed__))
#endif
#ifndef __aligned
#define __aligned(x) _UK_ATTR((__aligned__(x)))
#endif
#ifndef __section
#define __section(x) _UK_ATTR((__section__(x)))
#endif
#ifndef __printflike
#define __printflike(fmtarg, firstvararg) \
	_UK_ATTR((__format__(__printf__, fmtarg, firstvararg)))
#endif
#ifndef __scanflike
#define __scanflike(fmtarg, firstvararg) \
	_UK_ATTR((__format__(__scanf__, fmtarg, firstvararg)))
#endif
#ifndef __format_arg
#define __format_arg(fmtarg) _UK_ATTR((__format_arg__(fmtarg)))
#endif
#ifndef __noinline
#define __noinline _UK_ATTR((__noinline__))
#endif
/* glibc's meaning (it implies inline), which is also what Linux code expects. */
#ifndef __always_inline
#define __always_inline __inline _UK_ATTR((__always_inline__))
#endif
#ifndef __returns_twice
#define __returns_twice _UK_ATTR((__returns_twice__))
#endif
#ifndef __weak_symbol
#define __weak_symbol _UK_ATTR((__weak__))
#endif

/*
 * BSD style takes the argument numbers directly: __nonnull(1, 2).  Variadic
 * macros are C99 and C++11; older dialects get the one-argument form.
 */
#ifndef __nonnull
#if (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L) || \
    (defined(__cplusplus) && __cplusplus >= 201103L)
#define __nonnull(...) _UK_ATTR((__nonnull__(__VA_ARGS__)))
#else
#define __nonnull(x) _UK_ATTR((__nonnull__(x)))
#endif
#endif

/*
 * __unused is NOT defined unless asked for with _UK_CDEFS_UNUSED.  musl
 * itself names struct members __unused (struct stat, struct utmpx, struct
 * mq_attr, IPC structs, struct icmphdr), so the macro would break every later
 * #include <sys/stat.h>.  A program that wants it and includes those headers
 * first can define _UK_CDEFS_UNUSED before including this file.
 */
#if defined(_UK_CDEFS_UNUSED) && !defined(__unused)
#define __unused _UK_ATTR((__unused__))
#endif

/* Branch hints.  "!= 0" lets a pointer or any scalar be tested. */
#ifndef __predict_true
#ifdef __GNUC__
#define __predict_true(e)  __builtin_expect((e) != 0, 1)
#define __predict_false(e) __builtin_expect((e) != 0, 0)
#else
#define __predict_true(e)  ((e) != 0)
#define __predict_false(e) ((e) != 0)
#endif
#endif

#ifndef __offsetof
#ifdef __GNUC__
#define __offsetof(type, member) __builtin_offsetof(type, member)
#else
#define __offsetof(type, member) ((unsigned long)&((type *)0)->member)
#endif
#endif

/*
 * Casting away qualifiers through an integer keeps -Wcast-qual quiet; that
 * is the whole point of these macros, so the round trip is intended.
 */
#ifdef __UINTPTR_TYPE__
#define _UK_UINTPTR __UINTPTR_TYPE__
#else
#define _UK_UINTPTR unsigned long
#endif
#ifndef __DECONST
#define __DECONST(type, var) ((type)(_UK_UINTPTR)(const void *)(var))
#endif
#ifndef __DEVOLATILE
#define __DEVOLATILE(type, var) ((type)(_UK_UINTPTR)(volatile void *)(var))
#endif
#ifndef __DEQUALIFY
#define __DEQUALIFY(type, var) \
	((type)(_UK_UINTPTR)(const volatile void *)(var))
#endif
/* NetBSD's spelling of __DECONST for plain void pointers. */
#ifndef __UNCONST
#define __UNCONST(a) ((void *)(_UK_UINTPTR)(const void *)(a))
#endif

/* From a pointer to member m of an s, back to the s (whatever x's qualifiers). */
#ifndef __containerof
#define __containerof(x, s, m) \
	__DEQUALIFY(s *, (const volatile char *)(x) - __offsetof(s, m))
#endif

#ifndef __arraycount
#define __arraycount(a) (sizeof(a) / sizeof((a)[0]))
#endif

/*
 * Version-control stamps.  BSD embeds them in the object; we drop them.  A
 * stray ";" follows every use at file scope, so expand to a declaration that
 * needs one (an incomplete struct may be declared any number of times).
 */
#ifndef __IDSTRING
#define __IDSTRING(name, s) struct _uk_idstring_ignored
#endif
#ifndef __RCSID
#define __RCSID(s) struct _uk_idstring_ignored
#endif
#ifndef __FBSDID
#define __FBSDID(s) struct _uk_idstring_ignored
#endif
#ifndef __COPYRIGHT
#define __COPYRIGHT(s) struct _uk_idstring_ignored
#endif
#ifndef __SCCSID
#define __SCCSID(s) struct _uk_idstring_ignored
#endif

#endif /* _UK_SYS_CDEFS_H */
