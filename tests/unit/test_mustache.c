/* mustache: what the spec leaves to the engine. Error messages (exact
 * text), escaping, numbers, the context stack, indentation details,
 * runaway recursion, and rendering one set from several threads. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/value.h"
#include "render/escape.h"
#include "render/mustache.h"

/* Compiles src as template "t" from file "t.html" and returns what diag
 * printed (malloc'ed; "" when all went well). *rc: mustache_add's. */
static char *compile_errors(const char *src, int *rc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	diag *d = diag_new(f);
	mustache_set *set = mustache_set_new();
	*rc = mustache_add(set, "t", "t.html", src, strlen(src), d);
	mustache_set_free(set);
	diag_free(d);
	fclose(f);
	return text;
}

static void check_error(const char *name, const char *src, const char *want)
{
	int rc;
	char *got = compile_errors(src, &rc);
	CHECK_STR(name, got, want);
	CHECK(name, rc == -1);
	free(got);
}

static void test_errors(void)
{
	check_error("error: unclosed section", "a\n  {{#x}}b\n",
	    "t.html:2:3: error: section 'x' opened here is never closed: "
	    "add {{/x}}\n");
	check_error("error: unclosed inner section", "{{#a}}{{^b}}{{/a}}",
	    "t.html:1:13: error: {{/a}} closes 'a' but 'b' is open "
	    "(opened on line 1): close that first\n");
	check_error("error: mismatched close", "{{#x}}\n {{/y}}",
	    "t.html:2:2: error: {{/y}} closes 'y' but 'x' is open "
	    "(opened on line 1): close that first\n");
	check_error("error: close with nothing open", "a {{/x}}",
	    "t.html:1:3: error: {{/x}} closes 'x' but no section is open: "
	    "remove it\n");
	check_error("error: unclosed tag", "ab\ncd {{name",
	    "t.html:2:4: error: '{{' opens a tag that is never closed: "
	    "add '}}'\n");
	check_error("error: unclosed triple mustache", "{{{name}}",
	    "t.html:1:1: error: '{{' opens a tag that is never closed: "
	    "add '}}}'\n");
	check_error("error: bad set-delimiter", "x{{=<%=}}",
	    "t.html:1:2: error: bad set-delimiter tag: write the new opening "
	    "and closing delimiters separated by a space, as in "
	    "{{=<% %>=}}\n");
	check_error("error: set-delimiter with three words", "{{=< % >=}}",
	    "t.html:1:1: error: bad set-delimiter tag: write the new opening "
	    "and closing delimiters separated by a space, as in "
	    "{{=<% %>=}}\n");
	check_error("error: unclosed section, custom delimiters",
	    "{{=<% %>=}}<%#x%>",
	    "t.html:1:12: error: section 'x' opened here is never closed: "
	    "add <%/x%>\n");
	check_error("error: unclosed block", "{{$title}}x",
	    "t.html:1:1: error: block 'title' opened here is never closed: "
	    "add {{/title}}\n");
	check_error("error: unclosed parent", "{{<layout}}",
	    "t.html:1:1: error: parent 'layout' opened here is never closed: "
	    "add {{/layout}}\n");
	check_error("error: empty tag", "{{ }}",
	    "t.html:1:1: error: empty tag: put a name between '{{' and "
	    "'}}'\n");
	check_error("error: space in a name", "{{a b}}",
	    "t.html:1:1: error: tag name 'a b' contains a space: a name is "
	    "one word (a.b reaches inside a map)\n");
	/* Columns count characters, as libyaml's do. */
	check_error("error: column after UTF-8", "\xc3\xa9t\xc3\xa9 {{#x}}",
	    "t.html:1:5: error: section 'x' opened here is never closed: "
	    "add {{/x}}\n");

	int rc;
	char *got = compile_errors("{{#x}}{{/x}}", &rc);
	CHECK_STR("error: none for a good template", got, "");
	CHECK("error: good template compiles", rc == 0);
	free(got);
}

/* Renders src (template "t", with partials given as name, source pairs
 * ending in NULL) against ctx[0..n). */
