/* plugin: parts of saitti kept in shared objects of their own
 * (saitti-NAME.so), loaded at their first use, so that a run that does
 * not need one does not load the libraries it links. libvips and what it
 * links (about 60 libraries) took 20 ms of every run's start, a third of
 * a rebuild with nothing to do; libcurl (`check --external`, saitti-fetch)
 * and libmicrohttpd (`serve`, saitti-serve) and theirs another 5 ms;
 * libvoikko and libstemmer (the search's words, saitti-words) 6 ms.
 *
 * A plugin is looked for beside the binary (a build tree), in
 * ../lib/saitti beside it (an installation moved elsewhere), then in
 * PLUGINDIR; never in a folder an environment variable names. It is
 * loaded once and stays loaded. It calls saitti's own functions, which
 * the binary exports (-rdynamic, and all of libsaitti.a linked whole). */
#ifndef SAITTI_PLUGIN_H
#define SAITTI_PLUGIN_H

#include <stddef.h>

/* Writes the path of plugin name's file into path (size n) and returns
 * 0, or -1 when none is found. */
int plugin_path(const char *name, char *path, size_t n);

/* The address of symbol sym in plugin name, loading it the first time;
 * NULL when it is not found or does not load (plugin_error says why). */
void *plugin_symbol(const char *name, const char *sym);

/* The table (an object of function pointers) named sym in plugin name,
 * the one way into saitti-words.so and saitti-xml.so: linked when the
 * program has it already (a test binary that links the plugin's code),
 * else plugin_symbol's; NULL, with the loader's words in err (n bytes),
 * when it does not load. */
const void *plugin_table(const char *name, const char *sym,
    const void *linked, char *err, size_t n);

/* Why the last plugin_symbol failed, in the loader's words (a path and
 * dlerror). */
const char *plugin_error(void);

#endif
