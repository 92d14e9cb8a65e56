#include "mustache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "mustache_lex.h"
#include "mustache_node.h"

/* ---- pass 3: nodes ---- */

static int is_indent(char c)
{
	return c == ' ' || c == '\t';
}

/* The indentation common to the non-blank lines of src[a..b), which
 * starts at a line start. Returns its length and sets *s, or returns
 * SIZE_MAX when every line is blank. */
static size_t common_indent(const struct parser *p, size_t a, size_t b,
    const char **s)
{
	size_t best = SIZE_MAX;
	const char *first = NULL;
	for (size_t i = a; i < b;) {
		size_t w = i;
		while (w < b && is_indent(p->src[w]))
			w++;
		size_t e = w;
		while (e < b && p->src[e] != '\n')
			e++;
		int blank = 1;
		for (size_t k = w; k < e; k++)
			if (p->src[k] != '\r')
				blank = 0;
		if (!blank) {
			size_t n = w - i;
			if (!first) {
				first = p->src + i;
				best = n;
			} else {
				size_t k = 0;
				while (k < n && k < best && p->src[i + k] ==
				    first[k])
					k++;
				best = k;
			}
		}
		i = e + 1;
	}
	*s = first;
	return best;
}

static mname make_name(struct parser *p, const char *s, size_t n)
{
	mname m = {NULL, NULL, 0};
	if (n == 1 && s[0] == '.')
		return m;
	size_t parts = 1;
	for (size_t i = 0; i < n; i++)
		parts += s[i] == '.';
	m.parts = arena_alloc(p->a, parts * sizeof *m.parts);
	m.hashes = arena_alloc(p->a, parts * sizeof *m.hashes);
	for (size_t i = 0, from = 0; i <= n; i++)
		if (i == n || s[i] == '.') {
			m.parts[m.n] = arena_strndup(p->a, s + from, i - from);
			m.hashes[m.n] = val_key_hash(m.parts[m.n]);
			m.n++;
			from = i + 1;
		}
	return m;
}

/* Copies the text of tokens [i, j) into one node, dropping up to `k`
 * spaces of indentation at each source line start (the dedent of a block
 * argument). Returns 0 when nothing is left. */
static int make_text(struct parser *p, mnode *nd, size_t i, size_t j,
    size_t k)
{
	size_t total = 0;
	for (size_t x = i; x < j; x++)
		if (p->t[x].kind == T_TEXT)
			total += p->t[x].te - p->t[x].ts;
	if (total == 0)
		return 0;
	char *out = arena_alloc(p->a, total + 1);
	size_t n = 0;
	int bol = -1;
	for (size_t x = i; x < j; x++) {
		const struct tok *t = &p->t[x];
		if (t->kind != T_TEXT || t->ts == t->te)
			continue;
		if (bol < 0)
			bol = t->bol;
		for (size_t q = t->ts; q < t->te;) {
			if (k && (q == 0 || p->src[q - 1] == '\n'))
				for (size_t d = 0; d < k && q < t->te &&
				    is_indent(p->src[q]); d++)
					q++;
			const char *nl = memchr(p->src + q, '\n', t->te - q);
			size_t e = nl ? (size_t)(nl - p->src) + 1 : t->te;
			memcpy(out + n, p->src + q, e - q);
			n += e - q;
			q = e;
		}
	}
	if (n == 0)
		return 0;
	out[n] = '\0';
	nd->kind = N_TEXT;
	nd->bol = (unsigned char)(bol > 0);
	nd->s = out;
	nd->len = n;
	return 1;
}

/* The part of an indentation left after the enclosing dedent k. */
static void set_indent(struct parser *p, mnode *nd, const char *s, size_t n,
    size_t k)
{
	size_t skip = k < n ? k : n;
	nd->indent = arena_strndup(p->a, s + skip, n - skip);
	nd->indent_len = n - skip;
}

static nlist build(struct parser *p, size_t from, size_t to, size_t k,
    int args_only);

static void build_block(struct parser *p, mnode *nd, size_t i, size_t k,
    int is_arg)
{
	const struct tok *t = &p->t[i];
	size_t a = t->after, b = p->t[t->match].cut;
	const char *s;
	size_t n = t->standalone && a < b ? common_indent(p, a, b, &s) :
	    SIZE_MAX;
	if (is_arg) {
		/* An argument is dedented where it is defined and indented
		 * where it is expanded. */
		if (t->standalone && n != SIZE_MAX && n > k)
			k = n;
	} else if (t->standalone) {
		/* Where it is expanded, an argument takes the indentation of
		 * the default content, or else of the tag. */
		if (n == SIZE_MAX) {
			s = p->src + t->cut;
			n = t->start - t->cut;
		}
		set_indent(p, nd, s, n, k);
	}
	nd->kids = build(p, i + 1, t->match, k, 0);
}

