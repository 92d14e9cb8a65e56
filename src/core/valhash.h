/* valhash: digests of value trees, so a build can tell that a page's
 * template input is the one the last build rendered (render.c). Lists
 * and maps that hold lists or maps are remembered by address, because
 * many pages share them (a post's map is on its page, in lists, tags and
 * the archive); a hasher belongs to one thread. Positions (line, col) are not part of a digest:
 * templates cannot see them. */
#ifndef SAITTI_VALHASH_H
#define SAITTI_VALHASH_H

#include "hash.h"
#include "value.h"

typedef struct valhash valhash;

valhash *valhash_new(void);
void valhash_free(valhash *h);
/* Zero (no digest) for a tree nested deeper than any page needs. */
hash128 valhash_of(valhash *h, const value *v);
/* Map keys are known by their address: after the memory of keys h has
 * seen is freed and may be reused (a scratch arena reset between jobs),
 * forget them. */
void valhash_forget_keys(valhash *h);
/* Marks v as shared: call before any hasher meets it. */
void valhash_share(value *v);
/* Tells h the digest of shared v, made by another hasher (v must not
 * change). */
void valhash_remember(valhash *h, const value *v, hash128 d);

#endif
