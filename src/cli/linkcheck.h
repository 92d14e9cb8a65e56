/* linkcheck: the links of a built site — every href, src, srcset, meta
 * refresh, feed and sitemap URL and calendar URL of every output file,
 * scanned as the build makes it (cli/linksink, cli/linkscan; nothing is
 * written), or taken from the last check's record when the page's key is
 * the same (cli/linkrecord) — checked against the files the build made
 * and the ids of their pages, and each problem reported where it was
 * written: the Markdown FILE:LINE:COL, site.yaml's menu line, or the
 * theme template's line.
 *
 * Where a link came from is re-derived after the render, not recorded
 * during it (the renderers stay as they are): the page's own Markdown
 * links first, then any Markdown link with the same address (a summary in
 * a list or feed), then site.yaml's menu, then the template line whose
 * fixed text matches the output line, else the output file itself. That
 * output line is kept by a second render of only the pages that need it
 * (a dead link of the theme is rare; keeping every line is not cheap).
 *
 * Use: build_run with .sink = linkcheck_sink(L) and .hook = linkcheck_run;
 * if linkcheck_lines(L) gives a sink, build_run again with it and .hook =
 * linkcheck_place (its messages are the first build's: hold them); then
 * linkcheck_report(L, d). */
#ifndef SAITTI_LINKCHECK_H
#define SAITTI_LINKCHECK_H

#include <stddef.h>

#include "../core/diag.h"
#include "../model/site.h"
#include "../output/output.h"

typedef struct linkcheck linkcheck;

/* An address outside the site, and where it was first written. */
typedef struct linkcheck_ext {
	const char *url;      /* without its #fragment */
	const char *file;
	int line, col;
} linkcheck_ext;

/* external: outside addresses will be fetched, so where each was written
 * is needed. */
linkcheck *linkcheck_new(int external);
void linkcheck_free(linkcheck *L);

/* The output to build into (build_req.sink); valid until linkcheck_free. */
const output_sink *linkcheck_sink(linkcheck *L);

/* A build hook (cli/build.h): checks every link of the files the sink
 * scanned against the site s; the problems are kept for
 * linkcheck_report. out and d are unused. */
void linkcheck_run(const site *s, const char *out, void *L, diag *d);

/* A sink for the second build, or NULL when no problem needs it. */
const output_sink *linkcheck_lines(linkcheck *L);
/* The second build's hook: the template line of each problem of the
 * theme. */
void linkcheck_place(const site *s, const char *out, void *L, diag *d);

/* Reports every problem to d as an error, in file order. */
void linkcheck_report(linkcheck *L, diag *d);

/* Links and references into the site that were checked. */
size_t linkcheck_count(const linkcheck *L);

/* Every distinct http(s) address outside the site, in the order first
 * met; valid until linkcheck_free. */
const linkcheck_ext *linkcheck_external(const linkcheck *L, size_t *n);

#endif
