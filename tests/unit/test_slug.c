/* slug: URL names and Finnish collation. */
#include <stdlib.h>

#include "check.h"
#include "parse/slug.h"
#include "parse/utf8.h"

static arena *A;

static const char *slug(const char *s)
{
	return slug_make(A, s, strlen(s));
}

/* The slug of a text made one code point at a time, from what slug_make
 * makes of each code point between two letters ("a-b": a separator;
 * "ab": a combining mark; else the letters it stands for): the rules of
 * the dash, against the fast path that writes in place. */
static size_t put_cp(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static void slow_slug(const char *s, size_t len, char *out)
{
	size_t i = 0, n = 0;
	int dash = 0;
	while (i < len) {
		unsigned cp;
		i += utf8_next(s + i, len - i, &cp);
		char mid[8] = "a";
		size_t m = 1 + put_cp(mid + 1, cp);
		mid[m++] = 'b';
		const char *t = slug_make(A, mid, m);
		size_t tl = strlen(t);
		if (!strcmp(t, "a-b")) {
			dash = 1;
			continue;
		}
		if (!strcmp(t, "ab"))
			continue;
		if (dash && n)
			out[n++] = '-';
		dash = 0;
		memcpy(out + n, t + 1, tl - 2);
		n += tl - 2;
	}
	out[n] = '\0';
}

static int random_slugs(int rounds)
{
	/* Bytes that make ASCII, Latin-1, Latin Extended-A, combining
	 * marks, other scripts and broken UTF-8. */
	static const char *const parts[] = {"a", "Z", "9", " ", "-", "_",
	    ".", "\xc3\xa4", "\xc3\x9f", "\xc3\x86", "\xc5\x92", "\xc4\xb2",
	    "\xcc\x88", "\xc3\x97", "\xd0\x96", "\xe2\x82\xac",
	    "\xf0\x9f\x98\x80", "\xc3", "\x80", "\xff", "\xc5\xbf"};
	unsigned seed = 7;
	char in[64], want[256];
	for (int r = 0; r < rounds; r++) {
		size_t n = 0;
		int k = (int)((seed = seed * 1103515245 + 12345) >> 16) % 12;
		while (k-- > 0) {
			const char *p = parts[((seed = seed * 1103515245 +
			    12345) >> 16) % (sizeof parts / sizeof *parts)];
			memcpy(in + n, p, strlen(p));
			n += strlen(p);
		}
		const char *got = slug_make(A, in, n);
		slow_slug(in, n, want);
		if (strcmp(got, want) || strlen(got) > n)
			return 0;
	}
	return 1;
}

static int cmp(const void *a, const void *b)
{
	return slug_collate_fi(*(const char *const *)a,
	    *(const char *const *)b);
}

static int sign(int r)
{
	return (r > 0) - (r < 0);
}

int main(void)
{
	A = arena_new();

	CHECK_STR("finnish letters", slug("Mitä tehdään?"), "mita-tehdaan");
	CHECK_STR("capital å ö", slug("Åland Öljy"), "aland-oljy");
	CHECK_STR("runs of dashes and spaces", slug("--a  b--"), "a-b");
	CHECK_STR("no path parts", slug("../etc"), "etc");
	CHECK_STR("nothing left", slug("!!!"), "");
	CHECK_STR("empty", slug(""), "");
	CHECK_STR("ampersand and digits", slug("Sote & LAPE 2018"),
	    "sote-lape-2018");
	CHECK_STR("other latin letters", slug("Straße Æble Øre Łódź Crème"),
	    "strasse-aeble-ore-lodz-creme");
	CHECK_STR("decomposed ä is a", slug("Ma\xcc\x88" "a\xcc\x88" "ra\xcc\x88"),
	    "maara");
	CHECK_STR("en dash and quotes", slug("”Lapset” – perheet"),
	    "lapset-perheet");
	CHECK_STR("non-latin is a separator", slug("abc Ж def"), "abc-def");
	CHECK_STR("invalid utf-8 is a separator", slug("a\xff" "b"), "a-b");
	CHECK_STR("length is honoured", slug_make(A, "abc-def", 3), "abc");
	CHECK_STR("slashes", slug("/lape/blogi/"), "lape-blogi");

	const char *words[] = {"öljy", "Zeta", "äiti", "alku", "åsa", "Ähky"};
	const char *want[] = {"alku", "Zeta", "åsa", "Ähky", "äiti", "öljy"};
	qsort(words, 6, sizeof words[0], cmp);
	int ok = 1;
	for (int i = 0; i < 6; i++)
		ok &= strcmp(words[i], want[i]) == 0;
	CHECK("collation alku Zeta åsa Ähky äiti öljy", ok);
	if (!ok)
		for (int i = 0; i < 6; i++)
			printf("  got %s\n", words[i]);

	CHECK("z before å", sign(slug_collate_fi("zzz", "å")) < 0);
	CHECK("å before ä", sign(slug_collate_fi("å", "ä")) < 0);
	CHECK("ä before ö", sign(slug_collate_fi("ä", "ö")) < 0);
	CHECK("case-insensitive first", slug_collate_fi("Ähky", "äiti") < 0);
	CHECK("tie broken by bytes", slug_collate_fi("Alku", "alku") < 0);
	CHECK("tie is antisymmetric", slug_collate_fi("alku", "Alku") > 0);
	CHECK("equal strings", slug_collate_fi("alku", "alku") == 0);
	CHECK("v and w apart", slug_collate_fi("wa", "vb") > 0);
	CHECK("é with e", slug_collate_fi("café", "cafe") != 0 &&
	    slug_collate_fi("cafés", "cafet") < 0);
	CHECK("ü as y", slug_collate_fi("müller", "myllz") < 0 &&
	    slug_collate_fi("müller", "mylla") > 0);
	CHECK("prefix first", slug_collate_fi("alku", "alkuun") < 0);
	CHECK("digits before letters", slug_collate_fi("2018", "a") < 0);
	CHECK("space before letters", slug_collate_fi("a b", "aa") < 0);
	CHECK("decomposed ä sorts as ä",
	    slug_collate_fi("a\xcc\x88" "iti", "zeta") > 0 &&
	    slug_collate_fi("a\xcc\x88" "iti", "öljy") < 0);
	CHECK("empty first", slug_collate_fi("", "a") < 0);

	/* Tags: C, C++ and C# apart (issue 16). */
	CHECK_STR("tag c", slug_make_tag(A, "C", 1), "c");
	CHECK_STR("tag c++", slug_make_tag(A, "C++", 3), "c-plus-plus");
	CHECK_STR("tag c#", slug_make_tag(A, "C#", 2), "c-sharp");
	CHECK_STR("tag f# and ä", slug_make_tag(A, "Ä#", 3), "a-sharp");
	CHECK_STR("tag hashtag", slug_make_tag(A, "#lape", 5), "lape");
	CHECK_STR("tag plus alone", slug_make_tag(A, "+1 ja 2", 7), "1-ja-2");
	CHECK_STR("tag plain", slug_make_tag(A, "Hyvä työ", 10), "hyva-tyo");

	CHECK("in place: one code point at a time gives the same slug, "
	    "never longer than its text", random_slugs(20000));

	arena_free(A);
	CHECK_DONE();
}
