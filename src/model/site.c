#include "site.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/buf.h"
#include "../core/cachedir.h"
#include "../core/i18n.h"
#include "../core/limits.h"
#include "../core/pool.h"
#include "../core/strmap.h"
#include "../parse/frontmatter.h"
#include "../parse/slug.h"
#include "../parse/url.h"
#include "../parse/urlpath.h"
#include "../parse/utf8.h"
#include "../parse/yaml.h"
#include "byline.h"
#include "event.h"
#include "fmkeys.h"
#include "feedpaths.h"
#include "history.h"
#include "htmlpolicy.h"
#include "mdcache.h"
#include "meta.h"
#include "permalink.h"
#include "theme.h"

/* Files saitti itself writes at the root: no page may take them. */
static const char *const reserved_files[] = {
	"404.html", "rss.xml", "sitemap.xml", "robots.txt", NULL
};

struct loader {
	site *s;
	diag *d;
	strmap *by_path;     /* URL path → source file (uniqueness) */
	strmap *by_src;      /* content path → post (links between posts) */
	post **all;          /* every Markdown document, loaded */
	size_t nall, capall;
	/* The Markdown files' bytes, one arena per worker: needed only until
	 * their HTML is made, then freed (a quarter of the memory at 10,000
	 * posts). */
	arena **texts;
};

/* ---- site.yaml ---------------------------------------------------- */

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

static int load_config(site *s, const build_opts *o, diag *d)
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
static int load_paths(site *s, diag *d)
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
static int check_theme(site *s, diag *d)
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

static int set_now(site *s, const build_opts *o, diag *d)
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

/* ---- one Markdown file -------------------------------------------- */

static int check_text(const char *file, const char *text, size_t len,
    diag *d)
{
	const char *nul = memchr(text, '\0', len);
	size_t bad;
	if (!utf8_valid(text, len, &bad) || (nul && (size_t)(nul - text) < bad)) {
		int line, col;
		if (nul && (size_t)(nul - text) <= bad) {
			utf8_position(text, len, (size_t)(nul - text), &line,
			    &col);
			diag_error(d, file, line, col, _("NUL byte in the "
			    "text: the file may be binary or damaged"));
		} else {
			utf8_position(text, len, bad, &line, &col);
			diag_error(d, file, line, col, _("not valid UTF-8: "
			    "save the file as UTF-8"));
		}
		return -1;
	}
	if (nul) {
		int line, col;
		utf8_position(text, len, (size_t)(nul - text), &line, &col);
		diag_error(d, file, line, col, _("NUL byte in the text: the "
		    "file may be binary or damaged"));
		return -1;
	}
	return 0;
}



/* "2017-11-07-rest" → date and "rest"; 0 when the name has no date. */
static int name_date(const char *name, size_t n, sdate *date,
    const char **rest)
{
	if (n < 12 || name[4] != '-' || name[7] != '-' || name[10] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (name[i] < '0' || name[i] > '9'))
			return 0;
	const char *err;
	if (date_parse(name, 10, date, &err) != 0)
		return -1;
	*rest = name + 11;
	return 1;
}

static int valid_slug(arena *a, const char *slug)
{
	return *slug && strcmp(slug_make(a, slug, strlen(slug)), slug) == 0;
}

/* A capital letter: A-Z, or a Latin-1 one in UTF-8 (À-Þ: Ä, Ö, Å). */
static int has_capital(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (p[0] == 0xC3 && p[1] >= 0x80 &&
		    p[1] <= 0x9E && p[1] != 0x97))
			return 1;
	return 0;
}

