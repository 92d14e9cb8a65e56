#include "meta.h"

#include <string.h>

#include "../core/i18n.h"
#include "../core/limits.h"

const char *meta_str(site *s, const char *file, const value *map,
    const char *key, diag *d)
{
	value *v = val_map_get(map, key);
	if (!v || v->kind == VAL_NULL)
		return NULL;
	if (v->kind == VAL_NUM)
		return arena_printf(s->a, "%g", v->u.num);
	if (v->kind == VAL_BOOL)
		return v->u.b ? "true" : "false";
	if (v->kind != VAL_STR) {
		diag_error(d, file, v->line, v->col, "'%s' must be text, not "
		    "a %s (write %s: \"...\")", key, val_kind_name(v->kind),
		    key);
		return NULL;
	}
	return v->u.str.s;
}

int meta_bool(const char *file, const value *map, const char *key, int def,
    diag *d)
{
	value *v = val_map_get(map, key);
	if (!v || v->kind == VAL_NULL)
		return def;
	if (v->kind != VAL_BOOL) {
		diag_error(d, file, v->line, v->col, "'%s' must be true or "
		    "false", key);
		return def;
	}
	return v->u.b;
}

int meta_date(const char *file, const value *map, const char *key,
    sdate *out, diag *d)
{
	value *v = val_map_get(map, key);
	if (!v || v->kind == VAL_NULL)
		return 0;
	if (v->kind != VAL_STR) {
		diag_error(d, file, v->line, v->col, "'%s' must be a date like "
		    "2017-11-07 or 7.11.2017 klo 12.00", key);
		return -1;
	}
	const char *err;
	if (date_parse(v->u.str.s, v->u.str.len, out, &err) != 0) {
		/* "date: 31.2.2018 is not a date: February has 28 or 29
		 * days", as the writer's guide shows it. */
		diag_error(d, file, v->line, v->col, "%s: %s is %s", key,
		    v->u.str.s, err);
		return -1;
	}
	return 1;
}

size_t meta_tags(site *s, const char *file, const value *map, tag ***out,
    diag *d)
{
	*out = NULL;
	value *v = val_map_get(map, "tags");
	if (!v || v->kind == VAL_NULL)
		return 0;
	if (v->kind != VAL_LIST) {
		diag_error(d, file, v->line, v->col, "'tags' must be a list, "
		    "like tags: [one, two]");
		return 0;
	}
	/* Each tag's page lists the post with all its tags: tags times
	 * tags in output, so a post has at most LIMIT_TAGS. */
	if (v->u.list.len > LIMIT_TAGS) {
		const value *t = v->u.list.items[LIMIT_TAGS];
		/* TRANSLATORS: %d is the limit (LIMIT_TAGS in README.md,
		 * "Limits"). */
		diag_error(d, file, t->line, t->col, _("more than %d tags (the "
		    "limit LIMIT_TAGS): keep the ones a reader would look "
		    "for"), LIMIT_TAGS);
		return 0;
	}
	tag **tags = arena_alloc(s->a, (v->u.list.len + 1) * sizeof *tags);
	size_t n = 0;
	for (size_t i = 0; i < v->u.list.len; i++) {
		value *t = v->u.list.items[i];
		if (t->kind != VAL_STR && t->kind != VAL_NUM) {
			diag_error(d, file, t->line, t->col, "a tag must be a "
			    "word, not a %s", val_kind_name(t->kind));
			continue;
		}
		const char *name = t->kind == VAL_STR ? t->u.str.s :
		    arena_printf(s->a, "%g", t->u.num);
		tag *tg = site_tag(s, name, file, t->line, t->col, d);
		if (!tg)
			continue;
		int dup = 0;
		for (size_t j = 0; j < n; j++)
			dup |= tags[j] == tg;
		if (!dup)
			tags[n++] = tg;
	}
	*out = tags;
	return n;
}
