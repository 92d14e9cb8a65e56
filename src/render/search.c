#include "search.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/cachedir.h"
#include "../core/fdio.h"
#include "../core/pool.h"
#include "../model/bodystore.h"
#include "../core/strmap.h"
#include "../core/valhash.h"
#include "../model/searchdocs.h"
#include "../model/searchindex.h"
#include "../parse/utf8.h"
#include "../parse/slug.h"
#include "searchfiles.h"
#include "datefmt.h"
#include "escape.h"
#include "mustache.h"
#include "view.h"

const char *search_path(const site *s, const theme *th)
{
	if (!th->templates || !mustache_has(th->templates, "search"))
		return NULL;
	const char *p = val_as_str(val_map_get(val_map_get(s->config,
	    "paths"), "search"));
	if (!p)
		p = val_as_str(val_map_get(th->strings, "search_path"));
	/* A folder name as slugs are: anything else has no search. */
	if (!p || !*p || strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-")
	    != strlen(p))
		return NULL;
	return p;
}

void search_root(site *s, const theme *th, value *root)
{
	const char *p = search_path(s, th);
	value *sm = val_map_get(root, "site");
	if (p && sm)
		val_map_set(s->a, sm, "search_url", val_str_ref(s->a,
		    arena_printf(s->a, "%s%s/", s->base_path, p)));
}

void search_plan(plan *pl, site *s, const theme *th)
{
	const char *p = search_path(s, th);
	if (!p)
		return;
	arena *a = s->a;
	const char *dir = arena_printf(a, "%s/", p);
	const char *title = val_as_str(val_map_get(th->strings,
	    "search_title"));
	value *page = view_page(s, a, "search", title ? title : p, dir, NULL);
	val_map_set(a, page, "index_url", val_str_ref(a,
	    arena_printf(a, "%s%si/index.json", s->base_path, dir)));
	plan_page(pl, arena_printf(a, "%sindex.html", dir), "search", page);
}

/* ------------------------------------------------------------- writing */

typedef struct family family;

/* One file to write: a range of a family's keys (or of documents). */
typedef struct chunk {
	const family *F;         /* NULL: documents */
	size_t lo, hi;
	char prefix[4 * 16];     /* the prefix it holds, or "" for all */
	char name[2 * 4 * 16 + 16];   /* "t-6c61.json", "d-3.json" */
	const char *path;        /* "haku/i/t-6c61.json" */
	hash128 sum;             /* of its bytes */
	hash128 key;             /* what they are made of (output_keep) */
	int error;
} chunk;

/* A file of the last build, from the cache folder's search-files. */
typedef searchfiles_entry oldfile;

typedef struct writer {
	site *s;
	const theme *th;
	const search_index *ix;
	output *o;
	diag *d;
	const char *dir;         /* "haku/i/" */
	hash128 key;             /* searchindex_key */
	hash128 tkey;            /* the theme's strings, the sections */
	const hash128 *items;    /* each document's digest */
	strmap *kept;            /* paths the output kept already */
	strmap *old;             /* path → oldfile */
	buf *bufs;               /* one per worker */
	arena **arenas;          /* one per worker */
	chunk *chunks;
	size_t n, cap;
	const char **paths;      /* every file, for the next build */
	size_t npaths, cappaths;
	int errors;
} writer;

static hash128 path_key(hash128 k, const char *path)
{
	hash_state *st = hash_begin();
	hash_add_hash(st, k);
	hash_add_str(st, path);
	return hash_end(st);
}

static void remember(writer *W, const char *path)
{
	if (W->npaths == W->cappaths) {
		W->cappaths = W->cappaths ? W->cappaths * 2 : 256;
		W->paths = realloc(W->paths, W->cappaths * sizeof *W->paths);
		if (!W->paths)
			abort();
	}
	W->paths[W->npaths++] = path;
}

/* n bytes of s as escape_json writes them, faster: runs of characters
 * it keeps as they are (printable ASCII but " \ < > &, and two-byte
 * characters from U+00A0) are copied whole, and escape_json sees only
 * the other characters, one at a time. */
static void put_json(buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0;
	buf_grow(b, n);
	while (i < n) {
		unsigned c = u[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' &&
		    c != '<' && c != '>' && c != '&') {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF && i + 1 < n &&
		    (u[i + 1] & 0xC0) == 0x80 && (c > 0xC2 || u[i + 1] >= 0xA0)) {
			i += 2;
			continue;
		}
		buf_put(b, s + start, i - start);
		size_t k = 1;
		if (c >= 0x80) {
			unsigned cp;
			k = utf8_next(s + i, n - i, &cp);
		}
		escape_json(b, s + i, k);
		i += k;
		start = i;
	}
	buf_put(b, s + start, n - start);
}

