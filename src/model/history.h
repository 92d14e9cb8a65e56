/* history: dates and authors from git history (libgit2), for documents
 * whose front matter does not give them. Walked once per build for the
 * whole site. */
#ifndef SAITTI_HISTORY_H
#define SAITTI_HISTORY_H

#include "site.h"

/* NULL when the source is not a git repository or site.yaml says
 * git_info: false. */
history *history_load(site *s, diag *d);
/* Fills in date, updated, author, commit and guid facts of docs[0..n)
 * from h (which may be NULL: then only the guid facts, from the document
 * itself). */
void history_apply(site *s, history *h, post **docs, size_t n, diag *d);
void history_free(history *h);

#endif
