#include "parsecache.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/fdio.h"
#include "../core/hash.h"
#include "../core/record.h"
#include "../core/i18n.h"
#include "../core/strmap.h"

#define MAGIC "saitti-parse 4\n"
/* The head of an entry: its length and checksum. */
#define HEAD 16
/* As in loadmemo.c: a file changed this close to the build's start may
 * change again without new times; it is not kept. */
#define RACY_NS 3000000000LL
/* New entries go to the new file in pieces of about this size, so that
 * a first build does not hold a copy of every text at once. */
#define FLUSH_BYTES (1u << 18)
/* Deeper front matter is not kept (fm_parse has its own, lower limit). */
#define MAX_DEPTH 200

struct ent {
	const char *path;
	size_t off, len;      /* the entry's body in the map */
	source_ident id;
};

struct slot {
	const struct ent *hit;
	int fresh;            /* a new entry was kept */
};

struct parsecache {
	char *file;
	hash128 key;
	char *map;
	size_t maplen;
	struct ent *ents;
	size_t nents;
	strmap *index;        /* path → ent */
	struct slot *slots;
	size_t n;
	size_t live;          /* entries that are the last for their path */
	/* New entries are appended to the file instead of a new file made
	 * with the old ones copied: when its entries are whole and at least
	 * half of its bytes are live (else it is written anew, compact). */
	int append;
	int appended;         /* and some were */
	long long began;      /* the clock when the build began, ns */
	atomic_size_t hits;
	/* The new file, made at the first new entry: written beside the
	 * old one and renamed over it (parsecache_save). */
	pthread_mutex_t lock;
	char *tmp;
	int fd;               /* -1 before it is made */
	int bad;              /* a write failed: it is not used */
	buf *pending;         /* new entries, one buffer per worker */
	int workers;
	hash128 local_key;    /* parsecache_expect's */
};

static hash128 file_key(void)
{
	hash_state *h = hash_begin();
	hash_add_str(h, MAGIC);
	hash_add_hash(h, hash_program());
	/* The messages kept are in the language of this build's. */
	hash_add_str(h, i18n_language());
	return hash_end(h);
}

static long long clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void get_ident(record_cursor *c, source_ident *id)
{
	id->dev = record_u64(c);
	id->ino = record_u64(c);
	id->size = record_u64(c);
	id->mode = record_u64(c);
	id->mtime_ns = (long long)record_u64(c);
	id->ctime_ns = (long long)record_u64(c);
}

/* Indexes the entries of the map: paths and identities only; the rest
 * is read, and its checksum checked, when used. */
static void scan(parsecache *c)
{
	size_t ml = strlen(MAGIC);
	if (c->maplen < ml + 16 || memcmp(c->map, MAGIC, ml) != 0)
		return;
	hash128 k;
	memcpy(&k.lo, c->map + ml, 8);
	memcpy(&k.hi, c->map + ml + 8, 8);
	if (!hash_eq(k, c->key))
		return;
	size_t off = ml + 16, cap = 0;
	while (c->maplen - off >= HEAD) {
		uint64_t len;
		memcpy(&len, c->map + off, 8);
		if (len > c->maplen - off - HEAD)
			break;
		record_cursor cur = {c->map + off + HEAD,
		    c->map + off + HEAD + len, 0};
		size_t pl;
		struct ent e = {record_strn(&cur, &pl), off + HEAD, (size_t)len,
		    {0}};
		get_ident(&cur, &e.id);
		if (cur.bad)
			break;
		if (c->nents == cap) {
			cap = cap ? cap * 2 : 1024;
			c->ents = realloc(c->ents, cap * sizeof *c->ents);
			if (!c->ents)
				abort();
		}
		c->ents[c->nents++] = e;
		off += HEAD + (size_t)len;
	}
	/* A later entry for a path replaces the earlier one (appended). */
	c->index = strmap_new();
	size_t dead = 0, bytes = off;
	for (size_t i = 0; i < c->nents; i++) {
		const struct ent *was = strmap_put_new(c->index,
		    c->ents[i].path, &c->ents[i]);
		if (was) {
			dead += HEAD + was->len;
			strmap_set(c->index, c->ents[i].path, &c->ents[i]);
		}
	}
	c->live = strmap_len(c->index);
	c->append = off == c->maplen && dead <= bytes / 2;
}

parsecache *parsecache_open(const char *file, int workers)
{
	parsecache *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->workers = workers > 0 ? workers : 1;
	c->pending = calloc((size_t)c->workers, sizeof *c->pending);
	if (!c->pending)
		abort();
	c->fd = -1;
	pthread_mutex_init(&c->lock, NULL);
	c->began = clock_ns();
	if (!file || hash_is_zero(hash_program()))
		return c;
	c->file = strdup(file);
	c->key = file_key();
	c->map = fd_map_nofollow(file, &c->maplen);
	if (c->map)
		scan(c);
	return c;
}

