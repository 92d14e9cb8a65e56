#include "mustache_lex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Line and column (in characters, as libyaml counts them) of offset off.
 * Offsets only grow while tokenizing, so the scan is linear overall. */
static void position(struct parser *p, size_t off, int *line, int *col)
{
	if (off < p->at) {
		p->line = 1;
		p->line_start = p->at = 0;
	}
	for (; p->at < off; p->at++)
		if (p->src[p->at] == '\n') {
			p->line++;
			p->line_start = p->at + 1;
		}
	int c = 1;
	for (size_t i = p->line_start; i < off; i++)
		if (((unsigned char)p->src[i] & 0xC0) != 0x80)
			c++;
	*line = p->line;
	*col = c;
}

static struct tok *push_tok(struct parser *p, int kind, size_t start,
    size_t end)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct tok *t = realloc(p->t, cap * sizeof *t);
		if (!t) {
			fputs("saitti: out of memory\n", stderr);
			abort();
		}
		p->t = t;
		p->cap = cap;
	}
	struct tok *t = &p->t[p->n++];
	memset(t, 0, sizeof *t);
	t->kind = (unsigned char)kind;
	t->start = t->ts = t->cut = start;
	t->end = t->te = t->after = end;
	return t;
}

/* First offset >= from where `pre` (if not NUL) then s[0..n) occur, or
 * SIZE_MAX. */
static size_t find(const char *src, size_t from, size_t len, char pre,
    const char *s, size_t n)
{
	size_t need = n + (pre != 0);
	for (size_t i = from; i + need <= len; i++) {
		const char *q = memchr(src + i, pre ? pre : s[0], len - i);
		if (!q)
			return SIZE_MAX;
		i = (size_t)(q - src);
		if (i + need > len)
			return SIZE_MAX;
		if (memcmp(src + i + (pre != 0), s, n) == 0)
			return i;
	}
	return SIZE_MAX;
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_blank((*s)[*n - 1]))
		(*n)--;
}

static const char *section_word(int kind)
{
	return kind == T_BLOCK ? "block" : kind == T_PARENT ? "parent" :
	    "section";
}

/* The name as written in a tag: "*x" for a dynamic one, for "%s%.*s" (the
 * format is written out in each message, for xgettext). */
#define NAME_ARGS(t) (t)->dynamic ? "*" : "", (int)(t)->nlen, (t)->name

/* {{=<% %>=}}: content must be two words. */
static int parse_delims(const char *s, size_t n, const char **ot, size_t *ol,
    const char **ct, size_t *cl)
{
	trim(&s, &n);
	size_t i = 0;
	while (i < n && !is_blank(s[i]))
		i++;
	size_t j = i;
	while (j < n && is_blank(s[j]))
		j++;
	if (i == 0 || j == i || j == n)
		return -1;
	for (size_t k = j; k < n; k++)
		if (is_blank(s[k]))
			return -1;
	*ot = s;
	*ol = i;
	*ct = s + j;
	*cl = n - j;
	return 0;
}

static int tag_kind(char c)
{
	switch (c) {
	case '{': case '&': return T_RAW;
	case '#': return T_SECTION;
	case '^': return T_INVERTED;
	case '/': return T_CLOSE;
	case '>': return T_PARTIAL;
	case '<': return T_PARENT;
	case '$': return T_BLOCK;
	case '!': return T_COMMENT;
	case '=': return T_DELIM;
	default: return T_VAR;
	}
}

/* Checks a tag's name and sets tok->name; reports and returns -1 when it
 * is unusable. */
