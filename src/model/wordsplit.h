/* wordsplit: a text's words for search (searchindex.h), split and
 * lowercased in one pass as the search page's JavaScript does: runs of
 * letters and digits (/[\p{L}\p{N}]/u for the scripts a Nordic site
 * writes in), lowercased (morph_lower_cp), at least two characters and
 * at most MORPH_MAX_WORD bytes.
 *
 * A splitter belongs to one thread. It numbers the distinct words it
 * meets in its own table (local numbers) and keeps, for the document it
 * is reading, each word once: (local number << SEARCH_MASK_BITS) | where
 * the word stood, the places OR-ed together. */
#ifndef SAITTI_WORDSPLIT_H
#define SAITTI_WORDSPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "morph.h"

/* A table of distinct words, numbered from 0 as they come. Every word in
 * it is followed by zeros up to the next multiple of 8 bytes (at least
 * one), so that words are hashed and compared 8 bytes at a time. */
typedef struct wordtab {
	uint64_t *slot;         /* hash << 32 | number + 1, open addressing */
	size_t nslot;
	const char **w;
	uint32_t *h, *len;
	size_t n, cap;
} wordtab;

/* The bytes a word of len bytes takes with its zeros. */
#define WORD_PADDED(len) (((size_t)(len) + 8) & ~(size_t)7)

/* The hash of a zero-padded word, as the splitter makes it. */
uint32_t wordtab_hash(const char *w, size_t len);
/* The number of the zero-padded word w (len bytes, hash h); a new word is
 * copied into a, or kept as it is (and must outlive the table) when a is
 * NULL. */
uint32_t wordtab_id(wordtab *t, const char *w, uint32_t len, uint32_t h,
    arena *a);
void wordtab_free(wordtab *t);

typedef struct wordsplit {
	arena *a;               /* the table's words */
	wordtab dict;
	uint32_t *cur;          /* this document's words */
	size_t n, cap;
	/* private */
	uint32_t doc;
	uint32_t *last;         /* per number: document + 1, index in cur */
	size_t nlast;
	uint16_t lower2[0x800]; /* two-byte letters lowercased, else 0 */
	char low[MORPH_MAX_WORD + 2 + 8];   /* the word being read */
} wordsplit;

void wordsplit_init(wordsplit *w);
void wordsplit_free(wordsplit *w);
/* Starts document doc: cur empties. */
void wordsplit_doc(wordsplit *w, uint32_t doc);
/* Adds the words of n bytes of UTF-8 text at s where mask says; with
 * html, tags are skipped, words inside <h1>…<h6> are headings
 * (SEARCH_HEADING) and entities separate words. */
void wordsplit_text(wordsplit *w, const char *s, size_t n, int html,
    uint32_t mask);

#endif
