#include "recur.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"

/* ---- civil days ----------------------------------------------------- */

/* Howard Hinnant's days_from_civil. */
long recur_daynum(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void recur_civil(long n, int *y, int *m, int *d)
{
	n += 719468;
	long era = (n >= 0 ? n : n - 146096) / 146097;
	long doe = n - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int wday_of(long n)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	long w = (n + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static int days_in(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* ---- matching and expanding ---------------------------------------- */

int recur_matches(const recur *r, int sy, int sm, int sd, int y, int m,
    int d)
{
	long s = recur_daynum(sy, sm, sd), n = recur_daynum(y, m, d);
	if (n < s)
		return 0;
	unsigned days = r->byday ? r->byday : 1u << wday_of(s);
	int iv = r->interval > 0 ? r->interval : 1;
	switch (r->freq) {
	case RECUR_DAILY:
		return (n - s) % iv == 0 &&
		    (!r->byday || (days >> wday_of(n) & 1));
	case RECUR_WEEKLY: {
		/* Weeks start on Monday (WKST=MO). */
		long ws = (s - wday_of(s)) / 7, wn = (n - wday_of(n)) / 7;
		return (days >> wday_of(n) & 1) && (wn - ws) % iv == 0;
	}
	case RECUR_MONTHLY: {
		int months = (y - sy) * 12 + (m - sm);
		if (months % iv)
			return 0;
		if (!r->setpos)
			return d == sd;
		if (!(days >> wday_of(n) & 1))
			return 0;
		if (r->setpos < 0)
			return d + 7 > days_in(y, m);
		return (d - 1) / 7 + 1 == r->setpos;
	}
	case RECUR_YEARLY:
		return (y - sy) % iv == 0 && m == sm && d == sd;
	}
	return 0;
}

size_t recur_expand(const recur *r, int sy, int sm, int sd, long lo,
    long hi, long *out, size_t max, int *more)
{
	long s = recur_daynum(sy, sm, sd);
	long until = r->until_y ? recur_daynum(r->until_y, r->until_m,
	    r->until_d) : 0;
	size_t n = 0;
	int seen = 0;
	*more = 0;
	/* Day by day: the rules here never skip more than a year, and the
	 * walk ends at hi, the until date or the count. */
	for (long day = s;; day++) {
		if (r->until_y && day > until)
			return n;
		/* No rule here skips years; a bound all the same. */
		if (day - s > 366L * 400)
			return n;
		int y, m, d;
		recur_civil(day, &y, &m, &d);
		if (!recur_matches(r, sy, sm, sd, y, m, d))
			continue;
		if (r->count && seen >= r->count)
			return n;
		seen++;
		if (day < lo)
			continue;
		if (day > hi || n == max) {
			*more = 1;
			return n;
		}
		out[n++] = day;
	}
}

void recur_rrule(const recur *r, char *out, size_t outlen)
{
	static const char *const freq[] = {"", "DAILY", "WEEKLY", "MONTHLY",
	    "YEARLY"};
	static const char *const wd[] = {"MO", "TU", "WE", "TH", "FR", "SA",
	    "SU"};
	size_t n = (size_t)snprintf(out, outlen, "FREQ=%s", freq[r->freq]);
	if (r->interval > 1 && n < outlen)
		n += (size_t)snprintf(out + n, outlen - n, ";INTERVAL=%d",
		    r->interval);
	if (r->byday && n < outlen) {
		n += (size_t)snprintf(out + n, outlen - n, ";BYDAY=");
		int first = 1;
		for (int i = 0; i < 7 && n < outlen; i++) {
			if (!(r->byday >> i & 1))
				continue;
			if (r->setpos)
				n += (size_t)snprintf(out + n, outlen - n,
				    "%s%d%s", first ? "" : ",", r->setpos,
				    wd[i]);
			else
				n += (size_t)snprintf(out + n, outlen - n,
				    "%s%s", first ? "" : ",", wd[i]);
			first = 0;
		}
	}
	if (r->count && n < outlen)
		snprintf(out + n, outlen - n, ";COUNT=%d", r->count);
}

/* ---- parsing: RRULE ------------------------------------------------- */

static int wd_code(const char *p)
{
	static const char *const wd[] = {"MO", "TU", "WE", "TH", "FR", "SA",
	    "SU"};
	for (int i = 0; i < 7; i++)
		if (toupper((unsigned char)p[0]) == wd[i][0] &&
		    toupper((unsigned char)p[1]) == wd[i][1])
			return i;
	return -1;
}

static int parse_ymd8(const char *v, size_t n, recur *r)
{
	if (n < 8)
		return -1;
	for (int i = 0; i < 8; i++)
		if (!isdigit((unsigned char)v[i]))
			return -1;
	int y = atoi((char[]){v[0], v[1], v[2], v[3], 0});
	int m = atoi((char[]){v[4], v[5], 0});
	int d = atoi((char[]){v[6], v[7], 0});
	if (m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return -1;
	/* A date-time (…T235959Z) ends on its UTC day: close enough for a
	 * civil until, which is inclusive. */
	if (n != 8 && !(n == 16 && (v[8] == 'T' || v[8] == 't') &&
	    (v[15] == 'Z' || v[15] == 'z')))
		return -1;
	r->until_y = y;
	r->until_m = m;
	r->until_d = d;
	return 0;
}

static int parse_rrule(const char *s, size_t len, recur *r, const char **err)
{
	const char *p = s, *end = s + len;
	int ordinal = 0, setpos = 0;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *partend = semi ? semi : end;
		const char *eq = memchr(p, '=', (size_t)(partend - p));
		if (!eq) {
			*err = N_("each part of an RRULE is NAME=VALUE, like "
			    "FREQ=WEEKLY;BYDAY=TU");
			return -1;
		}
		size_t kn = (size_t)(eq - p), vn = (size_t)(partend - eq - 1);
		const char *v = eq + 1;
		char val[64];
		if (vn >= sizeof val) {
			*err = N_("a part of the RRULE is too long");
			return -1;
		}
		memcpy(val, v, vn);
		val[vn] = '\0';
#define KEY(k) (kn == strlen(k) && !strncasecmp(p, k, kn))
		if (KEY("FREQ")) {
			if (!strcasecmp(val, "DAILY")) r->freq = RECUR_DAILY;
			else if (!strcasecmp(val, "WEEKLY")) r->freq = RECUR_WEEKLY;
			else if (!strcasecmp(val, "MONTHLY")) r->freq = RECUR_MONTHLY;
			else if (!strcasecmp(val, "YEARLY")) r->freq = RECUR_YEARLY;
			else {
				*err = N_("FREQ must be DAILY, WEEKLY, MONTHLY or "
				    "YEARLY");
				return -1;
			}
		} else if (KEY("INTERVAL")) {
			char *e;
			long iv = strtol(val, &e, 10);
			if (*e || iv < 1 || iv > 366) {
				*err = N_("INTERVAL must be a whole number from "
				    "1 to 366");
				return -1;
			}
			r->interval = (int)iv;
		} else if (KEY("COUNT")) {
			char *e;
			long c = strtol(val, &e, 10);
			if (*e || c < 1 || c > RECUR_MAX_OCCURRENCES) {
				*err = N_("COUNT must be a whole number from 1 to "
				    "1000");
				return -1;
			}
			r->count = (int)c;
		} else if (KEY("UNTIL")) {
			if (parse_ymd8(val, vn, r) != 0) {
				*err = N_("UNTIL must be a date like 20180601 (or "
				    "20180601T235959Z)");
				return -1;
			}
		} else if (KEY("BYDAY")) {
			for (char *q = val; *q;) {
				char *comma = strchr(q, ',');
				if (comma)
					*comma = '\0';
				char *e;
				long o = strtol(q, &e, 10);
				int w = strlen(e) == 2 ? wd_code(e) : -1;
				if (w < 0 || o < -1 || o > 5 || (e != q &&
				    o == 0)) {
					*err = N_("BYDAY takes days like TU or "
					    "MO,TH, or for a month 1MO … 5MO "
					    "or -1FR (the last)");
					return -1;
				}
				if (e != q) {
					if (ordinal && ordinal != o) {
						*err = N_("BYDAY may have one "
						    "ordinal only, like 1MO");
						return -1;
					}
					ordinal = (int)o;
				}
				r->byday |= 1u << w;
				q = comma ? comma + 1 : q + strlen(q);
			}
		} else if (KEY("BYSETPOS")) {
			char *e;
			long o = strtol(val, &e, 10);
			if (*e || o < -1 || o > 5 || o == 0) {
				*err = N_("BYSETPOS must be 1 to 5, or -1 (the "
				    "last)");
				return -1;
			}
			setpos = (int)o;
		} else if (KEY("WKST")) {
			if (strcasecmp(val, "MO")) {
				*err = N_("WKST must be MO (weeks start on "
				    "Monday)");
				return -1;
			}
		} else {
			*err = N_("this RRULE part is not supported: use FREQ, "
			    "INTERVAL, BYDAY, BYSETPOS, COUNT and UNTIL");
			return -1;
		}
#undef KEY
		p = semi ? semi + 1 : end;
	}
	if (!r->freq) {
		*err = N_("an RRULE needs FREQ, like FREQ=WEEKLY;BYDAY=TU");
		return -1;
	}
	if (ordinal && setpos) {
		*err = N_("write either 1MO in BYDAY or BYSETPOS, not both");
		return -1;
	}
	r->setpos = ordinal ? ordinal : setpos;
	if (r->setpos && (r->freq != RECUR_MONTHLY || !r->byday ||
	    (r->byday & (r->byday - 1)))) {
		*err = N_("an ordinal weekday (1MO, -1FR) needs FREQ=MONTHLY and "
		    "one day");
		return -1;
	}
	if (r->byday && r->freq != RECUR_WEEKLY && r->freq != RECUR_DAILY &&
	    !r->setpos) {
		*err = N_("BYDAY without an ordinal needs FREQ=WEEKLY");
		return -1;
	}
	if (r->count && r->until_y) {
		*err = N_("write COUNT or UNTIL, not both");
		return -1;
	}
	return 0;
}

/* ---- parsing: Finnish ---------------------------------------------- */

/* Weekdays as a writer writes them after "joka" and as "-isin". */
static const char *const fi_days[] = {"maanantai", "tiistai",
    "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"};
static const char *const fi_nth[] = {"ensimmäinen", "toinen", "kolmas",
    "neljäs", "viides"};

/* Lower-cased copy with runs of spaces and commas made one space. */
static size_t normalise(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	int space = 1;
	for (size_t i = 0; i < len && n + 2 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == ',') {
			if (!space)
				out[n++] = ' ';
			space = 1;
			continue;
		}
		/* Ä and Ö (UTF-8 C3 84, C3 96) to ä and ö. */
		if (c == 0xC3 && i + 1 < len && ((unsigned char)s[i + 1] ==
		    0x84 || (unsigned char)s[i + 1] == 0x96)) {
			out[n++] = (char)c;
			out[n++] = (char)(s[++i] + 0x20);
		} else {
			out[n++] = (char)tolower(c);
		}
		space = 0;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n;
}

/* Takes the word w at *p (followed by a space or the end). */
static int take(const char **p, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(*p, w, n) || ((*p)[n] && (*p)[n] != ' '))
		return 0;
	*p += n;
	while (**p == ' ')
		(*p)++;
	return 1;
}

/* "tiistai" or "tiistaisin" at *p: the day, or -1. */
static int take_day(const char **p, int plural)
{
	for (int i = 0; i < 7; i++) {
		size_t n = strlen(fi_days[i]);
		if (strncmp(*p, fi_days[i], n))
			continue;
		const char *q = *p + n;
		/* maanantai-sin, keskiviikko-isin */
		if (plural && !strncmp(q, "sin", 3))
			q += 3;
		else if (plural && !strncmp(q, "isin", 4))
			q += 4;
		else if (plural)
			continue;
		if (*q && *q != ' ')
			continue;
		*p = q;
		while (**p == ' ')
			(*p)++;
		return i;
	}
	return -1;
}

/* Days joined by "ja": "maanantai ja torstai", "maanantaisin ja
 * torstaisin". 0 when there is none. */
static unsigned take_days(const char **p, int plural)
{
	unsigned days = 0;
	for (;;) {
		int w = take_day(p, plural);
		if (w < 0)
			return days;
		days |= 1u << w;
		if (!take(p, "ja"))
			return days;
	}
}

/* The end: "päättyy 1.6.2018", "1.6.2018 asti|saakka", "10 kertaa". */
static int parse_end(const char *p, recur *r, const char **err)
{
	if (!*p)
		return 0;
	int y, m, d, k = 0;
	char tail[16] = "";
	take(&p, "päättyy");
	if (sscanf(p, "%d.%d.%d%n", &d, &m, &y, &k) == 3) {
		p += k;
		while (*p == ' ')
			p++;
		if (*p && !take(&p, "asti") && !take(&p, "saakka"))
			goto bad;
		if (*p || m < 1 || m > 12 || d < 1 || y < 1000 ||
		    d > days_in(y, m))
			goto bad;
		r->until_y = y;
		r->until_m = m;
		r->until_d = d;
		return 0;
	}
	if (sscanf(p, "%d %15s%n", &r->count, tail, &k) == 2 &&
	    !strcmp(tail, "kertaa") && !p[k] && r->count >= 1 &&
	    r->count <= RECUR_MAX_OCCURRENCES)
		return 0;
bad:
	*err = N_("the end of the repeat must be like 'päättyy 1.6.2018', "
	    "'1.6.2018 asti' or '10 kertaa'");
	return -1;
}

static int parse_fi(const char *s, size_t len, recur *r, const char **err)
{
	char buf[256];
	if (len >= sizeof buf) {
		*err = N_("the repeat is too long: write it like 'joka tiistai, "
		    "päättyy 1.6.2018'");
		return -1;
	}
	normalise(s, len, buf, sizeof buf);
	const char *p = buf;
	r->interval = 1;
	unsigned days;
	if (take(&p, "joka")) {
		for (int i = 1; i < 4; i++)
			if (take(&p, fi_nth[i]))
				r->interval = i + 1;
		if (take(&p, "päivä")) {
			r->freq = RECUR_DAILY;
		} else if (take(&p, "arkipäivä")) {
			r->freq = RECUR_DAILY;
			r->byday = 0x1F;
		} else if (take(&p, "viikko")) {
			r->freq = RECUR_WEEKLY;
		} else if (take(&p, "kuukausi")) {
			r->freq = RECUR_MONTHLY;
		} else if (take(&p, "vuosi")) {
			r->freq = RECUR_YEARLY;
		} else if ((days = take_days(&p, 0))) {
			r->freq = RECUR_WEEKLY;
			r->byday = days;
		}
	} else if (take(&p, "kuukauden")) {
		int pos = 0;
		for (int i = 0; i < 5 && !pos; i++)
			if (take(&p, fi_nth[i]))
				pos = i + 1;
		if (!pos && take(&p, "viimeinen"))
			pos = -1;
		int w = pos ? take_day(&p, 0) : -1;
		if (w < 0) {
			*err = N_("write the day of the month like 'kuukauden "
			    "ensimmäinen maanantai' or 'kuukauden viimeinen "
			    "perjantai'");
			return -1;
		}
		r->freq = RECUR_MONTHLY;
		r->setpos = pos;
		r->byday = 1u << w;
	} else if ((days = take_days(&p, 1))) {
		r->freq = RECUR_WEEKLY;
		r->byday = days;
	}
	if (!r->freq) {
		*err = N_("write how the event repeats like 'joka tiistai', "
		    "'joka toinen torstai', 'kuukauden ensimmäinen maanantai' "
		    "or an RRULE like FREQ=WEEKLY;BYDAY=TU");
		return -1;
	}
	return parse_end(p, r, err);
}

int recur_parse(const char *s, size_t len, recur *out, const char **err)
{
	memset(out, 0, sizeof *out);
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len > 6 && !strncasecmp(s, "RRULE:", 6))
		s += 6, len -= 6;
	int rc = len >= 5 && !strncasecmp(s, "FREQ=", 5) ? parse_rrule(s, len,
	    out, err) : memchr(s, '=', len) ? (*err = N_("an RRULE starts with "
	    "FREQ=, like FREQ=WEEKLY;BYDAY=TU"), -1) : parse_fi(s, len, out,
	    err);
	if (rc == 0 && out->interval < 1)
		out->interval = 1;
	return rc;
}
