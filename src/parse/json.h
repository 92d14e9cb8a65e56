/* json: a JSON object → value, through jansson, for Hugo's JSON front
 * matter ({ … } at the top of a Markdown file).
 *
 * Why jansson and not libyaml, though JSON is nearly YAML flow: Hugo's
 * JSON front matter has no closing line, the body starts right after the
 * object's closing brace, and jansson (JSON_DISABLE_EOF_CHECK) says where
 * that is, where libyaml would read on into the body; jansson also
 * refuses duplicate keys and tells integers from reals as JSON means
 * them. (libyaml does read a tab-indented JSON object between --- lines:
 * saitti's YAML front matter accepts that too.)
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