tag *site_tag(site *s, const char *name, const char *file, int line,
    int col, diag *d)
{
	const char *slug = slug_make_tag(s->a, name, strlen(name));
	if (!*slug) {
		diag_error(d, file, line, col, _("tag '%s' has no letters or "
		    "digits to make an address from: write it with letters"),
		    name);
		return NULL;
	}
	if (strlen(slug) > LIMIT_NAME_BYTES) {
		/* TRANSLATORS: %.40s is the start of the tag, %zu its length
		 * as an address, %d the limit (README.md, "Limits"). */
		diag_error(d, file, line, col, _("tag '%.40s…' is too long to "
		    "be an address (%zu bytes; the limit LIMIT_NAME_BYTES is "
		    "%d): shorten it"), name, strlen(slug), LIMIT_NAME_BYTES);
		return NULL;
	}
	/* By hash: a search per tag made 100,000 tags quadratic. */
	if (!s->tag_index)
		s->tag_index = strmap_new();
	tag *t = strmap_get(s->tag_index, slug);
	if (t) {
		/* A tag is shown as its writer wrote it ("Lappi"); when posts
		 * spell it differently, a spelling with capitals wins over an
		 * all-lower-case one (files are loaded in path order, so the
		 * choice is the same every build). */
		if (has_capital(name) && !has_capital(t->name))
			t->name = arena_strdup(s->a, name);
		return t;
	}
	t = arena_alloc(s->a, sizeof *t);
	t->name = arena_strdup(s->a, name);
	t->slug = slug;
	t->url = arena_printf(s->a, "%s%s/%s/", s->base_path, s->p_tags,
	    slug);
	if ((s->ntags & (s->ntags - 1)) == 0) {
		size_t cap = s->ntags ? s->ntags * 2 : 16;
		tag **p = arena_alloc(s->a, cap * sizeof *p);
		if (s->ntags)
			memcpy(p, s->tags, s->ntags * sizeof *p);
		s->tags = p;
	}
	s->tags[s->ntags++] = t;
	strmap_set(s->tag_index, t->slug, t);
	return t;
}


static void load_aliases(site *S, diag *D, post *p)
{
	value *v = val_map_get(p->meta, "aliases");
	if (!v || v->kind == VAL_NULL)
		return;
	if (v->kind != VAL_LIST) {
		diag_error(D, p->src, v->line, v->col, _("'aliases' must be a "
		    "list of old addresses, like aliases: [/blog/old-address/]"));
		return;
	}
	p->aliases = arena_alloc(S->a, (v->u.list.len + 1) * sizeof(char *));
	for (size_t i = 0; i < v->u.list.len; i++) {
		value *a = v->u.list.items[i];
		const char *s = val_as_str(a);
		if (!s) {
			diag_error(D, p->src, a->line, a->col, _("an alias "
			    "must be an address like /blog/old-address/"));
			continue;
		}
		/* Aliases are written from the site root, with or without the
		 * base path. */
		size_t bl = strlen(S->base_path);
		if (!strncmp(s, S->base_path, bl))
			s += bl;
		while (*s == '/')
			s++;
		const char *err;
		int bad;
		const char *path = urlpath_alias(S->a, s, &err, &bad);
		if (!path && bad > 0x20 && bad < 0x7F) {
			/* TRANSLATORS: alias, the character, the reason. */
			diag_error(D, p->src, a->line, a->col, _("alias '%s' "
			    "cannot hold '%c': %s"), val_as_str(a), bad,
			    _(err));
			continue;
		}
		if (!path) {
			diag_error(D, p->src, a->line, a->col, _("alias '%s' "
			    "cannot be used: %s"), val_as_str(a), _(err));
			continue;
		}
		if (slug_longest_part(path) > LIMIT_NAME_BYTES ||
		    strlen(path) > LIMIT_PATH_BYTES) {
			/* TRANSLATORS: %.40s is the start of the alias, the
			 * %d the limits (README.md, "Limits"). */
			diag_error(D, p->src, a->line, a->col, _("alias "
			    "'%.40s…' is too long for an address (the limits: "
			    "LIMIT_NAME_BYTES, %d bytes between slashes, and "
			    "LIMIT_PATH_BYTES, %d in all): shorten it"),
			    val_as_str(a), LIMIT_NAME_BYTES, LIMIT_PATH_BYTES);
			continue;
		}
		p->aliases[p->naliases++] = path;
	}
}

static void add_post(struct loader *L, post *p)
{
	if (L->nall == L->capall) {
		L->capall = L->capall ? L->capall * 2 : 256;
		L->all = realloc(L->all, L->capall * sizeof *L->all);
		if (!L->all)
			abort();
	}
	L->all[L->nall++] = p;
}

/* Claims an output path; two sources wanting one is an error naming
 * both. */
static int claim(struct loader *L, const char *path, const char *src)
{
	const char *other = strmap_put_new(L->by_path, path, (void *)src);
	if (!other)
		return 0;
	if (!strcmp(other, "(saitti)"))
		diag_error(L->d, src, 1, 1, _("its address /%s is one saitti "
		    "itself writes: choose another slug or file name"), path);
	else
		diag_error(L->d, src, 1, 1, _("its address /%s is also the "
		    "address of %s: give one of them another slug"), path,
		    other);
	return -1;
}

