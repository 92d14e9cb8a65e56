/* date: instants and calendar dates in the site's time zone.
 *
 * Dates are parsed once, when content is loaded, into an sdate: an instant
 * (epoch seconds, UTC) plus its civil fields in the site's zone. Local times
 * follow the zone's rules, daylight saving included, through the C
 * library's tz database (date_set_zone sets the process zone once, before
 * any thread starts). Parsing is pure apart from that zone. */
#ifndef SAITTI_DATE_H
#define SAITTI_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/hash.h"

typedef struct sdate {
	int64_t epoch;   /* the instant; for a date only, local midnight */
	int year, month, day;   /* civil date in the site's zone */
	int hour, min, sec;     /* 0 for a date only */
	int wday;        /* 0 = Monday … 6 = Sunday */
	int utcoff;      /* seconds east of UTC at that instant */
	int has_time;    /* 0: a date without a time of day (all-day) */
} sdate;

/* Makes TZ present in the environment, as the C library reads an unset
 * one (":/etc/localtime"), when it is not there. Call before any thread
 * starts: adding a name may move the environment's array under a thread
 * that reads it (getenv does not lock, and libgit2's setup runs on a
 * thread of its own while the site's zone is set), where changing a
 * value that is there does not. */
void date_zone_prepare(void);
/* Sets the zone for every later call ("Europe/Helsinki"). Returns 0, or -1
 * when the tz database has no such zone. */
int date_set_zone(const char *tzname);
/* The digest of tzname's file in the tz database (its rules: a package
 * update that moves a zone's offsets changes it), for the caches that
 * keep dates made in it; zero when it cannot be read. */
hash128 date_zone_digest(const char *tzname);

/* Accepts, with surrounding spaces trimmed:
 *   2017-11-07            2017-11-07 12:00      2017-11-07 12:00:30
 *   2017-11-07T12:00      2017-11-07T12:00:00+02:00   …Z   …+0200
 *   7.11.2017             7.11.2017 klo 12      7.11.2017 klo 12.00
 *   7.11.2017 12:00       07.11.2017 klo 12:00
 * Local times are in the site's zone. A time that does not exist (the hour
 * skipped when clocks go forward) is an error; an ambiguous one (the hour
 * repeated in autumn) is the first of the two.
 * Returns 0, or -1 with *err set to a static English message that says
 * what is wrong and what would be right, e.g. "not a date: February has
 * 28 or 29 days". Being static, the message does not quote the input: the
 * caller shows it ("date '31.2.2018': not a date: February has ...").
 * Also accepted: seconds after the minutes ("klo 12.00.30"), "klo" after
 * an ISO date, lowercase "t" and "z". With an explicit offset (Z, +02:00,
 * +0200, +02) the instant is exact and its civil fields are shown in the
 * site's zone ("…T12:00Z" is 14:00 in Helsinki in November).
 * Jekyll's, Hugo's and YAML 1.1's forms too: spaces before the offset
 * ("2016-10-10 15:45:00 +0200"), one-digit offsets ("-5"), fractional
 * seconds (dropped), a zone name after the offset or alone (UTC, GMT,
 * EET, EEST, MST, …), and English month names (datename.h). */
int date_parse(const char *s, size_t len, sdate *out, const char **err);

/* The civil fields of an instant in the site's zone. With has_time 0,
 * the civil day the instant falls on (epoch becomes its local midnight,
 * as from date_from_ymd). */
sdate date_from_epoch(int64_t epoch, int has_time);
/* Local midnight of a civil date; day may overflow (32.1. → 1.2.), and
 * month too (13/2017 → 1/2018). Where the clocks skip midnight, the day
 * starts when they have gone forward. */
sdate date_from_ymd(int year, int month, int day);

/* Compares two instants; for two dates without time, their days. */
int date_cmp(const sdate *a, const sdate *b);
/* 1 when both fall on the same civil day. */
int date_same_day(const sdate *a, const sdate *b);

/* Fixed-format renderings for machines (not for readers):
 * iso:    "2017-11-07T12:00:00+02:00", or "2017-11-07" without a time
 * rfc822: "Tue, 07 Nov 2017 12:00:00 +0200" (RSS; English names by RFC)
 * icalutc:"20171107T100000Z"; icaldate: "20171107"
 * Each writes at most 40 bytes including the NUL. iso and rfc822 write an
 * instant whose offset is not whole minutes (local mean time, before 1921
 * in Helsinki) in UTC. */
void date_iso(const sdate *d, char out[40]);
void date_rfc822(const sdate *d, char out[40]);
void date_ical_utc(int64_t epoch, char out[40]);
void date_ical_date(int year, int month, int day, char out[40]);

int date_days_in_month(int year, int month);
/* 0 = Monday … 6 = Sunday. */
int date_weekday(int year, int month, int day);
/* ISO 8601 week number; *iso_year gets the week's year. */
int date_iso_week(int year, int month, int day, int *iso_year);

#endif
