#include "tomlscalar.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/value.h"

/* The first failure is kept; later ones (there are none: the caller
 * stops) would not replace it. Returns -1 for `return cfail(…)`. */
static int cfail(struct tomlcur *t, const char *at, const char *msg)
{
	if (!t->err) {
		t->err = msg;
		t->err_at = at;
	}
	return -1;
}

static int peek(const struct tomlcur *t)
{
	return t->p < t->end ? (unsigned char)*t->p : -1;
}

static int peek_at(const struct tomlcur *t, size_t n)
{
	return (size_t)(t->end - t->p) > n ? (unsigned char)t->p[n] : -1;
}

static void skip_ws(struct tomlcur *t)
{
	while (peek(t) == ' ' || peek(t) == '\t')
		t->p++;
}

static int newline(struct tomlcur *t)
{
	if (peek(t) == '\n') {
		t->p++;
		return 1;
	}
	if (peek(t) == '\r' && peek_at(t, 1) == '\n') {
		t->p += 2;
		return 1;
	}
	return 0;
}

static int is_bare(int ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

static int is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

/* The whole text must be UTF-8 without overlong forms or surrogates. */
const char *tomlscalar_bad_utf8(const char *s, const char *end)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *e = (const unsigned char *)end;
	while (p < e) {
		unsigned c = *p;
		int n;
		unsigned cp;
		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return (const char *)p;
		}
		if (e - p <= n)
			return (const char *)p;
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return (const char *)p;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return (const char *)p;
		p += n + 1;
	}
	return NULL;
}

