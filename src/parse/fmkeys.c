#include "fmkeys.h"

#include <string.h>

#include "../core/i18n.h"

/* Lower-cases the map's keys in place. */
static void fold_case(arena *a, const char *file, value *meta, diag *d)
{
	for (size_t i = 0; i < meta->u.map.len; i++) {
		struct val_entry *e = &meta->u.map.items[i];
		const char *k = e->key;
		size_t n = strlen(k);
		int upper = 0;
		for (size_t j = 0; j < n; j++)
			upper |= k[j] >= 'A' && k[j] <= 'Z';
		if (!upper)
			continue;
		char *low = arena_strdup(a, k);
		for (size_t j = 0; j < n; j++)
			if (low[j] >= 'A' && low[j] <= 'Z')
				low[j] = (char)(low[j] + 32);
		if (val_map_get(meta, low)) {
			diag_error(d, file, e->val->line, e->val->col,
			    _("'%s' and '%s' are the same key (case does "
			    "not matter): keep one of them"), k, low);
			continue;
		}
		e->key = low;
		e->hash = val_key_hash(low);
	}
}

/* Sets `to` from `from` when only `from` is given. */
static void synonym(arena *a, value *meta, const char *from, const char *to)
{
	value *v = val_map_get(meta, from);
	if (v && v->kind != VAL_NULL && !val_map_get(meta, to))
		val_map_set(a, meta, to, v);
}

/* A list of words from a list, or from a string split at spaces. */
static void add_words(arena *a, value *list, value *v)
{
	if (!v)
		return;
	if (v->kind == VAL_LIST) {
		for (size_t i = 0; i < v->u.list.len; i++)
			val_list_push(a, list, v->u.list.items[i]);
		return;
	}
	if (v->kind != VAL_STR) {
		val_list_push(a, list, v);
		return;
	}
	const char *s = v->u.str.s, *end = s + v->u.str.len;
	while (s < end) {
		while (s < end && (*s == ' ' || *s == ','))
			s++;
		const char *w = s;
		while (s < end && *s != ' ' && *s != ',')
			s++;
		if (s > w) {
			value *t = val_strn(a, w, (size_t)(s - w));
			t->line = v->line;
			t->col = v->col;
			val_list_push(a, list, t);
		}
	}
}

static void merge_tags(arena *a, value *meta)
{
	value *tags = val_map_get(meta, "tags");
	value *cats = val_map_get(meta, "categories");
	value *cat = val_map_get(meta, "category");
	int tags_str = tags && tags->kind == VAL_STR;
	if (!cats && !cat && !tags_str)
		return;
	value *all = val_list(a);
	if (tags && tags->kind != VAL_NULL) {
		all->line = tags->line;
		all->col = tags->col;
		add_words(a, all, tags);
	}
	if (cats && cats->kind != VAL_NULL)
		add_words(a, all, cats);
	if (cat && cat->kind != VAL_NULL)
		add_words(a, all, cat);
	if (!all->line) {
		value *from = cats ? cats : cat;
		all->line = from->line;
		all->col = from->col;
	}
	val_map_set(a, meta, "tags", all);
}

static void authors(arena *a, value *meta)
{
	value *v = val_map_get(meta, "authors");
	if (!v || v->kind != VAL_LIST || !v->u.list.len ||
	    val_map_get(meta, "author"))
		return;
	size_t n = 0;
	for (size_t i = 0; i < v->u.list.len; i++) {
		const char *s = val_as_str(v->u.list.items[i]);
		n += s ? strlen(s) + 2 : 0;
	}
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < v->u.list.len; i++) {
		const char *s = val_as_str(v->u.list.items[i]);
		if (!s)
			continue;
		if (o > out) {
			memcpy(o, ", ", 2);
			o += 2;
		}
		memcpy(o, s, strlen(s));
		o += strlen(s);
	}
	*o = '\0';
	value *s = val_str_ref(a, out);
	s->line = v->line;
	s->col = v->col;
	val_map_set(a, meta, "author", s);
}

/* A page's own old address (Jekyll's permalink) becomes one
 * more alias, so the old link keeps working. */
static void old_address(arena *a, value *meta, const char *key)
{
	value *v = val_map_get(meta, key);
	if (!v || v->kind != VAL_STR || v->u.str.s[0] != '/')
		return;
	value *al = val_map_get(meta, "aliases");
	if (al && al->kind != VAL_LIST)
		return;
	if (!al) {
		al = val_list(a);
		al->line = v->line;
		al->col = v->col;
		val_map_set(a, meta, "aliases", al);
	}
	for (size_t i = 0; i < al->u.list.len; i++) {
		const char *s = val_as_str(al->u.list.items[i]);
		if (s && !strcmp(s, v->u.str.s))
			return;
	}
	val_list_push(a, al, v);
}

void fmkeys_normalise(arena *a, const char *file, value *meta, diag *d)
{
	if (!meta || meta->kind != VAL_MAP)
		return;
	fold_case(a, file, meta, d);
	synonym(a, meta, "excerpt", "summary");
	synonym(a, meta, "description", "summary");
	synonym(a, meta, "lastmod", "updated");
	synonym(a, meta, "last_modified_at", "updated");
	synonym(a, meta, "publishdate", "date");
	authors(a, meta);
	merge_tags(a, meta);
	old_address(a, meta, "permalink");
}
