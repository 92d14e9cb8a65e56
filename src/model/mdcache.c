#include "mdcache.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/fdio.h"
#include "../core/hash.h"
#include "../core/record.h"
#include "../core/i18n.h"
#include "../core/seal.h"
#include "../core/xalloc.h"

/* The file is a header line, then entries, each appended whole by one
 * write(): key (16 bytes), the length of the rest (8), a checksum of the
 * rest (8; an entry whose bytes do not match it, damaged on disk even
 * at the same length, is rendered again and replaced), then words,
 * nlinks, nres and nwarn (8 each), the digests of the html and of the
 * summaries (16 each), html,
 * summary_html and summary_text,
 * the links (target, url, line, col, is_image), the lookups (path,
 * has_url, url) and the warnings (file, line, col, message). A string is its length (8), its bytes and a NUL; numbers are in
 * host order (the file never leaves this machine). Opening maps the file
 * and reads only the keys; an entry is parsed when a build asks for it. A
 * torn last entry (a crash during an append) is ignored. */
#define MAGIC "saitti-mdcache 6\n"
#define HEAD 32
/* An entry longer than this in the side file is not one this build
 * wrote (a Markdown file is at most LIMIT_TEXT_BYTES; its HTML, links and
 * warnings a few times that). */
#define MDCACHE_ENTRY_MAX ((uint64_t)64 << 20)
/* Fresh entries are gathered up to this many bytes before a write. */
#define SIDE_FLUSH ((size_t)256 << 10)

/* One lookup of a linked Markdown file and the URL it gave (NULL: none). */
struct resolve {
	const char *path, *url;
};

struct slot {
	hash128 key;
	size_t off, len;   /* the entry's body in the map */
	int used;
};

/* A warning the render gave, told again when the entry is used: a
 * document that has a warning costs no cmark run on a rebuild, and the
 * writer still hears of it every time. */
struct warning {
	const char *file, *msg;
	int line, col;
};

/* An entry found and parsed ahead (mdcache_find), in the cache's
 * arena. */
struct found {
	struct slot *s;
	md_result r;
	struct resolve *res;
	size_t nres;
	struct warning *warn;
	size_t nwarn;
};

/* What this build rendered, bound for the side file. */
struct fresh {
	hash128 key;
	md_result r;
	struct resolve *res;
	size_t nres;
	struct warning *warn;
	size_t nwarn;
};

struct mdcache {
	char *file;
	const char *map;       /* the file, mapped read-only */
	size_t maplen;
	struct slot *slots;    /* by key, open addressing */
	size_t cap, nold;
	int valid;             /* the map is a whole cache file of this
	                        * format: new entries may be appended */
	struct stat id;        /* the map's file as opened */
	int sealed;            /* ... is the one the last build left
	                        * (core/seal): its entries are not hashed */
	size_t total;          /* bytes of all its entries, superseded too */
	arena *found[MDCACHE_FINDERS];   /* each finder's (mdcache_find),
	                        * made at its first find */
	pthread_mutex_t lock;  /* guards what follows */
	/* What this build rendered goes to a side file (a cache
	 * file of its own: the header, then entries), not into memory:
	 * cmark's output of a whole site is hundreds of megabytes. Saving
	 * appends it to the file, or makes it the file. */
	int side;              /* -1 until the first fresh entry */
	off_t side_len;        /* bytes written to it */
	buf pending;           /* fresh entries not yet written to it:
	                        * one write() a SIDE_FLUSH, not one an
	                        * entry (10,000 in a first build) */
	int side_bad;          /* a write failed: nothing fresh is kept */
	char *side_path;
	size_t nfresh;
	/* Counted apart from the lock: every document of a rebuild is a
	 * hit, on all cores at once. */
	atomic_size_t hits, misses;
};

/* ---- reading ---- */

