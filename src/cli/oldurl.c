#include "oldurl.h"

#include <stdio.h>
#include <string.h>

#include "../core/buf.h"
#include "../model/meta.h"
#include "../parse/slug.h"

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s + 32);
}

/* Hugo's urlize: lower case, spaces to '-', most punctuation dropped;
 * letters like ä stay. */
static char *urlize(arena *a, const char *s)
{
	char *o = arena_alloc(a, strlen(s) + 1), *p = o;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t')
			*p++ = '-';
		else if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' &&
		    c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '_' || c == '.' || c == '/')
			*p++ = (char)c;
	}
	*p = '\0';
	lower(o);
	return o;
}

/* Jekyll's categories as its URLs have them: lower case, joined by '/'. */
static void category_lower(void *ctx, const char *w, size_t n)
{
	buf *b = ctx;
	buf_putc(b, '/');
	for (size_t i = 0; i < n; i++)
		buf_putc(b, w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] + 32) :
		    w[i]);
}

static void jekyll_categories(buf *b, const value *meta)
{
	meta_each_category(meta, category_lower, b);
}

static const char *collapse(arena *a, buf *b)
{
	char *out = arena_strndup(a, b->data ? b->data : "/", b->len);
	buf_free(b);
	char *o = out;
	for (const char *q = out; *q; q++)
		if (!(*q == '/' && o > out && o[-1] == '/'))
			*o++ = *q;
	*o = '\0';
	return *out ? out : "/";
}

static int yday(const sdate *d)
{
	static const int cum[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243,
	    273, 304, 334};
	int leap = (d->year % 4 == 0 && d->year % 100 != 0) ||
	    d->year % 400 == 0;
	return cum[d->month - 1] + d->day + (leap && d->month > 2);
}

const char *oldurl_jekyll(arena *a, const char *style, const oldurl_doc *d)
{
	const char *pretty = "/:categories/:year/:month/:day/:title/";
	if (!d->is_post) {
		/* A page: its path, .md as .html (a folder with pretty). */
		buf b = BUF_INIT;
		buf_putc(&b, '/');
		buf_puts(&b, d->dir);
		if (strcmp(d->name, "index")) {
			buf_puts(&b, d->name);
			buf_puts(&b, style && !strcmp(style, "pretty") ? "/" :
			    ".html");
		}
		return collapse(a, &b);
	}
	const char *pat = !style || !strcmp(style, "date") ?
	    "/:categories/:year/:month/:day/:title:output_ext" :
	    !strcmp(style, "pretty") ? pretty :
	    !strcmp(style, "ordinal") ?
	    "/:categories/:year/:y_day/:title:output_ext" :
	    !strcmp(style, "none") ? "/:categories/:title:output_ext" : style;
	const char *slug = val_as_str(val_map_get(d->meta, "slug"));
	buf b = BUF_INIT;
	const sdate *t = &d->date;
	for (const char *c = pat; *c; c++) {
		static const char *const tok[] = {"categories", "year",
		    "month", "day", "i_month", "i_day", "short_year", "hour",
		    "minute", "second", "title", "slug", "output_ext", "y_day",
		    NULL};
		int w = -1;
		size_t best = 0;
		for (int i = 0; *c == ':' && tok[i]; i++) {
			size_t n = strlen(tok[i]);
			if (n > best && !strncmp(c + 1, tok[i], n)) {
				best = n;
				w = i;
			}
		}
		if (w < 0) {
			buf_putc(&b, *c);
			continue;
		}
		c += best;
		switch (w) {
		case 0:
			if (d->dircats && *d->dircats) {
				buf_putc(&b, '/');
				for (const char *q = d->dircats; *q; q++)
					buf_putc(&b, *q >= 'A' && *q <= 'Z' ?
					    (char)(*q + 32) : *q);
			}
			jekyll_categories(&b, d->meta);
			break;
		case 1: buf_printf(&b, "%04d", t->year); break;
		case 2: buf_printf(&b, "%02d", t->month); break;
		case 3: buf_printf(&b, "%02d", t->day); break;
		case 4: buf_printf(&b, "%d", t->month); break;
		case 5: buf_printf(&b, "%d", t->day); break;
		case 6: buf_printf(&b, "%02d", t->year % 100); break;
		case 7: buf_printf(&b, "%02d", t->hour); break;
		case 8: buf_printf(&b, "%02d", t->min); break;
		case 9: buf_printf(&b, "%02d", t->sec); break;
		case 10: buf_puts(&b, slug ? slug : d->name); break;
		case 11: buf_puts(&b, slug_make(a, slug ? slug : d->name,
			    strlen(slug ? slug : d->name))); break;
		case 12: buf_puts(&b, ".html"); break;
		case 13: buf_printf(&b, "%03d", yday(t)); break;
		}
	}
	return collapse(a, &b);
}

const char *oldurl_hugo(arena *a, const char *pattern, const oldurl_doc *d)
{
	const char *url = val_as_str(val_map_get(d->meta, "url"));
	if (url && *url)
		return url[0] == '/' ? url : arena_printf(a, "/%s", url);
	const char *title = val_as_str(val_map_get(d->meta, "title"));
	const char *slug = val_as_str(val_map_get(d->meta, "slug"));
	buf b = BUF_INIT;
	if (!pattern || !d->is_post) {
		buf_putc(&b, '/');
		buf_puts(&b, d->dir);
		if (strcmp(d->name, "_index"))
			buf_printf(&b, "%s/", slug ? slug : d->name);
		char *s = (char *)collapse(a, &b);
		return urlize(a, s);
	}
	const sdate *t = &d->date;
	for (const char *c = pattern; *c; c++) {
		static const char *const tok[] = {"year", "month", "day",
		    "title", "slug", "filename", "section", "contentbasename",
		    "slugorfilename", NULL};
		int w = -1;
		size_t best = 0;
		for (int i = 0; *c == ':' && tok[i]; i++) {
			size_t n = strlen(tok[i]);
			if (n > best && !strncmp(c + 1, tok[i], n)) {
				best = n;
				w = i;
			}
		}
		if (w < 0) {
			buf_putc(&b, *c);
			continue;
		}
		c += best;
		switch (w) {
		case 0: buf_printf(&b, "%04d", t->year); break;
		case 1: buf_printf(&b, "%02d", t->month); break;
		case 2: buf_printf(&b, "%02d", t->day); break;
		case 3: buf_puts(&b, urlize(a, title ? title : d->name)); break;
		case 4: buf_puts(&b, urlize(a, slug ? slug : title ? title :
			    d->name)); break;
		case 5: case 7: buf_puts(&b, d->name); break;
		case 6: buf_puts(&b, d->section); break;
		case 8: buf_puts(&b, slug ? slug : d->name); break;
		}
	}
	char *s = (char *)collapse(a, &b);
	return urlize(a, s);
}
