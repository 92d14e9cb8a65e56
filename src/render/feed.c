#include "feed.h"

#include <string.h>

#include "../model/post.h"
#include "../parse/date.h"
#include "../parse/utf8.h"
#include "escape.h"

#ifndef SAITTI_VERSION
#define SAITTI_VERSION "unknown"
#endif

/* One feed file: what its channel says and which posts it lists. Lives in
 * the plan's arena. */
struct feed {
	const char *title;   /* channel title, unescaped */
	const char *link;    /* the page the feed belongs to, absolute */
	const char *self;    /* the feed's own address, absolute */
	post *const *posts;  /* newest first */
	size_t nposts;
};

/* ---- pieces --------------------------------------------------------- */

/* <name> and </name>, without printf: a feed has thousands. */
static void open_tag(buf *out, const char *name)
{
	buf_putc(out, '<');
	buf_puts(out, name);
	buf_putc(out, '>');
}

static void close_tag(buf *out, const char *name)
{
	buf_puts(out, "</");
	buf_puts(out, name);
	buf_puts(out, ">\n");
}

static void put_elem(buf *out, const char *name, const char *text)
{
	open_tag(out, name);
	escape_xml(out, text, strlen(text));
	close_tag(out, name);
}

/* An absolute URL: origin + site-absolute path. */
static void put_link(buf *out, const char *name, const char *origin,
    const char *path)
{
	open_tag(out, name);
	escape_xml(out, origin, strlen(origin));
	escape_xml(out, path, strlen(path));
	close_tag(out, name);
}

/* The host of an http(s) URL, lowercased, without user or port: the
 * tag: URI's authority. */
static void put_host(buf *out, const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t n = strcspn(p, "/?#");
	const char *at = memchr(p, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	const char *colon = memchr(p, ':', n);
	if (colon && p[0] != '[')
		n = (size_t)(colon - p);
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		buf_putc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
	}
}

/* A tag: URI (RFC 4151) that names the post for good:
 * tag:<host>,<YYYY-MM-DD of its first date>:/<first path, without
 * "content/" and ".md">. Bytes a URI does not allow are percent-encoded;
 * the result is XML-escaped (sub-delims include & and '). */
static void put_guid(buf *out, const site *s, const post *p)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *path = p->guid_path ? p->guid_path : p->src;
	const sdate *d = p->first_date.year ? &p->first_date : &p->date;
	size_t n = strlen(path);
	if (!strncmp(path, "content/", 8)) {
		path += 8;
		n -= 8;
	}
	if (n > 3 && !strcmp(path + n - 3, ".md"))
		n -= 3;
	buf tmp = BUF_INIT;
	buf_puts(&tmp, "tag:");
	put_host(&tmp, s->base_url);
	buf_printf(&tmp, ",%04d-%02d-%02d:/", d->year, d->month, d->day);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~!$&'()*+,;=:@/", c)) {
			buf_putc(&tmp, (char)c);
		} else {
			buf_putc(&tmp, '%');
			buf_putc(&tmp, hex[c >> 4]);
			buf_putc(&tmp, hex[c & 15]);
		}
	}
	buf_puts(out, "<guid isPermaLink=\"false\">");
	escape_xml(out, tmp.data, tmp.len);
	buf_puts(out, "</guid>\n");
	buf_free(&tmp);
}

/* Appends s[0..n) to a CDATA section whose content began at
 * out->data[*from]: drops characters XML 1.0 forbids, writes U+FFFD for
 * a byte that is not UTF-8, and splits every "]]>" — also one that
 * dropping a character would make — as "]]]]><![CDATA[>". */
static void cdata_put(buf *out, size_t *from, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	buf_grow(out, n);
	while (i < n) {
		/* What stays as it is, a run at a time. */
		i += utf8_html_span(s + i, n - i, UTF8_SPAN_CDATA);
		if (i == n)
			break;
		unsigned char c = (unsigned char)s[i];
		buf_put(out, s + run, i - run);
		if (c == '>') {
			if (out->len - *from >= 2 &&
			    out->data[out->len - 1] == ']' &&
			    out->data[out->len - 2] == ']') {
				buf_puts(out, "]]><![CDATA[");
				*from = out->len;
			}
			buf_putc(out, '>');
			i++;
		} else if (c < 0x80) {
			if (c == '\t' || c == '\n' || c == '\r')
				buf_putc(out, (char)c);
			i++;
		} else {
			unsigned cp;
			size_t len = utf8_next(s + i, n - i, &cp);
			if (cp == 0xFFFD && len == 1)
				buf_puts(out, "\xEF\xBF\xBD");
			else if (utf8_xml_char(cp) && utf8_html_char(cp))
				buf_put(out, s + i, len);   /* it is HTML too */
			i += len;
		}
		run = i;
	}
	buf_put(out, s + run, n - run);
}