static void put_str(buf *b, const char *s)
{
	buf_putc(b, '"');
	if (s)
		put_json(b, s, strlen(s));
	buf_putc(b, '"');
}

typedef size_t (*weigh_fn)(const writer *W, size_t i);
typedef const char *(*key_fn)(const writer *W, size_t i);
typedef void (*emit_fn)(const writer *W, buf *b, size_t i);

static const char *term_key(const writer *W, size_t i)
{
	return W->ix->terms[i].term;
}

static size_t term_weight(const writer *W, size_t i)
{
	return strlen(W->ix->terms[i].term) + 4 + W->ix->terms[i].n * 2;
}

static void term_emit(const writer *W, buf *b, size_t i)
{
	const search_term *t = &W->ix->terms[i];
	const uint32_t *pl = searchindex_postings(W->ix, i);
	put_str(b, t->term);
	buf_puts(b, ":\"");
	/* Each posting (gap << 3 | where) as a little-endian base-32 varint
	 * over the 64 URL-safe characters: 5 bits a character, the sixth bit
	 * says another follows. Most postings of a common term are one
	 * character. The longest: 7 characters. */
	static const char digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	buf_grow(b, t->n * 7);
	char *o = b->data + b->len;
	uint32_t prev = 0;
	for (size_t k = 0; k < t->n; k++) {
		uint32_t doc = pl[k] >> SEARCH_MASK_BITS;
		uint32_t where = pl[k] & ((1u << SEARCH_MASK_BITS) - 1);
		uint32_t x = ((doc - prev) << SEARCH_MASK_BITS) | where;
		while (x >= 32) {
			*o++ = digits[32 | (x & 31)];
			x >>= 5;
		}
		*o++ = digits[x];
		prev = doc;
	}
	b->len = (size_t)(o - b->data);
	b->data[b->len] = 0;
	buf_putc(b, '"');
}

static const char *word_key(const writer *W, size_t i)
{
	return W->ix->words[i].word;
}

static size_t word_weight(const writer *W, size_t i)
{
	return strlen(W->ix->words[i].word) +
	    strlen(W->ix->words[i].bases) + 6;
}

static void word_emit(const writer *W, buf *b, size_t i)
{
	const search_word *w = &W->ix->words[i];
	put_str(b, w->word);
	buf_putc(b, ':');
	size_t n = strlen(w->bases);
	while (n && w->bases[n - 1] == ' ')
		n--;
	buf_putc(b, '"');
	put_json(b, w->bases, n);
	buf_putc(b, '"');
}

struct family {
	char kind;
	key_fn key;
	weigh_fn weigh;
	emit_fn emit;
};

static chunk *new_chunk(writer *W)
{
	if (W->n == W->cap) {
		W->cap = W->cap ? W->cap * 2 : 256;
		W->chunks = realloc(W->chunks, W->cap * sizeof *W->chunks);
		if (!W->chunks)
			abort();
	}
	chunk *c = &W->chunks[W->n++];
	memset(c, 0, sizeof *c);
	return c;
}

/* Plans the chunk of keys [lo, hi) with their common prefix of plen
 * bytes; named by the prefix's bytes in hex. */
static void emit_chunk(writer *W, const family *F, size_t lo, size_t hi,
    size_t plen)
{
	chunk *c = new_chunk(W);
	c->F = F;
	c->lo = lo;
	c->hi = hi;
	memcpy(c->prefix, F->key(W, lo), plen);
	c->prefix[plen] = 0;
	int k = snprintf(c->name, sizeof c->name, "%c-", F->kind);
	for (size_t i = 0; i < plen; i++)
		k += snprintf(c->name + k, sizeof c->name - (size_t)k, "%02x",
		    (unsigned char)c->prefix[i]);
	snprintf(c->name + k, sizeof c->name - (size_t)k, ".json");
}

/* Keys [lo, hi) share their first plen bytes. Too heavy a range is split
 * by the next character; keys no longer than the prefix stay in a chunk
 * of the prefix itself. The browser reads a key from the chunk of its
 * longest listed prefix. */