static char *render_with(const char *src, const char *const *partials,
    const value *const *ctx, size_t n)
{
	diag *d = diag_new(stderr);
	mustache_set *set = mustache_set_new();
	char *res = NULL;
	if (mustache_add(set, "t", "t.html", src, strlen(src), d) < 0)
		goto out;
	for (size_t i = 0; partials && partials[i]; i += 2)
		if (mustache_add(set, partials[i], partials[i], partials[i + 1],
		    strlen(partials[i + 1]), d) < 0)
			goto out;
	buf b = BUF_INIT;
	if (mustache_render(set, "t", ctx, n, &b) == 0)
		res = buf_detach(&b);
	buf_free(&b);
out:
	mustache_set_free(set);
	diag_free(d);
	return res;
}

static void check_render(const char *name, const char *src,
    const char *const *partials, const value *data, const char *want)
{
	const value *ctx[1] = {data};
	char *got = render_with(src, partials, ctx, 1);
	CHECK_STR(name, got, want);
	free(got);
}

static void test_values(arena *a)
{
	value *m = val_map(a);
	val_map_str(a, m, "html", "<a href='x'>Tom & \"Jerry\"</a>");
	val_map_num(a, m, "int", 85);
	val_map_num(a, m, "neg", -3);
	val_map_num(a, m, "dec", 1.21);
	val_map_num(a, m, "tenth", 0.1);
	val_map_num(a, m, "third", 1.0 / 3);
	val_map_num(a, m, "big", 1e20);
	val_map_num(a, m, "million", 1e6);
	val_map_bool(a, m, "yes", 1);
	val_map_bool(a, m, "no", 0);
	val_map_str(a, m, "empty", "");

	check_render("escape: & < > \" and ' in {{x}}", "{{html}}", NULL, m,
	    "&lt;a href=&#39;x&#39;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt;");
	check_render("escape: none in {{{x}}} and {{&x}}",
	    "{{{html}}}|{{&html}}", NULL, m,
	    "<a href='x'>Tom & \"Jerry\"</a>|<a href='x'>Tom & \"Jerry\"</a>");
	check_render("number: integers", "{{int}} {{neg}} {{million}}", NULL,
	    m, "85 -3 1000000");
	check_render("number: shortest round-trip",
	    "{{dec}} {{tenth}} {{third}} {{big}}", NULL, m,
	    "1.21 0.1 0.3333333333333333 1e+20");
	check_render("booleans print as words", "{{yes}} {{no}}", NULL, m,
	    "true false");
	check_render("empty string is false", "{{#empty}}x{{/empty}}"
	    "{{^empty}}y{{/empty}}", NULL, m, "y");
	check_render("number section pushes the number",
	    "{{#int}}[{{.}}]{{/int}}", NULL, m, "[85]");
}

static void test_stack(arena *a)
{
	value *bottom = val_map(a), *top = val_map(a);
	value *bm = val_map(a), *tm = val_map(a);
	val_map_str(a, bottom, "a", "bottom");
	val_map_str(a, bottom, "b", "B");
	val_map_str(a, bm, "k", "deep");
	val_map_set(a, bottom, "m", bm);
	val_map_str(a, top, "a", "top");
	val_map_set(a, top, "m", tm);
	const value *ctx[2] = {bottom, top};
	char *got = render_with("{{a}} {{b}} [{{m.k}}] {{#m}}<{{a}}>{{/m}}",
	    NULL, ctx, 2);
	/* m is found in the top map, so m.k does not fall through to the
	 * bottom one; inside {{#m}} the lookup continues down the stack. */
	CHECK_STR("context stack: n=2, top first", got,
	    "top B [] <top>");
	free(got);
	got = render_with("{{.}}|{{a}}", NULL, ctx, 0);
	CHECK_STR("context stack: n=0 renders names as nothing", got, "|");
	free(got);
}