/* What the ordered part of loading does with a parsed Markdown file. */
enum doc_kind { DOC_NONE, DOC_EVENT, DOC_HOME, DOC_SECTION_INDEX, DOC_OTHER };

/* The part of loading a Markdown file that needs nothing from other
 * files: run by the workers, with s a copy of the site whose arena is the
 * worker's and d the file's held messages. Returns the post (NULL for an
 * event file) and what remains to do in *kind. */
static post *load_local(site *s, diag *d, const char *path,
    const fm_doc *parsed, enum doc_kind *kind)
{
	fm_doc doc = *parsed;
	const char *rel = path + strlen("content/");
	const char *slash = strchr(rel, '/');
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	size_t blen = strlen(base) - 3; /* ".md" */

	size_t el = strlen(s->p_events);
	if (slash && !strncmp(rel, s->p_events, el) && rel[el] == '/') {
		*kind = DOC_EVENT;
		return NULL;
	}
	*kind = DOC_OTHER;
	post *p = arena_alloc(s->a, sizeof *p);
	p->src = path;
	p->meta = doc.meta;
	p->body = doc.body;
	p->body_len = doc.body_len;
	p->body_line = doc.body_line;
	p->dir = arena_strndup(s->a, rel, (size_t)(base - rel));
	int errs = diag_errors(d);

	p->title = meta_str(s, path, doc.meta, "title", d);
	if ((!p->title || !*p->title) && diag_errors(d) == errs)
		diag_error(d, path, 1, 1, _("missing title: add a line "
		    "'title: …' to the front matter at the top of the file"));

	const char *rest = NULL;
	sdate fdate;
	int named = name_date(base, blen, &fdate, &rest);
	if (named < 0)
		diag_error(d, path, 1, 1, _("the file name starts with an "
		    "impossible date: rename it YYYY-MM-DD-name.md with a "
		    "real date"));
	int r = meta_date(path, doc.meta, "date", &p->date, d);
	int date_given = r != 0 || named < 0;
	if (r > 0)
		p->has_date = 1;
	else if (r == 0 && named > 0) {
		p->date = fdate;
		p->has_date = 1;
	}
	if (meta_date(path, doc.meta, "updated", &p->updated, d) > 0)
		p->has_updated = 1;
	if (meta_date(path, doc.meta, "publishdate", &p->publish, d) > 0)
		p->has_publish = 1;
	if (meta_date(path, doc.meta, "expirydate", &p->expires, d) > 0)
		p->has_expires = 1;
	p->author = meta_str(s, path, doc.meta, "author", d);
	p->draft = meta_bool(path, doc.meta, "draft", 0, d);
	const char *slug = meta_str(s, path, doc.meta, "slug", d);
	if (slug) {
		value *sv = val_map_get(doc.meta, "slug");
		if (!valid_slug(s->a, slug)) {
			diag_error(d, path, sv->line, sv->col, _("slug '%s' is not "
			    "allowed: use only a-z, 0-9 and '-', like '%s'"),
			    slug, slug_make(s->a, slug, strlen(slug)));
			slug = NULL;
		} else if (strlen(slug) > LIMIT_NAME_BYTES) {
			diag_error(d, path, sv->line, sv->col, _("slug '%.40s…' "
			    "is too long for an address (%zu bytes; the limit "
			    "LIMIT_NAME_BYTES is %d): shorten it"), slug,
			    strlen(slug), LIMIT_NAME_BYTES);
			slug = NULL;
		}
	} else {
		const char *from = rest ? rest : base;
		size_t n = rest ? (size_t)(base + blen - rest) : blen;
		slug = slug_make(s->a, from, n);
		if (!*slug) {
			diag_error(d, path, 1, 1, _("no address can be made "
			    "from the file name: name it with letters, like "
			    "2017-11-07-title.md"));
			slug = NULL;
		}
	}
	p->slug = slug ? slug : "x";
	p->file_slug = slug_make(s->a, rest ? rest : base, rest ?
	    (size_t)(base + blen - rest) : blen);
	const char *image = meta_str(s, path, doc.meta, "image", d);
	if (image) {
		value *iv = val_map_get(doc.meta, "image");
		if (url_refused(image))
			diag_error(d, path, iv->line, iv->col, _("image "
			    "address '%s' is refused: only http(s) or relative "
			    "addresses are allowed"), image);
		else if (!strstr(image, "://") && image[0] != '/')
			p->image = arena_printf(s->a, "%s%s%s", s->base_path,
			    p->dir, image);
		else
			p->image = image;
	}
	load_aliases(s, d, p);

	if (!slash) {
		if (!strcmp(rel, "index.md")) {
			p->kind = PAGE_HOME;
			p->path = "";
			*kind = DOC_HOME;
		} else {
			p->kind = PAGE_PAGE;
			p->path = arena_printf(s->a, "%s/", p->slug);
		}
	} else {
		p->kind = PAGE_POST;
		p->section = arena_strndup(s->a, rel, (size_t)(slash - rel));
		if (!strcmp(base, "index.md") && base == slash + 1) {
			/* A section's own index.md: its title and intro. */
			p->kind = PAGE_PAGE;
			p->path = arena_printf(s->a, "%s/", p->section);
			p->url = arena_printf(s->a, "%s%s", s->base_path,
			    p->path);
			p->order = -1;
			*kind = DOC_SECTION_INDEX;
			return p;
		}
		if (!p->has_date && !s->hist && !date_given)
			diag_error(d, path, 1, 1, _("post has no date: add "
			    "'date: 2017-11-07' or name the file "
			    "2017-11-07-%s.md"), p->slug);
		p->path = arena_printf(s->a, "%s/%s/", p->section, p->slug);
	}
	p->url = arena_printf(s->a, "%s%s", s->base_path, p->path);
	return p;
}

