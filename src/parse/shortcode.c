#include "shortcode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"

struct sc {
	arena *a;
	buf out;
	sc_result *r;
	size_t capleft;
	sc_resolve resolve;
	void *ctx;
};

static int count_lines(const char *s, const char *e)
{
	int n = 0;
	for (; s < e; s++)
		n += *s == '\n';
	return n;
}

static void left(struct sc *c, int line, const char *s, size_t n)
{
	if (c->r->nleft == c->capleft) {
		c->capleft = c->capleft ? c->capleft * 2 : 8;
		sc_left *nl = arena_alloc(c->a, c->capleft * sizeof *nl);
		if (c->r->nleft)
			memcpy(nl, c->r->left, c->r->nleft * sizeof *nl);
		c->r->left = nl;
	}
	c->r->left[c->r->nleft].line = line;
	c->r->left[c->r->nleft++].text = arena_strndup(c->a, s, n > 80 ? 80 :
	    n);
}

/* The words of a tag's inside, split at spaces outside quotes; quotes
 * are removed. Returns the count (at most max). */
static int words(char *s, char **w, int max)
{
	int n = 0;
	while (*s && n < max) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		w[n++] = s;
		char *o = s;
		char q = 0;
		while (*s && (q || (*s != ' ' && *s != '\t' && *s != '\n'))) {
			if (!q && (*s == '"' || *s == '\'')) {
				q = *s++;
				continue;
			}
			if (q && *s == q) {
				q = 0;
				s++;
				continue;
			}
			*o++ = *s++;
		}
		if (*s)
			s++;
		*o = '\0';
	}
	return n;
}

/* key=value among the words, or NULL. */
static const char *named(char **w, int n, const char *key)
{
	size_t kl = strlen(key);
	for (int i = 1; i < n; i++)
		if (!strncmp(w[i], key, kl) && w[i][kl] == '=')
			return w[i] + kl + 1;
	return NULL;
}

static void put_attr(buf *b, const char *name, const char *v)
{
	if (!v)
		return;
	buf_printf(b, " %s=\"", name);
	for (; *v; v++) {
		if (*v == '"')
			buf_puts(b, "&quot;");
		else if (*v == '&')
			buf_puts(b, "&amp;");
		else if (*v == '<')
			buf_puts(b, "&lt;");
		else
			buf_putc(b, *v);
	}
	buf_putc(b, '"');
}

static int safe_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

/* One tag, its inside in `in` (a writable copy); 1 when rewritten. */
static int liquid(struct sc *c, char *in)
{
	char *w[16];
	int n = words(in, w, 16);
	if (!n)
		return 0;
	if (!strcmp(w[0], "highlight") && n >= 2) {
		buf_printf(&c->out, "```%s", w[1]);
		return 1;
	}
	if (!strcmp(w[0], "endhighlight")) {
		buf_puts(&c->out, "```");
		return 1;
	}
	if (!strcmp(w[0], "raw") || !strcmp(w[0], "endraw"))
		return 1;
	if (!strcmp(w[0], "post_url") && n == 2) {
		const char *to = c->resolve ? c->resolve(c->ctx, "post_url",
		    w[1]) : NULL;
		/* Posts land in one folder: "2019/x" is "x.md" there. */
		const char *b = strrchr(w[1], '/');
		if (to)
			buf_puts(&c->out, to);
		else
			buf_printf(&c->out, "%s.md", b ? b + 1 : w[1]);
		return 1;
	}
	if (!strcmp(w[0], "link") && n == 2) {
		const char *to = c->resolve ? c->resolve(c->ctx, "link", w[1]) :
		    NULL;
		if (!to)
			return 0;
		buf_puts(&c->out, to);
		return 1;
	}
	return 0;
}

/* {{ … }}: site.baseurl, and a quoted path through a URL filter. */
static int liquid_out(struct sc *c, char *in)
{
	char *w[8];
	int n = words(in, w, 8);
	if (n == 1 && (!strcmp(w[0], "site.baseurl") ||
	    !strcmp(w[0], "site.url")))
		return 1;
	if (n == 3 && !strcmp(w[1], "|") && (!strcmp(w[2], "relative_url") ||
	    !strcmp(w[2], "absolute_url")) && w[0][0] == '/') {
		buf_puts(&c->out, w[0]);
		return 1;
	}
	return 0;
}

