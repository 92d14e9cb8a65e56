/* fuzz_site: the whole build of a one-file site from arbitrary bytes.
 *
 * Once, at the first input, a site is set up in saitti-fuzz-PID under
 * /dev/shm (or /tmp): a site.yaml, content/index.md and the minimal theme
 * of tests/fixtures/basic (copied; run from the repository root, or set
 * $TOP to it). Each input becomes content/blogi/x.md and goes through
 * the pipeline as `saitti build` runs it: build_run (src/cli/build.c),
 * which is source_open_dir, site_load, output_begin, render_site_counted and
 * output_commit or output_abort.
 *
 * Each input is built twice: into out/ as a rebuild after a plain seed
 * post stood in its place (so the output manifest's page keys of the
 * seed's build decide what is skipped: render.c, job.inkey in
 * render/plan.h), then with the caches that build left (Markdown) into
 * the fresh folder again/; the two folders must hold the same files with
 * the same bytes. Outputs and caches are removed after each input, so no
 * input depends on the one before. */
#include <errno.h>
#include <ftw.h>
#include <glob.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/build.h"
#include "fuzz.h"

static char root[64], sitedir[128], outdir[128], againdir[128],
    cachedir[128], postfile[192];

static const char site_yaml[] =
    "title: \"Fuzz & <site>\"\n"
    "base_url: \"https://example.fi/lape/\"\n"
    "language: fi\n"
    "timezone: Europe/Helsinki\n"
    "theme: mini\n"
    "paginate: 2\n"
    "git_info: false\n";
static const char index_md[] =
    "---\ntitle: Etusivu\n---\nTervetuloa.\n";

/* What content/blogi/x.md was before each input: the input with this
 * after it, so that the seed's pages are mostly at the input's paths and
 * the rebuild must see what changed. */
static const char seed_tail[] = "\n\nSiemenen teksti.\n";

static int rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path) != 0 ? -1 : 0;
}

static void rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void cleanup(void)
{
	if (root[0])
		rm_tree(root);
}

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t n = fwrite(data, 1, len, f);
	int bad = ferror(f);
	if (fclose(f) != 0 || bad || n != len)
		return -1;
	return 0;
}

/* Memory is faster than a disk for thousands of small builds. */
static const char *tmp_base(void)
{
	return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
}

/* libFuzzer ends with _Exit, so atexit() cleans up only after replays:
 * the folders of fuzzers that are gone (named by their pid) go here. */
static void remove_stale(void)
{
	char pattern[64];
	size_t skip = (size_t)snprintf(pattern, sizeof pattern,
	    "%s/saitti-fuzz-", tmp_base());
	glob_t g;
	snprintf(pattern + skip, sizeof pattern - skip, "*");
	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char *end;
		long pid = strtol(g.gl_pathv[i] + skip, &end, 10);
		if (*end || pid <= 0 || (pid != getpid() &&
		    (kill((pid_t)pid, 0) == 0 || errno != ESRCH)))
			continue;
		rm_tree(g.gl_pathv[i]);
	}
	globfree(&g);
}

static void setup(void)
{
	const char *top = getenv("TOP");
	char themedir[PATH_MAX], cmd[2 * PATH_MAX];
	remove_stale();
	snprintf(root, sizeof root, "%s/saitti-fuzz-%ld", tmp_base(),
	    (long)getpid());
	if (mkdir(root, 0700) != 0) {
		perror(root);
		abort();
	}
	atexit(cleanup);
	snprintf(sitedir, sizeof sitedir, "%s/site", root);
	snprintf(outdir, sizeof outdir, "%s/out", root);
	snprintf(againdir, sizeof againdir, "%s/again", root);
	snprintf(cachedir, sizeof cachedir, "%s/cache", root);
	setenv("SAITTI_CACHE", cachedir, 1);
	snprintf(postfile, sizeof postfile, "%s/content/blogi/x.md", sitedir);
	snprintf(themedir, sizeof themedir, "%s/tests/fixtures/basic/themes/mini",
	    top && *top ? top : ".");
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/content/blogi' '%s/themes' "
	    "&& cp -R '%s' '%s/themes/mini'", sitedir, sitedir, themedir,
	    sitedir);
	if (access(themedir, R_OK) != 0 || system(cmd) != 0) {
		fprintf(stderr, "fuzz_site: cannot copy %s: run from the "
		    "repository root or set TOP\n", themedir);
		abort();
	}
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/site.yaml", sitedir);
	if (write_file(path, site_yaml, sizeof site_yaml - 1) != 0)
		abort();
	snprintf(path, sizeof path, "%s/content/index.md", sitedir);
	if (write_file(path, index_md, sizeof index_md - 1) != 0)
		abort();
}

/* 1 when the files under a (relative paths from a) are in b with the
 * same bytes, and b has no others (counted). */
static size_t nfiles;
static const char *other_root;
static int differs;

static int compare_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)ftw;
	if (flag != FTW_F)
		return 0;
	nfiles++;
	char twin[PATH_MAX];
	snprintf(twin, sizeof twin, "%s%s", other_root, path + strlen(outdir));
	FILE *f = fopen(path, "rb"), *g = fopen(twin, "rb");
	int same = f && g;
	while (same) {
		int c = fgetc(f), e = fgetc(g);
		if (c != e)
			same = 0;
		if (c == EOF)
			break;
	}
	if (f)
		fclose(f);
	if (g)
		fclose(g);
	if (!same || st->st_size < 0)
		differs = 1;
	return 0;
}

static int count_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)path;
	(void)st;
	(void)ftw;
	if (flag == FTW_F)
		nfiles--;
	return 0;
}

static int same_trees(void)
{
	nfiles = 0;
	differs = 0;
	other_root = againdir;
	nftw(outdir, compare_one, 16, FTW_PHYS);
	nftw(againdir, count_one, 16, FTW_PHYS);
	return !differs && nfiles == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!root[0])
		setup();
	build_req req = {
		.srcdir = sitedir,
		.out = outdir,
		.opts = {.now = "2018-06-01", .drafts = 1, .threads = 1},
	};
	build_stats st;
	uint8_t *seed = malloc(size + sizeof seed_tail);
	if (!seed)
		abort();
	memcpy(seed, data, size);
	memcpy(seed + size, seed_tail, sizeof seed_tail - 1);
	if (write_file(postfile, seed, size + sizeof seed_tail - 1) != 0)
		abort();
	free(seed);
	diag *d = fuzz_diag();
	build_run(&req, d, &st);   /* good or not: out/ is then as it was */
	diag_free(d);
	if (write_file(postfile, data, size) != 0)
		abort();
	d = fuzz_diag();
	int rc = build_run(&req, d, &st);
	if ((rc == 0) != (diag_errors(d) == 0))
		abort();      /* a failed build says why, a good one does not */
	diag_free(d);
	if (rc == 0) {
		req.out = againdir;
		d = fuzz_diag();
		if (build_run(&req, d, &st) != 0 || !same_trees()) {
			fprintf(stderr, "fuzz_site: a build with the caches "
			    "differs from one without\n");
			abort();
		}
		diag_free(d);
	}
	rm_tree(outdir);
	rm_tree(againdir);
	rm_tree(cachedir);
	return 0;
}
