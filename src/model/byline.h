/* byline: who a post is credited to, and whether that is a person or an
 * organisation.
 *
 * A name is personal data. The LAPE sites name only organisations, so a
 * post's author is, in this order:
 *   1. its front matter `author:`;
 *   2. the name of the person who committed it, only when site.yaml says
 *      `git_authors: true` (model/history fills it in);
 *   3. its section's `author` (site.yaml `sections: {uutiset: {author:
 *      …}}`), else the site's `author`.
 * An author from 3 is an organisation. One from 2 is a person. One from 1
 * is an organisation unless site.yaml (or the section) says
 * `author_type: person`. Templates show an organisation as the publisher
 * ("Julkaisija") and a person as the writer ("Kirjoittaja"); JSON-LD says
 * Organization or Person. */
#ifndef SAITTI_BYLINE_H
#define SAITTI_BYLINE_H

#include "site.h"

/* Sets author and author_person of the posts among docs[0..n), after
 * history_apply. Errors in site.yaml's author keys go to d. */
void byline_apply(site *s, post **docs, size_t n, diag *d);

#endif
