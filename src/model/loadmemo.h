/* loadmemo: what each Markdown file of a working tree gave the last build
 * of a long-lived process (saitti serve) — its text, its parsed front
 * matter, the post load_local made of it and the messages they reported
 * — so that the next build reads and parses only the files that changed.
 *
 * A file is taken from the memo when its identity (source_ident: device,
 * inode, size, type, modification and change times) is the one it had
 * when it was read, and it was not changed so close to that read that a
 * later write could have kept the same times (RACY_NS, loadmemo.c). All
 * of it is dropped when anything else those steps read changes (see
 * loadmemo_begin's key). The memo owns its memory (arenas of its own);
 * the site made by a build points into it, so a build's site must be
 * freed before the next build begins with the same memo. Not for a
 * revision: a revision's files are read from git. */
#ifndef SAITTI_LOADMEMO_H
#define SAITTI_LOADMEMO_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/hash.h"
#include "../parse/frontmatter.h"
#include "../source/source.h"
#include "site.h"
#include "siteload.h"

typedef struct loadmemo loadmemo;

/* One file as the memo keeps it. */
typedef struct memo_file memo_file;

loadmemo *loadmemo_new(void);
void loadmemo_free(loadmemo *m);

/* Starts a build's use of m, on one thread: key is the digest of
 * everything but the file that the parse and load_local read (the site's
 * settings, the language of messages); a new key, a new thread count or
 * more dead entries than live ones drop everything. */
void loadmemo_begin(loadmemo *m, hash128 key, int threads);

/* The key for loadmemo_begin: site s's settings that the parse and
 * load_local read (post.h), the options, and the language of messages.
 * Call once s's configuration, paths and history are loaded. */
hash128 loadmemo_key(const site *s);

/* Thread-safe between begin and end (workers only read the memo): the
 * kept file for path when it is unchanged, else NULL; *id gets its
 * identity now (id->ino 0 when it could not be taken). */
const memo_file *loadmemo_find(loadmemo *m, source *src, const char *path,
    source_ident *id);
/* The arena worker allocates a new entry's text and parse in. */
arena *loadmemo_arena(loadmemo *m, int worker);
/* Keeps what a worker read and parsed (all of it in
 * loadmemo_arena(m, worker)); held: the file's messages so far. NULL
 * when id has no identity (nothing is kept). */
const memo_file *loadmemo_keep(loadmemo *m, int worker, const char *path,
    const source_ident *id, const char *text, size_t len, int ok,
    const fm_doc *doc, const post *p, enum doc_kind kind, const diag *held);
/* A copy of f's post in a (NULL when f has none), with src = path. */
post *loadmemo_post(const memo_file *f, const char *path, arena *a);
/* A kept file's parts, counted as read from src (source_reuse); its
 * messages are told again to held; its post is copied into a (which
 * later steps may change), with src = path. When the file takes the
 * build past a limit (reported), *text is NULL and *ok 0. */
void loadmemo_use(const memo_file *f, source *src, const char *path,
    arena *a, diag *held, const char **text, size_t *len, int *ok, fm_doc *doc,
    post **p, enum doc_kind *kind);
/* Ends the build's use, on one thread: files[0..n) are the ones this
 * build used (NULL slots are skipped); every other entry is forgotten. */
void loadmemo_end(loadmemo *m, const memo_file *const *files, size_t n);

/* For tests and the summary: entries used from the memo by the last
 * build, and entries kept now. */
size_t loadmemo_hits(const loadmemo *m);
size_t loadmemo_size(const loadmemo *m);

#endif
