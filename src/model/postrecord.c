#include "postrecord.h"

#include <string.h>

#include "../core/record.h"
#include "../parse/date.h"

/* A record's first number: its format (a record of another is not
 * used). */
#define FORMAT 1

hash128 postrecord_key(const site *s)
{
	hash_state *h = hash_begin();
	hash_add_str(h, "saitti postrecord");
	hash_add_str(h, s->base_path);
	hash_add_str(h, s->p_events);
	hash_add_str(h, s->timezone ? s->timezone : "");
	/* The zone's rules too: dates are kept as made in them. */
	hash_add_hash(h, date_zone_digest(s->timezone));
	hash_add_u64(h, s->hist != NULL);
	return hash_end(h);
}

/* A string field: NULL; the front matter's own string under key, as
 * load_local takes it (then not copied); the same as the field before
 * it (a slug made from the file's name is both); or its text. */
enum { STR_NULL, STR_META, STR_PREV, STR_TEXT };

static const char *meta_text(const value *meta, const char *key)
{
	const value *v = key ? val_map_get(meta, key) : NULL;
	return v && v->kind == VAL_STR ? v->u.str.s : NULL;
}

static void put_str(buf *b, const char *s, const value *meta,
    const char *key, const char *prev)
{
	if (!s)
		record_put_u64(b, STR_NULL);
	else if (s == meta_text(meta, key))
		record_put_u64(b, STR_META);
	else if (s == prev)
		record_put_u64(b, STR_PREV);
	else {
		record_put_u64(b, STR_TEXT);
		record_put_str(b, s);
	}
}

static const char *get_str(record_cursor *c, arena *a, const value *meta,
    const char *key, const char *prev)
{
	size_t n;
	const char *s;
	switch (record_u64(c)) {
	case STR_NULL:
		return NULL;
	case STR_META:
		if (!(s = meta_text(meta, key)))
			c->bad = 1;
		return s;
	case STR_PREV:
		return prev;
	case STR_TEXT:
		s = record_strn(c, &n);
		return c->bad ? NULL : arena_strndup(a, s, n);
	}
	c->bad = 1;
	return NULL;
}

/* A date: 0 when all zero (not set), else its instant, its civil fields
 * in one number and its offset. -1 when a field is out of its bits. */
static int put_date(buf *b, const sdate *d)
{
	static const sdate zero;
	if (!memcmp(d, &zero, sizeof zero)) {
		record_put_u64(b, 0);
		return 0;
	}
	if (d->month < 0 || d->month > 15 || d->day < 0 || d->day > 31 ||
	    d->hour < 0 || d->hour > 31 || d->min < 0 || d->min > 63 ||
	    d->sec < 0 || d->sec > 63 || d->wday < 0 || d->wday > 7 ||
	    (d->has_time != 0 && d->has_time != 1))
		return -1;
	record_put_u64(b, 1);
	record_put_u64(b, (uint64_t)d->epoch);
	record_put_u64(b, (uint64_t)(uint32_t)d->year << 32 |
	    (uint64_t)d->month << 28 | (uint64_t)d->day << 23 |
	    (uint64_t)d->hour << 18 | (uint64_t)d->min << 12 |
	    (uint64_t)d->sec << 6 | (uint64_t)d->wday << 3 |
	    (uint64_t)d->has_time);
	record_put_u64(b, (uint64_t)(int64_t)d->utcoff);
	return 0;
}

static void get_date(record_cursor *c, sdate *d)
{
	if (!record_u64(c))
		return;   /* the arena's zeroes */
	d->epoch = (int64_t)record_u64(c);
	uint64_t f = record_u64(c);
	d->year = (int)(int32_t)(uint32_t)(f >> 32);
	d->month = (int)(f >> 28 & 15);
	d->day = (int)(f >> 23 & 31);
	d->hour = (int)(f >> 18 & 31);
	d->min = (int)(f >> 12 & 63);
	d->sec = (int)(f >> 6 & 63);
	d->wday = (int)(f >> 3 & 7);
	d->has_time = (int)(f & 1);
	d->utcoff = (int)(int64_t)record_u64(c);
}

