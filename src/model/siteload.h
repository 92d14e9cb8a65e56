/* siteload: what the modules that load a site (site.c, post.c,
 * section.c) share while site_load runs; internal to src/model. */
#ifndef SAITTI_SITELOAD_H
#define SAITTI_SITELOAD_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/strmap.h"
#include "site.h"

struct loader {
	site *s;
	diag *d;
	strmap *by_path;     /* URL path → source file (uniqueness) */
	strmap *by_src;      /* content path → post (links between posts) */
	post **all;          /* every Markdown document, loaded */
	size_t nall, capall;
	/* The Markdown files' bytes, one arena per worker: needed only until
	 * their HTML is made, then freed (a quarter of the memory at 10,000
	 * posts). */
	arena **texts;
};

/* What the ordered part of loading does with a parsed Markdown file. */
enum doc_kind { DOC_NONE, DOC_EVENT, DOC_HOME, DOC_SECTION_INDEX, DOC_OTHER };

#endif
