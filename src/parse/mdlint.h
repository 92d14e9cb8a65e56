/* mdlint: warnings about a Markdown body that renders, but not as the
 * writer meant:
 *   - an image without alt text: ![](kuva.png)
 *   - a main heading (#) in the text, whose page already has the title as
 *     its main heading, and a skipped level (### after #);
 *   - template code of another site generator, shown as text:
 *     {% ... %} (Jekyll), {{< ... >}} and {{% ... %}} (Hugo);
 *   - raw HTML that cmark's safe mode leaves out: where and how much.
 * Pure: reads the cmark tree. Positions come from the caller, which
 * knows the file's lines. */
#ifndef SAITTI_MDLINT_H
#define SAITTI_MDLINT_H

#include <cmark.h>
#include <stddef.h>

#include "../core/diag.h"

/* Puts a node's position in the whole file (line and column, 1-based). */
typedef void (*mdlint_pos)(void *ctx, cmark_node *n, int *line, int *col);

/* Raw HTML in a document: what safe mode drops, or a sanitiser looks at. */
typedef struct mdlint_html {
	size_t pieces;       /* HTML blocks and inline tags */
	size_t bytes;        /* their length as written */
	cmark_node *first;   /* the first of them, or NULL */
} mdlint_html;

void mdlint_raw_html(cmark_node *doc, mdlint_html *out);

/* Reports the warnings above for doc (raw HTML only when unsafe is 0)
 * and returns how many it gave. */
int mdlint_check(cmark_node *doc, int unsafe, const char *file,
    mdlint_pos pos, void *ctx, diag *d);

#endif
