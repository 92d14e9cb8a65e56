/* output: paths read from the manifest are checked, and its checksum
 * drops a damaged one, before the commit unlinks or renames anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "core/hash.h"
#include "output/lastbuild.h"
#include "output/output.h"

#define NFILES 10
static char T[64], OUT[128], MAN[128], VICTIM[128];

static int shift;   /* changes page 0's key and bytes */
static int nfiles = NFILES;   /* the pages s0 … s(nfiles-1) */

static hash128 key_of(int i)
{
	return (hash128){(uint64_t)i + 1, i == 0 ? 7 + (uint64_t)shift : 7};
}

/* One build of NFILES files; keep: try output_keep first. The count of
 * files kept without being made. */
static int trust;   /* output_trust_target before the files */
static lastbuild *LB;   /* the manifest read beforehand, for the next build */

static size_t build(int keep, int *rc)
{
	diag *d = diag_new(stderr);
	output *o = output_begin_from(OUT, MAN, LB, d);
	if (o && trust)
		output_trust_target(o);
	for (int i = 0; o && i < nfiles; i++) {
		char path[32], text[32];
		snprintf(path, sizeof path, "s%d/sivu.html", i);
		snprintf(text, sizeof text, "sivu %d\n", i ? i : shift);
		if (keep && output_keep(o, path, key_of(i), d) == 1)
			continue;
		output_write_keyed(o, path, key_of(i), text, strlen(text), d);
	}
	size_t skipped = o ? output_skipped(o) : 0;
	*rc = o ? output_commit(o, d) : -1;
	lastbuild_free(LB);
	LB = NULL;
	diag_free(d);
	return skipped;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 16);
	*len = buf ? fread(buf, 1, 1 << 16, f) : 0;
	fclose(f);
	return buf;
}

