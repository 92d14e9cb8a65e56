#include "mdcache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/hash.h"

/* One lookup of a linked Markdown file and the URL it gave (NULL: none). */
struct resolve {
	const char *path, *url;
};

struct centry {
	hash128 key;
	const char *html, *summary_html, *summary_text;
	uint64_t words;
	md_link *links;
	size_t nlinks;
	struct resolve *res;
	size_t nres;
	int used;
};

struct mdcache {
	char *file;
	char *buf;             /* the file as read; old entries point in */
	struct centry *old;
	size_t nold;
	struct centry **table; /* old entries by key, open addressing */
	size_t cap;
	pthread_mutex_t lock;  /* guards what follows */
	struct centry **fresh; /* rendered by this build */
	size_t nfresh, capfresh;
	size_t hits, misses;
	arena *a;
};

#define MAGIC "saitti-mdcache 1\n"

/* ---- reading ---- */

struct cursor {
	char *p, *end;
	int bad;
};

static uint64_t get_u64(struct cursor *c)
{
	uint64_t v = 0;
	if ((size_t)(c->end - c->p) < 8) {
		c->bad = 1;
		return 0;
	}
	memcpy(&v, c->p, 8);
	c->p += 8;
	return v;
}

static const char *get_str(struct cursor *c)
{
	uint64_t n = get_u64(c);
	if (c->bad || n >= (uint64_t)(c->end - c->p) || c->p[n] != '\0') {
		c->bad = 1;
		return "";
	}
	const char *s = c->p;
	c->p += n + 1;
	return s;
}

static struct centry **slot(struct centry **table, size_t cap, hash128 key)
{
	size_t i = (size_t)key.lo & (cap - 1);
	while (table[i] && !hash_eq(table[i]->key, key))
		i = (i + 1) & (cap - 1);
	return &table[i];
}

/* Parses the whole file; on any inconsistency the cache starts empty. */
static void parse(mdcache *c, char *buf, size_t len)
{
	size_t ml = strlen(MAGIC);
	if (len < ml || memcmp(buf, MAGIC, ml) != 0)
		return;
	struct cursor cur = {buf + ml, buf + len, 0};
	uint64_t n = get_u64(&cur);
	if (cur.bad || n > len / 40)
		return;
	struct centry *es = calloc(n ? n : 1, sizeof *es);
	size_t cap = 64;
	while (cap < n * 2)
		cap *= 2;
	struct centry **table = calloc(cap, sizeof *table);
	if (!es || !table)
		goto bad;
	for (size_t i = 0; i < n && !cur.bad; i++) {
		struct centry *e = &es[i];
		e->key.lo = get_u64(&cur);
		e->key.hi = get_u64(&cur);
		e->words = get_u64(&cur);
		e->nlinks = get_u64(&cur);
		e->nres = get_u64(&cur);
		if (e->nlinks > len || e->nres > len) {
			cur.bad = 1;
			break;
		}
		e->html = get_str(&cur);
		e->summary_html = get_str(&cur);
		e->summary_text = get_str(&cur);
		e->links = calloc(e->nlinks ? e->nlinks : 1, sizeof *e->links);
		e->res = calloc(e->nres ? e->nres : 1, sizeof *e->res);
		if (!e->links || !e->res)
			goto bad;
		for (size_t k = 0; k < e->nlinks; k++) {
			e->links[k].target = get_str(&cur);
			e->links[k].url = get_str(&cur);
			e->links[k].line = (int)get_u64(&cur);
			e->links[k].col = (int)get_u64(&cur);
			e->links[k].is_image = (int)get_u64(&cur);
		}
		for (size_t k = 0; k < e->nres; k++) {
			e->res[k].path = get_str(&cur);
			int has = (int)get_u64(&cur);
			const char *url = get_str(&cur);
			e->res[k].url = has ? url : NULL;
		}
		/* Two documents may share a key (events of one list with no
		 * text): the first stands for both. */
		struct centry **s = slot(table, cap, e->key);
		if (!*s)
			*s = e;
	}
	if (cur.bad || cur.p != cur.end)
		goto bad;
	c->old = es;
	c->nold = n;
	c->table = table;
	c->cap = cap;
	return;
bad:
	for (size_t i = 0; es && i < n; i++) {
		free(es[i].links);
		free(es[i].res);
	}
	free(es);
	free(table);
}

