/* outguard: the output folder may not overlap what a build must keep. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "output/outguard.h"

static char T[64];   /* a temporary folder, resolved */

static char *made[256];
static size_t nmade;

/* T/rel, kept until the end. */
static char *at(const char *rel)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s/%s", T, rel);
	if (nmade == sizeof made / sizeof *made)
		abort();
	return made[nmade++] = strdup(buf);
}

static void mk(const char *rel)
{
	mkdir(at(rel), 0755);
}

static void put(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The check's verdict and its message (first line) for r. */
static int check(outguard_req r, char *msg, size_t cap)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	diag *d = diag_new(m);
	int rc = outguard_check(&r, d);
	diag_free(d);
	fclose(m);
	snprintf(msg, cap, "%s", text ? text : "");
	free(text);
	return rc;
}

int main(void)
{
	char *r;
	/* ---- pure path comparisons ---- */
	CHECK("within: the folder itself", outguard_within("/a/b", "/a/b"));
	CHECK("within: inside", outguard_within("/a/b/c", "/a/b"));
	CHECK("within: a longer name is not inside",
	    !outguard_within("/a/bc", "/a/b"));
	CHECK("within: above is not inside", !outguard_within("/a", "/a/b"));
	CHECK("within: everything is inside /", outguard_within("/x", "/"));
	CHECK("overlap: holds", outguard_overlap("/a", "/a/b/c"));
	CHECK("overlap: inside", outguard_overlap("/a/b/c", "/a"));
	CHECK("overlap: same", outguard_overlap("/a/b", "/a/b"));
	CHECK("overlap: siblings do not", !outguard_overlap("/a/b", "/a/c"));
	CHECK("overlap: a prefix of a name does not",
	    !outguard_overlap("/a/public", "/a/pub"));

	/* ---- resolving ---- */
	snprintf(T, sizeof T, "/tmp/saitti-outguard-XXXXXX");
	if (!mkdtemp(T))
		return 1;
	r = realpath(T, NULL);
	snprintf(T, sizeof T, "%s", r);
	free(r);
	mk("site");
	mk("site/.git");
	mk("site/.git/objects");
	mk("site/.git/refs");
	put("site/.git/HEAD", "ref: refs/heads/main\n");
	mk("site/content");
	mk("site/themes");
	put("site/site.yaml", "title: x\n");
	symlink("site/.git", at("linkki"));
	r = outguard_resolve(at("site/public/../.git"));
	CHECK_STR("resolve: .. in a part that does not exist", r,
	    at("site/.git"));
	free(r);
	r = outguard_resolve(at("linkki/objects"));
	CHECK_STR("resolve: a link is followed", r, at("site/.git/objects"));
	free(r);
	r = outguard_resolve(at("linkki/uusi/kansio"));
	CHECK_STR("resolve: below a link, parts that do not exist", r,
	    at("site/.git/uusi/kansio"));
	free(r);
	r = outguard_resolve(at("site//content/./"));
	CHECK_STR("resolve: // and ./", r, at("site/content"));
	free(r);
	r = outguard_resolve("/");
	CHECK_STR("resolve: /", r, "/");
	free(r);
	CHECK("resolve: empty", outguard_resolve("") == NULL);

	/* ---- the check ---- */
	char msg[1024];
	outguard_req q = {.site = at("site"), .gitdir = at("site/.git/"),
	    .cache = at("site/.saitti-cache")};
	const char *bad[][2] = {
		{"site/.git", "git repository's folder"},
		{"site/.git/objects", "git repository's folder"},
		{"linkki", "git repository's folder"},
		{"linkki/uusi", "git repository's folder"},
		{"site/public/../.git", "git repository's folder"},
		{"site", "holds the site's source"},
		{"", "holds the site's source"},
		{"site/content", "site's content/"},
		{"site/content/julkinen", "site's content/"},
		{"site/themes/x", "site's themes/"},
		{"site/site.yaml", "site's site.yaml"},
		{"site/.saitti-cache", "cache folder"},
		{"site/.saitti-cache/x", "cache folder"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char name[200];
		q.out = *bad[i][0] ? at(bad[i][0]) : T;
		snprintf(name, sizeof name, "refused: %s", *bad[i][0] ?
		    bad[i][0] : "(the folder above the site)");
		CHECK(name, check(q, msg, sizeof msg) == -1 &&
		    strstr(msg, bad[i][1]));
	}
	q.out = "/";
	CHECK("refused: /", check(q, msg, sizeof msg) == -1 &&
	    strstr(msg, "root folder or a home folder"));
	setenv("HOME", at("koti"), 1);
	mk("koti");
	q.out = at("koti");
	CHECK("refused: $HOME", check(q, msg, sizeof msg) == -1 &&
	    strstr(msg, "home folder"));
	q.out = T;
	CHECK("refused: a folder holding $HOME", check(q, msg, sizeof msg) ==
	    -1);
	q.out = at("koti/public");
	CHECK("allowed: a new folder in $HOME", check(q, msg, sizeof msg) == 0);

	/* Another repository, not the site's. */
	mk("muu.git");
	mk("muu.git/objects");
	mk("muu.git/refs");
	put("muu.git/HEAD", "ref: refs/heads/main\n");
	q.out = at("muu.git/objects");
	CHECK("refused: inside another bare repository",
	    check(q, msg, sizeof msg) == -1 && strstr(msg, "a git repository"));
	mk("tyopuu");
	mk("tyopuu/.git");
	q.out = at("tyopuu");
	CHECK("refused: a folder holding a .git", check(q, msg, sizeof msg) ==
	    -1 && strstr(msg, "a git repository"));

	/* Folders saitti did not build. */
	q.out = at("site/public");
	CHECK("allowed: a new folder", check(q, msg, sizeof msg) == 0);
	mk("site/public");
	CHECK("allowed: an empty folder", check(q, msg, sizeof msg) == 0);
	put("site/public/gradu.txt", "x\n");
	CHECK("refused: a folder with a file", check(q, msg, sizeof msg) ==
	    -1 && strstr(msg, "not empty and saitti did not build it"));
	q.force = 1;
	CHECK("allowed with --force", check(q, msg, sizeof msg) == 0);
	q.force = 0;
	put("site/public/" OUTGUARD_MARKER, "forged\n");
	CHECK("refused: a marker with other words",
	    check(q, msg, sizeof msg) == -1);
	put("site/public/" OUTGUARD_MARKER, OUTGUARD_MARKER_TEXT);
	CHECK("allowed: saitti's marker", check(q, msg, sizeof msg) == 0);
	unlink(at("site/public/" OUTGUARD_MARKER));
	symlink(at("marker"), at("site/public/" OUTGUARD_MARKER));
	put("marker", OUTGUARD_MARKER_TEXT);
	CHECK("refused: a marker that is a link",
	    check(q, msg, sizeof msg) == -1);
	unlink(at("site/public/" OUTGUARD_MARKER));
	struct stat st;
	stat(at("site/public"), &st);
	char head[200];
	snprintf(head, sizeof head, "saitti-manifest 1 %llu %llu 0\n",
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	put("manifest", head);
	q.manifest = at("manifest");
	CHECK("allowed: the cache's manifest names the folder",
	    check(q, msg, sizeof msg) == 0);
	snprintf(head, sizeof head, "saitti-manifest 1 %llu %llu 0\n",
	    (unsigned long long)st.st_dev, (unsigned long long)st.st_ino + 1);
	put("manifest", head);
	CHECK("refused: a manifest of another folder",
	    check(q, msg, sizeof msg) == -1);
	CHECK("...with the message", strstr(msg, "public: error: the output "
	    "folder is not empty and saitti did not build it (it has no "
	    ".saitti-output file); a build replaces everything in it: choose "
	    "an empty or new folder for --out, or add --force if its files "
	    "may be deleted\n") != NULL);
	CHECK("a folder is not a mount point", !outguard_is_mount(T));
	CHECK("/ is a mount point", outguard_is_mount("/"));

	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", T);
	if (system(cmd) != 0)
		return 1;
	for (size_t i = 0; i < nmade; i++)
		free(made[i]);
	CHECK_DONE();
}