/* The ordered part: what touches the whole site (addresses, tags,
 * events). local_errors: errors load_local reported for this file. */
static void load_markdown(struct loader *L, const char *path,
    const fm_doc *doc, post *p, enum doc_kind kind, int local_errors)
{
	site *s = L->s;
	diag *d = L->d;
	switch (kind) {
	case DOC_NONE:
		return;
	case DOC_EVENT:
		event_load_file(s, path, doc, d);
		return;
	case DOC_SECTION_INDEX:
		strmap_set(L->by_src, path, p);
		add_post(L, p);
		return;
	case DOC_HOME:
		s->home = p;
		break;
	case DOC_OTHER:
		break;
	}
	strmap_set(L->by_src, path, p);
	if (local_errors)
		return;
	p->ntags = meta_tags(s, p->src, p->meta, &p->tags, d);
	value *ev = val_map_get(doc->meta, "events");
	if (ev && ev->kind != VAL_NULL)
		event_load_list(s, p, ev, d);
	add_post(L, p);
}

/* A Markdown file read and its front matter parsed, by a worker. */
struct parsed {
	const char *text;
	size_t len;
	int read;        /* already read (a revision's files) */
	int ok;
	fm_doc doc;
	post *post;      /* from load_local */
	enum doc_kind kind;
	diag *held;      /* its messages, until they are reported in order */
};

struct parse_job {
	site *s;
	const char **paths;
	struct parsed *out;
	arena **texts;   /* one per worker */
};

static void parse_one(void *ctx, size_t i, int worker)
{
	struct parse_job *J = ctx;
	struct parsed *P = &J->out[i];
	const char *path = J->paths[i];
	if (!P->read && source_read(J->s->src, path, J->texts[worker],
	    &P->text, &P->len, P->held) != 0)
		return;
	if (!P->text)
		return;
	if (check_text(path, P->text, P->len, P->held) != 0 ||
	    fm_parse(J->s->worker_arenas[worker], path, P->text, P->len,
	    &P->doc, P->held) != 0)
		return;
	/* Keys and values the writer would lose without a word. */
	fmkeys_check(path, P->doc.meta, P->text, P->len, P->held);
	P->ok = 1;
	site local = *J->s;   /* allocating in the worker's arena */
	local.a = J->s->worker_arenas[worker];
	P->post = load_local(&local, P->held, path, &P->doc, &P->kind);
}

/* ---- Markdown on all cores ---------------------------------------- */

struct resolve_ctx {
	const site *s;
	strmap *by_src;      /* content path → post */
	strmap *events;      /* content path → event, for event files */
};

struct md_job {
	site *s;
	diag **held;     /* one per document, reported in order after */
	struct resolve_ctx *resolve;
	post **posts;
	event **events;
	size_t nposts;
};

