#include "repeat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "meta.h"

sdate repeat_at(const event *e, long n)
{
	int y, m, d;
	recur_civil(n, &y, &m, &d);
	if (!e->start.has_time)
		return date_from_ymd(y, m, d);
	/* Through the parser, so the time of day is local on every date,
	 * across daylight saving changes. */
	char text[64];
	int len = snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d",
	    y, m, d, e->start.hour, e->start.min, e->start.sec);
	sdate t;
	const char *err;
	if (date_parse(text, (size_t)len, &t, &err) != 0) {
		/* A time the clocks skip on this one date: an hour later. */
		t = date_from_epoch(date_from_ymd(y, m, d).epoch +
		    (e->start.hour + 1) * 3600 + e->start.min * 60, 1);
	}
	return t;
}

static long day_of(const sdate *t)
{
	return recur_daynum(t->year, t->month, t->day);
}

/* A date of the series, or a message. */
static int a_day_of(const event *e, const value *v, const char *key,
    long *out, diag *d)
{
	sdate t;
	const char *err;
	if (!v || v->kind != VAL_STR || date_parse(v->u.str.s, v->u.str.len,
	    &t, &err) != 0) {
		diag_error(d, e->src, v ? v->line : e->line, v ? v->col :
		    e->col, _("%s: write a date of the repeating event, like "
		    "26.12.2017"), key);
		return -1;
	}
	*out = day_of(&t);
	if (!recur_matches(&e->rule, e->start.year, e->start.month,
	    e->start.day, t.year, t.month, t.day)) {
		diag_error(d, e->src, v->line, v->col, _("%s: %s is not a date "
		    "on which the event repeats: check the date"), key,
		    v->u.str.s);
		return -1;
	}
	return 0;
}

static void load_changes(site *s, event *e, const value *list, diag *d)
{
	if (list->kind != VAL_LIST) {
		diag_error(d, e->src, list->line, list->col, _("'changes' must "
		    "be a list of dates written differently, each like "
		    "{date: 12.12.2017, start: \"12.12.2017 klo 10\"}"));
		return;
	}
	e->changes = arena_alloc(s->a, (list->u.list.len + 1) *
	    sizeof *e->changes);
	for (size_t i = 0; i < list->u.list.len; i++) {
		value *item = list->u.list.items[i];
		if (item->kind != VAL_MAP) {
			diag_error(d, e->src, item->line, item->col, _("an item "
			    "of 'changes' must be a map with date: and what "
			    "changes (start:, end:, location:, cancelled:)"));
			continue;
		}
		event_change *c = &e->changes[e->nchanges];
		memset(c, 0, sizeof *c);
		if (a_day_of(e, val_map_get(item, "date"), "changes.date",
		    &c->day, d) != 0)
			continue;
		c->has_start = meta_date(e->src, item, "start", &c->start,
		    d) > 0;
		c->has_end = meta_date(e->src, item, "end", &c->end, d) > 0;
		c->location = meta_str(s, e->src, item, "location", d);
		c->address = meta_str(s, e->src, item, "address", d);
		c->cancelled = meta_bool(e->src, item, "cancelled", 0, d);
		e->nchanges++;
	}
}

