/* mdahead: the Markdown cache opened, and its entries for the posts'
 * bodies and summaries found, on a thread of their own while site_load
 * runs its ordered steps on one core, and by both once those are done
 * (issue 17: a rebuild after one edit looks up every document; the
 * lookup is mostly the entry's checksum over its HTML, and the key's
 * digest).
 *
 * A find needs only what a post has once its own file is loaded (its
 * path, folder, body digest and line, front matter) and the site's
 * settings; whether the entry's recorded links still resolve the same
 * is asked later, by mdcache_take, once every address is known. A post
 * whose hint finds nothing, or whose take fails, renders the usual way
 * (mdcache_render_sum), so a hint changes how fast, never what.
 *
 * Lifetime: the docs array is the caller's and must outlive
 * mdahead_join; the strings it points to (paths, folders, texts, front
 * matter) must not change until then. */
#ifndef SAITTI_MDAHEAD_H
#define SAITTI_MDAHEAD_H

#include <stddef.h>

#include "../core/hash.h"
#include "../core/value.h"
#include "../parse/markdown.h"
#include "mdcache.h"
#include "site.h"

struct mdahead_doc {
	const char *src;      /* "content/…/x.md"; NULL: nothing to find */
	const char *dir;      /* its folder under content/ (post.dir) */
	const char *body;     /* its Markdown when read, else NULL */
	size_t body_len;
	hash128 body_sum;     /* zero: made from body */
	int body_line;
	const value *meta;    /* its `summary:` is found too */
	mdcache_hint hint, summary_hint;   /* found (entry NULL: none) */
};

typedef struct mdahead mdahead;

/* doc as the post p (loaded by load_local) asks for its body. */
void mdahead_post(struct mdahead_doc *doc, const struct post *p);

/* Starts the thread: opens the cache file (NULL: none), then, when it
 * holds entries and the site is built on more than one thread, finds
 * docs[0..n) with the site's Markdown options (each doc's link base is
 * the site's base path and its folder, as md_one makes it). */
mdahead *mdahead_start(const char *file, const site *s,
    struct mdahead_doc *docs, size_t n);
/* Waits for the cache to open, finds beside the thread the docs it has
 * not taken yet, waits for it and frees it; returns the opened cache,
 * the caller's. */
mdcache *mdahead_join(mdahead *m);

#endif
