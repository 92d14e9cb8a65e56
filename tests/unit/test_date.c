/* date: parsing every accepted format in Europe/Helsinki, daylight saving
 * on both sides of both changes, validation messages, renderings, and the
 * calendar arithmetic. */
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parse/date.h"

static const char MSG_SYNTAX[] =
    "not a date: write 2017-11-07, 7.11.2017 or 7.11.2017 klo 12.00";
static const char MSG_TIME[] =
    "not a time after the date: write 7.11.2017 klo 12, "
    "7.11.2017 klo 12.00 or 2017-11-07 12:00";

/* Parses s and renders it as ISO 8601, or "ERR: message". */
static const char *iso(const char *s)
{
	static char out[200];
	sdate d;
	const char *err = NULL;
	if (date_parse(s, strlen(s), &d, &err) != 0) {
		snprintf(out, sizeof out, "ERR: %s", err ? err : "(null)");
		return out;
	}
	date_iso(&d, out);
	return out;
}

/* The message date_parse gives for s, or "(accepted)". */
static const char *err_of(const char *s)
{
	sdate d;
	const char *err = NULL;
	if (date_parse(s, strlen(s), &d, &err) == 0)
		return "(accepted)";
	return err ? err : "(no message)";
}

/* The instant as UTC in iCalendar form: which instant was chosen. */
static const char *utc(const char *s)
{
	static char out[200];
	sdate d;
	const char *err = NULL;
	if (date_parse(s, strlen(s), &d, &err) != 0) {
		snprintf(out, sizeof out, "ERR: %s", err ? err : "(null)");
		return out;
	}
	date_ical_utc(d.epoch, out);
	return out;
}