void parsecache_expect(parsecache *c, size_t n, hash128 local_key)
{
	c->local_key = local_key;
	free(c->slots);
	c->n = n;
	c->slots = calloc(n + 1, sizeof *c->slots);
	if (!c->slots)
		abort();
}

void parsecache_free(parsecache *c)
{
	if (!c)
		return;
	if (c->fd >= 0) {   /* not saved */
		close(c->fd);
		if (!c->append)
			unlink(c->tmp);
	}
	free(c->tmp);
	for (int w = 0; w < c->workers; w++)
		buf_free(&c->pending[w]);
	free(c->pending);
	pthread_mutex_destroy(&c->lock);
	free(c->slots);
	if (c->map)
		munmap(c->map, c->maplen);
	strmap_free(c->index);
	free(c->ents);
	free(c->file);
	free(c);
}

static int same_ident(const source_ident *a, const source_ident *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mode == b->mode && a->mtime_ns == b->mtime_ns &&
	    a->ctime_ns == b->ctime_ns;
}

static value *get_val(record_cursor *c, arena *a, int depth)
{
	if (depth > MAX_DEPTH) {
		c->bad = 1;
		return NULL;
	}
	value *v = arena_alloc(a, sizeof *v);
	v->kind = (val_kind)record_u64(c);
	v->line = (int)record_u64(c);
	v->col = (int)record_u64(c);
	v->sub = (unsigned char)record_u64(c);
	size_t n;
	switch (v->kind) {
	case VAL_NULL:
		break;
	case VAL_BOOL:
		v->u.b = (int)record_u64(c);
		break;
	case VAL_NUM: {
		uint64_t bits = record_u64(c);
		memcpy(&v->u.num, &bits, sizeof v->u.num);
		v->u.inum = (long long)record_u64(c);
		break;
	}
	case VAL_STR: {
		const char *s = record_strn(c, &n);
		char *copy = arena_alloc(a, n + 1);
		memcpy(copy, s, n);
		v->u.str.s = copy;
		v->u.str.len = n;
		break;
	}
	case VAL_LIST:
		n = (size_t)record_u64(c);
		if (c->bad || n > (size_t)(c->end - c->p) / 32) {
			c->bad = 1;
			return NULL;
		}
		v->u.list.items = arena_alloc(a, (n + 1) * sizeof(value *));
		for (size_t i = 0; i < n && !c->bad; i++)
			v->u.list.items[i] = get_val(c, a, depth + 1);
		v->u.list.len = v->u.list.cap = n;
		break;
	case VAL_MAP:
		n = (size_t)record_u64(c);
		if (c->bad || n > (size_t)(c->end - c->p) / 40) {
			c->bad = 1;
			return NULL;
		}
		v->u.map.items = arena_alloc(a, (n + 1) *
		    sizeof *v->u.map.items);
		for (size_t i = 0; i < n && !c->bad; i++) {
			size_t kl;
			const char *k = record_strn(c, &kl);
			char *key = arena_alloc(a, kl + 1);
			memcpy(key, k, kl);
			v->u.map.items[i] = (struct val_entry){key,
			    val_key_hash(key), get_val(c, a, depth + 1)};
		}
		v->u.map.len = v->u.map.cap = n;
		break;
	default:
		c->bad = 1;
	}
	return c->bad ? NULL : v;
}

static int put_val(buf *b, const value *v, int depth)
{
	if (depth > MAX_DEPTH)
		return -1;
	record_put_u64(b, (uint64_t)v->kind);
	record_put_u64(b, (uint64_t)v->line);
	record_put_u64(b, (uint64_t)v->col);
	record_put_u64(b, v->sub);
	switch (v->kind) {
	case VAL_NULL:
		return 0;
	case VAL_BOOL:
		record_put_u64(b, (uint64_t)v->u.b);
		return 0;
	case VAL_NUM: {
		uint64_t bits;
		memcpy(&bits, &v->u.num, sizeof bits);
		record_put_u64(b, bits);
		record_put_u64(b, (uint64_t)v->u.inum);
		return 0;
	}
	case VAL_STR:
		record_put_strn(b, v->u.str.s, v->u.str.len);
		return 0;
	case VAL_LIST:
		record_put_u64(b, v->u.list.len);
		for (size_t i = 0; i < v->u.list.len; i++)
			if (put_val(b, v->u.list.items[i], depth + 1) != 0)
				return -1;
		return 0;
	case VAL_MAP:
		record_put_u64(b, v->u.map.len);
		for (size_t i = 0; i < v->u.map.len; i++) {
			record_put_str(b, v->u.map.items[i].key);
			if (put_val(b, v->u.map.items[i].val, depth + 1) != 0)
				return -1;
		}
		return 0;
	}
	return -1;
}

