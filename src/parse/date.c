#include "date.h"
#include "datename.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../core/i18n.h"

/* Civil-calendar arithmetic is done here, in the proleptic Gregorian
 * calendar, so it does not depend on the zone. Only the offset of an
 * instant comes from the C library (localtime_r and its tm_gmtoff).
 * mktime is not used to find local times: what it does with a skipped or
 * repeated hour when tm_isdst is -1 is up to the implementation. */

static const char MSG_EMPTY[] =
    N_("no date given: write 2017-11-07, 7.11.2017 or 7.11.2017 klo 12.00");
static const char MSG_SYNTAX[] =
    N_("not a date: write 2017-11-07, 7.11.2017 or 7.11.2017 klo 12.00");
static const char MSG_TIME_SYNTAX[] =
    N_("not a time after the date: write 7.11.2017 klo 12, "
    "7.11.2017 klo 12.00 or 2017-11-07 12:00");
static const char MSG_ZONE[] =
    N_("not a time zone offset: write Z, +02:00 or +0200 "
    "(from -12:00 to +14:00)");
static const char MSG_YEAR[] =
    N_("not a date: write the year with four digits, from 0001 to 9999");
static const char MSG_MONTH[] = N_("not a date: months go from 1 to 12");
static const char MSG_DAY[] = N_("not a date: days go from 1 to 31");
static const char MSG_FEB29[] =
    N_("not a date: February has 28 days in that year "
    "(29 only in leap years)");
static const char MSG_FEB[] = N_("not a date: February has 28 or 29 days");
static const char MSG_APR[] = N_("not a date: April has 30 days");
static const char MSG_JUN[] = N_("not a date: June has 30 days");
static const char MSG_SEP[] = N_("not a date: September has 30 days");
static const char MSG_NOV[] = N_("not a date: November has 30 days");
static const char MSG_HOUR[] = N_("not a time: hours go from 0 to 23");
static const char MSG_MIN[] = N_("not a time: minutes go from 0 to 59");
static const char MSG_SEC[] = N_("not a time: seconds go from 0 to 59");
static const char MSG_GAP[] =
    N_("not a time: clocks skip that hour when summer time starts; "
    "write a time an hour later");

/* The parameter is not called tzname: that is <time.h>'s global. */
/* date_from_ymd's answers for days asked before, per thread: calendars
 * and schedules ask for the same days again and again, and an answer
 * costs seven localtime_r calls. An answer holds while the zone is the
 * one it was made in (zone_gen, counted up by date_set_zone). */
#define YMD_MEMO 256
static atomic_uint zone_gen = 1;
static _Thread_local struct {
	int64_t days;
	unsigned gen;   /* 0: empty */
	sdate d;
} ymd_memo[YMD_MEMO];

/* zone's file in the tz database, where the C library reads it: $TZDIR,
 * else /usr/share/zoneinfo. 0, or -1 for a name that is a path. */
