/* config: site.yaml read into the site (its language first, so that
 * every later message is in it), the URL folder names, the theme's name
 * checked, the build's "now", and the cache folder. site_load calls these
 * in this order; they are the model's own, not for other stages. */
#ifndef SAITTI_CONFIG_H
#define SAITTI_CONFIG_H

#include "../core/diag.h"
#include "site.h"

/* site.yaml into s; -1 after errors (reported to d). */
int load_config(site *s, const build_opts *o, diag *d);
/* The build's now (--now, else today) and the publish limit. */
int set_now(site *s, const build_opts *o, diag *d);
/* The theme site.yaml names is there, or the error names those that are. */
int check_theme(site *s, diag *d);
/* URL folder names, from site.yaml `paths:` or the theme's strings
 * (needs s->th). */
int load_paths(site *s, diag *d);
/* The path of cache file name, making the cache folder if need be; NULL
 * when there is no cache folder or it cannot be made. */
const char *open_cache(site *s, const char *name);

#endif
