/* morph: a word's dictionary forms for search (searchindex.h).
 *
 * Finnish goes through Voikko (libvoikko with the voikko-fi dictionary):
 * every base form of a word ("perhekeskuksissa" → "perhekeskus") and, for
 * a compound, its parts and every run of adjacent parts
 * ("perhekeskustoimintamallin" → "perhe", "keskus", "toiminta", "malli",
 * "perhekeskus", "keskustoiminta", …), so that a search for a part finds
 * the whole. Other languages Snowball knows (libstemmer: Swedish, English,
 * …) get the word's stem. A word the analyser does not know is its own
 * base form.
 *
 * An analyser is not thread-safe (Voikko's handle is not): make one per
 * thread. Words are given lowercased (searchindex_lower); forms come back
 * lowercased. */
#ifndef SAITTI_MORPH_H
#define SAITTI_MORPH_H

#include <stddef.h>

#include "../core/buf.h"

typedef struct morph morph;

/* lang: the site's language code ("fi", "sv", "en"…). With no analyser
 * for the language, words are their own base forms. NULL when the
 * language has one but saitti-words.so does not load (morph_error). */
morph *morph_new(const char *lang);
void morph_free(morph *m);
/* "voikko <version>", "snowball <algorithm>" or "none": what made the
 * forms, so caches of them know when they are stale. */
const char *morph_name(const morph *m);
/* morph_name and what else the forms depend on (the library's file, and
 * Voikko's dictionary files: size and change time of each), for the keys
 * of caches of forms; a line without a newline. Made once, lives as
 * long as m. */
const char *morph_stamp(morph *m);
/* The files lang's forms come from (Voikko's dictionary, saitti-words.so
 * and the libraries it loads), " path size mtime" each, appended to b:
 * morph_stamp's without an analyser made. */
void morph_files(buf *b, const char *lang);
/* 1 when files, morph_files' of lang at some earlier time, still holds:
 * the dictionary is found where it was, and each library's file is as
 * it was. Loads no library (the stamp's test: cli/stamp.h). */
int morph_files_stand(const char *files, const char *lang);
/* libvoikko's version, or "" when saitti-words.so does not load. */
const char *morph_version(void);
/* Why morph_new returned NULL: the loader's words (plugin_error). */
const char *morph_error(void);
/* 1 when the language asked for Voikko but its dictionary is missing. */
int morph_degraded(const morph *m);

/* Appends word's base forms to bases and its compound parts (not already
 * among the base forms) to parts, each followed by one space; every form
 * is at most MORPH_MAX_WORD bytes. word is len bytes of lowercase UTF-8
 * without spaces. */
enum { MORPH_MAX_WORD = 64, MORPH_MAX_PARTS = 8 };
void morph_analyse(morph *m, const char *word, size_t len, buf *bases,
    buf *parts);

/* saitti-words.so's side (src/plugin/words.c): the libraries' calls, so
 * that only a run that analyses words loads them (core/plugin.h). */
typedef struct morph_ops {
	void *(*voikko_new)(void);   /* NULL without the dictionary */
	void (*voikko_free)(void *h);
	/* each(ctx, BASEFORM, STRUCTURE or NULL) for every analysis of
	 * word (NUL-terminated). */
	void (*voikko_each)(void *h, const char *word, void (*each)(void *ctx,
	    const char *base, const char *structure), void *ctx);
	const char *(*voikko_version)(void);
	const char *(*voikko_file)(void);   /* libvoikko's file, or NULL */
	void *(*stemmer_new)(const char *algorithm);   /* or NULL */
	void (*stemmer_free)(void *h);
	/* word's stem (*n bytes), valid until the next call on h. */
	const char *(*stem)(void *h, const char *word, size_t len, size_t *n);
	const char *(*stemmer_file)(void);  /* libstemmer's file, or NULL */
} morph_ops;
/* The plugin's one symbol: its table. */
extern const morph_ops morph_plugin_ops;

/* Lowercases UTF-8 text as the search page's JavaScript does for the
 * letters of Finnish, Swedish and the other Latin-script languages
 * (ASCII, Latin-1, Latin Extended-A): n bytes of s into out. */
void morph_lower(buf *out, const char *s, size_t n);
/* The same for one character. */
unsigned morph_lower_cp(unsigned cp);

#endif
