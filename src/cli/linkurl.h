/* linkurl: a link's address as check compares it: %XX decoded, its
 * scheme, and resolved against the page's own address within the site.
 * Pure functions of their strings (check runs them on all cores). */
#ifndef SAITTI_LINKURL_H
#define SAITTI_LINKURL_H

#include <stddef.h>

#include "../core/arena.h"

/* s[0..n) with %XX decoded, into the arena. */
char *linkurl_decode(arena *a, const char *s, size_t n);

/* The length of url's scheme ("https" is 5), or 0 when it has none. */
size_t linkurl_scheme_len(const char *url);

/* Resolves url, found in the page at the site path dir ("/lape/blogi/x/"),
 * to a site-absolute address ("/lape/blogi/y/#osa"), with "." and ".."
 * taken out; an absolute URL on host (hostlen bytes; the site's own, from
 * base_url, or NULL) counts as the site's. NULL when it points outside. */
const char *linkurl_normalise(arena *a, const char *host, size_t hostlen,
    const char *url, const char *dir);

#endif
