/* frontmatter: splits a Markdown file into its YAML front matter (between
 * `---` lines at the very top) and its body, and parses the YAML.
 * Pure: works on a buffer. */
#ifndef SAITTI_FRONTMATTER_H
#define SAITTI_FRONTMATTER_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/hash.h"
#include "../core/value.h"

typedef struct fm_doc {
	value *meta;       /* a map; an empty map when there is no front matter */
	const char *body;  /* points into the text given */
	size_t body_len;
	int body_line;     /* 1-based line of the text on which the body starts */
	/* For callers that keep documents between builds (model/
	 * parsecache): the body's offset in the text and its digest, so
	 * that a kept document's body need not be read; fm_parse zeroes
	 * both. */
	size_t body_off;
	hash128 body_sum;
	/* Likewise: the front matter's digest (core/valhash), zero when not
	 * known. */
	hash128 meta_sum;
} fm_doc;

/* A file that starts with `---` must close it with a line `---` (or
 * `...`); the YAML inside must be a map. A UTF-8 byte-order mark is
 * skipped. CRLF line ends are accepted. Errors go to d with positions in
 * the whole file; returns 0, or -1 after an error. */
int fm_parse(arena *a, const char *file, const char *text, size_t len,
    fm_doc *out, diag *d);

#endif