int parsecache_take(parsecache *c, size_t i, source *src, const char *path,
    arena *a, diag *held, size_t *len, int *ok, fm_doc *doc,
    source_ident *id, const char **local, size_t *local_len)
{
	*local = NULL;
	*local_len = 0;
	/* A file the cache does not know is not stat'ed here: the read
	 * that follows tells its identity (source_read_ident). */
	const struct ent *e = c->index ? strmap_get(c->index, path) : NULL;
	if (!e)
		return 0;
	if (!id->ino && source_ident_of(src, path, id) != 0) {
		memset(id, 0, sizeof *id);
		return 0;
	}
	if (!same_ident(&e->id, id))
		return 0;
	uint64_t sum;
	memcpy(&sum, c->map + e->off - 8, 8);
	if (hash_bytes(c->map + e->off, e->len).lo != sum)
		return 0;
	record_cursor cur = {c->map + e->off, c->map + e->off + e->len, 0};
	size_t n;
	source_ident skip;
	record_strn(&cur, &n);
	get_ident(&cur, &skip);
	int good = (int)record_u64(&cur);
	fm_doc d = {0};
	d.body_off = (size_t)record_u64(&cur);
	d.body_len = (size_t)record_u64(&cur);
	d.body_line = (int)record_u64(&cur);
	d.body_sum.lo = record_u64(&cur);
	d.body_sum.hi = record_u64(&cur);
	d.meta_sum.lo = record_u64(&cur);
	d.meta_sum.hi = record_u64(&cur);
	if (good)
		d.meta = get_val(&cur, a, 0);
	uint64_t nmsg = record_u64(&cur);
	if (cur.bad || d.body_off > e->id.size ||
	    d.body_len > e->id.size - d.body_off || nmsg > e->len / 40 ||
	    (good && hash_is_zero(d.body_sum)))
		return 0;
	/* The messages are checked whole before any is told. */
	const char *msgs = cur.p;
	for (uint64_t k = 0; k < nmsg && !cur.bad; k++) {
		record_u64(&cur), record_u64(&cur), record_u64(&cur);
		record_strn(&cur, &n), record_strn(&cur, &n);
	}
	/* The caller's record, kept under the key of the settings it was
	 * made with: under others the file is parsed again, and kept anew. */
	hash128 lk;
	lk.lo = record_u64(&cur);
	lk.hi = record_u64(&cur);
	size_t ll;
	const char *lr = record_strn(&cur, &ll);
	if (cur.bad || (ll && !hash_eq(lk, c->local_key)))
		return 0;
	c->slots[i].hit = e;
	atomic_fetch_add(&c->hits, 1);
	/* Past the build's limit the file is not read, as source_read
	 * would not have read it (reported). */
	*ok = 0;
	if (source_reuse(src, path, (size_t)e->id.size, held) != 0)
		return 1;
	cur.p = msgs;
	record_tell_held(&cur, nmsg, held);
	*len = (size_t)e->id.size;
	*ok = good;
	*doc = d;
	*local = ll ? lr : NULL;
	*local_len = ll;
	return 1;
}

/* The cache file for appending, when it is still the one this build
 * read (its header: the same program and language), else -1. */