static int zone_path(const char *zone, char *path, size_t size)
{
	if (!zone || !*zone || zone[0] == '/' || strstr(zone, ".."))
		return -1;
	const char *dir = getenv("TZDIR");
	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	int n = snprintf(path, size, "%s/%s", dir, zone);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

void date_zone_prepare(void)
{
	if (!getenv("TZ"))
		setenv("TZ", ":/etc/localtime", 0);
}

int date_set_zone(const char *zone)
{
	struct stat st;
	char path[4096];
	if (zone_path(zone, path, sizeof path) != 0)
		return -1;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	if (setenv("TZ", zone, 1) != 0)
		return -1;
	tzset();
	if (atomic_fetch_add(&zone_gen, 1) + 1 == 0)
		atomic_store(&zone_gen, 1);   /* 0 marks an empty memo */
	return 0;
}

hash128 date_zone_digest(const char *zone)
{
	char path[4096];
	hash128 h = {0, 0};
	if (zone_path(zone, path, sizeof path) != 0)
		return h;
	FILE *f = fopen(path, "rb");
	if (!f)
		return h;
	/* A zone's file is a few kilobytes; a bigger one is not a zone. */
	char data[1 << 16];
	size_t len = fread(data, 1, sizeof data, f);
	if (!ferror(f) && feof(f))
		h = hash_bytes(data, len);
	fclose(f);
	return h;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int date_weekday(int year, int month, int day)
{
	/* 1970-01-01 was a Thursday (3 with Monday 0). */
	int64_t z = days_from_civil(year, month, day);
	return (int)(z - 7 * floor_div(z + 3, 7) + 3);
}

static int weeks_in_year(int y)
{
	int jan1 = date_weekday(y, 1, 1);
	return jan1 == 3 || (jan1 == 2 && is_leap(y)) ? 53 : 52;
}

int date_iso_week(int year, int month, int day, int *iso_year)
{
	int doy = (int)(days_from_civil(year, month, day) -
	    days_from_civil(year, 1, 1)) + 1;
	int wd = date_weekday(year, month, day) + 1;    /* 1 = Monday */
	int week = (doy - wd + 10) / 7;
	int y = year;
	if (week < 1) {
		y = year - 1;
		week = weeks_in_year(y);
	} else if (week > weeks_in_year(year)) {
		y = year + 1;
		week = 1;
	}
	if (iso_year)
		*iso_year = y;
	return week;
}

/* offset_at's answers per thread, by instant, while the zone stays
 * (zone_gen): a day's midnight asks for the offsets a day either side,
 * so a run of days (posts in date order) asks for most of them twice,
 * and localtime_r takes a lock shared by every thread. */
#define OFFSET_MEMO 512
static _Thread_local struct {
	int64_t t;
	unsigned gen;   /* 0: empty */
	int off;
} offset_memo[OFFSET_MEMO];

/* Seconds east of UTC at an instant, in the site's zone. */
static int offset_at(int64_t t)
{
	unsigned gen = atomic_load(&zone_gen);
	size_t slot = (size_t)(((uint64_t)t * 0x9E3779B97F4A7C15u) >> 55) %
	    OFFSET_MEMO;
	if (offset_memo[slot].gen == gen && offset_memo[slot].t == t)
		return offset_memo[slot].off;
	time_t tt = (time_t)t;
	struct tm tm;
	int off = localtime_r(&tt, &tm) ? (int)tm.tm_gmtoff : 0;
	offset_memo[slot].t = t;
	offset_memo[slot].gen = gen;
	offset_memo[slot].off = off;
	return off;
}

/* The instant at which the zone's clocks show the civil time `local`
 * (seconds since the epoch, as if the clocks were at UTC). Returns 0 and
 * the first such instant (the summer-time one when the hour repeats), or
 * -1 when the clocks skip that time; *out is then the instant the time
 * would have, read with the offset before the change (so 03:30 in a gap
 * from 03:00 to 04:00 gives the instant of 04:30). *utcoff: the offset
 * at *out. */
static int local_to_epoch(int64_t local, int64_t *out, int *utcoff)
{
	/* The offsets in effect a day either side cover any change near
	 * local; one of them is the answer if there is one. */
	int cand[3] = {offset_at(local - 86400), offset_at(local),
	    offset_at(local + 86400)};
	int found = 0;
	int64_t best = 0;
	for (int i = 0; i < 3; i++) {
		/* Most days have one offset all round: each is tried once
		 * (localtime_r is most of a date's cost). */
		if ((i > 0 && cand[i] == cand[0]) || (i > 1 && cand[i] == cand[1]))
			continue;
		int64_t t = local - cand[i];
		if (offset_at(t) != cand[i])
			continue;
		if (!found || t < best) {
			best = t;
			*utcoff = cand[i];
		}
		found = 1;
	}
	if (found) {
		*out = best;
		return 0;
	}
	*out = local - cand[0];
	*utcoff = offset_at(*out);
	return -1;
}

sdate date_from_epoch(int64_t epoch, int has_time)
{
	sdate d;
	memset(&d, 0, sizeof d);
	time_t tt = (time_t)epoch;
	struct tm tm;
	if (!localtime_r(&tt, &tm))
		memset(&tm, 0, sizeof tm);
	if (!has_time)
		return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday);
	d.epoch = epoch;
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.min = tm.tm_min;
	d.sec = tm.tm_sec;
	d.wday = (tm.tm_wday + 6) % 7;
	d.utcoff = (int)tm.tm_gmtoff;
	d.has_time = 1;
	return d;
}

sdate date_from_ymd(int year, int month, int day)
{
	sdate d;
	memset(&d, 0, sizeof d);
	int64_t m0 = (int64_t)month - 1;
	int64_t y = year + floor_div(m0, 12);
	int m = (int)(m0 - 12 * floor_div(m0, 12)) + 1;
	int64_t days = days_from_civil(y, m, 1) + day - 1;
	unsigned gen = atomic_load(&zone_gen);
	size_t slot = (size_t)((uint64_t)days % YMD_MEMO);
	if (ymd_memo[slot].gen == gen && ymd_memo[slot].days == days)
		return ymd_memo[slot].d;
	civil_from_days(days, &d.year, &d.month, &d.day);
	int64_t t;
	/* A zone whose clocks skip midnight starts that day at the end of
	 * the gap: local_to_epoch gives that instant either way. */
	local_to_epoch(days * 86400, &t, &d.utcoff);
	d.epoch = t;
	d.wday = date_weekday(d.year, d.month, d.day);
	d.has_time = 0;
	ymd_memo[slot].days = days;
	ymd_memo[slot].gen = gen;
	ymd_memo[slot].d = d;
	return d;
}

int date_cmp(const sdate *a, const sdate *b)
{
	if (!a->has_time && !b->has_time) {
		int64_t da = days_from_civil(a->year, a->month, a->day);
		int64_t db = days_from_civil(b->year, b->month, b->day);
		return (da > db) - (da < db);
	}
	return (a->epoch > b->epoch) - (a->epoch < b->epoch);
}

int date_same_day(const sdate *a, const sdate *b)
{
	return a->year == b->year && a->month == b->month &&
	    a->day == b->day;
}

/* Parsing. */

struct cur {
	const char *s, *end;
};

static int at_end(const struct cur *c)
{
	return c->s >= c->end;
}

static int peek(const struct cur *c)
{
	return c->s < c->end ? (unsigned char)*c->s : -1;
}

/* Reads min..max decimal digits. Returns the number of digits read (0
 * when none); more than max digits in a row is a failure (-1). */
static int digits(struct cur *c, int min, int max, int *val)
{
	int n = 0, v = 0;
	while (c->s < c->end && *c->s >= '0' && *c->s <= '9') {
		if (n == max)
			return -1;
		v = v * 10 + (*c->s - '0');
		c->s++;
		n++;
	}
	if (n < min)
		return n == 0 ? 0 : -1;
	*val = v;
	return n;
}

/* Reads exactly n digits, whatever follows them. */
static int digits_exact(struct cur *c, int n, int *val)
{
	int v = 0;
	if (c->end - c->s < n)
		return 0;
	for (int i = 0; i < n; i++) {
		if (c->s[i] < '0' || c->s[i] > '9')
			return 0;
		v = v * 10 + (c->s[i] - '0');
	}
	c->s += n;
	*val = v;
	return 1;
}

static int spaces(struct cur *c)
{
	int n = 0;
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t')) {
		c->s++;
		n++;
	}
	return n;
}

