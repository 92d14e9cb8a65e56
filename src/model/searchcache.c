#include "searchcache.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xxhash.h>

#include "../core/fdio.h"
#include "../core/xalloc.h"
#include "wordsplit.h"

/* The header: the format (MAGIC, zero-padded), the program's digest, the
 * caller's, the checksum of everything after the header, then the
 * counts (NCOUNTS of them, in the order of struct counts). */
#define MAGIC "saitti-search-index 1\n"
enum { MAGIC_BYTES = 24, NCOUNTS = 8, HEAD = MAGIC_BYTES + 16 + 16 + 8 +
	NCOUNTS * 8, WORD_BYTES = 32, TERM_BYTES = 32 };

typedef struct counts {
	uint64_t ndocs, nwords, nsurface, nterms, ntw, wbytes, sbytes, npost;
} counts;

/* Where each table starts, from the counts. */
typedef struct layout {
	size_t items, words, surface, terms, order, tw, wblob, sblob, post, end;
} layout;

static size_t pad8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void lay_out(const counts *k, layout *l)
{
	l->items = HEAD;
	l->words = l->items + k->ndocs * 16;
	l->surface = l->words + k->nwords * WORD_BYTES;
	l->terms = l->surface + pad8(k->nsurface * 4);
	l->order = l->terms + k->nterms * TERM_BYTES;
	l->tw = l->order + pad8(k->nterms * 4);
	l->wblob = l->tw + pad8(k->ntw * 4);
	l->sblob = l->wblob + pad8(k->wbytes);
	l->post = l->sblob + pad8(k->sbytes);
	l->end = l->post + k->npost * 4;
}

