/* theme: the templates, strings and static files of themes/<name>/,
 * read through the source and compiled once per build. */
#ifndef SAITTI_THEME_H
#define SAITTI_THEME_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/hash.h"
#include "../core/value.h"
#include "../render/mustache.h"
#include "../source/source.h"
#include "site.h"

struct theme {
	const char *name;
	const char *dir;         /* "themes/default/" */
	mustache_set *templates; /* every templates/ **.html, by name */
	hash128 fingerprint;     /* of every template's name and text */
	value *strings;          /* i18n/<language>.yaml */
	const char **statics;    /* source paths under static/ */
	size_t nstatics;
};

/* NULL after reporting errors (unknown theme, template errors, missing
 * strings file). Memory in a, except templates (theme_free). */
theme *theme_load(source *src, arena *a, const char *name,
    const char *language, diag *d);
void theme_free(theme *t);

#endif
