/* yaml: YAML text → value, through libyaml.
 *
 * Pure: parses a buffer, touches no files. Every value carries the line and
 * column it started at (1-based, plus line_offset, so front matter reports
 * positions in the whole Markdown file). Plain scalars become null
 * (`~`, `null`, empty), booleans (`true`, `false`), numbers (decimal
 * integers and floats) or strings; quoted and block scalars are always
 * strings. Anchors and aliases work. Errors (malformed YAML, tabs, duplicate
 * keys) go to d with `file` and a position; the result is then NULL. */
#ifndef SAITTI_YAML_H
#define SAITTI_YAML_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/value.h"

/* Returns the document's root value (an empty document gives a null value),
 * allocated in a, or NULL after reporting errors to d. */
value *yaml_parse(arena *a, const char *file, const char *text, size_t len,
    int line_offset, diag *d);

#endif