static uint32_t u32_at(const char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static uint64_t u64_at(const char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* 0 when the map holds a whole file of this program made with env, its
 * tables in c. */
static int parse(searchcache *c, const char *m, size_t len, hash128 env)
{
	hash128 prog = hash_program();
	char magic[MAGIC_BYTES] = MAGIC;
	if (len < HEAD || hash_is_zero(prog) ||
	    memcmp(m, magic, MAGIC_BYTES) ||
	    u64_at(m + MAGIC_BYTES) != prog.lo ||
	    u64_at(m + MAGIC_BYTES + 8) != prog.hi ||
	    u64_at(m + MAGIC_BYTES + 16) != env.lo ||
	    u64_at(m + MAGIC_BYTES + 24) != env.hi)
		return -1;
	const char *h = m + MAGIC_BYTES + 40;
	counts k;
	uint64_t *kv = &k.ndocs;
	for (size_t i = 0; i < NCOUNTS; i++)
		kv[i] = u64_at(h + 8 * i);
	/* Each count bounded by the bytes before multiplying. */
	for (size_t i = 0; i < NCOUNTS; i++)
		if (kv[i] > len || kv[i] > UINT32_MAX)
			return -1;
	layout l;
	lay_out(&k, &l);
	if (l.end != len || u64_at(m + MAGIC_BYTES + 32) !=
	    XXH3_64bits(m + HEAD, len - HEAD))
		return -1;
	const char *wb = m + l.wblob, *sb = m + l.sblob;
	/* Every string ends inside its blob. */
	if ((k.wbytes && wb[k.wbytes - 1]) || (k.sbytes && sb[k.sbytes - 1]))
		return -1;
	c->ndocs = k.ndocs;
	c->items = (const hash128 *)(const void *)(m + l.items);
	c->words = xcalloc(k.nwords + 1, sizeof *c->words);
	c->nwords = k.nwords;
	const uint32_t *post = (const uint32_t *)(const void *)(m + l.post);
	for (size_t i = 0; i < k.nwords; i++) {
		const char *e = m + l.words + i * WORD_BYTES;
		uint64_t po = u64_at(e);
		uint32_t wo = u32_at(e + 8), wl = u32_at(e + 12),
		    n = u32_at(e + 20), bo = u32_at(e + 24),
		    pa = u32_at(e + 28);
		if (!wl || wo > k.wbytes || WORD_PADDED(wl) > k.wbytes - wo ||
		    wb[wo + wl] || bo >= k.sbytes || pa >= k.sbytes ||
		    po > k.npost || n > k.npost - po)
			return -1;
		c->words[i] = (sc_word){.word = wb + wo, .len = wl,
		    .hash = u32_at(e + 16), .bases = sb + bo,
		    .parts = sb + pa, .post = post + po, .n = n};
	}
	c->surface = (const uint32_t *)(const void *)(m + l.surface);
	c->nsurface = k.nsurface;
	for (size_t i = 0; i < k.nsurface; i++)
		if (c->surface[i] >= k.nwords)
			return -1;
	const uint32_t *tw = (const uint32_t *)(const void *)(m + l.tw);
	for (size_t i = 0; i < k.ntw; i++)
		if (tw[i] >= k.nwords)
			return -1;
	c->terms = xcalloc(k.nterms + 1, sizeof *c->terms);
	c->nterms = k.nterms;
	for (size_t i = 0; i < k.nterms; i++) {
		const char *e = m + l.terms + i * TERM_BYTES;
		uint32_t to = u32_at(e + 16), two = u32_at(e + 20),
		    nw = u32_at(e + 24);
		if (to >= k.sbytes || two > k.ntw || nw > k.ntw - two)
			return -1;
		c->terms[i] = (sc_term){.term = sb + to, .words = tw + two,
		    .nw = nw, .n = u32_at(e + 28),
		    .sum = {u64_at(e), u64_at(e + 8)}};
	}
	c->order = (const uint32_t *)(const void *)(m + l.order);
	for (size_t i = 0; i < k.nterms; i++)
		if (c->order[i] >= k.nterms)
			return -1;
	return 0;
}

searchcache *searchcache_read(const char *file, hash128 env)
{
	size_t len = 0;
	void *m = file ? fd_map_nofollow(file, &len) : NULL;
	if (!m)
		return NULL;
	searchcache *c = xcalloc(1, sizeof *c);
	c->map = m;
	c->maplen = len;
	c->env = env;
	if (parse(c, m, len, env) != 0) {
		searchcache_free(c);
		return NULL;
	}
	return c;
}

void searchcache_free(searchcache *c)
{
	if (!c)
		return;
	if (c->map)
		munmap(c->map, c->maplen);
	free(c->words);
	free(c->terms);
	free(c);
}

/* ------------------------------------------------------------ writing */

static void put32(char *p, uint32_t v)
{
	memcpy(p, &v, sizeof v);
}

static void put64(char *p, uint64_t v)
{
	memcpy(p, &v, sizeof v);
}

/* str into the blob at *at; its offset. */
static uint32_t put_str(char *blob, size_t *at, const char *str)
{
	size_t n = strlen(str) + 1;
	uint32_t off = (uint32_t)*at;
	memcpy(blob + *at, str, n);
	*at += n;
	return off;
}

/* The file's tables: everything up to the postings (malloc'ed), *head
 * bytes of it; the postings' count in *npost. NULL when there is more
 * than the file's numbers hold. */
static char *tables(const searchcache *c, size_t *head, size_t *npost)
{
	counts k = {.ndocs = c->ndocs, .nwords = c->nwords,
	    .nsurface = c->nsurface, .nterms = c->nterms};
	for (size_t i = 0; i < c->nwords; i++) {
		k.wbytes += WORD_PADDED(c->words[i].len);
		k.sbytes += strlen(c->words[i].bases) + 1 +
		    strlen(c->words[i].parts) + 1;
		k.npost += c->words[i].n;
	}
	for (size_t i = 0; i < c->nterms; i++) {
		k.sbytes += strlen(c->terms[i].term) + 1;
		k.ntw += c->terms[i].nw;
	}
	if (k.sbytes > UINT32_MAX || k.wbytes > UINT32_MAX ||
	    k.npost > UINT32_MAX || k.ntw > UINT32_MAX)
		return NULL;
	layout l;
	lay_out(&k, &l);
	char *m = xcalloc(l.post, 1);
	char magic[MAGIC_BYTES] = MAGIC;
	memcpy(m, magic, MAGIC_BYTES);
	hash128 prog = hash_program();
	put64(m + MAGIC_BYTES, prog.lo);
	put64(m + MAGIC_BYTES + 8, prog.hi);
	put64(m + MAGIC_BYTES + 16, c->env.lo);
	put64(m + MAGIC_BYTES + 24, c->env.hi);
	const uint64_t *kv = &k.ndocs;
	for (size_t i = 0; i < NCOUNTS; i++)
		put64(m + MAGIC_BYTES + 40 + 8 * i, kv[i]);
	if (c->ndocs)
		memcpy(m + l.items, c->items, c->ndocs * 16);
	size_t wat = 0, sat = 0, pat = 0, twat = 0;
	for (size_t i = 0; i < c->nwords; i++) {
		const sc_word *w = &c->words[i];
		char *e = m + l.words + i * WORD_BYTES;
		put64(e, pat);
		put32(e + 8, (uint32_t)wat);
		put32(e + 12, w->len);
		put32(e + 16, w->hash);
		put32(e + 20, w->n);
		put32(e + 24, put_str(m + l.sblob, &sat, w->bases));
		put32(e + 28, put_str(m + l.sblob, &sat, w->parts));
		memcpy(m + l.wblob + wat, w->word, w->len);   /* zeros after */
		wat += WORD_PADDED(w->len);
		pat += w->n;
	}
	if (c->nsurface)
		memcpy(m + l.surface, c->surface, c->nsurface * 4);
	for (size_t i = 0; i < c->nterms; i++) {
		const sc_term *t = &c->terms[i];
		char *e = m + l.terms + i * TERM_BYTES;
		put64(e, t->sum.lo);
		put64(e + 8, t->sum.hi);
		put32(e + 16, put_str(m + l.sblob, &sat, t->term));
		put32(e + 20, (uint32_t)twat);
		put32(e + 24, t->nw);
		put32(e + 28, t->n);
		if (t->nw)
			memcpy(m + l.tw + twat * 4, t->words, (size_t)t->nw * 4);
		twat += t->nw;
	}
	if (c->nterms)
		memcpy(m + l.order, c->order, c->nterms * 4);
	*head = l.post;
	*npost = k.npost;
	return m;
}

/* The words' postings, one run of lists that lie one after another in
 * memory (a patched cache's unchanged lists, in the last file's map) at
 * a time: fn(ctx, bytes, n). 0, or fn's -1. */
static int each_run(const searchcache *c, int (*fn)(void *, const void *,
    size_t), void *ctx)
{
	const uint32_t *run = NULL;
	size_t n = 0;
	for (size_t i = 0; i < c->nwords; i++) {
		const sc_word *w = &c->words[i];
		if (!w->n)
			continue;
		if (run && run + n == w->post) {
			n += w->n;
			continue;
		}
		if (n && fn(ctx, run, n * 4) != 0)
			return -1;
		run = w->post;
		n = w->n;
	}
	return n ? fn(ctx, run, n * 4) : 0;
}

static int add_run(void *ctx, const void *p, size_t n)
{
	XXH3_64bits_update(ctx, p, n);
	return 0;
}

static int write_run(void *ctx, const void *p, size_t n)
{
	return fd_write_all(*(int *)ctx, p, n);
}

int searchcache_write(const searchcache *c, const char *file)
{
	size_t head, npost;
	char *m = file && !hash_is_zero(hash_program()) ? tables(c, &head,
	    &npost) : NULL;
	if (!m)
		return -1;   /* a cache that cannot be kept costs only time */
	XXH3_state_t *x = XXH3_createState();
	if (!x)
		xalloc_fail();
	XXH3_64bits_reset(x);
	XXH3_64bits_update(x, m + HEAD, head - HEAD);
	each_run(c, add_run, x);
	put64(m + MAGIC_BYTES + 32, XXH3_64bits_digest(x));
	XXH3_freeState(x);
	int rc = -1;
	char *tmp = NULL;
	if (asprintf(&tmp, "%s.%ld.new", file, (long)getpid()) >= 0) {
		unlink(tmp);
		int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0644);
		if (fd >= 0) {
			int bad = fd_write_all(fd, m, head) ||
			    each_run(c, write_run, &fd);
			if (close(fd) == 0 && !bad && rename(tmp, file) == 0)
				rc = 0;
			else
				unlink(tmp);
		}
		free(tmp);
	}
	free(m);
	return rc;
}
