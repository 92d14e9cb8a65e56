#include "datefmt.h"

#include <string.h>

/* The idx-th item of the list strings[name], when it is a string. */
static const char *list_item(const value *strings, const char *name,
    size_t name_len, int idx)
{
	char key[128];
	if (name_len == 0 || name_len >= sizeof key || idx < 0)
		return NULL;
	memcpy(key, name, name_len);
	key[name_len] = '\0';
	const value *list = val_map_get(strings, key);
	if (!list || list->kind != VAL_LIST || (size_t)idx >= list->u.list.len)
		return NULL;
	return val_as_str(list->u.list.items[idx]);
}

static int tok_is(const char *t, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(t, name, n) == 0;
}

/* printf's %d, or %02d with two set, without parsing a format: dates are
 * written many times a page. */
static void put_int(buf *out, int v, int two)
{
	if (v < 0) {
		buf_printf(out, two ? "%02d" : "%d", v);
		return;
	}
	char t[12];
	size_t n = sizeof t;
	do {
		t[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (two && n == sizeof t - 1)
		t[--n] = '0';
	buf_put(out, t + n, sizeof t - n);
}

/* Writes token t[0..n) (the text between the braces); returns 0 when it
 * is not one datefmt knows. */
static int token(buf *out, const char *t, size_t n, const sdate *d,
    const value *strings)
{
	const char *item = NULL;
	if (tok_is(t, n, "d"))
		put_int(out, d->day, 0);
	else if (tok_is(t, n, "dd"))
		put_int(out, d->day, 1);
	else if (tok_is(t, n, "m"))
		put_int(out, d->month, 0);
	else if (tok_is(t, n, "mm"))
		put_int(out, d->month, 1);
	else if (tok_is(t, n, "Y"))
		put_int(out, d->year, 0);
	else if (tok_is(t, n, "H"))
		put_int(out, d->hour, 0);
	else if (tok_is(t, n, "HH"))
		put_int(out, d->hour, 1);
	else if (tok_is(t, n, "MM"))
		put_int(out, d->min, 1);
	else if (tok_is(t, n, "Hm")) {
		put_int(out, d->hour, 0);
		if (d->min != 0) {
			buf_putc(out, '.');
			put_int(out, d->min, 1);
		}
	} else if (n > 8 && memcmp(t, "weekday:", 8) == 0) {
		item = list_item(strings, t + 8, n - 8, d->wday);
		if (!item)
			return 0;
		buf_puts(out, item);
	} else if (n > 6 && memcmp(t, "month:", 6) == 0) {
		item = list_item(strings, t + 6, n - 6, d->month - 1);
		if (!item)
			return 0;
		buf_puts(out, item);
	} else {
		return 0;
	}
	return 1;
}

void datefmt(buf *out, const char *pattern, const sdate *d,
    const value *strings)
{
	const char *p = pattern;
	while (*p) {
		const char *open = strchr(p, '{');
		if (!open) {
			buf_puts(out, p);
			return;
		}
		buf_put(out, p, (size_t)(open - p));
		const char *close = strchr(open + 1, '}');
		if (!close) {
			buf_puts(out, open);
			return;
		}
		/* "{{d}": the first brace is text, the token starts later. */
		const char *inner = memchr(open + 1, '{',
		    (size_t)(close - open - 1));
		if (inner) {
			buf_put(out, open, (size_t)(inner - open));
			p = inner;
			continue;
		}
		size_t n = (size_t)(close - open - 1);
		if (!token(out, open + 1, n, d, strings))
			buf_put(out, open, n + 2);
		p = close + 1;
	}
}

char *datefmt_key(arena *a, const char *key, const sdate *d,
    const value *strings)
{
	const char *pattern = val_as_str(val_map_get(val_map_get(strings,
	    "date_formats"), key));
	if (!pattern)
		return arena_strdup(a, "");
	buf b = BUF_INIT;
	datefmt(&b, pattern, d, strings);
	char *r = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}
