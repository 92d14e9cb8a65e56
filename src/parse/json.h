/* json: a JSON object → value, through jansson, for Hugo's JSON front
 * matter ({ … } at the top of a Markdown file).
 *
 * Pure: parses a buffer. Jansson keeps no positions for values, so every
 * value carries the position of the object's opening brace; a syntax
 * error is reported at jansson's line and column. Objects keep their
 * keys' order; integers are numbers with sub VSUB_INT; a key given twice
 * is an error. */
#ifndef SAITTI_JSON_H
#define SAITTI_JSON_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/value.h"

/* Nesting deeper than this is refused (jansson's own limit is 2048). */
#define JSON_MAX_DEPTH 100

/* Parses the object at the start of text; *used gets the number of bytes
 * it took (the body follows). Returns the map, or NULL after reporting
 * to d. */
value *json_parse(arena *a, const char *file, const char *text, size_t len,
    size_t *used, diag *d);

#endif
