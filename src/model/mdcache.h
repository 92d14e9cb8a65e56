/* mdcache: Markdown rendered by the last build, kept in the cache folder
 * so that a rebuild runs cmark only on what changed.
 *
 * An entry is found by the digest of everything md_render reads: the
 * program itself (hash_program), cmark's version, the file name, the
 * text, its line offset, the link base and the raw-HTML option. Links to
 * other Markdown files resolve through the site, so an entry also records
 * every such lookup and its answer; it is used only when the site gives
 * the same answers now. A render that reported an error is not kept; one
 * that warned keeps its warnings (in the language of the messages, which
 * is part of the key) and tells them again whenever it is used.
 *
 * The file is mapped; results point into it, so the cache must outlive
 * them (the site frees it). A damaged or foreign file is ignored. New
 * entries are written to a side file beside it as they come (a quarter
 * megabyte at a time), and appended when saved; the file is rewritten
 * with only the entries this build used and the new ones when the
 * others outweigh them (see mdcache.c). A result's
 * strings made by md_render stay in the caller's arena: the cache keeps
 * no pointer to them. */
#ifndef SAITTI_MDCACHE_H
#define SAITTI_MDCACHE_H

#include "../core/arena.h"
#include "../core/diag.h"
#include "../parse/markdown.h"

typedef struct mdcache mdcache;

/* file NULL: nothing is kept (every call renders). */
mdcache *mdcache_open(const char *file);
/* md_render through the cache; thread-safe. */
int mdcache_render(mdcache *c, arena *a, const char *file, const char *text,
    size_t len, int line_offset, const md_options *opt, md_result *out,
    diag *d);
/* The same with the text's digest when the caller knows it (sum; zero:
 * not known) and, when sum is known, text NULL when the caller has not
 * read it: then MDCACHE_NO_TEXT when the cache cannot answer without the
 * text (the caller reads it and asks again). */
#define MDCACHE_NO_TEXT 2
int mdcache_render_sum(mdcache *c, arena *a, const char *file,
    const char *text, size_t len, hash128 sum, int line_offset,
    const md_options *opt, md_result *out, diag *d);
/* A lookup made ahead (model/mdahead): the key mdcache_render_sum would
 * make of the same arguments, and its entry, checked against its
 * checksum and parsed into the cache's own memory (NULL: none). */
typedef struct mdcache_hint {
	hash128 key;
	const void *entry;
} mdcache_hint;
/* Finds the entry for mdcache_render_sum's arguments with the text known
 * by its digest (sum; zero: none found). finder is 0 or 1: two threads
 * may find at once, each with its own (what they find is kept apart),
 * beside no render, before the save. */
enum { MDCACHE_FINDERS = 2 };
void mdcache_find(mdcache *c, int finder, const char *file, hash128 sum,
    int line_offset, const md_options *opt, mdcache_hint *h);
/* mdcache_render_sum for the arguments h was found with (opt's
 * link_base is then not read; the result lives with the cache): 0 and
 * *out when the entry's lookups still get the same answers, its
 * warnings told to d; else -1, nothing told, and the caller renders the
 * usual way. Worker-safe. */
int mdcache_take(mdcache *c, const mdcache_hint *h, const md_options *opt,
    md_result *out, diag *d);
/* Entries the file held when opened (0: no file, nothing to find). */
size_t mdcache_entries(const mdcache *c);

/* Add r's HTML, and its summaries, to a key: by their digests when known
 * (html_sum, summary_sum; the strings are then not read again), else
 * their bytes, the two ways tagged apart. */
void mdcache_key_html(hash_state *st, const md_result *r);
void mdcache_key_summary(hash_state *st, const md_result *r);
/* Writes the file back when this build rendered or dropped anything,
 * then lets go of what only the writing needed; renders after it are not
 * cached and a second save does nothing. */
void mdcache_save(mdcache *c);
void mdcache_free(mdcache *c);

/* Gives back the pages of the file's map that were read (results point
 * into it; they are read from the file again when next touched). Safe
 * while other threads read them; c may be NULL. */
void mdcache_release(const mdcache *c);
/* p points into the file's map (a result's string that outlives the
 * arena the result was made in). */
int mdcache_owns(const mdcache *c, const void *p);

/* For the build summary. */
size_t mdcache_hits(const mdcache *c);
size_t mdcache_misses(const mdcache *c);

#endif