static void spit(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

/* Rewrites the manifest with its body changed by edit, and the header's
 * count and checksum made to match (as a forger would). */
static void forge(void (*edit)(char **body, size_t *blen, unsigned *n),
    int fix_sum)
{
	size_t len = 0;
	char *m = slurp(MAN, &len);
	if (!m)
		abort();
	char *nl = memchr(m, '\n', len);
	unsigned long long dev, ino, sum;
	unsigned n;
	sscanf(m, "saitti-manifest 2 %llu %llu %u %llx", &dev, &ino, &n, &sum);
	size_t blen = len - (size_t)(nl + 1 - m);
	char *body = malloc(blen + 4096);
	memcpy(body, nl + 1, blen);
	edit(&body, &blen, &n);
	if (fix_sum)
		sum = hash_bytes(body, blen).lo;
	char head[200];
	int hn = snprintf(head, sizeof head, "saitti-manifest 2 %llu %llu %u "
	    "%016llx\n", dev, ino, n, sum);
	char *all = malloc((size_t)hn + blen);
	memcpy(all, head, (size_t)hn);
	memcpy(all + hn, body, blen);
	spit(MAN, all, (size_t)hn + blen);
	free(all);
	free(body);
	free(m);
}

/* An entry for ../uhri.txt, as if the last build had written it. */
static void add_climber(char **body, size_t *blen, unsigned *n)
{
	const char *p = "../uhri.txt";
	uint64_t f8[4] = {2, 1, 1, strlen(p)};
	char *b = *body + *blen;
	memset(b, 0, 32);
	memcpy(b + 32, f8, 32);
	memcpy(b + 64, p, strlen(p) + 1);
	*blen += 64 + strlen(p) + 1;
	(*n)++;
}

/* One byte of the first path changed: the length stays. */
static void damage_path(char **body, size_t *blen, unsigned *n)
{
	(void)n;
	char *p = memmem(*body, *blen, "s0/sivu", 7);
	if (p)
		p[0] = 't';
}

/* Takes lb's read (the folder root's) and frees lb: the count of files
 * its pass found standing, and whether s1/sivu.html and s2/sivu.html
 * were among them (-1: not listed, or no read). */
static int take_stood(lastbuild *lb, const struct stat *root, int *s1,
    int *s2)
{
	lastbuild_files f;
	int stood = 0;
	*s1 = *s2 = -1;
	if (lastbuild_take(lb, MAN, (uint64_t)root->st_dev,
	    (uint64_t)root->st_ino, &f) == 0) {
		for (size_t i = 0; i < f.m.n; i++) {
			stood += f.m.entries[i].stood;
			if (!strcmp(f.m.entries[i].path, "s1/sivu.html"))
				*s1 = f.m.entries[i].stood;
			if (!strcmp(f.m.entries[i].path, "s2/sivu.html"))
				*s2 = f.m.entries[i].stood;
		}
		lastbuild_files_free(&f);
	}
	lastbuild_free(lb);
	return stood;
}

int main(void)
{
	snprintf(T, sizeof T, "/tmp/saitti-output-XXXXXX");
	if (!mkdtemp(T))
		return 1;
	snprintf(OUT, sizeof OUT, "%s/julkinen", T);
	snprintf(MAN, sizeof MAN, "%s/manifest", T);
	snprintf(VICTIM, sizeof VICTIM, "%s/uhri.txt", T);
	int rc;
	build(0, &rc);
	CHECK("a first build", rc == 0);
	CHECK("a second build keeps every file through the manifest",
	    build(1, &rc) == NFILES && rc == 0);

	/* The manifest's path ../uhri.txt with a checksum that matches. */
	spit(VICTIM, "x\n", 2);
	forge(add_climber, 1);
	size_t kept = build(1, &rc);
	CHECK("a manifest entry ../uhri.txt: the build succeeds", rc == 0);
	CHECK("...and the file beside the output is still there",
	    access(VICTIM, F_OK) == 0);
	CHECK("...the manifest is dropped whole (no file kept through it)",
	    kept == 0);
	CHECK("...and the next build trusts the new manifest",
	    build(1, &rc) == NFILES && rc == 0);

	forge(damage_path, 0);
	CHECK("a manifest damaged at the same length is dropped",
	    build(1, &rc) == 0 && rc == 0);
	char page[160];
	snprintf(page, sizeof page, "%s/s0/sivu.html", OUT);
	CHECK("...and the output is whole", access(page, F_OK) == 0);
	forge(damage_path, 1);
	CHECK("a path changed by a forger (checksum made to match) is a "
	    "plain stale entry", build(1, &rc) == NFILES - 1 && rc == 0);

	/* A file deleted by hand: made again, unless the target is the
	 * process's own (serve's), whose files are not stat'ed. */
	build(1, &rc);
	unlink(page);
	CHECK("a page deleted by hand is made again",
	    build(1, &rc) == NFILES - 1 && rc == 0 &&
	    access(page, F_OK) == 0);
	trust = 1;
	CHECK("a trusted target keeps every file without a stat",
	    build(1, &rc) == NFILES && rc == 0);
	unlink(page);
	CHECK("...so a page deleted there by hand is not seen",
	    build(1, &rc) == NFILES && rc == 0 && access(page, F_OK) != 0);
	snprintf(page, sizeof page, "%s/s1/sivu.html", OUT);
	spit(page, "käsin\n", 7);
	trust = 0;
	CHECK("...but an untrusted build puts both right",
	    build(1, &rc) == NFILES - 2 && rc == 0);
	size_t len = 0;
	char *text = slurp(page, &len);
	CHECK("...with the file's own bytes",
	    text && len == 7 && !memcmp(text, "sivu 1\n", 7));
	free(text);

	/* The manifest read while the site loads (lastbuild). */
	build(1, &rc);
	LB = lastbuild_start(OUT, MAN, 1, NULL);
	CHECK("a manifest read beforehand keeps every file",
	    LB && build(1, &rc) == NFILES && rc == 0);
	struct stat root;
	stat(OUT, &root);
	lastbuild_files f;
	lastbuild *lb = lastbuild_start(OUT, MAN, 1, NULL);
	CHECK("...it is taken only for its own file",
	    lastbuild_take(lb, OUT, (uint64_t)root.st_dev,
	    (uint64_t)root.st_ino, &f) != 0);
	CHECK("...and only for its own folder",
	    lastbuild_take(lb, MAN, (uint64_t)root.st_dev,
	    (uint64_t)root.st_ino + 1, &f) != 0);
	CHECK("...else it holds the last build's files",
	    lastbuild_take(lb, MAN, (uint64_t)root.st_dev,
	    (uint64_t)root.st_ino, &f) == 0 && f.m.n == NFILES + 1 &&
	    f.map != NULL);
	lastbuild_files_free(&f);
	CHECK("...once", lastbuild_take(lb, MAN, (uint64_t)root.st_dev,
	    (uint64_t)root.st_ino, &f) != 0);
	lastbuild_free(lb);
	/* The read's stat pass: a file changed or removed by hand before
	 * the build is marked, and made again (its bytes compared). */
	snprintf(page, sizeof page, "%s/s1/sivu.html", OUT);
	char gone[160];
	snprintf(gone, sizeof gone, "%s/s2/sivu.html", OUT);
	spit(page, "käsin\n", 7);
	unlink(gone);
	lb = lastbuild_start(OUT, MAN, 1, NULL);
	lastbuild_check_all(lb);   /* else the take stops the pass */
	int s1, s2;
	int stood = take_stood(lb, &root, &s1, &s2);
	CHECK("the read's stat pass finds the untouched files standing",
	    stood == NFILES + 1 - 2);
	CHECK("...but not a file changed by hand", s1 == 0);
	CHECK("...nor one removed by hand", s2 == 0);
	/* What the stamp's test found (lastbuild_known) is taken without a
	 * stat, for the manifest it read and no other. */
	struct stat ms;
	lstat(MAN, &ms);
	lastbuild_known kn = {NFILES + 1, (int64_t)ms.st_dev,
	    (int64_t)ms.st_ino, (int64_t)ms.st_size,
	    (int64_t)ms.st_mtim.tv_sec * 1000000000 + ms.st_mtim.tv_nsec};
	for (int pass = 0; pass < 4; pass++) {
		lastbuild_known k = kn;
		if (pass == 1)
			k.ino++;
		if (pass == 2)
			k.mtime++;
		if (pass == 3)
			k.upto = NFILES + 2;   /* more than it lists */
		lb = lastbuild_start(OUT, MAN, 1, &k);
		lastbuild_check_all(lb);
		take_stood(lb, &root, &s1, &s2);
		if (pass == 0)
			CHECK("files the stamp found standing are not stat'ed "
			    "again", s1 == 1 && s2 == 1);
		else
			CHECK(pass == 1 ? "...but not for another manifest" :
			    pass == 2 ? "...nor for one changed since" :
			    "...nor for more files than it lists",
			    s1 == 0 && s2 == 0);
	}
	lb = lastbuild_start(OUT, MAN, 0, NULL);
	lastbuild_check_all(lb);
	stood = -1;
	if (lastbuild_take(lb, MAN, (uint64_t)root.st_dev,
	    (uint64_t)root.st_ino, &f) == 0) {
		stood = 0;
		for (size_t i = 0; i < f.m.n; i++)
			stood += f.m.entries[i].stood;
		lastbuild_files_free(&f);
	}
	lastbuild_free(lb);
	CHECK("...and without check it stats nothing", stood == 0);
	LB = lastbuild_start(OUT, MAN, 1, NULL);
	CHECK("...so a build with the read makes both again",
	    build(1, &rc) == NFILES - 2 && rc == 0);
	text = slurp(page, &len);
	CHECK("...with the file's own bytes",
	    text && len == 7 && !memcmp(text, "sivu 1\n", 7));
	free(text);
	CHECK("...and the removed one back", access(gone, F_OK) == 0);

	/* Read, then a build in between changes page 0 and the manifest:
	 * the read is stale and must not be taken. */
	LB = lastbuild_start(OUT, MAN, 1, NULL);
	lastbuild_take(LB, OUT, 0, 0, &f);   /* waits for the read */
	lastbuild *stale = LB;
	LB = NULL;
	shift = 1;
	CHECK("a build that changes page 0", build(1, &rc) == NFILES - 1 &&
	    rc == 0);
	LB = stale;
	CHECK("...then one with the manifest read before it rereads it "
	    "(keeps every file)", build(1, &rc) == NFILES && rc == 0);
	snprintf(page, sizeof page, "%s/s0/sivu.html", OUT);
	text = slurp(page, &len);
	CHECK("...and page 0 holds its new bytes",
	    text && len == 7 && !memcmp(text, "sivu 1\n", 7));
	free(text);

	/* A page no longer made is removed (the commit's made_old), in
	 * place and by a swap. */
	nfiles = NFILES - 1;
	snprintf(page, sizeof page, "%s/s%d/sivu.html", OUT, NFILES - 1);
	CHECK("a page no longer made is removed",
	    build(1, &rc) == NFILES - 1 && rc == 0 && access(page, F_OK) != 0);
	snprintf(page, sizeof page, "%s/s1/sivu.html", OUT);
	CHECK("...and the others stay", access(page, F_OK) == 0);
	nfiles = 2;
	CHECK("most pages no longer made are removed",
	    build(1, &rc) == 2 && rc == 0);
	snprintf(page, sizeof page, "%s/s2/sivu.html", OUT);
	CHECK("...all of them", access(page, F_OK) != 0);
	snprintf(page, sizeof page, "%s/s1/sivu.html", OUT);
	CHECK("...and the others stay", access(page, F_OK) == 0);
	/* Two pages that want one file: each pair of ways to claim it
	 * (keep, write) refuses the second, and the build fails. */
	nfiles = 2;
	build(1, &rc);
	const char *how[] = {"keep, keep", "keep, write", "write, keep",
	    "write, write"};
	for (int k = 0; k < 4; k++) {
		char name[96];
		diag *d = diag_new_held();
		output *o = output_begin(OUT, MAN, d);
		const char *bytes = "sivu 1\n";
		int first = k < 2 ? output_keep(o, "s1/sivu.html", key_of(1),
		    d) : output_write_keyed(o, "s1/sivu.html", key_of(1), bytes,
		    strlen(bytes), d);
		int second = k % 2 == 0 ? output_keep(o, "s1/sivu.html",
		    key_of(1), d) : output_write_keyed(o, "s1/sivu.html",
		    key_of(1), bytes, strlen(bytes), d);
		snprintf(name, sizeof name, "two claims of one file (%s): the "
		    "second is refused with an error", how[k]);
		CHECK(name, first >= 0 && second == -1 && diag_errors(d) == 1);
		output_abort(o);
		diag_free(d);
	}
	CHECK("...and the output is as it was", build(1, &rc) == 2 && rc == 0);

	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", T);
	if (system(cmd) != 0)
		return 1;
	CHECK_DONE();
}
