#include "docwords.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/fdio.h"
#include "../core/xalloc.h"

/* The header: the format (MAGIC, zero-padded), the program's digest, the
 * checksum of everything after the header, then the number of words, the
 * bytes of their strings, the number of documents and of entries. */
#define MAGIC "saitti-search-docs 1\n"
enum { MAGIC_BYTES = 24, HEAD = MAGIC_BYTES + 16 + 8 + 4 * 8,
	DOC_BYTES = 16 + 4 + 4 };

typedef struct doc {
	hash128 key;
	uint32_t off, n;
} doc;

struct docwords {
	char *data;            /* the file */
	const char **word;
	uint32_t *wlen;
	size_t nwords;
	doc *docs;
	size_t ndocs;
	const uint32_t *ids;
	uint32_t *slot;        /* by key, open addressing: document + 1 */
	size_t nslot;
};

static uint64_t get_u64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static size_t pad8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* The file's bytes, or NULL. Not through a symbolic link. */
static char *slurp(const char *file, size_t *len)
{
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *data = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= HEAD) {
		size_t n = (size_t)st.st_size, got = 0;
		data = xmalloc(n);
		while (got < n) {
			ssize_t r = read(fd, data + got, n - got);
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		if (got != n) {
			free(data);
			data = NULL;
		}
		*len = n;
	}
	close(fd);
	return data;
}

/* 0 when data holds a whole file of this program, its parts in c. */
static int parse(docwords *c, char *data, size_t len, unsigned mask_bits)
{
	hash128 prog = hash_program();
	char magic[MAGIC_BYTES] = MAGIC;
	if (hash_is_zero(prog) || memcmp(data, magic, MAGIC_BYTES) ||
	    get_u64(data + MAGIC_BYTES) != prog.lo ||
	    get_u64(data + MAGIC_BYTES + 8) != prog.hi)
		return -1;
	const char *h = data + MAGIC_BYTES + 16;
	uint64_t sum = get_u64(h), nwords = get_u64(h + 8),
	    wbytes = get_u64(h + 16), ndocs = get_u64(h + 24),
	    nids = get_u64(h + 32);
	size_t rest = len - HEAD;
	/* Each count bounded by the bytes before multiplying. */
	if (wbytes > rest || nwords > wbytes || ndocs > rest / DOC_BYTES ||
	    nids > rest / 4 || HEAD + pad8(wbytes) + ndocs * DOC_BYTES +
	    nids * 4 != len || nids > UINT32_MAX)
		return -1;
	if (hash_bytes(data + HEAD, rest).lo != sum)
		return -1;
	/* The words: nwords strings, each ended by its NUL. */
	char *w = data + HEAD;
	c->word = xmalloc((nwords + 1) * sizeof *c->word);
	c->wlen = xmalloc((nwords + 1) * sizeof *c->wlen);
	size_t at = 0;
	for (size_t i = 0; i < nwords; i++) {
		const char *z = memchr(w + at, 0, wbytes - at);
		if (!z || z == w + at)
			return -1;
		c->word[i] = w + at;
		c->wlen[i] = (uint32_t)(z - (w + at));
		at = (size_t)(z - w) + 1;
	}
	if (at != wbytes)
		return -1;
	c->nwords = nwords;
	/* The documents, and their entries: each a word of the table. */
	const char *d = data + HEAD + pad8(wbytes);
	c->ids = (const uint32_t *)(void *)(d + ndocs * DOC_BYTES);
	for (size_t i = 0; i < nids; i++)
		if ((c->ids[i] >> mask_bits) >= nwords)
			return -1;
	c->docs = xmalloc((ndocs + 1) * sizeof *c->docs);
	for (size_t i = 0; i < ndocs; i++) {
		doc *e = &c->docs[i];
		memcpy(&e->key, d + i * DOC_BYTES, 16);
		memcpy(&e->off, d + i * DOC_BYTES + 16, 4);
		memcpy(&e->n, d + i * DOC_BYTES + 20, 4);
		if (e->off > nids || e->n > nids - e->off)
			return -1;
	}
	c->ndocs = ndocs;
	c->nslot = 64;
	while (c->nslot < ndocs * 2)
		c->nslot *= 2;
	c->slot = xcalloc(c->nslot, sizeof *c->slot);
	for (size_t i = 0; i < ndocs; i++) {
		size_t k = (size_t)c->docs[i].key.lo & (c->nslot - 1);
		while (c->slot[k])
			k = (k + 1) & (c->nslot - 1);
		c->slot[k] = (uint32_t)i + 1;
	}
	return 0;
}

docwords *docwords_read(const char *file, unsigned mask_bits)
{
	docwords *c = xcalloc(1, sizeof *c);
	size_t len = 0;
	char *data = file ? slurp(file, &len) : NULL;
	if (!data)
		return c;
	if (parse(c, data, len, mask_bits) != 0) {
		free(c->word);
		free(c->wlen);
		free(c->docs);
		free(c->slot);
		free(data);
		memset(c, 0, sizeof *c);
		return c;
	}
	c->data = data;
	return c;
}

