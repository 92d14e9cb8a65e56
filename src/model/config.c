#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/buf.h"
#include "../core/cachedir.h"
#include "../core/i18n.h"
#include "../parse/slug.h"
#include "../parse/utf8.h"
#include "../parse/yaml.h"
#include "feedpaths.h"
#include "htmlpolicy.h"
#include "permalink.h"
#include "theme.h"

static const char *cfg_str(site *s, const char *key, const char *def,
    diag *d)
{
	value *v = val_map_get(s->config, key);
	if (!v || v->kind == VAL_NULL)
		return def;
	if (v->kind == VAL_NUM)
		return arena_printf(s->a, "%g", v->u.num);
	if (v->kind != VAL_STR) {
		diag_error(d, "site.yaml", v->line, v->col, _("'%s' must be "
		    "text, not a %s"), key, _(val_kind_name(v->kind)));
		return def;
	}
	return v->u.str.s;
}

static int cfg_int(site *s, const char *key, int def, int min, diag *d)
{
	value *v = val_map_get(s->config, key);
	if (!v || v->kind == VAL_NULL)
		return def;
	if (v->kind != VAL_NUM || v->u.num != (int)v->u.num ||
	    v->u.num < min || v->u.num > 1000000) {
		diag_error(d, "site.yaml", v->line, v->col, _("'%s' must be a "
		    "whole number of at least %d"), key, min);
		return def;
	}
	return (int)v->u.num;
}

static int cfg_bool(site *s, const char *key, int def, diag *d)
{
	value *v = val_map_get(s->config, key);
	if (!v || v->kind == VAL_NULL)
		return def;
	if (v->kind != VAL_BOOL) {
		diag_error(d, "site.yaml", v->line, v->col, _("'%s' must be "
		    "true or false"), key);
		return def;
	}
	return v->u.b;
}

/* Splits an absolute http(s) URL into origin and path; the path ends in
 * '/'. */
static int set_base_url(site *s, const char *url, int line, int col, diag *d)
{
	const char *p = strstr(url, "://");
	if (!p || (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) ||
	    p[3] == '\0' || p[3] == '/') {
		diag_error(d, "site.yaml", line, col, _("base_url '%s' must be "
		    "an absolute http(s) address, like https://example.fi/ "
		    "or https://example.fi/lape/"), url);
		return -1;
	}
	const char *path = strchr(p + 3, '/');
	size_t olen = path ? (size_t)(path - url) : strlen(url);
	s->origin = arena_strndup(s->a, url, olen);
	const char *bp = path ? path : "/";
	size_t blen = strlen(bp);
	s->base_path = bp[blen - 1] == '/' ? arena_strdup(s->a, bp) :
	    arena_printf(s->a, "%s/", bp);
	s->base_url = arena_printf(s->a, "%s%s", s->origin, s->base_path);
	return 0;
}

/* `redirects:` in site.yaml: which servers' redirect files to write
 * beside the HTML redirect pages. */
static void load_redirect_files(site *s, diag *d)
{
	value *v = val_map_get(s->config, "redirects");
	if (!v || v->kind == VAL_NULL)
		return;
	if (v->kind != VAL_LIST) {
		diag_error(d, "site.yaml", v->line, v->col, _("'redirects' "
		    "must be a list, like redirects: [netlify, nginx]"));
		return;
	}
	for (size_t i = 0; i < v->u.list.len; i++) {
		value *it = v->u.list.items[i];
		const char *w = val_as_str(it);
		if (w && !strcmp(w, "netlify"))
			s->redirects_netlify = 1;
		else if (w && !strcmp(w, "nginx"))
			s->redirects_nginx = 1;
		else
			diag_error(d, "site.yaml", it->line, it->col,
			    _("unknown redirects '%s': write netlify (a "
			    "_redirects file, also read by Cloudflare Pages) "
			    "or nginx (a map include)"), w ? w : "");
	}
}

