/* imagevips: the pixels, made with libvips (see output/imagework.h).
 * Built apart into saitti-images.so, loaded at a build's first picture:
 * libvips and the ~60 libraries it links would cost every run of saitti
 * 20 ms to load. */
#include "../output/imagework.h"

#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vips/vips.h>
#include <webp/mux.h>

#include "../core/buf.h"
#include "../core/cachedir.h"
#include "../core/fdio.h"
#include "../core/hash.h"
#include "../core/i18n.h"
#include "../core/pool.h"

/* Bumped whenever what is made from the same settings changes. */
#define CACHE_FORMAT "saitti-image 1\n"
#define MAX_PARTS (3 * (IMAGE_MAX_WIDTHS + 1))

static pthread_once_t vips_once = PTHREAD_ONCE_INIT;
static int vips_ready;

static void ignore_log(const gchar *domain, GLogLevelFlags level,
    const gchar *msg, gpointer data)
{
	(void)domain, (void)level, (void)msg, (void)data;
}

static void vips_start(void)
{
	if (VIPS_INIT("saitti") != 0)
		return;
	/* One picture per thread: libvips' own worker threads would only
	 * compete with ours. Its operation cache would hold every decoded
	 * picture. Loaders for formats we never read stay off. */
	vips_concurrency_set(1);
	vips_cache_set_max(0);
	vips_block_untrusted_set(TRUE);
	/* What goes wrong reaches the writer as an error at the reference
	 * (diag); libvips' own warnings about it would only be noise. */
	g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
	    G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, ignore_log, NULL);
	atexit(vips_shutdown);
	vips_ready = 1;
}

/* One file of an image: a name added to the stem ("-480.webp"). */
typedef struct part {
	char name[32];
	char *data;      /* g_malloc'ed (libvips) or malloc'ed (cache) */
	size_t len;
} part;

typedef struct made {
	int nvar, vw[IMAGE_MAX_WIDTHS + 1], vh[IMAGE_MAX_WIDTHS + 1];
	part parts[MAX_PARTS];
	size_t nparts;
} made;

static void made_free(made *m)
{
	for (size_t i = 0; i < m->nparts; i++)
		g_free(m->parts[i].data);   /* both allocators: see read_cache */
	m->nparts = 0;
}

static const char *ext_of(img_format f)
{
	return f == IMG_PNG ? "png" : f == IMG_WEBP ? "webp" : "jpg";
}

/* --- the cache: images/DIGEST, a small header and the parts --- */

static char *cache_path(const site *s, hash128 key)
{
	if (!s->cache_dir || hash_is_zero(key))
		return NULL;
	char *p = NULL;
	if (asprintf(&p, "%s/images/%016llx%016llx", s->cache_dir,
	    (unsigned long long)key.hi, (unsigned long long)key.lo) < 0)
		return NULL;
	return p;
}

static int read_cache(const char *path, made *m)
{
	*m = (made){0};
	if (!path)
		return -1;
	FILE *f = fd_fopen_nofollow(path, "r");
	if (!f)
		return -1;
	char head[sizeof CACHE_FORMAT];
	size_t np = 0;
	int ok = fread(head, 1, sizeof head - 1, f) == sizeof head - 1 &&
	    !memcmp(head, CACHE_FORMAT, sizeof head - 1) &&
	    fscanf(f, "%d\n", &m->nvar) == 1 && m->nvar >= 0 &&
	    m->nvar <= IMAGE_MAX_WIDTHS + 1;
	for (int i = 0; ok && i < m->nvar; i++)
		ok = fscanf(f, "%d %d\n", &m->vw[i], &m->vh[i]) == 2;
	ok = ok && fscanf(f, "%zu\n", &np) == 1 && np <= MAX_PARTS;
	for (size_t i = 0; ok && i < np; i++) {
		part *p = &m->parts[i];
		ok = fscanf(f, "%31s %zu", p->name, &p->len) == 2 &&
		    fgetc(f) == '\n' && p->len < SOURCE_MAX_FILE * 4u;
		if (!ok)
			break;
		/* g_malloc: made_free frees parts alike, whichever made them. */
		p->data = g_malloc(p->len + 1);
		m->nparts = i + 1;
		ok = fread(p->data, 1, p->len, f) == p->len;
	}
	fclose(f);
	if (!ok)
		made_free(m);
	return ok ? 0 : -1;
}