static int open_append(parsecache *c)
{
	int fd = open(c->file, O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t ml = strlen(MAGIC);
	char head[64];
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    pread(fd, head, ml + 16, 0) != (ssize_t)(ml + 16) ||
	    memcmp(head, MAGIC, ml) || memcmp(head + ml, &c->key.lo, 8) ||
	    memcmp(head + ml + 8, &c->key.hi, 8)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Writes b to the file (appended to the old one, or a new one made with
 * its header first), under the lock; empties b. */
static void flush(parsecache *c, buf *b)
{
	pthread_mutex_lock(&c->lock);
	if (c->fd < 0 && !c->bad && c->append) {
		c->fd = open_append(c);
		if (c->fd < 0)
			c->append = 0;   /* then a new file, as below */
	}
	if (c->fd < 0 && !c->bad) {
		size_t n = strlen(c->file) + 32;
		c->tmp = malloc(n);
		if (!c->tmp)
			abort();
		snprintf(c->tmp, n, "%s.%ld.new", c->file, (long)getpid());
		unlink(c->tmp);
		c->fd = open(c->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0644);
		c->bad = c->fd < 0 || fd_write_all(c->fd, MAGIC,
		    strlen(MAGIC)) || fd_write_all(c->fd, &c->key.lo, 8) ||
		    fd_write_all(c->fd, &c->key.hi, 8);
	}
	if (!c->bad && fd_write_all(c->fd, b->data, b->len))
		c->bad = 1;
	c->appended |= c->append && b->len;
	pthread_mutex_unlock(&c->lock);
	buf_reset(b);
}

void parsecache_keep(parsecache *c, size_t i, int worker, const char *path,
    const source_ident *id, const char *text, size_t len, int ok,
    const fm_doc *doc, const diag *held, const char *local,
    size_t local_len)
{
	long long newest = id->mtime_ns > id->ctime_ns ? id->mtime_ns :
	    id->ctime_ns;
	if (!c->file || !id->ino || id->size != len ||
	    (ok && hash_is_zero(doc->body_sum)) ||
	    newest >= c->began - RACY_NS)
		return;
	buf *b = &c->pending[worker];
	size_t start = b->len;
	record_put_u64(b, 0);   /* the length and checksum, filled in below */
	record_put_u64(b, 0);
	record_put_str(b, path);
	record_put_u64(b, id->dev);
	record_put_u64(b, id->ino);
	record_put_u64(b, id->size);
	record_put_u64(b, id->mode);
	record_put_u64(b, (uint64_t)id->mtime_ns);
	record_put_u64(b, (uint64_t)id->ctime_ns);
	record_put_u64(b, (uint64_t)(ok != 0));
	record_put_u64(b, ok ? doc->body_off : 0);
	record_put_u64(b, ok ? doc->body_len : 0);
	record_put_u64(b, ok ? (uint64_t)doc->body_line : 0);
	record_put_u64(b, ok ? doc->body_sum.lo : 0);
	record_put_u64(b, ok ? doc->body_sum.hi : 0);
	record_put_u64(b, ok ? doc->meta_sum.lo : 0);
	record_put_u64(b, ok ? doc->meta_sum.hi : 0);
	if (ok && put_val(b, doc->meta, 0) != 0) {
		b->len = start;
		return;
	}
	record_put_held(b, held);
	record_put_u64(b, c->local_key.lo);
	record_put_u64(b, c->local_key.hi);
	record_put_strn(b, local ? local : "", local ? local_len : 0);
	uint64_t l = b->len - start - HEAD;
	uint64_t sum = hash_bytes(b->data + start + HEAD, (size_t)l).lo;
	memcpy(b->data + start, &l, 8);
	memcpy(b->data + start + 8, &sum, 8);
	c->slots[i].fresh = 1;
	if (b->len >= FLUSH_BYTES)
		flush(c, b);
}

void parsecache_save(parsecache *c)
{
	if (!c->file)
		return;
	size_t hits = 0, fresh = 0, used = 0;
	for (size_t i = 0; i < c->n; i++) {
		hits += c->slots[i].hit != NULL;
		fresh += c->slots[i].fresh;
		if (c->slots[i].hit)
			used += HEAD + c->slots[i].hit->len;
	}
	/* Entries of files removed or changed would be more than half of
	 * the file: it is written anew, unless some were appended already
	 * (then the next build finds them replaced, and compacts). */
	if (c->append && !c->appended && c->maplen > 2 * used + 64)
		c->append = 0;
	/* Unchanged: every entry used, and none new (or nothing to keep,
	 * and no file). */
	if (!fresh && hits == c->live && (c->index || !c->map))
		return;
	for (int w = 0; w < c->workers; w++)
		if (c->pending[w].len)
			flush(c, &c->pending[w]);
	/* Appended: the entries of files gone or changed stay behind, until
	 * they are half the file. */
	if (c->append) {
		if (c->fd >= 0 && close(c->fd) != 0)
			c->bad = 1;
		c->fd = -1;
		return;
	}
	buf none = BUF_INIT;
	if (c->fd < 0)
		flush(c, &none);   /* makes the file: no new entry */
	/* Then the entries this build took from the old file. */
	for (size_t i = 0; !c->bad && i < c->n; i++) {
		const struct ent *e = c->slots[i].hit;
		if (e && fd_write_all(c->fd, c->map + e->off - HEAD,
		    e->len + HEAD))
			c->bad = 1;
	}
	if (c->fd >= 0 && (close(c->fd) != 0 || c->bad ||
	    rename(c->tmp, c->file) != 0))
		unlink(c->tmp);
	c->fd = -1;
}

size_t parsecache_hits(const parsecache *c)
{
	return atomic_load(&c->hits);
}
