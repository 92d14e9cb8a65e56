/* datetext: dates as writers type them around date_parse's forms.
 *
 * On top of what date_parse accepts (date.h), a writer may type
 *   pe 13.10.2027 klo 12     a weekday first, as the site prints dates:
 *                            checked against the date, never guessed
 *   13.10.2027 kello 12      `kello` for `klo`
 *   2.10.2017 klo 12-16      a time range, with a hyphen or a dash
 *   2.10.2017 klo 12.00–16.30   (– or —); it ends on the next day
 *                            when its end is not after its start
 * Weekdays: Finnish (ma … su, maanantai … sunnuntai, maanantaina …),
 * Swedish (må … sö, måndag …) and English (mon … sun, monday …), in any
 * case, with an optional '.' or ',' after them. A range needs `klo` (or
 * `kello`): in 2017-11-07T12:00-02:00 the hyphen starts a zone offset.
 *
 * Pure apart from the zone date_set_zone chose, like date_parse. */
#ifndef SAITTI_DATETEXT_H
#define SAITTI_DATETEXT_H

#include <stddef.h>

#include "date.h"

typedef struct datetext {
	sdate start;
	sdate end;       /* set when has_end */
	int has_end;     /* the text was a time range */
} datetext;

/* Returns 0, or -1 with *err a static English msgid (translate it with
 * _()) that says what to write, as date_parse's do. */
int datetext_parse(const char *s, size_t len, datetext *out,
    const char **err);

#endif