static const char *resolve_md(void *ctx, const char *content_path)
{
	/* md_render resolves against the file's own path, which includes
	 * "content/", as the keys here do. */
	const struct resolve_ctx *R = ctx;
	post *p = strmap_get(R->by_src, content_path);
	/* A post that comes out later is linked from its day on (the
	 * schedule rebuilds the site then); until then its text stands
	 * alone, so no page links to an address that is not there yet. */
	if (p && p->kind == PAGE_POST && !p->draft && !R->s->drafts &&
	    p->date.epoch >= R->s->publish_limit)
		return "";
	if (p)
		return p->url;
	event *e = strmap_get(R->events, content_path);
	return e ? e->url : NULL;
}

static void md_one(void *ctx, size_t i, int worker)
{
	struct md_job *J = ctx;
	site *s = J->s;
	arena *a = s->worker_arenas[worker];
	md_options opt = {0};
	opt.unsafe = s->html_policy;
	opt.iframe_hosts = s->iframe_hosts;
	opt.resolve_md = resolve_md;
	opt.resolve_ctx = J->resolve;
	if (i < J->nposts) {
		post *p = J->posts[i];
		opt.link_base = arena_printf(a, "%s%s", s->base_path, p->dir);
		mdcache_render(s->mdcache, a, p->src, p->body, p->body_len,
		    p->body_line - 1, &opt, &p->md, J->held[i]);
		const char *sum = val_as_str(val_map_get(p->meta, "summary"));
		if (sum) {
			md_result r;
			value *sv = val_map_get(p->meta, "summary");
			if (mdcache_render(s->mdcache, a, p->src, sum,
			    strlen(sum), sv->line - 1, &opt, &r, J->held[i]) == 0) {
				p->summary_html = r.html;
				p->summary_text = r.summary_text;
			}
		}
		if (!p->summary_html) {
			p->summary_html = p->md.summary_html;
			p->summary_text = p->md.summary_text;
		}
	} else {
		event *e = J->events[i - J->nposts];
		const char *dir = strrchr(e->src, '/');
		opt.link_base = arena_printf(a, "%s%.*s", s->base_path,
		    (int)(dir - e->src + 1 - 8), e->src + 8);
		mdcache_render(s->mdcache, a, e->src, e->body ? e->body : "",
		    e->body_len, e->body_line - 1, &opt, &e->md, J->held[i]);
	}
}

/* ---- ordering ------------------------------------------------------ */

static int cmp_newest(const void *a, const void *b)
{
	const post *x = *(post *const *)a, *y = *(post *const *)b;
	if (x->date.epoch != y->date.epoch)
		return x->date.epoch > y->date.epoch ? -1 : 1;
	return strcmp(x->src, y->src);
}

static int cmp_tag(const void *a, const void *b)
{
	const tag *x = *(tag *const *)a, *y = *(tag *const *)b;
	int c = slug_collate_fi(x->name, y->name);
	return c ? c : strcmp(x->slug, y->slug);
}

static int cmp_page(const void *a, const void *b)
{
	return strcmp((*(post *const *)a)->src, (*(post *const *)b)->src);
}

static section *find_section(site *s, const char *name)
{
	for (size_t i = 0; i < s->nsections; i++)
		if (!strcmp(s->sections[i].name, name))
			return &s->sections[i];
	return NULL;
}

static const char *section_title(site *s, const char *name)
{
	value *secs = val_map_get(s->config, "sections");
	const char *t = val_as_str(val_map_get(val_map_get(secs, name),
	    "title"));
	return t ? t : name;
}

