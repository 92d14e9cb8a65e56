#include "imageset.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/i18n.h"
#include "../parse/yaml.h"
#include "bodystore.h"
#include "event.h"
#include "theme.h"

/* Used when neither the theme nor site.yaml says: the widths a phone, a
 * tablet and a desktop column need, at 1× and 2×. */
static const int default_widths[] = {480, 800, 1200, 1600};
#define DEFAULT_SIZES "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
#define DEFAULT_QUALITY 80
#define MIN_WIDTH 16
#define MAX_WIDTH 8000

int imageset_is_raster(const char *path, img_format *fmt)
{
	static const struct { const char *ext; img_format f; } exts[] = {
		{".jpg", IMG_JPEG}, {".jpeg", IMG_JPEG}, {".png", IMG_PNG},
		{".webp", IMG_WEBP},
	};
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t k = strlen(exts[i].ext);
		if (n > k && !strcasecmp(path + n - k, exts[i].ext)) {
			if (fmt)
				*fmt = exts[i].f;
			return 1;
		}
	}
	return 0;
}

/* widths: [480, 800] from a settings map; 0, or -1 after an error. */
static int read_widths(img_settings *st, const char *file, const value *v,
    diag *d)
{
	if (!v)
		return 0;
	if (v->kind != VAL_LIST || !v->u.list.len ||
	    v->u.list.len > IMAGE_MAX_WIDTHS) {
		diag_error(d, file, v->line, v->col, _("'widths' must be a "
		    "list of 1 to %d widths in pixels, smallest first, like "
		    "widths: [480, 800, 1200, 1600]"), IMAGE_MAX_WIDTHS);
		return -1;
	}
	int prev = 0;
	for (size_t i = 0; i < v->u.list.len; i++) {
		const value *w = v->u.list.items[i];
		if (w->kind != VAL_NUM || w->u.num != (int)w->u.num ||
		    w->u.num < MIN_WIDTH || w->u.num > MAX_WIDTH ||
		    (int)w->u.num <= prev) {
			diag_error(d, file, w->line, w->col, _("an image width "
			    "must be a whole number of pixels from %d to %d, "
			    "each larger than the one before"), MIN_WIDTH,
			    MAX_WIDTH);
			return -1;
		}
		prev = st->widths[i] = (int)w->u.num;
	}
	st->nwidths = v->u.list.len;
	return 0;
}

static int read_flag(const char *file, const value *map, const char *key,
    int def, diag *d)
{
	const value *v = val_map_get(map, key);
	if (!v || v->kind == VAL_NULL)
		return def;
	if (v->kind != VAL_BOOL) {
		diag_error(d, file, v->line, v->col, _("'%s' in the image settings "
		    "must be true or false"), key);
		return def;
	}
	return v->u.b;
}

/* The settings from one map (the theme's images.yaml, then site.yaml's
 * `images:`, which wins). */
static void read_settings(site *s, img_settings *st, const char *file,
    const value *m, diag *d)
{
	if (!m || m->kind == VAL_NULL)
		return;
	if (m->kind != VAL_MAP) {
		diag_error(d, file, m->line, m->col, _("image settings must be "
		    "a map, like images: {widths: [480, 800]}"));
		return;
	}
	read_widths(st, file, val_map_get(m, "widths"), d);
	const value *sz = val_map_get(m, "sizes");
	if (sz && sz->kind == VAL_STR)
		st->sizes = arena_strdup(s->a, sz->u.str.s);
	const value *q = val_map_get(m, "quality");
	if (q) {
		if (q->kind != VAL_NUM || q->u.num < 1 || q->u.num > 100)
			diag_error(d, file, q->line, q->col, _("'quality' must "
			    "be a number from 1 to 100, like quality: 80"));
		else
			st->quality = (int)q->u.num;
	}
	st->avif = read_flag(file, m, "avif", st->avif, d);
	st->publish_original = read_flag(file, m, "publish_original",
	    st->publish_original, d);
}

