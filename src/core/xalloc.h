/* xalloc: malloc, calloc and realloc that end the program with a message
 * when memory runs out (a build cannot go on without it). */
#ifndef SAITTI_XALLOC_H
#define SAITTI_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* The message and abort(), for callers with their own allocator. */
void xalloc_fail(void) __attribute__((noreturn));

#endif