static void split(writer *W, const family *F, size_t lo, size_t hi,
    size_t plen)
{
	size_t weight = 0;
	for (size_t i = lo; i < hi && weight <= SEARCH_CHUNK_BYTES; i++)
		weight += F->weigh(W, i);
	if (weight <= SEARCH_CHUNK_BYTES || plen + 4 >=
	    sizeof W->chunks->prefix) {
		emit_chunk(W, F, lo, hi, plen);
		return;
	}
	size_t i = lo;
	while (i < hi && strlen(F->key(W, i)) <= plen)
		i++;
	if (i > lo)
		emit_chunk(W, F, lo, i, plen);
	while (i < hi) {
		const char *k = F->key(W, i);
		size_t cl = 1;
		while (((unsigned char)k[plen + cl] & 0xC0) == 0x80)
			cl++;
		size_t j = i + 1;
		while (j < hi && !strncmp(F->key(W, j) + plen, k + plen, cl))
			j++;
		split(W, F, i, j, plen + cl);
		i = j;
	}
}

/* The prefixes of the chunks [from, to), as a list. */
static void chunk_map(writer *W, buf *out, size_t from, size_t to)
{
	buf_putc(out, '[');
	for (size_t i = from; i < to; i++) {
		if (i > from)
			buf_putc(out, ',');
		put_str(out, W->chunks[i].prefix);
	}
	buf_putc(out, ']');
}

static const char *section_title(const site *s, const char *name)
{
	for (size_t i = 0; i < s->nsections; i++)
		if (!strcmp(s->sections[i].name, name))
			return s->sections[i].title;
	return name;
}

/* Two dates the same to the second, in the same zone. */
static int same_date(const sdate *a, const sdate *b)
{
	return a->epoch == b->epoch && a->utcoff == b->utcoff &&
	    a->has_time == b->has_time && a->year == b->year &&
	    a->month == b->month && a->day == b->day && a->hour == b->hour &&
	    a->min == b->min && a->sec == b->sec && a->wday == b->wday;
}

static void docs_emit(const writer *W, buf *b, arena *a, size_t lo,
    size_t hi)
{
	buf_putc(b, '[');
	static const char *const kinds[] = {"post", "page", "event"};
	/* Neighbours often share a date: written once. */
	const search_doc *prev = NULL;
	char iso[16] = "";
	const char *text = "";
	for (size_t i = lo; i < hi; i++) {
		const search_doc *d = &W->ix->docs[i];
		if (!d->has_date) {
			iso[0] = 0;
			text = "";
			prev = NULL;
		} else if (!prev || prev->kind != d->kind ||
		    !same_date(&prev->date, &d->date)) {
			snprintf(iso, sizeof iso, "%04d-%02d-%02d",
			    d->date.year, d->date.month, d->date.day);
			text = datefmt_key(a, "short", &d->date,
			    W->th->strings);
			/* An event's time of day too, as its page writes it. */
			if (d->kind == SEARCH_EVENT && d->date.has_time)
				text = arena_printf(a, "%s %s", text,
				    datefmt_key(a, "time", &d->date,
				    W->th->strings));
			prev = d;
		}
		const char *sec = d->section ? section_title(W->s,
		    d->section) : d->kind == SEARCH_EVENT ?
		    val_as_str(val_map_get(W->th->strings, "events_title")) :
		    "";
		buf_puts(b, i > lo ? ",\n[" : "[");
		put_str(b, kinds[d->kind]);
		const char *f[] = {d->title, d->url, iso, text, sec,
		    d->place, searchindex_excerpt(a, d->summary)};
		for (size_t k = 0; k < sizeof f / sizeof *f; k++) {
			buf_putc(b, ',');
			put_str(b, f[k] ? f[k] : "");
		}
		buf_putc(b, ']');
	}
	buf_puts(b, "]\n");
}

/* What a chunk's bytes are made of, so that a rebuild writes only the
 * chunks whose bytes change. A chunk of documents: them and the theme's
 * strings only, so one document edited remakes one such file. A chunk of
 * terms: their postings (by their digests: a patched index has not made
 * the postings of the terms that did not change); of words: their base
 * forms (and the program, which writes them). */
static hash128 chunk_key(const writer *W, const chunk *c)
{
	hash_state *st = hash_begin();
	hash_add_str(st, c->path);
	if (!c->F) {
		hash_add_hash(st, W->tkey);
		for (size_t i = c->lo; i < c->hi; i++)
			hash_add_hash(st, W->items[W->ix->docs[i].item]);
		return hash_end(st);
	}
	hash_add_hash(st, hash_program());
	hash_add_u64(st, (uint64_t)c->F->kind);
	for (size_t i = c->lo; i < c->hi; i++) {
		if (c->F->kind == 't') {
			const search_term *t = &W->ix->terms[i];
			hash_add_str(st, t->term);
			hash_add_u64(st, t->n);
			hash_add_hash(st, t->sum);
		} else {
			hash_add_str(st, W->ix->words[i].word);
			hash_add_str(st, W->ix->words[i].bases);
		}
	}
	return hash_end(st);
}

