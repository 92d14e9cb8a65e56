#include "searchfiles.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../core/fdio.h"

/* 32 lowercase hex digits at s, as searchfiles_add writes them (digit by
 * digit: sscanf took 2 µs a line, strtoull a third of that, a thousand
 * lines a rebuild). */
static int get_hex(const char *s, hash128 *h)
{
	uint64_t v[2] = {0, 0};
	for (int i = 0; i < 32; i++) {
		int c = (unsigned char)s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
		    c - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v[i / 16] = v[i / 16] << 4 | (uint64_t)d;
	}
	h->hi = v[0];
	h->lo = v[1];
	return 0;
}

/* h as 32 lowercase hex digits (get_hex's). */
static void put_hex(buf *b, hash128 h)
{
	static const char hex[] = "0123456789abcdef";
	char d[32];
	for (int i = 0; i < 16; i++) {
		d[i] = hex[(h.hi >> (60 - 4 * i)) & 15];
		d[16 + i] = hex[(h.lo >> (60 - 4 * i)) & 15];
	}
	buf_put(b, d, sizeof d);
}

/* The line that closes a list: its lines' checksum. */
#define END "end "
enum { END_LEN = 4 + 16 + 1 };

static void put_sum(buf *b, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	char d[16];
	for (int i = 0; i < 16; i++)
		d[i] = hex[(v >> (60 - 4 * i)) & 15];
	buf_put(b, d, sizeof d);
}

int searchfiles_read(const char *file, hash128 *was, arena *a,
    strmap *old, const char ***paths, size_t *n)
{
	size_t len = 0;
	char *map = file ? fd_map_nofollow(file, &len) : NULL;
	if (!map)
		return -1;
	*n = 0;
	*paths = NULL;
	size_t cap = 0;
	searchfiles_entry **ents = NULL;
	int bad = len < 33 + END_LEN || map[32] != '\n' ||
	    get_hex(map, was) != 0;
	/* A list cut at a line's end would drop files the output then
	 * loses: the closing checksum says the list is whole. */
	if (!bad) {
		buf sum = BUF_INIT;
		buf_puts(&sum, END);
		put_sum(&sum, hash_bytes(map, len - END_LEN).lo);
		buf_putc(&sum, '\n');
		bad = memcmp(map + len - END_LEN, sum.data, END_LEN) != 0;
		buf_free(&sum);
	}
	const char *p = map + 33, *end = map + len - END_LEN;
	while (!bad && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		/* path, tab, 32 digits, tab, 32 digits */
		searchfiles_entry *of = arena_alloc(a, sizeof *of);
		if (!nl || nl - p < 67 || nl[-33] != '\t' || nl[-66] != '\t' ||
		    get_hex(nl - 65, &of->key) != 0 ||
		    get_hex(nl - 32, &of->sum) != 0) {
			bad = 1;
			break;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*paths = realloc(*paths, cap * sizeof **paths);
			ents = realloc(ents, cap * sizeof *ents);
			if (!*paths || !ents)
				abort();
		}
		(*paths)[*n] = arena_strndup(a, p, (size_t)(nl - 66 - p));
		ents[(*n)++] = of;
		p = nl + 1;
	}
	munmap(map, len);
	/* Nothing of a damaged list is taken. */
	for (size_t i = 0; !bad && i < *n; i++)
		strmap_set(old, (*paths)[i], ents[i]);
	free(ents);
	if (bad) {
		free(*paths);
		*paths = NULL;
		*n = 0;
	}
	return bad ? -1 : 0;
}

void searchfiles_begin(buf *b, hash128 key)
{
	put_hex(b, key);
	buf_putc(b, '\n');
}

/* Made in one buffer (fprintf took 0.5 µs a line). */
void searchfiles_add(buf *b, const char *path, hash128 key, hash128 sum)
{
	buf_puts(b, path);
	buf_putc(b, '\t');
	put_hex(b, key);
	buf_putc(b, '\t');
	put_hex(b, sum);
	buf_putc(b, '\n');
}

void searchfiles_commit(buf *b, const char *file)
{
	uint64_t sum = hash_bytes(b->data ? b->data : "", b->len).lo;
	buf_puts(b, END);
	put_sum(b, sum);
	buf_putc(b, '\n');
	char *tmp = NULL;
	if (asprintf(&tmp, "%s.tmp", file) < 0)
		abort();
	FILE *f = fd_fopen_nofollow(tmp, "w");
	if (f) {
		int bad = b->len && fwrite(b->data, 1, b->len, f) != b->len;
		if (fclose(f) != 0 || bad || rename(tmp, file) != 0)
			remove(tmp);
	}
	free(tmp);
	buf_free(b);
}
