/* parsecache: the front matter of a working tree's Markdown files as the
 * last build parsed it, kept in the cache folder, so that a build after
 * one file is edited reads one cache file and parses only that file
 * (issue 17).
 *
 * An entry holds whether check_text and fm_parse accepted a file, the
 * parsed front matter and its digest, where the body starts, its length
 * and digest (fm_doc's meta_sum, body_off and body_sum, which the caller
 * sets before keeping),
 * and the messages those two and fmkeys_check reported — all pure
 * functions of the text — and the caller's record of what it made of
 * them (model/parsejob: what load_local made, model/postrecord), with
 * the key of the settings that record depends on. Not the text: a build
 * after one edit reads the bodies of the others by their digests only
 * (the Markdown cache's key), and the file itself again when cmark must
 * run. It is used
 * when the file's identity (source_ident: device, inode, size, type,
 * modification and change times) is the one it had when it was read, and
 * the file was not changed so close to that read that a later write
 * could have kept the same times (RACY_NS, parsecache.c). The file's key
 * is the program itself and the language of messages; each entry has its
 * checksum, and a damaged one is parsed again. The file is opened without
 * following links. A build's new entries are appended to it (a later
 * entry for a path replaces an earlier one), so that one edited file
 * costs one entry, not a copy of the whole file; when replaced or unused
 * entries would be more than half of it, or its end is damaged, it is
 * written anew and replaced by a rename.
 *
 * Lifetime: nothing taken points into the cache (the front matter is
 * copied into the caller's arena): it may be freed once the files are
 * taken. */
#ifndef SAITTI_PARSECACHE_H
#define SAITTI_PARSECACHE_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../parse/frontmatter.h"
#include "../source/source.h"

typedef struct parsecache parsecache;

/* The cache of file (NULL: nothing is kept), read on `workers` threads.
 * Opening maps the file and indexes it: a build may do it on a thread of
 * its own while it lists its files. */
parsecache *parsecache_open(const char *file, int workers);
/* Before the first take: this build's n Markdown files, numbered 0..n-1
 * by the caller; local_key: the key of what the caller keeps with an
 * entry (its local record, below). */
void parsecache_expect(parsecache *c, size_t n, hash128 local_key);
void parsecache_free(parsecache *c);

/* Worker-safe for different i: file i (path) from the cache when it is
 * unchanged — its size (*len), *ok, the front matter (into a; the body
 * NULL, known by body_off, body_len and body_sum) and its messages (told
 * to held), counted as read from src (source_reuse) — and 1 (*ok 0 when
 * it takes the build past a limit, reported); else 0, with *id its
 * identity for parsecache_keep when it was looked up, else zero (a file
 * the cache does not hold is not stat'ed: the caller's read tells it,
 * source_read_ident). *id: its identity when the caller looked it up
 * already (source_ident_of, ino not 0), else zero. *local: the
 * record the caller kept with it (*local_len bytes, in the cache: valid
 * until parsecache_free), or NULL; an entry whose record was kept under
 * another local_key is not taken. */
int parsecache_take(parsecache *c, size_t i, source *src, const char *path,
    arena *a, diag *held, size_t *len, int *ok, fm_doc *doc,
    source_ident *id, const char **local, size_t *local_len);
/* Worker-safe for different i and worker: keeps file i as read and
 * parsed now (doc's body_off and body_sum set when ok); held: its
 * messages so far (all from the parse); local: the caller's record of
 * what it made of the file (local_len bytes, under the key given to
 * parsecache_expect), or NULL. New
 * entries go to the new file as they come, a megabyte at a time. */
void parsecache_keep(parsecache *c, size_t i, int worker, const char *path,
    const source_ident *id, const char *text, size_t len, int ok,
    const fm_doc *doc, const diag *held, const char *local,
    size_t local_len);
/* On one thread, after every file was taken or kept: rewrites the file
 * when this build changed what it should hold. */
void parsecache_save(parsecache *c);

/* Files taken from the cache (for tests). */
size_t parsecache_hits(const parsecache *c);

#endif