/* Makes chunk i's bytes and writes them (unless the output kept them). */
static void write_chunk(void *ctx, size_t i, int worker)
{
	writer *W = ctx;
	chunk *c = &W->chunks[i];
	c->path = arena_printf(W->arenas[worker], "%s%s", W->dir, c->name);
	c->key = chunk_key(W, c);
	const oldfile *of = W->old ? strmap_get(W->old, c->path) : NULL;
	if (of && hash_eq(of->key, c->key) && !hash_is_zero(of->sum) &&
	    ((W->kept && strmap_get(W->kept, c->path)) ||
	    output_keep(W->o, c->path, c->key, W->d) == 1)) {
		c->sum = of->sum;
		return;
	}
	buf *b = &W->bufs[worker];
	buf_reset(b);
	if (c->F) {
		buf_putc(b, '{');
		for (size_t k = c->lo; k < c->hi; k++) {
			if (k > c->lo)
				buf_putc(b, ',');
			c->F->emit(W, b, k);
		}
		buf_puts(b, "}\n");
	} else {
		docs_emit(W, b, W->arenas[worker], c->lo, c->hi);
		/* The excerpts are the summaries' bytes (model/bodystore). */
		bodystore_check(W->s);
	}
	c->sum = hash_bytes(b->data ? b->data : "", b->len);
	if (W->kept && strmap_get(W->kept, c->path))
		return;
	if (output_write_keyed(W->o, c->path, c->key, b->data ? b->data : "",
	    b->len, W->d) != 0)
		c->error = 1;
}

/* The list of this build's files for the next (searchfiles.h): the
 * chunks, then the manifest (its sum is not needed). */
static void write_files(const char *file, const writer *W, hash128 mkey)
{
	if (!file)
		return;
	buf b = {0};
	searchfiles_begin(&b, W->key);
	for (size_t i = 0; i < W->n; i++)
		searchfiles_add(&b, W->paths[i], W->chunks[i].key,
		    W->chunks[i].sum);
	searchfiles_add(&b, W->paths[W->n], mkey, (hash128){0, 0});
	searchfiles_commit(&b, file);
}

/* What the documents' table is made of besides them: the program, the
 * theme's strings (dates, the events' section name) and the sections. */
static hash128 theme_key(const site *s, const theme *th)
{
	valhash *vh = valhash_new();
	hash_state *st = hash_begin();
	hash_add_hash(st, hash_program());
	hash_add_hash(st, valhash_of(vh, th->strings));
	for (size_t i = 0; i < s->nsections; i++) {
		hash_add_str(st, s->sections[i].name);
		hash_add_str(st, s->sections[i].title);
	}
	valhash_free(vh);
	return hash_end(st);
}

int search_has_last(const site *s)
{
	if (!s->cache_dir)
		return 0;
	char file[4096];
	int n = snprintf(file, sizeof file, "%s/search-files", s->cache_dir);
	return n > 0 && (size_t)n < sizeof file && access(file, F_OK) == 0;
}

long search_write(site *s, const theme *th, output *o, diag *d)
{
	return search_write_items(s, th, o, d, NULL, NULL);
}

