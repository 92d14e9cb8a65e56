/* slug: URL names and Finnish collation. */
#include <stdlib.h>

#include "check.h"
#include "parse/slug.h"

static arena *A;

static const char *slug(const char *s)
{
	return slug_make(A, s, strlen(s));
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

	arena_free(A);
	CHECK_DONE();
}
