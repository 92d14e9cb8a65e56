#include "histgraph.h"

#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/relpath.h"
#include "../core/strmap.h"

#define NONE UINT32_MAX

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	size_t c = *cap ? *cap * 2 : 64;
	while (c <= n)
		c *= 2;
	p = realloc(p, c * size);
	if (!p)
		abort();
	*cap = c;
	return p;
}

histgraph *histgraph_new(void)
{
	histgraph *g = calloc(1, sizeof *g);
	if (!g)
		abort();
	g->a = arena_new();
	g->intern = strmap_new();
	g->prefix = "";
	return g;
}

void histgraph_free(histgraph *g)
{
	if (!g)
		return;
	free(g->commits);
	free(g->parents);
	free(g->moves);
	free(g->strings);
	free(g->idtab);
	strmap_free(g->intern);
	arena_free(g->a);
	free(g);
}

uint32_t histgraph_find(const histgraph *g, const char *s)
{
	void *v = strmap_get(g->intern, s);
	return v ? (uint32_t)((uintptr_t)v - 1) : NONE;
}

uint32_t histgraph_intern(histgraph *g, const char *s)
{
	uint32_t i = histgraph_find(g, s);
	if (i != NONE)
		return i;
	g->strings = grow(g->strings, &g->capstrings, g->nstrings,
	    sizeof *g->strings);
	const char *copy = arena_strdup(g->a, s);
	g->strings[g->nstrings] = copy;
	strmap_set(g->intern, copy, (void *)(uintptr_t)(g->nstrings + 1));
	return (uint32_t)g->nstrings++;
}

size_t histgraph_add_commit(histgraph *g, const unsigned char id[20],
    int64_t time, const char *author, int flags)
{
	g->commits = grow(g->commits, &g->capcommits, g->ncommits,
	    sizeof *g->commits);
	hg_commit *c = &g->commits[g->ncommits];
	memset(c, 0, sizeof *c);
	memcpy(c->id, id, 20);
	c->time = time;
	c->author = histgraph_intern(g, author ? author : "");
	c->parents = (uint32_t)g->nparents;
	c->moves = (uint32_t)g->nmoves;
	c->flags = (uint8_t)flags;
	return g->ncommits++;
}

void histgraph_add_parent(histgraph *g, uint32_t parent)
{
	g->parents = grow(g->parents, &g->capparents, g->nparents,
	    sizeof *g->parents);
	g->parents[g->nparents++] = parent;
	g->commits[g->ncommits - 1].nparents++;
}

void histgraph_add_move(histgraph *g, int kind, const char *path,
    const char *from, int parent)
{
	g->moves = grow(g->moves, &g->capmoves, g->nmoves, sizeof *g->moves);
	hg_move *m = &g->moves[g->nmoves++];
	m->path = histgraph_intern(g, path);
	m->from = kind == HG_ADDED ? m->path :
	    histgraph_intern(g, from ? from : path);
	m->kind = (uint8_t)kind;
	m->parent = (uint8_t)parent;
	g->commits[g->ncommits - 1].nmoves++;
}

void histgraph_append(histgraph *g, const histgraph *old)
{
	uint32_t base = (uint32_t)g->ncommits;
	for (size_t i = 0; i < old->ncommits; i++) {
		const hg_commit *c = &old->commits[i];
		histgraph_add_commit(g, c->id, c->time,
		    old->strings[c->author], c->flags);
		for (uint32_t k = 0; k < c->nparents; k++)
			histgraph_add_parent(g,
			    base + old->parents[c->parents + k]);
		for (uint32_t k = 0; k < c->nmoves; k++) {
			const hg_move *m = &old->moves[c->moves + k];
			histgraph_add_move(g, m->kind, old->strings[m->path],
			    old->strings[m->from], m->parent);
		}
	}
}

/* ---- commits by id ------------------------------------------------- */

static size_t id_hash(const unsigned char *id)
{
	size_t h;
	memcpy(&h, id, sizeof h);
	return h;
}

