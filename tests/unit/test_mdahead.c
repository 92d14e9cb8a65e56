/* mdahead and mdcache_find/mdcache_take: a lookup made ahead finds the
 * entry mdcache_render_sum would, gives the same result, and gives none
 * when the key's inputs differ, the entry is damaged, or a linked page
 * moved since (the caller then renders the usual way). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core/arena.h"
#include "core/diag.h"
#include "core/hash.h"
#include "core/value.h"
#include "model/mdahead.h"
#include "model/mdcache.h"

static const char *toinen_url = "/lape/blogi/toinen/";

static const char *resolve(void *ctx, const char *path)
{
	(void)ctx;
	return !strcmp(path, "content/blogi/toinen.md") ? toinen_url : NULL;
}

static const char *text = "Ensimmäinen kappale, [linkki](toinen.md).\n\n"
    "Toinen kappale.\n";
static const char *summary = "Tiivistelmä *korostus*.";
static const char *src = "content/blogi/eka.md";

/* The first build: the body (line offset 4) and the summary (line 3)
 * rendered into the cache at file. */
static void first_build(const char *file, arena *a, diag *d)
{
	mdcache *c = mdcache_open(file);
	md_options opt = {.link_base = "/lape/blogi/", .resolve_md = resolve};
	md_result r;
	mdcache_render(c, a, src, text, strlen(text), 4, &opt, &r, d);
	mdcache_render(c, a, src, summary, strlen(summary), 2, &opt, &r, d);
	mdcache_save(c);
	mdcache_free(c);
}

/* A post as site.c gives it to mdahead: base path "/lape/", folder
 * "blogi/", the body known by its digest (not read) or by its text. */
static struct mdahead_doc doc_of(arena *a, int with_text, int body_line)
{
	value *meta = val_map(a);
	value *sv = val_str(a, summary);
	sv->line = 3;
	val_map_set(a, meta, "summary", sv);
	struct mdahead_doc doc = {src, "blogi/", with_text ? text : NULL,
	    strlen(text), with_text ? (hash128){0, 0} :
	    hash_bytes(text, strlen(text)), body_line, meta,
	    {{0, 0}, NULL}, {{0, 0}, NULL}};
	return doc;
}

/* Runs mdahead over one doc; returns the cache it opened. */
static mdcache *ahead(const char *file, struct mdahead_doc *doc,
    int threads)
{
	site s;
	memset(&s, 0, sizeof s);
	s.base_path = "/lape/";
	s.threads = threads;
	mdahead *m = mdahead_start(file, &s, doc, 1);
	return mdahead_join(m);
}

