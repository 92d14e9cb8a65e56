/* searchcache: the search-index cache file (model/searchcache.h): its
 * tables written and read back, postings from lists that lie apart in
 * memory too, and a file cut, damaged at the same length, of another
 * environment or of garbage read as no cache. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/model/searchcache.h"
#include "check.h"

static const hash128 env = {1, 2};

static size_t file_size(const char *file)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	return n > 0 ? (size_t)n : 0;
}

static char *slurp(const char *file, size_t n)
{
	FILE *f = fopen(file, "rb");
	char *d = malloc(n + 1);
	if (!f || !d || fread(d, 1, n, f) != n)
		abort();
	fclose(f);
	return d;
}

static void spit(const char *file, const char *d, size_t n)
{
	FILE *f = fopen(file, "wb");
	if (!f || fwrite(d, 1, n, f) != n || fclose(f) != 0)
		abort();
}

int main(void)
{
	char dir[] = "/tmp/saitti-searchcache-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char file[256];
	snprintf(file, sizeof file, "%s/search-index", dir);

	/* Two documents; three words, the last in no document; "kissa" is
	 * a form of two words. The lists lie apart: two runs. */
	static const char kissat[16] = "kissat", kissa[16] = "kissa",
	    talo[16] = "talo";
	uint32_t a[] = {0 << 3 | 4, 1 << 3 | 1}, b[] = {1 << 3 | 2};
	sc_word words[] = {
		{kissat, 6, 11, "kissa ", "", a, 2},
		{kissa, 5, 12, "kissa ", "", b, 1},
		{talo, 4, 13, "talo ", "", NULL, 0},
	};
	uint32_t tk[] = {0, 1}, tt[] = {2};
	sc_term terms[] = {
		{"talo", tt, 1, 0, {0, 0}},
		{"kissa", tk, 2, 2, {7, 8}},
	};
	hash128 items[] = {{10, 11}, {20, 21}};
	uint32_t surface[] = {0}, order[] = {1, 0};
	searchcache c = {.env = env, .ndocs = 2, .items = items,
	    .words = words, .nwords = 3, .surface = surface, .nsurface = 1,
	    .terms = terms, .nterms = 2, .order = order};
	CHECK("searchcache: a cache is written", searchcache_write(&c,
	    file) == 0);
	searchcache *r = searchcache_read(file, env);
	CHECK("searchcache: and read back", r != NULL);
	if (!r)
		CHECK_DONE();
	CHECK("searchcache: its documents", r->ndocs == 2 &&
	    r->items[1].lo == 20 && r->items[1].hi == 21);
	CHECK("searchcache: its words", r->nwords == 3 &&
	    !strcmp(r->words[0].word, "kissat") && r->words[1].len == 5 &&
	    r->words[2].hash == 13 && !strcmp(r->words[2].bases, "talo "));
	CHECK("searchcache: a word's postings, from two runs",
	    r->words[0].n == 2 && r->words[0].post[1] == (1 << 3 | 1) &&
	    r->words[1].n == 1 && r->words[1].post[0] == (1 << 3 | 2) &&
	    r->words[2].n == 0);
	CHECK("searchcache: a word is zero-padded", r->words[2].word[4] == 0 &&
	    r->words[2].word[7] == 0);
	CHECK("searchcache: its terms", r->nterms == 2 &&
	    !strcmp(r->terms[1].term, "kissa") && r->terms[1].nw == 2 &&
	    r->terms[1].words[1] == 1 && r->terms[1].n == 2 &&
	    r->terms[1].sum.lo == 7 && r->terms[1].sum.hi == 8);
	CHECK("searchcache: the orders", r->nsurface == 1 &&
	    r->surface[0] == 0 && r->order[0] == 1 && r->order[1] == 0);
	searchcache_free(r);

	CHECK("searchcache: another environment's is not read",
	    searchcache_read(file, (hash128){1, 3}) == NULL);
	CHECK("searchcache: no file, no cache",
	    searchcache_read("/nonexistent/search-index", env) == NULL);

	size_t whole = file_size(file);
	char *data = slurp(file, whole);
	char bad[256];
	snprintf(bad, sizeof bad, "%s/bad", dir);
	spit(bad, data, whole - 4);
	CHECK("searchcache: a cut file is not read",
	    searchcache_read(bad, env) == NULL);
	spit(bad, data, 100);
	CHECK("searchcache: a file cut in its header is not read",
	    searchcache_read(bad, env) == NULL);
	data[whole - 3] ^= 1;   /* a posting */
	spit(bad, data, whole);
	CHECK("searchcache: a damaged posting is found",
	    searchcache_read(bad, env) == NULL);
	data[whole - 3] ^= 1;
	data[200] ^= 0x40;      /* a table */
	spit(bad, data, whole);
	CHECK("searchcache: a damaged table is found",
	    searchcache_read(bad, env) == NULL);
	data[200] ^= 0x40;
	spit(bad, data, whole);
	r = searchcache_read(bad, env);
	CHECK("searchcache: the same bytes again are read", r != NULL);
	searchcache_free(r);
	memset(data, 'x', whole);
	spit(bad, data, whole);
	CHECK("searchcache: garbage is not read",
	    searchcache_read(bad, env) == NULL);
	free(data);

	unlink(bad);
	unlink(file);
	rmdir(dir);
	CHECK_DONE();
}
