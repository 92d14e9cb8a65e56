#include "schedule.h"

#include "../parse/recur.h"

int64_t schedule_event_over(const event *e)
{
	/* A series is over when its last date is; one that goes on past
	 * the listed dates is not over. */
	if (e->recurring) {
		if (e->occ_more)
			return INT64_MAX;
		if (e->nocc)
			return schedule_event_over(e->occ[e->nocc - 1]);
	}
	if (e->all_day)
		return date_from_ymd(e->end.year, e->end.month,
		    e->end.day + 1).epoch;
	return e->has_end ? e->end.epoch : e->start.epoch;
}

/* A build with a date-only "now" sees the instant t from the day that
 * contains it onwards, if t is its midnight, else from the next one. */
static int64_t seen_from(const site *s, int64_t t)
{
	if (s->now.has_time)
		return t;
	sdate d = date_from_epoch(t, 1);
	sdate mid = date_from_ymd(d.year, d.month, d.day);
	return mid.epoch == t ? t : date_from_ymd(d.year, d.month,
	    d.day + 1).epoch;
}

static void consider(int64_t *best, int64_t t, int64_t after)
{
	if (t > after && (*best == 0 || t < *best))
		*best = t;
}

int64_t schedule_next_change(const site *s)
{
	int64_t now = s->now.epoch, best = 0;
	/* Posts not yet out (drafts aside) appear on their day. */
	if (!s->drafts)
		for (size_t i = 0; i < s->nfuture; i++) {
			const post *fp = s->future[i];
			const sdate *d = fp->has_publish &&
			    fp->publish.epoch > fp->date.epoch ? &fp->publish :
			    &fp->date;
			consider(&best, s->now.has_time ? d->epoch :
			    date_from_ymd(d->year, d->month, d->day).epoch,
			    now);
		}
	for (size_t i = 0; i < s->nocc; i++) {
		const sdate *st = &s->occ[i]->start;
		consider(&best, seen_from(s, schedule_event_over(s->occ[i])),
		    now);
		/* Lists say "tomorrow" from the day before, "today" on the
		 * day. */
		consider(&best, date_from_ymd(st->year, st->month,
		    st->day - 1).epoch, now);
		consider(&best, date_from_ymd(st->year, st->month,
		    st->day).epoch, now);
	}
	for (size_t i = 0; i < s->nevents; i++) {
		const event *e = s->events[i];
		/* A registration closes. */
		if (e->has_deadline)
			consider(&best, seen_from(s, e->reg_deadline.has_time ?
			    e->reg_deadline.epoch : date_from_ymd(
			    e->reg_deadline.year, e->reg_deadline.month,
			    e->reg_deadline.day + 1).epoch), now);
		if (!e->recurring)
			continue;
		/* A repeating event's dates are listed for a window around
		 * today: the oldest leaves it, the next one enters it. */
		long today = recur_daynum(s->now.year, s->now.month,
		    s->now.day);
		if (e->nocc) {
			const sdate *f = &e->occ[0]->start;
			long d0 = recur_daynum(f->year, f->month, f->day);
			if (d0 + EVENT_REPEAT_WINDOW_DAYS >= today) {
				int y, m, d;
				recur_civil(d0 + EVENT_REPEAT_WINDOW_DAYS + 1,
				    &y, &m, &d);
				consider(&best, date_from_ymd(y, m, d).epoch,
				    now);
			}
		}
		if (e->occ_more) {
			long next[1];
			int more;
			if (recur_expand(&e->rule, e->start.year,
			    e->start.month, e->start.day, today +
			    EVENT_REPEAT_WINDOW_DAYS + 1, today +
			    EVENT_REPEAT_WINDOW_DAYS + 800, next, 1,
			    &more) == 1) {
				int y, m, d;
				recur_civil(next[0] - EVENT_REPEAT_WINDOW_DAYS,
				    &y, &m, &d);
				consider(&best, date_from_ymd(y, m, d).epoch,
				    now);
			}
		}
	}
	/* Posts and pages with an expiryDate leave on it (builds that see
	 * whole days drop them for all of that day). */
	if (!s->drafts) {
		for (size_t i = 0; i < s->nposts + s->npages; i++) {
			const post *ep = i < s->nposts ? s->posts[i] :
			    s->pages[i - s->nposts];
			const sdate *x = &ep->expires;
			if (ep->has_expires)
				consider(&best, s->now.has_time ? x->epoch :
				    date_from_ymd(x->year, x->month,
				    x->day).epoch, now);
		}
	}
	/* A month grid marks today when it shows this month; the
	 * calendar's index leads to this month. */
	if (s->nocc) {
		int first = s->occ[0]->start.year * 12 +
		    s->occ[0]->start.month, last = first;
		for (size_t i = 0; i < s->nocc; i++) {
			const sdate *e = &s->occ[i]->end;
			if (e->year * 12 + e->month > last)
				last = e->year * 12 + e->month;
		}
		int cur = s->now.year * 12 + s->now.month;
		if (cur >= first && cur <= last)
			consider(&best, date_from_ymd(s->now.year,
			    s->now.month, s->now.day + 1).epoch, now);
		else if (cur < first)
			consider(&best, date_from_ymd(s->now.year,
			    s->now.month + 1, 1).epoch, now);
	}
	consider(&best, date_from_ymd(s->now.year + 1, 1, 1).epoch, now);
	return best;
}
