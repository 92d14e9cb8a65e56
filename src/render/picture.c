#include "picture.h"

#include <string.h>

#include "../core/buf.h"
#include "../model/event.h"

#define PARTIAL "partials/picture"

/* A path into a srcset: spaces, commas and non-ASCII percent-encoded
 * (a srcset splits on both); the template HTML-escapes the rest. */
static void put_srcset_url(buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= ' ' || c >= 0x7f || c == ',') {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		} else {
			buf_putc(b, (char)c);
		}
	}
}

static const char *srcset(arena *a, const image *img, const char *ext)
{
	buf b = BUF_INIT;
	for (int i = 0; i < img->nvar; i++) {
		if (i)
			buf_puts(&b, ", ");
		char name[48];
		snprintf(name, sizeof name, "-%d.%s", img->vw[i], ext);
		put_srcset_url(&b, img->url_stem);
		buf_printf(&b, "%s %dw", name, img->vw[i]);
	}
	const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

static const char *own_ext(const image *img)
{
	return img->fmt == IMG_PNG ? "png" : img->fmt == IMG_WEBP ? "webp" :
	    "jpg";
}

static value *source_map(arena *a, const image *img, const char *type,
    const char *ext, const char *sizes)
{
	value *m = val_map(a);
	val_map_str(a, m, "type", type);
	val_map_str(a, m, "srcset", srcset(a, img, ext));
	val_map_str(a, m, "sizes", sizes);
	return m;
}

/* The partial's output for one image, without its final newline. */
static const char *render(site *s, const theme *th, const imageset *set,
    const image *img, const char *alt, const char *caption, int figure,
    int lazy)
{
	arena *a = s->a;
	const char *sizes = set->set.sizes;
	value *m = val_map(a);
	value *sources = val_list(a);
	if (set->set.avif)
		val_list_push(a, sources, source_map(a, img, "image/avif",
		    "avif", sizes));
	if (img->fmt != IMG_WEBP)
		val_list_push(a, sources, source_map(a, img, "image/webp",
		    "webp", sizes));
	val_map_set(a, m, "sources", sources);
	int last = img->nvar - 1;
	buf b = BUF_INIT;
	put_srcset_url(&b, img->url_stem);
	buf_printf(&b, "-%d.%s", img->vw[last], own_ext(img));
	val_map_str(a, m, "src", arena_strndup(a, b.data, b.len));
	buf_free(&b);
	val_map_str(a, m, "srcset", srcset(a, img, own_ext(img)));
	val_map_str(a, m, "sizes", sizes);
	val_map_num(a, m, "width", img->vw[last]);
	val_map_num(a, m, "height", img->vh[last]);
	val_map_str(a, m, "alt", alt ? alt : "");
	val_map_bool(a, m, "lazy", lazy);
	val_map_bool(a, m, "figure", figure && caption && *caption);
	val_map_set(a, m, "caption", caption && *caption ?
	    val_str_ref(a, caption) : val_null(a));
	/* An inline image keeps its title as a tooltip. */
	val_map_set(a, m, "title", !figure && caption && *caption ?
	    val_str_ref(a, caption) : val_null(a));
	const value *stack[1] = {m};
	buf out = BUF_INIT;
	mustache_render(th->templates, PARTIAL, stack, 1, &out);
	while (out.len && out.data[out.len - 1] == '\n')
		out.len--;
	const char *r = arena_strndup(a, out.data ? out.data : "", out.len);
	buf_free(&out);
	return r;
}

/* cmark's attribute text back to plain text (it escapes & < > "). */
static const char *unescape(arena *a, const char *s, size_t n)
{
	static const struct { const char *ent; char c; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
		{"&#39;", '\''},
	};
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		for (size_t e = 0; e < sizeof ents / sizeof *ents; e++) {
			size_t el = strlen(ents[e].ent);
			if (el <= n - i && !memcmp(s + i, ents[e].ent, el)) {
				*o++ = ents[e].c;
				k = el;
				break;
			}
		}
		if (!k)
			*o++ = s[i], k = 1;
		i += k;
	}
	*o = '\0';
	return out;
}

/* `name="value"` at *p: the value's span, and *p past it; 0 if absent. */
static int attr(const char **p, const char *name, const char **v,
    size_t *n)
{
	size_t k = strlen(name);
	if (strncmp(*p, name, k))
		return 0;
	const char *end = strchr(*p + k, '"');
	if (!end)
		return 0;
	*v = *p + k;
	*n = (size_t)(end - *v);
	*p = end + 1;
	return 1;
}

