/* importmap: where each file of an old Jekyll or Hugo site lands in the
 * new saitti site, and the links between documents (Hugo's ref and
 * relref, Jekyll's link and post_url) made into relative .md links that
 * saitti resolves. Reads only whether source files exist. */
#ifndef SAITTI_IMPORTMAP_H
#define SAITTI_IMPORTMAP_H

#include "../core/arena.h"

typedef struct importmap {
	arena *a;
	const char *src;      /* the old site's folder */
	const char *section;  /* where Jekyll's posts go */
	int hugo;
	const char *dest;     /* the document being written: "content/…md" */
	const char *rel;      /* its source path, from src */
} importmap;

/* A Jekyll page ("about.md", "docs/index.md"): "content/about.md",
 * "content/docs.md"; the front page is "content/index.md". */
const char *importmap_jekyll_page(arena *a, const char *rel);
/* A Jekyll post (any folder): "content/SECTION/2016-10-10-x.md". */
const char *importmap_jekyll_post(arena *a, const char *section,
    const char *rel);
/* A Hugo document, its path under content/ ("blogi/x/index.md"):
 * "content/blogi/x/x.md"; "_index.md" files are sections' index.md. */
const char *importmap_hugo(arena *a, const char *in);
/* The link from the document m->dest to the one `target` names, or NULL
 * when none exists; kind as parse/shortcode.h's sc_resolve. */
const char *importmap_resolve(void *m, const char *kind,
    const char *target);

#endif