long histgraph_lookup(histgraph *g, const unsigned char id[20])
{
	if (g->idn != g->ncommits) {
		/* (Re)build: a quarter empty at least. */
		size_t cap = 64;
		while (cap < g->ncommits * 2)
			cap *= 2;
		free(g->idtab);
		g->idtab = calloc(cap, sizeof *g->idtab);
		if (!g->idtab)
			abort();
		g->idcap = cap;
		for (size_t i = 0; i < g->ncommits; i++) {
			size_t h = id_hash(g->commits[i].id) & (cap - 1);
			while (g->idtab[h])
				h = (h + 1) & (cap - 1);
			g->idtab[h] = (uint32_t)i + 1;
		}
		g->idn = g->ncommits;
	}
	size_t h = id_hash(id) & (g->idcap - 1);
	for (; g->idtab[h]; h = (h + 1) & (g->idcap - 1))
		if (!memcmp(g->commits[g->idtab[h] - 1].id, id, 20))
			return (long)g->idtab[h] - 1;
	return -1;
}

/* ---- the replay ---------------------------------------------------- */

/* Files waiting at one commit: path index → the first of a list of
 * targets (linked through next[]). Open addressing; deletion shifts
 * entries back, so there are no tombstones. */
typedef struct pmap {
	uint32_t *keys;
	int32_t *heads;
	size_t cap, n;
} pmap;

static pmap *pmap_new(size_t want)
{
	pmap *m = calloc(1, sizeof *m);
	if (!m)
		abort();
	m->cap = 16;
	while (m->cap < want * 2)
		m->cap *= 2;
	m->keys = malloc(m->cap * sizeof *m->keys);
	m->heads = malloc(m->cap * sizeof *m->heads);
	if (!m->keys || !m->heads)
		abort();
	memset(m->keys, 0xff, m->cap * sizeof *m->keys);
	return m;
}

static void pmap_free(pmap *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->heads);
	free(m);
}

static size_t pmap_slot(const pmap *m, uint32_t key)
{
	size_t h = (key * 2654435761u) & (m->cap - 1);
	while (m->keys[h] != NONE && m->keys[h] != key)
		h = (h + 1) & (m->cap - 1);
	return h;
}

/* Adds the list `head` under key (after any list already there). */
static void pmap_put(pmap *m, uint32_t key, int32_t head, int32_t *next)
{
	if ((m->n + 1) * 4 > m->cap * 3) {
		pmap old = *m;
		m->cap *= 2;
		m->n = 0;
		m->keys = malloc(m->cap * sizeof *m->keys);
		m->heads = malloc(m->cap * sizeof *m->heads);
		if (!m->keys || !m->heads)
			abort();
		memset(m->keys, 0xff, m->cap * sizeof *m->keys);
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i] != NONE) {
				size_t h = pmap_slot(m, old.keys[i]);
				m->keys[h] = old.keys[i];
				m->heads[h] = old.heads[i];
				m->n++;
			}
		free(old.keys);
		free(old.heads);
	}
	size_t h = pmap_slot(m, key);
	if (m->keys[h] == NONE) {
		m->keys[h] = key;
		m->heads[h] = head;
		m->n++;
		return;
	}
	int32_t t = m->heads[h];
	while (next[t] >= 0)
		t = next[t];
	next[t] = head;
}

/* Removes key's list and returns its head, or -1. */
static int32_t pmap_take(pmap *m, uint32_t key)
{
	size_t h = pmap_slot(m, key);
	if (m->keys[h] == NONE)
		return -1;
	int32_t head = m->heads[h];
	m->keys[h] = NONE;
	m->n--;
	/* Shift back the entries of the run that follows. */
	size_t hole = h, i = (h + 1) & (m->cap - 1);
	while (m->keys[i] != NONE) {
		size_t want = (m->keys[i] * 2654435761u) & (m->cap - 1);
		if (((i - want) & (m->cap - 1)) >= ((i - hole) & (m->cap - 1))) {
			m->keys[hole] = m->keys[i];
			m->heads[hole] = m->heads[i];
			m->keys[i] = NONE;
			hole = i;
		}
		i = (i + 1) & (m->cap - 1);
	}
	return head;
}

/* Moves everything of src into *dst (the larger keeps its table). */
static void pmap_merge(pmap **dst, pmap *src, int32_t *next)
{
	if (!*dst) {
		*dst = src;
		return;
	}
	if (src->n > (*dst)->n) {
		pmap *t = *dst;
		*dst = src;
		src = t;
	}
	for (size_t i = 0; i < src->cap; i++)
		if (src->keys[i] != NONE)
			pmap_put(*dst, src->keys[i], src->heads[i], next);
	pmap_free(src);
}

