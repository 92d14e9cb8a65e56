/* mustache: templates are compiled once into node trees, then rendered.
 *
 * Compiling takes three passes over the source, so each decision is made
 * with everything it needs in view:
 *   1. tokenize: text and tags, following set-delimiter tags, matching each
 *      close tag to its open tag (and reporting errors with their position);
 *   2. standalone: decide which tags sit alone on their line and cut that
 *      line out of the neighbouring text (the spec's whitespace rules);
 *   3. build: turn the tokens into node lists, copying text into the set's
 *      arena, so the source need not outlive mustache_add().
 *
 * Rendering walks the nodes with everything it needs on the C stack (the
 * context stack, the indentation of enclosing standalone partials, the
 * block overrides of enclosing parents), so it allocates nothing but the
 * output and never writes to the set: threads may share one set.
 *
 * Passes 1 and 2 are mustache_lex.c, pass 3 mustache_compile.c and
 * rendering mustache_run.c; this file keeps the set of compiled templates.
 *
 * Indentation is modelled on the source: a standalone partial indented by
 * "  " renders as if every non-empty line of its source began with "  ".
 * Nodes therefore remember whether they begin a source line (`bol`); text
 * knows its line starts by its newlines. */
#include "mustache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "mustache_node.h"

uint64_t mustache_hash_name(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

const struct tmpl *mustache_find_tmpl(const mustache_set *set, const char *name,
    size_t len, uint64_t h)
{
	if (!set->cap)
		return NULL;
	for (size_t i = (size_t)h & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		const struct tmpl *t = set->slot[i];
		if (!t)
			return NULL;
		if (t->hash == h && strlen(t->name) == len &&
		    memcmp(t->name, name, len) == 0)
			return t;
	}
}

/* Puts t in the table, replacing a template of the same name. */
void mustache_store_tmpl(mustache_set *set, struct tmpl *t)
{
	if (2 * (set->n + 1) > set->cap) {
		size_t cap = set->cap ? 2 * set->cap : 32;
		struct tmpl **slot = calloc(cap, sizeof *slot);
		if (!slot) {
			fputs("saitti: out of memory\n", stderr);
			abort();
		}
		for (size_t i = 0; i < set->cap; i++) {
			struct tmpl *o = set->slot[i];
			if (!o)
				continue;
			size_t j = (size_t)o->hash & (cap - 1);
			while (slot[j])
				j = (j + 1) & (cap - 1);
			slot[j] = o;
		}
		free(set->slot);
		set->slot = slot;
		set->cap = cap;
	}
	size_t i = (size_t)t->hash & (set->cap - 1);
	for (; set->slot[i]; i = (i + 1) & (set->cap - 1))
		if (set->slot[i]->hash == t->hash &&
		    strcmp(set->slot[i]->name, t->name) == 0) {
			set->slot[i] = t;
			return;
		}
	set->slot[i] = t;
	set->n++;
}

mustache_set *mustache_set_new(void)
{
	mustache_set *set = calloc(1, sizeof *set);
	if (!set) {
		fputs("saitti: out of memory\n", stderr);
		abort();
	}
	set->a = arena_new();
	return set;
}

void mustache_set_free(mustache_set *set)
{
	if (!set)
		return;
	free(set->slot);
	arena_free(set->a);
	free(set);
}

int mustache_has(const mustache_set *set, const char *name)
{
	size_t len = strlen(name);
	return mustache_find_tmpl(set, name, len, mustache_hash_name(name, len)) != NULL;
}

/* A template walk for mustache_names: seen holds the templates walked,
 * each once (partials may include each other). */
struct names_walk {
	const mustache_set *set;
	const char *key;
	int first;
	const struct tmpl **seen;
	size_t nseen;
};

static int names_tmpl(struct names_walk *w, const struct tmpl *t);

static int names_list(struct names_walk *w, const nlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const mnode *nd = &l->v[i];
		if (nd->kind == N_TEXT)
			continue;
		if ((nd->kind == N_PARTIAL || nd->kind == N_PARENT) &&
		    nd->dynamic)
			return 1;
		for (size_t k = 0; k < nd->name.n && (!w->first || k == 0);
		    k++)
			if (!strcmp(nd->name.parts[k], w->key))
				return 1;
		if (nd->kind == N_PARTIAL || nd->kind == N_PARENT) {
			const struct tmpl *t = mustache_find_tmpl(w->set, nd->s,
			    nd->len, nd->hash);
			if (t && names_tmpl(w, t))
				return 1;
		}
		if (names_list(w, &nd->kids))
			return 1;
	}
	return 0;
}

static int names_tmpl(struct names_walk *w, const struct tmpl *t)
{
	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i] == t)
			return 0;
	w->seen[w->nseen++] = t;
	return names_list(w, &t->root);
}

int mustache_names(const mustache_set *set, const char *name,
    const char *key, int first)
{
	size_t len = strlen(name);
	const struct tmpl *t = mustache_find_tmpl(set, name, len,
	    mustache_hash_name(name, len));
	if (!t)
		return 0;
	struct names_walk w = {set, key, first, calloc(set->n + 1,
	    sizeof *w.seen), 0};
	if (!w.seen)
		abort();
	int named = names_tmpl(&w, t);
	free(w.seen);
	return named;
}
