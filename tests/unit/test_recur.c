/* recur: repeat rules, Finnish and RRULE, and the days they fall on. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "parse/recur.h"

/* The rule's days from a start up to hi, as "D.M. D.M. …". */
static const char *days(const char *rule, int sy, int sm, int sd,
    int hy, int hm, int hd)
{
	static char out[2048];
	recur r;
	const char *err;
	if (recur_parse(rule, strlen(rule), &r, &err) != 0) {
		snprintf(out, sizeof out, "error: %s", err);
		return out;
	}
	long d[200];
	int more;
	size_t n = recur_expand(&r, sy, sm, sd, 0, recur_daynum(hy, hm, hd),
	    d, 200, &more);
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof out - 16; i++) {
		int y, m, dd;
		recur_civil(d[i], &y, &m, &dd);
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%d.%d.",
		    i ? " " : "", dd, m);
	}
	if (more)
		snprintf(out + len, sizeof out - len, " …");
	return out;
}

static const char *rrule(const char *rule)
{
	static char out[256];
	recur r;
	const char *err;
	if (recur_parse(rule, strlen(rule), &r, &err) != 0)
		return err;
	recur_rrule(&r, out, sizeof out);
	if (r.until_y)
		snprintf(out + strlen(out), sizeof out - strlen(out),
		    " until %d-%d-%d", r.until_y, r.until_m, r.until_d);
	return out;
}

static int refused(const char *rule)
{
	recur r;
	const char *err;
	return recur_parse(rule, strlen(rule), &r, &err) != 0 && err && *err;
}

int main(void)
{
	/* 3.10.2017 was a Tuesday. */
	CHECK_STR("joka tiistai", rrule("joka tiistai"), "FREQ=WEEKLY;BYDAY=TU");
	CHECK_STR("tiistaisin", rrule("Tiistaisin"), "FREQ=WEEKLY;BYDAY=TU");
	CHECK_STR("joka toinen torstai", rrule("joka toinen torstai"),
	    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH");
	CHECK_STR("two days", rrule("joka maanantai ja torstai"),
	    "FREQ=WEEKLY;BYDAY=MO,TH");
	CHECK_STR("plural days", rrule("maanantaisin ja keskiviikkoisin"),
	    "FREQ=WEEKLY;BYDAY=MO,WE");
	CHECK_STR("first monday", rrule("kuukauden ensimmäinen maanantai"),
	    "FREQ=MONTHLY;BYDAY=1MO");
	CHECK_STR("last friday", rrule("Kuukauden viimeinen perjantai"),
	    "FREQ=MONTHLY;BYDAY=-1FR");
	CHECK_STR("with an end", rrule("joka tiistai, päättyy 1.6.2018"),
	    "FREQ=WEEKLY;BYDAY=TU until 2018-6-1");
	CHECK_STR("asti", rrule("joka tiistai 1.6.2018 asti"),
	    "FREQ=WEEKLY;BYDAY=TU until 2018-6-1");
	CHECK_STR("count", rrule("joka viikko, 10 kertaa"),
	    "FREQ=WEEKLY;COUNT=10");
	CHECK_STR("weekdays", rrule("joka arkipäivä"),
	    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR");
	CHECK_STR("rrule", rrule("FREQ=WEEKLY;BYDAY=TU;UNTIL=20180601"),
	    "FREQ=WEEKLY;BYDAY=TU until 2018-6-1");
	CHECK_STR("rrule prefix and utc until",
	    rrule("RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1;UNTIL=20180601T235959Z"),
	    "FREQ=MONTHLY;BYDAY=1MO until 2018-6-1");

	CHECK_STR("weekly days", days("joka tiistai", 2017, 10, 3, 2017, 10,
	    31), "3.10. 10.10. 17.10. 24.10. 31.10. …");
	CHECK_STR("every other", days("joka toinen torstai", 2017, 10, 5,
	    2017, 11, 30), "5.10. 19.10. 2.11. 16.11. 30.11. …");
	CHECK_STR("until is inclusive", days("joka tiistai, päättyy "
	    "17.10.2017", 2017, 10, 3, 2018, 1, 1), "3.10. 10.10. 17.10.");
	CHECK_STR("count counts the start", days("joka viikko, 3 kertaa",
	    2017, 10, 3, 2018, 1, 1), "3.10. 10.10. 17.10.");
	CHECK_STR("first monday", days("kuukauden ensimmäinen maanantai",
	    2017, 10, 2, 2018, 1, 31), "2.10. 6.11. 4.12. 1.1. …");
	CHECK_STR("last friday", days("kuukauden viimeinen perjantai", 2017,
	    10, 27, 2018, 3, 1), "27.10. 24.11. 29.12. 26.1. 23.2. …");
	CHECK_STR("two days a week", days("maanantaisin ja torstaisin", 2017,
	    10, 2, 2017, 10, 12), "2.10. 5.10. 9.10. 12.10. …");
	CHECK_STR("monthly by date", days("joka kuukausi", 2017, 1, 31, 2017,
	    5, 31), "31.1. 31.3. 31.5. …");
	CHECK_STR("leap year", days("joka vuosi", 2016, 2, 29, 2024, 3, 1),
	    "29.2. 29.2. 29.2. …");
	CHECK_STR("weekdays over a weekend", days("joka arkipäivä", 2017,
	    10, 5, 2017, 10, 10), "5.10. 6.10. 9.10. 10.10. …");

	{
		recur r;
		const char *err;
		long d[10];
		int more;
		recur_parse("joka viikko, 4 kertaa", 21, &r, &err);
		size_t n = recur_expand(&r, 2017, 10, 3, recur_daynum(2017, 10,
		    15), recur_daynum(2018, 1, 1), d, 10, &more);
		CHECK("days before lo count towards COUNT", n == 2 &&
		    d[0] == recur_daynum(2017, 10, 17) && !more);
	}
	CHECK("refused: nonsense", refused("joskus"));
	CHECK("refused: a bad end", refused("joka tiistai, päättyy "
	    "31.2.2018"));
	CHECK("refused: an unknown rrule part",
	    refused("FREQ=WEEKLY;BYHOUR=9"));
	CHECK("refused: no FREQ", refused("BYDAY=TU"));
	CHECK("refused: count and until",
	    refused("FREQ=DAILY;COUNT=3;UNTIL=20180101"));
	CHECK("refused: an ordinal in a weekly rule",
	    refused("FREQ=WEEKLY;BYDAY=1MO"));
	CHECK("refused: a huge count", refused("FREQ=DAILY;COUNT=5000"));
	CHECK("refused: a month without a day",
	    refused("kuukauden ensimmäinen"));
	CHECK("matches: the start's weekday only",
	    !recur_matches(&(recur){.freq = RECUR_WEEKLY, .interval = 1,
	    .byday = 1u << 1}, 2017, 10, 3, 2017, 10, 4));
	CHECK_DONE();
}
