/* slug: URL-safe names from Finnish text.
 * Pure. Transliterates ä→a, ö→o, å→a (and other Latin letters with
 * diacritics to their base letter, ß→ss, æ→ae, ø→o), lowercases, turns
 * every run of other characters into one '-', and trims '-' from both
 * ends, so the result holds only [a-z0-9-]. It may be empty: the caller
 * reports that as an error. */
#ifndef SAITTI_SLUG_H
#define SAITTI_SLUG_H

#include <stddef.h>

#include "../core/arena.h"

char *slug_make(arena *a, const char *s, size_t len);

/* The length of the longest '/'-separated part of path: a file name on
 * most file systems is at most 255 bytes, and saitti allows
 * LIMIT_NAME_BYTES (core/limits.h) in any part of an address. */
size_t slug_longest_part(const char *path);

/* Cuts a slug made from a title to at most max bytes, and any '-' at the
 * new end (a slug is ASCII, so any byte is a boundary). */
void slug_cut(char *slug, size_t max);

/* A tag's slug: slug_make, except that '+' and '#' after a letter, digit
 * or '+' are spelled out, so that C, C++ and C# get three addresses
 * (c, c-plus-plus, c-sharp) as Hugo keeps them apart. */
char *slug_make_tag(arena *a, const char *s, size_t len);

/* Orders strings the Finnish way: case-insensitive, å ä ö after z (in that
 * order), v and w apart, other accented letters with their base letter;
 * ties broken by bytes so the order is total. */
int slug_collate_fi(const char *a, const char *b);

#endif
