/* datefmt: dates for readers, in the words of the theme's strings file.
 *
 * A pattern is text with tokens in braces:
 *   {d} {dd}        day, and with two digits (7, 07)
 *   {m} {mm}        month, and with two digits (11, 11)
 *   {Y}             year (2017)
 *   {H} {HH} {MM}   hour, hour with two digits, minutes with two digits
 *   {Hm}            hour, and ".MM" only when the minutes are not 0
 *                   (12, 12.30)
 *   {weekday:LIST}  item wday (Monday first) of the list LIST in strings
 *   {month:LIST}    item month-1 of the list LIST in strings
 * Other text is copied. An unknown token, a missing list or a list too
 * short is copied as written ("{weekday:viikonpaivat}"), so that a theme's
 * mistake shows on the page instead of breaking the build.
 *
 * Pure; strings is only read, so threads may share it. Finnish strings
 * give, e.g., "{weekday:weekdays_essive} {d}. {month:months_partitive} {Y}"
 * → "tiistaina 7. marraskuuta 2017". */
#ifndef SAITTI_DATEFMT_H
#define SAITTI_DATEFMT_H

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/value.h"
#include "../parse/date.h"

/* Appends d formatted by pattern to out. */
void datefmt(buf *out, const char *pattern, const sdate *d,
    const value *strings);

/* Formats d with the pattern strings["date_formats"][key] into a string
 * allocated in a; "" (also in a) when there is no such string pattern. */
char *datefmt_key(arena *a, const char *key, const sdate *d,
    const value *strings);

#endif