/* The document's HTML with its images as pictures; *count is how many
 * pictures the page showed before (the first is not lazy). */
static const char *rewrite(site *s, const theme *th, const imageset *set,
    const char *html, int *count)
{
	if (!html || !strstr(html, "<img src=\""))
		return html;
	buf b = BUF_INIT;
	const char *p = html, *at;
	while ((at = strstr(p, "<img src=\""))) {
		const char *q = at + strlen("<img "), *src, *alt, *title = NULL;
		size_t srcn, altn, titlen = 0;
		int ok = attr(&q, "src=\"", &src, &srcn) &&
		    attr(&q, " alt=\"", &alt, &altn);
		if (ok)
			attr(&q, " title=\"", &title, &titlen);
		ok = ok && !strncmp(q, " />", 3);
		const image *img = NULL;
		if (ok) {
			const char *url = unescape(s->a, src, srcn);
			img = imageset_find_url(set, s, url);
		}
		if (!img || !img->ok) {
			buf_put(&b, p, (size_t)(at - p) + 4);
			p = at + 4;
			continue;
		}
		q += 3;
		/* Alone in its paragraph: the paragraph may become a figure. */
		int block = at - html >= 3 && !strncmp(at - 3, "<p>", 3) &&
		    !strncmp(q, "</p>", 4);
		const char *caption = title ? unescape(s->a, title, titlen) :
		    NULL;
		const char *pic = render(s, th, set, img, unescape(s->a, alt,
		    altn), caption, block, (*count)++ > 0);
		if (block && caption) {
			buf_put(&b, p, (size_t)(at - 3 - p));
			buf_puts(&b, pic);
			p = q + 4;
		} else {
			buf_put(&b, p, (size_t)(at - p));
			buf_puts(&b, pic);
			p = q;
		}
	}
	buf_puts(&b, p);
	const char *out = arena_strndup(s->a, b.data, b.len);
	buf_free(&b);
	return out;
}

static void apply_post(site *s, const theme *th, const imageset *set,
    post *p)
{
	const img_doc *doc = strmap_get(set->docs, p->src);
	int count = 0;
	if (doc && doc->front && doc->front->ok) {
		const value *alt = val_map_get(p->meta, "image_alt");
		p->image_html = render(s, th, set, doc->front, val_as_str(alt),
		    doc->credit, 1, count++ > 0);
	}
	const char *html = p->md.html;
	p->md.html = rewrite(s, th, set, html, &count);
	if (p->md.html != html) {
		p->md.html_len = strlen(p->md.html);
		p->md.html_sum = hash_bytes(p->md.html, p->md.html_len);
	}
	int many = 1;   /* in lists, below the first screen */
	const char *summary = p->summary_html;
	p->summary_html = rewrite(s, th, set, summary, &many);
	if (p->summary_html != summary) {
		p->summary_html_len = strlen(p->summary_html);
		p->summary_sum = (hash128){0, 0};   /* keys read it again */
	}
	if (doc && doc->share)
		p->share_image = doc->share->url;
	else if (!p->image && set->fallback)
		p->share_image = set->fallback->url;
}

void picture_apply(site *s, const theme *th, const imageset *set,
    value *root)
{
	/* A theme without the partial keeps cmark's <img>: its address holds
	 * the widest stripped copy. */
	if (!set->n || !mustache_has(th->templates, PARTIAL))
		return;
	size_t ndocs = s->nposts + s->npages + (s->home != NULL);
	for (size_t i = 0; i < ndocs; i++)
		apply_post(s, th, set, i < s->nposts ? s->posts[i] :
		    i < s->nposts + s->npages ? s->pages[i - s->nposts] :
		    s->home);
	for (size_t i = 0; i < s->nevents; i++) {
		event *e = s->events[i];
		int count = 0;
		if (!e->post) {
			const char *html = e->md.html;
			e->md.html = rewrite(s, th, set, html, &count);
			if (e->md.html != html) {
				e->md.html_len = strlen(e->md.html);
				e->md.html_sum = hash_bytes(e->md.html,
				    e->md.html_len);
			}
		}
	}
	value *site_map = val_map_get(root, "site");
	if (set->fallback && site_map && site_map->kind == VAL_MAP)
		val_map_str(s->a, site_map, "og_image", set->fallback->url);
}
