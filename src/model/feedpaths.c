#include "feedpaths.h"

#include <string.h>

#include "../core/i18n.h"
#include "../parse/urlpath.h"

static const char **load(site *s, const char *key, int in_lists, diag *d)
{
	value *v = val_map_get(s->config, key);
	const char **out = arena_alloc(s->a, sizeof *out);
	if (!v || v->kind == VAL_NULL)
		return out;
	if (v->kind != VAL_LIST) {
		diag_error(d, "site.yaml", v->line, v->col, _("'%s' must be a "
		    "list of paths, like %s: [%s]"), key, key, in_lists ?
		    "index.xml" : "/feed.xml, /atom.xml");
		return out;
	}
	out = arena_alloc(s->a, (v->u.list.len + 1) * sizeof *out);
	size_t n = 0;
	for (size_t i = 0; i < v->u.list.len; i++) {
		value *it = v->u.list.items[i];
		const char *w = val_as_str(it), *err = NULL;
		int bad = 0;
		const char *path = w ? urlpath_alias(s->a, w, &err, &bad) : NULL;
		size_t len = path ? strlen(path) : 0;
		if (!path || path[len - 1] == '/' || !strcmp(path, "rss.xml") ||
		    (in_lists && strchr(path, '/'))) {
			diag_error(d, "site.yaml", it->line, it->col,
			    in_lists ? _("'%s' in list_feed_also must be a "
			    "file name other than rss.xml, like index.xml") :
			    _("'%s' in feed_also must be a file's path other "
			    "than /rss.xml, like /feed.xml"), w ? w : "");
			continue;
		}
		out[n++] = path;
	}
	out[n] = NULL;
	return out;
}

void feedpaths_load(site *s, diag *d)
{
	s->feed_also = load(s, "feed_also", 0, d);
	s->list_feed_also = load(s, "list_feed_also", 1, d);
}