/* Written under a temporary name and renamed: a reader sees the old file
 * or the whole new one. A failure only loses the cache entry. */
static void write_cache(const char *path, const made *m, int worker)
{
	if (!path)
		return;
	buf b = BUF_INIT;
	buf_puts(&b, CACHE_FORMAT);
	buf_printf(&b, "%d\n", m->nvar);
	for (int i = 0; i < m->nvar; i++)
		buf_printf(&b, "%d %d\n", m->vw[i], m->vh[i]);
	buf_printf(&b, "%zu\n", m->nparts);
	char *tmp = NULL;
	if (asprintf(&tmp, "%s.%ld-%d.tmp", path, (long)getpid(), worker) < 0)
		tmp = NULL;
	int fd = tmp ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644) : -1;
	int ok = fd >= 0 && fd_write_all(fd, b.data, b.len) == 0;
	for (size_t i = 0; ok && i < m->nparts; i++) {
		char line[64];
		int n = snprintf(line, sizeof line, "%s %zu\n",
		    m->parts[i].name, m->parts[i].len);
		ok = fd_write_all(fd, line, (size_t)n) == 0 &&
		    fd_write_all(fd, m->parts[i].data, m->parts[i].len) == 0;
	}
	if (fd >= 0 && close(fd) != 0)
		ok = 0;
	if (tmp && (!ok || rename(tmp, path) != 0))
		unlink(tmp);
	free(tmp);
	buf_free(&b);
}

/* --- libvips --- */

/* The first line of libvips' error text, for a message's detail. */
static void vips_why(char *why, size_t n)
{
	char *e = vips_error_buffer_copy();
	size_t k = strcspn(e, "\n");
	snprintf(why, n, "%.*s", (int)(k < 200 ? k : 200), e);
	g_free(e);
}

/* libvips 8.14's webpsave ignores `strip` and writes EXIF and XMP chunks
 * (with GPS, when the photo had it): libwebpmux takes them out. */
static int webp_strip(void **data, size_t *len)
{
	WebPData in = {*data, *len}, out = {NULL, 0};
	WebPMux *mux = WebPMuxCreate(&in, 0);
	if (!mux)
		return -1;
	static const char *const chunks[] = {"EXIF", "XMP ", "ICCP"};
	for (size_t i = 0; i < 3; i++) {
		WebPMuxError e = WebPMuxDeleteChunk(mux, chunks[i]);
		if (e != WEBP_MUX_OK && e != WEBP_MUX_NOT_FOUND) {
			WebPMuxDelete(mux);
			return -1;
		}
	}
	int rc = WebPMuxAssemble(mux, &out) == WEBP_MUX_OK ? 0 : -1;
	WebPMuxDelete(mux);
	if (rc)
		return -1;
	g_free(*data);
	*data = g_memdup2(out.bytes, out.size);
	*len = out.size;
	WebPDataClear(&out);
	return 0;
}

static int save(VipsImage *im, const char *kind, int q, part *p)
{
	void *data = NULL;
	size_t len = 0;
	VipsImage *flat = NULL;
	int rc;
	if (!strcmp(kind, "jpg") && vips_image_hasalpha(im)) {
		VipsArrayDouble *white = vips_array_double_newv(3, 255.0,
		    255.0, 255.0);
		rc = vips_flatten(im, &flat, "background", white, NULL);
		vips_area_unref(VIPS_AREA(white));
		if (rc)
			return -1;
		im = flat;
	}
	if (!strcmp(kind, "webp"))
		rc = vips_webpsave_buffer(im, &data, &len, "Q", q, "strip",
		    TRUE, NULL) || webp_strip(&data, &len);
	else if (!strcmp(kind, "avif"))
		rc = vips_heifsave_buffer(im, &data, &len, "Q", q, "strip",
		    TRUE, "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
		    NULL);
	else if (!strcmp(kind, "png"))
		rc = vips_pngsave_buffer(im, &data, &len, "strip", TRUE,
		    "compression", 6, NULL);
	else
		rc = vips_jpegsave_buffer(im, &data, &len, "Q", q, "strip",
		    TRUE, "optimize_coding", TRUE, NULL);
	if (flat)
		g_object_unref(flat);
	p->data = data;
	p->len = len;
	return rc ? -1 : 0;
}