static void test_indent(arena *a)
{
	static const char *const p[] = {"p", "a\n\nb\n", NULL};
	check_render("indent: empty lines of a partial stay empty",
	    "  {{>p}}\n", p, val_map(a), "  a\n\n  b\n");
	static const char *const nested[] = {"outer", "<\n  {{>inner}}\n>\n",
	    "inner", "1\n2\n", NULL};
	check_render("indent: nested standalone partials add up",
	    "  {{>outer}}\n", nested, val_map(a),
	    "  <\n    1\n    2\n  >\n");
	static const char *const layout[] = {"layout",
	    "<main>\n  {{$body}}\n  {{/body}}\n</main>\n", NULL};
	check_render("indent: block argument follows its expansion site",
	    "{{<layout}}\n{{$body}}\n<p>\n  hi\n</p>\n{{/body}}\n"
	    "{{/layout}}\n", layout, val_map(a),
	    "<main>\n  <p>\n    hi\n  </p>\n</main>\n");
	/* {{$b}}{{/b}} alone on a line keeps the line's newline, so that an
	 * empty or one-line argument does not join the next line (spec:
	 * "Standalone block"). */
	static const char *const inline_block[] = {"layout",
	    "<main>\n  {{$body}}{{/body}}\n</main>\n", NULL};
	check_render("indent: a one-line block keeps its newline",
	    "{{<layout}}{{$body}}\n<p>hi</p>{{/body}}{{/layout}}",
	    inline_block, val_map(a), "<main>\n  <p>hi</p>\n</main>\n");
}

static void test_misc(arena *a)
{
	diag *d = diag_new(stderr);
	mustache_set *set = mustache_set_new();
	buf b = BUF_INIT;
	const value *ctx[1] = {val_map(a)};

	CHECK("set: unknown template", !mustache_has(set, "t"));
	CHECK("render: unknown template is -1",
	    mustache_render(set, "t", ctx, 1, &b) == -1);
	mustache_add(set, "t", "t.html", "one", 3, d);
	mustache_add(set, "t", "t.html", "two", 3, d);
	CHECK("set: has t", mustache_has(set, "t"));
	mustache_render(set, "t", ctx, 1, &b);
	CHECK_STR("set: a second add replaces the first", b.data, "two");

	/* Whatever the data, a partial that includes itself fails, even
	 * when it does so twice (2^depth expansions). */
	const char *self = "x{{>self}}";
	mustache_add(set, "self", "self.html", self, strlen(self), d);
	buf_reset(&b);
	CHECK("render: self-including partial fails",
	    mustache_render(set, "self", ctx, 1, &b) == -1);
	const char *twice = "{{>twice}}{{>twice}}";
	mustache_add(set, "twice", "twice.html", twice, strlen(twice), d);
	CHECK("render: doubly self-including partial fails",
	    mustache_render(set, "twice", ctx, 1, &b) == -1);
	const char *blk = "{{$a}}{{/a}}";
	const char *arg = "{{<blk}}{{$a}}{{$a}}{{/a}}{{/a}}{{/blk}}";
	mustache_add(set, "blk", "blk.html", blk, strlen(blk), d);
	mustache_add(set, "arg", "arg.html", arg, strlen(arg), d);
	CHECK("render: block argument expanding itself fails",
	    mustache_render(set, "arg", ctx, 1, &b) == -1);

	/* Nested list sections multiply: 2^40 passes is a runaway too
	 * (found by tests/fuzz/fuzz_mustache.c). */
	value *two = val_list(a);
	val_list_push(a, two, val_str(a, "x"));
	val_list_push(a, two, val_str(a, "y"));
	value *lctx = val_map(a);
	val_map_set(a, lctx, "l", two);
	const value *lstack[] = {lctx};
	buf nest = BUF_INIT;
	for (int i = 0; i < 40; i++)
		buf_puts(&nest, "{{#l}}");
	buf_puts(&nest, ".");
	for (int i = 0; i < 40; i++)
		buf_puts(&nest, "{{/l}}");
	mustache_add(set, "nest", "nest.html", nest.data, nest.len, d);
	buf_reset(&b);
	CHECK("render: list sections nested 40 deep fail",
	    mustache_render(set, "nest", lstack, 1, &b) == -1);
	buf_free(&nest);

	const char *miss = "[{{>nowhere}}{{<nowhere}}{{/nowhere}}]";
	mustache_add(set, "miss", "miss.html", miss, strlen(miss), d);
	buf_reset(&b);
	mustache_render(set, "miss", ctx, 1, &b);
	CHECK_STR("render: missing partial and parent are empty", b.data,
	    "[]");

	buf_free(&b);
	mustache_add(set, "empty", "empty.html", "", 0, d);
	mustache_render(set, "empty", ctx, 1, &b);
	CHECK_STR("render: empty output is a string", b.data, "");
	buf_free(&b);
	mustache_set_free(set);
	diag_free(d);
}

