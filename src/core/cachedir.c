#include "cachedir.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int mkdirs(char *path, int *made)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	char *slash = strrchr(path, '/');
	if (slash && slash != path) {
		*slash = '\0';
		int dummy = 0, rc = mkdirs(path, &dummy);
		*slash = '/';
		if (rc != 0)
			return -1;
	}
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		return -1;
	*made = 1;
	return 0;
}

int cachedir_make(const char *dir)
{
	char path[PATH_MAX];
	if (!*dir || (size_t)snprintf(path, sizeof path, "%s", dir) >=
	    sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	int made = 0;
	if (mkdirs(path, &made) != 0)
		return -1;
	if (made && (size_t)snprintf(path, sizeof path, "%s/.gitignore",
	    dir) < sizeof path) {
		FILE *gi = fopen(path, "wb");
		if (gi) {
			fputs("*\n", gi);
			fclose(gi);
		}
	}
	return 0;
}