static void link_model(struct loader *L)
{
	site *s = L->s;
	/* Published posts, newest first; pages by path. */
	s->posts = arena_alloc(s->a, (L->nall + 1) * sizeof *s->posts);
	s->pages = arena_alloc(s->a, (L->nall + 1) * sizeof *s->pages);
	s->future = arena_alloc(s->a, (L->nall + 1) * sizeof *s->future);
	s->sections = arena_alloc(s->a, (L->nall + 1) * sizeof *s->sections);
	post **intros = arena_alloc(s->a, (L->nall + 1) * sizeof *intros);
	size_t nintros = 0;
	for (size_t i = 0; i < L->nall; i++) {
		post *p = L->all[i];
		if (p->kind == PAGE_PAGE && p->section) {
			intros[nintros++] = p;
			continue;
		}
		if (p->kind == PAGE_HOME)
			continue;
		if (p->draft && !s->drafts)
			continue;
		if (p->has_expires && p->expires.epoch < s->publish_limit &&
		    !s->drafts)
			continue;
		if (p->kind == PAGE_PAGE) {
			s->pages[s->npages++] = p;
			continue;
		}
		if ((p->date.epoch >= s->publish_limit || (p->has_publish &&
		    p->publish.epoch >= s->publish_limit)) && !s->drafts) {
			s->future[s->nfuture++] = p;
			continue;
		}
		s->posts[s->nposts++] = p;
	}
	qsort(s->posts, s->nposts, sizeof *s->posts, cmp_newest);
	qsort(s->pages, s->npages, sizeof *s->pages, cmp_page);
	for (size_t i = 0; i < s->nposts; i++) {
		post *p = s->posts[i];
		p->order = (int)i;
		section *sec = find_section(s, p->section);
		if (!sec) {
			sec = &s->sections[s->nsections++];
			sec->name = p->section;
			sec->url = arena_printf(s->a, "%s%s/", s->base_path,
			    p->section);
			sec->posts = arena_alloc(s->a,
			    (s->nposts + 1) * sizeof *sec->posts);
		}
		sec->posts[sec->nposts++] = p;
		for (size_t t = 0; t < p->ntags; t++) {
			tag *tg = p->tags[t];
			if (tg->nposts == tg->cap) {
				tg->cap = tg->cap ? tg->cap * 2 : 8;
				post **np = arena_alloc(s->a,
				    tg->cap * sizeof *np);
				if (tg->nposts)
					memcpy(np, tg->posts,
					    tg->nposts * sizeof *np);
				tg->posts = np;
			}
			tg->posts[tg->nposts++] = p;
		}
	}
	/* A section whose posts are all drafts or still to come has its
	 * page too, with nothing in it yet: the menu may link to it. */
	for (size_t i = 0; i < L->nall; i++) {
		post *p = L->all[i];
		if (!p->section || (p->kind != PAGE_POST &&
		    p->kind != PAGE_PAGE) || find_section(s, p->section))
			continue;
		section *sec = &s->sections[s->nsections++];
		sec->name = p->section;
		sec->url = arena_printf(s->a, "%s%s/", s->base_path,
		    p->section);
		sec->posts = arena_alloc(s->a, sizeof *sec->posts);
	}
	/* Sections in name order; the section's index.md names it. */
	for (size_t i = 1; i < s->nsections; i++)
		for (size_t j = i; j > 0 && strcmp(s->sections[j - 1].name,
		    s->sections[j].name) > 0; j--) {
			section t = s->sections[j];
			s->sections[j] = s->sections[j - 1];
			s->sections[j - 1] = t;
		}
	for (size_t i = 0; i < s->nsections; i++) {
		section *sec = &s->sections[i];
		sec->title = section_title(s, sec->name);
		for (size_t k = 0; k < nintros; k++)
			if (!strcmp(intros[k]->section, sec->name) &&
			    intros[k]->title)
				sec->title = intros[k]->title;
		for (size_t j = 0; j < sec->nposts; j++) {
			sec->posts[j]->next = j > 0 ? sec->posts[j - 1] : NULL;
			sec->posts[j]->prev = j + 1 < sec->nposts ?
			    sec->posts[j + 1] : NULL;
		}
	}
	/* Tags nobody published stay out; the rest in Finnish order. */
	size_t kept = 0;
	for (size_t i = 0; i < s->ntags; i++)
		if (s->tags[i]->nposts || s->tags[i]->nevents)
			s->tags[kept++] = s->tags[i];
	s->ntags = kept;
	if (s->ntags)   /* s->tags is NULL when no file has tags */
		qsort(s->tags, s->ntags, sizeof *s->tags, cmp_tag);
}

/* ---- the whole load ------------------------------------------------ */

/* After Markdown is rendered no document needs its source bytes. */
static void drop_texts(struct loader *L)
{
	if (!L->texts)
		return;
	for (size_t i = 0; i < L->nall; i++)
		L->all[i]->body = NULL;
	for (size_t i = 0; i < L->s->nevents; i++)
		if (!L->s->events[i]->post)
			L->s->events[i]->body = NULL;
	for (int w = 0; w < L->s->threads; w++)
		arena_free(L->texts[w]);
	free(L->texts);
	L->texts = NULL;
}

