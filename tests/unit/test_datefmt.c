/* datefmt: dates for readers with the Finnish strings file's patterns. */
#include "check.h"
#include "parse/date.h"
#include "render/datefmt.h"

static value *list_of(arena *a, const char *const *items, int n)
{
	value *l = val_list(a);
	for (int i = 0; i < n; i++)
		val_list_push(a, l, val_str_ref(a, items[i]));
	return l;
}

/* The strings file's date parts, as i18n/fi.yaml has them. */
static value *finnish(arena *a)
{
	static const char *const weekdays[] = {"maanantai", "tiistai",
	    "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"};
	static const char *const essive[] = {"maanantaina", "tiistaina",
	    "keskiviikkona", "torstaina", "perjantaina", "lauantaina",
	    "sunnuntaina"};
	static const char *const wshort[] = {"ma", "ti", "ke", "to", "pe",
	    "la", "su"};
	static const char *const months[] = {"tammikuu", "helmikuu",
	    "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu",
	    "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu"};
	static const char *const partitive[] = {"tammikuuta", "helmikuuta",
	    "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta",
	    "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta",
	    "marraskuuta", "joulukuuta"};
	value *s = val_map(a);
	val_map_set(a, s, "weekdays", list_of(a, weekdays, 7));
	val_map_set(a, s, "weekdays_essive", list_of(a, essive, 7));
	val_map_set(a, s, "weekdays_short", list_of(a, wshort, 7));
	val_map_set(a, s, "months", list_of(a, months, 12));
	val_map_set(a, s, "months_partitive", list_of(a, partitive, 12));
	value *f = val_map(a);
	val_map_str(a, f, "short", "{d}.{m}.{Y}");
	val_map_str(a, f, "long", "{weekday:weekdays_essive} {d}. "
	    "{month:months_partitive} {Y}");
	val_map_str(a, f, "month", "{month:months} {Y}");
	val_map_str(a, f, "time", "klo {H}.{MM}");
	val_map_set(a, s, "date_formats", f);
	return s;
}

static sdate parse(const char *s)
{
	sdate d;
	const char *err = NULL;
	memset(&d, 0, sizeof d);
	if (date_parse(s, strlen(s), &d, &err) != 0)
		printf("  cannot parse %s: %s\n", s, err);
	return d;
}

/* datefmt into a fresh buffer; the result lives in a. */
static const char *fmt(arena *a, const char *pattern, const sdate *d,
    const value *strings)
{
	buf b = BUF_INIT;
	datefmt(&b, pattern, d, strings);
	char *r = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

int main(void)
{
	arena *a = arena_new();
	if (date_set_zone("Europe/Helsinki") != 0)
		printf("FAIL no Europe/Helsinki in the tz database\n");
	value *fi = finnish(a);
	sdate d = parse("7.11.2017 klo 12");
	sdate noon30 = parse("2017-06-18 9:05");
	sdate day = parse("1.1.2018");

	CHECK_STR("long", datefmt_key(a, "long", &d, fi),
	    "tiistaina 7. marraskuuta 2017");
	CHECK_STR("short", datefmt_key(a, "short", &d, fi), "7.11.2017");
	CHECK_STR("month", datefmt_key(a, "month", &d, fi), "marraskuu 2017");
	CHECK_STR("time", datefmt_key(a, "time", &d, fi), "klo 12.00");
	CHECK_STR("time 9.05", datefmt_key(a, "time", &noon30, fi),
	    "klo 9.05");
	CHECK_STR("long sunday in june", datefmt_key(a, "long", &noon30, fi),
	    "sunnuntaina 18. kesäkuuta 2017");
	CHECK_STR("long monday in january", datefmt_key(a, "long", &day, fi),
	    "maanantaina 1. tammikuuta 2018");
	CHECK_STR("missing key is empty", datefmt_key(a, "nope", &d, fi), "");
	CHECK_STR("no strings at all", datefmt_key(a, "long", &d, NULL), "");

	CHECK_STR("Hm whole hour", fmt(a, "klo {Hm}", &d, fi), "klo 12");
	CHECK_STR("Hm with minutes", fmt(a, "klo {Hm}", &noon30, fi),
	    "klo 9.05");
	CHECK_STR("padded", fmt(a, "{dd}.{mm}.{Y} {HH}:{MM}", &noon30, fi),
	    "18.06.2017 09:05");
	CHECK_STR("short weekday", fmt(a, "{weekday:weekdays_short} {d}.{m}.",
	    &d, fi), "ti 7.11.");
	CHECK_STR("weekday nominative", fmt(a, "{weekday:weekdays}", &day, fi),
	    "maanantai");
	CHECK_STR("date only has hour 0", fmt(a, "{H}.{MM}", &day, fi),
	    "0.00");
	CHECK_STR("unknown token is copied", fmt(a, "{d}.{x}.{Y}", &d, fi),
	    "7.{x}.2017");
	CHECK_STR("missing list is copied",
	    fmt(a, "{weekday:viikonpaivat} {d}.", &d, fi),
	    "{weekday:viikonpaivat} 7.");
	CHECK_STR("list too short is copied", fmt(a, "{month:weekdays}", &d,
	    fi), "{month:weekdays}");
	CHECK_STR("not a list is copied", fmt(a, "{month:date_formats}", &d,
	    fi), "{month:date_formats}");
	CHECK_STR("empty list name is copied", fmt(a, "{month:}", &d, fi),
	    "{month:}");
	CHECK_STR("empty token is copied", fmt(a, "{}", &d, fi), "{}");
	CHECK_STR("unclosed brace is copied", fmt(a, "{d}. {Y", &d, fi),
	    "7. {Y");
	CHECK_STR("brace before a token", fmt(a, "{{d}}", &d, fi), "{7}");
	CHECK_STR("plain text", fmt(a, "tänään", &d, fi), "tänään");
	CHECK_STR("empty pattern", fmt(a, "", &d, fi), "");

	buf b = BUF_INIT;
	buf_puts(&b, "alkaa ");
	datefmt(&b, "{d}.{m}.", &d, fi);
	CHECK_STR("datefmt appends", b.data, "alkaa 7.11.");
	buf_free(&b);

	arena_free(a);
	CHECK_DONE();
}
