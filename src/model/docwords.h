/* docwords: each document's search words from the last build, kept in
 * the cache folder as `search-docs`, so that a rebuild reads again only
 * the documents whose text changed (searchindex.h). A document is found
 * by a digest of the text it was read from; its words are a list of
 * (word number << SEARCH_MASK_BITS) | where, numbers into the file's own
 * table of words.
 *
 * The file is binary, in host order (it never leaves this machine): a
 * header (format, the program's digest, a checksum of the rest, the
 * counts), the words (NUL-terminated), the documents (digest, first word,
 * count) and the word numbers. A file of another program, or damaged even
 * at the same length, is not read: it costs only time. */
#ifndef SAITTI_DOCWORDS_H
#define SAITTI_DOCWORDS_H

#include <stddef.h>
#include <stdint.h>

#include "../core/hash.h"

typedef struct docwords docwords;

/* file NULL, unreadable or not a whole file of this program: an empty
 * cache. Never NULL. mask_bits: the low bits of an entry that are not
 * the word's number. */
docwords *docwords_read(const char *file, unsigned mask_bits);
void docwords_free(docwords *c);

/* The words of the file: word i, of *len bytes. */
size_t docwords_nwords(const docwords *c);
const char *docwords_word(const docwords *c, size_t i, size_t *len);
/* The documents in the file. */
size_t docwords_ndocs(const docwords *c);
/* The list of the document whose digest is key, of *n entries (each
 * word number below docwords_nwords), or NULL. */
const uint32_t *docwords_get(const docwords *c, hash128 key, size_t *n);

/* Writing: the words (nwords, each of lens[i] bytes and NUL-terminated),
 * the number of documents and of entries they will have, then each
 * document: docwords_add gives the room for its n entries, to be filled
 * with numbers into the words (NULL past what was told). The file is made
 * in one buffer and replaced whole (or left as it was). */
typedef struct docwords_out docwords_out;
docwords_out *docwords_begin(const char *const *words, const uint32_t *lens,
    size_t nwords, size_t ndocs, size_t nids);
uint32_t *docwords_add(docwords_out *o, hash128 key, size_t n);
/* Writes file and frees o; 0, or -1 when the file stays as it was (also
 * when fewer documents or entries were added than told). */
int docwords_commit(docwords_out *o, const char *file);

#endif