static void build_tag(struct parser *p, mnode *nd, size_t i, size_t k,
    int is_arg)
{
	const struct tok *t = &p->t[i];
	nd->bol = t->bol;
	nd->standalone = t->standalone;
	nd->dynamic = t->dynamic;
	switch (t->kind) {
	case T_VAR:
	case T_RAW:
		nd->kind = t->kind == T_VAR ? N_VAR : N_RAW;
		nd->name = make_name(p, t->name, t->nlen);
		break;
	case T_SECTION:
	case T_INVERTED:
		nd->kind = t->kind == T_SECTION ? N_SECTION : N_INVERTED;
		nd->name = make_name(p, t->name, t->nlen);
		nd->kids = build(p, i + 1, t->match, k, 0);
		break;
	case T_PARTIAL:
	case T_PARENT:
		nd->kind = t->kind == T_PARTIAL ? N_PARTIAL : N_PARENT;
		if (t->dynamic)
			nd->name = make_name(p, t->name, t->nlen);
		nd->s = arena_strndup(p->a, t->name, t->nlen);
		nd->len = t->nlen;
		nd->hash = mustache_hash_name(t->name, t->nlen);
		if (t->standalone)
			set_indent(p, nd, p->src + t->cut, t->start - t->cut,
			    k);
		if (t->kind == T_PARENT)
			nd->kids = build(p, i + 1, t->match, k, 1);
		break;
	case T_BLOCK:
		nd->kind = N_BLOCK;
		nd->s = arena_strndup(p->a, t->name, t->nlen);
		nd->len = t->nlen;
		build_block(p, nd, i, k, is_arg);
		break;
	}
}

/* The token after token i and, if i opens a section, all it contains. */
static size_t skip(const struct parser *p, size_t i)
{
	switch (p->t[i].kind) {
	case T_SECTION: case T_INVERTED: case T_PARENT: case T_BLOCK:
		return p->t[i].match + 1;
	default:
		return i + 1;
	}
}

/* Nodes for tokens [from, to), one level deep. k: indentation to drop
 * from each line (inside a block argument). args_only: the body of a
 * parent, where only blocks count and the rest is ignored. */
static nlist build(struct parser *p, size_t from, size_t to, size_t k,
    int args_only)
{
	nlist l = {NULL, 0};
	size_t cap = 0;
	for (size_t i = from; i < to; i = skip(p, i))
		cap++;
	if (cap == 0)
		return l;
	l.v = arena_alloc(p->a, cap * sizeof *l.v);
	for (size_t i = from; i < to;) {
		const struct tok *t = &p->t[i];
		size_t next = skip(p, i);
		if (args_only) {
			if (t->kind == T_BLOCK)
				build_tag(p, &l.v[l.n++], i, k, 1);
		} else if (t->kind == T_TEXT || t->kind == T_COMMENT ||
		    t->kind == T_DELIM) {
			/* Text around dropped tags merges into one node. */
			while (next < to && (p->t[next].kind == T_TEXT ||
			    p->t[next].kind == T_COMMENT ||
			    p->t[next].kind == T_DELIM))
				next++;
			l.n += (size_t)make_text(p, &l.v[l.n], i, next, k);
		} else if (t->kind != T_CLOSE) {
			build_tag(p, &l.v[l.n++], i, k, 0);
		}
		i = next;
	}
	return l;
}

int mustache_add(mustache_set *set, const char *name, const char *file,
    const char *src, size_t len, diag *d)
{
	struct parser p = {0};
	int rc = -1;
	p.a = set->a;
	p.file = file;
	p.src = src;
	p.len = len;
	p.d = d;
	p.line = 1;
	if (mustache_tokenize(&p) < 0)
		goto out;
	mustache_find_standalone(&p);
	mustache_find_bol(&p);
	struct tmpl *t = arena_alloc(set->a, sizeof *t);
	t->name = arena_strdup(set->a, name);
	t->hash = mustache_hash_name(name, strlen(name));
	t->root = build(&p, 0, p.n, 0, 0);
	mustache_store_tmpl(set, t);
	rc = 0;
out:
	free(p.t);
	return rc;
}