static int word(struct cur *c, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(c->end - c->s) < n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((c->s[i] | 0x20) != w[i])
			return 0;
	c->s += n;
	return 1;
}

static const char *check_date(int y, int m, int d)
{
	static const char *const short_month[12] = {NULL, MSG_FEB, NULL,
	    MSG_APR, NULL, MSG_JUN, NULL, NULL, MSG_SEP, NULL, MSG_NOV, NULL};
	if (y < 1)
		return MSG_YEAR;
	if (m < 1 || m > 12)
		return MSG_MONTH;
	if (d < 1 || d > 31)
		return MSG_DAY;
	if (d > date_days_in_month(y, m)) {
		if (m == 2 && d == 29)
			return MSG_FEB29;
		return short_month[m - 1];
	}
	return NULL;
}

/* The time of day: H, HH, with minutes after ':' or '.', and seconds
 * after the same separator. `need_min`: the minutes may not be left out
 * (only "klo 12" may). */
static const char *parse_time(struct cur *c, int need_min, int *h, int *mi,
    int *sec)
{
	*h = *mi = *sec = 0;
	if (digits(c, 1, 2, h) <= 0)
		return MSG_TIME_SYNTAX;
	int sep = peek(c);
	if (sep == ':' || sep == '.') {
		c->s++;
		if (digits(c, 2, 2, mi) <= 0)
			return MSG_TIME_SYNTAX;
		if (peek(c) == sep) {
			c->s++;
			if (digits(c, 2, 2, sec) <= 0)
				return MSG_TIME_SYNTAX;
		}
	} else if (need_min) {
		return MSG_TIME_SYNTAX;
	}
	return NULL;
}

