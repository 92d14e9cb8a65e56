/* yaml: scalars, structure, positions, anchors, and the exact error
 * messages a writer sees. */
#include <stdlib.h>

#include "check.h"
#include "core/buf.h"
#include "parse/yaml.h"

static arena *A;
static char errs[2048];

/* Parses text (as "site.yaml", lines shifted by line_offset); the
 * messages written to the diag land in errs. */
static value *parse_at(const char *text, int line_offset)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	diag *d = diag_new(f);
	value *v = yaml_parse(A, "site.yaml", text, strlen(text), line_offset,
	    d);
	diag_free(d);
	fclose(f);
	snprintf(errs, sizeof errs, "%s", mem ? mem : "");
	free(mem);
	return v;
}

static value *parse(const char *text)
{
	return parse_at(text, 0);
}

static value *get(const value *map, const char *key)
{
	return val_map_get(map, key);
}

static int is_num(const value *v, double n)
{
	return v && v->kind == VAL_NUM && v->u.num == n;
}

static int is_str(const value *v, const char *s)
{
	return v && v->kind == VAL_STR && strcmp(v->u.str.s, s) == 0;
}

static int at(const value *v, int line, int col)
{
	return v && v->line == line && v->col == col;
}

int main(void)
{
	A = arena_new();
	value *v, *x;

	/* Scalars. */
	v = parse("n: ~\nm: null\ne:\nt: true\nf: False\nint: 42\n"
	    "neg: -3.5\nexp: 1e3\nzip: \"0123\"\nzip2: 0123\nq: \"true\"\n"
	    "sq: 'null'\nyes: yes\nnum_str: \"42\"\nzero: 0\nhalf: .5\n"
	    "plus: +5\nhex: 0x1F\nversion: 1.2.3\ntime: 12:00\n"
	    "blk: |\n  line1\n  line2\nfold: >\n  a\n  b\n");
	CHECK("scalars parse", v && v->kind == VAL_MAP && errs[0] == '\0');
	CHECK("~ is null", get(v, "n") && get(v, "n")->kind == VAL_NULL);
	CHECK("null is null", get(v, "m") && get(v, "m")->kind == VAL_NULL);
	CHECK("empty is null", get(v, "e") && get(v, "e")->kind == VAL_NULL);
	CHECK("true", get(v, "t") && get(v, "t")->kind == VAL_BOOL &&
	    get(v, "t")->u.b == 1);
	CHECK("False", get(v, "f") && get(v, "f")->kind == VAL_BOOL &&
	    get(v, "f")->u.b == 0);
	CHECK("integer", is_num(get(v, "int"), 42));
	CHECK("negative float", is_num(get(v, "neg"), -3.5));
	CHECK("exponent", is_num(get(v, "exp"), 1000));
	CHECK("zero", is_num(get(v, "zero"), 0));
	CHECK(".5", is_num(get(v, "half"), 0.5));
	CHECK("+5", is_num(get(v, "plus"), 5));
	CHECK("quoted 0123 is a string", is_str(get(v, "zip"), "0123"));
	CHECK("plain 0123 stays a string", is_str(get(v, "zip2"), "0123"));
	CHECK("quoted true is a string", is_str(get(v, "q"), "true"));
	CHECK("quoted null is a string", is_str(get(v, "sq"), "null"));
	CHECK("quoted 42 is a string", is_str(get(v, "num_str"), "42"));
	CHECK("yes is a string (YAML 1.2)", is_str(get(v, "yes"), "yes"));
	CHECK("hex is a string", is_str(get(v, "hex"), "0x1F"));
	CHECK("1.2.3 is a string", is_str(get(v, "version"), "1.2.3"));
	CHECK("12:00 is a string", is_str(get(v, "time"), "12:00"));
	CHECK("literal block", is_str(get(v, "blk"), "line1\nline2\n"));
	CHECK("folded block", is_str(get(v, "fold"), "a b\n"));
	CHECK("keys keep their order", v && v->u.map.len == 22 &&
	    strcmp(v->u.map.items[0].key, "n") == 0 &&
	    strcmp(v->u.map.items[21].key, "fold") == 0);

	v = parse("");
	CHECK("empty document is null", v && v->kind == VAL_NULL &&
	    at(v, 1, 1) && errs[0] == '\0');
	v = parse("# only a comment\n");
	CHECK("comment only is null", v && v->kind == VAL_NULL);
	v = parse("just text");
	CHECK("a scalar document", is_str(v, "just text"));
	v = parse("%YAML 1.1\n---\na: 1\n");
	CHECK("directive and start marker", is_num(get(v, "a"), 1));

	/* Nested maps and lists. */
	v = parse("title: LAPE\nnav:\n  - name: Blogi\n    url: /blogi/\n"
	    "  - name: Tapahtumat\n    tags: [sote, lape]\nsite:\n"
	    "  author:\n    name: Tiina\n  flow: {a: 1, b: [x, y]}\n");
	x = get(v, "nav");
	CHECK("list of maps", x && x->kind == VAL_LIST && x->u.list.len == 2);
	CHECK("map in list", x && x->u.list.len == 2 &&
	    is_str(get(x->u.list.items[0], "url"), "/blogi/"));
	x = x && x->u.list.len == 2 ? get(x->u.list.items[1], "tags") : NULL;
	CHECK("flow list in map in list", x && x->kind == VAL_LIST &&
	    x->u.list.len == 2 && is_str(x->u.list.items[1], "lape"));
	CHECK("dotted path", is_str(val_path(v, "site.author.name"), "Tiina"));
	x = val_path(v, "site.flow.b");
	CHECK("flow map", is_num(val_path(v, "site.flow.a"), 1) && x &&
	    x->kind == VAL_LIST && is_str(x->u.list.items[0], "x"));
	v = parse("- 1\n- - a\n  - b\n- k: v\n");
	CHECK("top-level list", v && v->kind == VAL_LIST && v->u.list.len == 3
	    && v->u.list.items[1]->kind == VAL_LIST &&
	    is_str(get(v->u.list.items[2], "k"), "v"));

	/* Positions: 1-based line and column (in characters), plus the
	 * line offset. */
	v = parse("title: Hei\nlist:\n  - a\n  - bä: ö\nmap:\n  k: 1\n");
	CHECK("root position", at(v, 1, 1));
	CHECK("scalar position", at(get(v, "title"), 1, 8));
	x = get(v, "list");
	CHECK("block list position", at(x, 3, 3));
	CHECK("list item position", x && x->u.list.len == 2 &&
	    at(x->u.list.items[0], 3, 5));
	CHECK("column counts characters", x && x->u.list.len == 2 &&
	    at(get(x->u.list.items[1], "bä"), 4, 9));
	CHECK("nested map position", at(get(v, "map"), 6, 3) &&
	    at(val_path(v, "map.k"), 6, 6));
	v = parse_at("title: Hei\ndate: 7.11.2017\n", 1);
	CHECK("line offset", at(get(v, "title"), 2, 8) &&
	    at(get(v, "date"), 3, 7));
	v = parse_at("a: [1,\n  2\n", 1);
	CHECK_STR("line offset in errors: the '[' that is not closed", errs,
	    "site.yaml:2:4: error: the list that starts here with '[' is not "
	    "closed: separate its items with commas and end it with ']'\n");

	/* Anchors and aliases. */
	v = parse("base: &b\n  lang: fi\n  tz: Europe/Helsinki\n"
	    "name: &n Lape\nother: *b\nagain: *n\nlist: &l [1, 2]\n"
	    "copy: *l\n");
	CHECK("alias to a map", v && get(v, "other") == get(v, "base") &&
	    is_str(val_path(v, "other.lang"), "fi"));
	CHECK("alias to a scalar", is_str(get(v, "again"), "Lape"));
	CHECK("alias to a list", get(v, "copy") && get(v, "copy") ==
	    get(v, "list"));
	v = parse("a: &x 1\nb: &x 2\nc: *x\n");
	CHECK("a redefined anchor means the latest", is_num(get(v, "c"), 2));
	v = parse("a: *nope\n");
	CHECK_STR("unknown alias", errs,
	    "site.yaml:1:4: error: unknown alias: define the anchor "
	    "(&name) before using *name\n");
	CHECK("unknown alias gives NULL", v == NULL);

	/* Errors, exactly as written. */
	v = parse("a: 1\nb:\n\tc: 2\n");
	CHECK("tab indent fails", v == NULL);
	CHECK_STR("tab indent", errs, "site.yaml:3:1: error: tab character "
	    "in YAML: indent with spaces, not tabs\n");
	v = parse("a: 1\n\tb: 2\n");
	CHECK_STR("tab before a key", errs, "site.yaml:2:1: error: tab "
	    "character in YAML: indent with spaces, not tabs\n");
	v = parse("a: b: c\n");
	CHECK("malformed fails", v == NULL);
	CHECK_STR("malformed: colon in a value", errs, "site.yaml:1:5: error: "
	    "the value of 'a' has a colon (:) in it, and YAML reads what "
	    "comes before it as a key: put the whole value in quotes, like "
	    "a: \"b: c\"\n");
	/* The writer's usual mistakes get the line to write instead
	 * (yamlhint); positions count characters, not bytes. */
	v = parse("title: Ohjelma: syksy 2017\n");
	CHECK_STR("colon in a title", errs, "site.yaml:1:15: error: the title "
	    "has a colon (:) in it, and YAML reads what comes before it as a "
	    "key: put the whole title in quotes, like title: \"Ohjelma: "
	    "syksy 2017\"\n");
	v = parse("events:\n  - title: Avoin: ovet\n");
	CHECK_STR("colon in an event's title", errs, "site.yaml:2:17: error: "
	    "the title has a colon (:) in it, and YAML reads what comes "
	    "before it as a key: put the whole title in quotes, like "
	    "- title: \"Avoin: ovet\"\n");
	v = parse("title: \"Hänke \"LAPE\" alkaa\"\n");
	CHECK_STR("quotes inside double quotes", errs, "site.yaml:1:16: "
	    "error: the value of 'title' has quote marks inside the quotes "
	    "around it, so the quotes end too early: use the other kind of "
	    "quote marks around it, like title: 'Hänke \"LAPE\" alkaa'\n");
	v = parse("title: 'Hanke 'LAPE' alkaa'\n");
	CHECK_STR("quotes inside single quotes", errs, "site.yaml:1:16: "
	    "error: the value of 'title' has quote marks inside the quotes "
	    "around it, so the quotes end too early: use the other kind of "
	    "quote marks around it, like title: \"Hanke 'LAPE' alkaa\"\n");
	v = parse("title: [LAPE] Kevät\n");
	CHECK_STR("a value starting with [", errs, "site.yaml:1:15: error: "
	    "the value of 'title' starts with '[', which YAML reads as a "
	    "sign of its own: put the whole value in quotes, like title: "
	    "\"[LAPE] Kevät\"\n");
	v = parse("title: @lape\n");
	CHECK_STR("a value starting with @", errs, "site.yaml:1:8: error: "
	    "the value of 'title' starts with '@', which YAML reads as a "
	    "sign of its own: put the whole value in quotes, like title: "
	    "\"@lape\"\n");
	v = parse("title: Kevät\nTämä on teksti\ndate: 2017-10-01\n");
	CHECK_STR("a line without a key", errs, "site.yaml:2:1: error: this "
	    "line is not 'key: value': start it with a key and a colon (like "
	    "summary: ...); if it continues the line above, indent it with "
	    "spaces; if it is text of the post, end the front matter before "
	    "it with a line '---'\n");
	v = parse("title: Kevät\n  date: 2017-10-01\n");
	CHECK_STR("a key indented under another", errs, "site.yaml:2:7: "
	    "error: 'date:' is indented more than the line above it, so YAML "
	    "reads it as part of that value: start it at the same column as "
	    "the other keys\n");
	v = parse("title: Kevät ä\n\tdate: 2017-10-01\n");
	CHECK_STR("a tab after non-ASCII text", errs, "site.yaml:2:1: error: "
	    "tab character in YAML: indent with spaces, not tabs\n");
	v = parse("- a\nb: c\n");
	CHECK("no hint: libyaml's words", v == NULL &&
	    strstr(errs, "error: malformed YAML: ") != NULL);
	v = parse("title: \"Hei\n");
	CHECK_STR("malformed: open quote, at the quote", errs, "site.yaml:1:8: "
	    "error: the quote that starts here is never closed: end the text "
	    "with the same quote mark\n");
	v = parse("title: 'Hei\nx: 1\n");
	CHECK_STR("malformed: open single quote, at the quote", errs,
	    "site.yaml:1:8: error: the quote that starts here is never "
	    "closed: end the text with the same quote mark\n");
	v = parse("a: {b: 1, c\nd: 2\n");
	CHECK_STR("malformed: open '{', at the brace", errs, "site.yaml:1:4: "
	    "error: the map that starts here with '{' is not closed: separate "
	    "its items with commas and end it with '}'\n");
	v = parse("- a\nb: 1\n");
	CHECK_STR("malformed: list then map", errs, "site.yaml:2:1: error: "
	    "malformed YAML: did not find expected '-' indicator while "
	    "parsing a block collection (check indentation, colons and "
	    "quotes)\n");
	v = parse("title: A\nlang: fi\ntitle: B\n");
	CHECK("duplicate key fails", v == NULL);
	CHECK_STR("duplicate key", errs, "site.yaml:3:1: error: key 'title' "
	    "appears twice in the same map: keep one\n");
	v = parse("nav:\n  - name: a\n    name: b\n");
	CHECK_STR("duplicate key in a nested map", errs, "site.yaml:3:5: "
	    "error: key 'name' appears twice in the same map: keep one\n");
	v = parse("title: \xff\n");
	CHECK("invalid UTF-8 fails", v == NULL);
	CHECK_STR("invalid UTF-8: FF byte", errs, "site.yaml:1:8: error: "
	    "the text is not valid UTF-8 (save the file as UTF-8)\n");
	v = parse("a: 1\nb: \xc0\xaf\n");
	CHECK_STR("invalid UTF-8: overlong", errs, "site.yaml:2:4: error: "
	    "the text is not valid UTF-8 (save the file as UTF-8)\n");
	v = parse("a: \xed\xa0\x80\n");
	CHECK_STR("invalid UTF-8: surrogate", errs, "site.yaml:1:4: error: "
	    "the text is not valid UTF-8 (save the file as UTF-8)\n");
	v = parse("a: \x01\n");
	CHECK_STR("control character", errs, "site.yaml:1:4: error: control "
	    "character in the text: remove it\n");
	v = parse("a: 1\n---\nb: 2\n");
	CHECK_STR("two documents", errs, "site.yaml:2:1: error: only one YAML "
	    "document is allowed here (remove the extra '---')\n");
	v = parse("? [a, b]\n: 1\n");
	CHECK_STR("a list as a key", errs, "site.yaml:1:3: error: a map key "
	    "must be plain text\n");
	v = parse("a: [1, 2\nb: 3\n");
	CHECK("only the first error is reported", v == NULL &&
	    strchr(errs, '\n') == errs + strlen(errs) - 1);

	/* Bugs found in yaml.c. The first three were fixed while these
	 * tests were written; the last three fail until yaml.c (1) keeps the
	 * anchor of a scalar key (load_map bypasses load_node for it) and
	 * (2) places a reader error with utf8_valid + utf8_position: libyaml
	 * gives the offset of the offending trailing byte, and yaml.c counts
	 * the column in bytes where libyaml's marks count characters. */
	v = parse("a: 1e\nb: 1e+\n");
	CHECK("1e is a string, not the number 1", is_str(get(v, "a"), "1e") &&
	    is_str(get(v, "b"), "1e+"));
	v = parse("1234567: a\n1234568: b\n");
	CHECK("numeric keys keep their text", v && errs[0] == '\0' &&
	    is_str(get(v, "1234567"), "a") && is_str(get(v, "1234568"), "b"));
	v = parse("a: &x [1, *x]\n");
	CHECK("an alias inside its own anchor is an error (no cycles)",
	    v == NULL && strstr(errs, "site.yaml:1:") == errs);
	v = parse("&k name: 1\nother: *k\n");
	CHECK("an anchor on a key is remembered", v && errs[0] == '\0' &&
	    is_str(get(v, "other"), "name"));
	v = parse("title: p\xe4iv\xe4\n");
	CHECK_STR("invalid UTF-8 points at the bad character (Latin-1 ä)",
	    errs, "site.yaml:1:9: error: the text is not valid UTF-8 (save "
	    "the file as UTF-8)\n");
	v = parse("a: [\xc3\xa4\xc3\xa4, \xff]\n");
	CHECK_STR("invalid UTF-8 column counts characters", errs,
	    "site.yaml:1:9: error: the text is not valid UTF-8 (save the "
	    "file as UTF-8)\n");

	/* Limits (core/limits.h, issue 13). */
	{
		/* The 1 KB alias bomb: ten levels of nine aliases. */
		buf b = {0};
		buf_puts(&b, "a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
		for (int i = 1; i <= 10; i++) {
			buf_printf(&b, "a%d: &a%d [", i, i);
			for (int j = 0; j < 9; j++)
				buf_printf(&b, "%s*a%d", j ? ", " : "", i - 1);
			buf_puts(&b, "]\n");
		}
		v = parse(b.data);
		CHECK_STR("an alias bomb is refused at the alias past the limit",
		    errs, "site.yaml:5:10: error: aliases (*name) here repeat "
		    "more than 10000 values in all (the limit "
		    "LIMIT_YAML_ALIAS_NODES): write the values out or use "
		    "fewer aliases\n");
		CHECK("an alias bomb gives no value", v == NULL);
		/* The same in a map, and through keys. */
		buf_reset(&b);
		buf_puts(&b, "m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6}\n");
		for (int i = 1; i <= 10; i++) {
			buf_printf(&b, "m%d: &m%d {", i, i);
			for (int j = 0; j < 6; j++)
				buf_printf(&b, "%sk%d: *m%d", j ? ", " : "", j,
				    i - 1);
			buf_puts(&b, "}\n");
		}
		v = parse(b.data);
		CHECK("a map alias bomb is refused", v == NULL &&
		    strstr(errs, "LIMIT_YAML_ALIAS_NODES") &&
		    strstr(errs, "site.yaml:5:59:") == errs);
		/* Ordinary use: defaults of 20 values used 400 times. */
		buf_reset(&b);
		buf_puts(&b, "d: &d {");
		for (int j = 0; j < 19; j++)
			buf_printf(&b, "%sk%d: %d", j ? ", " : "", j, j);
		buf_puts(&b, "}\nl:\n");
		for (int j = 0; j < 400; j++)
			buf_puts(&b, "  - *d\n");
		v = parse(b.data);
		CHECK("aliases under the limit still work", v &&
		    errs[0] == '\0' && get(v, "l")->u.list.len == 400 &&
		    get(v, "l")->u.list.items[399] == get(v, "d"));
		/* Many anchors, each alias naming the first: a hash, not a
		 * search per alias (this took minutes before). */
		buf_reset(&b);
		for (int j = 0; j < 5000; j++)
			buf_printf(&b, "a%d: &a%d %d\n", j, j, j);
		for (int j = 0; j < 5000; j++)
			buf_printf(&b, "b%d: *a0\n", j);
		v = parse(b.data);
		CHECK("5,000 anchors and aliases load", v && errs[0] == '\0' &&
		    is_num(get(v, "b4999"), 0));

		/* Nesting: 100 levels load, 101 do not, 50,000 do not
		 * overflow the stack. */
		buf_reset(&b);
		buf_puts(&b, "x: ");
		for (int j = 0; j < 99; j++)
			buf_puts(&b, "[");
		for (int j = 0; j < 99; j++)
			buf_puts(&b, "]");
		v = parse(b.data);
		CHECK("99 nested lists in a map (100 levels) load", v && errs[0] == '\0');
		buf_reset(&b);
		buf_puts(&b, "x: ");
		for (int j = 0; j < 100; j++)
			buf_puts(&b, "[");
		for (int j = 0; j < 100; j++)
			buf_puts(&b, "]");
		v = parse(b.data);
		CHECK_STR("101 levels are refused where the 101st opens",
		    errs, "site.yaml:1:103: error: lists and maps are nested "
		    "more than 100 deep here (the limit LIMIT_YAML_DEPTH): "
		    "flatten the structure\n");
		buf_reset(&b);
		buf_puts(&b, "x: ");
		for (int j = 0; j < 50000; j++)
			buf_puts(&b, j % 2 ? "{a: " : "[");
		v = parse(b.data);
		CHECK("50,000 nested lists and maps are refused, no overflow",
		    v == NULL && strstr(errs, "LIMIT_YAML_DEPTH"));

		/* Keys: a large map stays linear and still finds a twin. */
		buf_reset(&b);
		for (int j = 0; j < 10000; j++)
			buf_printf(&b, "k%d: %d\n", j, j);
		v = parse(b.data);
		CHECK("10,000 keys load", v && errs[0] == '\0' &&
		    v->u.map.len == 10000);
		buf_puts(&b, "k10000: 1\n");
		v = parse(b.data);
		CHECK_STR("10,001 keys are refused", errs, "site.yaml:10001:1: "
		    "error: a map has more than 10000 keys here (the limit "
		    "LIMIT_YAML_MAP_KEYS): split it or move the data out of "
		    "the site\n");
		buf_reset(&b);
		for (int j = 0; j < 100; j++)
			buf_printf(&b, "k%d: %d\n", j, j);
		buf_puts(&b, "k7: 1\n");
		v = parse(b.data);
		CHECK_STR("a twin key in a large map is found", errs,
		    "site.yaml:101:1: error: key 'k7' appears twice in the "
		    "same map: keep one\n");
		buf_free(&b);
	}

	/* A NUL would cut the text: refused where its escape is. */
	v = parse("title: \"Alku\\0loppu\"\n");
	CHECK_STR("a NUL in a value is refused at its escape", errs,
	    "site.yaml:1:13: error: a NUL character (\\0) in the text: "
	    "remove it, since it would cut the text short\n");
	v = parse("a: 1\nt: [\"\xc3\xa4\\x00\", 2]\n");
	CHECK("\\x00 is refused too, column in characters", v == NULL &&
	    strstr(errs, "site.yaml:2:7: error: a NUL") == errs);
	v = parse("\"k\\u0000\": 1\n");
	CHECK("a NUL in a key is refused", v == NULL &&
	    strstr(errs, "site.yaml:1:3: error: a NUL") == errs);
	v = parse("t: \"a\\\\0b\"\n");
	CHECK("an escaped backslash before 0 is no NUL", v &&
	    is_str(get(v, "t"), "a\\0b"));

	arena_free(A);
	CHECK_DONE();
}
