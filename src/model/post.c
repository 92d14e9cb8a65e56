#include "post.h"

#include <string.h>

#include "../core/i18n.h"
#include "../core/limits.h"
#include "../parse/slug.h"
#include "../parse/url.h"
#include "../parse/urlpath.h"
#include "../parse/utf8.h"
#include "meta.h"

int check_text(const char *file, const char *text, size_t len,
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

/* x y z w end to end (an address made for every post: no printf). */
static char *join(arena *a, const char *x, const char *y, const char *z,
    const char *w)
{
	size_t n[4] = {strlen(x), strlen(y), strlen(z), strlen(w)};
	char *p = arena_alloc(a, n[0] + n[1] + n[2] + n[3] + 1), *at = p;
	const char *part[4] = {x, y, z, w};
	for (int i = 0; i < 4; i++) {
		memcpy(at, part[i], n[i]);
		at += n[i];
	}
	*at = '\0';
	return p;
}

static int valid_slug(arena *a, const char *slug)
{
	return *slug && strcmp(slug_make(a, slug, strlen(slug)), slug) == 0;
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
/* The part of loading a Markdown file that needs nothing from other
 * files: run by the workers, with s a copy of the site whose arena is the
 * worker's and d the file's held messages. Returns the post (NULL for an
 * event file) and what remains to do in *kind. */
post *load_local(site *s, diag *d, const char *path,
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
	p->body_off = doc.body_off;
	p->body_sum = doc.body_sum;
	p->meta_sum = doc.meta_sum;
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
	const char *file_slug = NULL;   /* the same when it is the slug */
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
		slug = file_slug = slug_make(s->a, from, n);
		if (!*slug) {
			diag_error(d, path, 1, 1, _("no address can be made "
			    "from the file name: name it with letters, like "
			    "2017-11-07-title.md"));
			slug = NULL;
		}
	}
	p->slug = slug ? slug : "x";
	p->file_slug = file_slug ? file_slug : slug_make(s->a, rest ? rest :
	    base, rest ? (size_t)(base + blen - rest) : blen);
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
			p->path = join(s->a, p->slug, "/", "", "");
		}
	} else {
		p->kind = PAGE_POST;
		p->section = arena_strndup(s->a, rel, (size_t)(slash - rel));
		if (!strcmp(base, "index.md") && base == slash + 1) {
			/* A section's own index.md: its title and intro. */
			p->kind = PAGE_PAGE;
			p->path = join(s->a, p->section, "/", "", "");
			p->url = join(s->a, s->base_path, p->path, "", "");
			p->order = -1;
			*kind = DOC_SECTION_INDEX;
			return p;
		}
		if (!p->has_date && !s->hist && !date_given)
			diag_error(d, path, 1, 1, _("post has no date: add "
			    "'date: 2017-11-07' or name the file "
			    "2017-11-07-%s.md"), p->slug);
		p->path = join(s->a, p->section, "/", p->slug, "/");
	}
	p->url = join(s->a, s->base_path, p->path, "", "");
	return p;
}

void post_key_summary(hash_state *st, const post *p)
{
	if (!hash_is_zero(p->summary_sum)) {
		hash_add_u64(st, 1);
		hash_add_hash(st, p->summary_sum);
	} else {
		hash_add_u64(st, 2);
		hash_add_str(st, p->summary_html);
		hash_add_str(st, p->summary_text);
	}
}