/* Every metadata block goes (EXIF with GPS, XMP, IPTC, ICC, comments):
 * the savers' strip option alone leaves EXIF and XMP in WebP with libvips
 * 8.14. Header fields (width, bands…) are not metadata and stay. */
static void strip_metadata(VipsImage *im)
{
	gchar **fields = vips_image_get_fields(im);
	for (int i = 0; fields[i]; i++)
		vips_image_remove(im, fields[i]);
	g_strfreev(fields);
}

static int is_our_loader(const char *loader)
{
	return loader && (strstr(loader, "Jpeg") || strstr(loader, "Png") ||
	    strstr(loader, "Webp"));
}

/* Decodes the picture upright, in 8-bit sRGB, into memory; the header
 * first, against the limits. 0, or -1 with *why (a translated sentence
 * and libvips' detail). */
static int decode(const char *data, size_t len, int need_w, int need_h,
    VipsImage **out, char *why, size_t whysz)
{
	const char *loader = vips_foreign_find_load_buffer(data, len);
	vips_error_clear();
	if (!is_our_loader(loader)) {
		snprintf(why, whysz, "%s", _("it is not a JPEG, PNG or WebP "
		    "picture (or it is damaged): save it as JPEG or PNG"));
		return -1;
	}
	VipsImage *hdr = vips_image_new_from_buffer(data, len, "", "access",
	    VIPS_ACCESS_SEQUENTIAL, NULL);
	if (!hdr) {
		char d[256];
		vips_why(d, sizeof d);
		snprintf(why, whysz, _("it cannot be read (%s): it is damaged; "
		    "save it again from a photo program"), d);
		return -1;
	}
	int w = vips_image_get_width(hdr), h = vips_image_get_height(hdr);
	int orient = 1;
	if (vips_image_get_typeof(hdr, VIPS_META_ORIENTATION))
		vips_image_get_int(hdr, VIPS_META_ORIENTATION, &orient);
	g_object_unref(hdr);
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
	    (double)w * h > IMAGE_MAX_PIXELS) {
		snprintf(why, whysz, _("it claims %d × %d pixels, more than the "
		    "limit of %d pixels a side and %u million in all: make it "
		    "smaller before adding it"), w, h, IMAGE_MAX_SIDE,
		    IMAGE_MAX_PIXELS / 1000000);
		return -1;
	}
	/* JPEG decodes at 1/2, 1/4 or 1/8 for free: the largest shrink that
	 * still leaves every width and the share crop at full detail. */
	int uw = orient >= 5 ? h : w, uh = orient >= 5 ? w : h, shrink = 1;
	while (strstr(loader, "Jpeg") && shrink < 8 &&
	    uw / (shrink * 2) >= need_w && uh / (shrink * 2) >= need_h)
		shrink *= 2;
	VipsImage *t[5] = {0};
	int rc = -1;
	if (strstr(loader, "Jpeg"))
		t[0] = vips_image_new_from_buffer(data, len, "", "fail_on",
		    VIPS_FAIL_ON_TRUNCATED, "shrink", shrink, NULL);
	else
		t[0] = vips_image_new_from_buffer(data, len, "", "fail_on",
		    VIPS_FAIL_ON_TRUNCATED, NULL);
	if (!t[0] || vips_autorot(t[0], &t[1], NULL))
		goto fail;
	VipsImage *cur = t[1];
	VipsInterpretation in = vips_image_guess_interpretation(cur);
	if (vips_image_get_typeof(cur, VIPS_META_ICC_NAME) &&
	    in != VIPS_INTERPRETATION_B_W && in != VIPS_INTERPRETATION_GREY16) {
		/* A damaged profile: fall back to the plain conversion. */
		if (vips_icc_transform(cur, &t[2], "srgb", "embedded", TRUE,
		    "intent", VIPS_INTENT_PERCEPTUAL, NULL) == 0)
			cur = t[2];
		else
			vips_error_clear();
	}
	in = vips_image_guess_interpretation(cur);
	if (in == VIPS_INTERPRETATION_GREY16) {
		if (vips_colourspace(cur, &t[3], VIPS_INTERPRETATION_B_W, NULL))
			goto fail;
		cur = t[3];
	} else if (in != VIPS_INTERPRETATION_sRGB &&
	    in != VIPS_INTERPRETATION_B_W) {
		if (vips_colourspace(cur, &t[3], VIPS_INTERPRETATION_sRGB, NULL))
			goto fail;
		cur = t[3];
	}
	if (vips_image_get_format(cur) != VIPS_FORMAT_UCHAR) {
		if (vips_cast_uchar(cur, &t[4], NULL))
			goto fail;
		cur = t[4];
	}
	/* Decodes now: a cut-short file fails here (fail_on). */
	*out = vips_image_copy_memory(cur);
	rc = *out ? 0 : -1;
	if (*out)
		strip_metadata(*out);
