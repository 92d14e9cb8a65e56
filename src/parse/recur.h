/* recur: how an event repeats — an RFC 5545 RRULE subset, or the Finnish a
 * writer types — and the dates it falls on. Pure: no files, no zone (the
 * dates are civil dates; the model puts the time of day on them).
 *
 * Finnish forms (case and extra spaces do not matter):
 *   joka päivä | joka arkipäivä | joka viikko | joka toinen viikko
 *   joka tiistai | tiistaisin | joka maanantai ja torstai
 *   joka toinen torstai | joka kolmas maanantai
 *   joka kuukausi | kuukauden ensimmäinen maanantai
 *   kuukauden toinen|kolmas|neljäs|viimeinen perjantai | joka vuosi
 * followed by an optional end: ", päättyy 1.6.2018", "1.6.2018 asti" /
 * "saakka", or ", 10 kertaa".
 * RRULE: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, BYDAY (MO…SU,
 * with an ordinal 1…5 or -1 for MONTHLY), BYSETPOS (with one BYDAY),
 * COUNT, UNTIL (a date, or a date-time in UTC) and WKST=MO. */
#ifndef SAITTI_RECUR_H
#define SAITTI_RECUR_H

#include <stddef.h>

enum recur_freq { RECUR_DAILY = 1, RECUR_WEEKLY, RECUR_MONTHLY, RECUR_YEARLY };

typedef struct recur {
	int freq;
	int interval;            /* 1 or more */
	unsigned byday;          /* bit 0 = Monday … bit 6 = Sunday; 0: start's */
	int setpos;              /* MONTHLY: 1…5, -1 last; 0 none */
	int count;               /* 0: no count */
	int until_y, until_m, until_d;   /* inclusive; until_y 0: none */
} recur;

/* Longest run of occurrences saitti expands for one event (a daily event
 * for years would otherwise make thousands of calendar entries). */
#define RECUR_MAX_OCCURRENCES 1000

/* Parses s. Returns 0, or -1 with *err a static English message saying
 * what to write instead. */
int recur_parse(const char *s, size_t len, recur *out, const char **err);

/* Whether the civil date y-m-d is a day of the rule for a series that
 * starts on sy-sm-sd (COUNT and UNTIL not considered). */
int recur_matches(const recur *r, int sy, int sm, int sd, int y, int m,
    int d);

/* The series' days from lo to hi (day numbers from recur_daynum,
 * inclusive; days before lo still count towards COUNT), UNTIL and COUNT
 * honoured, at most max: each day number into out. Returns the count.
 * *more is set when the series goes on after hi (or after max). */
size_t recur_expand(const recur *r, int sy, int sm, int sd, long lo,
    long hi, long *out, size_t max, int *more);

/* Days since 1970-01-01 for a civil date, and back. */
long recur_daynum(int y, int m, int d);
void recur_civil(long n, int *y, int *m, int *d);

/* The rule as an RRULE value, without UNTIL (the caller writes it in the
 * form its DTSTART needs): "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH". out holds
 * at least 128 bytes. */
void recur_rrule(const recur *r, char *out, size_t outlen);

#endif
