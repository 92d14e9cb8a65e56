#include "xalloc.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

void xalloc_fail(void)
{
	fputs("saitti: out of memory\n", stderr);
	abort();
}

/* Huge pages for the heaps glibc's malloc takes its blocks from, as its
 * own tunable glibc.malloc.hugetlb=1 does, which a program cannot set for
 * itself (the loader reads GLIBC_TUNABLES before main): on a virtual
 * machine a 4 KB page's first touch costs ~11 us, and a rebuild after one
 * edit at 10,000 posts touched 7,900 of them (a fifth of its CPU); in 2
 * MB pages it touches a fraction. Not under a sanitizer, whose allocator
 * is its own. */
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define HUGE_HEAPS 1
/* The main heap is grown by this much at the start, untouched (virtual
 * memory only), and advised huge: a rebuild at 10,000 posts fits in it.
 * Past it the heap grows in 4 KB pages as before, so that a big site's
 * peak does not grow by the 2 MB pages it touches only in part. */
#define HEAP_RESERVE ((size_t)64 << 20)
/* glibc's HEAP_MAX_SIZE on 64-bit systems (malloc/arena.c): a thread's
 * heap is a mapping of this size, aligned to it. */
#define THREAD_HEAP ((uintptr_t)64 << 20)
extern char end;   /* the end of the program's data: the heap is above */
#endif

/* [from, to) advised into huge pages, as far as whole ones fit. */
static void advise_huge(uintptr_t from, uintptr_t to)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	from = (from + huge - 1) & ~(huge - 1);
	to &= ~(huge - 1);
	if (to > from)
		madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)from, (void)to;
#endif
}

void xalloc_setup(void)
{
#ifdef __GLIBC__
	/* Blocks from XALLOC_BIG up each their own mapping, in huge pages
	 * (xalloc.h); smaller ones from the heap, not each its own mapping
	 * unmapped when freed (glibc's threshold starts at 128 KB and moves);
	 * the heap trimmed only past 512 MB free at its top (the reserve
	 * below stays); grown 16 MB at a time. */
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
#ifdef HUGE_HEAPS
	/* One block past the heap's top, from the heap (below the mmap
	 * threshold for once), makes glibc grow it by the block and
	 * M_TOP_PAD; freed, it is the top the next blocks come from. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TOP_PAD, (int)HEAP_RESERVE);
	void *p = malloc(24 << 20);
	if (p) {
		advise_huge((uintptr_t)p, (uintptr_t)sbrk(0));
		free(p);
	}
#endif
	mallopt(M_MMAP_THRESHOLD, XALLOC_BIG);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
}

void xalloc_thread_start(void)
{
#ifdef HUGE_HEAPS
	/* The thread's first block names its heap: the main one (above the
	 * program, below the break) is advised already. */
	void *p = malloc(1);
	uintptr_t at = (uintptr_t)p;
	if (p && !(at >= (uintptr_t)&end && at < (uintptr_t)sbrk(0))) {
		uintptr_t h = at & ~(THREAD_HEAP - 1);
		advise_huge(h, h + THREAD_HEAP);
	}
	free(p);
#endif
}

/* A big block (its own mapping, from glibc) in huge pages where whole
 * ones fit: its first touches then cost a fault each 2 MB, not each 4 KB
 * (on a virtual machine a fault is ~10 µs: 3 ms a megabyte). */
static void *big(void *p, size_t n)
{
	if (p && n >= XALLOC_BIG)
		advise_huge((uintptr_t)p, (uintptr_t)p + n);
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
