/* strmap: a string-keyed hash table (open addressing) for lookups over the
 * whole site: URLs, content paths, tag slugs. Keys are not copied (they
 * live in the build's arena); the table itself is malloc'ed. */
#ifndef SAITTI_STRMAP_H
#define SAITTI_STRMAP_H

#include <stddef.h>

typedef struct strmap strmap;

strmap *strmap_new(void);
void strmap_free(strmap *m);
/* Returns the old value for key, or NULL (and then inserts val). */
void *strmap_put_new(strmap *m, const char *key, void *val);
void strmap_set(strmap *m, const char *key, void *val);
void *strmap_get(const strmap *m, const char *key);
size_t strmap_len(const strmap *m);
/* Up to n of m's keys into keys, in no set order; how many. */
size_t strmap_keys(const strmap *m, const char **keys, size_t n);

#endif