struct job {
	const mustache_set *set;
	const value *data;
	const char *want;
	int same;
};

static void *render_many(void *arg)
{
	struct job *j = arg;
	const value *ctx[1] = {j->data};
	buf b = BUF_INIT;
	j->same = 1;
	for (int i = 0; i < 200; i++) {
		buf_reset(&b);
		if (mustache_render(j->set, "page", ctx, 1, &b) < 0 ||
		    strcmp(b.data, j->want) != 0)
			j->same = 0;
	}
	buf_free(&b);
	return NULL;
}

static void test_threads(arena *a)
{
	static const char *const src[] = {
		"page", "{{<layout}}{{$body}}\n{{#posts}}\n  {{>item}}\n"
		    "{{/posts}}\n{{/body}}{{/layout}}",
		"layout", "<h1>{{title}}</h1>\n<ul>\n  {{$body}}\n"
		    "  {{/body}}\n</ul>\n",
		"item", "<li>{{name}} ({{n}})</li>\n",
	};
	diag *d = diag_new(stderr);
	mustache_set *set = mustache_set_new();
	for (size_t i = 0; i < sizeof src / sizeof src[0]; i += 2)
		mustache_add(set, src[i], src[i], src[i + 1],
		    strlen(src[i + 1]), d);
	value *data = val_map(a), *posts = val_list(a);
	val_map_str(a, data, "title", "T & T");
	for (int i = 0; i < 3; i++) {
		value *p = val_map(a);
		val_map_str(a, p, "name", i ? "b" : "<a>");
		val_map_num(a, p, "n", i + 0.5);
		val_list_push(a, posts, p);
	}
	val_map_set(a, data, "posts", posts);

	const char *want = "<h1>T &amp; T</h1>\n<ul>\n"
	    "    <li>&lt;a&gt; (0.5)</li>\n    <li>b (1.5)</li>\n"
	    "    <li>b (2.5)</li>\n</ul>\n";
	const value *ctx[1] = {data};
	buf b = BUF_INIT;
	mustache_render(set, "page", ctx, 1, &b);
	CHECK_STR("threads: reference output", b.data, want);

	struct job jobs[2] = {{set, data, want, 0}, {set, data, want, 0}};
	pthread_t th[2];
	int started = 0;
	for (int i = 0; i < 2; i++)
		started += pthread_create(&th[i], NULL, render_many,
		    &jobs[i]) == 0;
	CHECK("threads: both started", started == 2);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	CHECK("threads: first thread's output is identical", jobs[0].same);
	CHECK("threads: second thread's output is identical", jobs[1].same);
	buf_free(&b);
	mustache_set_free(set);
	diag_free(d);
}

/* A string's escaping is found once and remembered in the value
 * (value.esc): on every later page it must come out as escape_html and
 * escape_html_raw write it, for strings that need nothing and strings
 * that need something, in either order of {{x}} and {{{x}}}. */