mdcache *mdcache_open(const char *file)
{
	mdcache *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	pthread_mutex_init(&c->lock, NULL);
	c->a = arena_new();
	if (!file || hash_is_zero(hash_program()))
		return c;
	c->file = strdup(file);
	/* Read whole, at its exact size: it is the biggest allocation of a
	 * rebuild. */
	FILE *f = fopen(file, "rb");
	if (!f)
		return c;
	struct stat st;
	size_t len = 0;
	char *buf = NULL;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (buf = malloc((size_t)st.st_size)))
		len = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	if (buf)
		parse(c, buf, len);
	if (c->old)
		c->buf = buf;
	else
		free(buf);
	return c;
}

/* ---- rendering ---- */

static hash128 key_of(const char *file, const char *text, size_t len,
    int line_offset, const md_options *opt)
{
	hash_state *st = hash_begin();
	hash_add_hash(st, hash_program());
	hash_add_str(st, md_engine_version());
	hash_add_str(st, file);
	hash_add_u64(st, (uint64_t)(int64_t)line_offset);
	hash_add_u64(st, (uint64_t)opt->unsafe);
	hash_add_str(st, opt->link_base);
	hash_add(st, text, len);
	return hash_end(st);
}

/* The site's answers are the same as when the entry was made. */
static int still_valid(const struct centry *e, const md_options *opt)
{
	for (size_t k = 0; k < e->nres; k++) {
		const char *now = opt->resolve_md ?
		    opt->resolve_md(opt->resolve_ctx, e->res[k].path) : NULL;
		if ((now == NULL) != (e->res[k].url == NULL) ||
		    (now && strcmp(now, e->res[k].url) != 0))
			return 0;
	}
	return 1;
}

/* Wraps the site's resolver to record what it was asked. */
struct recorder {
	const md_options *opt;
	arena *a;
	struct resolve *res;
	size_t n, cap;
};

static const char *record(void *ctx, const char *path)
{
	struct recorder *r = ctx;
	const char *url = r->opt->resolve_md(r->opt->resolve_ctx, path);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		struct resolve *nr = arena_alloc(r->a, r->cap * sizeof *nr);
		if (r->n)
			memcpy(nr, r->res, r->n * sizeof *nr);
		r->res = nr;
	}
	r->res[r->n].path = arena_strdup(r->a, path);
	r->res[r->n++].url = url ? arena_strdup(r->a, url) : NULL;
	return url;
}