struct routed {
	uint32_t from;
	int32_t head;
	uint8_t parent;
};

void histgraph_resolve(const histgraph *g, const char *const *paths,
    size_t n, hg_fact *facts)
{
	for (size_t i = 0; i < n; i++) {
		facts[i].first = facts[i].last = facts[i].shown = -1;
		facts[i].orig = paths[i];
		facts[i].cut = 0;
	}
	if (!n || !g->ncommits)
		return;
	int32_t *next = malloc(n * sizeof *next);
	pmap **pending = calloc(g->ncommits, sizeof *pending);
	struct routed *rt = NULL;
	size_t caprt = 0;
	if (!next || !pending)
		abort();
	/* Paths the graph never names get indices past its strings. */
	pending[0] = pmap_new(n);
	for (size_t i = 0; i < n; i++) {
		uint32_t id = histgraph_find(g, paths[i]);
		if (id == NONE)
			id = (uint32_t)(g->nstrings + i);
		next[i] = -1;
		pmap_put(pending[0], id, (int32_t)i, next);
	}
	size_t left = n;
	for (size_t ci = 0; ci < g->ncommits && left; ci++) {
		pmap *S = pending[ci];
		if (!S)
			continue;
		pending[ci] = NULL;
		const hg_commit *c = &g->commits[ci];
		if ((c->flags & HG_ROOT) || c->nparents == 0) {
			for (size_t i = 0; i < S->cap; i++) {
				if (S->keys[i] == NONE)
					continue;
				uint32_t k = S->keys[i];
				for (int32_t t = S->heads[i]; t >= 0; t = next[t]) {
					facts[t].first = (long)ci;
					if (facts[t].last < 0)
						facts[t].last = (long)ci;
					if (facts[t].shown < 0)
						facts[t].shown = (long)ci;
					facts[t].orig = k < g->nstrings ?
					    g->strings[k] : paths[k - g->nstrings];
					facts[t].cut = !!(c->flags & HG_CUT);
					left--;
				}
			}
			pmap_free(S);
			continue;
		}
		size_t nrt = 0;
		for (uint32_t k = 0; k < c->nmoves; k++) {
			const hg_move *m = &g->moves[c->moves + k];
			int32_t head = pmap_take(S, m->path);
			if (head < 0)
				continue;
			if (m->kind == HG_ADDED) {
				for (int32_t t = head; t >= 0; t = next[t]) {
					facts[t].first = (long)ci;
					if (facts[t].last < 0)
						facts[t].last = (long)ci;
					if (facts[t].shown < 0)
						facts[t].shown = (long)ci;
					facts[t].orig = g->strings[m->path];
					left--;
				}
				continue;
			}
			if (m->kind == HG_CHANGED || m->kind == HG_TOUCHED)
				for (int32_t t = head; t >= 0; t = next[t]) {
					if (facts[t].last < 0)
						facts[t].last = (long)ci;
					if (facts[t].shown < 0 &&
					    m->kind == HG_CHANGED)
						facts[t].shown = (long)ci;
				}
			rt = grow(rt, &caprt, nrt, sizeof *rt);
			rt[nrt].from = m->from;
			rt[nrt].head = head;
			rt[nrt].parent = m->parent < c->nparents ? m->parent : 0;
			nrt++;
		}
		/* Routed only now: a rename a→b next to c→a must not meet its
		 * own commit's moves again. */
		for (size_t r = 0; r < nrt; r++) {
			if (rt[r].parent == 0) {
				pmap_put(S, rt[r].from, rt[r].head, next);
				continue;
			}
			uint32_t p = g->parents[c->parents + rt[r].parent];
			if (!pending[p])
				pending[p] = pmap_new(4);
			pmap_put(pending[p], rt[r].from, rt[r].head, next);
		}
		if (S->n)
			pmap_merge(&pending[g->parents[c->parents]], S, next);
		else
			pmap_free(S);
	}
	for (size_t ci = 0; ci < g->ncommits; ci++)
		pmap_free(pending[ci]);
	free(pending);
	free(next);
	free(rt);
}

/* ---- the cache file ------------------------------------------------ */

/* 2: HG_TOUCHED (an old cache would count invisible edits as changes). */
static const char magic[] = "saitti-history 2\n";

