#include "xalloc.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void xalloc_fail(void)
{
	fputs("saitti: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		xalloc_fail();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		xalloc_fail();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		xalloc_fail();
	return q;
}

void *xcalloc_written(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_fail();
	size_t bytes = n * size;
	void *p = xmalloc(bytes);
	memset(p, 0, bytes);
	return p;
}
