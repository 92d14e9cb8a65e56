#include "datename.h"

#include <stdio.h>
#include <string.h>

static const char *const months[12] = {"january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october",
    "november", "december"};
static const char *const wdays[7] = {"monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday"};

struct cur {
	const char *s, *end;
};

static int lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
}

static int is_alpha(int ch)
{
	ch = lower(ch);
	return ch >= 'a' && ch <= 'z';
}

static int is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static int peek(const struct cur *c)
{
	return c->s < c->end ? (unsigned char)*c->s : -1;
}

static void skip_spaces(struct cur *c)
{
	while (peek(c) == ' ' || peek(c) == '\t')
		c->s++;
}

/* A name from the list, whole ("january") or its first three letters
 * ("jan"; "sept" too). Returns its index, or -1. */
static int name_of(struct cur *c, const char *const *names, int n)
{
	const char *w = c->s;
	while (c->s < c->end && is_alpha(*c->s))
		c->s++;
	size_t len = (size_t)(c->s - w);
	for (int i = 0; i < n && len >= 3; i++) {
		size_t full = strlen(names[i]);
		if (len > full)
			continue;
		size_t k = 0;
		while (k < len && lower((unsigned char)w[k]) == names[i][k])
			k++;
		if (k == len && (len == 3 || len == full ||
		    (len == 4 && i == 8 && names == months)))
			return i;
	}
	c->s = w;
	return -1;
}

static int number(struct cur *c, int maxd, int *val)
{
	int n = 0, v = 0;
	while (is_digit(peek(c)) && n < maxd + 1) {
		v = v * 10 + (*c->s - '0');
		c->s++;
		n++;
	}
	if (n == 0 || n > maxd)
		return 0;
	*val = v;
	return n;
}

/* Two-digit years as Go reads them: 69–99 are 1900s, 00–68 2000s. */
static int full_year(int y, int ndigits)
{
	if (ndigits != 2)
		return y;
	return y >= 69 ? 1900 + y : 2000 + y;
}

static int emit(char *out, size_t outsz, int y, int m, int d,
    const char *rest, size_t rlen)
{
	int n = snprintf(out, outsz, "%04d-%02d-%02d%s%.*s", y, m, d,
	    rlen ? " " : "", (int)rlen, rest);
	return n > 0 && (size_t)n < outsz;
}

int datename_to_iso(const char *s, size_t len, char *out, size_t outsz)
{
	struct cur c = {s, s + len};
	int y = 0, m = -1, d = 0, ny;
	skip_spaces(&c);
	/* An optional weekday, with or without a comma; not checked
	 * against the date (Go does not either). */
	if (name_of(&c, wdays, 7) >= 0) {
		if (peek(&c) == ',')
			c.s++;
		skip_spaces(&c);
	}
	if (is_digit(peek(&c))) {
		/* "02 Jan 2006", "2 January 2006", "02-Jan-06" */
		if (!number(&c, 2, &d))
			return 0;
		int dash = peek(&c) == '-';
		if (dash)
			c.s++;
		else
			skip_spaces(&c);
		if ((m = name_of(&c, months, 12)) < 0)
			return 0;
		if (dash ? peek(&c) != '-' : 0)
			return 0;
		if (dash)
			c.s++;
		else
			skip_spaces(&c);
		if (!(ny = number(&c, 4, &y)) || ny == 1 || ny == 3)
			return 0;
		y = full_year(y, ny);
	} else if ((m = name_of(&c, months, 12)) >= 0) {
		/* "January 2, 2006", "Jan 2 2006", or ANSI C's
		 * "Jan  2 15:04:05 [MST] 2006" with the year last */
		skip_spaces(&c);
		if (!number(&c, 2, &d))
			return 0;
		if (peek(&c) == ',')
			c.s++;
		skip_spaces(&c);
		const char *at = c.s;
		if (number(&c, 2, &y) && peek(&c) == ':') {
			/* The time, then the year at the end. */
			const char *e = c.end;
			while (e > at && e[-1] == ' ')
				e--;
			const char *ys = e;
			while (ys > at && is_digit((unsigned char)ys[-1]))
				ys--;
			if (e - ys != 4 || ys == at || ys[-1] != ' ')
				return 0;
			y = 0;
			for (const char *p = ys; p < e; p++)
				y = y * 10 + (*p - '0');
			const char *te = ys;
			while (te > at && te[-1] == ' ')
				te--;
			return emit(out, outsz, y, m + 1, d, at,
			    (size_t)(te - at));
		}
		c.s = at;
		if ((ny = number(&c, 4, &y)) != 4)
			return 0;
	} else {
		return 0;
	}
	const char *rest = c.s;
	if (rest < c.end && *rest != ' ' && *rest != '\t')
		return 0;
	skip_spaces(&c);
	return emit(out, outsz, y, m + 1, d, c.s, (size_t)(c.end - c.s));
}
