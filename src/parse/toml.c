#include "toml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/i18n.h"
#include "tomlscalar.h"

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

/* Scalars, read by tomlscalar.c at the parser's cursor. */

static struct tomlcur cur_of(struct tp *t)
{
	struct tomlcur c = {t->p, t->end, &t->sb, NULL, NULL};
	return c;
}

/* Moves the parser on, or reports the scalar's failure. */
static int scalar_done(struct tp *t, const struct tomlcur *c, int rc)
{
	if (rc)
		fail(t, c->err_at, "%s", _(c->err));
	else
		t->p = c->p;
	return rc;
}

static int string_basic(struct tp *t, int multi)
{
	struct tomlcur c = cur_of(t);
	return scalar_done(t, &c, tomlscalar_basic(&c, multi));
}

static int string_literal(struct tp *t, int multi)
{
	struct tomlcur c = cur_of(t);
	return scalar_done(t, &c, tomlscalar_literal(&c, multi));
}

static value *number(struct tp *t)
{
	const char *s = t->p;
	struct tomlcur c = cur_of(t);
	struct tomlnum n;
	if (scalar_done(t, &c, tomlscalar_number(&c, &n)))
		return NULL;
	return mark(t, n.is_int ? val_int(t->a, n.i) : val_num(t->a, n.d), s);
}

static value *datetime(struct tp *t)
{
	const char *s = t->p;
	struct tomlcur c = cur_of(t);
	buf b = BUF_INIT;
	int sub = 0;
	value *v = NULL;
	if (!scalar_done(t, &c, tomlscalar_datetime(&c, &b, &sub))) {
		v = mark(t, val_strn(t->a, b.data ? b.data : "", b.len), s);
		v->sub = (unsigned char)sub;
	}
	buf_free(&b);
	return v;
}

static int looks_like_date(struct tp *t)
{
	struct tomlcur c = cur_of(t);
	return tomlscalar_looks_like_date(&c);
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
	const char *bad = tomlscalar_bad_utf8(t.p, t.end);
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
