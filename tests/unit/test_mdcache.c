/* mdcache: a second build reads what the first rendered, gives the same
 * result, and renders again whenever an input or a linked page changed. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

/* The side file a cache in dir writes its fresh entries to (the only
 * name ending in .new), into out; 0, or -1 when there is none. */
static int side_file(const char *dir, char *out, size_t n)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	int found = -1;
	while (dh && (e = readdir(dh)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > 4 && !strcmp(e->d_name + l - 4, ".new")) {
			snprintf(out, n, "%s/%s", dir, e->d_name);
			found = 0;
		}
	}
	if (dh)
		closedir(dh);
	return found;
}

/* Renders name's text in c; 0 when the HTML is right. */
static int render_ok(mdcache *c, arena *a, const char *name, diag *d)
{
	md_options opt = {.link_base = "/lape/blogi/", .resolve_md = resolve};
	md_result r;
	return mdcache_render(c, a, name, "*sivu*", 6, 0, &opt, &r, d) == 0 &&
	    !strcmp(r.html, "<p><em>sivu</em></p>\n") &&
	    r.html_len == strlen(r.html) &&
	    r.summary_html_len == strlen(r.summary_html) &&
	    r.summary_text_len == strlen(r.summary_text) ? 0 : -1;
}

/* A text whose entry alone passes the quarter megabyte the cache
 * gathers before it writes to its side file; 0 when it rendered. */
static int render_big(mdcache *c, arena *a, const char *name, diag *d)
{
	static char big[300 * 1024];
	for (size_t i = 0; i + 7 < sizeof big; i += 7)
		memcpy(big + i, "sivu. \n", 7);
	big[sizeof big - 1] = '\0';
	md_options opt = {.link_base = "/lape/blogi/", .resolve_md = resolve};
	md_result r;
	int rc = mdcache_render(c, a, name, big, strlen(big), 0, &opt, &r, d);
	return rc == 0 && r.html_len != strlen(r.html) ? -1 : rc;
}

/* The fresh entries go to a side file a quarter megabyte at a time; a
 * side file that cannot be made, is cut, or cannot be written loses only
 * them. */
