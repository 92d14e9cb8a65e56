/* postrecord: a post as load_local made it, as bytes the parse cache
 * keeps beside the file's front matter (issue 17), so that a build after
 * one edit does not make the dates, slugs and addresses of the files
 * that did not change again.
 *
 * A record holds what load_local set (the post's fields that come from
 * the file's name and front matter, or that it was an event file) and
 * the messages it reported. The parse cache keeps it with the key of
 * the settings load_local read (postrecord_key), and gives it back only
 * under the same key. The parts load_local takes from the parse (the
 * front matter, the body's place and digests) are not in it: the caller
 * gives them. */
#ifndef SAITTI_POSTRECORD_H
#define SAITTI_POSTRECORD_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/hash.h"
#include "../parse/frontmatter.h"
#include "site.h"
#include "siteload.h"

/* Everything of s that load_local reads besides the file: the base
 * path, the events' folder, the time zone of dates, whether there is a
 * history (a post without a date is then no error). The language of
 * messages is the parse cache's own key. */
hash128 postrecord_key(const site *s);

/* Appends the record of what load_local(path) returned (p, NULL for an
 * event file, and kind) and the messages it reported (held: only its
 * own): 0; -1, nothing appended, when a date is out of the record's
 * bounds (the file is then made anew each build). */
int postrecord_put(buf *b, const post *p, enum doc_kind kind,
    const diag *held);

/* The post of the record rec (len bytes) into a, with the front matter
 * and body of doc, as load_local(path, doc) would return it, and its
 * messages told to held: 0. -1, nothing told, when the record is
 * damaged. */
int postrecord_get(const char *rec, size_t len, arena *a, const char *path,
    const fm_doc *doc, post **p, enum doc_kind *kind, diag *held);

#endif
