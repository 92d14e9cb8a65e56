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

/* The VmFlags of the mapping that holds p (from /proc/self/smaps), or ""
 * when none is found. */
static const char *flags_of(const void *p, char *out, size_t n)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	int in = 0;
	out[0] = '\0';
	if (!f)
		return out;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, '-') < strchr(line, ' ')) {
			in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
			continue;
		}
		if (in && !strncmp(line, "VmFlags:", 8)) {
			snprintf(out, n, "%s", line + 8);
			break;
		}
	}
	fclose(f);
	return out;
}

static int has_flag(const char *flags, const char *flag)
{
	char pad[600];
	snprintf(pad, sizeof pad, " %s ", flags);
	for (char *c = pad; *c; c++)
		if (*c == '\n')
			*c = ' ';
	char want[8];
	snprintf(want, sizeof want, " %s ", flag);
	return strstr(pad, want) != NULL;
}

int main(void)
{
	xalloc_setup();
	/* Without transparent huge pages in the kernel there is nothing to
	 * advise: the blocks must still work. */
	int thp = access("/sys/kernel/mm/transparent_hugepage/enabled",
	    F_OK) == 0;
	char fl[600];

	size_t n = 3 * XALLOC_BIG;
	char *p = xmalloc(n);
	const char *mid = p + XALLOC_BIG;   /* inside a whole huge page */
	CHECK("xalloc: a big block is advised into huge pages",
	    !thp || has_flag(flags_of(mid, fl, sizeof fl), "hg"));
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
	    !thp || has_flag(flags_of(q + n + XALLOC_BIG, fl, sizeof fl),
	    "hg"));

	char *z = xcalloc(XALLOC_BIG / 8, 16);
	size_t zeros = 0;
	for (size_t i = 0; i < 2 * XALLOC_BIG; i += 4096)
		zeros += z[i] == 0;
	CHECK("xalloc: a big block from xcalloc reads as zeros",
	    zeros == 2 * XALLOC_BIG / 4096);
	CHECK("xalloc: ...advised too",
	    !thp || has_flag(flags_of(z + XALLOC_BIG, fl, sizeof fl), "hg"));

	free(q);
	free(small);
	free(z);
	CHECK_DONE();
}