int mdcache_render(mdcache *c, arena *a, const char *file, const char *text,
    size_t len, int line_offset, const md_options *opt, md_result *out,
    diag *d)
{
	static const md_options none = {0};
	if (!opt)
		opt = &none;
	if (!c->file)
		return md_render(a, file, text, len, line_offset, opt, out, d);
	hash128 key = key_of(file, text, len, line_offset, opt);
	struct centry *e = c->table ? *slot(c->table, c->cap, key) : NULL;
	if (e && still_valid(e, opt)) {
		memset(out, 0, sizeof *out);
		out->html = e->html;
		out->summary_html = e->summary_html;
		out->summary_text = e->summary_text;
		out->words = (size_t)e->words;
		out->nlinks = e->nlinks;
		if (e->nlinks) {
			out->links = arena_alloc(a, e->nlinks * sizeof *out->links);
			memcpy(out->links, e->links, e->nlinks *
			    sizeof *out->links);
		}
		e->used = 1;   /* one document has this key: no race */
		pthread_mutex_lock(&c->lock);
		c->hits++;
		pthread_mutex_unlock(&c->lock);
		return 0;
	}
	struct recorder r = {opt, a, NULL, 0, 0};
	md_options ropt = *opt;
	if (opt->resolve_md) {
		ropt.resolve_md = record;
		ropt.resolve_ctx = &r;
	}
	int rc = md_render(a, file, text, len, line_offset, &ropt, out, d);
	pthread_mutex_lock(&c->lock);
	c->misses++;
	if (rc == 0 && !out->reported) {
		/* The strings stay in a (the build's worker arena) until
		 * mdcache_save, which runs before the site is freed. */
		struct centry *ne = arena_alloc(c->a, sizeof *ne);
		*ne = (struct centry){key, out->html, out->summary_html,
		    out->summary_text, out->words, out->links, out->nlinks,
		    r.res, r.n, 1};
		if (c->nfresh == c->capfresh) {
			c->capfresh = c->capfresh ? c->capfresh * 2 : 256;
			c->fresh = realloc(c->fresh, c->capfresh *
			    sizeof *c->fresh);
			if (!c->fresh)
				abort();
		}
		c->fresh[c->nfresh++] = ne;
	}
	pthread_mutex_unlock(&c->lock);
	return rc;
}

/* ---- writing ---- */

static void put_u64(FILE *f, uint64_t v)
{
	fwrite(&v, 8, 1, f);
}

static void put_str(FILE *f, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_u64(f, n);
	fwrite(s ? s : "", 1, n + 1, f);
}

static void put_entry(FILE *f, const struct centry *e)
{
	put_u64(f, e->key.lo);
	put_u64(f, e->key.hi);
	put_u64(f, e->words);
	put_u64(f, e->nlinks);
	put_u64(f, e->nres);
	put_str(f, e->html);
	put_str(f, e->summary_html);
	put_str(f, e->summary_text);
	for (size_t k = 0; k < e->nlinks; k++) {
		put_str(f, e->links[k].target);
		put_str(f, e->links[k].url);
		put_u64(f, (uint64_t)e->links[k].line);
		put_u64(f, (uint64_t)e->links[k].col);
		put_u64(f, (uint64_t)e->links[k].is_image);
	}
	for (size_t k = 0; k < e->nres; k++) {
		put_str(f, e->res[k].path);
		put_u64(f, e->res[k].url != NULL);
		put_str(f, e->res[k].url);
	}
}

void mdcache_save(mdcache *c)
{
	if (!c->file)
		return;
	size_t used = 0;
	for (size_t i = 0; i < c->nold; i++)
		used += c->old[i].used != 0;
	if (c->nfresh == 0 && used == c->nold)
		return;   /* the file already says exactly this */
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.new", c->file) >= sizeof tmp)
		return;
	FILE *f = fopen(tmp, "wb");
	if (!f)
		return;   /* a read-only cache folder: no cache, no harm */
	fputs(MAGIC, f);
	put_u64(f, used + c->nfresh);
	for (size_t i = 0; i < c->nold; i++)
		if (c->old[i].used)
			put_entry(f, &c->old[i]);
	for (size_t i = 0; i < c->nfresh; i++)
		put_entry(f, c->fresh[i]);
	int bad = ferror(f);
	if (fclose(f) != 0 || bad || rename(tmp, c->file) != 0)
		remove(tmp);
}

void mdcache_free(mdcache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nold; i++) {
		free(c->old[i].links);
		free(c->old[i].res);
	}
	free(c->old);
	free(c->table);
	free(c->buf);
	free(c->fresh);
	arena_free(c->a);
	pthread_mutex_destroy(&c->lock);
	free(c->file);
	free(c);
}

size_t mdcache_hits(const mdcache *c) { return c ? c->hits : 0; }
size_t mdcache_misses(const mdcache *c) { return c ? c->misses : 0; }
