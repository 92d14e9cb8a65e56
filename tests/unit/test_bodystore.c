/* bodystore: a rendered body kept out of the scratch arena reads the same
 * after that arena is gone and after its pages are given back; the
 * Markdown cache's strings stay in its map; a small site keeps its bodies
 * where they were made; an event's summary as text stays in memory; and
 * when the spill cannot take them they are copied into the model's
 * arena. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "check.h"
#include "core/arena.h"
#include "core/diag.h"
#include "model/bodystore.h"
#include "model/mdcache.h"

static const char *text = "Ensimmäinen kappale, [linkki](https://example.fi/a)"
    " ja ![kuva](kuva.png).\n\n## Otsikko\n\nToinen kappale.\n";

/* Renders text into a fresh scratch arena (*scratch). */
static int render(mdcache *mc, arena **scratch, md_result *r, diag *d)
{
	*scratch = arena_new();
	md_options opt = {.link_base = "/lape/blogi/"};
	return mc ? mdcache_render(mc, *scratch, "content/blogi/eka.md", text,
	    strlen(text), 4, &opt, r, d) : md_render(*scratch,
	    "content/blogi/eka.md", text, strlen(text), 4, &opt, r, d);
}

/* Whether p is in a map of a file (a spill's), by /proc/self/maps: the
 * arenas' memory is anonymous. */
static int in_file_map(const void *p)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int in = 0;
	while (f && fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		int at = 0;
		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi,
		    &at) < 2 || (unsigned long)p < lo ||
		    (unsigned long)p >= hi)
			continue;
		in = at > 0 && line[at] == '/';
		break;
	}
	if (f)
		fclose(f);
	return in;
}

/* r is the text's body, as the checks expect it. */
static int same(const md_result *r, const md_result *want)
{
	return !strcmp(r->html, want->html) &&
	    !strcmp(r->summary_html, want->summary_html) &&
	    !strcmp(r->summary_text, want->summary_text) &&
	    r->nlinks == 2 && r->nlinks == want->nlinks &&
	    !strcmp(r->links[0].url, "https://example.fi/a") &&
	    !strcmp(r->links[1].url, want->links[1].url) &&
	    !strcmp(r->links[1].target, "kuva.png") && r->links[1].is_image &&
	    r->words == want->words;
}

int main(void)
{
	char dir[] = "/tmp/saitti-bodystore-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	diag *d = diag_new(stderr);
	arena *a = arena_new(), *keep = arena_new(), *scratch;
	md_result want, r;
	md_options opt = {.link_base = "/lape/blogi/"};
	md_render(keep, "content/blogi/eka.md", text, strlen(text), 4, &opt,
	    &want, d);

	CHECK("bodystore: none for a small site",
	    bodystore_open(dir, BODYSTORE_SPILL_FROM - 1) == NULL);
	bodystore *bs = bodystore_open(dir, BODYSTORE_SPILL_FROM);
	CHECK("bodystore: one for a big site", bs != NULL);

	CHECK("bodystore: (render)", render(NULL, &scratch, &r, d) == 0);
	bodystore_keep(bs, NULL, a, &r);
	arena_free(scratch);
	CHECK("bodystore: kept, it reads the same after the scratch is gone",
	    same(&r, &want));

	site s;
	memset(&s, 0, sizeof s);
	s.bodies = bs;
	bodystore_release(&s);
	CHECK("bodystore: ...and after its pages are given back",
	    same(&r, &want));
	for (size_t i = 0; i < 3 * BODYSTORE_CHECK_EVERY; i++)
		bodystore_tick(&s, i);
	bodystore_check(&s);
	CHECK("bodystore: ...and after checks", same(&r, &want));

	/* An event's summary as text stays in memory, the rest is spilled
	 * as a post's. */
	CHECK("bodystore: (render an event's)",
	    render(NULL, &scratch, &r, d) == 0);
	bodystore_keep_event(bs, NULL, a, &r);
	arena_free(scratch);
	CHECK("bodystore: an event's body is spilled", in_file_map(r.html) &&
	    in_file_map(r.summary_html));
	CHECK("bodystore: an event's summary as text is not",
	    !in_file_map(r.summary_text));
	bodystore_release(&s);
	CHECK("bodystore: an event's reads the same after a release",
	    same(&r, &want));

	/* Without a spill the result stays where it was made. */
	md_result r2;
	CHECK("bodystore: (render in place)", md_render(a,
	    "content/blogi/eka.md", text, strlen(text), 4, &opt, &r2, d) == 0);
	const char *html = r2.html;
	md_link *links = r2.links;
	bodystore_keep(NULL, NULL, a, &r2);
	bodystore_keep_event(NULL, NULL, a, &r2);
	CHECK("bodystore: without a spill nothing moves",
	    r2.html == html && r2.links == links && same(&r2, &want));

	/* From the Markdown cache: the body stays in its map, the summary
	 * is packed into the spill. */
	char file[64];
	snprintf(file, sizeof file, "%s/markdown", dir);
	mdcache *mc = mdcache_open(file);
	CHECK("bodystore: (first render, cached)",
	    render(mc, &scratch, &r, d) == 0);
	bodystore_keep(bs, mc, a, &r);
	arena_free(scratch);
	mdcache_save(mc);
	mdcache_free(mc);
	mc = mdcache_open(file);
	CHECK("bodystore: (a hit)", render(mc, &scratch, &r, d) == 0 &&
	    mdcache_hits(mc) == 1);
	bodystore_keep(bs, mc, a, &r);
	arena_free(scratch);
	CHECK("bodystore: the cache's body stays in its map",
	    mdcache_owns(mc, r.html));
	CHECK("bodystore: its summary does not",
	    !mdcache_owns(mc, r.summary_text));
	s.mdcache = mc;
	bodystore_release(&s);
	CHECK("bodystore: a hit kept reads the same after a release",
	    same(&r, &want));
	mdcache_free(mc);
	s.mdcache = NULL;

	/* A spill that cannot be written: the strings are copied into a. */
	struct rlimit old, lim;
	getrlimit(RLIMIT_FSIZE, &old);
	lim.rlim_cur = 0;
	lim.rlim_max = old.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	bodystore *full = bodystore_open(dir, BODYSTORE_SPILL_FROM);
	setrlimit(RLIMIT_FSIZE, &lim);
	CHECK("bodystore: (render)", render(NULL, &scratch, &r, d) == 0);
	bodystore_keep(full, NULL, a, &r);
	setrlimit(RLIMIT_FSIZE, &old);
	arena_free(scratch);
	CHECK("bodystore: a spill that cannot be written leaves a copy",
	    same(&r, &want));
	bodystore_free(full);

	bodystore_free(bs);
	bodystore_free(NULL);
	unlink(file);
	char seal[80];
	snprintf(seal, sizeof seal, "%s.seal", file);
	unlink(seal);   /* the Markdown cache's (core/seal) */
	CHECK("bodystore: nothing left in the cache folder", rmdir(dir) == 0);
	arena_free(a);
	arena_free(keep);
	diag_free(d);
	CHECK_DONE();
}
