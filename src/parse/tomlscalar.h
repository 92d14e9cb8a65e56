/* tomlscalar: TOML's strings, numbers, dates and times, each read at a
 * cursor; the tables and arrays around them are toml.c's. Pure.
 *
 * On failure a function returns -1 and sets err (a msgid, N_()-marked,
 * for the caller to translate) and err_at (where it went wrong); the
 * cursor is then left anywhere. */
#ifndef SAITTI_TOMLSCALAR_H
#define SAITTI_TOMLSCALAR_H

#include <stddef.h>

#include "../core/buf.h"

struct tomlcur {
	const char *p, *end;
	buf *sb;               /* where strings are read into */
	const char *err, *err_at;
};

struct tomlnum {
	int is_int;
	long long i;           /* when is_int */
	double d;              /* otherwise (inf and nan too) */
};

/* The whole text must be UTF-8 without overlong forms or surrogates: the
 * first bad byte, or NULL. */
const char *tomlscalar_bad_utf8(const char *s, const char *end);
/* "…", """…""" (multi), '…', '''…''' at p, into *sb (reset first). */
int tomlscalar_basic(struct tomlcur *t, int multi);
int tomlscalar_literal(struct tomlcur *t, int multi);
/* An integer (decimal, 0x, 0o, 0b) or a float (inf, nan too). */
int tomlscalar_number(struct tomlcur *t, struct tomlnum *out);
/* A date, time or both, appended to out in RFC 3339's shape (T, Z and
 * the seconds filled in); *subkind a VSUB_… of core/value.h. */
int tomlscalar_datetime(struct tomlcur *t, buf *out, int *subkind);
/* 1 when p starts like a date or a time (digits then '-' or ':'). */
int tomlscalar_looks_like_date(const struct tomlcur *t);

#endif
