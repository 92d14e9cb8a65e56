/* toml: unit checks on small texts, and, with --decode, a toml-test
 * decoder (TOML on stdin, toml-test's tagged JSON on stdout, exit 1 when
 * the text is refused), which tests/scripts/toml_test.sh runs over every
 * file of the official suite. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "core/buf.h"
#include "parse/toml.h"

static void json_str(buf *b, const char *s, size_t len)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c < 0x20 || c == 0x7F) {
			buf_printf(b, "\\u%04x", c);
		} else {
			buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

static void json(buf *b, const value *v)
{
	static const char *const dtype[] = {"", "", "datetime",
	    "datetime-local", "date-local", "time-local"};
	switch (v->kind) {
	case VAL_MAP:
		buf_putc(b, '{');
		for (size_t i = 0; i < v->u.map.len; i++) {
			if (i)
				buf_putc(b, ',');
			const char *k = v->u.map.items[i].key;
			json_str(b, k, strlen(k));
			buf_putc(b, ':');
			json(b, v->u.map.items[i].val);
		}
		buf_putc(b, '}');
		return;
	case VAL_LIST:
		buf_putc(b, '[');
		for (size_t i = 0; i < v->u.list.len; i++) {
			if (i)
				buf_putc(b, ',');
			json(b, v->u.list.items[i]);
		}
		buf_putc(b, ']');
		return;
	case VAL_STR:
		buf_printf(b, "{\"type\":\"%s\",\"value\":",
		    v->sub >= VSUB_DATETIME ? dtype[v->sub] : "string");
		json_str(b, v->u.str.s, v->u.str.len);
		buf_putc(b, '}');
		return;
	case VAL_BOOL:
		buf_printf(b, "{\"type\":\"bool\",\"value\":\"%s\"}",
		    v->u.b ? "true" : "false");
		return;
	case VAL_NUM:
		if (v->sub == VSUB_INT)
			buf_printf(b, "{\"type\":\"integer\",\"value\":\"%lld\"}",
			    v->u.inum);
		else if (isnan(v->u.num))
			buf_printf(b, "{\"type\":\"float\",\"value\":\"nan\"}");
		else if (isinf(v->u.num))
			buf_printf(b, "{\"type\":\"float\",\"value\":\"%sinf\"}",
			    v->u.num < 0 ? "-" : "");
		else
			buf_printf(b, "{\"type\":\"float\",\"value\":\"%.17g\"}",
			    v->u.num);
		return;
	case VAL_NULL:
		buf_puts(b, "null");
		return;
	}
}

static int decode(void)
{
	buf in = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_put(&in, chunk, n);
	arena *a = arena_new();
	diag *d = diag_new(stderr);
	value *v = toml_parse(a, "stdin", in.data ? in.data : "", in.len, 0, d);
	int rc = 1;
	if (v) {
		buf out = BUF_INIT;
		json(&out, v);
		fwrite(out.data, 1, out.len, stdout);
		putchar('\n');
		buf_free(&out);
		rc = 0;
	}
	diag_free(d);
	arena_free(a);
	buf_free(&in);
	return rc;
}

/* The text's JSON, or "ERR: message". */
static const char *js(const char *text)
{
	static char out[2000];
	arena *a = arena_new();
	char *msg = NULL;
	size_t mlen = 0;
	FILE *mf = open_memstream(&msg, &mlen);
	diag *d = diag_new(mf);
	value *v = toml_parse(a, "f.md", text, strlen(text), 1, d);
	diag_free(d);
	fclose(mf);
	if (v) {
		buf b = BUF_INIT;
		json(&b, v);
		snprintf(out, sizeof out, "%s", b.data);
		buf_free(&b);
	} else {
		size_t l = strlen(msg);
		while (l && msg[l - 1] == '\n')
			msg[--l] = '\0';
		snprintf(out, sizeof out, "ERR: %s", msg);
	}
	free(msg);
	arena_free(a);
	return out;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--decode") == 0)
		return decode();

	CHECK_STR("hugo front matter",
	    js("title = \"Hyvää päivää\"\ndate = 2019-03-05T10:00:00+02:00\n"
	    "draft = false\ntags = [\"a\", \"b\"]\n"),
	    "{\"title\":{\"type\":\"string\",\"value\":\"Hyvää päivää\"},"
	    "\"date\":{\"type\":\"datetime\",\"value\":"
	    "\"2019-03-05T10:00:00+02:00\"},"
	    "\"draft\":{\"type\":\"bool\",\"value\":\"false\"},"
	    "\"tags\":[{\"type\":\"string\",\"value\":\"a\"},"
	    "{\"type\":\"string\",\"value\":\"b\"}]}");
	CHECK_STR("date shapes normalised",
	    js("a = 1979-05-27 07:32z\nb = 07:32\n"),
	    "{\"a\":{\"type\":\"datetime\",\"value\":\"1979-05-27T07:32:00Z\"},"
	    "\"b\":{\"type\":\"time-local\",\"value\":\"07:32:00\"}}");
	CHECK_STR("big integer exact", js("n = 9223372036854775807"),
	    "{\"n\":{\"type\":\"integer\",\"value\":\"9223372036854775807\"}}");
	CHECK_STR("tables and arrays of tables",
	    js("[a.b]\nc = 1\n[[x]]\ny = 2\n[[x]]\n"),
	    "{\"a\":{\"b\":{\"c\":{\"type\":\"integer\",\"value\":\"1\"}}},"
	    "\"x\":[{\"y\":{\"type\":\"integer\",\"value\":\"2\"}},{}]}");
	/* Positions: line_offset 1, as for front matter after `+++`. */
	CHECK_STR("duplicate key says which and where",
	    js("a = 1\n  a = 2\n"),
	    "ERR: f.md:3:3: error: key 'a' is already defined: write each "
	    "key once in a table");
	CHECK_STR("duplicate table", js("[a]\n[a]\n"),
	    "ERR: f.md:3:1: error: table [a] is already defined: write each "
	    "table once");
	CHECK_STR("leading zero", js("n = 012"),
	    "ERR: f.md:2:5: error: not a number: write digits with at most "
	    "one '_' between two of them, like 1_000, 3.14 or 1e6, without "
	    "leading zeros");
	CHECK_STR("integer too large", js("n = 9223372036854775808"),
	    "ERR: f.md:2:5: error: the integer is too large: integers go "
	    "from -9223372036854775808 to 9223372036854775807");
	CHECK_STR("bad date", js("d = 2019-02-29"),
	    "ERR: f.md:2:5: error: not a date or time: write 1979-05-27, "
	    "1979-05-27T07:32:00Z, 1979-05-27 07:32:00+02:00 or 07:32:00");
	CHECK_STR("unclosed string", js("t = \"abc\n"),
	    "ERR: f.md:2:9: error: a line break inside \"…\": close the text "
	    "on the same line, or use \"\"\"…\"\"\" for text on several lines");
	CHECK_STR("missing equals", js("title \"x\""),
	    "ERR: f.md:2:7: error: expected '=' after the key");
	CHECK_STR("two values on a line", js("a = 1 b = 2"),
	    "ERR: f.md:2:7: error: expected the end of the line: start the "
	    "next key on a new line, or a comment with '#'");
	CHECK_STR("not utf-8", js("a = \"\xff\""),
	    "ERR: f.md:2:6: error: the text is not valid UTF-8: save the "
	    "file as UTF-8");
	CHECK_STR("inline table closed", js("a = {b = 1}\n[a.c]\n"),
	    "ERR: f.md:3:2: error: 'a' is already a value, not a table that "
	    "can take more keys");
	/* The nesting limit. */
	{
		char deep[2 * TOML_MAX_DEPTH + 20];
		size_t n = 0;
		n += (size_t)snprintf(deep, sizeof deep, "a = ");
		for (int i = 0; i <= TOML_MAX_DEPTH; i++)
			deep[n++] = '[';
		for (int i = 0; i <= TOML_MAX_DEPTH; i++)
			deep[n++] = ']';
		deep[n] = '\0';
		CHECK("nesting limit", strstr(js(deep), "nested more than 100 "
		    "deep") != NULL);
		deep[4] = ' ';
		deep[n - 1] = '\0';
		CHECK("nesting at the limit is fine", js(deep)[0] == '{');
	}
	CHECK_DONE();
}
