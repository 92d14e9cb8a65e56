/* record: the byte records the caches write and read back: 64-bit numbers
 * (host order: a cache never leaves its machine) and strings as their
 * length, their bytes and a NUL, read through a cursor that never reads
 * past its end (a cut-short or damaged file only marks it bad). */
#ifndef SAITTI_RECORD_H
#define SAITTI_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct record_cursor {
	const char *p, *end;
	int bad;              /* set by a read past the end; reads give 0, "" */
} record_cursor;

uint64_t record_u64(record_cursor *c);
/* A string, NUL-ended in place; *n its length. */
const char *record_strn(record_cursor *c, size_t *n);
const char *record_str(record_cursor *c);

void record_put_u64(buf *b, uint64_t v);
void record_put_strn(buf *b, const char *s, size_t n);
/* s may be NULL: written as "". */
void record_put_str(buf *b, const char *s);

#endif
