/* meta: typed reads of front matter (and of an `events:` item), each
 * wrong kind reported at its FILE:LINE:COL with what would be right.
 * Shared by posts, pages and events. */
#ifndef SAITTI_META_H
#define SAITTI_META_H

#include "site.h"

/* Text: a string, or a number or boolean written as text. NULL when
 * absent or null, and after reporting another kind. */
const char *meta_str(site *s, const char *file, const value *map,
    const char *key, diag *d);
/* true or false (also kyllä/ei, yes/no, ja/nej, as writers type them);
 * def when absent. */
int meta_bool(const char *file, const value *map, const char *key, int def,
    diag *d);
/* A date (see date_parse and datetext_parse): 1 found, 0 absent, -1
 * reported. A time range (klo 12-16) is refused here. */
int meta_date(const char *file, const value *map, const char *key,
    sdate *out, diag *d);
/* The same, for an event's start, which may be a time range: then 2, and
 * *end gets its end. */
int meta_date_span(const char *file, const value *map, const char *key,
    sdate *out, sdate *end, diag *d);
/* `tags:`, a list of words, as the site's tags (made as needed, no
 * duplicates). Returns the count; *out gets an array in the site's arena. */
/* Calls fn for each word of Jekyll's `categories` (or `category`): a
 * list, or words separated by spaces, as Jekyll reads them. */
void meta_each_category(const value *meta,
    void (*fn)(void *ctx, const char *word, size_t len), void *ctx);

size_t meta_tags(site *s, const char *file, const value *map, tag ***out,
    diag *d);

#endif
