#include "meta.h"

#include <string.h>

#include "../core/i18n.h"
#include "../parse/datetext.h"
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
		diag_error(d, file, v->line, v->col, _("'%s' must be text, not "
		    "a %s (write %s: \"...\")"), key, _(val_kind_name(v->kind)),
		    key);
		return NULL;
	}
	return v->u.str.s;
}

/* Yes and no as writers type them (`draft: kyllä`): 1, 0, or -1. */
static int bool_word(const char *w)
{
	static const char *const yes[] = {"kyllä", "Kyllä", "KYLLÄ", "yes",
	    "Yes", "YES", "ja", "Ja", "JA"};
	static const char *const no[] = {"ei", "Ei", "EI", "no", "No", "NO",
	    "nej", "Nej", "NEJ"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (!strcmp(w, yes[i]))
			return 1;
		if (!strcmp(w, no[i]))
			return 0;
	}
	return -1;
}

int meta_bool(const char *file, const value *map, const char *key, int def,
    diag *d)
{
	value *v = val_map_get(map, key);
	if (!v || v->kind == VAL_NULL)
		return def;
	int b = v->kind == VAL_BOOL ? v->u.b : v->kind == VAL_STR ?
	    bool_word(v->u.str.s) : -1;
	if (b < 0) {
		diag_error(d, file, v->line, v->col, _("'%s' must be true or "
		    "false"), key);
		return def;
	}
	return b;
}

int meta_date(const char *file, const value *map, const char *key,
    sdate *out, diag *d)
{
	return meta_date_span(file, map, key, out, NULL, d);
}

int meta_date_span(const char *file, const value *map, const char *key,
    sdate *out, sdate *end, diag *d)
{
	value *v = val_map_get(map, key);
	if (!v || v->kind == VAL_NULL)
		return 0;
	if (v->kind != VAL_STR) {
		diag_error(d, file, v->line, v->col, _("'%s' must be a date "
		    "like 2017-11-07 or 7.11.2017 klo 12.00"), key);
		return -1;
	}
	const char *err;
	datetext dt;
	if (datetext_parse(v->u.str.s, v->u.str.len, &dt, &err) != 0) {
		/* "date: 31.2.2018 is not a date: February has 28 or 29
		 * days", as the writer's guide shows it. */
		/* TRANSLATORS: the key (date, start, end), what was written,
		 * and one of the "not a date: ..." messages. */
		diag_error(d, file, v->line, v->col, _("%s: %s is %s"), key,
		    v->u.str.s, _(err));
		return -1;
	}
	*out = dt.start;
	if (dt.has_end && !end) {
		/* TRANSLATORS: the key (date, end), then what was written. */
		diag_error(d, file, v->line, v->col, _("%s: %s is a time "
		    "range, and a range belongs only in an event's start: "
		    "write one time here"), key, v->u.str.s);
		return -1;
	}
	if (dt.has_end) {
		*end = dt.end;
		return 2;
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
		diag_error(d, file, v->line, v->col, _("'tags' must be a list, "
		    "like tags: [one, two]"));
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
			diag_error(d, file, t->line, t->col, _("a tag must be "
			    "a word, not a %s"), _(val_kind_name(t->kind)));
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

void meta_each_category(const value *meta,
    void (*fn)(void *ctx, const char *word, size_t len), void *ctx)
{
	const value *c = val_map_get(meta, "categories");
	if (!c)
		c = val_map_get(meta, "category");
	if (!c)
		return;
	size_t n = c->kind == VAL_LIST ? c->u.list.len : 1;
	for (size_t i = 0; i < n; i++) {
		const value *it = c->kind == VAL_LIST ? c->u.list.items[i] : c;
		const char *s = val_as_str(it);
		while (s && *s) {
			while (*s == ' ')
				s++;
			const char *w = s;
			while (*s && *s != ' ')
				s++;
			if (s == w)
				break;
			fn(ctx, w, (size_t)(s - w));
		}
	}
}
