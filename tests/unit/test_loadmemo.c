/* loadmemo and parsecache (issue 17): a build that takes unchanged files
 * from the memo of the builds before it (as saitti serve does), or their
 * front matter from the cache folder (as saitti build does), writes the
 * same bytes and the same messages as a clean build of the same sources,
 * after each kind of change a writer makes: a post's text and front
 * matter, a new, removed or renamed post, an event, a template,
 * site.yaml, an error and its fix, a draft, and an edit of the same
 * size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/cli/build.h"
#include "../../src/model/loadmemo.h"
#include "../../src/model/parsecache.h"
#include "check.h"

static char T[] = "/tmp/saitti-loadmemo-XXXXXX";
/* The scenario's folder under T, and its name in the checks. */
static char D[300];
static const char *story;
static char site_dir[400], msgs_inc[65536], msgs_clean[65536];

/* One build of the site into D/NAME with the cache D/NAME-cache, with or
 * without the memo; the messages go to msgs. Returns build_run's code. */
static int build(loadmemo *memo, const char *name, char *msgs, size_t cap)
{
	char out[400], cache[420];
	snprintf(out, sizeof out, "%s/%s", D, name);
	snprintf(cache, sizeof cache, "%s/%s-cache", D, name);
	setenv("SAITTI_CACHE", cache, 1);
	FILE *f = fmemopen(msgs, cap, "w");
	diag *d = diag_new(f);
	build_req r = {.srcdir = site_dir, .out = out,
	    .opts = {.now = "2018-06-01", .base_url = "http://127.0.0.1:1313/",
	    .drafts = 1, .preview = 1, .memo = memo}};
	int rc = build_run(&r, d, NULL);
	diag_free(d);
	fputc('\0', f);
	fclose(f);
	return rc;
}

/* Runs a shell command in which every %1$s is the scenario's folder. */
static int sh(const char *fmt)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, fmt, D);
	return system(cmd);
}

/* The incremental build, then a clean one (no memo, no cache): the same
 * code, messages and files. */
static void same(loadmemo *memo, const char *what)
{
	char name[200];
	int inc = build(memo, "inc", msgs_inc, sizeof msgs_inc);
	sh("rm -rf %1$s/clean %1$s/clean-cache");
	int clean = build(NULL, "clean", msgs_clean, sizeof msgs_clean);
	snprintf(name, sizeof name, "%s: %s: the same result", story, what);
	CHECK(name, inc == clean);
	snprintf(name, sizeof name, "%s: %s: the same messages", story,
	    what);
	CHECK_STR(name, msgs_inc, msgs_clean);
	if (inc == 0) {
		snprintf(name, sizeof name, "%s: %s: the same files", story,
		    what);
		CHECK(name, sh("diff -r %1$s/inc %1$s/clean >/dev/null") ==
		    0 || (sh("diff -r %1$s/inc %1$s/clean | head -20"),
		    0));
	}
}