fail:
	if (rc) {
		char d[256];
		vips_why(d, sizeof d);
		snprintf(why, whysz, _("it cannot be read (%s): it is damaged "
		    "or cut short; save it again from a photo program"), d);
	}
	for (int i = 0; i < 5; i++)
		if (t[i])
			g_object_unref(t[i]);
	return rc;
}

/* A part named "-W.EXT" (a resized copy), or "crop" when w is 0. */
static part *add_part(made *m, int w, const char *ext)
{
	part *p = &m->parts[m->nparts++];
	*p = (part){0};
	if (w)
		snprintf(p->name, sizeof p->name, "-%d.%s", w, ext);
	else
		snprintf(p->name, sizeof p->name, "crop");
	return p;
}

/* The resized copies: every width narrower than the picture, and the
 * picture's own width when it is not wider than the widest. Each is made
 * from the next wider one (at most about 2:1, so nothing is lost), which
 * costs a fraction of resizing the whole picture every time. */
static int make_variants(VipsImage *mem, const img_settings *st,
    img_format f, made *m)
{
	int X = mem->Xsize, widths[IMAGE_MAX_WIDTHS + 1], n = 0, rc = 0;
	for (size_t i = 0; i < st->nwidths; i++)
		if (st->widths[i] < X)
			widths[n++] = st->widths[i];
	if (!st->nwidths || X <= st->widths[st->nwidths - 1])
		widths[n++] = X;
	VipsImage *r[IMAGE_MAX_WIDTHS + 1] = {0}, *from = mem;
	for (int i = n - 1; i >= 0 && !rc; i--) {
		VipsImage *t = NULL;
		if (widths[i] == from->Xsize)
			r[i] = g_object_ref(from);
		else if (vips_resize(from, &t, (double)widths[i] / from->Xsize,
		    NULL) == 0) {
			r[i] = vips_image_copy_memory(t);
			g_object_unref(t);
		}
		rc = r[i] ? 0 : -1;
		from = r[i];
	}
	for (int i = 0; i < n && !rc; i++) {
		m->vw[m->nvar] = r[i]->Xsize;
		m->vh[m->nvar++] = r[i]->Ysize;
		if (st->avif)
			rc |= save(r[i], "avif", st->quality, add_part(m,
			    widths[i], "avif"));
		if (f != IMG_WEBP)
			rc |= save(r[i], "webp", st->quality, add_part(m,
			    widths[i], "webp"));
		rc |= save(r[i], ext_of(f), st->quality, add_part(m, widths[i],
		    ext_of(f)));
	}
	for (int i = 0; i < n; i++)
		if (r[i])
			g_object_unref(r[i]);
	return rc;
}

/* 1200×630, centred on the focus or on what draws the eye (libvips'
 * attention crop), as JPEG. */
