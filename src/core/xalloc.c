#include "xalloc.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
	/* Blocks from XALLOC_BIG up each their own mapping, in huge pages
	 * (xalloc.h); smaller ones from the heap, not each its own mapping
	 * unmapped when freed (glibc's threshold starts at 128 KB and moves);
	 * the heap trimmed only past 256 MB free at its top; grown 16 MB at
	 * a time. */
	mallopt(M_MMAP_THRESHOLD, XALLOC_BIG);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
}

/* A big block (its own mapping, from glibc) in huge pages where whole
 * ones fit: its first touches then cost a fault each 2 MB, not each 4 KB
 * (on a virtual machine a fault is ~10 µs: 3 ms a megabyte). */
static void *big(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	if (p && n >= XALLOC_BIG) {
		uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
		uintptr_t to = ((uintptr_t)p + n) & ~(huge - 1);
		if (to > from)
			madvise((void *)from, to - from, MADV_HUGEPAGE);
	}
#else
	(void)n;
#endif
	return p;
}

void *xmalloc(size_t n)
{
	void *p = big(malloc(n ? n : 1), n);
	if (!p)
		xalloc_fail();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_fail();
	void *p = big(calloc(n ? n : 1, size ? size : 1), n * size);
	if (!p)
		xalloc_fail();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = big(realloc(p, n ? n : 1), n);
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