static int lower_is(const char *s, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* 1 when html[0..eq) ends in " href" or " src": eq is the attribute's
 * '='. */
static int url_attr(const char *html, size_t eq)
{
	if (eq >= 5 && lower_is(html + eq - 4, "href", 4) &&
	    is_space(html[eq - 5]))
		return 1;
	return eq >= 4 && lower_is(html + eq - 3, "src", 3) &&
	    is_space(html[eq - 4]);
}

/* The whole post in content:encoded: href="/…" and src="/…" (not
 * "//host") get the origin in front. */
static void put_content(buf *out, const char *html, const char *origin)
{
	size_t n = strlen(html), olen = strlen(origin), run = 0, i = 0;
	buf_puts(out, "<content:encoded><![CDATA[");
	size_t from = out->len;
	const char *q;
	while (i < n && (q = memchr(html + i, '=', n - i)) != NULL) {
		size_t k = (size_t)(q - html);
		/* html is NUL-terminated, so q[1..3] stay inside it. */
		if ((q[1] == '"' || q[1] == '\'') && q[2] == '/' &&
		    q[3] != '/' && url_attr(html, k)) {
			cdata_put(out, &from, html + run, k + 2 - run);
			cdata_put(out, &from, origin, olen);
			run = k + 2;
		}
		i = k + 1;
	}
	cdata_put(out, &from, html + run, n - run);
	buf_puts(out, "]]></content:encoded>\n");
}

static void put_item(buf *out, const site *s, const post *p,
    const char *site_author)
{
	char date[40];
	buf_puts(out, "<item>\n");
	put_elem(out, "title", p->title ? p->title : "");
	put_link(out, "link", s->origin, p->url);
	put_guid(out, s, p);
	date_rfc822(&p->date, date);
	put_elem(out, "pubDate", date);
	const char *author = p->author && *p->author ? p->author : site_author;
	if (author && *author)
		put_elem(out, "dc:creator", author);
	for (size_t t = 0; t < p->ntags; t++)
		put_elem(out, "category", p->tags[t]->name);
	if (p->summary_text && *p->summary_text)
		put_elem(out, "description", p->summary_text);
	if (p->md.html)
		put_content(out, p->md.html, s->origin);
	buf_puts(out, "</item>\n");
}

/* ---- the job -------------------------------------------------------- */

/* How many of its posts a feed lists: feed_items at most. */
static size_t feed_count(const site *s, const struct feed *f)
{
	size_t n = f->nposts;
	if (s->feed_items > 0 && n > (size_t)s->feed_items)
		n = (size_t)s->feed_items;
	return n;
}

static void feed_run(const job *j, render_env *env, buf *out)
{
	const site *s = env->s;
	const struct feed *f = j->p;
	size_t n = feed_count(s, f);
	const char *site_author = val_as_str(val_map_get(s->config, "author"));
	const char *desc = s->description && *s->description ?
	    s->description : f->title;

	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\""
	    " xmlns:atom=\"http://www.w3.org/2005/Atom\""
	    " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<channel>\n");
	put_elem(out, "title", f->title);
	put_elem(out, "link", f->link);
	put_elem(out, "description", desc);
	if (s->language && *s->language)
		put_elem(out, "language", s->language);
	buf_puts(out, "<atom:link href=\"");
	escape_xml(out, f->self, strlen(f->self));
	buf_puts(out, "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
	if (n > 0) {
		char date[40];
		date_rfc822(&f->posts[0]->date, date);
		put_elem(out, "lastBuildDate", date);
	}
	put_elem(out, "generator", "saitti " SAITTI_VERSION);
	for (size_t i = 0; i < n; i++)
		put_item(out, s, f->posts[i], site_author);
	buf_puts(out, "</channel>\n</rss>\n");
}

/* What a feed is made from, without making it: its channel, what the
 * site gives every feed, and for each post it lists the post's view (its
 * title, url, source, date, author, tags and content, digested once in
 * render.c) with what the view does not hold: the guid's path and first
 * date, and the summary's own text. */
static hash128 feed_inkey(const job *j, render_env *env, valhash *h)
{
	const site *s = env->s;
	const struct feed *f = j->p;
	size_t n = feed_count(s, f);
	hash_state *st = hash_begin();
	hash_add_str(st, "feed");
	hash_add_str(st, f->title);
	hash_add_str(st, f->link);
	hash_add_str(st, f->self);
	hash_add_str(st, s->description);
	hash_add_str(st, s->language);
	hash_add_str(st, s->origin);
	hash_add_str(st, s->base_url);
	hash_add_str(st, val_as_str(val_map_get(s->config, "author")));
	hash_add_u64(st, n);
	for (size_t i = 0; i < n; i++) {
		const post *p = f->posts[i];
		hash128 v = plan_view_digest(env, h, p);
		if (hash_is_zero(v)) {
			hash_end(st);
			return v;
		}
		hash_add_hash(st, v);
		hash_add_str(st, p->guid_path);
		hash_add_str(st, p->src);
		hash_add_u64(st, (uint64_t)p->first_date.year * 10000 +
		    (uint64_t)p->first_date.month * 100 + p->first_date.day);
		post_key_summary(st, p);
	}
	return hash_end(st);
}

/* ---- the plan ------------------------------------------------------- */

static void add_feed(plan *pl, const char *out, const char *title,
    const char *link, const char *self, post *const *posts, size_t n)
{
	struct feed *f = arena_alloc(pl->a, sizeof *f);
	f->title = title;
	f->link = link;
	f->self = self;
	f->posts = posts;
	f->nposts = n;
	job j = {0};
	j.out = out;
	j.run = feed_run;
	j.inkey = feed_inkey;
	j.p = f;
	j.n = n;
	plan_add(pl, &j);
}

/* A site-absolute URL ("/lape/blogi/") as a path under the site root
 * ("blogi/"). */
static const char *under_root(const site *s, const char *url)
{
	size_t bl = strlen(s->base_path);
	if (!strncmp(url, s->base_path, bl))
		return url + bl;
	while (*url == '/')
		url++;
	return url;
}

void feed_plan(plan *pl, const site *s)
{
	arena *a = pl->a;
	const char *dash = " \xE2\x80\x93 "; /* U+2013 EN DASH */
	/* rss.xml, then its copies at old paths (feed_also). */
	for (size_t k = 0; k == 0 || (s->feed_also && s->feed_also[k - 1]);
	    k++) {
		const char *name = k ? s->feed_also[k - 1] : "rss.xml";
		add_feed(pl, name, s->title, s->base_url,
		    arena_printf(a, "%s%s", s->base_url, name), s->posts,
		    s->nposts);
	}
	for (size_t i = 0; i < s->nsections; i++) {
		const section *sec = &s->sections[i];
		const char *dir = under_root(s, sec->url);
		for (size_t k = 0; k == 0 || (s->list_feed_also &&
		    s->list_feed_also[k - 1]); k++) {
			const char *name = k ? s->list_feed_also[k - 1] :
			    "rss.xml";
			add_feed(pl, arena_printf(a, "%s%s", dir, name),
			    arena_printf(a, "%s%s%s", s->title, dash,
			    sec->title),
			    arena_printf(a, "%s%s", s->origin, sec->url),
			    arena_printf(a, "%s%s%s", s->base_url, dir, name),
			    sec->posts, sec->nposts);
		}
	}
	for (size_t i = 0; i < s->ntags; i++) {
		const tag *t = s->tags[i];
		const char *dir = under_root(s, t->url);
		for (size_t k = 0; k == 0 || (s->list_feed_also &&
		    s->list_feed_also[k - 1]); k++) {
			const char *name = k ? s->list_feed_also[k - 1] :
			    "rss.xml";
			add_feed(pl, arena_printf(a, "%s%s", dir, name),
			    arena_printf(a, "%s%s%s", s->title, dash,
			    t->name),
			    arena_printf(a, "%s%s", s->origin, t->url),
			    arena_printf(a, "%s%s%s", s->base_url, dir, name),
			    t->posts, t->nposts);
		}
	}
}