static void test_escape_memo(arena *a)
{
	static const char *const pick[] = {"a", "b", " ", "\xc3\xa4", "\xc3\xb6",
	    "&", "<", ">", "\"", "'", "\n", "\x01", "\x7f", "\xc2\x85",
	    "\xef\xbf\xbe", "\xe2\x82\xac", "\xc3", "x"};
	mustache_set *set = mustache_set_new();
	diag *d = diag_new(stderr);
	mustache_add(set, "e", "e.html", "{{x}}|{{{x}}}", 13, d);
	mustache_add(set, "r", "r.html", "{{{x}}}|{{x}}", 13, d);
	unsigned long long x = 17;
	int same = 1;
	for (int round = 0; round < 3000 && same; round++) {
		buf src = BUF_INIT, want = BUF_INIT;
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t len = (size_t)(x >> 58);
		for (size_t i = 0; i < len; i++) {
			x = x * 6364136223846793005ULL + 1;
			/* mostly letters: many strings need nothing */
			buf_puts(&src, (x >> 61) ? "t" :
			    pick[(x >> 33) % (sizeof pick / sizeof *pick)]);
		}
		value *m = val_map(a);
		val_map_set(a, m, "x", val_strn(a, src.data ? src.data : "",
		    src.len));
		const value *ctx[] = {m};
		const char *tpl = round & 1 ? "r" : "e";
		buf_put(&want, "", 0);
		if (round & 1) {
			escape_html_raw(&want, src.data, src.len);
			buf_putc(&want, '|');
			escape_html(&want, src.data, src.len);
		} else {
			escape_html(&want, src.data, src.len);
			buf_putc(&want, '|');
			escape_html_raw(&want, src.data, src.len);
		}
		for (int pass = 0; pass < 3 && same; pass++) {
			buf out = BUF_INIT;
			mustache_render(set, tpl, ctx, 1, &out);
			same = out.len == want.len && !memcmp(out.data,
			    want.data, want.len);
			buf_free(&out);
		}
		buf_free(&src);
		buf_free(&want);
	}
	CHECK("escape memo: as escape_html and escape_html_raw, every time",
	    same);
	diag_free(d);
	mustache_set_free(set);
}

/* The later parts of a dotted name are looked for first where they were
 * found the last time: maps with the same keys in other orders, and with
 * a key missing, must still give each name its own value. */
static void test_dotted_hints(arena *a)
{
	mustache_set *set = mustache_set_new();
	diag *d = diag_new(stderr);
	const char *src = "{{#list}}{{m.a}}{{m.b}}{{m.c}}{{m.d}};{{/list}}";
	mustache_add(set, "h", "h.html", src, strlen(src), d);
	static const char *const orders[] = {"abcd", "dcba", "bd", "cab", "",
	    "dabc"};
	value *list = val_list(a);
	buf want = BUF_INIT;
	buf_put(&want, "", 0);
	for (int round = 0; round < 60; round++) {
		const char *o = orders[round % 6];
		value *m = val_map(a), *item = val_map(a);
		for (const char *k = o; *k; k++) {
			char key[2] = {*k, 0}, text[16];
			snprintf(text, sizeof text, "%c%d", *k, round);
			val_map_set(a, m, arena_strdup(a, key), val_str(a, text));
		}
		for (const char *k = "abcd"; *k; k++)
			if (strchr(o, *k))
				buf_printf(&want, "%c%d", *k, round);
		buf_putc(&want, ';');
		val_map_set(a, item, "m", m);
		val_list_push(a, list, item);
	}
	value *root = val_map(a);
	val_map_set(a, root, "list", list);
	const value *ctx[] = {root};
	int same = 1;
	for (int pass = 0; pass < 2; pass++) {
		buf out = BUF_INIT;
		mustache_render(set, "h", ctx, 1, &out);
		same = same && out.len == want.len && !memcmp(out.data,
		    want.data, want.len);
		buf_free(&out);
	}
	CHECK("dotted names: each map's own value, in any key order", same);
	buf_free(&want);
	diag_free(d);
	mustache_set_free(set);
}

/* Integral numbers are printed without printf: as "%lld" prints them. */
static void test_integers(arena *a)
{
	mustache_set *set = mustache_set_new();
	diag *d = diag_new(stderr);
	mustache_add(set, "n", "n.html", "{{n}}", 5, d);
	static const double pick[] = {0, -0.0, 1, -1, 9, 10, -10, 2019, 99999,
	    -123456789, 4294967296.0, 9007199254740992.0,
	    -9007199254740992.0, 1e15, -1e15};
	int same = 1;
	for (size_t i = 0; i < sizeof pick / sizeof *pick; i++) {
		value *m = val_map(a);
		val_map_num(a, m, "n", pick[i]);
		const value *ctx[] = {m};
		buf out = BUF_INIT;
		char want[40];
		snprintf(want, sizeof want, "%lld", (long long)pick[i]);
		mustache_render(set, "n", ctx, 1, &out);
		same = same && out.data && !strcmp(out.data, want);
		buf_free(&out);
	}
	CHECK("integers: as %lld prints them", same);
	diag_free(d);
	mustache_set_free(set);
}

