/* strmap through many growths (each table past the first is cleared by
 * xcalloc_written), and xcalloc_written itself. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/strmap.h"
#include "core/xalloc.h"
#include "check.h"

#define N 200000

int main(void)
{
	static char keys[N][12];
	strmap *m = strmap_new();
	int fresh = 1;
	for (size_t i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "k%zu", i);
		if (strmap_put_new(m, keys[i], (void *)(uintptr_t)(i + 1)))
			fresh = 0;
	}
	CHECK("strmap: every key new the first time", fresh);
	CHECK("strmap: its length", strmap_len(m) == N);
	size_t found = 0;
	for (size_t i = 0; i < N; i++)
		if ((uintptr_t)strmap_get(m, keys[i]) == i + 1)
			found++;
	CHECK("strmap: every key found after growing", found == N);
	CHECK("strmap: a key not put is not found",
	    strmap_get(m, "k200000") == NULL);
	CHECK("strmap: put_new keeps the first value",
	    (uintptr_t)strmap_put_new(m, keys[7], (void *)1) == 8 &&
	    (uintptr_t)strmap_get(m, keys[7]) == 8);
	strmap_set(m, keys[7], (void *)3);
	CHECK("strmap: set replaces", (uintptr_t)strmap_get(m, keys[7]) == 3 &&
	    strmap_len(m) == N);
	const char **all = malloc(N * sizeof *all);
	CHECK("strmap: keys lists them all", all &&
	    strmap_keys(m, all, N) == N);
	free(all);
	strmap_free(m);

	/* Cleared bytes, whatever the allocator gave back before. */
	size_t n = 1 << 20;
	unsigned char *p = xmalloc(n);
	memset(p, 0xa5, n);
	free(p);
	p = xcalloc_written(n, 1);
	size_t nonzero = 0;
	for (size_t i = 0; i < n; i++)
		nonzero += p[i] != 0;
	CHECK("xcalloc_written: every byte zero", nonzero == 0);
	free(p);
	uint32_t *q = xcalloc_written(3, sizeof *q);
	CHECK("xcalloc_written: small tables too", q[0] == 0 && q[2] == 0);
	free(q);
	CHECK_DONE();
}