static void side_files(const char *dir, arena *a, diag *d)
{
	char file[128], side[256];
	snprintf(file, sizeof file, "%s/sivut", dir);
	mdcache *c = mdcache_open(file);
	CHECK("mdcache: (a render, cold)", render_ok(c, a, "a.md", d) == 0);
	CHECK("mdcache: a small fresh entry is gathered, not written yet",
	    side_file(dir, side, sizeof side) == -1);
	CHECK("mdcache: (a big render)", render_big(c, a, "iso.md", d) == 0);
	CHECK("mdcache: past a quarter megabyte they are written, beside "
	    "the file", side_file(dir, side, sizeof side) == 0);
	mdcache_save(c);
	mdcache_free(c);
	CHECK("mdcache: the save makes it the file",
	    side_file(dir, side, sizeof side) == -1 &&
	    access(file, F_OK) == 0);
	c = mdcache_open(file);
	CHECK("mdcache: the gathered entry and the written one are both kept",
	    render_ok(c, a, "a.md", d) == 0 &&
	    render_big(c, a, "iso.md", d) == 0 && mdcache_hits(c) == 2 &&
	    mdcache_misses(c) == 0);
	mdcache_free(c);

	/* Cut in the middle of its entry, then appended: the file keeps what
	 * it had, the cut entry is rendered again next time. */
	c = mdcache_open(file);
	CHECK("mdcache: (hits and new renders)", render_ok(c, a, "a.md",
	    d) == 0 && render_big(c, a, "iso.md", d) == 0 &&
	    render_ok(c, a, "b.md", d) == 0 &&
	    render_big(c, a, "iso2.md", d) == 0 &&
	    mdcache_hits(c) == 2 && mdcache_misses(c) == 2);
	struct stat st;
	CHECK("mdcache: (cut the side file)", side_file(dir, side,
	    sizeof side) == 0 && stat(side, &st) == 0 &&
	    truncate(side, st.st_size - 20) == 0);
	mdcache_save(c);
	mdcache_free(c);
	CHECK("mdcache: no side file is left after the save",
	    side_file(dir, side, sizeof side) == -1);
	c = mdcache_open(file);
	CHECK("mdcache: after a cut side file the old entry still reads",
	    render_ok(c, a, "a.md", d) == 0 && mdcache_hits(c) == 1);
	CHECK("mdcache: ...and so does the one written before the cut",
	    render_ok(c, a, "b.md", d) == 0 && mdcache_hits(c) == 2);
	CHECK("mdcache: ...and the cut one is rendered again",
	    render_big(c, a, "iso2.md", d) == 0 && mdcache_misses(c) == 1);
	mdcache_save(c);
	mdcache_free(c);
	c = mdcache_open(file);
	CHECK("mdcache: ...and kept then", render_big(c, a, "iso2.md", d) ==
	    0 && mdcache_hits(c) == 1);
	mdcache_free(c);
	CHECK("mdcache: a cache freed unsaved leaves no side file",
	    side_file(dir, side, sizeof side) == -1);

	/* Cut when the save would make it the file (the old file's unused
	 * entries outweigh the used): it is not, the old file stays. */
	char file2[128];
	snprintf(file2, sizeof file2, "%s/sivut2", dir);
	c = mdcache_open(file2);
	CHECK("mdcache: (a file of two entries)", render_ok(c, a, "a.md", d) ==
	    0 && render_big(c, a, "iso.md", d) == 0);
	mdcache_save(c);
	mdcache_free(c);
	c = mdcache_open(file2);
	CHECK("mdcache: (one used, two new)", render_ok(c, a, "a.md", d) == 0 &&
	    render_ok(c, a, "b.md", d) == 0 &&
	    render_big(c, a, "iso3.md", d) == 0 && mdcache_hits(c) == 1);
	CHECK("mdcache: (cut that side file)", side_file(dir, side,
	    sizeof side) == 0 && stat(side, &st) == 0 &&
	    truncate(side, st.st_size - 20) == 0);
	mdcache_save(c);
	mdcache_free(c);
	c = mdcache_open(file2);
	CHECK("mdcache: a cut side file is not made the file",
	    render_ok(c, a, "a.md", d) == 0 &&
	    render_big(c, a, "iso.md", d) == 0 && mdcache_hits(c) == 2);
	CHECK("mdcache: ...its entries are rendered again",
	    render_ok(c, a, "b.md", d) == 0 &&
	    render_big(c, a, "iso3.md", d) == 0 && mdcache_misses(c) == 2);
	mdcache_free(c);
	unlink(file2);
	snprintf(side, sizeof side, "%s.seal", file2);
	unlink(side);

	/* A side file that cannot be written (a file size limit, as a full
	 * disk): renders still work, the file is left as it was. */
	stat(file, &st);
	off_t before = st.st_size;
	struct rlimit old, lim;
	getrlimit(RLIMIT_FSIZE, &old);
	lim.rlim_cur = 0;
	lim.rlim_max = old.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	c = mdcache_open(file);
	setrlimit(RLIMIT_FSIZE, &lim);
	CHECK("mdcache: a side file that cannot be written still renders",
	    render_ok(c, a, "c.md", d) == 0);
	mdcache_save(c);
	setrlimit(RLIMIT_FSIZE, &old);
	mdcache_free(c);
	stat(file, &st);
	CHECK("mdcache: ...and the file is as it was", st.st_size == before &&
	    side_file(dir, side, sizeof side) == -1);

	/* No folder for it at all. */
	char missing[160];
	snprintf(missing, sizeof missing, "%s/ei-ole/markdown", dir);
	c = mdcache_open(missing);
	CHECK("mdcache: without a folder for its side file it renders",
	    render_ok(c, a, "a.md", d) == 0);
	mdcache_save(c);
	mdcache_free(c);
	unlink(file);
}

/* The seal (core/seal): a file as the last save left it is read without
 * its entries' checksums; a byte changed in place, even at once (in the
 * same clock tick as the save), is caught by the checksums again. */