static void put_utf8(buf *b, unsigned cp)
{
	char o[4];
	int n;
	if (cp < 0x80) {
		o[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		o[0] = (char)(0xF0 | cp >> 18);
		o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_put(b, o, (size_t)n);
}

/* Strings. */

static int hex_escape(struct tomlcur *t, int n)
{
	unsigned cp = 0;
	const char *at = t->p - 2;
	for (int i = 0; i < n; i++) {
		int ch = peek(t);
		int v = is_digit(ch) ? ch - '0' : (ch | 0x20) >= 'a' &&
		    (ch | 0x20) <= 'f' ? (ch | 0x20) - 'a' + 10 : -1;
		if (v < 0) {
			cfail(t, at, N_("an escape \\x, \\u or \\U needs 2, 4 or "
			    "8 hexadecimal digits"));
			return -1;
		}
		cp = cp << 4 | (unsigned)v;
		t->p++;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		cfail(t, at, N_("the escape is not a Unicode character: write "
		    "a code point up to \\U0010FFFF, not a surrogate"));
		return -1;
	}
	put_utf8(t->sb, cp);
	return 0;
}

/* A character that may not appear raw in a string: controls but tab (and
 * line ends, in multi-line strings), and DEL. */
static int bad_in_string(struct tomlcur *t, int multi)
{
	int ch = peek(t);
	if (ch == '\t')
		return 0;
	if (multi && (ch == '\n' || (ch == '\r' && peek_at(t, 1) == '\n')))
		return 0;
	return (ch >= 0 && ch < 0x20) || ch == 0x7F;
}

int tomlscalar_basic(struct tomlcur *t, int multi)
{
	const char *open = t->p;
	t->p += multi ? 3 : 1;
	buf_reset(t->sb);
	if (multi)
		newline(t);
	for (;;) {
		int ch = peek(t);
		if (ch < 0) {
			cfail(t, open, N_("text in quotes is not closed: add "
			    "the closing quote"));
			return -1;
		}
		if (ch == '"') {
			if (!multi) {
				t->p++;
				return 0;
			}
			if (peek_at(t, 1) == '"' && peek_at(t, 2) == '"') {
				/* Up to two quotes may end the text itself. */
				int extra = 0;
				while (extra < 2 && peek_at(t, 3 + extra) == '"')
					extra++;
				buf_put(t->sb, "\"\"", (size_t)extra);
				t->p += 3 + extra;
				return 0;
			}
			buf_putc(t->sb, '"');
			t->p++;
			continue;
		}
		if (bad_in_string(t, multi)) {
			if (ch == '\n' || ch == '\r')
				cfail(t, t->p, N_("a line break inside \"…\": close "
				    "the text on the same line, or use \"\"\"…\"\"\" "
				    "for text on several lines"));
			else
				cfail(t, t->p, N_("a control character inside "
				    "text in quotes: write it as an escape like "
				    "\\u0007"));
			return -1;
		}
		if (ch != '\\') {
			if (multi && ch == '\r')
				t->p++;  /* CRLF is kept as LF */
			else
				buf_putc(t->sb, *t->p++);
			continue;
		}
		const char *esc = t->p++;
		ch = peek(t);
		if (ch < 0) {
			cfail(t, open, N_("text in quotes is not closed: add "
			    "the closing quote"));
			return -1;
		}
		t->p++;
		switch (ch) {
		case 'b': buf_putc(t->sb, '\b'); break;
		case 't': buf_putc(t->sb, '\t'); break;
		case 'n': buf_putc(t->sb, '\n'); break;
		case 'f': buf_putc(t->sb, '\f'); break;
		case 'r': buf_putc(t->sb, '\r'); break;
		case 'e': buf_putc(t->sb, '\x1B'); break;
		case '"': buf_putc(t->sb, '"'); break;
		case '\\': buf_putc(t->sb, '\\'); break;
		case 'x': if (hex_escape(t, 2)) return -1; break;
		case 'u': if (hex_escape(t, 4)) return -1; break;
		case 'U': if (hex_escape(t, 8)) return -1; break;
		default:
			if (multi) {
				/* A backslash at a line end joins the lines,
				 * dropping the spaces around the break. */
				t->p = esc + 1;
				skip_ws(t);
				if (newline(t)) {
					for (;;) {
						skip_ws(t);
						if (!newline(t))
							break;
					}
					continue;
				}
			}
			cfail(t, esc, N_("unknown escape: write \\\\ for a "
			    "backslash, or one of \\n \\t \\\" \\uXXXX"));
			return -1;
		}
	}
}

int tomlscalar_literal(struct tomlcur *t, int multi)
{
	const char *open = t->p;
	t->p += multi ? 3 : 1;
	buf_reset(t->sb);
	if (multi)
		newline(t);
	for (;;) {
		int ch = peek(t);
		if (ch < 0) {
			cfail(t, open, N_("text in quotes is not closed: add "
			    "the closing quote"));
			return -1;
		}
		if (ch == '\'') {
			if (!multi) {
				t->p++;
				return 0;
			}
			if (peek_at(t, 1) == '\'' && peek_at(t, 2) == '\'') {
				int extra = 0;
				while (extra < 2 && peek_at(t, 3 + extra) == '\'')
					extra++;
				buf_put(t->sb, "''", (size_t)extra);
				t->p += 3 + extra;
				return 0;
			}
		}
		if (bad_in_string(t, multi)) {
			if (ch == '\n' || ch == '\r')
				cfail(t, t->p, N_("a line break inside '…': close "
				    "the text on the same line, or use '''…''' for "
				    "text on several lines"));
			else
				cfail(t, t->p, N_("a control character inside "
				    "text in quotes: remove it"));
			return -1;
		}
		if (multi && ch == '\r')
			t->p++;
		else
			buf_putc(t->sb, *t->p++);
	}
}

static int digits_ok(const char *s, const char *e, int hex)
{
	/* Underscores only between two digits. */
	if (s == e)
		return 0;
	for (const char *q = s; q < e; q++) {
		int ch = (unsigned char)*q;
		int dig = hex ? is_digit(ch) || ((ch | 0x20) >= 'a' &&
		    (ch | 0x20) <= 'f') : is_digit(ch);
		if (dig)
			continue;
		if (ch != '_' || q == s || q + 1 == e || q[1] == '_')
			return 0;
	}
	return 1;
}

/* s..e without its underscores, in b. */
static const char *copy_digits(buf *b, const char *s, const char *e)
{
	buf_reset(b);
	buf_grow(b, (size_t)(e - s) + 1);
	char *o = b->data;
	size_t n = 0;
	for (const char *q = s; q < e; q++)
		if (*q != '_')
			o[n++] = *q;
	o[n] = '\0';
	return o;
}

static const char *const MSG_NUMBER = N_("not a number: write digits with "
    "at most one '_' between two of them, like 1_000, 3.14 or 1e6, "
    "without leading zeros");

int tomlscalar_number(struct tomlcur *t, struct tomlnum *out)
{
	const char *s = t->p;
	buf db = BUF_INIT;
	int rc = 0;
	if (peek(t) == '+' || peek(t) == '-')
		t->p++;
	/* Signs may follow an exponent's e. */
	while (t->p < t->end && (is_bare(*t->p) || *t->p == '.' ||
	    ((*t->p == '+' || *t->p == '-') && (t->p[-1] | 0x20) == 'e')))
		t->p++;
	const char *e = t->p;
	const char *q = s;
	int neg = 0, sign = 0;
	if (*q == '+' || *q == '-') {
		neg = *q == '-';
		sign = 1;
		q++;
	}
	size_t rest = (size_t)(e - q);
	if (rest == 3 && (memcmp(q, "inf", 3) == 0 ||
	    memcmp(q, "nan", 3) == 0)) {
		out->is_int = 0;
		out->d = q[0] == 'i' ? (neg ? -INFINITY : INFINITY) :
		    (neg ? -NAN : NAN);
		return 0;
	}
	if (rest > 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'o' ||
	    q[1] == 'b')) {
		int base = q[1] == 'x' ? 16 : q[1] == 'o' ? 8 : 2;
		if (sign || !digits_ok(q + 2, e, base == 16))
			goto bad;
		const char *ds = copy_digits(&db, q + 2, e);
		for (const char *c = ds; *c; c++)
			if ((base == 8 && *c > '7') || (base == 2 && *c > '1'))
				goto bad;
		errno = 0;
		char *end;
		unsigned long long u = strtoull(ds, &end, base);
		if (*end)
			goto bad;
		if (errno || u > INT64_MAX)
			goto range;
		out->is_int = 1;
		out->i = (long long)u;
		goto done;
	}
	/* Decimal: int part, optional .frac, optional exponent. */
	const char *ip = q;
	while (q < e && (is_digit(*q) || *q == '_'))
		q++;
	if (!digits_ok(ip, q, 0) || (ip[0] == '0' && q - ip > 1))
		goto bad;
	int is_float = 0;
	if (q < e && *q == '.') {
		const char *fs = ++q;
		while (q < e && (is_digit(*q) || *q == '_'))
			q++;
		if (!digits_ok(fs, q, 0))
			goto bad;
		is_float = 1;
	}
	if (q < e && (*q | 0x20) == 'e') {
		q++;
		if (q < e && (*q == '+' || *q == '-'))
			q++;
		const char *xs = q;
		while (q < e && (is_digit(*q) || *q == '_'))
			q++;
		if (!digits_ok(xs, q, 0))
			goto bad;
		is_float = 1;
	}
	if (q != e)
		goto bad;
	const char *ds = copy_digits(&db, s, e);
	char *end;
	errno = 0;
	if (is_float) {
		out->is_int = 0;
		out->d = strtod(ds, &end);
		goto done;
	}
	out->is_int = 1;
	out->i = strtoll(ds, &end, 10);
	if (errno)
		goto range;
	goto done;
bad:
	rc = cfail(t, s, MSG_NUMBER);
	goto done;
range:
	rc = cfail(t, s, N_("the integer is too large: integers go from "
	    "-9223372036854775808 to 9223372036854775807"));
done:
	buf_free(&db);
	return rc;
}

/* Dates and times, checked and written back in RFC 3339's shape. */

static int fixed(const char **q, const char *e, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*q)++) {
		if (*q >= e || !is_digit(**q))
			return 0;
		*v = *v * 10 + (**q - '0');
	}
	return 1;
}