static void load_data(struct loader *L, const char *path, const char *text,
    size_t len)
{
	site *s = L->s;
	if (check_text(path, text, len, L->d) != 0)
		return;
	value *v = yaml_parse(s->a, path, text, len, 0, L->d);
	if (!v)
		return;
	const char *base = strrchr(path, '/') + 1;
	const char *dot = strrchr(base, '.');
	char *key = arena_strndup(s->a, base, (size_t)(dot - base));
	val_map_set(s->a, s->data, key, v);
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcmp(path + n - e, ext);
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
static const char *open_cache(site *s, const char *name)
{
	if (!s->cache_dir || cachedir_make(s->cache_dir) != 0)
		return NULL;
	return arena_printf(s->a, "%s/%s", s->cache_dir, name);
}

site *site_load(source *src, const build_opts *o, diag *d)
{
	site *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->a = arena_new();
	s->src = src;
	s->drafts = o->drafts;
	s->preview = o->preview;
	s->threads = o->threads > 0 ? o->threads : pool_cpus();
	s->worker_arenas = calloc((size_t)s->threads, sizeof(arena *));
	for (int i = 0; i < s->threads; i++)
		s->worker_arenas[i] = arena_new();
	s->data = val_map(s->a);
	if (load_config(s, o, d) != 0 || set_now(s, o, d) != 0)
		return s;
	if (check_theme(s, d) != 0)
		return s;
	s->th = theme_load(src, s->a, s->theme, s->language, d);
	if (!s->th || load_paths(s, d) != 0)
		return s;

	struct loader L = {0};
	L.s = s;
	L.d = d;
	L.by_path = strmap_new();
	L.by_src = strmap_new();
	L.texts = calloc((size_t)s->threads, sizeof *L.texts);
	if (!L.texts)
		abort();
	for (int w = 0; w < s->threads; w++)
		L.texts[w] = arena_new();
	for (const char *const *r = reserved_files; *r; r++)
		strmap_put_new(L.by_path, *r, "(saitti)");
	/* The statement's address is saitti's when it makes the page from
	 * content/<paths.accessibility>.yaml; else a Markdown page may take
	 * it. */
	const char *a11y_src = arena_printf(s->a, "content/%s.yaml",
	    s->p_a11y);
	int a11y_yaml = source_exists(src, a11y_src);
	if (a11y_yaml)   /* a .md beside it is named as the other source */
		strmap_put_new(L.by_path, arena_printf(s->a, "%s/", s->p_a11y),
		    (void *)a11y_src);
	const char *own[] = {s->p_tags, s->p_archive, s->p_events};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		strmap_put_new(L.by_path, arena_printf(s->a, "%s/", own[i]),
		    "(saitti)");
	strmap_put_new(L.by_path, arena_printf(s->a, "%s.ics", s->p_events),
	    "(saitti)");

	s->cache_dir = site_cache_dir(s->config, source_home(src), s->a, d);
	s->mdcache = mdcache_open(open_cache(s, "markdown"));
	s->hist = history_load(s, d);

	const char **paths;
	size_t n = source_list(src, "content/", s->a, &paths, d);
	s->assets = arena_alloc(s->a, (n + 1) * sizeof *s->assets);
	/* Markdown files are read and their front matter parsed on all
	 * cores; the model is then built from them in path order, with each
	 * file's messages reported in that order too. */
	const char **mds = malloc((n + 1) * sizeof *mds);
	struct parsed *parsed = calloc(n + 1, sizeof *parsed);
	if (!mds || !parsed)
		abort();
	size_t nmd = 0;
	for (size_t i = 0; i < n; i++)
		if (has_ext(paths[i], ".md")) {
			parsed[nmd].held = diag_new_held();
			/* libgit2 reads one object at a time: a revision's
			 * files are read here, on this thread. */
			if (!source_dir(src)) {
				parsed[nmd].read = 1;
				if (source_read(src, paths[i], L.texts[0],
				    &parsed[nmd].text, &parsed[nmd].len,
				    parsed[nmd].held) != 0)
					parsed[nmd].text = NULL;
			}
			mds[nmd++] = paths[i];
		}
	struct parse_job PJ = {s, mds, parsed, L.texts};
	pool_run(s->threads, nmd, parse_one, &PJ);
	for (size_t i = 0, k = 0; i < n; i++) {
		const char *path = paths[i];
		const char *rel = path + strlen("content/");
		if (has_ext(path, ".md")) {
			struct parsed *P = &parsed[k++];
			int local_errors = diag_errors(P->held);
			diag_replay(P->held, d);
			diag_free(P->held);
			if (P->ok)
				load_markdown(&L, path, &P->doc, P->post, P->kind,
				    local_errors);
		} else if (!strchr(rel, '/') && (has_ext(path, ".yaml") ||
		    has_ext(path, ".yml"))) {
			const char *text;
			size_t len;
			if (source_read(src, path, s->a, &text, &len, d) == 0)
				load_data(&L, path, text, len);
		} else {
			s->assets[s->nassets].src = path;
			s->assets[s->nassets++].out = rel;
		}
	}
	free(parsed);
	free(mds);
	history_apply(s, s->hist, L.all, L.nall, d);
	byline_apply(s, L.all, L.nall, d);
	permalink_apply(s, L.all, L.nall);
	permalink_settle(s, L.all, L.nall, d);
	if (!s->home)
		diag_error(d, "content/index.md", 0, 0, _("missing: the front "
		    "page's text lives in content/index.md"));
	event_finish(s, d);

	/* Every published document claims its address. */
	for (size_t i = 0; i < L.nall; i++) {
		post *p = L.all[i];
		if (p->kind == PAGE_HOME || (p->draft && !s->drafts) ||
		    (p->kind == PAGE_POST && p->date.epoch >= s->publish_limit &&
		    !s->drafts))
			continue;
		if (p->kind == PAGE_PAGE && p->section)
			continue;
		claim(&L, p->path, p->src);
		for (size_t k = 0; k < p->naliases; k++)
			claim(&L, p->aliases[k], p->src);
	}
	for (size_t i = 0; i < s->nassets; i++)
		claim(&L, s->assets[i].out, s->assets[i].src);

	/* Markdown is checked (refused links) even when other
	 * files have errors, so that one build reports them all: every
	 * document in L.all loaded cleanly and has its address. */
	{
		/* Links to an event's file lead to its page. */
		struct resolve_ctx R = {s, L.by_src, strmap_new()};
		for (size_t i = 0; i < s->nevents; i++)
			if (!s->events[i]->post)
				strmap_set(R.events, s->events[i]->src,
				    s->events[i]);
		size_t ndocs = L.nall + s->nevents;
		diag **held = malloc((ndocs + 1) * sizeof *held);
		if (!held)
			abort();
		for (size_t i = 0; i < ndocs; i++)
			held[i] = diag_new_held();
		struct md_job J = {s, held, &R, L.all, s->events, L.nall};
		pool_run(s->threads, ndocs, md_one, &J);
		for (size_t i = 0; i < ndocs; i++) {
			diag_replay(held[i], d);
			diag_free(held[i]);
		}
		free(held);
		mdcache_save(s->mdcache);
		strmap_free(R.events);
		drop_texts(&L);
		if (!diag_errors(d))
			link_model(&L);
		if (!diag_errors(d) && !a11y_yaml && !site_statement(s))
			diag_warn(d, arena_printf(s->a, "content/%s.md",
			    s->p_a11y), 0, 0, _("the site has no accessibility "
			    "statement, which a public body's site must publish "
			    "(laki digitaalisten palvelujen tarjoamisesta "
			    "306/2019): write it in content/%s.md, or fill in "
			    "content/%s.yaml (see README); until then no page "
			    "links to it"), s->p_a11y, s->p_a11y);
	}
	drop_texts(&L);
	strmap_free(L.by_path);
	strmap_free(L.by_src);
	free(L.all);
	return s;
}

int site_statement(const site *s)
{
	value *data = val_map_get(s->data, s->p_a11y);
	if (data && data->kind == VAL_MAP)
		return 1;
	size_t n = strlen(s->p_a11y);
	for (size_t i = 0; i < s->npages; i++)
		if (!strncmp(s->pages[i]->path, s->p_a11y, n) &&
		    !strcmp(s->pages[i]->path + n, "/"))
			return 1;
	return 0;
}

void site_free(site *s)
{
	if (!s)
		return;
	history_free(s->hist);
	theme_free(s->th);
	mdcache_free(s->mdcache);
	strmap_free(s->tag_index);
	for (int i = 0; i < s->threads; i++)
		arena_free(s->worker_arenas[i]);
	free(s->worker_arenas);
	arena_free(s->a);
	free(s);
}

