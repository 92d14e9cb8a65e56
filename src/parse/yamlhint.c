#include "yamlhint.h"

#include <string.h>

#include "../core/i18n.h"

/* One `key: value` line as a writer types it, with `- ` before the key in
 * a list of maps (an event under `events:`). Offsets are into the text. */
struct kv {
	size_t start, end;        /* the line without its line end */
	size_t indent;            /* where the key (or its `- `) starts */
	size_t key, key_end;      /* the key; key_end is its colon */
	size_t val, val_end;      /* the value, trimmed (empty: val == val_end) */
	int dash;
};

static void line_of(const char *t, size_t len, size_t i, size_t *s, size_t *e)
{
	if (i > len)
		i = len;
	size_t a = i;
	while (a > 0 && t[a - 1] != '\n')
		a--;
	size_t b = i;
	while (b < len && t[b] != '\n')
		b++;
	if (b > a && t[b - 1] == '\r')
		b--;
	*s = a;
	*e = b;
}

/* 0 when the line is not `key: value` (or `key:`). */
static int split_kv(const char *t, size_t s, size_t e, struct kv *kv)
{
	memset(kv, 0, sizeof *kv);
	kv->start = s;
	kv->end = e;
	size_t i = s;
	while (i < e && t[i] == ' ')
		i++;
	kv->indent = i;
	if (i + 1 < e && t[i] == '-' && t[i + 1] == ' ') {
		kv->dash = 1;
		i += 2;
		while (i < e && t[i] == ' ')
			i++;
	}
	if (i >= e || strchr("\"'#-[{&*!|>%@`?", t[i]))
		return 0;
	kv->key = i;
	while (i < e && !(t[i] == ':' && (i + 1 == e || t[i + 1] == ' ' ||
	    t[i + 1] == '\t'))) {
		if (t[i] == '"' || t[i] == '#')
			return 0;
		i++;
	}
	if (i >= e)
		return 0;
	kv->key_end = i;
	i++;
	while (i < e && (t[i] == ' ' || t[i] == '\t'))
		i++;
	size_t v_end = e;
	while (v_end > i && (t[v_end - 1] == ' ' || t[v_end - 1] == '\t'))
		v_end--;
	kv->val = i;
	kv->val_end = v_end;
	return kv->key_end > kv->key;
}

/* s[0..n) as a YAML scalar in quotes: double quotes unless the text has
 * some (then single ones, which need only ' doubled). */
static char *quoted(arena *a, const char *s, size_t n)
{
	int has_dq = memchr(s, '"', n) != NULL || memchr(s, '\\', n) != NULL;
	char q = has_dq ? '\'' : '"';
	char *out = arena_alloc(a, 2 * n + 3), *o = out;
	*o++ = q;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == q)
			*o++ = q;   /* '' inside single quotes */
		*o++ = s[i];
	}
	*o++ = q;
	*o = '\0';
	return out;
}

/* The line as it should be written: the same key, value in quotes. */
static char *fixed_line(arena *a, const char *t, const struct kv *kv,
    const char *val, size_t n)
{
	return arena_printf(a, "%s%.*s: %s", kv->dash ? "- " : "",
	    (int)(kv->key_end - kv->key), t + kv->key, quoted(a, val, n));
}