static int mdays(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

/* HH:MM[:SS[.frac]] at *q; appends "HH:MM:SS[.frac]" to b. */
static int time_part(const char **q, const char *e, buf *b)
{
	int h, mi, sec = 0;
	if (!fixed(q, e, 2, &h) || *q >= e || **q != ':' ||
	    (++*q, !fixed(q, e, 2, &mi)))
		return 0;
	if (*q < e && **q == ':') {
		++*q;
		if (!fixed(q, e, 2, &sec))
			return 0;
	}
	if (h > 23 || mi > 59 || sec > 60)
		return 0;
	buf_printf(b, "%02d:%02d:%02d", h, mi, sec);
	if (*q < e && **q == '.') {
		const char *f = ++*q;
		while (*q < e && is_digit(**q))
			++*q;
		if (*q == f)
			return 0;
		buf_putc(b, '.');
		buf_put(b, f, (size_t)(*q - f));
	}
	return 1;
}

int tomlscalar_datetime(struct tomlcur *t, buf *out, int *subkind)
{
	const char *s = t->p, *q = s, *e = t->end;
	buf b = BUF_INIT;
	int sub, y, m, d;
	if (q + 2 < e && q[2] == ':') {
		if (!time_part(&q, e, &b))
			goto bad;
		sub = VSUB_TIME_LOCAL;
		goto done;
	}
	if (!fixed(&q, e, 4, &y) || q >= e || *q++ != '-' ||
	    !fixed(&q, e, 2, &m) || q >= e || *q++ != '-' ||
	    !fixed(&q, e, 2, &d))
		goto bad;
	if (m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		goto bad;
	buf_printf(&b, "%04d-%02d-%02d", y, m, d);
	sub = VSUB_DATE_LOCAL;
	/* A time after T, t or one space (only when a time follows). */
	if (q < e && (*q == 'T' || *q == 't' || (*q == ' ' && q + 1 < e &&
	    is_digit(q[1])))) {
		q++;
		buf_putc(&b, 'T');
		if (!time_part(&q, e, &b))
			goto bad;
		sub = VSUB_DATETIME_LOCAL;
		if (q < e && (*q == 'Z' || *q == 'z')) {
			q++;
			buf_putc(&b, 'Z');
			sub = VSUB_DATETIME;
		} else if (q < e && (*q == '+' || *q == '-')) {
			char sg = *q++;
			int oh, om;
			if (!fixed(&q, e, 2, &oh) || q >= e || *q++ != ':' ||
			    !fixed(&q, e, 2, &om) || oh > 23 || om > 59)
				goto bad;
			buf_printf(&b, "%c%02d:%02d", sg, oh, om);
			sub = VSUB_DATETIME;
		}
	}
done:
	if (q < e && (is_bare(*q) || *q == ':' || *q == '.' || *q == '+'))
		goto bad;
	t->p = q;
	buf_put(out, b.data, b.len);
	*subkind = sub;
	buf_free(&b);
	return 0;
bad:
	buf_free(&b);
	return cfail(t, s, N_("not a date or time: write 1979-05-27, "
	    "1979-05-27T07:32:00Z, 1979-05-27 07:32:00+02:00 or 07:32:00"));
}

int tomlscalar_looks_like_date(const struct tomlcur *t)
{
	const char *q = t->p;
	size_t n = (size_t)(t->end - q);
	return (n >= 5 && is_digit(q[0]) && is_digit(q[1]) && q[2] == ':') ||
	    (n >= 10 && is_digit(q[0]) && is_digit(q[1]) && is_digit(q[2]) &&
	    is_digit(q[3]) && q[4] == '-');
}

