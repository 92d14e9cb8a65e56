/* record: the byte records the caches write and read back: 64-bit numbers
 * (host order: a cache never leaves its machine) and strings as their
 * length, their bytes and a NUL, read through a cursor that never reads
 * past its end (a cut-short or damaged file only marks it bad). */
#ifndef SAITTI_RECORD_H
#define SAITTI_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

typedef struct record_cursor {
	const char *p, *end;
	int bad;              /* set by a read past the end; reads give 0, "" */
} record_cursor;

/* Inline: a rebuild reads a few million of them from the caches. */
static inline uint64_t record_u64(record_cursor *c)
{
	uint64_t v = 0;
	if ((size_t)(c->end - c->p) < 8) {
		c->bad = 1;
		return 0;
	}
	memcpy(&v, c->p, 8);
	c->p += 8;
	return v;
}

/* A string, NUL-ended in place; *n its length. */
static inline const char *record_strn(record_cursor *c, size_t *n)
{
	uint64_t len = record_u64(c);
	if (c->bad || len >= (uint64_t)(c->end - c->p) || c->p[len] != '\0') {
		c->bad = 1;
		*n = 0;
		return "";
	}
	const char *s = c->p;
	c->p += len + 1;
	*n = (size_t)len;
	return s;
}

const char *record_str(record_cursor *c);

void record_put_u64(buf *b, uint64_t v);
void record_put_strn(buf *b, const char *s, size_t n);
/* s may be NULL: written as "". */
void record_put_str(buf *b, const char *s);

/* A held diag's messages (diag_new_held): their count, then each as its
 * kind, line, column, file and text. */
struct diag;
void record_put_held(buf *b, const struct diag *held);
/* Tells n messages so written, read at c, to held (the caller has checked
 * that they are whole). */
void record_tell_held(record_cursor *c, uint64_t n, struct diag *held);

/* A cache's file: magic, the body's length and checksum (8 bytes each),
 * then the body. The writer writes beside file (FILE.new, never through
 * a link) and renames over it: 0, or -1 and nothing left. */
int record_file_write(const char *file, const char *magic,
    const char *body, size_t len);
/* The body of file (not through a link) when it is whole, with magic:
 * *len bytes in the map *map of *maplen bytes (munmap when done); NULL
 * when it is missing, of another format, cut short or damaged. */
const char *record_file_map(const char *file, const char *magic,
    size_t *len, void **map, size_t *maplen);

#endif