static void load_settings(site *s, img_settings *st, diag *d)
{
	*st = (img_settings){.sizes = DEFAULT_SIZES, .quality =
	    DEFAULT_QUALITY};
	st->nwidths = sizeof default_widths / sizeof *default_widths;
	memcpy(st->widths, default_widths, sizeof default_widths);
	if (s->th) {
		const char *file = arena_printf(s->a, "%simages.yaml",
		    s->th->dir);
		const char *text;
		size_t len;
		if (source_exists(s->src, file) &&
		    source_read(s->src, file, s->a, &text, &len, d) == 0) {
			value *v = yaml_parse(s->a, file, text, len, 0, d);
			read_settings(s, st, file, v, d);
		}
	}
	read_settings(s, st, "site.yaml", val_map_get(s->config, "images"),
	    d);
}

/* "%C3%A4" → "ä"; NULL when a %-escape is broken or decodes to NUL. */
static char *pct_decode(arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		if (i + 2 >= n || !isxdigit((unsigned char)s[i + 1]) ||
		    !isxdigit((unsigned char)s[i + 2]))
			return NULL;
		char hex[3] = {s[i + 1], s[i + 2], 0};
		int c = (int)strtol(hex, NULL, 16);
		if (!c)
			return NULL;
		*o++ = (char)c;
		i += 2;
	}
	*o = '\0';
	return out;
}

image *imageset_find_url(const imageset *set, const site *s,
    const char *url)
{
	if (!set->n || !url)
		return NULL;
	size_t bl = strlen(s->base_path);
	if (strncmp(url, s->base_path, bl))
		return NULL;
	const char *rest = url + bl;
	size_t n = strcspn(rest, "?#");
	arena *a = arena_new();
	char *out = pct_decode(a, rest, n);
	image *img = out ? strmap_get(set->by_out, out) : NULL;
	arena_free(a);
	return img;
}

/* The first place an image is used is where its messages point. */
static void reference(image *img, const char *file, int line, int col)
{
	if (!*img->file) {
		img->file = file;
		img->line = line;
		img->col = col;
	}
}

static img_crop *crop_for(site *s, image *img, int focus, double fx,
    double fy)
{
	for (img_crop *c = img->crops; c; c = c->next)
		if (c->focus == focus && (!focus || (c->fx == fx &&
		    c->fy == fy)))
			return c;
	img_crop *c = arena_alloc(s->a, sizeof *c);
	*c = (img_crop){.focus = focus, .fx = fx, .fy = fy,
	    .next = img->crops};
	c->out = focus ? arena_printf(s->a, "%s-%dx%d-%02d-%02d.jpg",
	    img->stem, IMAGE_SHARE_W, IMAGE_SHARE_H, (int)(fx * 100 + 0.5),
	    (int)(fy * 100 + 0.5)) : arena_printf(s->a, "%s-%dx%d.jpg",
	    img->stem, IMAGE_SHARE_W, IMAGE_SHARE_H);
	c->url = arena_printf(s->a, "%s%s%s", s->origin, s->base_path,
	    c->out);
	img->crops = c;
	return c;
}

/* image_focus: "0.3,0.6" (from the left, from the top); 1 found, 0 absent
 * or wrong (reported). */
static int read_focus(const char *file, const value *meta, double *fx,
    double *fy, diag *d)
{
	const value *v = val_map_get(meta, "image_focus");
	if (!v || v->kind == VAL_NULL)
		return 0;
	char *end = NULL;
	if (v->kind == VAL_STR) {
		*fx = strtod(v->u.str.s, &end);
		if (end != v->u.str.s && *end == ',') {
			const char *p = end + 1;
			*fy = strtod(p, &end);
			while (end && isspace((unsigned char)*end))
				end++;
			if (end != p && !*end && *fx >= 0 && *fx <= 1 &&
			    *fy >= 0 && *fy <= 1)
				return 1;
		}
	}
	diag_error(d, file, v->line, v->col, _("'image_focus' must be two "
	    "numbers from 0 to 1, across and down, like image_focus: "
	    "\"0.3,0.6\" (0,0 is the top left corner)"));
	return 0;
}

