#include "linkrecord.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../core/buf.h"
#include "../core/record.h"
#include "../core/strmap.h"

#define MAGIC "saitti-links 1\n"

/* A file's kind, in its record. */
enum { PARSED = 1, HAS_IDS = 2 };

/* One file's place in the record. */
struct rec {
	hash128 key;
	uint64_t flags, nrefs, nids;
	const char *at;          /* its references, then its ids */
};

struct linkrecord {
	arena *a;
	void *map;
	size_t maplen;
	scan_url **urls;
	size_t nurls;
	const char **strs;       /* in the map */
	size_t nstrs;
	struct rec *recs;
	size_t nfiles;
	strmap *by_path;
};

void linkrecord_free(linkrecord *r)
{
	if (!r)
		return;
	if (r->map)
		munmap(r->map, r->maplen);
	strmap_free(r->by_path);
	free(r->urls);
	free(r->strs);
	free(r->recs);
	arena_free(r->a);
	free(r);
}

/* The body's tables into r; 0, or -1 when they do not hold together. */
static int read_body(linkrecord *r, record_cursor *c, size_t blen)
{
	hash128 prog = hash_program();
	uint64_t lo = record_u64(c), hi = record_u64(c);
	if (c->bad || lo != prog.lo || hi != prog.hi)
		return -1;
	/* Each entry takes at least 9 bytes: no count can be larger. */
	uint64_t nu = record_u64(c);
	if (c->bad || nu > blen / 9)
		return -1;
	r->urls = malloc((nu + 1) * sizeof *r->urls);
	if (!r->urls)
		abort();
	for (; r->nurls < nu; r->nurls++) {
		size_t n;
		const char *s = record_strn(c, &n);
		if (c->bad)
			return -1;
		scan_url *u = arena_alloc(r->a, sizeof *u + n + 1);
		memcpy(u->text, s, n + 1);
		r->urls[r->nurls] = u;
	}
	uint64_t ns = record_u64(c);
	if (c->bad || ns > blen / 9)
		return -1;
	r->strs = malloc((ns + 1) * sizeof *r->strs);
	if (!r->strs)
		abort();
	for (; r->nstrs < ns && !c->bad; r->nstrs++)
		r->strs[r->nstrs] = record_str(c);
	uint64_t nf = record_u64(c);
	if (c->bad || nf > blen / 48)
		return -1;
	r->recs = calloc(nf + 1, sizeof *r->recs);
	if (!r->recs)
		abort();
	for (; r->nfiles < nf; r->nfiles++) {
		struct rec *e = &r->recs[r->nfiles];
		uint64_t path = record_u64(c);
		e->key.lo = record_u64(c);
		e->key.hi = record_u64(c);
		e->flags = record_u64(c);
		e->nrefs = record_u64(c);
		e->nids = record_u64(c);
		size_t left = (size_t)(c->end - c->p);
		if (c->bad || path >= r->nstrs || e->nrefs > left / 16 ||
		    e->nids > (left - e->nrefs * 16) / 8)
			return -1;
		e->at = c->p;
		c->p += e->nrefs * 16 + e->nids * 8;
		strmap_set(r->by_path, r->strs[path], e);
	}
	return c->p == c->end ? 0 : -1;
}

linkrecord *linkrecord_read(const char *file)
{
	size_t blen;
	void *map;
	size_t maplen;
	const char *body = file ? record_file_map(file, MAGIC, &blen, &map,
	    &maplen) : NULL;
	if (!body)
		return NULL;
	linkrecord *r = calloc(1, sizeof *r);
	if (!r)
		abort();
	r->a = arena_new();
	r->map = map;
	r->maplen = maplen;
	r->by_path = strmap_new();
	record_cursor c = {body, body + blen, 0};
	if (read_body(r, &c, blen) != 0) {
		linkrecord_free(r);
		return NULL;
	}
	return r;
}