int repeat_load(site *s, event *e, diag *d)
{
	value *v = val_map_get(e->meta, "repeat");
	if (!v || v->kind == VAL_NULL) {
		static const char *const only[] = {"until", "except",
		    "changes"};
		for (size_t i = 0; i < 3; i++) {
			value *o = val_map_get(e->meta, only[i]);
			if (o)
				diag_error(d, e->src, o->line, o->col, _("'%s' "
				    "is for repeating events: add repeat:, "
				    "like repeat: joka tiistai"), only[i]);
		}
		return 0;
	}
	int errs = diag_errors(d);
	const char *err;
	if (v->kind != VAL_STR || recur_parse(v->u.str.s, v->u.str.len,
	    &e->rule, &err) != 0) {
		diag_error(d, e->src, v->line, v->col, "repeat: %s",
		    v->kind == VAL_STR ? _(err) : _("write how the event "
		    "repeats, like repeat: joka tiistai"));
		return -1;
	}
	if (!recur_matches(&e->rule, e->start.year, e->start.month,
	    e->start.day, e->start.year, e->start.month, e->start.day)) {
		diag_error(d, e->src, v->line, v->col, _("repeat: the start is "
		    "not one of the days the event repeats on: move the start "
		    "to the first such day"));
		return -1;
	}
	sdate until;
	value *uv = val_map_get(e->meta, "until");
	if (meta_date(e->src, e->meta, "until", &until, d) > 0) {
		if (e->rule.until_y || e->rule.count)
			diag_error(d, e->src, uv->line, uv->col, _("until: the "
			    "repeat already says when it ends: write the end "
			    "once"));
		else if (day_of(&until) < day_of(&e->start))
			diag_error(d, e->src, uv->line, uv->col, _("until: the "
			    "end of the repeat is before its start"));
		e->rule.until_y = until.year;
		e->rule.until_m = until.month;
		e->rule.until_d = until.day;
	}
	value *ex = val_map_get(e->meta, "except");
	if (ex && ex->kind != VAL_NULL) {
		size_t n = ex->kind == VAL_LIST ? ex->u.list.len : 1;
		e->except = arena_alloc(s->a, (n + 1) * sizeof *e->except);
		for (size_t i = 0; i < n; i++) {
			value *item = ex->kind == VAL_LIST ?
			    ex->u.list.items[i] : ex;
			if (a_day_of(e, item, "except",
			    &e->except[e->nexcept], d) == 0)
				e->nexcept++;
		}
	}
	value *ch = val_map_get(e->meta, "changes");
	if (ch && ch->kind != VAL_NULL)
		load_changes(s, e, ch, d);
	if (diag_errors(d) > errs)
		return -1;
	e->recurring = 1;
	return 0;
}

static int excepted(const event *e, long n)
{
	for (size_t i = 0; i < e->nexcept; i++)
		if (e->except[i] == n)
			return 1;
	return 0;
}

/* The occurrence of series e on day n. */
static event *occurrence(site *s, event *e, long n)
{
	event *o = arena_alloc(s->a, sizeof *o);
	*o = *e;
	o->master = e;
	o->recurring = 0;
	o->occ = NULL;
	o->nocc = 0;
	o->view = NULL;
	o->start = repeat_at(e, n);
	if (e->all_day) {
		long span = day_of(&e->end) - day_of(&e->start);
		o->end = date_from_ymd(o->start.year, o->start.month,
		    o->start.day + (int)span);
	} else {
		o->end = e->has_end ? date_from_epoch(o->start.epoch +
		    (e->end.epoch - e->start.epoch), 1) : o->start;
	}
	for (size_t i = 0; i < e->nchanges; i++) {
		const event_change *c = &e->changes[i];
		if (c->day != n)
			continue;
		o->changed = 1;
		if (c->has_start) {
			int64_t len = o->end.epoch - o->start.epoch;
			o->start = c->start;
			o->end = c->has_end ? c->end : date_from_epoch(
			    c->start.epoch + len, c->start.has_time);
		} else if (c->has_end) {
			o->end = c->end;
		}
		if (c->location)
			o->location = c->location;
		if (c->address)
			o->address = c->address;
		if (c->cancelled)
			o->cancelled = 1;
	}
	return o;
}

void repeat_expand(site *s)
{
	long today = day_of(&s->now);
	size_t cap = s->nevents + 1;
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i]->recurring)
			cap += RECUR_MAX_OCCURRENCES;
	s->occ = arena_alloc(s->a, cap * sizeof *s->occ);
	s->nocc = 0;
	long *days = NULL;
	for (size_t i = 0; i < s->nevents; i++) {
		event *e = s->events[i];
		if (!e->recurring) {
			s->occ[s->nocc++] = e;
			continue;
		}
		if (!days) {
			days = malloc(RECUR_MAX_OCCURRENCES * sizeof *days);
			if (!days)
				abort();
		}
		int more;
		size_t n = recur_expand(&e->rule, e->start.year,
		    e->start.month, e->start.day, today -
		    EVENT_REPEAT_WINDOW_DAYS, today + EVENT_REPEAT_WINDOW_DAYS,
		    days, RECUR_MAX_OCCURRENCES, &more);
		e->occ = arena_alloc(s->a, (n + 1) * sizeof *e->occ);
		e->occ_more = more;
		for (size_t k = 0; k < n; k++) {
			if (excepted(e, days[k]))
				continue;
			event *o = occurrence(s, e, days[k]);
			e->occ[e->nocc++] = o;
			s->occ[s->nocc++] = o;
		}
	}
	free(days);
	if (s->nocc > 1)
		qsort(s->occ, s->nocc, sizeof *s->occ, event_cmp_start);
}
