/* fuzz_date: date_parse on arbitrary bytes, in the site's zone. Whatever it
 * accepts must be a real civil date whose fields agree with its instant,
 * and its ISO form must read back as the same instant. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "parse/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int zoned;
	if (!zoned) {
		if (date_set_zone("Europe/Helsinki") != 0)
			abort();
		zoned = 1;
	}
	sdate t;
	const char *err = NULL;
	if (date_parse((const char *)data, size, &t, &err) != 0) {
		if (!err || !*err)
			abort();      /* every refusal says why */
		return 0;
	}
	if (t.month < 1 || t.month > 12 || t.day < 1 ||
	    t.day > date_days_in_month(t.year, t.month) || t.hour < 0 ||
	    t.hour > 23 || t.min < 0 || t.min > 59 || t.sec < 0 || t.sec > 60 ||
	    t.wday < 0 || t.wday > 6)
		abort();
	char iso[40], rfc[40], ical[40], day[40];
	date_iso(&t, iso);
	date_rfc822(&t, rfc);
	date_ical_utc(t.epoch, ical);
	date_ical_date(t.year, t.month, t.day, day);
	int iso_year, week = date_iso_week(t.year, t.month, t.day, &iso_year);
	if (week < 1 || week > 53 || iso_year < t.year - 1 ||
	    iso_year > t.year + 1 || date_weekday(t.year, t.month, t.day) !=
	    t.wday)
		abort();
	/* What date_iso writes reads back as the same instant (but in the
	 * year 1 it may be written in UTC, in the year 0). */
	sdate again;
	if (t.year > 1 && (date_parse(iso, strlen(iso), &again, &err) != 0 ||
	    again.epoch != t.epoch || again.has_time != t.has_time))
		abort();
	sdate back = date_from_epoch(t.epoch, t.has_time);
	if (back.year != t.year || back.month != t.month ||
	    back.day != t.day || !date_same_day(&back, &t) ||
	    date_cmp(&t, &t) != 0)
		abort();
	return 0;
}
