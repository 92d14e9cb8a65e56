/* morph: base forms and compound parts from Voikko, stems from Snowball,
 * and the lowercasing the search page's JavaScript agrees with. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/morph.h"

/* "bases|parts" for word. */
static const char *an(morph *m, const char *word, buf *out)
{
	buf bases = {0}, parts = {0};
	morph_analyse(m, word, strlen(word), &bases, &parts);
	buf_reset(out);
	buf_put(out, bases.data ? bases.data : "", bases.len);
	buf_putc(out, '|');
	buf_put(out, parts.data ? parts.data : "", parts.len);
	buf_putc(out, 0);
	buf_free(&bases);
	buf_free(&parts);
	return out->data;
}

static int has(const char *list, const char *form)
{
	size_t n = strlen(form);
	for (const char *p = list; (p = strstr(p, form)); p++)
		if ((p == list || p[-1] == ' ' || p[-1] == '|') &&
		    (p[n] == ' ' || p[n] == '|' || !p[n]))
			return 1;
	return 0;
}

int main(void)
{
	buf b = {0};
	morph *fi = morph_new("fi");
	CHECK("fi: Voikko is used", !strncmp(morph_name(fi), "voikko ", 7));
	CHECK("fi: not degraded", !morph_degraded(fi));
	CHECK_STR("fi: perhekeskuksissa → perhekeskus, parts",
	    an(fi, "perhekeskuksissa", &b), "perhekeskus |perhe keskus ");
	const char *r = an(fi, "perhekeskustoimintamallin", &b);
	CHECK("fi: a long compound's base form",
	    has(r, "perhekeskustoimintamalli"));
	CHECK("fi: its leading run of parts", has(r, "perhekeskus"));
	CHECK("fi: a part with a derivation", has(r, "toiminta"));
	CHECK("fi: the last part in its base form", has(r, "malli") &&
	    has(r, "toimintamalli") && !has(r, "mallin"));
	CHECK_STR("fi: lapsiperheiden", an(fi, "lapsiperheiden", &b),
	    "lapsiperhe |lapsi perhe ");
	CHECK_STR("fi: lapsiperheet", an(fi, "lapsiperheet", &b),
	    "lapsiperhe |lapsi perhe ");
	CHECK_STR("fi: stem changes (miehen)", an(fi, "miehen", &b),
	    "mies |");
	r = an(fi, "tein", &b);
	CHECK("fi: every reading of an ambiguous word", has(r, "tehdä") &&
	    has(r, "tie"));
	CHECK_STR("fi: proper names are lowercased", an(fi, "raisiossa", &b),
	    "raisio |");
	CHECK_STR("fi: an unknown word is its own base form",
	    an(fi, "xqzzy", &b), "xqzzy |");
	morph_free(fi);

	morph *sv = morph_new("sv");
	CHECK("sv: Snowball Swedish", !strcmp(morph_name(sv),
	    "snowball swedish"));
	CHECK_STR("sv: familjerna → familj", an(sv, "familjerna", &b),
	    "familj |");
	morph_free(sv);

	morph *en = morph_new("en-GB");
	CHECK_STR("en: families → famili", an(en, "families", &b),
	    "famili |");
	morph_free(en);

	morph *xx = morph_new("xx");
	CHECK_STR("no analyser: words stay", an(xx, "sana", &b), "sana |");
	CHECK_STR("no analyser: named none", morph_name(xx), "none");
	morph_free(xx);

	/* The caches' stamp: the name, then the files the forms come from;
	 * the same twice, and without an analyser made. */
	morph *st = morph_new("fi");
	const char *stamp = morph_stamp(st);
	CHECK("stamp: begins with the name", !strncmp(stamp, morph_name(st),
	    strlen(morph_name(st))));
	CHECK("stamp: names Snowball's library", strstr(stamp, "stemmer") !=
	    NULL);
	if (strncmp(morph_name(st), "voikko ", 7) == 0)
		CHECK("stamp: names Voikko's dictionary",
		    strstr(stamp, "mor-standard/mor.vfst") != NULL);
	buf files = {0};
	morph_files(&files, "fi");
	buf_putc(&files, 0);
	CHECK_STR("stamp: morph_files is its tail", stamp +
	    strlen(morph_name(st)), files.data);
	morph_free(st);

	/* The stamp's test: the files as recorded still stand, without a
	 * library loaded; a changed time, another language or a damaged
	 * record do not. */
	CHECK("files stand: as recorded", morph_files_stand(files.data, "fi"));
	CHECK("files stand: the libraries are named", strstr(files.data,
	    " libraries ") && strstr(files.data, "libstemmer"));
	char *t = strdup(files.data);
	char *lib = strstr(t, "libstemmer");
	/* The size's first digit, after the path. */
	char *digit = lib ? strchr(lib, ' ') : NULL;
	if (digit)
		digit[1] = digit[1] == '9' ? '8' : '9';
	CHECK("files stand: not with another size", digit &&
	    !morph_files_stand(t, "fi"));
	free(t);
	CHECK("files stand: not for another language",
	    !morph_files_stand(files.data, "sv"));
	CHECK("files stand: not when cut", !morph_files_stand(" libraries /x",
	    "sv") && !morph_files_stand("", "fi"));
	buf swedish = {0};
	morph_files(&swedish, "sv");
	buf_putc(&swedish, 0);
	CHECK("files stand: Swedish as recorded",
	    morph_files_stand(swedish.data, "sv"));
	CHECK("files stand: Swedish names no dictionary",
	    !strstr(swedish.data, "voikko/5"));
	buf_free(&swedish);
	buf_free(&files);

	buf_reset(&b);
	morph_lower(&b, "ÄÖÅ Perhe ŠŽ É", strlen("ÄÖÅ Perhe ŠŽ É"));
	buf_putc(&b, 0);
	CHECK_STR("lower: Latin-1 and Latin Extended-A", b.data,
	    "äöå perhe šž é");
	buf_free(&b);
	CHECK_DONE();
}