static struct slot *slot(const mdcache *c, hash128 key)
{
	size_t i = (size_t)key.lo & (c->cap - 1);
	while (c->slots[i].len && !hash_eq(c->slots[i].key, key))
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

/* Reads the keys; an entry that runs past the end (a torn append) ends
 * the scan. Of two entries with one key the later stands: it was
 * appended when the earlier no longer held (a linked page moved). */
static void scan(mdcache *c)
{
	size_t ml = strlen(MAGIC);
	if (c->maplen < ml || memcmp(c->map, MAGIC, ml) != 0)
		return;
	/* One pass over the file: each entry's head is a cache miss (they
	 * are kilobytes apart), so the heads are read once, into a list,
	 * and the table made from that. */
	size_t n = 0, cap = 0, off = ml;
	struct slot *all = NULL;
	while (c->maplen - off >= HEAD) {
		uint64_t len;
		memcpy(&len, c->map + off + 16, 8);
		if (len == 0 || len > c->maplen - off - HEAD)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			all = realloc(all, cap * sizeof *all);
			if (!all)
				abort();
		}
		all[n] = (struct slot){.off = off + HEAD, .len = (size_t)len};
		memcpy(&all[n++].key, c->map + off, 16);
		off += HEAD + len;
	}
	c->cap = 64;
	while (c->cap < n * 2)
		c->cap *= 2;
	c->slots = xcalloc_written(c->cap, sizeof *c->slots);
	for (size_t i = 0; i < n; i++) {
		*slot(c, all[i].key) = all[i];
		c->total += HEAD + all[i].len;
	}
	free(all);
	c->nold = n;
	/* After a torn tail, appends would not be found: rewrite instead. */
	c->valid = off == c->maplen;
}

mdcache *mdcache_open(const char *file)
{
	mdcache *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	pthread_mutex_init(&c->lock, NULL);
	c->side = -1;
	if (!file || hash_is_zero(hash_program()))
		return c;
	c->file = strdup(file);
	c->map = fd_map_nofollow_stat(file, &c->maplen, &c->id);
	if (c->map) {
		scan(c);
		c->sealed = c->valid && seal_holds(file, &c->id);
	}
	return c;
}

/* The entry's bytes are the ones its checksum names. */
static int entry_whole(const mdcache *c, const struct slot *s)
{
	if (c->sealed)
		return 1;
	uint64_t sum;
	memcpy(&sum, c->map + s->off - 8, 8);
	return hash_bytes(c->map + s->off, s->len).lo == sum;
}

/* The same file, unchanged: device, inode, size and time. */
static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Every entry a lookup can find holds its checksum (or the seal vouches
 * for them all). */
static int all_whole(const mdcache *c)
{
	if (c->sealed)
		return 1;
	if (!c->valid)
		return 0;
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].len && !entry_whole(c, &c->slots[i]))
			return 0;
	return 1;
}

/* Parses the entry at s into out (links copied into a) and *res; 0, or -1
 * when it is damaged. */
static int parse_entry(const mdcache *c, const struct slot *s, arena *a,
    md_result *out, struct resolve **res, size_t *nres,
    struct warning **warn, size_t *nwarn)
{
	record_cursor cur = {c->map + s->off, c->map + s->off + s->len, 0};
	memset(out, 0, sizeof *out);
	if (!entry_whole(c, s))
		return -1;
	out->words = (size_t)record_u64(&cur);
	uint64_t nl = record_u64(&cur), nr = record_u64(&cur), nw = record_u64(&cur);
	if (cur.bad || nl > s->len / 34 || nr > s->len / 25 ||
	    nw > s->len / 34)
		return -1;
	out->html_sum.lo = record_u64(&cur);
	out->html_sum.hi = record_u64(&cur);
	out->summary_sum.lo = record_u64(&cur);
	out->summary_sum.hi = record_u64(&cur);
	out->html = record_strn(&cur, &out->html_len);
	out->summary_html = record_strn(&cur, &out->summary_html_len);
	out->summary_text = record_strn(&cur, &out->summary_text_len);
	out->nlinks = (size_t)nl;
	if (nl)
		out->links = arena_alloc(a, nl * sizeof *out->links);
	for (size_t k = 0; k < nl; k++) {
		out->links[k].target = record_str(&cur);
		out->links[k].url = record_str(&cur);
		out->links[k].line = (int)record_u64(&cur);
		out->links[k].col = (int)record_u64(&cur);
		out->links[k].is_image = (int)record_u64(&cur);
	}
	*nres = (size_t)nr;
	*res = nr ? arena_alloc(a, nr * sizeof **res) : NULL;
	for (size_t k = 0; k < nr; k++) {
		(*res)[k].path = record_str(&cur);
		int has = (int)record_u64(&cur);
		const char *url = record_str(&cur);
		(*res)[k].url = has ? url : NULL;
	}
	*nwarn = (size_t)nw;
	*warn = nw ? arena_alloc(a, nw * sizeof **warn) : NULL;
	for (size_t k = 0; k < nw; k++) {
		(*warn)[k].file = record_str(&cur);
		(*warn)[k].line = (int)record_u64(&cur);
		(*warn)[k].col = (int)record_u64(&cur);
		(*warn)[k].msg = record_str(&cur);
	}
	return cur.bad || cur.p != cur.end ? -1 : 0;
}