int main(void)
{
	char dir[] = "/tmp/saitti-mdahead-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char file[64];
	snprintf(file, sizeof file, "%s/markdown", dir);
	arena *a = arena_new();
	diag *d = diag_new(stderr);
	first_build(file, a, d);

	md_options opt = {.resolve_md = resolve};
	struct mdahead_doc doc = doc_of(a, 0, 5);
	mdcache *c = ahead(file, &doc, 2);
	CHECK("mdahead: the body known by its digest is found",
	    doc.hint.entry != NULL);
	CHECK("mdahead: ...and its summary", doc.summary_hint.entry != NULL);
	md_result r, s;
	CHECK("mdahead: the body is taken", mdcache_take(c, &doc.hint,
	    &opt, &r, d) == 0 && strstr(r.html, "/lape/blogi/toinen/") &&
	    hash_eq(r.html_sum, hash_bytes(r.html, strlen(r.html))));
	CHECK("mdahead: ...and the summary", mdcache_take(c,
	    &doc.summary_hint, &opt, &s, d) == 0 &&
	    strstr(s.html, "<em>korostus</em>") != NULL);
	CHECK("mdahead: both count as hits", mdcache_hits(c) == 2 &&
	    mdcache_misses(c) == 0);
	mdcache_save(c);
	CHECK("mdahead: after the save nothing is taken",
	    mdcache_take(c, &doc.hint, &opt, &r, d) == -1);
	mdcache_free(c);

	struct mdahead_doc got = doc_of(a, 1, 5);
	c = ahead(file, &got, 2);
	CHECK("mdahead: a body read is found by its text",
	    got.hint.entry != NULL && mdcache_take(c, &got.hint, &opt,
	    &r, d) == 0);
	mdcache_free(c);

	/* Many docs: the thread and the one that joins it share them, each
	 * finding into its own arena; every one is found and taken. */
	enum { MANY = 4000 };
	struct mdahead_doc *many = malloc(MANY * sizeof *many);
	for (size_t i = 0; i < MANY; i++)
		many[i] = doc_of(a, (int)(i % 2), 5);
	site ms;
	memset(&ms, 0, sizeof ms);
	ms.base_path = "/lape/";
	ms.threads = 2;
	c = mdahead_join(mdahead_start(file, &ms, many, MANY));
	size_t found = 0, taken = 0;
	for (size_t i = 0; i < MANY; i++) {
		found += many[i].hint.entry && many[i].summary_hint.entry;
		taken += mdcache_take(c, &many[i].hint, &opt, &r, d) == 0 &&
		    strstr(r.html, "/lape/blogi/toinen/") != NULL;
	}
	CHECK("mdahead: many docs, found by both threads: every one",
	    found == MANY);
	CHECK("mdahead: ...and every one taken", taken == MANY);
	mdcache_free(c);
	free(many);

	/* The key's inputs: the line, the folder (the link base), the
	 * text. */
	struct mdahead_doc moved = doc_of(a, 0, 6);
	c = ahead(file, &moved, 2);
	CHECK("mdahead: a body on another line is not found",
	    moved.hint.entry == NULL && moved.summary_hint.entry != NULL);
	CHECK("mdahead: ...and nothing is taken",
	    mdcache_take(c, &moved.hint, &opt, &r, d) == -1);
	mdcache_free(c);
	struct mdahead_doc other = doc_of(a, 0, 5);
	other.dir = "uutiset/";
	c = ahead(file, &other, 2);
	CHECK("mdahead: another folder is another link base: not found",
	    other.hint.entry == NULL && other.summary_hint.entry == NULL);
	mdcache_free(c);
	struct mdahead_doc edited = doc_of(a, 0, 5);
	edited.body_sum = hash_bytes("toinen teksti", 13);
	c = ahead(file, &edited, 2);
	CHECK("mdahead: an edited body is not found",
	    edited.hint.entry == NULL);
	mdcache_free(c);

	/* A linked page moved: the entry is found, but not taken, and
	 * nothing is told; the render then makes the new link. */
	doc = doc_of(a, 0, 5);
	c = ahead(file, &doc, 2);
	toinen_url = "/lape/blogi/toinen-uusi/";
	diag *held = diag_new_held();
	CHECK("mdahead: a linked page's new address: not taken",
	    doc.hint.entry != NULL && mdcache_take(c, &doc.hint, &opt, &r,
	    held) == -1 && diag_warnings(held) == 0 && diag_errors(held) == 0);
	md_options ropt = {.link_base = "/lape/blogi/", .resolve_md = resolve};
	CHECK("mdahead: ...rendered the usual way, with the new address",
	    mdcache_render(c, a, src, text, strlen(text), 4, &ropt, &r, d) ==
	    0 && strstr(r.html, "toinen-uusi/") != NULL &&
	    mdcache_misses(c) == 1);
	diag_free(held);
	mdcache_save(c);
	mdcache_free(c);
	toinen_url = "/lape/blogi/toinen/";

	/* A damaged entry (a byte of its HTML changed, its length kept) is
	 * not found: the checksum is checked ahead. */
	first_build(file, a, d);
	int fd = open(file, O_RDWR);
	struct stat st;
	fstat(fd, &st);
	char *all = malloc((size_t)st.st_size);
	CHECK("mdahead: (read)", read(fd, all, (size_t)st.st_size) ==
	    st.st_size);
	char *at = memmem(all, (size_t)st.st_size, "Toinen kappale", 14);
	CHECK("mdahead: (the HTML is in the file)", at != NULL);
	if (at)
		at[0] = 'X';
	CHECK("mdahead: (write)", pwrite(fd, all, (size_t)st.st_size, 0) ==
	    st.st_size);
	close(fd);
	free(all);
	doc = doc_of(a, 0, 5);
	c = ahead(file, &doc, 2);
	CHECK("mdahead: a damaged entry is not found",
	    doc.hint.entry == NULL && doc.summary_hint.entry != NULL);
	mdcache_free(c);

	/* On one thread (--jobs 1) the cache is only opened. */
	doc = doc_of(a, 0, 5);
	c = ahead(file, &doc, 1);
	CHECK("mdahead: on one thread nothing is found, the cache opens",
	    doc.hint.entry == NULL && mdcache_entries(c) > 0);
	mdcache_free(c);

	/* No cache file: the cache opens, nothing is found. */
	doc = doc_of(a, 0, 5);
	c = ahead(NULL, &doc, 2);
	CHECK("mdahead: without a file nothing is found", c != NULL &&
	    doc.hint.entry == NULL && mdcache_entries(c) == 0);
	mdcache_free(c);

	unlink(file);
	rmdir(dir);
	diag_free(d);
	arena_free(a);
	CHECK_DONE();
}
