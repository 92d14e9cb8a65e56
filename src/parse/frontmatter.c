#include "frontmatter.h"

#include <string.h>

#include "json.h"
#include "fmkeys.h"
#include "toml.h"
#include "yaml.h"
#include "../core/i18n.h"

/* One line of the text: [start, end) without its line end; next is where
 * the following line starts (len at the end of the text). */
struct line {
	size_t start, end, next;
};

static struct line line_at(const char *text, size_t len, size_t off)
{
	struct line l = {off, off, off};
	const char *nl = off < len ? memchr(text + off, '\n', len - off) : NULL;
	l.end = nl ? (size_t)(nl - text) : len;
	l.next = nl ? l.end + 1 : len;
	if (l.end > l.start && text[l.end - 1] == '\r')
		l.end--;
	return l;
}

/* A delimiter line: exactly `mark` (three characters), then nothing but
 * spaces or tabs. */
static int is_delim(const char *text, struct line l, const char *mark)
{
	if (l.end - l.start < 3 || memcmp(text + l.start, mark, 3) != 0)
		return 0;
	for (size_t i = l.start + 3; i < l.end; i++)
		if (text[i] != ' ' && text[i] != '\t')
			return 0;
	return 1;
}

/* '{' then a quote, '}' or white space: a JSON object, not a body that
 * starts with Liquid ("{% raw %}") or a shortcode ("{{< x >}}"). */
static int looks_like_json(const char *s, size_t n)
{
	return n >= 2 && s[0] == '{' && (s[1] == '"' || s[1] == '}' ||
	    s[1] == ' ' || s[1] == '\t' || s[1] == '\r' || s[1] == '\n');
}

/* Hugo's JSON front matter: an object at the very top, the body after
 * its closing brace. */
static int fm_parse_json(arena *a, const char *file, const char *text,
    size_t len, size_t start, fm_doc *out, diag *d)
{
	size_t used = 0;
	int errs = diag_errors(d);
	value *root = json_parse(a, file, text + start, len - start, &used, d);
	if (!root)
		return -1;
	size_t end = start + used;
	int line = 1;
	for (size_t i = 0; i < end; i++)
		line += text[i] == '\n';
	/* The rest of the closing brace's line is not body. */
	while (end < len && (text[end] == ' ' || text[end] == '\t' ||
	    text[end] == '\r'))
		end++;
	if (end < len && text[end] == '\n') {
		end++;
		line++;
	}
	out->meta = root;
	out->body = text + end;
	out->body_len = len - end;
	out->body_line = line;
	fmkeys_normalise(a, file, out->meta, d);
	return diag_errors(d) > errs ? -1 : 0;
}

int fm_parse(arena *a, const char *file, const char *text, size_t len,
    fm_doc *out, diag *d)
{
	size_t start = 0;
	int errs = diag_errors(d);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		start = 3;

	/* Without front matter (and after errors that hide where the body
	 * starts) the body is the whole text. */
	out->meta = val_map(a);
	out->body_off = 0;
	out->body_sum = (hash128){0, 0};
	out->meta_sum = (hash128){0, 0};
	out->body = text + start;
	out->body_len = len - start;
	out->body_line = 1;

	struct line open = line_at(text, len, start);
	/* YAML between ---, TOML between +++ (Hugo), JSON in { } (Hugo). */
	const char *mark = is_delim(text, open, "---") ? "---" :
	    is_delim(text, open, "+++") ? "+++" : NULL;
	if (!mark)
		return looks_like_json(text + start, len - start) ?
		    fm_parse_json(a, file, text, len, start, out, d) : 0;

	/* Find the closing line; the first line is line 1. */
	int lineno = 1;
	struct line l = open;
	for (;;) {
		if (l.next >= len) {
			diag_error(d, file, 1, 1, _("front matter starts with '%s' "
			    "on line 1 but is never closed: add a line '%s' "
			    "after it"), mark, mark);
			return -1;
		}
		l = line_at(text, len, l.next);
		lineno++;
		if (is_delim(text, l, mark) || (*mark == '-' &&
		    is_delim(text, l, "...")))
			break;
	}

	out->body = text + l.next;
	out->body_len = len - l.next;
	out->body_line = lineno + 1;

	/* The YAML starts on line 2 of the file. */
	value *root = (*mark == '+' ? toml_parse : yaml_parse)(a, file,
	    text + open.next, l.start - open.next, 1, d);
	if (!root)
		return -1;
	if (root->kind == VAL_NULL) {
		/* Empty, or only comments. */
		out->meta->line = root->line;
		out->meta->col = root->col;
		return 0;
	}
	if (root->kind != VAL_MAP) {
		diag_error(d, file, root->line, root->col, _("front matter "
		    "must be a list of 'key: value' lines"));
		return -1;
	}
	out->meta = root;
	fmkeys_normalise(a, file, out->meta, d);
	return diag_errors(d) > errs ? -1 : 0;
}
