/* xalloc: a big block is a mapping of its own, advised into huge pages
 * (its first touches then fault once each 2 MB); a small one stays in the
 * heap, untouched by the advice. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "core/xalloc.h"
#include "vmflags.h"

int main(void)
{
	xalloc_setup();
	char fl[600];

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
	CHECK("xalloc: a small block is not advised",
	    !has_flag(flags_of(small, fl, sizeof fl), "hg"));

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