/* A document's body images and, for a post or page, its front matter. */
static void scan_doc(site *s, imageset *set, const char *src,
    const value *meta, const char *front_url, const md_result *md,
    diag *d)
{
	img_doc *doc = arena_alloc(s->a, sizeof *doc);
	*doc = (img_doc){0};
	image *first = NULL;
	for (size_t i = 0; i < md->nlinks; i++) {
		if (!md->links[i].is_image)
			continue;
		image *img = imageset_find_url(set, s, md->links[i].url);
		if (!img)
			continue;
		reference(img, src, md->links[i].line, md->links[i].col);
		if (!first)
			first = img;
	}
	if (front_url) {
		doc->front = imageset_find_url(set, s, front_url);
		const value *iv = val_map_get(meta, "image");
		if (doc->front && iv)
			reference(doc->front, src, iv->line, iv->col);
	}
	const value *cv = meta ? val_map_get(meta, "image_credit") : NULL;
	if (cv && cv->kind == VAL_STR && *cv->u.str.s)
		doc->credit = cv->u.str.s;
	double fx = 0.5, fy = 0.5;
	int focus = meta ? read_focus(src, meta, &fx, &fy, d) : 0;
	image *share = doc->front ? doc->front : front_url ? NULL : first;
	if (share)
		doc->share = crop_for(s, share, focus, fx, fy);
	strmap_put_new(set->docs, src, doc);
}

static void load_default(site *s, imageset *set, diag *d)
{
	const value *m = val_map_get(s->config, "images");
	const value *v = m && m->kind == VAL_MAP ? val_map_get(m, "default") :
	    NULL;
	if (!v || v->kind == VAL_NULL)
		return;
	image *img = v->kind == VAL_STR ? strmap_get(set->by_out,
	    v->u.str.s) : NULL;
	if (!img) {
		diag_error(d, "site.yaml", v->line, v->col, _("the default "
		    "image must be a JPEG, PNG or WebP file under content/, "
		    "named from there, like default: kuvat/lape.jpg"));
		return;
	}
	reference(img, "site.yaml", v->line, v->col);
	set->fallback = crop_for(s, img, 0, 0.5, 0.5);
}

imageset *imageset_collect(site *s, diag *d)
{
	imageset *set = arena_alloc(s->a, sizeof *set);
	*set = (imageset){.by_out = strmap_new(), .docs = strmap_new()};
	load_settings(s, &set->set, d);
	size_t n = 0;
	for (size_t i = 0; i < s->nassets; i++)
		n += imageset_is_raster(s->assets[i].out, NULL);
	set->imgs = arena_alloc(s->a, (n + 1) * sizeof *set->imgs);
	strmap *stems = strmap_new();
	for (size_t i = 0; i < s->nassets; i++) {
		img_format fmt;
		if (!imageset_is_raster(s->assets[i].out, &fmt))
			continue;
		s->assets[i].image = 1;
		image *img = &set->imgs[set->n++];
		const char *out = s->assets[i].out, *dot = strrchr(out, '.');
		*img = (image){.src = s->assets[i].src, .out = out, .fmt = fmt,
		    .file = ""};
		img->stem = arena_strndup(s->a, out, (size_t)(dot - out));
		/* kuva.jpg and kuva.png side by side: the second's copies are
		 * kuva-png-480.webp, so that no two files share a name. */
		if (strmap_get(stems, img->stem))
			img->stem = arena_printf(s->a, "%s-%s", img->stem,
			    dot + 1);
		strmap_put_new(stems, img->stem, img);
		img->url_stem = arena_printf(s->a, "%s%s", s->base_path,
		    img->stem);
		strmap_put_new(set->by_out, out, img);
	}
	strmap_free(stems);
	if (!set->n) {
		load_default(s, set, d);   /* reports that there is none */
		return set;
	}
	size_t ndocs = s->nposts + s->npages + (s->home != NULL);
	for (size_t i = 0; i < ndocs; i++) {
		post *p = i < s->nposts ? s->posts[i] : i < s->nposts +
		    s->npages ? s->pages[i - s->nposts] : s->home;
		scan_doc(s, set, p->src, p->meta, p->image, &p->md, d);
		bodystore_tick(s, i);   /* the links are in its spill */
	}
	for (size_t i = 0; i < s->nevents; i++) {
		event *e = s->events[i];
		if (!e->post && !strmap_get(set->docs, e->src))
			scan_doc(s, set, e->src, NULL, NULL, &e->md, d);
	}
	load_default(s, set, d);
	for (size_t i = 0; i < set->n; i++)
		if (!*set->imgs[i].file)
			set->imgs[i].file = set->imgs[i].src;
	return set;
}

void imageset_free(imageset *set)
{
	if (!set)
		return;
	strmap_free(set->by_out);
	strmap_free(set->docs);
}