int load_config(site *s, const build_opts *o, diag *d)
{
	const char *text;
	size_t len;
	if (!source_exists(s->src, "site.yaml")) {
		diag_error(d, "site.yaml", 0, 0, _("missing: a site needs "
		    "site.yaml at its root (is --source right?)"));
		return -1;
	}
	if (source_read(s->src, "site.yaml", s->a, &text, &len, d) != 0)
		return -1;
	size_t bad;
	if (!utf8_valid(text, len, &bad)) {
		int line, col;
		utf8_position(text, len, bad, &line, &col);
		diag_error(d, "site.yaml", line, col, _("not valid UTF-8: save "
		    "the file as UTF-8"));
		return -1;
	}
	s->config = yaml_parse(s->a, "site.yaml", text, len, 0, d);
	if (!s->config)
		return -1;
	if (s->config->kind != VAL_MAP) {
		diag_error(d, "site.yaml", 1, 1, _("site.yaml must be a map of "
		    "'key: value' lines"));
		return -1;
	}
	int errs = diag_errors(d);
	/* First, so that every later message is in the site's language. */
	s->language = cfg_str(s, "language", "fi", d);
	i18n_set_site_language(s->language);
	s->title = cfg_str(s, "title", "", d);
	s->description = cfg_str(s, "description", "", d);
	s->timezone = cfg_str(s, "timezone", "Europe/Helsinki", d);
	s->theme = cfg_str(s, "theme", "default", d);
	s->paginate = cfg_int(s, "paginate", 10, 1, d);
	s->feed_items = cfg_int(s, "feed_items", 20, 1, d);
	s->home_posts = cfg_int(s, "home_posts", 5, 0, d);
	s->home_events = cfg_int(s, "home_events", 5, 0, d);
	s->unsafe_html = cfg_bool(s, "unsafe_html", 0, d);
	load_redirect_files(s, d);
	permalink_load(s, d);
	feedpaths_load(s, d);
	htmlpolicy_load(s, d);
	if (!*s->title) {
		diag_error(d, "site.yaml", 1, 1, _("missing 'title': add "
		    "title: \"Site name\""));
	}
	value *bu = val_map_get(s->config, "base_url");
	const char *base = o->base_url ? o->base_url :
	    cfg_str(s, "base_url", NULL, d);
	if (!base) {
		diag_error(d, "site.yaml", 1, 1, _("missing 'base_url': add "
		    "base_url: https://example.fi/ (or pass --base-url)"));
	} else {
		set_base_url(s, base, o->base_url || !bu ? 0 : bu->line,
		    o->base_url || !bu ? 0 : bu->col, d);
	}
	if (date_set_zone(s->timezone) != 0) {
		value *tz = val_map_get(s->config, "timezone");
		diag_error(d, "site.yaml", tz ? tz->line : 1, tz ? tz->col : 1,
		    _("unknown time zone '%s': use a tz database name such as "
		    "Europe/Helsinki"), s->timezone);
	}
	if (strspn(s->language, "abcdefghijklmnopqrstuvwxyz-") !=
	    strlen(s->language) || !*s->language) {
		value *lv = val_map_get(s->config, "language");
		diag_error(d, "site.yaml", lv ? lv->line : 1, lv ? lv->col : 1,
		    _("language '%s' must be a language code such as fi or sv"),
		    s->language);
	}
	return diag_errors(d) > errs ? -1 : 0;
}

/* URL folder names come from site.yaml `paths:`, else from the theme's
 * strings, so that no word of any language is written in C. */
int load_paths(site *s, diag *d)
{
	static const char *const keys[] = {"tags", "archive", "events",
	    "calendar", "page", "accessibility", "event_file"};
	const char **dst[] = {&s->p_tags, &s->p_archive, &s->p_events,
	    &s->p_calendar, &s->p_page, &s->p_a11y, &s->p_event_file};
	value *mine = val_map_get(s->config, "paths");
	value *theirs = val_map_get(s->th->strings, "paths");
	int rc = 0;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		value *v = val_map_get(mine, keys[i]);
		if (!v)
			v = val_map_get(theirs, keys[i]);
		const char *p = val_as_str(v);
		if (!p || !*p || strcmp(slug_make(s->a, p, strlen(p)), p)) {
			diag_error(d, "site.yaml", v ? v->line : 0,
			    v ? v->col : 0, _("paths.%s must be a folder name "
			    "of a-z, 0-9 and '-' (set it in site.yaml or the "
			    "theme's strings file)"), keys[i]);
			rc = -1;
			continue;
		}
		*dst[i] = p;
	}
	/* Optional: a theme without it has no region pages. */
	value *rv = val_map_get(mine, "region");
	const char *rp = val_as_str(rv ? rv : val_map_get(theirs, "region"));
	if (rp && *rp && !strcmp(slug_make(s->a, rp, strlen(rp)), rp))
		s->p_region = rp;
	return rc;
}

