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

/* The plugins: pictures (images), the preview server (serve), the web
 * link check (fetch), the search's word analysers (words) and what reads
 * HTML and XML with libxml2 (xml); a name not here is refused. Each is
 * loaded once and stays loaded. */
static const char *const names[] = {"images", "serve", "fetch", "words",
    "xml"};
#define NPLUGINS (sizeof names / sizeof *names)
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *handles[NPLUGINS];
static char why[PATH_MAX + 256];

void *plugin_symbol(const char *name, const char *sym)
{
	void *fn = NULL;
	size_t k = 0;
	while (k < NPLUGINS && strcmp(names[k], name) != 0)
		k++;
	pthread_mutex_lock(&lock);
	if (k == NPLUGINS) {
		snprintf(why, sizeof why, "saitti-%s.so: no such part", name);
		goto out;
	}
	if (!handles[k]) {
		char path[PATH_MAX];
		if (plugin_path(name, path, sizeof path) != 0) {
			snprintf(why, sizeof why, "saitti-%s.so: not found "
			    "beside the program or in %s", name, PLUGINDIR);
			goto out;
		}
		/* RTLD_NOW: a plugin that does not fit this binary fails
		 * here, with its missing symbol named, not halfway through
		 * a build. */
		handles[k] = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		if (!handles[k]) {
			const char *e = dlerror();
			snprintf(why, sizeof why, "%s", e ? e : path);
			goto out;
		}
	}
	dlerror();
	fn = dlsym(handles[k], sym);
	if (!fn) {
		const char *e = dlerror();
		snprintf(why, sizeof why, "%s", e ? e : sym);
	}
out:
	pthread_mutex_unlock(&lock);
	return fn;
}

const void *plugin_table(const char *name, const char *sym,
    const void *linked, char *err, size_t n)
{
	if (linked)
		return linked;
	const void *t = plugin_symbol(name, sym);
	if (!t)
		snprintf(err, n, "%s", plugin_error());
	return t;
}

const char *plugin_error(void)
{
	return why;
}
