/* fmkeys: which keys are known (in any case), "did you mean" from the
 * table of words and from near spellings, and the warnings for unknown
 * keys, an image without image_alt and a value cut by a comment. */
#include <stdlib.h>

#include "check.h"
#include "model/fmkeys.h"
#include "parse/frontmatter.h"

static char *out;
static size_t outlen;

/* The warnings fmkeys gives for a whole Markdown file. */
static const char *warn(const char *text)
{
	static char copy[4096];
	arena *a = arena_new();
	FILE *f = open_memstream(&out, &outlen);
	diag *d = diag_new(f);
	fm_doc doc;
	if (fm_parse(a, "x.md", text, strlen(text), &doc, d) == 0)
		fmkeys_check("x.md", doc.meta, text, strlen(text), d);
	diag_free(d);
	fclose(f);
	snprintf(copy, sizeof copy, "%s", out);
	free(out);
	arena_free(a);
	return copy;
}

static const char *s(const char *key)
{
	const char *r = fmkeys_suggest(key);
	return r ? r : "(none)";
}

int main(void)
{
	CHECK("title is known", fmkeys_known("title"));
	CHECK("Title is known (any case)", fmkeys_known("Title"));
	CHECK("Hugo's lastmod is known", fmkeys_known("lastMod"));
	CHECK("Jekyll's layout is known", fmkeys_known("layout"));
	CHECK("image_alt is known", fmkeys_known("image_alt"));
	CHECK("loaction is not", !fmkeys_known("loaction"));
	CHECK("paikka is not", !fmkeys_known("paikka"));

	CHECK_STR("loaction → location", s("loaction"), "location");
	CHECK_STR("tilte → title", s("tilte"), "title");
	CHECK_STR("sumary → summary", s("sumary"), "summary");
	CHECK_STR("paikka → location", s("paikka"), "location");
	CHECK_STR("Otsikko → title", s("Otsikko"), "title");
	CHECK_STR("päivämäärä → date", s("päivämäärä"), "date");
	CHECK_STR("pvm → date", s("pvm"), "date");
	CHECK_STR("tunnisteet → tags", s("tunnisteet"), "tags");
	CHECK_STR("avainsanat → tags", s("avainsanat"), "tags");
	CHECK_STR("kuvaus → summary", s("kuvaus"), "summary");
	CHECK_STR("tiivistelmä → summary", s("tiivistelmä"), "summary");
	CHECK_STR("plats → location", s("plats"), "location");
	CHECK_STR("nothing near foo", s("foo"), "(none)");
	CHECK_STR("nothing near colour", s("colour"), "(none)");

	CHECK_STR("unknown key, with a suggestion",
	    warn("---\ntitle: X\nloaction: Turku\n---\n"),
	    "x.md:3:1: warning: saitti does not use the key 'loaction', so it "
	    "is left out: did you mean location:?\n");
	CHECK_STR("unknown key in an events: item, at its column",
	    warn("---\ntitle: X\nevents:\n  - title: Y\n    paikka: Z\n---\n"),
	    "x.md:5:5: warning: saitti does not use the key 'paikka', so it "
	    "is left out: did you mean location:?\n");
	CHECK_STR("unknown key, nothing near",
	    warn("---\ntitle: X\nfoo: 1\n---\n"),
	    "x.md:3:1: warning: saitti does not use the key 'foo', so it is "
	    "left out: check the spelling (the writer's guide lists the "
	    "keys)\n");
	CHECK_STR("known keys in any case: no warning",
	    warn("---\nTitle: X\nDate: 2017-01-01\nlayout: post\n---\n"), "");
	CHECK_STR("image without image_alt",
	    warn("---\ntitle: X\nimage: kuva.png\n---\n"),
	    "x.md:3:8: warning: the image has no text for readers who cannot "
	    "see it: add a line image_alt: \"what the picture shows\"\n");
	CHECK_STR("image with image_alt: no warning",
	    warn("---\ntitle: X\nimage: kuva.png\nimage_alt: Kartta\n---\n"),
	    "");
	CHECK_STR("title cut by a comment",
	    warn("---\ntitle: Kevään tapahtumat #LAPE\n---\n"),
	    "x.md:2:8: warning: the text after ' #' is read as a comment and "
	    "left out, so title is only 'Kevään tapahtumat': to keep it, put "
	    "the whole value in quotes, like title: \"Kevään tapahtumat "
	    "#LAPE\"\n");
	CHECK_STR("a quoted value and its comment: no warning",
	    warn("---\ntitle: \"Kevät #LAPE\" # tunniste\n---\n"), "");
	CHECK_STR("a hash inside a word is no comment",
	    warn("---\ntitle: C#-kurssi\n---\n"), "");
	CHECK_DONE();
}
