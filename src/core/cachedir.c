#include "cachedir.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
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

int cachedir_inside(const char *home, const char *rel)
{
	if (!*rel || rel[0] == '/')
		return -1;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return -1;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x20)
				return -1;
		p += n;
		p += strspn(p, "/");
	}
	char path[PATH_MAX];
	if ((size_t)snprintf(path, sizeof path, "%s/%s", home, rel) >=
	    sizeof path)
		return -1;
	char *real_home = realpath(home, NULL);
	if (!real_home)
		return -1;
	/* The longest part that exists, resolved; what follows it does
	 * not exist, holds no "..", so cannot lead out. */
	char *real = NULL;
	size_t end = strlen(path);
	while (!(real = realpath(path, NULL))) {
		char *slash = strrchr(path, '/');
		if (!slash || slash == path || (size_t)(slash - path) < end -
		    strlen(rel) - 1) {
			free(real_home);
			return -1;
		}
		*slash = '\0';
	}
	size_t n = strlen(real_home);
	int ok = strncmp(real, real_home, n) == 0 && (real[n] == '/' ||
	    real[n] == '\0');
	free(real);
	free(real_home);
	return ok ? 0 : -1;
}
