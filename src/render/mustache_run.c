#include "mustache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parse/utf8.h"
#include "escape.h"
#include "mustache_node.h"

/* Limits that tell a template recursing without end (a partial that
 * includes itself whatever the data, maybe twice: {{>p}}{{>p}}) or growing
 * without bound (list sections nested a hundred deep) from a deep or big
 * page: node lists entered one inside another, and partials, parents,
 * block arguments and passes of list sections in one render. Past either
 * the render stops and fails. */
#define MAX_DEPTH 1000
#define MAX_EXPANSIONS 1000000

/* ---- rendering ---- */

/* Everything below lives on the C stack of one render. */
struct frame {  /* the context stack above the caller's array */
	const value *v;
	const struct frame *up;
};

struct indent { /* a standalone partial's, parent's or block's */
	const char *s;
	size_t len;
	const struct indent *up;
};

struct args {   /* the blocks passed to an enclosing parent */
	const nlist *blocks;
	const struct args *up;
};

struct scope {
	const struct frame *top;
	const struct indent *ind;
	const struct args *args;
};

struct render {
	const mustache_set *set;
	buf *out;
	const value *const *ctx;
	size_t n;
	int depth;
	long expansions;
	int runaway;    /* a limit was hit: stop everywhere */
};

/* Counts one more partial, parent, block argument or pass of a list
 * section; 0 when over budget. */
static int may_expand(struct render *r)
{
	if (++r->expansions > MAX_EXPANSIONS)
		r->runaway = 1;
	return !r->runaway;
}

static void render_list(struct render *r, const nlist *l,
    const struct scope *sc);

/* Where the later parts of dotted names were found last, by worker
 * thread. {{t.read_more}} and {{site.title}} look into the same big maps
 * (the theme's strings: a hundred keys and more) on every page, so the
 * key is mostly where it was the last time. A hint is only where to look
 * first: a wrong one (another map, a slot two names share) costs one
 * comparison. Slots are told apart by the address of the part's compiled
 * string. */
#define HINTS 1024
static _Thread_local unsigned hints[HINTS];

static const value *get_hinted(const value *map, const char *key,
    unsigned hash)
{
	if (!map || map->kind != VAL_MAP)
		return NULL;
	unsigned *hint = &hints[((uintptr_t)key >> 3) & (HINTS - 1)];
	const struct val_entry *e = map->u.map.items;
	size_t n = map->u.map.len, h = *hint;
	if (h < n && e[h].hash == hash && strcmp(e[h].key, key) == 0)
		return e[h].val;
	for (size_t i = 0; i < n; i++)
		if (e[i].hash == hash && strcmp(e[i].key, key) == 0) {
			*hint = (unsigned)i;
			return e[i].val;
		}
	return NULL;
}

/* The spec's lookup: the first part of a dotted name is searched down the
 * context stack, the rest only inside what that found. */
static const value *lookup(const struct render *r, const struct scope *sc,
    const mname *m)
{
	if (m->n == 0)
		return sc->top ? sc->top->v : r->n ? r->ctx[r->n - 1] : NULL;
	const value *v = NULL;
	for (const struct frame *f = sc->top; f && !v; f = f->up)
		v = val_map_get_h(f->v, m->parts[0], m->hashes[0]);
	for (size_t i = r->n; i-- > 0 && !v;)
		v = val_map_get_h(r->ctx[i], m->parts[0], m->hashes[0]);
	for (size_t i = 1; i < m->n && v; i++)
		v = get_hinted(v, m->parts[i], m->hashes[i]);
	return v;
}

static void put_indent(buf *out, const struct indent *ind)
{
	if (!ind)
		return;
	put_indent(out, ind->up);
	buf_put(out, ind->s, ind->len);
}

/* Integral values print as integers (up to 2^53, where doubles stop
 * being exact); others in the fewest digits that read back as the same
 * double (%.15g is shortest whenever it round-trips, as %g drops trailing
 * zeros). */
