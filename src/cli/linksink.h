/* linksink: the output `saitti check` builds into. It writes nothing: each
 * file's bytes are scanned for links and ids (cli/linkscan) the moment the
 * render hands them over, on the render's own workers, so the site is not
 * written to a temporary folder and read back (that cost check three times
 * a build). Files it does not scan (styles, pictures) leave their path.
 *
 * A second, rarer kind keeps given lines of given files: where a dead link
 * that no Markdown or menu wrote came from is found by matching its output
 * line against the templates (cli/tplorigin), and only the pages that hold
 * such a line are rendered again (the others are skipped). */
#ifndef SAITTI_LINKSINK_H
#define SAITTI_LINKSINK_H

#include <stddef.h>

#include "../output/output.h"
#include "linkscan.h"

typedef struct linksink linksink;

/* A sink that scans every file. */
linksink *linksink_new(void);
/* A sink that keeps the lines asked for with linksink_want. */
linksink *linksink_new_lines(void);
void linksink_free(linksink *k);

/* What to give build_req.sink; valid until linksink_free. */
const output_sink *linksink_output(linksink *k);

/* Every file handed over, sorted by path (scanned ones with their refs
 * and ids); valid until linksink_free. */
scan_file *linksink_files(linksink *k, size_t *n);

/* The addresses the files' references share (scan_url), each worker's
 * once (an address two workers met is there twice), after the build:
 * *n of them; valid until linksink_free. */
scan_url **linksink_urls(linksink *k, size_t *n);

/* Keeps what was scanned in the cache folder's record (cli/linkrecord)
 * for the next check, unless the record the build took it from still
 * holds all of it. */
void linksink_save(linksink *k);

/* Keep line (1-based) of the file at path (a lines sink; before the
 * build). */
void linksink_want(linksink *k, const char *path, int line);
/* That line without its newline, or NULL when the file was not made or is
 * shorter; valid until linksink_free. */
const char *linksink_line(const linksink *k, const char *path, int line);

#endif