/* ---- rendering ---- */

static void put_entry(buf *b, const struct fresh *f);

/* The side file, made at the first fresh entry (with c->lock held); 0,
 * or -1 when it cannot be. Named after the process and a count, so that
 * builds at the same time, or one after another in `saitti serve`, each
 * have their own. */
static int side_open(mdcache *c)
{
	static atomic_uint made;
	if (c->side >= 0)
		return 0;
	if (c->side_bad || !c->file)
		return -1;
	char *path;
	if (asprintf(&path, "%s.%ld.%u.new", c->file, (long)getpid(),
	    made++) < 0)
		return -1;
	unlink(path);
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0 || fd_write_all(fd, MAGIC, strlen(MAGIC)) != 0) {
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		return -1;
	}
	c->side = fd;
	c->side_path = path;
	c->side_len = (off_t)strlen(MAGIC);
	return 0;
}

/* Closes the side file and removes it (after it was renamed, the name
 * is gone already). */
static void side_drop(mdcache *c)
{
	if (c->side < 0)
		return;
	close(c->side);
	unlink(c->side_path);
	free(c->side_path);
	c->side = -1;
	c->side_path = NULL;
}

/* Writes the gathered entries to the side file (c->lock held, or no
 * other thread running). */
static void side_flush(mdcache *c)
{
	if (c->pending.len && (side_open(c) != 0 ||
	    fd_write_all(c->side, c->pending.data, c->pending.len) != 0))
		c->side_bad = 1;
	else
		c->side_len += (off_t)c->pending.len;
	buf_reset(&c->pending);
}

/* The text enters by its digest (sum): a body the parse cache kept is
 * found without its bytes. */
static hash128 key_of(const char *file, hash128 sum, int line_offset,
    const md_options *opt)
{
	hash_state *st = hash_begin();
	hash_add_hash(st, hash_program());
	hash_add_str(st, md_engine_version());
	/* Warnings are kept in the language of the messages. */
	hash_add_str(st, i18n_language());
	hash_add_str(st, file);
	hash_add_u64(st, (uint64_t)(int64_t)line_offset);
	hash_add_u64(st, (uint64_t)opt->unsafe);
	for (const char *const *h = opt->iframe_hosts; h && *h; h++)
		hash_add_str(st, *h);
	hash_add_str(st, opt->link_base);
	hash_add_hash(st, sum);
	return hash_end(st);
}