long search_write_items(site *s, const theme *th, output *o, diag *d,
    hash128 *items, search_doc *by_item)
{
	const char *p = search_path(s, th);
	if (!p || !items || !by_item) {
		free(items);
		free(by_item);
		items = NULL;
		by_item = NULL;
		if (!p)
			return 0;
	}
	writer W = {.s = s, .th = th, .o = o, .d = d,
	    .dir = arena_printf(s->a, "%s/i/", p)};
	W.tkey = theme_key(s, th);
	const char *files = NULL;
	search_files sf = {0};
	if (s->cache_dir && cachedir_make(s->cache_dir) == 0) {
		files = arena_printf(s->a, "%s/search-files", s->cache_dir);
		sf.words = arena_printf(s->a, "%s/search-words", s->cache_dir);
		sf.docs = arena_printf(s->a, "%s/search-docs", s->cache_dir);
		sf.index = arena_printf(s->a, "%s/search-index", s->cache_dir);
	}
	const char **old = NULL;
	size_t nold = 0;
	hash128 was;
	W.old = strmap_new();
	int listed = searchfiles_read(files, &was, s->a, W.old, &old,
	    &nold) == 0;
	search_index *ix;
	if (listed) {
		/* Nothing indexed changed: the files stay as they are. */
		hash_state *ks = hash_begin();
		hash_add_hash(ks, items && by_item ? searchdocs_key_of(s,
		    items) : searchindex_key_docs(s, &items, &by_item));
		hash_add_hash(ks, W.tkey);
		W.key = hash_end(ks);
		W.items = items;
		if (nold && hash_eq(was, W.key)) {
			size_t kept = 0;
			W.kept = strmap_new();
			for (size_t i = 0; i < nold; i++) {
				const oldfile *of = strmap_get(W.old, old[i]);
				if (output_keep(o, old[i], of->key, d) == 1) {
					strmap_set(W.kept, old[i], (void *)1);
					kept++;
				}
			}
			if (kept == nold) {
				free(old);
				strmap_free(W.kept);
				strmap_free(W.old);
				free(items);
				free(by_item);
				return (long)nold;
			}
		}
		ix = searchindex_build(s, items, by_item, &sf, d);
	} else {
		/* No last index to compare with: the key is made as the
		 * documents are read. */
		free(items);
		free(by_item);
		by_item = NULL;
		hash128 k;
		ix = searchindex_build_key(s, &items, &k, &sf, d);
		hash_state *ks = hash_begin();
		hash_add_hash(ks, k);
		hash_add_hash(ks, W.tkey);
		W.key = hash_end(ks);
		W.items = items;
	}
	free(old);
	free(by_item);
	W.ix = ix;
	family terms = {'t', term_key, term_weight, term_emit};
	family surface = {'s', word_key, word_weight, word_emit};
	if (ix->nterms)
		split(&W, &terms, 0, ix->nterms, 0);
	size_t nt = W.n;
	if (ix->nwords)
		split(&W, &surface, 0, ix->nwords, 0);
	size_t ns = W.n;
	for (size_t i = 0; i < ix->ndocs; i += SEARCH_DOCS_PER_CHUNK) {
		chunk *c = new_chunk(&W);
		c->lo = i;
		c->hi = i + SEARCH_DOCS_PER_CHUNK < ix->ndocs ?
		    i + SEARCH_DOCS_PER_CHUNK : ix->ndocs;
		snprintf(c->name, sizeof c->name, "d-%zu.json",
		    i / SEARCH_DOCS_PER_CHUNK);
	}
	int threads = s->threads > 0 ? s->threads : 1;
	W.bufs = calloc((size_t)threads, sizeof *W.bufs);
	W.arenas = calloc((size_t)threads, sizeof *W.arenas);
	if (!W.bufs || !W.arenas)
		abort();
	for (int w = 0; w < threads; w++)
		W.arenas[w] = arena_new();
	pool_run(threads, W.n, write_chunk, &W);
	hash_state *version = hash_begin();
	for (size_t i = 0; i < W.n; i++) {
		hash_add_str(version, W.chunks[i].name);
		hash_add_hash(version, W.chunks[i].sum);
		remember(&W, W.chunks[i].path);
		W.errors += W.chunks[i].error;
	}
	buf man = {0};
	buf_puts(&man, ",\"t\":");
	chunk_map(&W, &man, 0, nt);
	buf_puts(&man, ",\"s\":");
	chunk_map(&W, &man, nt, ns);
	/* The manifest: a version that changes with any chunk (the page
	 * asks for chunks with ?v=VERSION, so no browser keeps an old one),
	 * and the prefixes there are chunks for. */
	hash128 v = hash_end(version);
	buf head = {0};
	buf_printf(&head, "{\"v\":1,\"version\":\"%016" PRIx64 "\",\"analyser\":",
	    (uint64_t)v.lo);
	put_str(&head, ix->analyser);
	buf_puts(&head, ",\"language\":");
	put_str(&head, s->language);
	buf_printf(&head, ",\"docs\":%zu,\"per\":%d", ix->ndocs,
	    SEARCH_DOCS_PER_CHUNK);
	buf_put(&head, man.data, man.len);
	buf_puts(&head, "}\n");
	buf_free(&man);
	man = head;
	const char *mpath = arena_printf(s->a, "%sindex.json", W.dir);
	remember(&W, mpath);
	hash128 mkey = path_key(W.key, mpath);
	if ((!W.kept || !strmap_get(W.kept, mpath)) &&
	    output_write_keyed(o, mpath, mkey, man.data, man.len, d) != 0)
		W.errors++;
	if (!W.errors)
		write_files(files, &W, mkey);
	long n = W.errors ? -1 : (long)W.npaths;
	buf_free(&man);
	for (int w = 0; w < threads; w++) {
		buf_free(&W.bufs[w]);
		arena_free(W.arenas[w]);
	}
	free(W.bufs);
	free(W.arenas);
	free(W.chunks);
	free(W.paths);
	if (W.kept)
		strmap_free(W.kept);
	strmap_free(W.old);
	free(items);
	searchindex_free(ix);
	return n;
}