static int make_crop(VipsImage *mem, const img_crop *c, int q, part *p)
{
	double scale = fmax((IMAGE_SHARE_W + 0.5) / mem->Xsize,
	    (IMAGE_SHARE_H + 0.5) / mem->Ysize);
	VipsImage *r = NULL, *cut = NULL;
	int rc = -1;
	if (vips_resize(mem, &r, scale, NULL))
		return -1;
	if (c->focus) {
		int left = (int)(c->fx * r->Xsize) - IMAGE_SHARE_W / 2;
		int top = (int)(c->fy * r->Ysize) - IMAGE_SHARE_H / 2;
		left = left < 0 ? 0 : left > r->Xsize - IMAGE_SHARE_W ?
		    r->Xsize - IMAGE_SHARE_W : left;
		top = top < 0 ? 0 : top > r->Ysize - IMAGE_SHARE_H ?
		    r->Ysize - IMAGE_SHARE_H : top;
		rc = vips_extract_area(r, &cut, left, top, IMAGE_SHARE_W,
		    IMAGE_SHARE_H, NULL);
	} else {
		rc = vips_smartcrop(r, &cut, IMAGE_SHARE_W, IMAGE_SHARE_H,
		    "interesting", VIPS_INTERESTING_ATTENTION, NULL);
	}
	if (!rc)
		rc = save(cut, "jpg", q, p);
	if (cut)
		g_object_unref(cut);
	g_object_unref(r);
	return rc;
}

/* --- the jobs --- */

struct work {
	imageset *set;
	site *s;
	output *o;
	diag **held;
	hash128 program;
	size_t made, cached;
	pthread_mutex_t lock;
};

static hash128 image_key(const struct work *W, hash128 bytes, img_format f)
{
	if (hash_is_zero(W->program))
		return W->program;
	const img_settings *st = &W->set->set;
	hash_state *h = hash_begin();
	hash_add_hash(h, W->program);
	hash_add_str(h, CACHE_FORMAT);
	hash_add_str(h, vips_version_string());
	hash_add_hash(h, bytes);
	hash_add_u64(h, f);
	for (size_t i = 0; i < st->nwidths; i++)
		hash_add_u64(h, (uint64_t)st->widths[i]);
	hash_add_u64(h, (uint64_t)st->quality);
	hash_add_u64(h, (uint64_t)st->avif);
	return hash_end(h);
}

static hash128 crop_key(hash128 base, const img_crop *c)
{
	if (hash_is_zero(base))
		return base;
	hash_state *h = hash_begin();
	hash_add_hash(h, base);
	hash_add_str(h, "crop");
	hash_add_u64(h, (uint64_t)c->focus);
	hash_add_u64(h, (uint64_t)llround(c->fx * 10000));
	hash_add_u64(h, (uint64_t)llround(c->fy * 10000));
	return hash_end(h);
}

static void write_made(struct work *W, const image *img, const made *m,
    const char *orig, size_t orig_len, diag *d)
{
	for (size_t i = 0; i < m->nparts; i++) {
		char *path = NULL;
		if (asprintf(&path, "%s%s", img->stem, m->parts[i].name) < 0)
			abort();
		output_write(W->o, path, m->parts[i].data, m->parts[i].len, d);
		free(path);
	}
	/* The picture's own address: the widest copy in its own format. */
	if (W->set->set.publish_original) {
		output_write(W->o, img->out, orig, orig_len, d);
		return;
	}
	for (size_t i = m->nparts; i-- > 0;) {
		const char *dot = strrchr(m->parts[i].name, '.');
		if (dot && !strcmp(dot + 1, ext_of(img->fmt))) {
			output_write(W->o, img->out, m->parts[i].data,
			    m->parts[i].len, d);
			break;
		}
	}
}

