#include "record.h"

#include <string.h>

uint64_t record_u64(record_cursor *c)
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

const char *record_strn(record_cursor *c, size_t *n)
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

const char *record_str(record_cursor *c)
{
	size_t n;
	return record_strn(c, &n);
}

void record_put_u64(buf *b, uint64_t v)
{
	buf_put(b, (const char *)&v, 8);
}

void record_put_strn(buf *b, const char *s, size_t n)
{
	record_put_u64(b, n);
	buf_put(b, s ? s : "", n);
	buf_putc(b, '\0');
}

void record_put_str(buf *b, const char *s)
{
	record_put_strn(b, s, s ? strlen(s) : 0);
}