int postrecord_put(buf *b, const post *p, enum doc_kind kind,
    const diag *held)
{
	size_t start = b->len;
	record_put_u64(b, FORMAT);
	record_put_u64(b, (uint64_t)kind);
	record_put_u64(b, p != NULL);
	if (p) {
		const value *m = p->meta;
		record_put_u64(b, (uint64_t)p->kind);
		put_str(b, p->dir, m, NULL, NULL);
		put_str(b, p->section, m, NULL, NULL);
		put_str(b, p->slug, m, "slug", NULL);
		put_str(b, p->file_slug, m, NULL, p->slug);
		put_str(b, p->path, m, NULL, NULL);
		put_str(b, p->url, m, NULL, NULL);
		put_str(b, p->title, m, "title", NULL);
		put_str(b, p->author, m, "author", NULL);
		put_str(b, p->image, m, "image", NULL);
		const sdate *d[] = {&p->date, &p->updated, &p->publish,
		    &p->expires};
		const int has[] = {p->has_date, p->has_updated,
		    p->has_publish, p->has_expires};
		for (size_t i = 0; i < 4; i++) {
			record_put_u64(b, (uint64_t)has[i]);
			if (put_date(b, d[i]) != 0) {
				b->len = start;
				return -1;
			}
		}
		record_put_u64(b, (uint64_t)p->draft);
		record_put_u64(b, (uint64_t)(int64_t)p->order);
		record_put_u64(b, p->naliases);
		for (size_t i = 0; i < p->naliases; i++)
			record_put_str(b, p->aliases[i]);
	}
	record_put_held(b, held);
	return 0;
}

int postrecord_get(const char *rec, size_t len, arena *a, const char *path,
    const fm_doc *doc, post **out, enum doc_kind *kind, diag *held)
{
	if (!rec)
		return -1;
	record_cursor c = {rec, rec + len, 0};
	if (record_u64(&c) != FORMAT)
		return -1;
	uint64_t dk = record_u64(&c);
	if (dk > DOC_OTHER)
		return -1;
	post *p = NULL;
	if (record_u64(&c)) {
		p = arena_alloc(a, sizeof *p);
		uint64_t pk = record_u64(&c);
		if (pk > PAGE_POST)
			return -1;
		p->kind = (page_kind)pk;
		p->src = path;
		p->meta = doc->meta;
		p->body = doc->body;
		p->body_len = doc->body_len;
		p->body_line = doc->body_line;
		p->body_off = doc->body_off;
		p->body_sum = doc->body_sum;
		p->meta_sum = doc->meta_sum;
		const value *m = doc->meta;
		p->dir = get_str(&c, a, m, NULL, NULL);
		p->section = get_str(&c, a, m, NULL, NULL);
		p->slug = get_str(&c, a, m, "slug", NULL);
		p->file_slug = get_str(&c, a, m, NULL, p->slug);
		p->path = get_str(&c, a, m, NULL, NULL);
		p->url = get_str(&c, a, m, NULL, NULL);
		p->title = get_str(&c, a, m, "title", NULL);
		p->author = get_str(&c, a, m, "author", NULL);
		p->image = get_str(&c, a, m, "image", NULL);
		sdate *d[] = {&p->date, &p->updated, &p->publish, &p->expires};
		int *has[] = {&p->has_date, &p->has_updated, &p->has_publish,
		    &p->has_expires};
		for (size_t i = 0; i < 4; i++) {
			*has[i] = (int)record_u64(&c);
			get_date(&c, d[i]);
		}
		p->draft = (int)record_u64(&c);
		p->order = (int)(int64_t)record_u64(&c);
		uint64_t n = record_u64(&c);
		if (c.bad || n > (uint64_t)(c.end - c.p) / 9)
			return -1;
		if (n) {
			p->aliases = arena_alloc(a, (n + 1) *
			    sizeof *p->aliases);
			for (size_t i = 0; i < n; i++) {
				size_t l;
				const char *s = record_strn(&c, &l);
				p->aliases[i] = arena_strndup(a, s, l);
			}
			p->naliases = (size_t)n;
		}
	}
	uint64_t nmsg = record_u64(&c);
	if (c.bad || nmsg > (uint64_t)(c.end - c.p) / 40)
		return -1;
	/* The messages are checked whole before any is told. */
	const char *msgs = c.p;
	size_t n;
	for (uint64_t i = 0; i < nmsg && !c.bad; i++) {
		record_u64(&c), record_u64(&c), record_u64(&c);
		record_strn(&c, &n), record_strn(&c, &n);
	}
	if (c.bad || c.p != c.end)
		return -1;
	c.p = msgs;
	record_tell_held(&c, nmsg, held);
	*out = p;
	*kind = (enum doc_kind)dk;
	return 0;
}