void docwords_free(docwords *c)
{
	if (!c)
		return;
	free(c->word);
	free(c->wlen);
	free(c->docs);
	free(c->slot);
	free(c->data);
	free(c);
}

size_t docwords_nwords(const docwords *c)
{
	return c->nwords;
}

const char *docwords_word(const docwords *c, size_t i, size_t *len)
{
	*len = c->wlen[i];
	return c->word[i];
}

size_t docwords_ndocs(const docwords *c)
{
	return c->ndocs;
}

const uint32_t *docwords_get(const docwords *c, hash128 key, size_t *n)
{
	if (!c->nslot)
		return NULL;
	size_t k = (size_t)key.lo & (c->nslot - 1);
	while (c->slot[k]) {
		const doc *e = &c->docs[c->slot[k] - 1];
		if (hash_eq(e->key, key)) {
			*n = e->n;
			return c->ids + e->off;
		}
		k = (k + 1) & (c->nslot - 1);
	}
	return NULL;
}

/* ------------------------------------------------------------ writing */

struct docwords_out {
	buf b;                 /* the whole file, made in place */
	size_t ndocs, nids;    /* as told to docwords_begin */
	size_t doc, id;        /* added so far */
	size_t docs_at, ids_at;
	int full;              /* more entries than a file can number */
};

static void put_u64(buf *b, uint64_t v)
{
	buf_put(b, (const char *)&v, sizeof v);
}

docwords_out *docwords_begin(const char *const *words, const uint32_t *lens,
    size_t nwords, size_t ndocs, size_t nids)
{
	docwords_out *o = xcalloc(1, sizeof *o);
	o->ndocs = ndocs;
	o->nids = nids;
	if (nids > UINT32_MAX) {
		o->full = 1;
		return o;
	}
	size_t wbytes = 0;
	for (size_t i = 0; i < nwords; i++)
		wbytes += lens[i] + 1;
	buf *b = &o->b;
	buf_grow(b, HEAD + pad8(wbytes) + ndocs * DOC_BYTES + nids * 4);
	char magic[MAGIC_BYTES] = MAGIC;
	buf_put(b, magic, MAGIC_BYTES);
	hash128 prog = hash_program();
	put_u64(b, prog.lo);
	put_u64(b, prog.hi);
	put_u64(b, 0);   /* the checksum, at commit */
	put_u64(b, nwords);
	put_u64(b, wbytes);
	put_u64(b, ndocs);
	put_u64(b, nids);
	for (size_t i = 0; i < nwords; i++)
		buf_put(b, words[i], (size_t)lens[i] + 1);
	while (b->len % 8)
		buf_putc(b, 0);
	o->docs_at = b->len;
	o->ids_at = b->len + ndocs * DOC_BYTES;
	b->len = o->ids_at + nids * 4;
	return o;
}

uint32_t *docwords_add(docwords_out *o, hash128 key, size_t n)
{
	if (o->full || o->doc == o->ndocs || n > o->nids - o->id) {
		o->full = 1;
		return NULL;
	}
	uint32_t off = (uint32_t)o->id, cnt = (uint32_t)n;
	char *d = o->b.data + o->docs_at + o->doc++ * DOC_BYTES;
	memcpy(d, &key, 16);
	memcpy(d + 16, &off, 4);
	memcpy(d + 20, &cnt, 4);
	o->id += n;
	return (uint32_t *)(void *)(o->b.data + o->ids_at + (size_t)off * 4);
}

/* The file's bytes, replacing tmp's and then file's; 0 or -1. */
static int write_file(docwords_out *o, const char *tmp, const char *file)
{
	buf *b = &o->b;
	uint64_t sum = hash_bytes(b->data + HEAD, b->len - HEAD).lo;
	memcpy(b->data + MAGIC_BYTES + 16, &sum, 8);
	int rc = -1;
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd >= 0) {
		int bad = fd_write_all(fd, b->data, b->len);
		if (close(fd) == 0 && !bad && rename(tmp, file) == 0)
			rc = 0;
		else
			unlink(tmp);
	}
	return rc;
}

int docwords_commit(docwords_out *o, const char *file)
{
	hash128 prog = hash_program();
	char *tmp = NULL;
	int rc = -1;
	/* Every document and entry told to docwords_begin, or none. */
	if (!o->full && o->doc == o->ndocs && o->id == o->nids && file &&
	    !hash_is_zero(prog) &&
	    asprintf(&tmp, "%s.%ld.new", file, (long)getpid()) >= 0) {
		rc = write_file(o, tmp, file);
		free(tmp);
	}
	buf_free(&o->b);
	free(o);
	return rc;
}