int main(void)
{
	char out[40];
	sdate d;
	const char *err;

	/* Threads read the environment unlocked (libgit2's setup runs on
	 * one while the site's zone is set): after date_zone_prepare,
	 * setting the zone swaps a value and leaves the array in place. */
	unsetenv("TZ");
	setenv("SAITTI_TEST_ENV", "1", 1);   /* the C library's own array */
	date_zone_prepare();
	const char *tz = getenv("TZ");
	CHECK("zone: prepared, TZ is there, as an unset one reads",
	    tz && !strcmp(tz, ":/etc/localtime"));
	char **array = environ;
	CHECK("zone: ...setting a zone then", date_set_zone("UTC") == 0 &&
	    date_set_zone("Europe/Helsinki") == 0);
	CHECK("zone: ...keeps the environment's array where it was",
	    environ == array);
	setenv("TZ", "UTC", 1);
	date_zone_prepare();
	CHECK("zone: a TZ already there is left as it is",
	    !strcmp(getenv("TZ"), "UTC"));

	CHECK("unknown zone", date_set_zone("Europe/Nowhere") == -1);
	CHECK("no path tricks", date_set_zone("../zoneinfo/UTC") == -1);
	CHECK("empty zone", date_set_zone("") == -1);
	CHECK("helsinki", date_set_zone("Europe/Helsinki") == 0);

	/* Every accepted format. */
	CHECK_STR("iso date", iso("2017-11-07"), "2017-11-07");
	CHECK_STR("iso date and time", iso("2017-11-07 12:00"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("iso with seconds", iso("2017-11-07 12:00:30"),
	    "2017-11-07T12:00:30+02:00");
	CHECK_STR("iso T", iso("2017-11-07T12:00"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("iso T offset", iso("2017-11-07T12:00:00+02:00"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("iso Z shown in the site's zone",
	    iso("2017-11-07T12:00:00Z"), "2017-11-07T14:00:00+02:00");
	CHECK_STR("iso +0200", iso("2017-11-07T12:00:00+0200"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("iso -05:00", iso("2017-11-07T06:00:00-05:00"),
	    "2017-11-07T13:00:00+02:00");
	CHECK_STR("iso +05:30 crosses midnight", iso("2017-11-07T01:00+05:30"),
	    "2017-11-06T21:30:00+02:00");
	CHECK_STR("finnish date", iso("7.11.2017"), "2017-11-07");
	CHECK_STR("finnish zero-padded", iso("07.11.2017"), "2017-11-07");
	CHECK_STR("klo hour", iso("7.11.2017 klo 12"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("klo hour.min", iso("7.11.2017 klo 12.00"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("klo 9.05", iso("7.11.2017 klo 9.05"),
	    "2017-11-07T09:05:00+02:00");
	CHECK_STR("finnish space time", iso("7.11.2017 12:00"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("klo with colon", iso("07.11.2017 klo 12:00"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("surrounding space trimmed", iso("  7.11.2017 klo 12.30 \n"),
	    "2017-11-07T12:30:00+02:00");
	CHECK_STR("midnight", iso("2017-11-07 00:00"),
	    "2017-11-07T00:00:00+02:00");
	CHECK_STR("last minute of the day", iso("2017-12-31 23:59:59"),
	    "2017-12-31T23:59:59+02:00");

	/* Summer time: offsets and instants on both sides of both changes
	 * in 2017 (forward 26.3. 03:00 → 04:00, back 29.10. 04:00 → 03:00). */
	CHECK_STR("before spring change", iso("2017-03-26 02:59"),
	    "2017-03-26T02:59:00+02:00");
	CHECK_STR("before spring change utc", utc("2017-03-26 02:59"),
	    "20170326T005900Z");
	CHECK_STR("after spring change", iso("2017-03-26 04:00"),
	    "2017-03-26T04:00:00+03:00");
	CHECK_STR("after spring change utc", utc("2017-03-26 04:00"),
	    "20170326T010000Z");
	CHECK_STR("spring gap is an error", err_of("2017-03-26 03:30"),
	    "not a time: clocks skip that hour when summer time starts; "
	    "write a time an hour later");
	CHECK_STR("spring gap start is an error", err_of("26.3.2017 klo 3"),
	    "not a time: clocks skip that hour when summer time starts; "
	    "write a time an hour later");
	CHECK_STR("spring gap with an offset is fine",
	    iso("2017-03-26T03:30+02:00"), "2017-03-26T04:30:00+03:00");
	CHECK_STR("before autumn change", iso("2017-10-29 02:59"),
	    "2017-10-29T02:59:00+03:00");
	CHECK_STR("ambiguous autumn hour is summer time",
	    iso("2017-10-29 03:30"), "2017-10-29T03:30:00+03:00");
	CHECK_STR("ambiguous autumn hour instant", utc("2017-10-29 03:30"),
	    "20171029T003000Z");
	CHECK_STR("ambiguous 03:00", utc("29.10.2017 klo 3"),
	    "20171029T000000Z");
	CHECK_STR("after autumn change", iso("2017-10-29 04:00"),
	    "2017-10-29T04:00:00+02:00");
	CHECK_STR("after autumn change utc", utc("2017-10-29 04:00"),
	    "20171029T020000Z");
	CHECK_STR("summer noon", utc("2.10.2017 klo 12"), "20171002T090000Z");
	CHECK_STR("winter noon", utc("7.11.2017 klo 12"), "20171107T100000Z");
	CHECK("second instant of the repeated hour reads as winter time",
	    date_from_epoch(1509240600, 1).utcoff == 7200 &&
	    date_from_epoch(1509240600, 1).hour == 3);
	d = date_from_ymd(2017, 3, 26);
	CHECK("day of the spring change starts at +02:00",
	    d.utcoff == 7200 && d.epoch == 1490479200);
	d = date_from_ymd(2017, 7, 1);
	CHECK("summer date only", d.utcoff == 10800 && d.hour == 0 &&
	    !d.has_time && d.epoch == 1498856400);

	/* Validation. */
	CHECK_STR("31.2.2018", err_of("31.2.2018"),
	    "not a date: February has 28 or 29 days");
	CHECK_STR("29.2.2017", err_of("29.2.2017"),
	    "not a date: February has 28 days in that year "
	    "(29 only in leap years)");
	CHECK_STR("29.2.2016 is fine", iso("29.2.2016"), "2016-02-29");
	CHECK_STR("29.2.2000 is fine", iso("2000-02-29"), "2000-02-29");
	CHECK_STR("29.2.1900 is not", err_of("29.2.1900"),
	    "not a date: February has 28 days in that year "
	    "(29 only in leap years)");
	CHECK_STR("31.4.", err_of("31.4.2018"), "not a date: April has 30 days");
	CHECK_STR("31.6.", err_of("2018-06-31"), "not a date: June has 30 days");
	CHECK_STR("31.9.", err_of("31.9.2018"),
	    "not a date: September has 30 days");
	CHECK_STR("31.11.", err_of("31.11.2018"),
	    "not a date: November has 30 days");
	CHECK_STR("day 32", err_of("32.1.2018"),
	    "not a date: days go from 1 to 31");
	CHECK_STR("day 0", err_of("2018-01-00"),
	    "not a date: days go from 1 to 31");
	CHECK_STR("2017-13-01", err_of("2017-13-01"),
	    "not a date: months go from 1 to 12");
	CHECK_STR("month 0", err_of("1.0.2017"),
	    "not a date: months go from 1 to 12");
	CHECK_STR("klo 25.00", err_of("7.11.2017 klo 25.00"),
	    "not a time: hours go from 0 to 23");
	CHECK_STR("24:00", err_of("2017-11-07 24:00"),
	    "not a time: hours go from 0 to 23");
	CHECK_STR("12:60", err_of("2017-11-07 12:60"),
	    "not a time: minutes go from 0 to 59");
	CHECK_STR("klo 12.75", err_of("7.11.2017 klo 12.75"),
	    "not a time: minutes go from 0 to 59");
	CHECK_STR("seconds 60", err_of("2017-11-07 12:00:60"),
	    "not a time: seconds go from 0 to 59");
	CHECK_STR("two-digit year", err_of("7.11.17"),
	    "not a date: write the year with four digits, from 0001 to 9999");
	CHECK_STR("year 0", err_of("0000-01-01"),
	    "not a date: write the year with four digits, from 0001 to 9999");
	CHECK_STR("garbage", err_of("huomenna"), MSG_SYNTAX);
	CHECK_STR("english month", iso("Nov 7, 2017"), "2017-11-07");
	CHECK_STR("slashes", err_of("7/11/2017"), MSG_SYNTAX);
	CHECK_STR("missing day", err_of("2017-11"), MSG_SYNTAX);
	CHECK_STR("trailing dot", err_of("7.11.2017."), MSG_SYNTAX);
	CHECK_STR("empty", err_of(""),
	    "no date given: write 2017-11-07, 7.11.2017 or 7.11.2017 klo 12.00");
	CHECK_STR("only spaces", err_of("   "),
	    "no date given: write 2017-11-07, 7.11.2017 or 7.11.2017 klo 12.00");
	CHECK_STR("klo without time", err_of("7.11.2017 klo"), MSG_TIME);
	CHECK_STR("hour without minutes needs klo", err_of("7.11.2017 12"),
	    MSG_TIME);
	CHECK_STR("one-digit minutes", err_of("2017-11-07 12:5"), MSG_TIME);
	CHECK_STR("text after the time", err_of("7.11.2017 klo 12 alkaen"),
	    MSG_TIME);
	CHECK_STR("bad offset", err_of("2017-11-07T12:00+2:0"),
	    "not a time zone offset: write Z, +02:00 or +0200 "
	    "(from -12:00 to +14:00)");
	CHECK_STR("offset too large", err_of("2017-11-07T12:00+15:00"),
	    "not a time zone offset: write Z, +02:00 or +0200 "
	    "(from -12:00 to +14:00)");
	CHECK("only len bytes are read",
	    date_parse("2017-11-07xyz", 10, &d, &err) == 0 && d.day == 7);
	CHECK("date only fields", date_parse("7.11.2017", 9, &d, &err) == 0 &&
	    !d.has_time && d.hour == 0 && d.wday == 1 && d.utcoff == 7200 &&
	    d.epoch == 1510005600);
	CHECK("date and time fields",
	    date_parse("7.11.2017 klo 12.30", 19, &d, &err) == 0 &&
	    d.has_time && d.hour == 12 && d.min == 30 && d.sec == 0 &&
	    d.year == 2017 && d.month == 11 && d.day == 7 && d.wday == 1);

	/* Renderings. */
	date_parse("7.11.2017 klo 12", 16, &d, &err);
	date_rfc822(&d, out);
	CHECK_STR("rfc822 winter", out, "Tue, 07 Nov 2017 12:00:00 +0200");
	date_parse("2.10.2017 klo 12", 16, &d, &err);
	date_rfc822(&d, out);
	CHECK_STR("rfc822 summer", out, "Mon, 02 Oct 2017 12:00:00 +0300");
	date_parse("7.11.2017", 9, &d, &err);
	date_rfc822(&d, out);
	CHECK_STR("rfc822 date only", out, "Tue, 07 Nov 2017 00:00:00 +0200");
	date_iso(&d, out);
	CHECK_STR("iso date only", out, "2017-11-07");
	date_ical_utc(d.epoch, out);
	CHECK_STR("ical utc of local midnight", out, "20171106T220000Z");
	date_ical_utc(0, out);
	CHECK_STR("ical utc epoch", out, "19700101T000000Z");
	date_ical_date(2017, 11, 7, out);
	CHECK_STR("ical date", out, "20171107");
	d = date_from_epoch(-1, 1);
	date_iso(&d, out);
	CHECK_STR("before 1970", out, "1970-01-01T01:59:59+02:00");
	/* Helsinki mean time (+01:39:49 until 1921) has seconds in its
	 * offset, which neither format can write: the instant goes out in
	 * UTC (found by tests/fuzz/fuzz_date.c). */
	CHECK_STR("offset with seconds: iso in UTC",
	    iso("1910-01-07T02:00Z"), "1910-01-07T02:00:00+00:00");
	date_parse("1910-01-07 12:00", 16, &d, &err);
	date_rfc822(&d, out);
	CHECK_STR("offset with seconds: rfc822 in UTC", out,
	    "Fri, 07 Jan 1910 10:20:11 +0000");

	/* Calendar arithmetic. */
	CHECK("days in February 2016", date_days_in_month(2016, 2) == 29);
	CHECK("days in February 2017", date_days_in_month(2017, 2) == 28);
	CHECK("days in February 2000", date_days_in_month(2000, 2) == 29);
	CHECK("days in February 1900", date_days_in_month(1900, 2) == 28);
	CHECK("days in January", date_days_in_month(2017, 1) == 31);
	CHECK("days in April", date_days_in_month(2017, 4) == 30);
	CHECK("days in December", date_days_in_month(2017, 12) == 31);
	CHECK("days in month 13", date_days_in_month(2017, 13) == 0);
	CHECK("weekday 7.11.2017 is Tuesday", date_weekday(2017, 11, 7) == 1);
	CHECK("weekday 1.1.1970 is Thursday", date_weekday(1970, 1, 1) == 3);
	CHECK("weekday 31.12.1969 is Wednesday",
	    date_weekday(1969, 12, 31) == 2);
	CHECK("weekday 6.12.1917 is Thursday", date_weekday(1917, 12, 6) == 3);
	CHECK("weekday 29.2.2016 is Monday", date_weekday(2016, 2, 29) == 0);
	CHECK("weekday 1.1.2017 is Sunday", date_weekday(2017, 1, 1) == 6);

	int y = 0;
	CHECK("week of 2020-12-31 is 53/2020",
	    date_iso_week(2020, 12, 31, &y) == 53 && y == 2020);
	CHECK("week of 2021-01-03 is 53/2020",
	    date_iso_week(2021, 1, 3, &y) == 53 && y == 2020);
	CHECK("week of 2021-01-04 is 1/2021",
	    date_iso_week(2021, 1, 4, &y) == 1 && y == 2021);
	CHECK("week of 2018-12-31 is 1/2019",
	    date_iso_week(2018, 12, 31, &y) == 1 && y == 2019);
	CHECK("week of 2017-01-01 is 52/2016",
	    date_iso_week(2017, 1, 1, &y) == 52 && y == 2016);
	CHECK("week of 2017-11-07 is 45/2017",
	    date_iso_week(2017, 11, 7, &y) == 45 && y == 2017);
	CHECK("week of 2015-12-31 is 53/2015",
	    date_iso_week(2015, 12, 31, &y) == 53 && y == 2015);
	CHECK("iso_year may be NULL", date_iso_week(2017, 6, 1, NULL) == 22);

	d = date_from_ymd(2017, 1, 32);
	CHECK("day overflow", d.month == 2 && d.day == 1 && d.year == 2017);
	d = date_from_ymd(2016, 12, 32);
	CHECK("day overflow into a new year", d.year == 2017 && d.month == 1 &&
	    d.day == 1 && d.wday == 6);
	d = date_from_ymd(2017, 3, 0);
	CHECK("day 0 is the last of the month before",
	    d.month == 2 && d.day == 28);
	d = date_from_ymd(2017, 13, 1);
	CHECK("month overflow", d.year == 2018 && d.month == 1);

	sdate a, b;
	date_parse("7.11.2017 klo 12", 16, &a, &err);
	date_parse("7.11.2017 klo 13", 16, &b, &err);
	CHECK("cmp earlier", date_cmp(&a, &b) < 0 && date_cmp(&b, &a) > 0);
	CHECK("cmp same", date_cmp(&a, &a) == 0);
	CHECK("same day with times", date_same_day(&a, &b));
	date_parse("8.11.2017", 9, &b, &err);
	CHECK("cmp dates by day", date_cmp(&a, &b) < 0);
	CHECK("not the same day", !date_same_day(&a, &b));
	date_parse("7.11.2017", 9, &b, &err);
	CHECK("date-only vs its day with time", date_same_day(&a, &b));
	date_parse("2017-11-07", 10, &a, &err);
	CHECK("two dates of one day are equal", date_cmp(&a, &b) == 0);
	d = date_from_epoch(1510056000, 0);
	CHECK("from epoch without time is the local day",
	    !d.has_time && d.day == 7 && d.epoch == 1510005600);

	/* Another zone, to see the zone is really used. */
	CHECK("new york", date_set_zone("America/New_York") == 0);
	CHECK_STR("new york winter", iso("2017-11-07 12:00"),
	    "2017-11-07T12:00:00-05:00");
	CHECK_STR("new york gap", err_of("2017-03-12 02:30"),
	    "not a time: clocks skip that hour when summer time starts; "
	    "write a time an hour later");
	CHECK_STR("new york repeated hour is summer time",
	    iso("2017-11-05 01:30"), "2017-11-05T01:30:00-04:00");
	date_set_zone("Europe/Helsinki");

	/* Jekyll's, Hugo's and YAML 1.1's forms (issue 16). */
	CHECK_STR("jekyll space before offset",
	    iso("2016-10-10 15:45:00 +0200"), "2016-10-10T16:45:00+03:00");
	CHECK_STR("jekyll offset with colon after space",
	    utc("2016-10-10 15:45:00 +02:00"), "20161010T134500Z");
	CHECK_STR("fractional seconds Z", utc("2009-11-06T22:00:00.000Z"),
	    "20091106T220000Z");
	CHECK_STR("fractional seconds dropped, not rounded",
	    utc("2009-11-06T22:00:00.999999999+00:00"), "20091106T220000Z");
	CHECK_STR("yaml 1.1 canonical", utc("2001-12-15T02:59:43.1Z"),
	    "20011215T025943Z");
	CHECK_STR("yaml 1.1 lowercase t", utc("2001-12-14t21:59:43.10-05:00"),
	    "20011215T025943Z");
	CHECK_STR("yaml 1.1 spaced, one-digit offset",
	    utc("2001-12-14 21:59:43.10 -5"), "20011215T025943Z");
	CHECK_STR("yaml 1.1 no zone is local",
	    utc("2001-12-15 2:59:43.10"), "20011215T005943Z");
	CHECK_STR("yaml 1.1 date", iso("2002-12-14"), "2002-12-14");
	CHECK_STR("hugo no zone", iso("2017-11-07T12:00:00"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("go default format with zone name",
	    utc("2006-01-02 15:04:05.999999999 -0700 MST"),
	    "20060102T220405Z");
	CHECK_STR("offset then Z-less UTC name",
	    utc("2006-01-02 15:04:05 UTC"), "20060102T150405Z");
	CHECK_STR("zone name alone", utc("2006-01-02 15:04:05 EEST"),
	    "20060102T120405Z");
	CHECK_STR("unknown zone name says so",
	    err_of("2006-01-02 15:04:05 XYZ"),
	    "not a time zone: write an offset like +02:00 or Z instead of "
	    "a zone name");
	CHECK_STR("offset too large", err_of("2006-01-02 15:04:05 +1500"),
	    "not a time zone offset: write Z, +02:00 or +0200 "
	    "(from -12:00 to +14:00)");
	CHECK_STR("three-digit offset", err_of("2006-01-02 15:04:05 +020"),
	    "not a time zone offset: write Z, +02:00 or +0200 "
	    "(from -12:00 to +14:00)");
	CHECK_STR("one letter after an offset is no zone name",
	    err_of("2017-11-07T12:00+02 x"), MSG_TIME);
	CHECK_STR("words after the time still refused",
	    err_of("2017-11-07 12:00 and later"), MSG_TIME);
	CHECK_STR("no fraction without seconds",
	    err_of("2017-11-07T12:00.5"), MSG_TIME);
	CHECK_STR("finnish dotted seconds take no fraction",
	    err_of("7.11.2017 klo 12.00.30.5"), MSG_TIME);
	CHECK_STR("rfc1123z", utc("Mon, 02 Jan 2006 15:04:05 -0700"),
	    "20060102T220405Z");
	CHECK_STR("rfc1123", utc("Mon, 02 Jan 2006 15:04:05 GMT"),
	    "20060102T150405Z");
	CHECK_STR("rfc822 two-digit year", utc("02 Jan 06 15:04 MST"),
	    "20060102T220400Z");
	CHECK_STR("rfc850", utc("Monday, 02-Jan-06 15:04:05 UTC"),
	    "20060102T150405Z");
	CHECK_STR("ansic", utc("Mon Jan  2 15:04:05 2006"),
	    "20060102T130405Z");
	CHECK_STR("unix date", utc("Mon Jan  2 15:04:05 MST 2006"),
	    "20060102T220405Z");
	CHECK_STR("ruby date", utc("Mon Jan 02 15:04:05 -0700 2006"),
	    "20060102T220405Z");
	CHECK_STR("long month name", iso("January 2, 2006"), "2006-01-02");
	CHECK_STR("short month no comma", iso("Jan 2 2006"), "2006-01-02");
	CHECK_STR("day month year", iso("2 January 2006"), "2006-01-02");
	CHECK_STR("sept", iso("Sept 30, 2019"), "2019-09-30");
	CHECK_STR("month name with time", iso("March 5, 2019 10:30"),
	    "2019-03-05T10:30:00+02:00");
	CHECK_STR("month name checked", err_of("February 30, 2019"),
	    "not a date: February has 28 or 29 days");
	CHECK_STR("not a month", err_of("Foo 2, 2006"), MSG_SYNTAX);
	CHECK_STR("month alone", err_of("January"), MSG_SYNTAX);
	CHECK_STR("month name three-digit year", err_of("2 Jan 206"),
	    MSG_SYNTAX);
	/* date_from_ymd remembers days; a new zone forgets them. */
	d = date_from_ymd(2017, 7, 1);
	CHECK("a day again, the same answer", d.epoch == 1498856400 &&
	    d.utcoff == 10800 && date_from_ymd(2017, 7, 1).epoch == d.epoch);
	CHECK("new york", date_set_zone("America/New_York") == 0);
	d = date_from_ymd(2017, 7, 1);
	CHECK("the day in the new zone", d.epoch == 1498881600 &&
	    d.utcoff == -14400);
	CHECK("helsinki again", date_set_zone("Europe/Helsinki") == 0 &&
	    date_from_ymd(2017, 7, 1).epoch == 1498856400);

	/* The zone's rules by their file's digest (postrecord's key). */
	hash128 hel = date_zone_digest("Europe/Helsinki");
	CHECK("zone digest: made, and the same again",
	    !hash_is_zero(hel) &&
	    hash_eq(hel, date_zone_digest("Europe/Helsinki")));
	CHECK("zone digest: another zone's rules, another digest",
	    !hash_eq(hel, date_zone_digest("America/New_York")));
	CHECK("zone digest: none for a zone not there, or a path",
	    hash_is_zero(date_zone_digest("Europe/Eiole")) &&
	    hash_is_zero(date_zone_digest("../zoneinfo/Europe/Helsinki")) &&
	    hash_is_zero(date_zone_digest("/etc/passwd")) &&
	    hash_is_zero(date_zone_digest("")) &&
	    hash_is_zero(date_zone_digest(NULL)));
	CHECK_DONE();
}
