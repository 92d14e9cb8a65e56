#include "byline.h"

#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"

/* One credit rule: the site's, or a section's. */
struct rule {
	const char *name;      /* section name; NULL for the site */
	const char *author;    /* the organisation credited by default */
	int person;            /* author_type: person */
};

/* A string key of site.yaml (or of a section there): NULL when absent,
 * and after saying what to write when it is not text. */
static const char *config_str(value *map, const char *key, diag *d)
{
	value *v = val_map_get(map, key);
	if (!v || v->kind == VAL_NULL)
		return NULL;
	if (v->kind != VAL_STR) {
		/* TRANSLATORS: %s is the key, author or author_type. */
		diag_error(d, "site.yaml", v->line, v->col, _("'%s' must be "
		    "text, like author: \"LAPE-muutosohjelma\""), key);
		return NULL;
	}
	return v->u.str.s;
}

/* 1 for `author_type: person`, 0 for organization; dflt when absent. */
static int person_type(value *map, int dflt, diag *d)
{
	const char *t = config_str(map, "author_type", d);
	if (!t)
		return dflt;
	if (!strcmp(t, "organization") || !strcmp(t, "organisation"))
		return 0;
	if (!strcmp(t, "person"))
		return 1;
	value *v = val_map_get(map, "author_type");
	diag_error(d, "site.yaml", v->line, v->col, _("author_type '%s' is "
	    "not known: write author_type: organization (the authors are "
	    "organisations; the default) or author_type: person"), t);
	return dflt;
}

void byline_apply(site *s, post **docs, size_t n, diag *d)
{
	struct rule site_rule = {NULL, config_str(s->config, "author", d),
	    person_type(s->config, 0, d)};
	value *secs = val_map_get(s->config, "sections");
	size_t nr = secs && secs->kind == VAL_MAP ? secs->u.map.len : 0;
	struct rule *rules = calloc(nr + 1, sizeof *rules);
	if (!rules)
		abort();
	for (size_t i = 0; i < nr; i++) {
		value *sec = secs->u.map.items[i].val;
		rules[i] = site_rule;
		rules[i].name = secs->u.map.items[i].key;
		if (!sec || sec->kind != VAL_MAP)
			continue;
		const char *au = config_str(sec, "author", d);
		if (au)
			rules[i].author = au;
		rules[i].person = person_type(sec, site_rule.person, d);
	}
	for (size_t i = 0; i < n; i++) {
		post *p = docs[i];
		if (p->kind != PAGE_POST)
			continue;
		const struct rule *r = &site_rule;
		for (size_t k = 0; k < nr && p->section; k++)
			if (!strcmp(rules[k].name, p->section))
				r = &rules[k];
		if (p->author && !p->author_person) {
			p->author_person = r->person;
		} else if (!p->author && r->author && *r->author) {
			p->author = r->author;
			p->author_person = 0;
		}
	}
	free(rules);
}
