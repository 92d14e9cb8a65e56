/* visible: which edits a reader can see (the "updated" rule of issue 14). */
#include <string.h>

#include "check.h"
#include "parse/visible.h"

static int same(const char *a, const char *b)
{
	return visible_same("blogi/x.md", a, strlen(a), b, strlen(b));
}

#define POST(fm, body) "---\n" fm "---\n" body

int main(void)
{
	const char *base = POST("title: Otsikko\ntags: [a, b]\n",
	    "Ensimmäinen kappale, jossa on *korostus*.\n\n## Väliotsikko\n\n"
	    "- yksi\n- kaksi\n\n```\nkoodi  sisennetty\n```\n");
	CHECK("same bytes", same(base, base));
	CHECK("trailing spaces and re-wrapped lines", same(base, POST(
	    "title: Otsikko\ntags: [a, b]\n",
	    "Ensimmäinen kappale, \njossa on *korostus*.  \n\n\n"
	    "## Väliotsikko\n\n- yksi\n- kaksi\n\n```\nkoodi  sisennetty\n```\n\n")));
	CHECK("Markdown reformatting: _x_, * lists, setext heading",
	    same(base, POST("title: Otsikko\ntags: [a, b]\n",
	    "Ensimmäinen kappale, jossa on _korostus_.\n\nVäliotsikko\n"
	    "-----------\n\n* yksi\n* kaksi\n\n```\nkoodi  sisennetty\n```\n")));
	CHECK("YAML quoting, key order, block list, comments",
	    same(base, POST("# kommentti\ntags:\n  - a\n  - \"b\"\n"
	    "title: \"Otsikko\"\n", "Ensimmäinen kappale, jossa on "
	    "*korostus*.\n\n## Väliotsikko\n\n- yksi\n- kaksi\n\n"
	    "```\nkoodi  sisennetty\n```\n")));
	CHECK("keys that describe: draft, slug, aliases, weight",
	    same(base, POST("title: Otsikko\ntags: [a, b]\ndraft: false\n"
	    "slug: toinen\naliases: [vanha/]\nweight: 3\n",
	    "Ensimmäinen kappale, jossa on *korostus*.\n\n## Väliotsikko\n\n"
	    "- yksi\n- kaksi\n\n```\nkoodi  sisennetty\n```\n")));
	CHECK("a changed word is a change", !same(base, POST(
	    "title: Otsikko\ntags: [a, b]\n", "Ensimmäinen kappale, jossa "
	    "on *painotus*.\n\n## Väliotsikko\n\n- yksi\n- kaksi\n\n"
	    "```\nkoodi  sisennetty\n```\n")));
	CHECK("a paragraph break is a change", !same(base, POST(
	    "title: Otsikko\ntags: [a, b]\n", "Ensimmäinen kappale,\n\njossa "
	    "on *korostus*.\n\n## Väliotsikko\n\n- yksi\n- kaksi\n\n"
	    "```\nkoodi  sisennetty\n```\n")));
	CHECK("spacing inside a code block is a change", !same(base, POST(
	    "title: Otsikko\ntags: [a, b]\n", "Ensimmäinen kappale, jossa on "
	    "*korostus*.\n\n## Väliotsikko\n\n- yksi\n- kaksi\n\n"
	    "```\nkoodi sisennetty\n```\n")));
	CHECK("a new title is a change", !same(base, POST(
	    "title: Uusi otsikko\ntags: [a, b]\n", "Ensimmäinen kappale, jossa "
	    "on *korostus*.\n\n## Väliotsikko\n\n- yksi\n- kaksi\n\n"
	    "```\nkoodi  sisennetty\n```\n")));
	CHECK("a new tag, an author, a date are no revision", same(base,
	    POST("title: Otsikko\ntags: [A, b, c]\nauthor: Toimitus\n"
	    "date: 2017-10-02\n", "Ensimmäinen kappale, jossa "
	    "on *korostus*.\n\n## Väliotsikko\n\n- yksi\n- kaksi\n\n"
	    "```\nkoodi  sisennetty\n```\n")));
	CHECK("an event's new time is a change", !same(
	    POST("title: T\nevents: [{title: E, start: 2017-10-02 12:00}]\n", "x\n"),
	    POST("title: T\nevents: [{title: E, start: 2017-10-02 13:00}]\n", "x\n")));
	CHECK("an event's tags are no revision", same(
	    POST("title: T\nevents: [{title: E, start: 2017-10-02, tags: [a]}]\n", "x\n"),
	    POST("title: T\nevents: [{title: E, start: 2017-10-02, tags: [A]}]\n", "x\n")));
	CHECK("a new image text is a change", !same(
	    POST("title: T\nimage: a.png\nimage_alt: Kaavio\n", "x\n"),
	    POST("title: T\nimage: a.png\nimage_alt: Kaavio hankkeista\n", "x\n")));
	CHECK("a longer title with a new tag is a change", !same(base, POST(
	    "title: Otsikko 2\ntags: [a, b, c]\n", "Ensimmäinen kappale, jossa "
	    "on *korostus*.\n\n## Väliotsikko\n\n- yksi\n- kaksi\n\n"
	    "```\nkoodi  sisennetty\n```\n")));
	CHECK("a new summary key is a change", !same(base, POST(
	    "title: Otsikko\ntags: [a, b]\nsummary: Tiivistelmä\n",
	    "Ensimmäinen kappale, jossa on *korostus*.\n\n## Väliotsikko\n\n"
	    "- yksi\n- kaksi\n\n```\nkoodi  sisennetty\n```\n")));
	CHECK("broken YAML is a change", !same(base, POST(
	    "title: Otsikko: virhe\ntags: [a, b]\n", "Ensimmäinen kappale, "
	    "jossa on *korostus*.\n\n## Väliotsikko\n\n- yksi\n- kaksi\n\n"
	    "```\nkoodi  sisennetty\n```\n")));
	CHECK("other files: any byte is a change",
	    !visible_same("blogi/kuva.svg", "<svg/>", 6, "<svg />", 7));
	CHECK("other files: same bytes are the same",
	    visible_same("blogi/kuva.svg", "<svg/>", 6, "<svg/>", 6));
	CHECK_DONE();
}