/* Jekyll, Hugo and YAML 1.1 timestamps: what may follow the time of day. */

/* A zone name after the time (RFC 822, Go's time formats). Each names
 * one offset (EET is winter time, EEST summer time); after a numeric
 * offset (Go's "-0700 MST") the name is only read. */
static const struct {
	const char *name;
	int off;
} zone_names[] = {
	{"utc", 0}, {"gmt", 0}, {"ut", 0}, {"z", 0},
	{"wet", 0}, {"west", 3600}, {"cet", 3600}, {"cest", 7200},
	{"eet", 7200}, {"eest", 10800}, {"est", -18000}, {"edt", -14400},
	{"cst", -21600}, {"cdt", -18000}, {"mst", -25200}, {"mdt", -21600},
	{"pst", -28800}, {"pdt", -25200},
};

static const char MSG_ZONE_NAME[] =
    "not a time zone: write an offset like +02:00 or Z instead of a "
    "zone name";

/* ±H, ±HH, ±HHMM, ±HH:MM (YAML 1.1 allows "-5"). */
static const char *parse_offset_loose(struct cur *c, int *off)
{
	int sign = peek(c) == '-' ? -1 : 1, hh = 0, mm = 0;
	c->s++;
	int n = digits(c, 1, 4, &hh);
	if (n <= 0)
		return MSG_ZONE;
	if (n == 3)
		return MSG_ZONE;
	if (n == 4) {
		mm = hh % 100;
		hh /= 100;
	} else if (peek(c) == ':') {
		c->s++;
		if (!digits_exact(c, 2, &mm))
			return MSG_ZONE;
	}
	if (mm > 59 || hh * 60 + mm > (sign > 0 ? 14 * 60 : 12 * 60))
		return MSG_ZONE;
	*off = sign * (hh * 3600 + mm * 60);
	return NULL;
}

/* After "HH:MM:SS": fractional seconds (".000", dropped: instants are
 * whole seconds), then, with or without spaces before them, an offset
 * (Z, +02:00, +0200, -5) and a zone name. Everything else is left for
 * the caller to refuse. */