static void put_number(buf *out, double x)
{
	char tmp[40];
	if (x >= -9007199254740992.0 && x <= 9007199254740992.0 &&
	    (double)(long long)x == x) {
		/* What "%lld" prints, without printf: pages print a number
		 * each (a year, a count), 54,000 at 10,000 posts. */
		long long k = (long long)x;
		unsigned long long u = k < 0 ? 0ULL - (unsigned long long)k :
		    (unsigned long long)k;
		char *p = tmp + sizeof tmp;
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		if (k < 0)
			*--p = '-';
		buf_put(out, p, (size_t)(tmp + sizeof tmp - p));
		return;
	} else {
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(tmp, sizeof tmp, "%.*g", prec, x);
			if (strtod(tmp, NULL) == x)
				break;
		}
	}
	buf_puts(out, tmp);
}

/* A string as escape_html (escape) or escape_html_raw writes it. Most
 * strings have nothing to escape or drop, and many are printed on many
 * pages: the escaper's own span tells it once per string, and the value
 * remembers (value.esc). What a string needs is the same on every page:
 * its bytes do not change once it is made. */
static void put_str(buf *out, const value *v, int escape)
{
	value *w = (value *)v;   /* made in an arena, never const */
	const char *s = v->u.str.s;
	size_t n = v->u.str.len, k = 0;
	unsigned ok = escape ? VAL_ESC_TEXT_OK : VAL_ESC_HTML_OK;
	unsigned f = atomic_load_explicit(&w->esc, memory_order_relaxed);
	if (!(f & (ok | ok << 1))) {
		k = utf8_html_span(s, n, escape ? UTF8_SPAN_TEXT :
		    UTF8_SPAN_HTML);
		f = k == n ? ok : ok << 1;
		atomic_fetch_or_explicit(&w->esc, (unsigned char)f,
		    memory_order_relaxed);
	}
	if (f & ok) {
		buf_put(out, s, n);
		return;
	}
	/* The span ends at a character: the rest escapes as the whole. */
	buf_put(out, s, k);
	if (escape)
		escape_html(out, s + k, n - k);
	else
		escape_html_raw(out, s + k, n - k);
}

static void put_value(buf *out, const value *v, int escape)
{
	if (!v)
		return;
	switch (v->kind) {
	case VAL_STR:
		put_str(out, v, escape);
		break;
	case VAL_NUM:
		put_number(out, v->u.num);
		break;
	case VAL_BOOL:
		buf_puts(out, v->u.b ? "true" : "false");
		break;
	case VAL_NULL:
	case VAL_LIST:
	case VAL_MAP:
		break;
	}
}

/* Text, indented at each line start (empty lines stay empty). */
static void put_text(buf *out, const mnode *nd, const struct indent *ind)
{
	const char *s = nd->s;
	size_t n = nd->len;
	if (!ind) {
		buf_put(out, s, n);
		return;
	}
	if (nd->bol && s[0] != '\n')
		put_indent(out, ind);
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) + 1 : n;
		buf_put(out, s + i, e - i);
		i = e;
		if (i < n && s[i] != '\n')
			put_indent(out, ind);
	}
}

static void render_section(struct render *r, const mnode *nd,
    const struct scope *sc)
{
	const value *v = lookup(r, sc, &nd->name);
	if (nd->kind == N_INVERTED) {
		if (!val_truthy(v))
			render_list(r, &nd->kids, sc);
		return;
	}
	if (!val_truthy(v))
		return;
	struct frame f = {v, sc->top};
	struct scope inner = {&f, sc->ind, sc->args};
	if (v->kind != VAL_LIST) {
		render_list(r, &nd->kids, &inner);
		return;
	}
	for (size_t i = 0; i < v->u.list.len && may_expand(r); i++) {
		f.v = v->u.list.items[i];
		render_list(r, &nd->kids, &inner);
	}
}

