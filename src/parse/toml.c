#include "toml.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/i18n.h"

/* How a table or array came to be, which decides what may extend it
 * later (TOML 1.1, "Table" and "Array of Tables"). Kept beside the value
 * in a small pointer-keyed table: the value type has no room for it. */
enum {
	T_IMPLICIT = 1, /* a parent of a [header]: may be defined once later */
	T_EXPLICIT = 2, /* defined by its own [header] */
	T_DOTTED = 4,   /* made by a dotted key: a.b = 1 */
	T_INLINE = 8,   /* { … } or a [ … ] value: closed for good */
	T_AOT = 16      /* an array made by [[header]] */
};

struct flag {
	const value *v;
	int f;
};

struct tp {
	arena *a;
	const char *file;
	diag *d;
	const char *text, *p, *end;
	int line_offset;
	int failed;
	int depth;
	/* Position cache: pos() walks forward from the last answer. */
	const char *pos_at, *pos_ls;
	int pos_line;
	struct flag *flags;
	size_t nflags, capflags;
	buf sb; /* the string being read */
};

/* Positions and errors. */

static void pos(struct tp *t, const char *at, int *line, int *col)
{
	if (at < t->pos_at && at >= t->pos_ls) {
		t->pos_at = at;  /* back on the same line */
	} else if (at < t->pos_at) {
		t->pos_at = t->pos_ls = t->text;
		t->pos_line = 1;
	}
	for (const char *q = t->pos_at; q < at; q++)
		if (*q == '\n') {
			t->pos_line++;
			t->pos_ls = q + 1;
		}
	t->pos_at = at;
	int c = 1;
	for (const char *q = t->pos_ls; q < at; q++)
		c += ((unsigned char)*q & 0xC0) != 0x80;
	*line = t->pos_line + t->line_offset;
	*col = c;
}

__attribute__((format(printf, 3, 4)))
static void fail(struct tp *t, const char *at, const char *fmt, ...)
{
	if (t->failed)
		return;
	t->failed = 1;
	int line, col;
	pos(t, at > t->end ? t->end : at, &line, &col);
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(t->d, t->file, line, col, "%s", msg);
}

static value *mark(struct tp *t, value *v, const char *at)
{
	pos(t, at, &v->line, &v->col);
	return v;
}

/* The flag table: open addressing on the pointer. */

static size_t ptr_hash(const value *v)
{
	uintptr_t x = (uintptr_t)v;
	x ^= x >> 17;
	x *= 0x9E3779B97F4A7C15ull;
	return (size_t)(x >> 7);
}

static struct flag *flag_slot(struct tp *t, const value *v)
{
	size_t i = ptr_hash(v) & (t->capflags - 1);
	while (t->flags[i].v && t->flags[i].v != v)
		i = (i + 1) & (t->capflags - 1);
	return &t->flags[i];
}

static int get_flags(struct tp *t, const value *v)
{
	return t->capflags ? flag_slot(t, v)->f : 0;
}

static void set_flags(struct tp *t, const value *v, int f)
{
	if ((t->nflags + 1) * 2 > t->capflags) {
		size_t oldcap = t->capflags;
		struct flag *old = t->flags;
		t->capflags = oldcap ? oldcap * 2 : 64;
		t->flags = arena_alloc(t->a, t->capflags * sizeof *t->flags);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].v)
				*flag_slot(t, old[i].v) = old[i];
	}
	struct flag *s = flag_slot(t, v);
	if (!s->v) {
		s->v = v;
		t->nflags++;
	}
	s->f = f;
}

/* Characters. */

static int peek(const struct tp *t)
{
	return t->p < t->end ? (unsigned char)*t->p : -1;
}

static int peek_at(const struct tp *t, size_t n)
{
	return (size_t)(t->end - t->p) > n ? (unsigned char)t->p[n] : -1;
}

static void skip_ws(struct tp *t)
{
	while (peek(t) == ' ' || peek(t) == '\t')
		t->p++;
}

