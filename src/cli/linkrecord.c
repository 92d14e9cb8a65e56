#include "linkrecord.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../core/buf.h"
#include "../core/record.h"
#include "../core/strmap.h"

#define MAGIC "saitti-links 2\n"

/* A file's kind, in its record. */
enum { PARSED = 1, HAS_IDS = 2 };

/* One file's place in the record. */
struct rec {
	hash128 key;
	uint64_t flags, nrefs, nids;
	const char *at;          /* its references */
	const char *ids, *end;   /* its ids, as strings */
};

struct linkrecord {
	arena *a;
	void *map;
	size_t maplen;
	scan_url **urls;
	size_t nurls;
	const char **attrs;      /* in the map */
	size_t nattrs;
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
	free(r->attrs);
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
	if (c->bad || nu > blen / 9 || nu >= UINT32_MAX)
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
	uint64_t na = record_u64(c);
	if (c->bad || na > blen / 9 || na >= UINT32_MAX)
		return -1;
	r->attrs = malloc((na + 1) * sizeof *r->attrs);
	if (!r->attrs)
		abort();
	for (; r->nattrs < na && !c->bad; r->nattrs++)
		r->attrs[r->nattrs] = record_str(c);
	uint64_t nf = record_u64(c);
	if (c->bad || nf > blen / 48)
		return -1;
	r->recs = calloc(nf + 1, sizeof *r->recs);
	if (!r->recs)
		abort();
	for (; r->nfiles < nf; r->nfiles++) {
		struct rec *e = &r->recs[r->nfiles];
		const char *path = record_str(c);
		e->key.lo = record_u64(c);
		e->key.hi = record_u64(c);
		e->flags = record_u64(c);
		e->nrefs = record_u64(c);
		e->nids = record_u64(c);
		if (c->bad || e->nrefs > (size_t)(c->end - c->p) / 16)
			return -1;
		e->at = c->p;
		c->p += e->nrefs * 16;
		e->ids = c->p;
		for (uint64_t k = 0; k < e->nids && !c->bad; k++)
			record_str(c);
		e->end = c->p;
		if (c->bad)
			return -1;
		strmap_set(r->by_path, path, e);
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
	record_cursor c = {e->at, e->at + e->nrefs * 16, 0};
	scan_ref *refs = e->nrefs ? arena_alloc(a, e->nrefs * sizeof *refs) :
	    NULL;
	for (uint64_t i = 0; i < e->nrefs; i++) {
		uint64_t v = record_u64(&c), line = record_u64(&c);
		uint64_t url = v & 0xffffffffu, attr = v >> 32;
		if (url >= r->nurls || attr >= r->nattrs)
			return 0;
		scan_url *u = r->urls[url];
		refs[i] = (scan_ref){u->text, u, r->attrs[attr], (int)line};
	}
	strmap *ids = e->flags & HAS_IDS ? strmap_new() : NULL;
	if (!ids && e->nids)
		return 0;
	c = (record_cursor){e->ids, e->end, 0};
	for (uint64_t i = 0; i < e->nids; i++)
		strmap_set(ids, record_str(&c), (void *)1);
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

/* The attributes' names, numbered as met: a few, most references' the
 * same pointer. */
struct attrs {
	const char *v[64];
	size_t n;
	size_t last;
};

/* attr's number, or -1 past the table's room. */
static long attr_number(struct attrs *t, const char *attr)
{
	if (t->n && t->v[t->last] == attr)
		return (long)t->last;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i] == attr || !strcmp(t->v[i], attr))
			return (long)(t->last = i);
	if (t->n == sizeof t->v / sizeof *t->v)
		return -1;
	t->v[t->n] = attr;
	return (long)(t->last = t->n++);
}

static void put_u64(char **p, uint64_t v)
{
	memcpy(*p, &v, 8);
	*p += 8;
}

void linkrecord_write(const char *file, const scan_file *files, size_t n)
{
	if (!file)
		return;
	/* The addresses are numbered by their entry (scan_url): no string
	 * is looked up. Every reference has one here (check's sink). */
	size_t nrefs = 0, room = 0;
	for (size_t i = 0; i < n; i++) {
		const scan_file *f = &files[i];
		if (hash_is_zero(f->key))
			continue;
		for (size_t k = 0; k < f->nrefs; k++) {
			if (!f->refs[k].u)
				return;
			f->refs[k].u->num = 0;
		}
		nrefs += f->nrefs;
		room += 6 * 8 + strlen(f->path) + 9;
	}
	scan_url **urls = malloc((nrefs + 1) * sizeof *urls);
	if (!urls)
		abort();
	size_t nurls = 0, kept = 0;
	struct attrs at = {{0}, 0, 0};
	buf per = BUF_INIT;       /* the files' part, after the tables */
	buf_grow(&per, room + nrefs * 16);
	int bad = 0;
	for (size_t i = 0; i < n && !bad; i++) {
		const scan_file *f = &files[i];
		if (hash_is_zero(f->key))
			continue;
		size_t nids = f->ids ? strmap_len(f->ids) : 0;
		const char **ids = nids ? malloc(nids * sizeof *ids) : NULL;
		if (nids && (!ids || strmap_keys(f->ids, ids, nids) != nids))
			abort();
		record_put_str(&per, f->path);
		record_put_u64(&per, f->key.lo);
		record_put_u64(&per, f->key.hi);
		record_put_u64(&per, (f->parsed ? PARSED : 0) |
		    (f->ids ? HAS_IDS : 0));
		record_put_u64(&per, f->nrefs);
		record_put_u64(&per, nids);
		buf_grow(&per, f->nrefs * 16);
		char *p = per.data + per.len;
		for (size_t k = 0; k < f->nrefs; k++) {
			const scan_ref *r = &f->refs[k];
			long a = attr_number(&at, r->attr);
			if (a < 0 || nurls >= UINT32_MAX - 1) {
				bad = 1;
				break;
			}
			if (!r->u->num) {
				urls[nurls] = r->u;
				r->u->num = (uint32_t)++nurls;
			}
			put_u64(&p, (uint64_t)(r->u->num - 1) |
			    (uint64_t)a << 32);
			put_u64(&p, (uint64_t)r->line);
		}
		per.len = (size_t)(p - per.data);
		for (size_t k = 0; k < nids; k++)
			record_put_str(&per, ids[k]);
		free(ids);
		kept++;
	}
	if (!bad) {
		buf b = BUF_INIT;
		hash128 prog = hash_program();
		record_put_u64(&b, prog.lo);
		record_put_u64(&b, prog.hi);
		record_put_u64(&b, nurls);
		for (size_t i = 0; i < nurls; i++)
			record_put_str(&b, urls[i]->text);
		record_put_u64(&b, at.n);
		for (size_t i = 0; i < at.n; i++)
			record_put_str(&b, at.v[i]);
		record_put_u64(&b, kept);
		buf_put(&b, per.data ? per.data : "", per.len);
		record_file_write(file, MAGIC, b.data ? b.data : "", b.len);
		buf_free(&b);
	}
	buf_free(&per);
	free(urls);
}
