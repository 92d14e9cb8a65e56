#include "datetext.h"

#include <stdio.h>
#include <string.h>

#include "../core/i18n.h"

/* Longer than any date with a time that date_parse reads. */
#define DATETEXT_MAX 96

static const char MSG_LONG[] = N_("not a date: write 2017-11-07, "
    "7.11.2017 or 7.11.2017 klo 12.00");
static const char MSG_WEEKDAY_WORD[] = N_("not a date: the word before "
    "the date is not a weekday; write the weekday as ma, ti, ke, to, pe, "
    "la or su, or leave it out");
static const char MSG_RANGE[] = N_("not a time range: write the end "
    "after a dash, like 7.11.2017 klo 12-16 or klo 12.00-16.30");
static const char MSG_RANGE_ISO[] = N_("not a date: a time range needs "
    "klo, like 7.11.2017 klo 12-16");
/* Indexed by date_weekday (0 = Monday). */
static const char *const MSG_WRONG_DAY[7] = {
	N_("not the right weekday: that day is a Monday (ma); "
	    "correct the weekday or the date"),
	N_("not the right weekday: that day is a Tuesday (ti); "
	    "correct the weekday or the date"),
	N_("not the right weekday: that day is a Wednesday "
	    "(ke); correct the weekday or the date"),
	N_("not the right weekday: that day is a Thursday "
	    "(to); correct the weekday or the date"),
	N_("not the right weekday: that day is a Friday (pe); "
	    "correct the weekday or the date"),
	N_("not the right weekday: that day is a Saturday "
	    "(la); correct the weekday or the date"),
	N_("not the right weekday: that day is a Sunday (su); "
	    "correct the weekday or the date"),
};

/* Weekday words, lower case, Monday first in each row. */
static const char *const weekdays[][7] = {
	{"ma", "ti", "ke", "to", "pe", "la", "su"},
	{"maanantai", "tiistai", "keskiviikko", "torstai", "perjantai",
	    "lauantai", "sunnuntai"},
	{"maanantaina", "tiistaina", "keskiviikkona", "torstaina",
	    "perjantaina", "lauantaina", "sunnuntaina"},
	{"mån", "tis", "ons", "tor", "fre", "lör", "sön"},
	{"må", "ti", "on", "to", "fr", "lö", "sö"},
	{"måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag",
	    "söndag"},
	{"mon", "tue", "wed", "thu", "fri", "sat", "sun"},
	{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	    "sunday"},
};

/* s[0..n) lower-cased for ASCII and for Å Ä Ö (two bytes each). */
static void lower(char *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		else if (i > 0 && (unsigned char)s[i - 1] == 0xC3 &&
		    (c == 0x85 || c == 0x84 || c == 0x96))
			c += 0x20;   /* Å Ä Ö → å ä ö */
		out[i] = (char)c;
	}
	out[n] = '\0';
}

/* The weekday a word names (0 = Monday), or -1. */
static int weekday_of(const char *w, size_t n)
{
	char low[24];
	if (n >= sizeof low)
		return -1;
	lower(low, w, n);
	for (size_t r = 0; r < sizeof weekdays / sizeof *weekdays; r++)
		for (int d = 0; d < 7; d++)
			if (!strcmp(low, weekdays[r][d]))
				return d;
	return -1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Where `klo` or `kello` stands as a word in s[0..n), or NULL; *wlen gets
 * its length. */
static const char *find_klo(const char *s, size_t n, size_t *wlen)
{
	static const char *const words[] = {"kello", "klo"};
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && s[i - 1] != ' ')
			continue;
		for (size_t k = 0; k < 2; k++) {
			size_t l = strlen(words[k]);
			char low[8];
			if (n - i < l)
				continue;
			lower(low, s + i, l);
			if (strcmp(low, words[k]) == 0 && (i + l == n ||
			    s[i + l] == ' ' || s[i + l] == '.')) {
				*wlen = l + (i + l < n && s[i + l] == '.');
				return s + i;
			}
		}
	}
	return NULL;
}

