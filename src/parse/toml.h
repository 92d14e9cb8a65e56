/* toml: TOML 1.1 text → value, for Hugo's `+++` front matter.
 *
 * Debian packages no C TOML library, so this is a parser of its own, held
 * to the official toml-test suite (tests/scripts/toml_test.sh runs every
 * valid and invalid file of ../shared/toml-test).
 *
 * Pure: parses a buffer, touches no files. Tables become maps (in the
 * order their keys were written), arrays lists, booleans and floats what
 * they are. Integers are numbers with sub VSUB_INT and their exact value
 * in u.inum. Dates and times stay strings, as written but in RFC 3339's
 * shape ("1979-05-27T07:32:00Z": T, Z and the seconds filled in), with
 * sub VSUB_DATETIME, VSUB_DATETIME_LOCAL, VSUB_DATE_LOCAL or
 * VSUB_TIME_LOCAL; date_parse reads the first three. Every value carries
 * its line and column (1-based, plus line_offset). The first error goes to
 * d with `file` and its position; the result is then NULL. */
#ifndef SAITTI_TOML_H
#define SAITTI_TOML_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/value.h"

/* Arrays and inline tables nested deeper than this are refused. */
#define TOML_MAX_DEPTH 100

/* Returns the root table (a map; empty for an empty text), allocated in
 * a, or NULL after reporting an error to d. */
value *toml_parse(arena *a, const char *file, const char *text, size_t len,
    int line_offset, diag *d);

#endif