/* The site's answers are the same as when the entry was made. */
static int still_valid(const struct resolve *res, size_t n,
    const md_options *opt)
{
	for (size_t k = 0; k < n; k++) {
		const char *now = opt->resolve_md ?
		    opt->resolve_md(opt->resolve_ctx, res[k].path) : NULL;
		if ((now == NULL) != (res[k].url == NULL) ||
		    (now && strcmp(now, res[k].url) != 0))
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

/* Collects a held render's warnings into f (in a). */
struct collect {
	arena *a;
	struct warning *w;
	size_t n;
};

static void collect_one(void *ctx, int error, const char *file, int line,
    int col, const char *msg)
{
	struct collect *c = ctx;
	if (error)
		return;
	c->w[c->n++] = (struct warning){arena_strdup(c->a, file ? file : ""),
	    arena_strdup(c->a, msg), line, col};
}

static void count(mdcache *c, int hit)
{
	atomic_fetch_add_explicit(hit ? &c->hits : &c->misses, 1,
	    memory_order_relaxed);
}

/* The digests keys take instead of reading the strings again. */
static void set_sums(md_result *r)
{
	r->html_sum = r->html ? hash_bytes(r->html, r->html_len) :
	    (hash128){0, 0};
	hash_state *st = hash_begin();
	hash_add_str(st, r->summary_html);
	hash_add_str(st, r->summary_text);
	r->summary_sum = hash_end(st);
}

void mdcache_key_html(hash_state *st, const md_result *r)
{
	if (!hash_is_zero(r->html_sum)) {
		hash_add_u64(st, 1);
		hash_add_hash(st, r->html_sum);
	} else {
		hash_add_u64(st, 2);
		hash_add_str(st, r->html);
	}
}

void mdcache_key_summary(hash_state *st, const md_result *r)
{
	if (!hash_is_zero(r->summary_sum)) {
		hash_add_u64(st, 1);
		hash_add_hash(st, r->summary_sum);
	} else {
		hash_add_u64(st, 2);
		hash_add_str(st, r->summary_html);
		hash_add_str(st, r->summary_text);
	}
}

/* The parsed entry f as a result, when the site's answers still hold: 0
 * (its warnings told to d), else -1 (nothing told). */
static int take(mdcache *c, const struct found *f, const md_options *opt,
    md_result *out, diag *d)
{
	if (!still_valid(f->res, f->nres, opt))
		return -1;
	/* One document has this key, or documents with one key are alike
	 * (events of one list without text): no harmful race. */
	f->s->used = 1;
	count(c, 1);
	for (size_t k = 0; k < f->nwarn; k++)
		diag_warn(d, *f->warn[k].file ? f->warn[k].file : NULL,
		    f->warn[k].line, f->warn[k].col, "%s", f->warn[k].msg);
	*out = f->r;
	out->reported = f->nwarn > 0;
	return 0;
}

void mdcache_find(mdcache *c, int finder, const char *file, hash128 sum,
    int line_offset, const md_options *opt, mdcache_hint *h)
{
	h->key = (hash128){0, 0};
	h->entry = NULL;
	if (!c->file || !c->slots || hash_is_zero(sum))
		return;
	h->key = key_of(file, sum, line_offset, opt);
	struct slot *s = slot(c, h->key);
	if (!s->len)
		return;
	/* The map and the table are only read here: a finder's arena is
	 * all it writes. */
	arena **a = &c->found[finder > 0];
	if (!*a)
		*a = arena_new();
	struct found *f = arena_alloc(*a, sizeof *f);
	f->s = s;
	/* Parsed now, while the checksum's pass has the entry at hand. */
	if (parse_entry(c, s, *a, &f->r, &f->res, &f->nres,
	    &f->warn, &f->nwarn) == 0)
		h->entry = f;
}

int mdcache_take(mdcache *c, const mdcache_hint *h, const md_options *opt,
    md_result *out, diag *d)
{
	const struct found *f = h->entry;
	/* Saved since: the table is gone. */
	if (!f || !c->slots)
		return -1;
	return take(c, f, opt, out, d);
}

size_t mdcache_entries(const mdcache *c)
{
	return c && c->file ? c->nold : 0;
}

int mdcache_render(mdcache *c, arena *a, const char *file, const char *text,
    size_t len, int line_offset, const md_options *opt, md_result *out,
    diag *d)
{
	return mdcache_render_sum(c, a, file, text, len, (hash128){0, 0},
	    line_offset, opt, out, d);
}

int mdcache_render_sum(mdcache *c, arena *a, const char *file,
    const char *text, size_t len, hash128 sum, int line_offset,
    const md_options *opt, md_result *out, diag *d)
{
	static const md_options none = {0};
	if (!opt)
		opt = &none;
	if (!text && (!c->file || hash_is_zero(sum)))
		return MDCACHE_NO_TEXT;
	if (!c->file) {
		int rc = md_render(a, file, text, len, line_offset, opt, out,
		    d);
		if (rc == 0)
			set_sums(out);
		return rc;
	}
	if (hash_is_zero(sum))
		sum = hash_bytes(text, len);
	hash128 key = key_of(file, sum, line_offset, opt);
	struct slot *s = c->slots ? slot(c, key) : NULL;
	struct found e = {s, {0}, NULL, 0, NULL, 0};
	if (s && s->len && parse_entry(c, s, a, &e.r, &e.res, &e.nres,
	    &e.warn, &e.nwarn) == 0 && take(c, &e, opt, out, d) == 0)
		return 0;
	if (!text)
		return MDCACHE_NO_TEXT;
	struct recorder r = {opt, a, NULL, 0, 0};
	md_options ropt = *opt;
	if (opt->resolve_md) {
		ropt.resolve_md = record;
		ropt.resolve_ctx = &r;
	}
	diag *held = diag_new_held();
	int rc = md_render(a, file, text, len, line_offset, &ropt, out, held);
	count(c, 0);
	int errors = diag_errors(held);
	struct collect w = {a, NULL, 0};
	if (rc == 0 && !errors && diag_warnings(held)) {
		w.w = arena_alloc(a, (size_t)diag_warnings(held) * sizeof *w.w);
		diag_each(held, collect_one, &w);
	}
	diag_replay(held, d);
	diag_free(held);
	if (rc != 0 || errors)
		return rc;
	set_sums(out);
	/* Written now, so that the result's strings may go (a's are a
	 * document's scratch). */
	struct fresh f = {key, *out, r.res, r.n, w.w, w.n};
	buf b = BUF_INIT;
	put_entry(&b, &f);
	pthread_mutex_lock(&c->lock);
	if (!c->side_bad) {
		buf_put(&c->pending, b.data, b.len);
		c->nfresh++;
		if (c->pending.len >= SIDE_FLUSH)
			side_flush(c);
	}
	pthread_mutex_unlock(&c->lock);
	buf_free(&b);
	return rc;
}

/* ---- writing ---- */

/* One whole entry of f into b. */
static void put_entry(buf *b, const struct fresh *f)
{
	size_t start = b->len;
	record_put_u64(b, f->key.lo);
	record_put_u64(b, f->key.hi);
	record_put_u64(b, 0);   /* the length, filled in below */
	record_put_u64(b, 0);   /* the checksum, too */
	record_put_u64(b, f->r.words);
	record_put_u64(b, f->r.nlinks);
	record_put_u64(b, f->nres);
	record_put_u64(b, f->nwarn);
	record_put_u64(b, f->r.html_sum.lo);
	record_put_u64(b, f->r.html_sum.hi);
	record_put_u64(b, f->r.summary_sum.lo);
	record_put_u64(b, f->r.summary_sum.hi);
	record_put_str(b, f->r.html);
	record_put_str(b, f->r.summary_html);
	record_put_str(b, f->r.summary_text);
	for (size_t k = 0; k < f->r.nlinks; k++) {
		record_put_str(b, f->r.links[k].target);
		record_put_str(b, f->r.links[k].url);
		record_put_u64(b, (uint64_t)f->r.links[k].line);
		record_put_u64(b, (uint64_t)f->r.links[k].col);
		record_put_u64(b, (uint64_t)f->r.links[k].is_image);
	}
	for (size_t k = 0; k < f->nres; k++) {
		record_put_str(b, f->res[k].path);
		record_put_u64(b, f->res[k].url != NULL);
		record_put_str(b, f->res[k].url);
	}
	for (size_t k = 0; k < f->nwarn; k++) {
		record_put_str(b, f->warn[k].file);
		record_put_u64(b, (uint64_t)f->warn[k].line);
		record_put_u64(b, (uint64_t)f->warn[k].col);
		record_put_str(b, f->warn[k].msg);
	}
	uint64_t len = b->len - start - HEAD;
	memcpy(b->data + start + 16, &len, 8);
	uint64_t sum = hash_bytes(b->data + start + HEAD, (size_t)len).lo;
	memcpy(b->data + start + 24, &sum, 8);
}

/* Rewrites the file with the fresh entries and the used ones, when the
 * dead entries outweigh the live: the side file, which holds the fresh
 * already, gets the used ones after them and is renamed over the file.
 * Which comes first does not matter: a key used from the file was not
 * rendered again. */
static void compact(mdcache *c)
{
	if (side_open(c) != 0)
		return;
	/* The side file as written, or it is not made the file (the
	 * seal below vouches for every byte of it). */
	struct stat st;
	int bad = c->side_bad || fstat(c->side, &st) != 0 ||
	    st.st_size != c->side_len;
	for (size_t i = 0; !bad && i < c->cap; i++) {
		const struct slot *s = &c->slots[i];
		if (s->len && s->used)
			bad = fd_write_all(c->side, c->map + s->off - HEAD,
			    s->len + HEAD);
	}
	/* Its entries are fresh or were checked when used: the file this
	 * makes is sealed as it stands. */
	int have = !bad && seal_mark(c->side, &st) == 0;
	int closed = close(c->side);
	c->side = -1;
	if (closed != 0 || bad || rename(c->side_path, c->file) != 0)
		unlink(c->side_path);
	else if (!have || seal_write(c->file, &st) != 0)
		seal_drop(c->file);
	free(c->side_path);
	c->side_path = NULL;
}

static void save_entries(mdcache *c);

/* Once saved, the lookup table is not needed: the documents' strings
 * live where the build put them and in the file's map (kept until
 * mdcache_free). */
void mdcache_save(mdcache *c)
{
	if (!c->file)
		return;
	side_flush(c);
	buf_free(&c->pending);
	save_entries(c);
	side_drop(c);
	c->nfresh = 0;
	free(c->slots);
	c->slots = NULL;
	c->cap = 0;
	/* Saved once: later renders go uncached, a second save does nothing. */
	free(c->file);
	c->file = NULL;
}

/* Appends the side file's entries to the file, one write() each: another
 * build appending at the same time cannot interleave inside one. */
static void append_side(mdcache *c)
{
	int fd = open(c->file, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;   /* a read-only cache folder: no cache, no harm */
	/* Sealed again only when the file is still the one this build
	 * opened, all of it known good, and only this build appends. */
	struct stat st;
	int seal = fstat(fd, &st) == 0 && same_file(&st, &c->id) &&
	    all_whole(c);
	off_t want = seal ? st.st_size : 0;
	buf b = BUF_INIT;
	off_t at = (off_t)strlen(MAGIC);
	for (size_t i = 0; i < c->nfresh; i++) {
		char head[HEAD];
		uint64_t len;
		if (pread(c->side, head, HEAD, at) != HEAD)
			break;
		memcpy(&len, head + 16, 8);
		if (len == 0 || len > MDCACHE_ENTRY_MAX)
			break;
		buf_reset(&b);
		buf_grow(&b, HEAD + (size_t)len);
		if (pread(c->side, b.data, HEAD + (size_t)len, at) !=
		    (ssize_t)(HEAD + len) ||
		    fd_write_all(fd, b.data, HEAD + (size_t)len) != 0) {
			seal = 0;
			break;
		}
		at += (off_t)(HEAD + len);
		want += (off_t)(HEAD + len);
	}
	buf_free(&b);
	if (!seal || seal_mark(fd, &st) != 0 || st.st_size != want ||
	    seal_write(c->file, &st) != 0)
		seal_drop(c->file);
	close(fd);
}

static void save_entries(mdcache *c)
{
	size_t live = 0;
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].len && c->slots[i].used)
			live += HEAD + c->slots[i].len;
	/* Entries not used by this build, superseded or of documents gone,
	 * are dead weight: when they outweigh the live ones, rewrite. */
	if (!c->side_bad && (!c->valid || c->total - live > live)) {
		compact(c);
		return;
	}
	/* After a failed write the side file may end in a torn entry: what
	 * it holds is rendered again next time. */
	if (c->side_bad) {
		seal_drop(c->file);
		return;
	}
	if (c->nfresh == 0) {
		/* Unchanged: a file no seal vouched for is checked whole,
		 * once, and sealed. */
		struct stat st;
		if (!c->sealed && c->map && lstat(c->file, &st) == 0 &&
		    same_file(&st, &c->id) && all_whole(c))
			seal_write(c->file, &st);
		return;
	}
	append_side(c);
}

void mdcache_release(const mdcache *c)
{
	/* The map is read-only and private: no page of it was ever
	 * written, so dropping them loses nothing. */
	if (c && c->map)
		madvise((void *)c->map, c->maplen, MADV_DONTNEED);
}

int mdcache_owns(const mdcache *c, const void *p)
{
	return c && c->map && (const char *)p >= c->map &&
	    (const char *)p < c->map + c->maplen;
}

void mdcache_free(mdcache *c)
{
	if (!c)
		return;
	if (c->map)
		munmap((void *)c->map, c->maplen);
	for (int i = 0; i < MDCACHE_FINDERS; i++)
		arena_free(c->found[i]);
	free(c->slots);
	side_drop(c);
	buf_free(&c->pending);
	pthread_mutex_destroy(&c->lock);
	free(c->file);
	free(c);
}

size_t mdcache_hits(const mdcache *c)
{
	return c ? atomic_load(&c->hits) : 0;
}

size_t mdcache_misses(const mdcache *c)
{
	return c ? atomic_load(&c->misses) : 0;
}
