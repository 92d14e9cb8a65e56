#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "core/diag.h"
#include "core/value.h"
#include "parse/frontmatter.h"

/* Parses text as "post.md"; the messages land in *msgs (malloc'ed). */
static int parse(arena *a, const char *text, fm_doc *doc, char **msgs)
{
	size_t n = 0;
	FILE *f = open_memstream(msgs, &n);
	diag *d = diag_new(f);
	int rc = fm_parse(a, "post.md", text, strlen(text), doc, d);
	diag_free(d);
	fclose(f);
	return rc;
}

static const char *str(const value *map, const char *key)
{
	return val_as_str(val_map_get(map, key));
}

int main(void)
{
	arena *a = arena_new();
	fm_doc doc;
	char *msgs = NULL;
	int rc;

	rc = parse(a, "# Otsikko\n\nTeksti.\n", &doc, &msgs);
	CHECK("none: ok", rc == 0);
	CHECK("none: empty map", doc.meta && doc.meta->kind == VAL_MAP &&
	    doc.meta->u.map.len == 0);
	CHECK_STR("none: body is the text", doc.body, "# Otsikko\n\nTeksti.\n");
	CHECK("none: body_len", doc.body_len == strlen("# Otsikko\n\nTeksti.\n"));
	CHECK("none: body_line", doc.body_line == 1);
	CHECK_STR("none: no messages", msgs, "");
	free(msgs);

	rc = parse(a, "---\ntitle: Hei maailma\ntags: [a, b]\n---\nRunko\n",
	    &doc, &msgs);
	CHECK("normal: ok", rc == 0);
	CHECK_STR("normal: title", str(doc.meta, "title"), "Hei maailma");
	CHECK("normal: tags", val_map_get(doc.meta, "tags") &&
	    val_map_get(doc.meta, "tags")->kind == VAL_LIST &&
	    val_map_get(doc.meta, "tags")->u.list.len == 2);
	CHECK("normal: title on line 2",
	    val_map_get(doc.meta, "title")->line == 2);
	CHECK_STR("normal: body", doc.body, "Runko\n");
	CHECK("normal: body_len", doc.body_len == 6);
	CHECK("normal: body_line", doc.body_line == 5);
	free(msgs);

	rc = parse(a, "---\r\ntitle: CRLF\r\ndate: 2017-03-01\r\n---\r\n"
	    "Runko\r\n", &doc, &msgs);
	CHECK("crlf: ok", rc == 0);
	CHECK_STR("crlf: title", str(doc.meta, "title"), "CRLF");
	CHECK_STR("crlf: date", str(doc.meta, "date"), "2017-03-01");
	CHECK_STR("crlf: body", doc.body, "Runko\r\n");
	CHECK("crlf: body_line", doc.body_line == 5);
	free(msgs);

	rc = parse(a, "\xEF\xBB\xBF---\ntitle: BOM\n---\nRunko\n", &doc, &msgs);
	CHECK("bom: ok", rc == 0);
	CHECK_STR("bom: title", str(doc.meta, "title"), "BOM");
	CHECK_STR("bom: body", doc.body, "Runko\n");
	free(msgs);

	rc = parse(a, "\xEF\xBB\xBF# Ei etukappaletta\n", &doc, &msgs);
	CHECK("bom without front matter: ok", rc == 0);
	CHECK_STR("bom without front matter: body skips the mark", doc.body,
	    "# Ei etukappaletta\n");
	free(msgs);

	rc = parse(a, "---\n---\nRunko\n", &doc, &msgs);
	CHECK("empty: ok", rc == 0);
	CHECK("empty: empty map", doc.meta->kind == VAL_MAP &&
	    doc.meta->u.map.len == 0);
	CHECK_STR("empty: body", doc.body, "Runko\n");
	CHECK("empty: body_line", doc.body_line == 3);
	free(msgs);

	rc = parse(a, "---\n# vain kommentti\n...\n", &doc, &msgs);
	CHECK("comment only, closed with '...': ok", rc == 0);
	CHECK("comment only: empty map", doc.meta->kind == VAL_MAP &&
	    doc.meta->u.map.len == 0);
	CHECK("comment only: empty body", doc.body_len == 0);
	free(msgs);

	rc = parse(a, "---\ntitle: x\n---", &doc, &msgs);
	CHECK("closed at the end without a newline: ok", rc == 0);
	CHECK("closed at the end: empty body", doc.body_len == 0);
	CHECK("closed at the end: body_line", doc.body_line == 4);
	free(msgs);

	rc = parse(a, "---\ntitle: x\n\nTeksti ilman loppua.\n", &doc, &msgs);
	CHECK("unclosed: fails", rc == -1);
	CHECK_STR("unclosed: message", msgs, "post.md:1:1: error: front matter "
	    "starts with '---' on line 1 but is never closed: add a line '---' "
	    "after it\n");
	free(msgs);

	rc = parse(a, "---\n", &doc, &msgs);
	CHECK("only '---': fails", rc == -1);
	free(msgs);

	rc = parse(a, "----\nEi etukappale.\n", &doc, &msgs);
	CHECK("'----' is not front matter", rc == 0 && doc.body_line == 1 &&
	    doc.meta->u.map.len == 0);
	free(msgs);

	rc = parse(a, "---\ntitle: ok\ntags: [a, b\nauthor: x\n---\nRunko\n",
	    &doc, &msgs);
	CHECK("yaml error: fails", rc == -1);
	CHECK("yaml error: position in the file (the unclosed '[')",
	    strncmp(msgs, "post.md:3:7:", 12) == 0);
	CHECK("yaml error: one message", msgs[0] &&
	    strchr(msgs, '\n') == msgs + strlen(msgs) - 1);
	free(msgs);

	rc = parse(a, "---\ntitle: ok\n\ttags: x\n---\n", &doc, &msgs);
	CHECK("tab: fails", rc == -1);
	CHECK("tab: on line 3", strncmp(msgs, "post.md:3:", 10) == 0);
	free(msgs);

	rc = parse(a, "---\n- yksi\n- kaksi\n---\nRunko\n", &doc, &msgs);
	CHECK("list: fails", rc == -1);
	CHECK_STR("list: message", msgs, "post.md:2:1: error: front matter "
	    "must be a list of 'key: value' lines\n");
	free(msgs);

	rc = parse(a, "---\npelkkä teksti\n---\n", &doc, &msgs);
	CHECK("scalar: fails", rc == -1);
	CHECK_STR("scalar: message", msgs, "post.md:2:1: error: front matter "
	    "must be a list of 'key: value' lines\n");
	free(msgs);

	rc = parse(a, "---\r\na: 1\r\nb: 2\r\n---\r\n\r\nRunko\r\n", &doc, &msgs);
	CHECK("body_line after a blank line", rc == 0 && doc.body_line == 5);
	CHECK("number value", val_map_get(doc.meta, "b")->kind == VAL_NUM &&
	    val_map_get(doc.meta, "b")->u.num == 2);
	free(msgs);

	/* Hugo's TOML front matter, keys in any case (issue 16). */
	rc = parse(a, "+++\nTitle = \"Hyvää päivää\"\nDate = 2019-03-05T10:00:00"
	    "+02:00\ndescription = \"Lyhyesti\"\ncategories = [\"C\"]\n"
	    "tags = [\"a\"]\n+++\nRunko\n", &doc, &msgs);
	CHECK("toml: ok", rc == 0);
	CHECK_STR("toml: Title read as title", str(doc.meta, "title"),
	    "Hyvää päivää");
	CHECK_STR("toml: date", str(doc.meta, "date"),
	    "2019-03-05T10:00:00+02:00");
	CHECK_STR("toml: description is the summary", str(doc.meta, "summary"),
	    "Lyhyesti");
	CHECK("toml: categories merged into tags",
	    val_map_get(doc.meta, "tags")->u.list.len == 2 &&
	    !strcmp(val_as_str(val_map_get(doc.meta, "tags")->u.list.items[1]),
	    "C"));
	CHECK_STR("toml: body", doc.body, "Runko\n");
	CHECK("toml: body_line", doc.body_line == 8);
	free(msgs);

	rc = parse(a, "+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n", &doc, &msgs);
	CHECK("toml: error", rc == -1);
	CHECK_STR("toml: error in file lines", msgs, "post.md:3:1: error: key "
	    "'title' is already defined: write each key once in a table\n");
	free(msgs);

	rc = parse(a, "+++\ntitle = \"x\"\n", &doc, &msgs);
	CHECK_STR("toml: never closed", msgs, "post.md:1:1: error: front "
	    "matter starts with '+++' on line 1 but is never closed: add a "
	    "line '+++' after it\n");
	free(msgs);

	/* Hugo's JSON front matter. */
	rc = parse(a, "{\n  \"title\": \"Hei\",\n  \"lastmod\": \"2019-03-06\",\n"
	    "  \"weight\": 3\n}\nRunko\n", &doc, &msgs);
	CHECK("json: ok", rc == 0);
	CHECK_STR("json: title", str(doc.meta, "title"), "Hei");
	CHECK_STR("json: lastmod is updated", str(doc.meta, "updated"),
	    "2019-03-06");
	CHECK("json: integer", val_map_get(doc.meta, "weight")->sub == VSUB_INT);
	CHECK_STR("json: body", doc.body, "Runko\n");
	CHECK("json: body_line", doc.body_line == 6);
	free(msgs);

	rc = parse(a, "{\n  \"title\": \"Hei\",\n  \"title\": \"Moi\"\n}\n",
	    &doc, &msgs);
	CHECK("json: duplicate refused", rc == -1 && strstr(msgs,
	    "post.md:3:") && strstr(msgs, "is not valid JSON"));
	free(msgs);

	rc = parse(a, "{ \"title\": \"Hei\"\nRunko\n", &doc, &msgs);
	CHECK("json: unclosed refused", rc == -1 && strstr(msgs,
	    "is not valid JSON"));
	free(msgs);

	rc = parse(a, "{ \"Title\": \"A\", \"title\": \"B\" }\n", &doc, &msgs);
	CHECK("json: a case clash fails the file", rc == -1 &&
	    strstr(msgs, "are the same key"));
	free(msgs);

	rc = parse(a, "{{< youtube x >}}\n", &doc, &msgs);
	CHECK("a shortcode first is body, not JSON", rc == 0 &&
	    doc.meta->u.map.len == 0 && !strcmp(doc.body,
	    "{{< youtube x >}}\n"));
	free(msgs);
	rc = parse(a, "{% raw %}x{% endraw %}\n", &doc, &msgs);
	CHECK("Liquid first is body, not JSON", rc == 0 &&
	    doc.meta->u.map.len == 0);
	free(msgs);

	/* YAML keys fold too; a clash is an error; Jekyll's tag string. */
	rc = parse(a, "---\nTitle: A\ntitle: B\n---\n", &doc, &msgs);
	CHECK_STR("case clash", msgs, "post.md:2:8: error: 'Title' and "
	    "'title' are the same key (case does not matter): keep one of "
	    "them\n");
	free(msgs);
	rc = parse(a, "---\ntitle: A\ntags: ruby jekyll\ncategory: blogi\n"
	    "excerpt: Alku\npermalink: /2016/10/10/vanha.html\nauthors: [Aino, "
	    "Eino]\n---\n", &doc, &msgs);
	CHECK("jekyll: ok", rc == 0);
	CHECK("jekyll: tag string split, category added",
	    val_map_get(doc.meta, "tags")->u.list.len == 3);
	CHECK_STR("jekyll: excerpt is the summary", str(doc.meta, "summary"),
	    "Alku");
	CHECK_STR("jekyll: permalink kept as an alias",
	    val_as_str(val_map_get(doc.meta, "aliases")->u.list.items[0]),
	    "/2016/10/10/vanha.html");
	CHECK_STR("authors joined", str(doc.meta, "author"), "Aino, Eino");
	free(msgs);

	arena_free(a);
	CHECK_DONE();
}
