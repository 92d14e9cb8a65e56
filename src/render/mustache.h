/* mustache: the template engine (https://mustache.github.io/), passing the
 * official spec: interpolation, sections, inverted sections, comments,
 * partials, set delimiters, ~inheritance (parents and blocks) and
 * ~dynamic-names. Lambdas are not supported.
 *
 * A template set is compiled once from every template it may need (the
 * theme's files, or a spec test's partials), so rendering only reads it and
 * many threads may render from one set at once (but not while a template
 * is being added).
 *
 * Whitespace follows the spec: a tag alone on its line takes the line with
 * it, and a standalone partial or parent indents every non-empty line of
 * what it includes by the tag's indentation. A block argument loses the
 * indentation it was written with and takes that of the block it fills
 * (the block's default content's, or its tag's). As the spec's "Standalone
 * block" test requires, `{{$b}}{{/b}}` alone on a line keeps the line's
 * newline, so write the two tags on lines of their own when the argument
 * ends with one. */
#ifndef SAITTI_MUSTACHE_H
#define SAITTI_MUSTACHE_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/diag.h"
#include "../core/value.h"

typedef struct mustache_set mustache_set;

/* The set owns everything it compiles (in an arena of its own);
 * mustache_set_free() releases it all. */
mustache_set *mustache_set_new(void);
void mustache_set_free(mustache_set *set);

/* Compiles src under name (copied). `file` is the path shown in errors
 * ("themes/default/templates/post.html"). An unclosed or mismatched
 * section, a bad delimiter tag, an unclosed tag: an error at
 * file:line:col; returns -1 and leaves the set as it was. src need not
 * outlive the call. Adding a name again replaces its template. */
int mustache_add(mustache_set *set, const char *name, const char *file,
    const char *src, size_t len, diag *d);

int mustache_has(const mustache_set *set, const char *name);

/* 1 when template `name`, or a partial or parent it may include, names
 * key (as any part of a dotted name: {{x.key}}, {{#key}}), so that what
 * a map holds under key may reach its output; 0 when no value under key
 * can (lookups are by name, and maps print as nothing). With first, only
 * names whose first part is key count: the part looked up down the
 * context stack, the only one that finds a key of a map that is never a
 * map's value (a list's item a section pushes). 1 when unsure: a dynamic
 * partial ({{>*x}}) may be any template. A missing template names
 * nothing. */
int mustache_names(const mustache_set *set, const char *name,
    const char *key, int first);

/* Renders template `name` with a context stack: ctx[0] is the bottom,
 * ctx[n-1] the top (looked up first). {{x}} is HTML-escaped (& < > " '),
 * {{{x}}} and {{&x}} are not. A missing partial renders as nothing (as the
 * spec says). Numbers print in their shortest form (1.21, 85); booleans
 * as true and false; null, lists and maps as nothing. Output is appended
 * to out, and out->data is a string afterwards. Returns 0, or -1 when
 * `name` is not in the set (see mustache_has) or when the templates
 * recurse without end (a partial that includes itself whatever the
 * data): then out holds a truncated page. */
int mustache_render(const mustache_set *set, const char *name,
    const value *const *ctx, size_t n, buf *out);

#endif
