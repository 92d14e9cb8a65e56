#include "record.h"

#include <string.h>

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