static int tag_name(struct parser *p, struct tok *t, const char *s, size_t n)
{
	trim(&s, &n);
	if ((t->kind == T_PARTIAL || t->kind == T_PARENT ||
	    t->kind == T_CLOSE) && n && s[0] == '*') {
		t->dynamic = 1;
		s++;
		n--;
		trim(&s, &n);
	}
	t->name = s;
	t->nlen = n;
	if (n == 0) {
		diag_error(p->d, p->file, t->line, t->col, _("empty tag: put a "
		    "name between '%.*s' and '%.*s'"), (int)p->ol, p->ot,
		    (int)p->cl, p->ct);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (is_blank(s[i])) {
			diag_error(p->d, p->file, t->line, t->col, _("tag name "
			    "'%.*s' contains a space: a name is one word (a.b "
			    "reaches inside a map)"), (int)n, s);
			return -1;
		}
	return 0;
}

/* A section, inverted section, parent or block tag: remember it until its
 * close tag comes. */
static int open_section(struct parser *p, size_t i)
{
	const struct tok *t = &p->t[i];
	if (p->depth == MAX_NEST) {
		diag_error(p->d, p->file, t->line, t->col, _("sections are "
		    "nested more than %d deep here: close some before opening "
		    "more"),
		    MAX_NEST);
		return -1;
	}
	p->open[p->depth++] = i;
	return 0;
}

static int close_section(struct parser *p, size_t i)
{
	struct tok *t = &p->t[i];
	if (p->depth == 0) {
		diag_error(p->d, p->file, t->line, t->col, _("%.*s/%s%.*s%.*s "
		    "closes '%s%.*s' but no section is open: remove it"),
		    (int)p->ol, p->ot, NAME_ARGS(t), (int)p->cl, p->ct,
		    NAME_ARGS(t));
		return -1;
	}
	struct tok *open = &p->t[p->open[p->depth - 1]];
	if (open->dynamic != t->dynamic || open->nlen != t->nlen ||
	    memcmp(open->name, t->name, t->nlen) != 0) {
		diag_error(p->d, p->file, t->line, t->col, _("%.*s/%s%.*s%.*s "
		    "closes '%s%.*s' but '%s%.*s' is open (opened on line %d): "
		    "close that first"),
		    (int)p->ol, p->ot, NAME_ARGS(t), (int)p->cl, p->ct,
		    NAME_ARGS(t), NAME_ARGS(open), open->line);
		return -1;
	}
	open->match = i;
	t->match = p->open[--p->depth];
	return 0;
}

/* Reads the tag whose opening delimiter is at o into a token. Returns the
 * offset after it, or SIZE_MAX after reporting an error. */
static size_t read_tag(struct parser *p, size_t o)
{
	int line, col;
	position(p, o, &line, &col);
	size_t q = o + p->ol;
	int kind = q < p->len ? tag_kind(p->src[q]) : T_VAR;
	if (kind != T_VAR)
		q++;
	/* Triple mustaches and set-delimiter tags end with a sigil too. */
	char sigil = kind == T_DELIM ? '=' :
	    kind == T_RAW && p->src[q - 1] == '{' ? '}' : 0;
	size_t c = find(p->src, q, p->len, sigil, p->ct, p->cl);
	if (c == SIZE_MAX) {
		diag_error(p->d, p->file, line, col, _("'%.*s' opens a tag "
		    "that is never closed: add '%s%.*s'"), (int)p->ol, p->ot,
		    sigil == '}' ? "}" : sigil == '=' ? "=" : "", (int)p->cl,
		    p->ct);
		return SIZE_MAX;
	}
	size_t end = c + (sigil != 0) + p->cl;
	struct tok *t = push_tok(p, kind, o, end);
	t->line = line;
	t->col = col;
	if (kind == T_COMMENT)
		return end;
	if (kind == T_DELIM) {
		if (parse_delims(p->src + q, c - q, &p->ot, &p->ol, &p->ct,
		    &p->cl) == 0)
			return end;
		diag_error(p->d, p->file, line, col, _("bad set-delimiter tag: "
		    "write the new opening and closing delimiters separated by "
		    "a space, as in {{=<%% %%>=}}"));
		return SIZE_MAX;
	}
	if (tag_name(p, t, p->src + q, c - q) < 0)
		return SIZE_MAX;
	if (kind == T_CLOSE)
		return close_section(p, p->n - 1) < 0 ? SIZE_MAX : end;
	if (kind == T_SECTION || kind == T_INVERTED || kind == T_PARENT ||
	    kind == T_BLOCK)
		return open_section(p, p->n - 1) < 0 ? SIZE_MAX : end;
	return end;
}

/* Reads tokens and matches sections. Returns -1 after reporting. */
int mustache_tokenize(struct parser *p)
{
	p->ot = "{{";
	p->ct = "}}";
	p->ol = p->cl = 2;
	for (size_t pos = 0; pos < p->len;) {
		size_t o = find(p->src, pos, p->len, 0, p->ot, p->ol);
		if (o == SIZE_MAX)
			o = p->len;
		if (o > pos)
			push_tok(p, T_TEXT, pos, o);
		if (o == p->len)
			break;
		pos = read_tag(p, o);
		if (pos == SIZE_MAX)
			return -1;
	}
	if (p->depth > 0) {
		const struct tok *t = &p->t[p->open[p->depth - 1]];
		diag_error(p->d, p->file, t->line, t->col, _("%s '%s%.*s' "
		    "opened here is never closed: add %.*s/%s%.*s%.*s"),
		    section_word(t->kind), NAME_ARGS(t), (int)p->ol, p->ot,
		    NAME_ARGS(t), (int)p->cl, p->ct);
		return -1;
	}
	return 0;
}


/* ---- pass 2: standalone lines ---- */

/* Is tag i preceded on its line by nothing but spaces? *ws: where they
 * begin. Works on the uncut text, so the order of cuts does not matter. */
static int ws_before(const struct parser *p, size_t i, size_t *ws)
{
	if (i == 0) {
		*ws = 0;
		return 1;
	}
	const struct tok *prev = &p->t[i - 1];
	if (prev->kind != T_TEXT)
		return 0;
	size_t s = prev->end;
	while (s > prev->start && (p->src[s - 1] == ' ' ||
	    p->src[s - 1] == '\t'))
		s--;
	if (s > prev->start ? p->src[s - 1] != '\n' : i - 1 != 0)
		return 0;
	*ws = s;
	return 1;
}

/* Is tag i followed on its line by nothing but spaces? *nl: where the
 * next line begins (or the end of the template). */
static int ws_after(const struct parser *p, size_t i, size_t *nl)
{
	if (i + 1 == p->n) {
		*nl = p->len;
		return 1;
	}
	const struct tok *next = &p->t[i + 1];
	if (next->kind != T_TEXT)
		return 0;
	size_t q = next->start;
	while (q < next->end && (p->src[q] == ' ' || p->src[q] == '\t' ||
	    p->src[q] == '\r'))
		q++;
	if (q < next->end) {
		if (p->src[q] != '\n')
			return 0;
		*nl = q + 1;
		return 1;
	}
	if (i + 2 != p->n)
		return 0;
	*nl = next->end;
	return 1;
}

static void cut_before(struct parser *p, size_t i, size_t ws)
{
	p->t[i].cut = ws;
	if (i > 0 && p->t[i - 1].kind == T_TEXT && p->t[i - 1].te > ws)
		p->t[i - 1].te = ws;
}

static void cut_after(struct parser *p, size_t i, size_t nl)
{
	p->t[i].after = nl;
	if (i + 1 < p->n && p->t[i + 1].kind == T_TEXT &&
	    p->t[i + 1].ts < nl)
		p->t[i + 1].ts = nl;
}

/* Two adjacent tags that the inheritance spec lets share a standalone
 * line: {{<p}}{{/p}}, {{$b}}{{/b}}, {{<p}}{{$b}} and {{/b}}{{/p}}.
 * Returns 0 for none, 1 for a pair, 2 for a block pair, whose line keeps
 * its newline (spec PR #131: an empty block must not eat the line). */
static int pair_kind(const struct parser *p, size_t i)
{
	const struct tok *a = &p->t[i], *b = &p->t[i + 1];
	if (b->kind == T_CLOSE && b->match == i)
		return a->kind == T_PARENT ? 1 : a->kind == T_BLOCK ? 2 : 0;
	if (a->kind == T_PARENT && b->kind == T_BLOCK)
		return 1;
	if (a->kind == T_CLOSE && b->kind == T_CLOSE &&
	    p->t[a->match].kind == T_BLOCK && p->t[b->match].kind == T_PARENT)
		return 1;
	return 0;
}

void mustache_find_standalone(struct parser *p)
{
	for (size_t i = 0; i < p->n; i++) {
		if (p->t[i].kind <= T_RAW)
			continue;
		size_t ws, nl;
		if (ws_before(p, i, &ws) && ws_after(p, i, &nl)) {
			cut_before(p, i, ws);
			cut_after(p, i, nl);
			p->t[i].standalone = 1;
			continue;
		}
		if (i + 1 == p->n)
			continue;
		int pair = pair_kind(p, i);
		if (!pair || !ws_before(p, i, &ws) || !ws_after(p, i + 1, &nl))
			continue;
		cut_before(p, i, ws);
		if (pair == 1)
			cut_after(p, i + 1, nl);
		p->t[i].standalone = p->t[i + 1].standalone = 1;
	}
}

/* A comment or a close tag at the start of a line, but not alone on it,
 * hands the line start to what follows it. */
void mustache_find_bol(struct parser *p)
{
	int carry = 0;
	for (size_t i = 0; i < p->n; i++) {
		struct tok *t = &p->t[i];
		if (t->kind == T_TEXT) {
			if (t->ts == t->te)
				continue;
			t->bol = t->ts == 0 || p->src[t->ts - 1] == '\n' ||
			    carry;
			carry = 0;
		} else if (t->standalone) {
			carry = 0;
		} else {
			t->bol = t->start == 0 || p->src[t->start - 1] == '\n' ||
			    carry;
			carry = (t->kind == T_COMMENT || t->kind == T_DELIM ||
			    t->kind == T_CLOSE) && t->bol;
		}
	}
}