/* mustache_names: whether a value under a key may reach the output. */
static void test_names(void)
{
	mustache_set *set = mustache_set_new();
	diag *d = diag_new(stderr);
	static const char *const src[] = {
		"var", "{{x}} {{content}}",
		"raw", "{{{content}}}",
		"amp", "{{&content}}",
		"sec", "{{#posts}}{{title}}{{/posts}}",
		"secname", "{{#content}}x{{/content}}",
		"inv", "{{^content}}none{{/content}}",
		"dotted", "{{page.content.len}}",
		"text", "<meta name=\"x\" content=\"{{title}}\"> content",
		"part", "a {{>inner}} b",
		"inner", "{{#posts}}{{{content}}}{{/posts}}",
		"parent", "{{<base}}{{$main}}{{title}}{{/main}}{{/base}}",
		"base", "{{$main}}{{/main}}{{content}}",
		"arg", "{{<plain}}{{$main}}{{content}}{{/main}}{{/plain}}",
		"plain", "{{$main}}{{/main}}",
		"dyn", "{{>*which}}",
		"loop1", "{{>loop2}}{{title}}",
		"loop2", "{{>loop1}}",
		"missing", "{{>nowhere}}{{title}}",
		"delims", "{{=<% %>=}}<% content %>",
		"iter", "{{#posts}}{{.}}{{/posts}}",
	};
	for (size_t i = 0; i < sizeof src / sizeof *src; i += 2)
		mustache_add(set, src[i], src[i], src[i + 1],
		    strlen(src[i + 1]), d);
	CHECK("names: a variable", mustache_names(set, "var", "content", 0));
	CHECK("names: a raw one", mustache_names(set, "raw", "content", 0));
	CHECK("names: {{&x}}", mustache_names(set, "amp", "content", 0));
	CHECK("names: a section's name",
	    mustache_names(set, "secname", "content", 0));
	CHECK("names: an inverted section's",
	    mustache_names(set, "inv", "content", 0));
	CHECK("names: a part of a dotted name",
	    mustache_names(set, "dotted", "content", 0));
	CHECK("names: with other delimiters",
	    mustache_names(set, "delims", "content", 0));
	CHECK("names: in a partial", mustache_names(set, "part", "content", 0));
	CHECK("names: in a parent",
	    mustache_names(set, "parent", "content", 0));
	CHECK("names: in a parent's argument",
	    mustache_names(set, "arg", "content", 0));
	CHECK("names: a dynamic partial may be anything",
	    mustache_names(set, "dyn", "content", 0));
	CHECK("names: not inside a section that names others",
	    !mustache_names(set, "sec", "content", 0));
	CHECK("names: ...which names its own",
	    mustache_names(set, "sec", "posts", 0) &&
	    mustache_names(set, "sec", "title", 0));
	CHECK("names: not in text or attributes",
	    !mustache_names(set, "text", "content", 0));
	CHECK("names: partials that include each other end",
	    !mustache_names(set, "loop1", "content", 0) &&
	    mustache_names(set, "loop2", "title", 0));
	CHECK("names: a missing partial names nothing",
	    !mustache_names(set, "missing", "content", 0));
	CHECK("names: not the implicit iterator",
	    !mustache_names(set, "iter", "content", 0));
	CHECK("names: first parts only: not a later one",
	    !mustache_names(set, "dotted", "content", 1) &&
	    mustache_names(set, "dotted", "page", 1));
	CHECK("names: first parts only: a plain name",
	    mustache_names(set, "inner", "content", 1) &&
	    mustache_names(set, "part", "content", 1));
	CHECK("names: first parts only: a dynamic partial",
	    mustache_names(set, "dyn", "content", 1));
	CHECK("names: a missing template names nothing",
	    !mustache_names(set, "nosuch", "content", 0));
	CHECK("names: a template of blocks alone",
	    !mustache_names(set, "plain", "content", 0));
	diag_free(d);
	mustache_set_free(set);
}

int main(void)
{
	arena *a = arena_new();
	test_errors();
	test_values(a);
	test_stack(a);
	test_indent(a);
	test_misc(a);
	test_threads(a);
	test_escape_memo(a);
	test_dotted_hints(a);
	test_integers(a);
	test_names();
	arena_free(a);
	CHECK_DONE();
}
