/* safeopen: no link on the way is followed, by the one-call way (openat2)
 * and by the part-by-part walk alike, and both name the same link. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "source/safeopen.h"

static char T[64];

static void put(const char *rel, const char *text)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", T, rel);
	FILE *f = fopen(p, "w");
	if (!f)
		exit(1);
	fputs(text, f);
	fclose(f);
}

static void dir(const char *rel)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", T, rel);
	mkdir(p, 0755);
}

static void link_to(const char *target, const char *rel)
{
	char p[256];
	snprintf(p, sizeof p, "%s/%s", T, rel);
	if (symlink(target, p) != 0)
		exit(1);
}

/* Opens rel both ways; fails the check when they disagree. */
static int try(const char *name, const char *rel, int flags, size_t *link,
    int *err)
{
	int root = open(T, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t l1 = 99, l2 = 99;
	errno = 0;
	int a = safeopen(root, T, rel, flags, &l1);
	int e1 = errno;
	errno = 0;
	int b = safeopen(-1, T, rel, flags, &l2);
	int e2 = errno;
	char what[160];
	snprintf(what, sizeof what, "%s: both ways agree", name);
	CHECK(what, (a >= 0) == (b >= 0) && l1 == l2 &&
	    (a >= 0 || e1 == e2));
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	close(root);
	*link = l1;
	*err = e1;
	return a >= 0 ? 0 : -1;
}

int main(void)
{
	snprintf(T, sizeof T, "/tmp/saitti-safeopen-XXXXXX");
	if (!mkdtemp(T))
		return 1;
	dir("content");
	dir("content/blogi");
	put("content/blogi/a.md", "a");
	put("salainen", "x");
	link_to("../salainen", "content/linkki.md");
	link_to("blogi", "content/kansio");
	link_to("silmukka", "content/silmukka");
	link_to("/etc", "content/etc");
	size_t l;
	int e;

	CHECK("a file opens", try("file", "content/blogi/a.md", O_RDONLY, &l,
	    &e) == 0 && l == 0);
	CHECK("a folder opens", try("folder", "content/blogi",
	    O_RDONLY | O_DIRECTORY, &l, &e) == 0 && l == 0);
	CHECK("the root itself", try("root", "", O_RDONLY | O_DIRECTORY, &l,
	    &e) == 0);
	CHECK("doubled slashes", try("slashes", "content//blogi/a.md",
	    O_RDONLY, &l, &e) == 0);
	CHECK("missing: ENOENT, no link",
	    try("missing", "content/blogi/b.md", O_RDONLY, &l, &e) == -1 &&
	    e == ENOENT && l == 0);
	CHECK("a file as a folder: ENOTDIR, no link",
	    try("notdir", "content/blogi/a.md/x", O_RDONLY, &l, &e) == -1 &&
	    e == ENOTDIR && l == 0);
	CHECK("a link as the file: refused, named",
	    try("last link", "content/linkki.md", O_RDONLY, &l, &e) == -1 &&
	    l == strlen("content/linkki.md"));
	CHECK("a linked folder on the way: refused, named",
	    try("folder link", "content/kansio/a.md", O_RDONLY, &l, &e) ==
	    -1 && l == strlen("content/kansio"));
	CHECK("an absolute link on the way: refused, named",
	    try("absolute link", "content/etc/passwd", O_RDONLY, &l, &e) ==
	    -1 && l == strlen("content/etc"));
	CHECK("a loop: refused, named",
	    try("loop", "content/silmukka", O_RDONLY, &l, &e) == -1 &&
	    l == strlen("content/silmukka"));
	char lng[320] = "content/";
	memset(lng + 8, 'x', 300);
	lng[308] = '\0';
	CHECK("a name past NAME_MAX: ENAMETOOLONG",
	    try("long", lng, O_RDONLY, &l, &e) == -1 && e == ENAMETOOLONG);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", T);
	if (system(cmd) != 0)
		return 1;
	CHECK_DONE();
}