static void sealed(const char *dir, arena *a, diag *d)
{
	char file[128], seal[160];
	snprintf(file, sizeof file, "%s/sinetti", dir);
	snprintf(seal, sizeof seal, "%s.seal", file);
	mdcache *c = mdcache_open(file);
	CHECK("mdcache seal: (a cold render)", render_ok(c, a, "a.md", d) == 0);
	mdcache_save(c);
	mdcache_free(c);
	CHECK("mdcache seal: the save seals the file", access(seal, F_OK) == 0);
	c = mdcache_open(file);
	CHECK("mdcache seal: a sealed file's entry is a hit",
	    render_ok(c, a, "a.md", d) == 0 && mdcache_hits(c) == 1);
	mdcache_save(c);
	mdcache_free(c);

	/* "sivu" in the entry's HTML, changed in place: same size. */
	int fd = open(file, O_RDWR);
	struct stat st;
	char *m = NULL;
	if (fd >= 0 && fstat(fd, &st) == 0)
		m = malloc((size_t)st.st_size);
	int changed = m && pread(fd, m, (size_t)st.st_size, 0) == st.st_size;
	char *at = changed ? memmem(m, (size_t)st.st_size, "sivu", 4) : NULL;
	changed = at && pwrite(fd, "S", 1, at - m) == 1;
	if (fd >= 0)
		close(fd);
	free(m);
	CHECK("mdcache seal: (a byte changed in place)", changed);
	c = mdcache_open(file);
	CHECK("mdcache seal: the changed entry is not used",
	    render_ok(c, a, "a.md", d) == 0 && mdcache_misses(c) == 1);
	mdcache_save(c);
	mdcache_free(c);
	c = mdcache_open(file);
	CHECK("mdcache seal: the entry rendered again is used after",
	    render_ok(c, a, "a.md", d) == 0 && mdcache_hits(c) == 1);
	mdcache_save(c);
	mdcache_free(c);

	/* A damaged seal vouches for nothing: entries are checked, and hold. */
	FILE *f = fopen(seal, "r+b");
	if (f) {
		fseek(f, -3, SEEK_END);
		fputc('#', f);
		fclose(f);
	}
	c = mdcache_open(file);
	CHECK("mdcache seal: with a damaged seal good entries still read",
	    render_ok(c, a, "a.md", d) == 0 && mdcache_hits(c) == 1);
	mdcache_save(c);
	mdcache_free(c);
	unlink(file);
	unlink(seal);
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
	CHECK("mdcache: a render's html_sum is the digest of its HTML",
	    hash_eq(r1.html_sum, hash_bytes(r1.html, strlen(r1.html))));
	CHECK("mdcache: the cache's html_sum is the render's",
	    hash_eq(r2.html_sum, r1.html_sum));
	CHECK("mdcache: ...and its summary_sum, which is set",
	    hash_eq(r2.summary_sum, r1.summary_sum) &&
	    !hash_is_zero(r1.summary_sum));

	toinen_url = "/lape/blogi/toinen-uusi/";
	CHECK("mdcache: a linked page's new address renders again",
	    one_build(file, a, &r3, d) == -1);
	CHECK("mdcache: ...with the new address",
	    strstr(r3.html, "toinen-uusi/") != NULL);
	CHECK("mdcache: ...and its own html_sum",
	    hash_eq(r3.html_sum, hash_bytes(r3.html, strlen(r3.html))) &&
	    !hash_eq(r3.html_sum, r1.html_sum));
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

	side_files(dir, a, d);
	sealed(dir, a, d);

	mdcache *none = mdcache_open(NULL);
	md_result r4;
	CHECK("mdcache: without a file it only renders",
	    mdcache_render(none, a, "x.md", "*a*", 3, 0, NULL, &r4, d) == 0 &&
	    !strcmp(r4.html, "<p><em>a</em></p>\n"));
	mdcache_save(none);
	mdcache_free(none);
	unlink(file);
	char seal[160];
	snprintf(seal, sizeof seal, "%s.seal", file);
	unlink(seal);
	snprintf(seal, sizeof seal, "%s/sivut.seal", dir);
	unlink(seal);
	CHECK("mdcache: nothing else is left in its folder", rmdir(dir) == 0);
	diag_free(d);
	arena_free(a);
	CHECK_DONE();
}