static void put(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", site_dir, rel);
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static void append(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", site_dir, rel);
	FILE *f = fopen(path, "a");
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static char *slurp(const char *rel)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", site_dir, rel);
	FILE *f = fopen(path, "r");
	if (!f)
		return strdup("");
	static char b[65536];
	size_t n = fread(b, 1, sizeof b - 1, f);
	b[n] = '\0';
	fclose(f);
	return strdup(b);
}

/* Files changed this close to a read are read again (RACY_NS): the
 * checks of entries kept by their identity wait it out. */
static void settle(void)
{
	sleep(4);
}

/* Keeps rel in the build's parse cache as it is now, but with another
 * body's digest. */
static void tamper(const char *rel)
{
	char file[420];
	snprintf(file, sizeof file, "%s/inc-cache/parse", D);
	char *t = slurp(rel);
	diag *d = diag_new_held(), *held = diag_new_held();
	arena *a = arena_new();
	source *src = source_open_dir(site_dir, d);
	parsecache *c = parsecache_open(file, 1);
	parsecache_expect(c, 1, (hash128){0, 0});
	source_ident id;
	fm_doc doc;
	if (src && source_ident_of(src, rel, &id) == 0 &&
	    fm_parse(a, rel, t, strlen(t), &doc, held) == 0) {
		doc.body_off = (size_t)(doc.body - t);
		doc.body_sum = hash_bytes("toinen teksti", 13);
		parsecache_keep(c, 0, 0, rel, &id, t, strlen(t), 1, &doc,
		    held, NULL, 0);
		parsecache_save(c);
	}
	parsecache_free(c);
	source_free(src);
	arena_free(a);
	diag_free(held);
	diag_free(d);
	free(t);
}

/* The whole story, with a memo (serve) or with the cache folder's
 * parsecache (build, memo NULL). */
static void scenario(loadmemo *memo)
{
	char name[400];
	snprintf(site_dir, sizeof site_dir, "%s/site", D);
	if (sh("mkdir %1$s/site && cp -R tests/fixtures/basic/content "
	    "tests/fixtures/basic/site.yaml tests/fixtures/basic/themes "
	    "%1$s/site/") != 0)
		return;
	sh("mkdir -p %1$s/site/content/tapahtumat && cp "
	    "tests/fixtures/events/content/tapahtumat/messut.md "
	    "%1$s/site/content/tapahtumat/");
	settle();

	same(memo, "the first build");
	size_t files = memo ? loadmemo_size(memo) : 10;
	if (memo)
		CHECK("loadmemo: every Markdown file is kept", files == 10);
	snprintf(name, sizeof name, "%s/inc-cache/parse", D);
	struct stat st;
	CHECK(memo ? "loadmemo: no parse cache" :
	    "parsecache: the cache file is written",
	    (stat(name, &st) == 0 && st.st_size > 1000) == !memo);

	append("content/blogi/2017/toinen.md", "\nLisätty kappale.\n");
	same(memo, "a post's text edited");
	if (memo)
		CHECK("loadmemo: the unchanged files come from the memo",
		    loadmemo_hits(memo) == files - 1);

	char *t = slurp("content/blogi/kolmas.md");
	char *p = strstr(t, "title:");
	if (p) {
		char *nt = malloc(strlen(t) + 32);
		snprintf(nt, strlen(t) + 32, "%.*stitle: \"Uusi otsikko\"\n%s",
		    (int)(p - t), t, strchr(p, '\n') + 1);
		put("content/blogi/kolmas.md", nt);
		free(nt);
	}
	free(t);
	same(memo, "a post's title changed");

	put("content/blogi/2018-05-01-uusi.md", "---\ntitle: Uusi\n"
	    "tags: [uusi, perhe]\n---\nUusi kirjoitus, [linkki](2017/toinen.md)."
	    "\n");
	same(memo, "a post added");

	sh("mv %1$s/site/content/blogi/2018-05-01-uusi.md "
	    "%1$s/site/content/uutiset/2018-05-02-siirretty.md");
	same(memo, "a post renamed");

	sh("rm %1$s/site/content/uutiset/2018-05-02-siirretty.md");
	same(memo, "a post removed");

	put("content/tapahtumat/paiva.md", "---\ntitle: Päivä\n"
	    "start: 2018-06-10\nlocation: Oulu\n---\nTervetuloa.\n");
	same(memo, "an event added");
	append("content/tapahtumat/messut.md", "\nLisää tietoa.\n");
	same(memo, "an event edited");

	append("themes/mini/templates/post.html", "\n<!-- muutettu -->\n");
	same(memo, "a template edited");

	t = slurp("site.yaml");
	char *y = malloc(strlen(t) + 64);
	snprintf(y, strlen(t) + 64, "%spaginate: 1\n", t);
	char *q = strstr(y, "paginate: 2\n");
	if (q)
		memcpy(q, "# ", 2);
	put("site.yaml", y);
	free(y);
	free(t);
	same(memo, "site.yaml changed");
	if (memo)
		CHECK("loadmemo: site.yaml changed: every file is read again",
		    loadmemo_hits(memo) == 0);

	t = slurp("content/blogi/2017/2017-11-07-eka.md");
	y = malloc(strlen(t) + 32);
	snprintf(y, strlen(t) + 32, "---\ndraft: true\n%s", t + 4);
	put("content/blogi/2017/2017-11-07-eka.md", y);
	free(y);
	free(t);
	same(memo, "a post made a draft");

	/* An error, and an edit that keeps the size, in files the memo
	 * trusts by their identity: the error is told again from the memo,
	 * and the change time tells the edit. */
	put("content/blogi/2018-04-01-rikki.md", "---\ntitle: [rikki\n---\n"
	    "Teksti.\n");
	settle();
	same(memo, "a file with an error");
	snprintf(name, sizeof name, "%s: a file with an error: the build "
	    "fails", story);
	CHECK(name, strstr(msgs_inc, "2018-04-01-rikki.md:2:") != NULL);
	same(memo, "the error again, the file unchanged");
	if (memo)
		CHECK("loadmemo: the error again: every file from the memo",
		    loadmemo_hits(memo) == loadmemo_size(memo));
	snprintf(name, sizeof name, "%s: the error again: the build fails",
	    story);
	CHECK(name, strstr(msgs_inc, "2018-04-01-rikki.md:2:") != NULL);
	put("content/blogi/2018-04-01-rikki.md", "---\ntitle: Korjattu\n---\n"
	    "Teksti.\n");
	same(memo, "the error fixed");
	t = slurp("content/tietoa.md");
	char *z = strrchr(t, '.');
	if (z)
		*z = '!';
	put("content/tietoa.md", t);
	free(t);
	same(memo, "an edit of the same size");
	if (memo)
		return;

	/* A damaged cache file is parsed again where it is damaged; a link
	 * at its name is neither followed nor written through. */
	settle();
	same(memo, "the cache settled");
	/* Bodies taken from the parse cache are known by their digests:
	 * with the Markdown cache gone, each (an event file's too) is read
	 * from its file again. (The stamps go too: nothing the build reads
	 * changed.) */
	sh("rm %1$s/inc-cache/markdown %1$s/inc-cache/stamp-*");
	same(memo, "the Markdown cache removed");
	/* A body the cache names by a digest its file does not have (the
	 * file changed while a build read it) stops the build with a
	 * message instead of publishing other words; an edit then reads
	 * the file. */
	sh("rm %1$s/inc-cache/markdown %1$s/inc-cache/stamp-*");
	tamper("content/tietoa.md");
	int rc = build(memo, "inc", msgs_inc, sizeof msgs_inc);
	CHECK("parsecache: a body that is not its digest's: the build fails",
	    rc != 0 && strstr(msgs_inc, "content/tietoa.md:1:1: error:"));
	append("content/tietoa.md", "\nKorjattu.\n");
	same(memo, "that file edited");
	settle();
	same(memo, "the cache settled again");
	sh("printf 'XXXXXXXXXXXXXXXXXXXXXXXX' | dd of=%1$s/inc-cache/parse "
	    "bs=1 seek=3000 conv=notrunc 2>/dev/null");
	same(memo, "a damaged cache file");
	sh("printf 'ulkopuolinen' >%1$s/outside && rm %1$s/inc-cache/parse && "
	    "ln -s %1$s/outside %1$s/inc-cache/parse");
	append("content/tietoa.md", "\nVielä yksi.\n");
	same(memo, "a link at the cache file's name");
	snprintf(name, sizeof name, "%s/inc-cache/parse", D);
	CHECK("parsecache: the link was replaced, not written through",
	    lstat(name, &st) == 0 && S_ISREG(st.st_mode) &&
	    sh("test \"$(cat %1$s/outside)\" = ulkopuolinen") == 0);

	/* An edit's entry is appended to the file; when most of the file's
	 * entries went unused, it is written anew, without them. */
	settle();
	same(memo, "settled before appending");
	struct stat a0, a1, a2;
	int ok0 = stat(name, &a0) == 0;
	append("content/tietoa.md", "\nJa vielä.\n");
	settle();
	same(memo, "an edit after the margin");
	CHECK("parsecache: an edit's entry is appended to the same file",
	    ok0 && stat(name, &a1) == 0 && a1.st_ino == a0.st_ino &&
	    a1.st_size > a0.st_size);
	sh("cd %1$s/site/content && rm blogi/kolmas.md blogi/luonnos.md "
	    "blogi/tuleva.md blogi/2017/toinen.md tietoa.md "
	    "uutiset/2018-03-25-kesaaika.md tapahtumat/paiva.md");
	same(memo, "most files removed");
	CHECK("parsecache: most entries unused: the file is written anew, "
	    "smaller", stat(name, &a2) == 0 && a2.st_ino != a1.st_ino &&
	    a2.st_size < a1.st_size);
}

int main(void)
{
	if (!mkdtemp(T))
		return 1;
	snprintf(D, sizeof D, "%s/serve", T);
	story = "loadmemo";
	loadmemo *memo = loadmemo_new();
	if (mkdir(D, 0700) == 0)
		scenario(memo);
	loadmemo_free(memo);
	snprintf(D, sizeof D, "%s/build", T);
	story = "parsecache";
	if (mkdir(D, 0700) == 0)
		scenario(NULL);
	snprintf(D, sizeof D, "%s", T);
	sh("rm -rf %1$s");
	CHECK_DONE();
}
