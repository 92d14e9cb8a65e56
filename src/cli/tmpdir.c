#include "tmpdir.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *tmpdir_make(const char *tag)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	size_t n = strlen(base) + strlen(tag) + 32;
	char *path = malloc(n);
	if (!path)
		return NULL;
	snprintf(path, n, "%s/saitti-%s-XXXXXX", base, tag);
	if (!mkdtemp(path)) {
		int e = errno;
		free(path);
		errno = e;
		return NULL;
	}
	return path;
}

static int rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);   /* what stays is seen below */
	return 0;
}

int tmpdir_remove(const char *dir)
{
	struct stat st;
	nftw(dir, rm_one, 32, FTW_DEPTH | FTW_PHYS);
	return lstat(dir, &st) == 0 ? -1 : 0;
}
