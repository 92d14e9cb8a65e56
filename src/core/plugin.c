#include "plugin.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"

#ifndef PLUGINDIR
#define PLUGINDIR "/usr/local/lib/saitti"
#endif

static int is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int plugin_path(const char *name, char *path, size_t n)
{
	char exe[PATH_MAX];
	if (datadir_exe_dir(exe, sizeof exe) == 0) {
		if ((size_t)snprintf(path, n, "%s/saitti-%s.so", exe, name) <
		    n && is_file(path))
			return 0;
		if ((size_t)snprintf(path, n, "%s/../lib/saitti/saitti-%s.so",
		    exe, name) < n && is_file(path))
			return 0;
	}
	if ((size_t)snprintf(path, n, "%s/saitti-%s.so", PLUGINDIR, name) < n &&
	    is_file(path))
		return 0;
	return -1;
}

/* One plugin so far; a table when there are more. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char loaded_name[32];
static void *handle;
static char why[PATH_MAX + 256];

void *plugin_symbol(const char *name, const char *sym)
{
	void *fn = NULL;
	pthread_mutex_lock(&lock);
	if (handle && strcmp(loaded_name, name) != 0) {
		snprintf(why, sizeof why, "saitti-%s.so: only one plugin at a "
		    "time", name);
		goto out;
	}
	if (!handle) {
		char path[PATH_MAX];
		if (plugin_path(name, path, sizeof path) != 0) {
			snprintf(why, sizeof why, "saitti-%s.so: not found "
			    "beside the program or in %s", name, PLUGINDIR);
			goto out;
		}
		/* RTLD_NOW: a plugin that does not fit this binary fails
		 * here, with its missing symbol named, not halfway through
		 * a build. */
		handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		if (!handle) {
			const char *e = dlerror();
			snprintf(why, sizeof why, "%s", e ? e : path);
			goto out;
		}
		snprintf(loaded_name, sizeof loaded_name, "%s", name);
	}
	dlerror();
	fn = dlsym(handle, sym);
	if (!fn) {
		const char *e = dlerror();
		snprintf(why, sizeof why, "%s", e ? e : sym);
	}
out:
	pthread_mutex_unlock(&lock);
	return fn;
}

const char *plugin_error(void)
{
	return why;
}
