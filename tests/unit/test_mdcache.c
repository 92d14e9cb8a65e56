/* mdcache: a second build reads what the first rendered, gives the same
 * result, and renders again whenever an input or a linked page changed. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core/arena.h"
#include "core/diag.h"
#include "model/mdcache.h"

static const char *toinen_url = "/lape/blogi/toinen/";

static const char *resolve(void *ctx, const char *path)
{
	(void)ctx;
	return !strcmp(path, "content/blogi/toinen.md") ? toinen_url : NULL;
}

static const char *text = "Ensimmäinen kappale, [linkki](toinen.md).\n\n"
    "## Otsikko\n\nToinen ![kuva](kuva.png).\n";

/* Renders text in a fresh cache at file; returns hits - misses of it. */
static int one_build(const char *file, arena *a, md_result *r, diag *d)
{
	mdcache *c = mdcache_open(file);
	md_options opt = {.link_base = "/lape/blogi/", .resolve_md = resolve};
	int rc = mdcache_render(c, a, "content/blogi/eka.md", text,
	    strlen(text), 4, &opt, r, d);
	int score = rc == 0 ? (int)mdcache_hits(c) - (int)mdcache_misses(c) :
	    -100;
	/* The results point into the cache: copy what the checks read. */
	r->html = arena_strdup(a, r->html);
	r->summary_text = arena_strdup(a, r->summary_text);
	if (r->nlinks)
		r->links[0].url = arena_strdup(a, r->links[0].url);
	mdcache_save(c);
	mdcache_free(c);
	return score;
}

int main(void)
{
	char dir[] = "/tmp/saitti-mdcache-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char file[64];
	snprintf(file, sizeof file, "%s/markdown", dir);
	arena *a = arena_new();
	diag *d = diag_new(stderr);
	md_result r1, r2, r3;
	CHECK("mdcache: the first build renders", one_build(file, a, &r1, d) == -1);
	CHECK("mdcache: the second reads the cache",
	    one_build(file, a, &r2, d) == 1);
	CHECK_STR("mdcache: the same HTML", r2.html, r1.html);
	CHECK_STR("mdcache: the same summary", r2.summary_text, r1.summary_text);
	CHECK("mdcache: the same links", r2.nlinks == r1.nlinks &&
	    r2.nlinks == 2 && r2.links[1].line == r1.links[1].line &&
	    !strcmp(r2.links[0].url, "/lape/blogi/toinen/"));
	CHECK("mdcache: the same word count", r2.words == r1.words);

	toinen_url = "/lape/blogi/toinen-uusi/";
	CHECK("mdcache: a linked page's new address renders again",
	    one_build(file, a, &r3, d) == -1);
	CHECK("mdcache: ...with the new address",
	    strstr(r3.html, "toinen-uusi/") != NULL);
	CHECK("mdcache: the entry appended then is the one read",
	    one_build(file, a, &r3, d) == 1 &&
	    strstr(r3.html, "toinen-uusi/") != NULL);

	/* A crash in the middle of an append leaves a torn last entry. */
	struct stat st;
	stat(file, &st);
	CHECK("mdcache: (truncate)", truncate(file, st.st_size - 10) == 0);
	toinen_url = "/lape/blogi/kolmas/";
	CHECK("mdcache: a torn last entry is not read",
	    one_build(file, a, &r3, d) == -1);
	CHECK("mdcache: ...and what follows it is",
	    one_build(file, a, &r3, d) == 1 &&
	    strstr(r3.html, "kolmas/") != NULL);

	/* After the save: what the cache gave still reads (its map stays
	 * until mdcache_free), a render still works, uncached, and a second
	 * save writes nothing. */
	mdcache *c = mdcache_open(file);
	md_options opt = {.link_base = "/lape/blogi/", .resolve_md = resolve};
	md_result r5, r6;
	CHECK("mdcache: (a hit before the save)", mdcache_render(c, a,
	    "content/blogi/eka.md", text, strlen(text), 4, &opt, &r5, d) == 0 &&
	    mdcache_hits(c) == 1);
	mdcache_save(c);
	CHECK("mdcache: what the cache gave reads after the save",
	    strstr(r5.html, "kolmas/") != NULL);
	stat(file, &st);
	off_t saved = st.st_size;
	CHECK("mdcache: a render after the save works",
	    mdcache_render(c, a, "content/blogi/uusi.md", "*b*", 3, 0, &opt,
	    &r6, d) == 0 && !strcmp(r6.html, "<p><em>b</em></p>\n"));
	mdcache_save(c);
	stat(file, &st);
	CHECK("mdcache: a second save writes nothing", st.st_size == saved);
	mdcache_free(c);

	/* A file of garbage is no cache. */
	FILE *f = fopen(file, "wb");
	fputs("saitti-mdcache 1\nroskaa", f);
	fclose(f);
	CHECK("mdcache: a damaged file is ignored",
	    one_build(file, a, &r3, d) == -1);
	CHECK("mdcache: ...and replaced by a good one",
	    one_build(file, a, &r3, d) == 1);

	mdcache *none = mdcache_open(NULL);
	md_result r4;
	CHECK("mdcache: without a file it only renders",
	    mdcache_render(none, a, "x.md", "*a*", 3, 0, NULL, &r4, d) == 0 &&
	    !strcmp(r4.html, "<p><em>a</em></p>\n"));
	mdcache_save(none);
	mdcache_free(none);
	unlink(file);
	rmdir(dir);
	diag_free(d);
	arena_free(a);
	CHECK_DONE();
}