static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211u;
	}
	return h;
}

static void put_u32(buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
	buf_put(b, (const char *)x, 4);
}

static void put_u64(buf *b, uint64_t v)
{
	put_u32(b, (uint32_t)v);
	put_u32(b, (uint32_t)(v >> 32));
}

static void put_hex(buf *b, const unsigned char id[20])
{
	static const char hex[] = "0123456789abcdef";
	int zero = 1;
	for (int i = 0; i < 20; i++)
		zero &= id[i] == 0;
	if (zero) {
		buf_putc(b, '-');
		return;
	}
	for (int i = 0; i < 20; i++) {
		buf_putc(b, hex[id[i] >> 4]);
		buf_putc(b, hex[id[i] & 15]);
	}
}

char *histgraph_encode(const histgraph *g, size_t *len)
{
	buf b = BUF_INIT;
	static const unsigned char none[20];
	buf_puts(&b, magic);
	buf_puts(&b, "head ");
	put_hex(&b, g->ncommits ? g->commits[0].id : none);
	buf_puts(&b, "\nfrom ");
	put_hex(&b, g->from);
	buf_printf(&b, "\nwalked %u\n\n", (unsigned)g->walked);
	size_t plen = strlen(g->prefix);
	put_u32(&b, (uint32_t)plen);
	buf_put(&b, g->prefix, plen);
	buf_put(&b, (const char *)g->shallow, 20);
	put_u32(&b, (uint32_t)g->nstrings);
	for (size_t i = 0; i < g->nstrings; i++) {
		size_t n = strlen(g->strings[i]);
		put_u32(&b, (uint32_t)n);
		buf_put(&b, g->strings[i], n);
	}
	put_u32(&b, (uint32_t)g->ncommits);
	for (size_t i = 0; i < g->ncommits; i++) {
		const hg_commit *c = &g->commits[i];
		buf_put(&b, (const char *)c->id, 20);
		put_u64(&b, (uint64_t)c->time);
		put_u32(&b, c->author);
		buf_putc(&b, (char)c->nparents);
		buf_putc(&b, (char)c->flags);
		put_u32(&b, c->nmoves);
		for (uint32_t k = 0; k < c->nparents; k++)
			put_u32(&b, g->parents[c->parents + k]);
		for (uint32_t k = 0; k < c->nmoves; k++) {
			const hg_move *m = &g->moves[c->moves + k];
			put_u32(&b, m->path);
			put_u32(&b, m->from);
			buf_putc(&b, (char)m->kind);
			buf_putc(&b, (char)m->parent);
		}
	}
	put_u64(&b, fnv1a(b.data, b.len));
	*len = b.len;
	return buf_detach(&b);
}

struct reader {
	const unsigned char *p, *end;
	int bad;
};

static int need(struct reader *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return 0;
	}
	return 1;
}

