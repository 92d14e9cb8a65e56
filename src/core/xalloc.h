/* xalloc: malloc, calloc and realloc that end the program with a message
 * when memory runs out (a build cannot go on without it). */
#ifndef SAITTI_XALLOC_H
#define SAITTI_XALLOC_H

#include <stddef.h>

/* A block of this size or more is a mapping of its own, given back when
 * freed, and taken in huge pages where whole ones fit in it: cheaper to
 * touch than 4 KB pages, and no trace in the heap once freed. */
#define XALLOC_BIG ((size_t)4 << 20)

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* calloc for a table read before it is written (a hash table's probes).
 * A large calloc is fresh pages that calloc does not clear: a probe maps
 * the kernel's shared zero page, and the first store then copies it,
 * which with other threads running interrupts every core to flush its
 * TLB (~7 ms of a rebuild's CPU at 10,000 posts). Cleared by writing,
 * each page is taken once, for writing. */
void *xcalloc_written(size_t n, size_t size);
/* Sets the C library's allocator for a build: memory a phase gives back
 * is kept for the next, not returned to the kernel and asked for again
 * (on a virtual machine a page's first touch costs ~10 us: a tenth of a
 * rebuild's CPU went to pages freed and faulted in anew). The peak is
 * the same: what is kept is reused before the heap grows. The heap is
 * taken in huge pages (2 MB: one first touch, not 512). Once, at the
 * start of main. */
void xalloc_setup(void);
/* The same for a thread's own heap, where glibc's malloc serves it: first
 * thing in core/pool's workers, which make most of a build's blocks (the
 * other threads' heaps stay in 4 KB pages: advised too, they added 2–4 MB
 * to the peak at 10,000 posts for no measured gain). */
void xalloc_thread_start(void);
/* The message and abort(), for callers with their own allocator. */
void xalloc_fail(void) __attribute__((noreturn));

#endif
