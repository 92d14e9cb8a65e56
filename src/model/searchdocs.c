#include "searchdocs.h"

#include <stdlib.h>
#include <string.h>

#include "../core/pool.h"
#include "../core/xalloc.h"
#include "bodystore.h"
#include "event.h"
#include "mdcache.h"
#include "morph.h"
#include "post.h"

static int doc_cmp(const void *pa, const void *pb)
{
	const search_doc *a = pa, *b = pb;
	if (a->has_date != b->has_date)
		return b->has_date - a->has_date;
	if (a->has_date && a->date.epoch != b->date.epoch)
		return a->date.epoch > b->date.epoch ? -1 : 1;
	return strcmp(a->url, b->url);
}

static void post_doc(search_doc *d, const post *p, size_t item)
{
	*d = (search_doc){.kind = p->kind == PAGE_POST ? SEARCH_POST :
	    SEARCH_PAGE, .p = p, .title = p->title ? p->title : "",
	    .url = p->url, .section = p->section, .place = "", .item = item};
	if (p->kind == PAGE_POST && p->has_date) {
		d->date = p->date;
		d->has_date = 1;
	}
	d->summary = p->summary_text;
}

static void event_doc(search_doc *d, const event *e, size_t item)
{
	*d = (search_doc){.kind = SEARCH_EVENT, .e = e,
	    .title = e->title ? e->title : "", .url = e->url,
	    .date = e->start, .has_date = 1, .item = item,
	    .summary = e->md.summary_text};
}

/* Sorts n documents by doc_cmp as glibc's qsort does (a stable merge
 * sort, of pointers), merging the runs already in order: the posts come
 * newest first and the events oldest first (a run turned round), so a
 * site is a few runs: n and a few merges' comparisons, not n log n of
 * documents apart in memory. */
static void sort_docs(const search_doc **pv, size_t n)
{
	if (n < 2)
		return;
	const search_doc **tmp = xmalloc(n * sizeof *tmp);
	size_t *run = xmalloc((n + 1) * sizeof *run), nr = 0;
	for (size_t i = 0; i < n;) {
		size_t lo = i++;
		run[nr++] = lo;
		if (i < n && doc_cmp(pv[i - 1], pv[i]) > 0) {
			/* Strictly falling: turned round, still stable. */
			while (i < n && doc_cmp(pv[i - 1], pv[i]) > 0)
				i++;
			for (size_t a = lo, b = i - 1; a < b; a++, b--) {
				const search_doc *t = pv[a];
				pv[a] = pv[b];
				pv[b] = t;
			}
		} else {
			while (i < n && doc_cmp(pv[i - 1], pv[i]) <= 0)
				i++;
		}
	}
	run[nr] = n;
	while (nr > 1) {
		size_t k = 0;
		for (size_t r = 0; r < nr; r += 2) {
			size_t lo = run[r];
			if (r + 1 < nr) {
				size_t mid = run[r + 1], hi = run[r + 2];
				size_t i = lo, j = mid, o = lo;
				/* Equal ones: the left run's first (stable). */
				while (i < mid && j < hi)
					tmp[o++] = doc_cmp(pv[j], pv[i]) < 0 ?
					    pv[j++] : pv[i++];
				while (i < mid)
					tmp[o++] = pv[i++];
				while (j < hi)
					tmp[o++] = pv[j++];
				memcpy(pv + lo, tmp + lo, (hi - lo) * sizeof *pv);
			}
			run[k++] = lo;
		}
		run[k] = n;
		nr = k;
	}
	free(tmp);
	free(run);
}

void searchdocs_collect(search_index *ix, const site *s, search_doc *by_item)
{
	size_t items = s->nposts + s->npages + s->nevents, n = 0;
	/* Without by_item, the documents are made here first. */
	search_doc *raw = by_item ? NULL : xmalloc((items + 1) * sizeof *raw);
	search_doc *v = by_item ? by_item : raw, home;
	const search_doc **pv = xmalloc((items + 1) * sizeof *pv);
	for (size_t i = 0; i < s->nposts; i++) {
		if (!by_item)
			post_doc(&v[i], s->posts[i], i);
		pv[n++] = &v[i];
	}
	if (s->home) {
		post_doc(&home, s->home, items);
		pv[n++] = &home;
	}
	for (size_t i = s->nposts; i < s->nposts + s->npages; i++) {
		if (s->pages[i - s->nposts] == s->home)
			continue;
		if (!by_item)
			post_doc(&v[i], s->pages[i - s->nposts], i);
		pv[n++] = &v[i];
	}
	for (size_t i = s->nposts + s->npages; i < items; i++) {
		const event *e = s->events[i - s->nposts - s->npages];
		if (!by_item)
			event_doc(&v[i], e, i);
		const char *place = e->location ? e->location : "";
		if (e->region && *e->region)
			place = *place ? arena_printf(ix->a, "%s, %s", place,
			    e->region) : e->region;
		v[i].place = place;
		pv[n++] = &v[i];
	}
	sort_docs(pv, n);
	ix->docs = arena_alloc(ix->a, (n + 1) * sizeof *ix->docs);
	for (size_t i = 0; i < n; i++)
		ix->docs[i] = *pv[i];
	ix->ndocs = n;
	free(pv);
	free(raw);
}

