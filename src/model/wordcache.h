/* wordcache: the word analyses of earlier builds (morph.h), kept in the
 * cache folder as `search-words` so that a build analyses only words no
 * earlier build saw. The file is a first line naming the format and the
 * analyser (a file of another analyser is not read), then one line a
 * word: "word\tbases\tparts\n". A cut or foreign file costs only time. */
#ifndef SAITTI_WORDCACHE_H
#define SAITTI_WORDCACHE_H

#include <stddef.h>

typedef struct wordcache wordcache;

/* file NULL or unreadable: an empty cache. Never NULL. */
wordcache *wordcache_read(const char *file, const char *analyser);
/* 1 and the word's base forms and parts (space-separated, as
 * morph_analyse gives them) when the cache has word; else 0. The strings
 * live as long as the cache. */
int wordcache_get(const wordcache *c, const char *word, const char **bases,
    const char **parts);
void wordcache_free(wordcache *c);
/* Writes n analyses (replacing the file whole, or leaving it as it was). */
void wordcache_write(const char *file, const char *analyser,
    const char *const *words, const char *const *bases,
    const char *const *parts, size_t n);

#endif