/* {{>name}} and {{<name}}...{{/name}}: a partial is a parent without
 * arguments, so both pass the enclosing arguments on. */
static void render_include(struct render *r, const mnode *nd,
    const struct scope *sc)
{
	const char *name = nd->s;
	size_t len = nd->len;
	uint64_t h = nd->hash;
	if (nd->dynamic) {
		const value *v = lookup(r, sc, &nd->name);
		if (!v || v->kind != VAL_STR)
			return;
		name = v->u.str.s;
		len = v->u.str.len;
		h = mustache_hash_name(name, len);
	}
	const struct tmpl *t = mustache_find_tmpl(r->set, name, len, h);
	if (!t || !may_expand(r))
		return;
	struct indent ind = {nd->indent, nd->indent_len, sc->ind};
	struct args args = {&nd->kids, sc->args};
	struct scope inner = {sc->top, NULL, sc->args};
	/* Only a standalone tag indents; an inline one leaves the lines of
	 * what it includes where they fall. */
	if (nd->standalone)
		inner.ind = nd->indent_len ? &ind : sc->ind;
	if (nd->kind == N_PARENT)
		inner.args = &args;
	render_list(r, &t->root, &inner);
}

/* {{$name}}: the argument given by the outermost parent, else the default
 * content. */
static void render_block(struct render *r, const mnode *nd,
    const struct scope *sc)
{
	const mnode *arg = NULL;
	for (const struct args *a = sc->args; a; a = a->up)
		for (size_t i = 0; i < a->blocks->n; i++) {
			const mnode *b = &a->blocks->v[i];
			if (b->len == nd->len &&
			    memcmp(b->s, nd->s, nd->len) == 0) {
				arg = b;
				break;
			}
		}
	if (!arg) {
		render_list(r, &nd->kids, sc);
		return;
	}
	if (!may_expand(r))
		return;
	struct indent ind = {nd->indent, nd->indent_len, sc->ind};
	struct scope inner = {sc->top, NULL, sc->args};
	if (nd->standalone)
		inner.ind = nd->indent_len ? &ind : sc->ind;
	render_list(r, &arg->kids, &inner);
}

static void render_list(struct render *r, const nlist *l,
    const struct scope *sc)
{
	if (r->depth >= MAX_DEPTH)
		r->runaway = 1;
	if (r->runaway)
		return;
	r->depth++;
	for (size_t i = 0; i < l->n && !r->runaway; i++) {
		const mnode *nd = &l->v[i];
		if (nd->kind == N_TEXT) {
			put_text(r->out, nd, sc->ind);
			continue;
		}
		if (nd->bol && sc->ind)
			put_indent(r->out, sc->ind);
		switch (nd->kind) {
		case N_VAR:
		case N_RAW:
			put_value(r->out, lookup(r, sc, &nd->name),
			    nd->kind == N_VAR);
			break;
		case N_SECTION:
		case N_INVERTED:
			render_section(r, nd, sc);
			break;
		case N_PARTIAL:
		case N_PARENT:
			render_include(r, nd, sc);
			break;
		case N_BLOCK:
			render_block(r, nd, sc);
			break;
		}
	}
	r->depth--;
}

int mustache_render(const mustache_set *set, const char *name,
    const value *const *ctx, size_t n, buf *out)
{
	size_t len = strlen(name);
	const struct tmpl *t = mustache_find_tmpl(set, name, len, mustache_hash_name(name, len));
	if (!t)
		return -1;
	/* out->data is a string afterwards even when nothing is written
	 * (buf_detach() of a never-grown buf leaves it unterminated). */
	buf_put(out, "", 0);
	struct render r = {set, out, ctx, n, 0, 0, 0};
	struct scope sc = {NULL, NULL, NULL};
	render_list(&r, &t->root, &sc);
	return r.runaway ? -1 : 0;
}