static void work_one(void *ctx, size_t i, int worker)
{
	struct work *W = ctx;
	image *img = &W->set->imgs[i];
	const img_settings *st = &W->set->set;
	diag *d = W->held[i] = diag_new_held();
	arena *a = arena_new();
	const char *data;
	size_t len;
	VipsImage *mem = NULL;
	made m = {0};
	char *path = NULL;
	int fresh = 0;
	if (source_read(W->s->src, img->src, a, &data, &len, d) != 0)
		goto done;
	hash128 key = image_key(W, hash_bytes(data, len), img->fmt);
	path = cache_path(W->s, key);
	char why[512];
	int need_w = st->nwidths ? st->widths[st->nwidths - 1] : 1;
	if (need_w < IMAGE_SHARE_W)
		need_w = IMAGE_SHARE_W;
	if (read_cache(path, &m) != 0) {
		fresh = 1;
		if (decode(data, len, need_w, IMAGE_SHARE_H, &mem, why,
		    sizeof why) != 0)
			goto bad;
		if (make_variants(mem, st, img->fmt, &m) != 0) {
			vips_why(why, sizeof why);
			goto bad;
		}
		write_cache(path, &m, worker);
	}
	for (const img_crop *c = img->crops; c; c = c->next) {
		made cm = {0};
		char *cpath = cache_path(W->s, crop_key(key, c));
		int rc = read_cache(cpath, &cm);
		if (rc != 0) {
			fresh = 1;
			if (!mem && decode(data, len, need_w, IMAGE_SHARE_H,
			    &mem, why, sizeof why) != 0) {
				free(cpath);
				goto bad;
			}
			rc = make_crop(mem, c, st->quality, add_part(&cm, 0, ""));
			if (rc)
				vips_why(why, sizeof why);
			else
				write_cache(cpath, &cm, worker);
		}
		if (!rc)
			output_write(W->o, c->out, cm.parts[0].data,
			    cm.parts[0].len, d);
		made_free(&cm);
		free(cpath);
		if (rc)
			goto bad;
	}
	write_made(W, img, &m, data, len, d);
	img->nvar = m.nvar;
	memcpy(img->vw, m.vw, sizeof m.vw);
	memcpy(img->vh, m.vh, sizeof m.vh);
	img->ok = m.nvar > 0;
	pthread_mutex_lock(&W->lock);
	if (fresh)
		W->made++;
	else
		W->cached++;
	pthread_mutex_unlock(&W->lock);
	goto done;
bad:
	/* TRANSLATORS: %s is the picture's file, then why it failed. */
	diag_error(d, img->file, img->line, img->col, _("picture '%s' cannot "
	    "be published: %s"), img->src, why);
done:
	if (mem)
		g_object_unref(mem);
	made_free(&m);
	free(path);
	arena_free(a);
	vips_error_clear();
	vips_thread_shutdown();
}

int imagework_plugin_run(imageset *set, site *s, output *o,
    imagework_stats *st, diag *d)
{
	if (st)
		*st = (imagework_stats){0};
	if (!set->n)
		return 0;
	pthread_once(&vips_once, vips_start);
	if (!vips_ready) {
		diag_error(d, set->imgs[0].file, set->imgs[0].line,
		    set->imgs[0].col, _("the picture library libvips did not "
		    "start, so no picture can be published"));
		return -1;
	}
	if (s->cache_dir) {
		char *dir = NULL;
		if (asprintf(&dir, "%s/images", s->cache_dir) >= 0 &&
		    cachedir_make(dir) != 0) {
			free(dir);
			dir = NULL;
		}
		free(dir);
	}
	int errs = diag_errors(d);
	struct work W = {.set = set, .s = s, .o = o,
	    .program = hash_program()};
	W.held = calloc(set->n, sizeof *W.held);
	if (!W.held)
		abort();
	pthread_mutex_init(&W.lock, NULL);
	/* libgit2 reads one object at a time: a revision's pictures are read
	 * (and then made) on this thread. */
	pool_run(source_dir(s->src) ? s->threads : 1, set->n, work_one, &W);
	for (size_t i = 0; i < set->n; i++) {
		diag_replay(W.held[i], d);
		diag_free(W.held[i]);
	}
	pthread_mutex_destroy(&W.lock);
	free(W.held);
	if (st) {
		st->made = W.made;
		st->cached = W.cached;
	}
	return diag_errors(d) > errs ? -1 : 0;
}
