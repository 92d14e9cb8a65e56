/* buf: a growable byte buffer (heap-owned, always NUL-terminated).
 * The owner calls buf_free(); buf_detach() hands the bytes over. */
#ifndef SAITTI_BUF_H
#define SAITTI_BUF_H

#include <stddef.h>

typedef struct buf {
	char *data;
	size_t len, cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_grow(buf *b, size_t extra);
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_reset(buf *b);
void buf_free(buf *b);
/* Returns the malloc'ed string (never NULL) and empties b. */
char *buf_detach(buf *b);

#endif