static const char *parse_time_tail(struct cur *c, int *off, int *has_zone)
{
	/* A fraction only after seconds written with colons (H:MM:SS). */
	if ((peek(c) == '.' || peek(c) == ',') && c->end - c->s >= 2 &&
	    c->s[1] >= '0' && c->s[1] <= '9' && c->s[-3] == ':' &&
	    c->s[-6] == ':') {
		c->s++;
		while (peek(c) >= '0' && peek(c) <= '9')
			c->s++;
	}
	const char *before = c->s;
	spaces(c);
	if (peek(c) == 'Z' || peek(c) == 'z') {
		const char *z = c->s;
		c->s++;
		if (at_end(c) || peek(c) == ' ') {
			*off = 0;
			*has_zone = 1;
		} else {
			c->s = z;
		}
	} else if (peek(c) == '+' || peek(c) == '-') {
		const char *e = parse_offset_loose(c, off);
		if (e)
			return e;
		*has_zone = 1;
	}
	const char *after_off = c->s;
	spaces(c);
	const char *name = c->s;
	while ((peek(c) | 0x20) >= 'a' && (peek(c) | 0x20) <= 'z')
		c->s++;
	size_t nlen = (size_t)(c->s - name);
	if (nlen == 0) {
		c->s = after_off == before ? before : after_off;
		return NULL;
	}
	if (nlen > 5 || !at_end(c) || (*has_zone && nlen < 3)) {
		/* Not a zone name: the caller says what is wrong. */
		c->s = after_off == before ? before : after_off;
		return NULL;
	}
	if (*has_zone)
		return NULL;
	for (size_t i = 0; i < sizeof zone_names / sizeof *zone_names; i++) {
		if (strlen(zone_names[i].name) != nlen)
			continue;
		c->s = name;
		if (word(c, zone_names[i].name)) {
			*off = zone_names[i].off;
			*has_zone = 1;
			return NULL;
		}
	}
	return MSG_ZONE_NAME;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

int date_parse(const char *s, size_t len, sdate *out, const char **err)
{
	const char *e = NULL;
	int y = 0, m = 0, d = 0, h = 0, mi = 0, sec = 0, off = 0;
	int has_time = 0, has_zone = 0;
	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	if (len == 0) {
		e = MSG_EMPTY;
		goto fail;
	}
	struct cur c = {s, s + len};
	int n1, v1;
	n1 = digits(&c, 1, 4, &v1);
	if (n1 == 4 && peek(&c) == '-') {
		/* 2017-11-07 */
		y = v1;
		c.s++;
		if (digits(&c, 1, 2, &m) <= 0 || peek(&c) != '-') {
			e = MSG_SYNTAX;
			goto fail;
		}
		c.s++;
		if (digits(&c, 1, 2, &d) <= 0) {
			e = MSG_SYNTAX;
			goto fail;
		}
	} else if ((n1 == 1 || n1 == 2) && peek(&c) == '.') {
		/* 7.11.2017 */
		d = v1;
		c.s++;
		if (digits(&c, 1, 2, &m) <= 0 || peek(&c) != '.') {
			e = MSG_SYNTAX;
			goto fail;
		}
		c.s++;
		int ny = digits(&c, 4, 4, &y);
		if (ny <= 0) {
			/* "7.11.17": a year, but not a whole one */
			e = ny < 0 ? MSG_YEAR : MSG_SYNTAX;
			goto fail;
		}
	} else {
		/* "Mon, 02 Jan 2006 15:04:05 -0700", "January 2, 2006" */
		char iso[DATENAME_MAX];
		if (datename_to_iso(s, len, iso, sizeof iso))
			return date_parse(iso, strlen(iso), out, err);
		e = MSG_SYNTAX;
		goto fail;
	}
	if ((e = check_date(y, m, d)) != NULL)
		goto fail;

	if (!at_end(&c)) {
		/* "T12:00", " 12:00", " klo 12", " klo 12.00" */
		int klo = 0;
		if (peek(&c) == 'T' || peek(&c) == 't') {
			c.s++;
		} else if (spaces(&c) > 0) {
			if (word(&c, "klo")) {
				klo = 1;
				if (spaces(&c) == 0) {
					e = MSG_TIME_SYNTAX;
					goto fail;
				}
			}
		} else {
			e = MSG_SYNTAX;
			goto fail;
		}
		if ((e = parse_time(&c, !klo, &h, &mi, &sec)) != NULL)
			goto fail;
		has_time = 1;
		if ((e = parse_time_tail(&c, &off, &has_zone)) != NULL)
			goto fail;
		if (!at_end(&c)) {
			e = MSG_TIME_SYNTAX;
			goto fail;
		}
		if (h > 23) {
			e = MSG_HOUR;
			goto fail;
		}
		if (mi > 59) {
			e = MSG_MIN;
			goto fail;
		}
		if (sec > 59) {
			e = MSG_SEC;
			goto fail;
		}
	}

	if (!has_time) {
		*out = date_from_ymd(y, m, d);
		return 0;
	}
	int64_t local = days_from_civil(y, m, d) * 86400 + h * 3600 +
	    mi * 60 + sec;
	int64_t t;
	int utcoff;
	if (has_zone) {
		t = local - off;
	} else if (local_to_epoch(local, &t, &utcoff) != 0) {
		e = MSG_GAP;
		goto fail;
	}
	*out = date_from_epoch(t, 1);
	return 0;
fail:
	if (err)
		*err = e;
	return -1;
}

/* Renderings. */

/* Offsets are written in whole minutes. An offset with seconds (local mean
 * time: Helsinki was +01:39:49 until 1921) cannot be, so such an instant is
 * written in UTC instead, with the same meaning. */
static const sdate *whole_minutes(const sdate *d, sdate *utc)
{
	if (d->utcoff % 60 == 0)
		return d;
	int64_t days = floor_div(d->epoch, 86400);
	int64_t secs = d->epoch - days * 86400;
	*utc = *d;
	civil_from_days(days, &utc->year, &utc->month, &utc->day);
	utc->hour = (int)(secs / 3600);
	utc->min = (int)(secs / 60 % 60);
	utc->sec = (int)(secs % 60);
	utc->utcoff = 0;
	return utc;
}

/* Writes v (0 to 10^w - 1) in w digits, zero-padded: printf's %0wd
 * for what is known to fit, without parsing a format (dates are written
 * many times a page). Returns the end. */
static char *put_digits(char *p, int v, int w)
{
	for (int i = w - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + w;
}

static int fields_natural(const sdate *d)
{
	return d->year >= 0 && d->month >= 0 && d->day >= 0 &&
	    d->hour >= 0 && d->min >= 0 && d->sec >= 0;
}

void date_iso(const sdate *date, char out[40])
{
	if (!date->has_time && fields_natural(date)) {
		char *p = put_digits(out, date->year % 10000, 4);
		*p++ = '-';
		p = put_digits(p, date->month % 100, 2);
		*p++ = '-';
		p = put_digits(p, date->day % 100, 2);
		*p = '\0';
		return;
	}
	if (!date->has_time) {
		snprintf(out, 40, "%04d-%02d-%02d", date->year % 10000,
		    date->month % 100, date->day % 100);
		return;
	}
	sdate utc;
	const sdate *d = whole_minutes(date, &utc);
	int off = d->utcoff < 0 ? -d->utcoff : d->utcoff;
	if (fields_natural(d)) {
		char *p = put_digits(out, d->year % 10000, 4);
		*p++ = '-';
		p = put_digits(p, d->month % 100, 2);
		*p++ = '-';
		p = put_digits(p, d->day % 100, 2);
		*p++ = 'T';
		p = put_digits(p, d->hour % 100, 2);
		*p++ = ':';
		p = put_digits(p, d->min % 100, 2);
		*p++ = ':';
		p = put_digits(p, d->sec % 100, 2);
		*p++ = d->utcoff < 0 ? '-' : '+';
		p = put_digits(p, off / 3600 % 100, 2);
		*p++ = ':';
		p = put_digits(p, off / 60 % 60, 2);
		*p = '\0';
		return;
	}
	snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
	    d->year % 10000, d->month % 100, d->day % 100, d->hour % 100,
	    d->min % 100, d->sec % 100, d->utcoff < 0 ? '-' : '+',
	    off / 3600 % 100, off / 60 % 60);
}

void date_rfc822(const sdate *date, char out[40])
{
	sdate utc;
	const sdate *d = whole_minutes(date, &utc);
	static const char *const wday[7] = {"Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat", "Sun"};
	static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int off = d->utcoff < 0 ? -d->utcoff : d->utcoff;
	int wd = date_weekday(d->year, d->month, d->day);
	int mo = d->month >= 1 && d->month <= 12 ? d->month : 1;
	if (fields_natural(d)) {
		memcpy(out, wday[wd], 3);
		char *p = out + 3;
		*p++ = ',';
		*p++ = ' ';
		p = put_digits(p, d->day % 100, 2);
		*p++ = ' ';
		memcpy(p, mon[mo - 1], 3);
		p += 3;
		*p++ = ' ';
		p = put_digits(p, d->year % 10000, 4);
		*p++ = ' ';
		p = put_digits(p, d->hour % 100, 2);
		*p++ = ':';
		p = put_digits(p, d->min % 100, 2);
		*p++ = ':';
		p = put_digits(p, d->sec % 100, 2);
		*p++ = ' ';
		*p++ = d->utcoff < 0 ? '-' : '+';
		p = put_digits(p, off / 3600 % 100, 2);
		p = put_digits(p, off / 60 % 60, 2);
		*p = '\0';
		return;
	}
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
	    wday[wd], d->day % 100, mon[mo - 1], d->year % 10000,
	    d->hour % 100, d->min % 100, d->sec % 100,
	    d->utcoff < 0 ? '-' : '+', off / 3600 % 100, off / 60 % 60);
}

void date_ical_utc(int64_t epoch, char out[40])
{
	int y, m, d;
	int64_t days = floor_div(epoch, 86400);
	int64_t secs = epoch - days * 86400;
	civil_from_days(days, &y, &m, &d);
	snprintf(out, 40, "%04d%02d%02dT%02d%02d%02dZ", y % 10000, m, d,
	    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

void date_ical_date(int year, int month, int day, char out[40])
{
	snprintf(out, 40, "%04d%02d%02d", year % 10000, month % 100,
	    day % 100);
}
