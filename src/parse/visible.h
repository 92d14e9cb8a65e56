/* visible: whether two versions of a content file say the same to a
 * reader, so that an edit that revises nothing does not make a post
 * "updated" (model/history; issue 14).
 *
 * The rule, for a Markdown file (a name ending in .md):
 *   - the body is compared as the HTML cmark makes of it, with every run
 *     of spaces, tabs and line ends counted as one space (outside <pre>,
 *     where spacing shows). So re-wrapped lines, trailing spaces, blank
 *     lines added or removed between blocks, `*x*` for `_x_`, `-` for `*`
 *     in lists and other Markdown reformatting are not changes; a changed
 *     word, link, heading or paragraph break is;
 *   - of the front matter only the keys that are the article's own text
 *     count: `title`, `summary`, `description`, `image`, `image_alt` and
 *     `events` (a post's events: their times and places, not their
 *     tags). Keys that
 *     describe the article (tags, author, date, draft, slug, aliases and
 *     the rest) do not: re-tagging or crediting posts is not revising
 *     them. They are compared as YAML values, not as text: quoting, key
 *     order, comments and spacing are not changes, and text values are
 *     compared with their spaces collapsed the same way.
 * A file that cannot be parsed, or any other kind of file, is the same
 * only when its bytes are.
 *
 * Pure (buffers in, no files, nothing reported) and thread-safe. */
#ifndef SAITTI_VISIBLE_H
#define SAITTI_VISIBLE_H

#include <stddef.h>

/* 1 when versions a and b of the file at path (relative to content/, for
 * its extension) look the same on the site; 0 otherwise. */
int visible_same(const char *path, const char *a, size_t na, const char *b,
    size_t nb);

#endif