size_t yamlhint_offset(const char *t, size_t len, size_t line, size_t col)
{
	size_t i = 0;
	for (; i < len && line > 0; i++)
		if (t[i] == '\n')
			line--;
	for (; i < len && col > 0 && t[i] != '\n'; col--) {
		i++;
		while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* A value in quotes whose own quote mark comes back inside it:
 * `title: "Hanke "LAPE" alkaa"`. The inner text runs to the last quote. */
static const char *inner_quotes(arena *a, const char *t, const struct kv *kv,
    size_t at)
{
	char q = t[kv->val];
	size_t last = kv->val_end;
	while (last > kv->val + 1 && t[last - 1] != q)
		last--;
	if (last <= kv->val + 1 || at <= kv->val || at >= kv->val_end)
		return NULL;
	size_t n = last - 1 - (kv->val + 1);
	const char *in = t + kv->val + 1;
	int inner = 0;
	for (size_t i = 0; i < n; i++)
		inner += in[i] == q &&
		    (q != '"' || i == 0 || in[i - 1] != '\\');
	if (!inner)
		return NULL;
	/* The other kind of quote mark around it, when the text allows. */
	char other = q == '"' ? '\'' : '"';
	char *line;
	if (!memchr(in, other, n) && (other == '\'' || !memchr(in, '\\', n)))
		line = arena_printf(a, "%s%.*s: %c%.*s%c", kv->dash ? "- " : "",
		    (int)(kv->key_end - kv->key), t + kv->key, other, (int)n,
		    in, other);
	else
		line = fixed_line(a, t, kv, in, n);
	/* TRANSLATORS: the first %s is a key (title), the second the line
	 * to write instead, like title: 'Hanke "LAPE" alkaa'. */
	return arena_printf(a, _("the value of '%.*s' has quote marks inside "
	    "the quotes around it, so the quotes end too early: use the other "
	    "kind of quote marks around it, like %s"),
	    (int)(kv->key_end - kv->key), t + kv->key, line);
}

/* The nearest line above s that is not empty or a comment. */
static int line_above(const char *t, size_t s, struct kv *kv)
{
	while (s > 0) {
		size_t e = s - 1, b;
		line_of(t, e, e, &b, &e);
		size_t i = b;
		while (i < e && t[i] == ' ')
			i++;
		if (i < e && t[i] != '#')
			return split_kv(t, b, e, kv);
		s = b;
	}
	return 0;
}

const char *yamlhint_explain(arena *a, const yamlhint_in *in,
    enum yamlhint_at *at)
{
	const char *t = in->text, *problem = in->problem ? in->problem : "";
	const char *context = in->context ? in->context : "";
	size_t s, e;
	struct kv kv;
	*at = YAMLHINT_PROBLEM;

	/* A line that is no `key: value`: text of the post above the
	 * closing '---', or a title that went on to a second line. */
	if (strstr(problem, "could not find expected ':'") &&
	    strstr(context, "simple key")) {
		line_of(t, in->len, yamlhint_offset(t, in->len,
		    in->context_line, in->context_col), &s, &e);
		if (!split_kv(t, s, e, &kv)) {
			*at = YAMLHINT_CONTEXT;
			return _("this line is not 'key: value': start it with "
			    "a key and a colon (like summary: ...); if it "
			    "continues the line above, indent it with spaces; "
			    "if it is text of the post, end the front matter "
			    "before it with a line '---'");
		}
	}

	size_t at_i = yamlhint_offset(t, in->len, in->problem_line,
	    in->problem_col);
	line_of(t, in->len, at_i, &s, &e);
	if (!split_kv(t, s, e, &kv) || kv.val == kv.val_end)
		return NULL;
	const char *key = t + kv.key;
	int klen = (int)(kv.key_end - kv.key);
	char c = t[kv.val];

	if (c == '"' || c == '\'')
		return inner_quotes(a, t, &kv, at_i);

	/* `  date: …` under `title: …`: the key continues the title. */
	if (at_i == kv.key_end && strstr(problem, "mapping values")) {
		struct kv up;
		if (line_above(t, s, &up) && up.val < up.val_end &&
		    kv.indent > up.indent)
			/* TRANSLATORS: %s is a key, like date. */
			return arena_printf(a, _("'%.*s:' is indented more "
			    "than the line above it, so YAML reads it as part "
			    "of that value: start it at the same column as the "
			    "other keys"), klen, key);
		return NULL;
	}
	if (at_i <= kv.key_end)
		return NULL;

	const char *fix = fixed_line(a, t, &kv, t + kv.val,
	    kv.val_end - kv.val);
	if (strchr("@`%*&!|>[]{},?-", c))
		/* TRANSLATORS: %s is a key (title), %c the character its
		 * value starts with, then the line to write instead. */
		return arena_printf(a, _("the value of '%.*s' starts with "
		    "'%c', which YAML reads as a sign of its own: put the "
		    "whole value in quotes, like %s"), klen, key, c, fix);
	const char *colon = NULL;
	for (size_t i = kv.val; i < kv.val_end && !colon; i++)
		if (t[i] == ':' && (i + 1 == kv.val_end || t[i + 1] == ' '))
			colon = t + i;
	if (colon) {
		if (klen == 5 && !memcmp(key, "title", 5))
			/* TRANSLATORS: %s is the line to write instead, like
			 * title: "Ohjelma: syksy 2017". */
			return arena_printf(a, _("the title has a colon (:) in "
			    "it, and YAML reads what comes before it as a key: "
			    "put the whole title in quotes, like %s"), fix);
		return arena_printf(a, _("the value of '%.*s' has a colon (:) "
		    "in it, and YAML reads what comes before it as a key: put "
		    "the whole value in quotes, like %s"), klen, key, fix);
	}
	return NULL;
}