/* A dash between two times: '-', '–' (U+2013) or '—' (U+2014), with or
 * without spaces around it. Returns its length at s, or 0. */
static size_t dash_at(const char *s, size_t n)
{
	if (n >= 1 && s[0] == '-')
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xE2 &&
	    (unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x93 ||
	    (unsigned char)s[2] == 0x94))
		return 3;
	return 0;
}

int datetext_parse(const char *s, size_t len, datetext *out,
    const char **err)
{
	memset(out, 0, sizeof *out);
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;

	/* A weekday before the date. */
	int wday = -1;
	if (len && !is_digit(*s)) {
		size_t w = 0;
		while (w < len && s[w] != ' ' && s[w] != '.' && s[w] != ',')
			w++;
		size_t next = w;
		while (next < len && (s[next] == '.' || s[next] == ','))
			next++;
		while (next < len && s[next] == ' ')
			next++;
		if (next < len && is_digit(s[next]) && next > w) {
			wday = weekday_of(s, w);
			if (wday < 0) {
				*err = MSG_WEEKDAY_WORD;
				return -1;
			}
			s += next;
			len -= next;
		}
	}
	if (len >= DATETEXT_MAX) {
		*err = MSG_LONG;
		return -1;
	}

	/* `kello` is `klo`; a range after it is cut in two. */
	char one[DATETEXT_MAX + 8], two[DATETEXT_MAX + 8];
	size_t wlen = 0;
	const char *klo = find_klo(s, len, &wlen);
	int range = 0;
	if (!klo) {
		memcpy(one, s, len);
		one[len] = '\0';
		/* "2017-11-07 12-16": a range, but without klo the hyphen
		 * would be read as a zone offset; say so. */
		const char *sp = memchr(s, ' ', len);
		if (sp && memchr(sp, '-', len - (size_t)(sp - s)) &&
		    !memchr(sp, ':', len - (size_t)(sp - s))) {
			*err = MSG_RANGE_ISO;
			return -1;
		}
	} else {
		size_t pre = (size_t)(klo - s), t = pre + wlen;
		while (t < len && s[t] == ' ')
			t++;
		size_t t1 = t;
		while (t < len && (is_digit(s[t]) || s[t] == '.' ||
		    s[t] == ':'))
			t++;
		size_t t1_end = t, d;
		while (t < len && s[t] == ' ')
			t++;
		if (t < len && t1_end > t1 && (d = dash_at(s + t, len - t))) {
			t += d;
			while (t < len && s[t] == ' ')
				t++;
			size_t t2 = t;
			while (t < len && (is_digit(s[t]) || s[t] == '.' ||
			    s[t] == ':'))
				t++;
			if (t2 == t || t != len) {
				*err = MSG_RANGE;
				return -1;
			}
			snprintf(two, sizeof two, "%.*sklo %.*s", (int)pre, s,
			    (int)(t - t2), s + t2);
			range = 1;
			len = t1_end;
		}
		snprintf(one, sizeof one, "%.*sklo %.*s", (int)pre, s,
		    (int)(len - t1), s + t1);
	}

	if (date_parse(one, strlen(one), &out->start, err) != 0)
		return -1;
	if (wday >= 0 && wday != date_weekday(out->start.year,
	    out->start.month, out->start.day)) {
		*err = MSG_WRONG_DAY[date_weekday(out->start.year,
		    out->start.month, out->start.day)];
		return -1;
	}
	if (!range)
		return 0;
	if (date_parse(two, strlen(two), &out->end, err) != 0)
		return -1;
	if (date_cmp(&out->end, &out->start) < 0) {
		/* klo 22-02: over midnight, the same clock time a day on. */
		sdate next = date_from_ymd(out->end.year, out->end.month,
		    out->end.day + 1);
		char three[DATETEXT_MAX + 32];
		snprintf(three, sizeof three, "%04d-%02d-%02d %02d:%02d",
		    next.year, next.month, next.day, out->end.hour,
		    out->end.min);
		if (date_parse(three, strlen(three), &out->end, err) != 0)
			return -1;
	}
	out->has_end = 1;
	return 0;
}
