#include "permalink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/i18n.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "../parse/slug.h"
#include "meta.h"

static const char *const tokens[] = {"year", "month", "day", "hour",
    "minute", "second", "slug", "title", "section", "categories", NULL};

/* The token at s (after ':'), longest first; its length, or 0. */
static size_t token_at(const char *s, int *which)
{
	size_t best = 0;
	for (int i = 0; tokens[i]; i++) {
		size_t n = strlen(tokens[i]);
		if (n > best && !strncmp(s, tokens[i], n)) {
			best = n;
			*which = i;
		}
	}
	return best;
}

void permalink_load(site *s, diag *d)
{
	value *v = val_map_get(s->config, "permalinks");
	if (!v || v->kind == VAL_NULL)
		return;
	if (v->kind != VAL_MAP) {
		diag_error(d, "site.yaml", v->line, v->col, _("'permalinks' "
		    "must map sections to patterns, like permalinks: { blogi: "
		    "/blogi/:year/:slug/ }"));
		return;
	}
	for (size_t i = 0; i < v->u.map.len; i++) {
		value *pv = v->u.map.items[i].val;
		const char *pat = val_as_str(pv);
		if (!pat || pat[0] != '/') {
			diag_error(d, "site.yaml", pv->line, pv->col, _("the "
			    "permalink of '%s' must be a path from the site "
			    "root, like /:year/:month/:slug/"),
			    v->u.map.items[i].key);
			continue;
		}
		int has_slug = 0, bad = 0;
		size_t n = strlen(pat);
		for (const char *c = pat; *c && !bad; c++) {
			if (*c != ':')
				continue;
			int w = -1;
			size_t tl = token_at(c + 1, &w);
			if (!tl) {
				int wl = 1;
				while ((c[wl] >= 'a' && c[wl] <= 'z') ||
				    (c[wl] >= 'A' && c[wl] <= 'Z') ||
				    c[wl] == '_')
					wl++;
				diag_error(d, "site.yaml", pv->line, pv->col,
				    _("unknown '%.*s' in the permalink '%s': "
				    "write :year, :month, :day, :hour, :minute, "
				    ":second, :slug, :title, :section or "
				    ":categories"), wl, c, pat);
				bad = 1;
			}
			has_slug |= w == 6 || w == 7;
			c += tl;
		}
		if (bad)
			continue;
		if (!has_slug)
			diag_error(d, "site.yaml", pv->line, pv->col, _("the "
			    "permalink '%s' must hold :slug or :title, so that "
			    "two posts get two addresses"), pat);
		else if (pat[n - 1] != '/' && (n < 5 ||
		    strcmp(pat + n - 5, ".html")))
			diag_error(d, "site.yaml", pv->line, pv->col, _("the "
			    "permalink '%s' must end in '/' (a folder) or "
			    "'.html' (a file)"), pat);
		else if (strstr(pat, "//") || strstr(pat, "/../") ||
		    strstr(pat, "/./"))
			diag_error(d, "site.yaml", pv->line, pv->col, _("the "
			    "permalink '%s' must not hold '//', '/./' or "
			    "'/../'"), pat);
	}
}

/* Jekyll's categories, each made a slug, joined by '/'. */
struct cat_out {
	arena *a;
	buf *b;
};

static void category_slug(void *ctx, const char *w, size_t n)
{
	struct cat_out *c = ctx;
	const char *sl = slug_make(c->a, w, n);
	if (!*sl)
		return;
	if (c->b->len && c->b->data[c->b->len - 1] != '/')
		buf_putc(c->b, '/');
	buf_puts(c->b, sl);
}

static void categories(arena *a, buf *b, const value *meta)
{
	struct cat_out c = {a, b};
	meta_each_category(meta, category_slug, &c);
}