static uint32_t get_u32(struct reader *r)
{
	if (!need(r, 4))
		return 0;
	uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 |
	    (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static uint64_t get_u64(struct reader *r)
{
	uint64_t lo = get_u32(r);
	return lo | (uint64_t)get_u32(r) << 32;
}

static int get_byte(struct reader *r)
{
	if (!need(r, 1))
		return 0;
	return *r->p++;
}

static const unsigned char *get_bytes(struct reader *r, size_t n)
{
	if (!need(r, n))
		return NULL;
	const unsigned char *p = r->p;
	r->p += n;
	return p;
}

static int parse_hex(const char *s, size_t n, unsigned char id[20])
{
	memset(id, 0, 20);
	if (n == 1 && s[0] == '-')
		return 0;
	if (n != 40)
		return -1;
	for (int i = 0; i < 40; i++) {
		int c = s[i], v = c >= '0' && c <= '9' ? c - '0' :
		    c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (v < 0)
			return -1;
		id[i / 2] = (unsigned char)(i % 2 ? id[i / 2] | v : v << 4);
	}
	return 0;
}

/* "key value\n" at *p; the value's span in *v, *vn. */
static int header_line(const char **p, const char *end, const char *key,
    const char **v, size_t *vn)
{
	size_t k = strlen(key);
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	if (!nl || (size_t)(nl - *p) <= k || memcmp(*p, key, k) ||
	    (*p)[k] != ' ')
		return -1;
	*v = *p + k + 1;
	*vn = (size_t)(nl - *v);
	*p = nl + 1;
	return 0;
}

histgraph *histgraph_decode(const char *data, size_t len, const char **err)
{
	size_t ml = strlen(magic), vl = strlen("saitti-history ");
	if (len >= ml && !memcmp(data, magic, vl) && memcmp(data, magic, ml)) {
		*err = HISTGRAPH_OTHER_VERSION;
		return NULL;
	}
	if (len < ml || memcmp(data, magic, ml)) {
		*err = "not a saitti history cache (or another version)";
		return NULL;
	}
	if (len < ml + 8) {
		*err = "truncated";
		return NULL;
	}
	struct reader sum = {(const unsigned char *)data + len - 8,
	    (const unsigned char *)data + len, 0};
	if (get_u64(&sum) != fnv1a(data, len - 8)) {
		*err = "damaged or truncated (its checksum does not match)";
		return NULL;
	}
	const char *p = data + ml, *end = data + len - 8, *v;
	size_t vn;
	unsigned char head[20];
	histgraph *g = histgraph_new();
	*err = "damaged (its contents do not add up)";
	if (header_line(&p, end, "head", &v, &vn) || parse_hex(v, vn, head) ||
	    header_line(&p, end, "from", &v, &vn) ||
	    parse_hex(v, vn, g->from) ||
	    header_line(&p, end, "walked", &v, &vn) || p >= end || *p != '\n')
		goto bad;
	g->walked = (uint32_t)strtoul(v, NULL, 10);
	struct reader r = {(const unsigned char *)p + 1,
	    (const unsigned char *)end, 0};
	uint32_t plen = get_u32(&r);
	const unsigned char *pre = get_bytes(&r, plen);
	const unsigned char *sh = get_bytes(&r, 20);
	if (!pre || !sh || memchr(pre, '\0', plen))
		goto bad;
	g->prefix = arena_strndup(g->a, (const char *)pre, plen);
	memcpy(g->shallow, sh, 20);
	uint32_t ns = get_u32(&r);
	if (ns > (size_t)(r.end - r.p) / 4)
		goto bad;
	for (uint32_t i = 0; i < ns; i++) {
		uint32_t n = get_u32(&r);
		const unsigned char *s = get_bytes(&r, n);
		if (!s || memchr(s, '\0', n))
			goto bad;
		char *str = arena_strndup(g->a, (const char *)s, n);
		/* Two equal strings would be two paths that never meet. */
		if (histgraph_intern(g, str) != i)
			goto bad;
	}
	uint32_t nc = get_u32(&r);
	if (nc > (size_t)(r.end - r.p) / 38)
		goto bad;
	for (uint32_t i = 0; i < nc; i++) {
		const unsigned char *id = get_bytes(&r, 20);
		int64_t t = (int64_t)get_u64(&r);
		uint32_t author = get_u32(&r);
		int np = get_byte(&r), flags = get_byte(&r);
		uint32_t nm = get_u32(&r);
		if (r.bad || author >= ns || flags > (HG_ROOT | HG_CUT) ||
		    nm > (size_t)(r.end - r.p) / 10)
			goto bad;
		histgraph_add_commit(g, id, t, g->strings[author], flags);
		for (int k = 0; k < np; k++) {
			uint32_t par = get_u32(&r);
			if (r.bad || par <= i || par >= nc)
				goto bad;
			histgraph_add_parent(g, par);
		}
		for (uint32_t k = 0; k < nm; k++) {
			uint32_t path = get_u32(&r), from = get_u32(&r);
			int kind = get_byte(&r), parent = get_byte(&r);
			/* Paths from disk are checked like every cache's
			 * (core/relpath): one bad path drops the cache. */
			if (r.bad || path >= ns || from >= ns || kind > HG_TOUCHED ||
			    (kind != HG_ADDED && parent >= np) ||
			    !relpath_ok(g->strings[path]) ||
			    !relpath_ok(g->strings[from]))
				goto bad;
			histgraph_add_move(g, kind, g->strings[path],
			    g->strings[from], parent);
		}
	}
	if (r.p != r.end || (nc && memcmp(g->commits[0].id, head, 20)))
		goto bad;
	*err = NULL;
	return g;
bad:
	histgraph_free(g);
	return NULL;
}
