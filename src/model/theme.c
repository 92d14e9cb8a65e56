#include "theme.h"

#include <string.h>

#include "../parse/utf8.h"
#include "../parse/yaml.h"
#include "../core/i18n.h"

theme *theme_load(source *src, arena *a, const char *name,
    const char *language, diag *d)
{
	if (!*name || strchr(name, '/') || name[0] == '.') {
		diag_error(d, "site.yaml", 0, 0, _("theme '%s' is not a theme "
		    "name: use the name of a folder under themes/"), name);
		return NULL;
	}
	theme *t = arena_alloc(a, sizeof *t);
	t->name = name;
	t->dir = arena_printf(a, "themes/%s/", name);
	const char **paths;
	const char *tdir = arena_printf(a, "%stemplates/", t->dir);
	size_t n = source_list(src, tdir, a, &paths, d);
	if (n == 0) {
		diag_error(d, "site.yaml", 0, 0, _("unknown theme '%s': there "
		    "is no %s folder with templates"), name, tdir);
		return NULL;
	}
	int errs = diag_errors(d);
	t->templates = mustache_set_new();
	hash_state *fp = hash_begin();
	size_t tl = strlen(tdir);
	for (size_t i = 0; i < n; i++) {
		size_t pl = strlen(paths[i]);
		if (pl < 5 || strcmp(paths[i] + pl - 5, ".html"))
			continue;
		const char *text;
		size_t len, bad;
		if (source_read(src, paths[i], a, &text, &len, d) != 0)
			continue;
		if (!utf8_valid(text, len, &bad)) {
			int line, col;
			utf8_position(text, len, bad, &line, &col);
			diag_error(d, paths[i], line, col, _("not valid UTF-8: "
			    "save the template as UTF-8"));
			continue;
		}
		const char *tname = arena_strndup(a, paths[i] + tl,
		    pl - tl - 5);
		mustache_add(t->templates, tname, paths[i], text, len, d);
		hash_add_str(fp, tname);
		hash_add(fp, text, len);
	}
	t->fingerprint = hash_end(fp);
	const char *spath = arena_printf(a, "%si18n/%s.yaml", t->dir,
	    language);
	const char *text;
	size_t len;
	if (!source_exists(src, spath)) {
		diag_error(d, spath, 0, 0, _("missing: the theme has no "
		    "strings for language '%s'"), language);
	} else if (source_read(src, spath, a, &text, &len, d) == 0) {
		t->strings = yaml_parse(a, spath, text, len, 0, d);
		if (t->strings && t->strings->kind != VAL_MAP) {
			diag_error(d, spath, 1, 1, _("the strings file must be "
			    "a map of 'key: text' lines"));
			t->strings = NULL;
		}
	}
	t->nstatics = source_list(src, arena_printf(a, "%sstatic/", t->dir),
	    a, &t->statics, d);
	if (diag_errors(d) > errs) {
		theme_free(t);
		return NULL;
	}
	return t;
}

void theme_free(theme *t)
{
	if (t) {
		mustache_set_free(t->templates);
		t->templates = NULL;
	}
}