/* A comment from '#' to the line end; control characters other than
 * tab may not appear in it. */
static void skip_comment(struct tp *t)
{
	if (peek(t) != '#')
		return;
	while (t->p < t->end && *t->p != '\n') {
		unsigned char ch = (unsigned char)*t->p;
		if ((ch < 0x20 && ch != '\t' && !(ch == '\r' &&
		    peek_at(t, 1) == '\n')) || ch == 0x7F) {
			fail(t, t->p, _("a control character in a comment: "
			    "remove it"));
			return;
		}
		t->p++;
	}
}

/* A line end (LF or CRLF); 1 when one was read. */
static int newline(struct tp *t)
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

/* Spaces, comments and line ends, as inside arrays and (1.1) inline
 * tables. */
static void skip_ws_nl(struct tp *t)
{
	for (;;) {
		skip_ws(t);
		skip_comment(t);
		if (t->failed || !newline(t))
			return;
	}
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
static const char *bad_utf8(const char *s, const char *end)
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

/* Strings. Each reads into t->sb and returns 0, or -1 after fail(). */

static int hex_escape(struct tp *t, int n)
{
	unsigned cp = 0;
	const char *at = t->p - 2;
	for (int i = 0; i < n; i++) {
		int ch = peek(t);
		int v = is_digit(ch) ? ch - '0' : (ch | 0x20) >= 'a' &&
		    (ch | 0x20) <= 'f' ? (ch | 0x20) - 'a' + 10 : -1;
		if (v < 0) {
			fail(t, at, _("an escape \\x, \\u or \\U needs 2, 4 or "
			    "8 hexadecimal digits"));
			return -1;
		}
		cp = cp << 4 | (unsigned)v;
		t->p++;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		fail(t, at, _("the escape is not a Unicode character: write "
		    "a code point up to \\U0010FFFF, not a surrogate"));
		return -1;
	}
	put_utf8(&t->sb, cp);
	return 0;
}

/* A character that may not appear raw in a string: controls but tab (and
 * line ends, in multi-line strings), and DEL. */
static int bad_in_string(struct tp *t, int multi)
{
	int ch = peek(t);
	if (ch == '\t')
		return 0;
	if (multi && (ch == '\n' || (ch == '\r' && peek_at(t, 1) == '\n')))
		return 0;
	return (ch >= 0 && ch < 0x20) || ch == 0x7F;
}

static int string_basic(struct tp *t, int multi)
{
	const char *open = t->p;
	t->p += multi ? 3 : 1;
	buf_reset(&t->sb);
	if (multi)
		newline(t);
	for (;;) {
		int ch = peek(t);
		if (ch < 0) {
			fail(t, open, _("text in quotes is not closed: add "
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
				buf_put(&t->sb, "\"\"", (size_t)extra);
				t->p += 3 + extra;
				return 0;
			}
			buf_putc(&t->sb, '"');
			t->p++;
			continue;
		}
		if (bad_in_string(t, multi)) {
			if (ch == '\n' || ch == '\r')
				fail(t, t->p, _("a line break inside \"…\": close "
				    "the text on the same line, or use \"\"\"…\"\"\" "
				    "for text on several lines"));
			else
				fail(t, t->p, _("a control character inside "
				    "text in quotes: write it as an escape like "
				    "\\u0007"));
			return -1;
		}
		if (ch != '\\') {
			if (multi && ch == '\r')
				t->p++;  /* CRLF is kept as LF */
			else
				buf_putc(&t->sb, *t->p++);
			continue;
		}
		const char *esc = t->p++;
		ch = peek(t);
		if (ch < 0) {
			fail(t, open, _("text in quotes is not closed: add "
			    "the closing quote"));
			return -1;
		}
		t->p++;
		switch (ch) {
		case 'b': buf_putc(&t->sb, '\b'); break;
		case 't': buf_putc(&t->sb, '\t'); break;
		case 'n': buf_putc(&t->sb, '\n'); break;
		case 'f': buf_putc(&t->sb, '\f'); break;
		case 'r': buf_putc(&t->sb, '\r'); break;
		case 'e': buf_putc(&t->sb, '\x1B'); break;
		case '"': buf_putc(&t->sb, '"'); break;
		case '\\': buf_putc(&t->sb, '\\'); break;
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
			fail(t, esc, _("unknown escape: write \\\\ for a "
			    "backslash, or one of \\n \\t \\\" \\uXXXX"));
			return -1;
		}
	}
}

static int string_literal(struct tp *t, int multi)
{
	const char *open = t->p;
	t->p += multi ? 3 : 1;
	buf_reset(&t->sb);
	if (multi)
		newline(t);
	for (;;) {
		int ch = peek(t);
		if (ch < 0) {
			fail(t, open, _("text in quotes is not closed: add "
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
				buf_put(&t->sb, "''", (size_t)extra);
				t->p += 3 + extra;
				return 0;
			}
		}
		if (bad_in_string(t, multi)) {
			if (ch == '\n' || ch == '\r')
				fail(t, t->p, _("a line break inside '…': close "
				    "the text on the same line, or use '''…''' for "
				    "text on several lines"));
			else
				fail(t, t->p, _("a control character inside "
				    "text in quotes: remove it"));
			return -1;
		}
		if (multi && ch == '\r')
			t->p++;
		else
			buf_putc(&t->sb, *t->p++);
	}
}

/* Keys. */

struct key {
	const char **parts;
	const char **at;
	size_t n;
};

static int key_part(struct tp *t, const char **out)
{
	int ch = peek(t);
	if (ch == '"' || ch == '\'') {
		if (peek_at(t, 1) == ch && peek_at(t, 2) == ch) {
			fail(t, t->p, _("a key cannot be in triple quotes: "
			    "write \"key\""));
			return -1;
		}
		if ((ch == '"' ? string_basic(t, 0) : string_literal(t, 0)))
			return -1;
		*out = arena_strndup(t->a, t->sb.data ? t->sb.data : "",
		    t->sb.len);
		return 0;
	}
	const char *s = t->p;
	while (is_bare(peek(t)))
		t->p++;
	if (t->p == s) {
		fail(t, s, _("expected a key: a name of letters, digits, '_' "
		    "and '-', or a name in quotes"));
		return -1;
	}
	*out = arena_strndup(t->a, s, (size_t)(t->p - s));
	return 0;
}

static int read_key(struct tp *t, struct key *k)
{
	size_t cap = 4;
	k->n = 0;
	k->parts = arena_alloc(t->a, cap * sizeof *k->parts);
	k->at = arena_alloc(t->a, cap * sizeof *k->at);
	for (;;) {
		if (k->n == cap) {
			const char **np = arena_alloc(t->a, 2 * cap * sizeof *np);
			const char **na = arena_alloc(t->a, 2 * cap * sizeof *na);
			memcpy(np, k->parts, cap * sizeof *np);
			memcpy(na, k->at, cap * sizeof *na);
			k->parts = np;
			k->at = na;
			cap *= 2;
		}
		k->at[k->n] = t->p;
		if (key_part(t, &k->parts[k->n]))
			return -1;
		k->n++;
		skip_ws(t);
		if (peek(t) != '.')
			return 0;
		t->p++;
		skip_ws(t);
	}
}

/* "a.b.c", the first n parts of k, for messages. */
static const char *key_name(struct tp *t, const struct key *k, size_t n)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, '.');
		buf_puts(&b, k->parts[i]);
	}
	const char *s = arena_strdup(t->a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* Values. */

static value *parse_value(struct tp *t);

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

static const char *copy_digits(struct tp *t, const char *s, const char *e)
{
	char *o = arena_alloc(t->a, (size_t)(e - s) + 1);
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

static value *number(struct tp *t)
{
	const char *s = t->p;
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
	if (rest == 3 && (memcmp(q, "inf", 3) == 0 || memcmp(q, "nan", 3) == 0))
		return mark(t, val_num(t->a, q[0] == 'i' ? (neg ? -INFINITY :
		    INFINITY) : (neg ? -NAN : NAN)), s);
	if (rest > 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'o' ||
	    q[1] == 'b')) {
		int base = q[1] == 'x' ? 16 : q[1] == 'o' ? 8 : 2;
		if (sign || !digits_ok(q + 2, e, base == 16))
			goto bad;
		const char *ds = copy_digits(t, q + 2, e);
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
		return mark(t, val_int(t->a, (long long)u), s);
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
	const char *ds = copy_digits(t, s, e);
	char *end;
	errno = 0;
	if (is_float) {
		double v = strtod(ds, &end);
		return mark(t, val_num(t->a, v), s);
	}
	long long v = strtoll(ds, &end, 10);
	if (errno)
		goto range;
	return mark(t, val_int(t->a, v), s);
bad:
	fail(t, s, "%s", _(MSG_NUMBER));
	return NULL;
range:
	fail(t, s, _("the integer is too large: integers go from "
	    "-9223372036854775808 to 9223372036854775807"));
	return NULL;
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

static value *datetime(struct tp *t)
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
	value *v = mark(t, val_strn(t->a, b.data, b.len), s);
	v->sub = (unsigned char)sub;
	buf_free(&b);
	return v;
bad:
	buf_free(&b);
	fail(t, s, _("not a date or time: write 1979-05-27, "
	    "1979-05-27T07:32:00Z, 1979-05-27 07:32:00+02:00 or 07:32:00"));
	return NULL;
}

static int looks_like_date(const struct tp *t)
{
	const char *q = t->p;
	size_t n = (size_t)(t->end - q);
	return (n >= 5 && is_digit(q[0]) && is_digit(q[1]) && q[2] == ':') ||
	    (n >= 10 && is_digit(q[0]) && is_digit(q[1]) && is_digit(q[2]) &&
	    is_digit(q[3]) && q[4] == '-');
}

static void set_key(struct tp *t, value *tbl, const struct key *k, size_t i,
    value *v);

/* a = [ … ] */
static value *array(struct tp *t)
{
	value *list = mark(t, val_list(t->a), t->p);
	t->p++;
	for (;;) {
		skip_ws_nl(t);
		if (t->failed)
			return NULL;
		if (peek(t) == ']') {
			t->p++;
			break;
		}
		value *v = parse_value(t);
		if (!v)
			return NULL;
		val_list_push(t->a, list, v);
		skip_ws_nl(t);
		if (t->failed)
			return NULL;
		if (peek(t) == ',') {
			t->p++;
			continue;
		}
		if (peek(t) == ']') {
			t->p++;
			break;
		}
		fail(t, t->p, _("expected ',' or ']' in the list"));
		return NULL;
	}
	set_flags(t, list, T_INLINE);
	return list;
}

/* a = { … }: TOML 1.1 lets it span lines and end in a comma. */
static value *inline_table(struct tp *t)
{
	value *tbl = mark(t, val_map(t->a), t->p);
	t->p++;
	for (;;) {
		skip_ws_nl(t);
		if (t->failed)
			return NULL;
		if (peek(t) == '}') {
			t->p++;
			break;
		}
		struct key k;
		if (read_key(t, &k))
			return NULL;
		if (peek(t) != '=') {
			fail(t, t->p, _("expected '=' after the key"));
			return NULL;
		}
		t->p++;
		skip_ws(t);
		value *v = parse_value(t);
		if (!v)
			return NULL;
		set_key(t, tbl, &k, 0, v);
		if (t->failed)
			return NULL;
		skip_ws_nl(t);
		if (t->failed)
			return NULL;
		if (peek(t) == ',') {
			t->p++;
			continue;
		}
		if (peek(t) == '}') {
			t->p++;
			break;
		}
		fail(t, t->p, _("expected ',' or '}' in the table"));
		return NULL;
	}
	set_flags(t, tbl, T_INLINE);
	return tbl;
}

static value *parse_value(struct tp *t)
{
	int ch = peek(t);
	const char *s = t->p;
	if (t->depth >= TOML_MAX_DEPTH) {
		fail(t, s, _("lists and tables are nested more than %d deep"),
		    TOML_MAX_DEPTH);
		return NULL;
	}
	if (ch == '"' || ch == '\'') {
		int multi = peek_at(t, 1) == ch && peek_at(t, 2) == ch;
		if ((ch == '"' ? string_basic(t, multi) :
		    string_literal(t, multi)))
			return NULL;
		return mark(t, val_strn(t->a, t->sb.data ? t->sb.data : "",
		    t->sb.len), s);
	}
	if (ch == '[' || ch == '{') {
		t->depth++;
		value *v = ch == '[' ? array(t) : inline_table(t);
		t->depth--;
		return v;
	}
	if (t->end - t->p >= 4 && memcmp(t->p, "true", 4) == 0 &&
	    !is_bare(peek_at(t, 4))) {
		t->p += 4;
		return mark(t, val_bool(t->a, 1), s);
	}
	if (t->end - t->p >= 5 && memcmp(t->p, "false", 5) == 0 &&
	    !is_bare(peek_at(t, 5))) {
		t->p += 5;
		return mark(t, val_bool(t->a, 0), s);
	}
	if (looks_like_date(t))
		return datetime(t);
	if (is_digit(ch) || ch == '+' || ch == '-' || ch == 'i' || ch == 'n')
		return number(t);
	fail(t, s, _("expected a value: text in quotes, a number, true, "
	    "false, a date, a list [ … ] or a table { … }"));
	return NULL;
}

/* Tables. */

/* Sets k.parts[i..] = v under tbl, making the tables of a dotted key. */
static void set_key(struct tp *t, value *tbl, const struct key *k, size_t i,
    value *v)
{
	for (; i + 1 < k->n; i++) {
		value *sub = val_map_get(tbl, k->parts[i]);
		if (!sub) {
			sub = mark(t, val_map(t->a), k->at[i]);
			val_map_set(t->a, tbl, k->parts[i], sub);
			set_flags(t, sub, T_DOTTED);
		} else if (sub->kind != VAL_MAP ||
		    !(get_flags(t, sub) & T_DOTTED)) {
			fail(t, k->at[i], _("'%s' is already defined, so a "
			    "dotted key cannot add to it: write each key "
			    "once"), key_name(t, k, i + 1));
			return;
		}
		tbl = sub;
	}
	if (val_map_get(tbl, k->parts[i])) {
		fail(t, k->at[i], _("key '%s' is already defined: write each "
		    "key once in a table"), key_name(t, k, k->n));
		return;
	}
	val_map_set(t->a, tbl, k->parts[i], v);
}

/* [a.b.c] or [[a.b.c]] at t->p; returns the table keys go into next. */
static value *header(struct tp *t, value *root)
{
	const char *s = t->p;
	int aot = peek_at(t, 1) == '[';
	t->p += aot ? 2 : 1;
	skip_ws(t);
	struct key k;
	if (read_key(t, &k))
		return NULL;
	if (peek(t) != ']' || (aot && peek_at(t, 1) != ']')) {
		fail(t, t->p, aot ? _("expected ']]' to close the header") :
		    _("expected ']' to close the header"));
		return NULL;
	}
	t->p += aot ? 2 : 1;
	value *tbl = root;
	for (size_t i = 0; i + 1 < k.n; i++) {
		value *sub = val_map_get(tbl, k.parts[i]);
		if (!sub) {
			sub = mark(t, val_map(t->a), k.at[i]);
			val_map_set(t->a, tbl, k.parts[i], sub);
			set_flags(t, sub, T_IMPLICIT);
		} else if (sub->kind == VAL_LIST &&
		    (get_flags(t, sub) & T_AOT)) {
			sub = sub->u.list.items[sub->u.list.len - 1];
		} else if (sub->kind != VAL_MAP ||
		    (get_flags(t, sub) & T_INLINE)) {
			fail(t, k.at[i], _("'%s' is already a value, not a "
			    "table that can take more keys"),
			    key_name(t, &k, i + 1));
			return NULL;
		}
		tbl = sub;
	}
	const char *last = k.parts[k.n - 1];
	value *cur = val_map_get(tbl, last);
	if (aot) {
		if (!cur) {
			cur = mark(t, val_list(t->a), s);
			val_map_set(t->a, tbl, last, cur);
			set_flags(t, cur, T_AOT);
		} else if (cur->kind != VAL_LIST ||
		    !(get_flags(t, cur) & T_AOT)) {
			fail(t, s, _("'%s' is already defined as something "
			    "else than a [[list of tables]]"),
			    key_name(t, &k, k.n));
			return NULL;
		}
		value *item = mark(t, val_map(t->a), s);
		set_flags(t, item, T_EXPLICIT);
		val_list_push(t->a, cur, item);
		return item;
	}
	if (!cur) {
		cur = mark(t, val_map(t->a), s);
		val_map_set(t->a, tbl, last, cur);
		set_flags(t, cur, T_EXPLICIT);
		return cur;
	}
	if (cur->kind == VAL_MAP && get_flags(t, cur) == T_IMPLICIT) {
		set_flags(t, cur, T_EXPLICIT);
		return cur;
	}
	fail(t, s, _("table [%s] is already defined: write each table once"),
	    key_name(t, &k, k.n));
	return NULL;
}

/* After a key/value pair or a header: spaces, a comment, a line end. */
static int line_end(struct tp *t)
{
	skip_ws(t);
	skip_comment(t);
	if (t->failed)
		return -1;
	if (t->p < t->end && !newline(t)) {
		fail(t, t->p, _("expected the end of the line: start the next "
		    "key on a new line, or a comment with '#'"));
		return -1;
	}
	return 0;
}

value *toml_parse(arena *a, const char *file, const char *text, size_t len,
    int line_offset, diag *d)
{
	struct tp t;
	memset(&t, 0, sizeof t);
	t.a = a;
	t.file = file;
	t.d = d;
	t.text = t.p = t.pos_at = t.pos_ls = text;
	t.end = text + len;
	t.pos_line = 1;
	t.line_offset = line_offset;
	value *root = val_map(a);
	root->line = 1 + line_offset;
	root->col = 1;
	value *cur = root;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		t.p += 3;
	const char *bad = bad_utf8(t.p, t.end);
	if (bad) {
		fail(&t, bad, _("the text is not valid UTF-8: save the file "
		    "as UTF-8"));
		return NULL;
	}
	while (!t.failed && t.p < t.end) {
		skip_ws(&t);
		int ch = peek(&t);
		if (ch == '#' || ch == '\n' || ch == '\r' || ch < 0) {
			line_end(&t);
			continue;
		}
		if (ch == '[') {
			value *tbl = header(&t, root);
			if (!tbl)
				break;
			cur = tbl;
			line_end(&t);
			continue;
		}
		struct key k;
		if (read_key(&t, &k))
			break;
		if (peek(&t) != '=') {
			fail(&t, t.p, _("expected '=' after the key"));
			break;
		}
		t.p++;
		skip_ws(&t);
		value *v = parse_value(&t);
		if (!v)
			break;
		set_key(&t, cur, &k, 0, v);
		if (!t.failed)
			line_end(&t);
	}
	buf_free(&t.sb);
	return t.failed ? NULL : root;
}
