#include "vtimezone.h"

#include "../parse/date.h"

static int offset_at(int64_t t)
{
	return date_from_epoch(t, 1).utcoff;
}

static void put_offset(buf *out, const char *name, int off)
{
	int a = off < 0 ? -off : off;
	buf_printf(out, "%s:%c%02d%02d\r\n", name, off < 0 ? '-' : '+',
	    a / 3600, a / 60 % 60);
}

/* One transition: the instant the offset changes from `from` to `to`. */
struct change {
	int64_t at;
	int from, to;
};

/* The transitions of year, scanned a day apart and pinned to the second. */
static int changes_in(int year, struct change out[2])
{
	int64_t t0 = date_from_ymd(year, 1, 1).epoch;
	int n = 0, prev = offset_at(t0);
	for (int day = 1; day <= 366 && n < 2; day++) {
		int64_t t = t0 + (int64_t)day * 86400;
		int cur = offset_at(t);
		if (cur == prev)
			continue;
		int64_t lo = t - 86400, hi = t;
		while (hi - lo > 1) {
			int64_t mid = lo + (hi - lo) / 2;
			if (offset_at(mid) == prev)
				lo = mid;
			else
				hi = mid;
		}
		out[n++] = (struct change){hi, prev, cur};
		prev = cur;
	}
	return n;
}

static void part(buf *out, const struct change *c, int dst)
{
	static const char *const wd[] = {"MO", "TU", "WE", "TH", "FR", "SA",
	    "SU"};
	/* The wall clock when it changes, as it read just before. */
	sdate w = date_from_epoch(c->at, 1);
	int64_t local = c->at + c->from;
	int secs = (int)(((local % 86400) + 86400) % 86400);
	int dim = date_days_in_month(w.year, w.month);
	int nth = w.day + 7 > dim ? -1 : (w.day - 1) / 7 + 1;
	/* DTSTART: the rule's day in 1970, as calendar programs write. */
	int day1970 = 0;
	for (int d = 1; d <= date_days_in_month(1970, w.month); d++) {
		if (date_weekday(1970, w.month, d) != w.wday)
			continue;
		if (nth > 0 && (d - 1) / 7 + 1 == nth)
			day1970 = d;
		if (nth < 0)
			day1970 = d;
	}
	buf_printf(out, "BEGIN:%s\r\n", dst ? "DAYLIGHT" : "STANDARD");
	buf_printf(out, "DTSTART:1970%02d%02dT%02d%02d%02d\r\n", w.month,
	    day1970, secs / 3600, secs / 60 % 60, secs % 60);
	buf_printf(out, "RRULE:FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s\r\n",
	    w.month, nth, wd[w.wday]);
	put_offset(out, "TZOFFSETFROM", c->from);
	put_offset(out, "TZOFFSETTO", c->to);
	buf_printf(out, "END:%s\r\n", dst ? "DAYLIGHT" : "STANDARD");
}

void vtimezone_write(buf *out, const char *tzid, int year)
{
	buf_printf(out, "BEGIN:VTIMEZONE\r\nTZID:%s\r\n", tzid);
	struct change c[2];
	int n = changes_in(year, c);
	if (n == 2) {
		for (int i = 0; i < 2; i++)
			part(out, &c[i], c[i].to > c[i].from);
	} else {
		int off = offset_at(date_from_ymd(year, 1, 1).epoch);
		buf_puts(out, "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n");
		put_offset(out, "TZOFFSETFROM", off);
		put_offset(out, "TZOFFSETTO", off);
		buf_puts(out, "END:STANDARD\r\n");
	}
	buf_puts(out, "END:VTIMEZONE\r\n");
}
