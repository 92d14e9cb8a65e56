/* linkcheck: the links of a built site, read back from its output — every
 * href, src, srcset, meta refresh, feed and sitemap URL and calendar URL
 * of every output file (cli/linkscan), checked against the files the
 * build wrote and the ids of their pages, and each problem reported where
 * it was written: the Markdown FILE:LINE:COL, site.yaml's menu line, or
 * the theme template's line.
 *
 * Where a link came from is re-derived after the render, not recorded
 * during it (the renderers stay as they are): the page's own Markdown
 * links first, then any Markdown link with the same address (a summary in
 * a list or feed), then site.yaml's menu, then the template line whose
 * fixed text matches the output line, else the output file itself. */
#ifndef SAITTI_LINKCHECK_H
#define SAITTI_LINKCHECK_H

#include <stddef.h>

#include "../core/diag.h"
#include "../model/site.h"

typedef struct linkcheck linkcheck;

/* An address outside the site, and where it was first written. */
typedef struct linkcheck_ext {
	const char *url;      /* without its #fragment */
	const char *file;
	int line, col;
} linkcheck_ext;

linkcheck *linkcheck_new(void);
void linkcheck_free(linkcheck *L);

/* A build hook (cli/build.h): scans the output folder out of the site s
 * and reports every dead link to d as an error. */
void linkcheck_run(const site *s, const char *out, void *L, diag *d);

/* Links and references into the site that were checked. */
size_t linkcheck_count(const linkcheck *L);

/* Every distinct http(s) address outside the site, in the order first
 * met; valid until linkcheck_free. */
const linkcheck_ext *linkcheck_external(const linkcheck *L, size_t *n);

#endif