int linkrecord_take(const linkrecord *r, const char *path, hash128 key,
    scan_file *f, arena *a)
{
	const struct rec *e = r ? strmap_get(r->by_path, path) : NULL;
	if (!e || !hash_eq(e->key, key))
		return 0;
	record_cursor c = {e->at, e->at + e->nrefs * 16 + e->nids * 8, 0};
	scan_ref *refs = e->nrefs ? arena_alloc(a, e->nrefs * sizeof *refs) :
	    NULL;
	for (uint64_t i = 0; i < e->nrefs; i++) {
		uint64_t v = record_u64(&c), line = record_u64(&c);
		uint64_t url = v & 0xffffffffu, attr = v >> 32;
		if (url >= r->nurls || attr >= r->nstrs)
			return 0;
		scan_url *u = r->urls[url];
		refs[i] = (scan_ref){u->text, u, r->strs[attr], (int)line};
	}
	strmap *ids = e->flags & HAS_IDS ? strmap_new() : NULL;
	for (uint64_t i = 0; i < e->nids; i++) {
		uint64_t id = record_u64(&c);
		if (!ids || id >= r->nstrs) {
			strmap_free(ids);
			return 0;
		}
		strmap_set(ids, r->strs[id], (void *)1);
	}
	f->refs = refs;
	f->nrefs = f->cap = (size_t)e->nrefs;
	f->ids = ids;
	f->parsed = (e->flags & PARSED) != 0;
	f->key = key;
	return 1;
}

size_t linkrecord_files(const linkrecord *r)
{
	return r ? r->nfiles : 0;
}

scan_url **linkrecord_urls(const linkrecord *r, size_t *n)
{
	*n = r ? r->nurls : 0;
	return r ? r->urls : NULL;
}

/* ------------------------------------------------------------ writing */

/* The strings of one table, each once, numbered as met. */
struct table {
	strmap *index;           /* string → its number + 1 */
	const char **v;
	size_t n, cap;
};

static uint64_t number(struct table *t, const char *s)
{
	uintptr_t k = (uintptr_t)strmap_get(t->index, s);
	if (k)
		return k - 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->v = realloc(t->v, t->cap * sizeof *t->v);
		if (!t->v)
			abort();
	}
	t->v[t->n] = s;
	strmap_set(t->index, s, (void *)(uintptr_t)(t->n + 1));
	return t->n++;
}

static void put_table(buf *b, const struct table *t)
{
	record_put_u64(b, t->n);
	for (size_t i = 0; i < t->n; i++)
		record_put_str(b, t->v[i]);
}

void linkrecord_write(const char *file, const scan_file *files, size_t n)
{
	if (!file)
		return;
	struct table urls = {strmap_new(), NULL, 0, 0};
	struct table strs = {strmap_new(), NULL, 0, 0};
	buf per = BUF_INIT;       /* the files' part, after the tables */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		const scan_file *f = &files[i];
		if (hash_is_zero(f->key))
			continue;
		size_t nids = f->ids ? strmap_len(f->ids) : 0;
		const char **ids = nids ? malloc(nids * sizeof *ids) : NULL;
		if (nids && (!ids || strmap_keys(f->ids, ids, nids) != nids))
			abort();
		record_put_u64(&per, number(&strs, f->path));
		record_put_u64(&per, f->key.lo);
		record_put_u64(&per, f->key.hi);
		record_put_u64(&per, (f->parsed ? PARSED : 0) |
		    (f->ids ? HAS_IDS : 0));
		record_put_u64(&per, f->nrefs);
		record_put_u64(&per, nids);
		for (size_t k = 0; k < f->nrefs; k++) {
			const scan_ref *r = &f->refs[k];
			record_put_u64(&per, number(&urls, r->url) |
			    number(&strs, r->attr) << 32);
			record_put_u64(&per, (uint64_t)r->line);
		}
		for (size_t k = 0; k < nids; k++)
			record_put_u64(&per, number(&strs, ids[k]));
		free(ids);
		kept++;
	}
	buf b = BUF_INIT;
	hash128 prog = hash_program();
	record_put_u64(&b, prog.lo);
	record_put_u64(&b, prog.hi);
	put_table(&b, &urls);
	put_table(&b, &strs);
	record_put_u64(&b, kept);
	buf_put(&b, per.data ? per.data : "", per.len);
	buf_free(&per);
	strmap_free(urls.index);
	strmap_free(strs.index);
	free(urls.v);
	free(strs.v);

	record_file_write(file, MAGIC, b.data ? b.data : "", b.len);
	buf_free(&b);
}
