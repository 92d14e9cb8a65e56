/* importsite: the old site's settings (Jekyll's _config.yml; Hugo's
 * hugo.toml, config.toml, .yaml or .json) read for `saitti import`, and
 * the new site.yaml made from them. Keys are read without regard to case,
 * as Hugo does (baseURL, languageCode). */
#ifndef SAITTI_IMPORTSITE_H
#define SAITTI_IMPORTSITE_H

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/value.h"

typedef struct importsite {
	arena *a;
	int hugo;
	value *cfg;              /* the whole config, a map */
	const char *style;       /* Jekyll's permalink style or pattern */
	value *permalinks;       /* Hugo's, section → pattern */
	const char *author;      /* the site's author, or NULL */
} importsite;

/* Reads src's config into s (a and hugo set by the caller) and sets the
 * date zone to its time zone (Europe/Helsinki when it names none).
 * Returns 0, or -1 after reporting to d. */
int importsite_read(importsite *s, const char *src, diag *d);

/* A string setting, whatever the key's case; NULL when absent. */
const char *importsite_str(const importsite *s, const char *key);

/* site.yaml for the new site: title, description, base_url, language
 * (when the theme in `themes` has its words, else fi, with a warning),
 * timezone, author, redirects for netlify and nginx, the old feed paths,
 * and the iframe hosts the imported videos need. */
value *importsite_yaml(const importsite *s, const char *themes, int youtube,
    int vimeo, diag *d);

#endif
