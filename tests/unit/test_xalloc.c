/* xalloc: a big block is a mapping of its own, advised into huge pages
 * (its first touches then fault once each 2 MB); a small one comes from
 * the heap, which xalloc_setup advised too, and a pool worker's from its
 * own heap, advised when the worker starts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pthread.h>
#include <stdatomic.h>

#include "check.h"
#include "core/pool.h"
#include "core/xalloc.h"
#include "vmflags.h"

/* A sanitizer's allocator is its own: xalloc leaves it as it is. */
#ifndef __SANITIZE_ADDRESS__
extern char end;
#define WORKERS 3
static atomic_int arrived;
static char *blocks[WORKERS];
static int advised[WORKERS];

/* Each worker takes one job: all wait until every one has arrived. */
static void job(void *ctx, size_t i, int worker)
{
	(void)ctx, (void)i;
	atomic_fetch_add(&arrived, 1);
	for (int spin = 0; atomic_load(&arrived) < WORKERS && spin < 2000;
	    spin++)
		usleep(1000);
	char *b = malloc(64 * 1024);
	b[0] = 1;
	char fl[600];
	blocks[worker] = b;
	advised[worker] = has_flag(flags_of(b, fl, sizeof fl), "hg");
}
#endif

int main(void)
{
	xalloc_setup();

	size_t n = 3 * XALLOC_BIG;
	char *p = xmalloc(n);
	const char *mid = p + XALLOC_BIG;   /* inside a whole huge page */
	CHECK("xalloc: a big block is advised into huge pages",
	    vm_huge(mid));
	memset(p, 7, n);
	CHECK("xalloc: ...and holds what is written to it",
	    p[0] == 7 && p[n - 1] == 7);

	char *small = xmalloc(64 * 1024);
	small[0] = 1;
#ifndef __SANITIZE_ADDRESS__
	char fl[600];
	CHECK("xalloc: a small block comes from the heap",
	    small >= &end && small < (char *)sbrk(0));
	CHECK("xalloc: ...which is advised into huge pages",
	    has_flag(flags_of(small, fl, sizeof fl), "hg"));

	pool_run(WORKERS, WORKERS, job, NULL);
	int own = 0, all = 1;
	for (int w = 1; w < WORKERS; w++) {
		own += blocks[w] && !(blocks[w] >= &end &&
		    blocks[w] < (char *)sbrk(0));
		all &= advised[w];
	}
	CHECK("xalloc: a pool worker's blocks come from a heap of its own",
	    own == WORKERS - 1);
	CHECK("xalloc: ...advised into huge pages when the worker started",
	    all);
	for (int w = 0; w < WORKERS; w++)
		free(blocks[w]);
#endif

	char *q = xrealloc(p, 2 * n);
	CHECK("xalloc: a big block grown keeps its contents",
	    q[0] == 7 && q[n - 1] == 7);
	CHECK("xalloc: ...and its advice, in the part it grew by",
	    vm_huge(q + n + XALLOC_BIG));

	char *z = xcalloc(XALLOC_BIG / 8, 16);
	size_t zeros = 0;
	for (size_t i = 0; i < 2 * XALLOC_BIG; i += 4096)
		zeros += z[i] == 0;
	CHECK("xalloc: a big block from xcalloc reads as zeros",
	    zeros == 2 * XALLOC_BIG / 4096);
	CHECK("xalloc: ...advised too",
	    vm_huge(z + XALLOC_BIG));

	free(q);
	free(small);
	free(z);
	CHECK_DONE();
}
