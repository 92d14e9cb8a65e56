/* datename: dates written with English month names, as Jekyll (Ruby's
 * Time.parse) and Hugo (Go's time layouts) read them in front matter,
 * rewritten into the ISO form date_parse reads.
 *
 *   Mon, 02 Jan 2006 15:04:05 -0700   (RFC 1123, RFC 822: "02 Jan 06")
 *   Monday, 02-Jan-06 15:04:05 MST    (RFC 850)
 *   Mon Jan  2 15:04:05 MST 2006      (ANSI C, Unix date, Ruby)
 *   January 2, 2006   Jan 2 2006   2 January 2006   (any time after it)
 *
 * Pure. Kept apart from date.c so that the Finnish forms there and these
 * grow without touching each other. */
#ifndef SAITTI_DATENAME_H
#define SAITTI_DATENAME_H

#include <stddef.h>

/* Room for any rewriting of an input date_parse would accept. */
#define DATENAME_MAX 96

/* Writes "YYYY-MM-DD" and the time and zone that followed (" 15:04:05
 * -0700") into out and returns 1 when s[0..len) is one of the forms
 * above; returns 0 (out unspecified) otherwise. The date itself is not
 * checked here: date_parse does that on the result. */
int datename_to_iso(const char *s, size_t len, char *out, size_t outsz);

#endif