static int hugo(struct sc *c, char *in)
{
	char *w[16];
	int n = words(in, w, 16);
	if (!n)
		return 0;
	if (!strcmp(w[0], "highlight") && n >= 2) {
		buf_printf(&c->out, "```%s", w[1]);
		return 1;
	}
	if (!strcmp(w[0], "/highlight")) {
		buf_puts(&c->out, "```");
		return 1;
	}
	if ((!strcmp(w[0], "ref") || !strcmp(w[0], "relref")) && n == 2) {
		const char *to = c->resolve ? c->resolve(c->ctx, "ref", w[1]) :
		    NULL;
		if (!to)
			return 0;
		buf_puts(&c->out, to);
		return 1;
	}
	if (!strcmp(w[0], "figure")) {
		const char *src = named(w, n, "src");
		if (!src)
			return 0;
		const char *cap = named(w, n, "caption");
		const char *title = named(w, n, "title");
		const char *alt = named(w, n, "alt");
		buf_puts(&c->out, "<figure><img");
		put_attr(&c->out, "src", src);
		put_attr(&c->out, "alt", alt ? alt : cap ? cap : title ?
		    title : "");
		buf_puts(&c->out, " />");
		if (cap || title) {
			buf_puts(&c->out, "<figcaption>");
			for (const char *q = cap ? cap : title; *q; q++)
				if (*q == '<')
					buf_puts(&c->out, "&lt;");
				else if (*q == '&')
					buf_puts(&c->out, "&amp;");
				else
					buf_putc(&c->out, *q);
			buf_puts(&c->out, "</figcaption>");
		}
		buf_puts(&c->out, "</figure>");
		return 1;
	}
	if ((!strcmp(w[0], "youtube") || !strcmp(w[0], "vimeo")) && n >= 2) {
		const char *id = named(w, n, "id");
		if (!id)
			id = w[1];
		if (!safe_id(id))
			return 0;
		int yt = w[0][0] == 'y';
		buf_printf(&c->out, "<iframe src=\"%s%s\" width=\"560\" "
		    "height=\"315\" title=\"%s\" allowfullscreen></iframe>",
		    yt ? "https://www.youtube-nocookie.com/embed/" :
		    "https://player.vimeo.com/video/", id,
		    yt ? "YouTube" : "Vimeo");
		if (yt)
			c->r->youtube = 1;
		else
			c->r->vimeo = 1;
		return 1;
	}
	return 0;
}

void shortcode_rewrite(arena *a, const char *text, size_t len,
    sc_result *out)
{
	shortcode_rewrite_with(a, text, len, NULL, NULL, out);
}

void shortcode_rewrite_with(arena *a, const char *text, size_t len,
    sc_resolve resolve, void *ctx, sc_result *out)
{
	struct sc c = {a, BUF_INIT, out, 0, resolve, ctx};
	memset(out, 0, sizeof *out);
	const char *p = text, *end = text + len;
	int line = 1;
	while (p < end) {
		const char *open = NULL, *close = NULL;
		int kind = 0; /* 1 {% %}, 2 {{ }}, 3 {{< >}} or {{% %}} */
		if (p + 1 < end && p[0] == '{' && (p[1] == '%' || p[1] == '{')) {
			if (p[1] == '{' && p + 2 < end && (p[2] == '<' ||
			    p[2] == '%')) {
				kind = 3;
				/* {{< … >}} or {{% … %}} */
				char mark[4] = {p[2] == '<' ? '>' : '%', '}',
				    '}', '\0'};
				open = p + 3;
				close = memmem(open, (size_t)(end - open), mark, 3);
			} else {
				kind = p[1] == '%' ? 1 : 2;
				open = p + 2;
				close = memmem(open, (size_t)(end - open),
				    kind == 1 ? "%}" : "}}", 2);
			}
		}
		if (!kind || !close) {
			line += *p == '\n';
			buf_putc(&c.out, *p++);
			continue;
		}
		const char *after = close + (kind == 3 ? 3 : 2);
		char *in = arena_strndup(a, open, (size_t)(close - open));
		/* Liquid's whitespace control: {%- … -%}. */
		size_t il = strlen(in);
		if (il && in[0] == '-')
			in[0] = ' ';
		if (il && in[il - 1] == '-')
			in[il - 1] = ' ';
		size_t mark = c.out.len;
		char *rw[2];
		char rawcopy[16];
		snprintf(rawcopy, sizeof rawcopy, "%s", in);
		if (kind == 1 && words(rawcopy, rw, 2) == 1 &&
		    !strcmp(rw[0], "raw")) {
			/* {% raw %}: what follows is text up to {% endraw %}. */
			const char *e = after;
			const char *stop = NULL;
			while ((e = memmem(e, (size_t)(end - e), "{%", 2))) {
				const char *ce = memmem(e, (size_t)(end - e),
				    "%}", 2);
				if (!ce)
					break;
				char *t = arena_strndup(a, e + 2,
				    (size_t)(ce - e - 2));
				char *tw[2];
				if (words(t, tw, 2) == 1 && (!strcmp(tw[0],
				    "endraw") || !strcmp(tw[0], "-endraw"))) {
					stop = e;
					after = ce + 2;
					break;
				}
				e = ce;
			}
			if (stop) {
				buf_put(&c.out, close + 2, (size_t)(stop -
				    close - 2));
				out->converted += 2;
				line += count_lines(p, after);
				p = after;
				continue;
			}
		}
		int ok = kind == 1 ? liquid(&c, in) : kind == 2 ?
		    liquid_out(&c, in) : hugo(&c, in);
		if (ok) {
			out->converted++;
		} else {
			c.out.len = mark;
			if (c.out.data)
				c.out.data[mark] = '\0';
			left(&c, line, p, (size_t)(after - p));
			buf_put(&c.out, p, (size_t)(after - p));
		}
		line += count_lines(p, after);
		p = after;
	}
	out->body = arena_strndup(a, c.out.data ? c.out.data : "", c.out.len);
	buf_free(&c.out);
}

const char *shortcode_find(const char *s, size_t *len)
{
	for (const char *p = s ? strchr(s, '{') : NULL; p;
	    p = strchr(p + 1, '{')) {
		const char *close = p[1] == '%' ? strstr(p + 2, "%}") :
		    p[1] == '{' && (p[2] == '<' || p[2] == '%') ?
		    strstr(p + 3, "}}") : NULL;
		if (close) {
			*len = (size_t)(close - p) + 2;
			return p;
		}
	}
	return NULL;
}
