#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DATADIR
#define DATADIR "/usr/local/share/saitti"
#endif

static int has(const char *root, const char *name)
{
	char p[PATH_MAX];
	struct stat st;
	return (size_t)snprintf(p, sizeof p, "%s/%s", root, name) < sizeof p &&
	    stat(p, &st) == 0;
}

int datadir_exe_dir(char *out, size_t n)
{
	if (n < 2)
		return -1;
	ssize_t len = readlink("/proc/self/exe", out, n - 1);
	if (len <= 0)
		return -1;
	out[len] = '\0';
	char *slash = strrchr(out, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return 0;
}

char *datadir_find(void)
{
	const char *env = getenv("SAITTI_DATADIR");
	if (env)
		return *env && has(env, "themes") ? realpath(env, NULL) : NULL;
	char exe[PATH_MAX], cand[PATH_MAX + 32];
	if (datadir_exe_dir(exe, sizeof exe) == 0) {
		snprintf(cand, sizeof cand, "%s/../share/saitti", exe);
		if (has(cand, "themes"))
			return realpath(cand, NULL);
		/* A build tree: the binary sits one folder below the
		 * sources whose themes/ `make install` copies. */
		snprintf(cand, sizeof cand, "%s/..", exe);
		if (has(cand, "src/main.c") && has(cand, "themes"))
			return realpath(cand, NULL);
	}
	return has(DATADIR, "themes") ? realpath(DATADIR, NULL) : NULL;
}
