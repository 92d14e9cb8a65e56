/* datetext: the forms writers type around a date (weekday first, kello,
 * time ranges), in Europe/Helsinki, and the message for each mistake. */
#include "check.h"
#include "parse/datetext.h"

/* "START" or "START / END" in ISO 8601, or "ERR: message". */
static const char *dt(const char *s)
{
	static char out[300];
	datetext t;
	const char *err = NULL;
	if (datetext_parse(s, strlen(s), &t, &err) != 0) {
		snprintf(out, sizeof out, "ERR: %s", err ? err : "(null)");
		return out;
	}
	char a[40], b[40];
	date_iso(&t.start, a);
	if (!t.has_end)
		return strcpy(out, a);
	date_iso(&t.end, b);
	snprintf(out, sizeof out, "%s / %s", a, b);
	return out;
}

int main(void)
{
	if (date_set_zone("Europe/Helsinki") != 0) {
		printf("FAIL no Europe/Helsinki in the tz database\n");
		return 1;
	}
	/* What date_parse reads is read the same. */
	CHECK_STR("plain date", dt("7.11.2017"), "2017-11-07");
	CHECK_STR("plain klo", dt("7.11.2017 klo 12.00"),
	    "2017-11-07T12:00:00+02:00");
	CHECK_STR("ISO with an offset", dt("2017-11-07T12:00:00-02:00"),
	    "2017-11-07T16:00:00+02:00");

	/* Ranges: a hyphen, an en dash, an em dash, spaces, minutes. */
	CHECK_STR("klo 12-16", dt("2.10.2017 klo 12-16"),
	    "2017-10-02T12:00:00+03:00 / 2017-10-02T16:00:00+03:00");
	CHECK_STR("klo 12–16 (en dash)", dt("2.10.2017 klo 12–16"),
	    "2017-10-02T12:00:00+03:00 / 2017-10-02T16:00:00+03:00");
	CHECK_STR("klo 12 — 16 (em dash, spaces)", dt("2.10.2017 klo 12 — 16"),
	    "2017-10-02T12:00:00+03:00 / 2017-10-02T16:00:00+03:00");
	CHECK_STR("klo 17.30-19.00", dt("2.10.2017 klo 17.30-19.00"),
	    "2017-10-02T17:30:00+03:00 / 2017-10-02T19:00:00+03:00");
	CHECK_STR("over midnight ends the next day", dt("2.10.2017 klo 22-02"),
	    "2017-10-02T22:00:00+03:00 / 2017-10-03T02:00:00+03:00");
	CHECK_STR("range after an ISO date with klo",
	    dt("2017-10-02 klo 12-16"),
	    "2017-10-02T12:00:00+03:00 / 2017-10-02T16:00:00+03:00");
	CHECK_STR("range without an end", dt("2.10.2017 klo 12-"),
	    "ERR: not a time range: write the end after a dash, like "
	    "7.11.2017 klo 12-16 or klo 12.00-16.30");
	CHECK_STR("range with text after it", dt("2.10.2017 klo 12-16 asti"),
	    "ERR: not a time range: write the end after a dash, like "
	    "7.11.2017 klo 12-16 or klo 12.00-16.30");
	CHECK_STR("range without klo", dt("2.10.2017 12-16"),
	    "ERR: not a date: a time range needs klo, like 7.11.2017 klo "
	    "12-16");
	CHECK_STR("range end out of range", dt("2.10.2017 klo 12-25"),
	    "ERR: not a time: hours go from 0 to 23");

	/* kello for klo. */
	CHECK_STR("kello", dt("13.10.2027 kello 12"),
	    "2027-10-13T12:00:00+03:00");
	CHECK_STR("Kello 17.30", dt("13.10.2027 Kello 17.30"),
	    "2027-10-13T17:30:00+03:00");
	CHECK_STR("klo. with a dot", dt("13.10.2027 klo. 12"),
	    "2027-10-13T12:00:00+03:00");

	/* Weekdays: accepted when right, the right one named when not. */
	CHECK_STR("ke 13.10.2027", dt("ke 13.10.2027 klo 12"),
	    "2027-10-13T12:00:00+03:00");
	CHECK_STR("Keskiviikkona, 13.10.2027", dt("Keskiviikkona, 13.10.2027"),
	    "2027-10-13");
	CHECK_STR("ke. 13.10.2027", dt("ke. 13.10.2027 klo 12–14"),
	    "2027-10-13T12:00:00+03:00 / 2027-10-13T14:00:00+03:00");
	CHECK_STR("Swedish ons", dt("ons 13.10.2027"), "2027-10-13");
	CHECK_STR("English Wed", dt("Wed 13.10.2027"), "2027-10-13");
	CHECK_STR("lö (Swedish, non-ASCII)", dt("LÖ 16.10.2027"), "2027-10-16");
	CHECK_STR("pe 13.10.2027: wrong weekday", dt("pe 13.10.2027 klo 12"),
	    "ERR: not the right weekday: that day is a "
	    "Wednesday (ke); correct the weekday or the date");
	CHECK_STR("su 2.10.2017: wrong weekday", dt("su 2.10.2017"),
	    "ERR: not the right weekday: that day is a Monday "
	    "(ma); correct the weekday or the date");
	CHECK_STR("not a weekday", dt("noin 13.10.2027"),
	    "ERR: not a date: the word before the date is not a weekday; "
	    "write the weekday as ma, ti, ke, to, pe, la or su, or leave it "
	    "out");
	CHECK_STR("words only: date_parse's message", dt("ensi viikolla"),
	    "ERR: not a date: write 2017-11-07, 7.11.2017 or 7.11.2017 klo "
	    "12.00");
	CHECK_STR("date_parse's own messages come through",
	    dt("ke 31.2.2027"), "ERR: not a date: February has 28 or 29 days");
	CHECK_DONE();
}