static const char *expand(arena *a, const char *pat, const post *p)
{
	buf b = BUF_INIT;
	const sdate *d = &p->date;
	for (const char *c = pat + 1; *c; c++) {
		int w = -1;
		size_t tl = *c == ':' ? token_at(c + 1, &w) : 0;
		if (!tl) {
			buf_putc(&b, *c);
			continue;
		}
		c += tl;
		switch (w) {
		case 0: buf_printf(&b, "%04d", d->year); break;
		case 1: buf_printf(&b, "%02d", d->month); break;
		case 2: buf_printf(&b, "%02d", d->day); break;
		case 3: buf_printf(&b, "%02d", d->hour); break;
		case 4: buf_printf(&b, "%02d", d->min); break;
		case 5: buf_printf(&b, "%02d", d->sec); break;
		case 6: buf_puts(&b, p->slug); break;
		case 7: buf_puts(&b, p->file_slug ? p->file_slug : p->slug);
			break;
		case 8: buf_puts(&b, p->section); break;
		case 9: categories(a, &b, p->meta); break;
		}
	}
	/* An empty :categories leaves "//": one slash is meant. */
	char *out = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	char *o = out;
	for (const char *q = out; *q; q++)
		if (!(*q == '/' && (o == out || o[-1] == '/')))
			*o++ = *q;
	*o = '\0';
	return out;
}

void permalink_apply(site *s, post **all, size_t n)
{
	value *v = val_map_get(s->config, "permalinks");
	if (!v || v->kind != VAL_MAP)
		return;
	for (size_t i = 0; i < n; i++) {
		post *p = all[i];
		if (p->kind != PAGE_POST || !p->section || !p->has_date)
			continue;
		const char *pat = val_as_str(val_map_get(v, p->section));
		if (!pat || pat[0] != '/')
			continue;
		p->path = expand(s->a, pat, p);
		p->url = arena_printf(s->a, "%s%s", s->base_path, p->path);
		/* An old address the pattern gives back is the page itself
		 * now, no longer a redirect. */
		size_t k = 0;
		for (size_t j = 0; j < p->naliases; j++)
			if (strcmp(p->aliases[j], p->path))
				p->aliases[k++] = p->aliases[j];
		p->naliases = k;
	}
}

/* The post's path from its slug: its section's pattern, or section/slug/. */
static void set_path(site *s, post *p)
{
	value *v = val_map_get(s->config, "permalinks");
	const char *pat = val_as_str(val_map_get(v, p->section));
	if (pat && pat[0] == '/' && p->has_date)
		p->path = expand(s->a, pat, p);
	else
		p->path = arena_printf(s->a, "%s/%s/", p->section, p->slug);
	p->url = arena_printf(s->a, "%s%s", s->base_path, p->path);
}

static int cmp_old_first(const void *a, const void *b)
{
	const post *x = *(const post *const *)a, *y = *(const post *const *)b;
	if (x->date.epoch != y->date.epoch)
		return x->date.epoch < y->date.epoch ? -1 : 1;
	return strcmp(x->src, y->src);
}

void permalink_settle(site *s, post **all, size_t n, diag *d)
{
	post **v = xmalloc((n + 1) * sizeof *v);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		post *p = all[i];
		if (p->kind != PAGE_POST || !p->section ||
		    (p->draft && !s->drafts) ||
		    (p->date.epoch >= s->publish_limit && !s->drafts))
			continue;
		v[m++] = p;
	}
	qsort(v, m, sizeof *v, cmp_old_first);
	strmap *seen = strmap_new();
	for (size_t i = 0; i < m; i++) {
		post *p = v[i];
		post *first = strmap_get(seen, p->path);
		/* A slug the writer chose stays: the build reports the clash. */
		if (!first || val_map_get(p->meta, "slug")) {
			if (!first)
				strmap_set(seen, p->path, p);
			continue;
		}
		const char *taken = p->path, *base = p->slug;
		for (int k = 2;; k++) {
			p->slug = arena_printf(s->a, "%s-%d", base, k);
			set_path(s, p);
			if (!strmap_get(seen, p->path))
				break;
		}
		strmap_set(seen, p->path, p);
		/* TRANSLATORS: the address both wanted, the older post's
		 * file, the address this post got. */
		diag_warn(d, p->src, 1, 1, _("the address /%s is already "
		    "%s's (an older post with the same name), so this post is "
		    "at /%s: add a slug: line to choose another"), taken,
		    first->src, p->path);
	}
	strmap_free(seen);
	free(v);
}
