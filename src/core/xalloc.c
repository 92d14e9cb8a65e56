#include "xalloc.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

void xalloc_fail(void)
{
	fputs("saitti: out of memory\n", stderr);
	abort();
}

void xalloc_setup(void)
{
#ifdef __GLIBC__
	/* Blocks up to 32 MB from the heap, not each its own mapping
	 * unmapped when freed (glibc's threshold starts at 128 KB); the
	 * heap trimmed only past 256 MB free at its top; grown 16 MB at a
	 * time. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
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
