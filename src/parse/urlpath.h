/* urlpath: an old address (an alias) made into a path under the site
 * root that a file can answer. Any path a URL can hold is accepted:
 * capital letters, ä, ':' and '%'-escapes (decoded, since servers decode
 * them before looking for the file), and file names like "x.html".
 * Pure. */
#ifndef SAITTI_URLPATH_H
#define SAITTI_URLPATH_H

#include <stddef.h>

#include "../core/arena.h"

/* From "/2016/10/10/Hyv%C3%A4%C3%A4.html" or "/blogi/vanha" (leading
 * slashes dropped; the caller drops the base path): "2016/10/10/Hyvää.html"
 * (a file) or "blogi/vanha/" (a folder: its index.html). Returns the path
 * in a, or NULL with *err set to a static English message and *bad to the
 * offending character (0 when the message is about no one character). */
const char *urlpath_alias(arena *a, const char *s, const char **err,
    int *bad);

#endif
