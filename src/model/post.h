/* post: one Markdown file made into a post or page from its own front
 * matter and name (title, dates, slug, address, aliases), with nothing
 * from other files, so that the workers of site_load can run it on all
 * cores. */
#ifndef SAITTI_POST_H
#define SAITTI_POST_H

#include <stddef.h>

#include "../core/diag.h"
#include "../core/hash.h"
#include "../parse/frontmatter.h"
#include "site.h"
#include "siteload.h"

/* 0 when text is UTF-8 without NUL bytes; else -1, the place reported. */
int check_text(const char *file, const char *text, size_t len, diag *d);

/* The part of loading a Markdown file that needs nothing from other
 * files: run by the workers, with s a copy of the site whose arena is the
 * worker's and d the file's held messages. Returns the post (NULL for an
 * event file) and what remains to do in *kind. */
post *load_local(site *s, diag *d, const char *path, const fm_doc *parsed,
    enum doc_kind *kind);

/* Adds p's two summaries to a key: by post.summary_sum when known (they
 * are then not read again), else as written, the two ways tagged apart. */
void post_key_summary(hash_state *st, const post *p);

#endif