/* A theme that is not there is named where site.yaml names it, with the
 * themes that are (theme.c would only say that it is missing). */
int check_theme(site *s, diag *d)
{
	value *v = val_map_get(s->config, "theme");
	int line = v ? v->line : 1, col = v ? v->col : 1;
	const char *name = s->theme, **paths;
	if (!*name || strchr(name, '/') || name[0] == '.') {
		diag_error(d, "site.yaml", line, col, _("theme '%s' is not a "
		    "theme name: write the name of a folder under themes/, "
		    "like theme: default"), name);
		return -1;
	}
	if (source_list(s->src, arena_printf(s->a, "themes/%s/templates/",
	    name), s->a, &paths, d) > 0)
		return 0;
	size_t n = source_list(s->src, "themes/", s->a, &paths, d);
	buf have = BUF_INIT;
	const char *last = "";
	size_t lastlen = 0;
	for (size_t i = 0; i < n; i++) {
		const char *t = paths[i] + strlen("themes/");
		const char *slash = strchr(t, '/');
		if (!slash || strncmp(slash, "/templates/", 11) ||
		    ((size_t)(slash - t) == lastlen && !strncmp(t, last,
		    lastlen)))
			continue;
		buf_printf(&have, "%s%.*s", have.len ? ", " : "",
		    (int)(slash - t), t);
		last = t;
		lastlen = (size_t)(slash - t);
	}
	if (have.len)
		diag_error(d, "site.yaml", line, col, _("unknown theme '%s': "
		    "there is no themes/%s/templates/ folder; the themes here "
		    "are: %s"), name, name, have.data);
	else
		diag_error(d, "site.yaml", line, col, _("unknown theme '%s': "
		    "there is no themes/%s/templates/ folder, and no theme at "
		    "all under themes/"), name, name);
	buf_free(&have);
	return -1;
}

int site_now(const char *opt, sdate *now, const char **err)
{
	if (opt)
		return date_parse(opt, strlen(opt), now, err);
	sdate t = date_from_epoch((int64_t)time(NULL), 1);
	*now = date_from_ymd(t.year, t.month, t.day);
	return 0;
}

int set_now(site *s, const build_opts *o, diag *d)
{
	const char *err;
	if (site_now(o->now, &s->now, &err) != 0) {
		diag_error(d, NULL, 0, 0, "--now %s: %s", o->now, _(err));
		return -1;
	}
	/* A date without a time means the whole day: a post dated that day
	 * is out. */
	s->publish_limit = s->now.has_time ? s->now.epoch + 1 :
	    date_from_ymd(s->now.year, s->now.month, s->now.day + 1).epoch;
	return 0;
}

/* See site.h: cache_dir. */
const char *site_cache_dir(const value *config, const char *home, arena *a,
    diag *d)
{
	const char *env = getenv("SAITTI_CACHE");
	value *v = val_map_get(config, "cache_dir");
	if (env && *env)
		return env;
	if (v && v->kind != VAL_NULL) {
		if (v->kind != VAL_STR || !*v->u.str.s) {
			diag_error(d, "site.yaml", v->line, v->col, _("'cache_dir' "
			    "must be a folder, like cache_dir: .saitti-cache"));
			return NULL;
		}
		if (!home)
			return NULL;
		if (cachedir_inside(home, v->u.str.s) != 0) {
			diag_error(d, "site.yaml", v->line, v->col, _("'cache_dir' "
			    "must name a folder inside the repository, like "
			    "cache_dir: .saitti-cache (no absolute path, no .., "
			    "no link that leads out); a cache elsewhere is the "
			    "operator's choice: $SAITTI_CACHE or --cache"));
			return NULL;
		}
		return arena_printf(a, "%s/%s", home, v->u.str.s);
	}
	return home ? arena_printf(a, "%s/.saitti-cache", home) : NULL;
}

/* The path of cache file name, making the cache folder if need be; NULL
 * when there is no cache folder or it cannot be made. */
const char *open_cache(site *s, const char *name)
{
	if (!s->cache_dir || cachedir_make(s->cache_dir) != 0)
		return NULL;
	return arena_printf(s->a, "%s/%s", s->cache_dir, name);
}