/* The key's items: posts, then pages, then events, a digest each
 * (taken in parallel: the HTML of 10k posts is tens of megabytes). */
typedef struct keyer {
	const site *s;
	hash128 *h;
	search_doc *d;          /* by item, or NULL */
} keyer;

enum { KEY_BLOCK = 64 };

hash128 searchdocs_post_key(const post *p)
{
	hash_state *st = hash_begin();
	hash_add_str(st, p->url);
	hash_add_str(st, p->title);
	hash_add_str(st, p->section);
	hash_add_u64(st, (uint64_t)p->kind);
	hash_add_u64(st, (uint64_t)p->has_date);
	hash_add_u64(st, (uint64_t)p->date.epoch);
	mdcache_key_html(st, &p->md);
	mdcache_key_summary(st, &p->md);
	post_key_summary(st, p);
	for (size_t t = 0; t < p->ntags; t++)
		hash_add_str(st, p->tags[t]->name);
	return hash_end(st);
}

hash128 searchdocs_event_key(const event *e)
{
	hash_state *st = hash_begin();
	hash_add_str(st, e->url);
	hash_add_str(st, e->title);
	hash_add_str(st, e->location);
	hash_add_str(st, e->address);
	hash_add_str(st, e->region);
	hash_add_u64(st, (uint64_t)e->start.epoch);
	hash_add_u64(st, (uint64_t)e->start.has_time);
	hash_add_u64(st, (uint64_t)e->start.year << 16 |
	    (uint64_t)e->start.month << 8 | (uint64_t)e->start.day);
	mdcache_key_html(st, &e->md);
	mdcache_key_summary(st, &e->md);
	for (size_t t = 0; t < e->ntags; t++)
		hash_add_str(st, e->tags[t]->name);
	return hash_end(st);
}

/* The post of item i, or NULL for an event. */
static const post *item_post(const site *s, size_t i)
{
	return i < s->nposts ? s->posts[i] : i < s->nposts + s->npages ?
	    s->pages[i - s->nposts] : NULL;
}

size_t searchdocs_items(const site *s)
{
	return s->nposts + s->npages + s->nevents;
}

void searchdocs_item(const site *s, size_t i, hash128 *h, search_doc *d)
{
	if (i == searchdocs_items(s)) {
		/* The home page: its document is made by searchdocs_collect. */
		if (s->home)
			h[i] = searchdocs_post_key(s->home);
		return;
	}
	const post *p = item_post(s, i);
	if (p) {
		h[i] = searchdocs_post_key(p);
		if (d)
			post_doc(&d[i], p, i);
	} else {
		const event *e = s->events[i - s->nposts - s->npages];
		h[i] = searchdocs_event_key(e);
		if (d)
			event_doc(&d[i], e, i);
	}
}

static void key_block(void *ctx, size_t b, int worker_no)
{
	keyer *K = ctx;
	const site *s = K->s;
	size_t n = searchdocs_items(s);
	for (size_t i = b * KEY_BLOCK; i < n && i < (b + 1) * KEY_BLOCK;
	    i++) {
		searchdocs_item(s, i, K->h, K->d);
		bodystore_tick(s, i);   /* the key read the body */
	}
}

/* The key, from the digests of the documents (n + 1 of them). */
hash128 searchdocs_key_of(const site *s, const hash128 *h)
{
	size_t n = s->nposts + s->npages + s->nevents;
	hash_state *st = hash_begin();
	hash_add_hash(st, hash_program());
	hash_add_str(st, s->language);
	/* The analyser's files (its libraries among them): no version
	 * asked of a library a site's language does not load. */
	buf files = {0};
	morph_files(&files, s->language);
	hash_add(st, files.data ? files.data : "", files.len);
	buf_free(&files);
	hash_add_u64(st, s->nposts);
	hash_add_u64(st, s->npages);
	hash_add_u64(st, s->nevents);
	hash_add(st, h, (n + 1) * sizeof *h);
	/* The documents' section names as the page shows them. */
	for (size_t i = 0; i < s->nsections; i++) {
		hash_add_str(st, s->sections[i].name);
		hash_add_str(st, s->sections[i].title);
	}
	return hash_end(st);
}


hash128 searchdocs_key(const site *s, hash128 **items, search_doc **by_item)
{
	size_t n = s->nposts + s->npages + s->nevents;
	keyer K = {s, xcalloc(n + 1, sizeof *K.h),
	    by_item ? xcalloc(n + 1, sizeof *K.d) : NULL};
	searchdocs_item(s, n, K.h, K.d);
	pool_run(s->threads > 0 ? s->threads : 1, (n + KEY_BLOCK - 1) /
	    KEY_BLOCK, key_block, &K);
	bodystore_check(s);
	hash128 key = searchdocs_key_of(s, K.h);
	if (by_item)
		*by_item = K.d;
	if (items)
		*items = K.h;
	else
		free(K.h);
	return key;
}

