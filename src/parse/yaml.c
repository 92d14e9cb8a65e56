#include "yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../core/i18n.h"
#include "../core/limits.h"
#include "../core/strmap.h"
#include "utf8.h"
#include "yamlhint.h"

/* An anchor's value and how many nodes it stands for (aliases inside it
 * counted in full), so that each alias adds its whole size to the
 * document's count and an alias bomb is refused at the first alias that
 * crosses LIMIT_YAML_ALIAS_NODES, before anything walks it. */
struct anchor {
	value *v;
	size_t nodes;
};

struct loader {
	arena *a;
	const char *file;
	int line_offset;
	diag *d;
	const char *text;
	size_t len;
	yaml_parser_t parser;
	strmap *anchors;  /* name → struct anchor (in a); the latest wins */
	size_t nodes;     /* values made so far, aliases counted in full */
	size_t aliased;   /* of which added by aliases */
	int depth;        /* lists and maps open */
	int failed;
};

static value *load_node(struct loader *L, yaml_event_t *ev);

static void fail_mark(struct loader *L, yaml_mark_t m, const char *msg)
{
	if (L->failed)
		return;
	L->failed = 1;
	diag_error(L->d, L->file, (int)m.line + 1 + L->line_offset,
	    (int)m.column + 1, "%s", msg);
}

/* libyaml's own words are terse and technical; say what a writer can fix. */
static void fail_parser(struct loader *L, const char *text, size_t len)
{
	yaml_parser_t *p = &L->parser;
	yaml_mark_t m = p->problem ? p->problem_mark : p->context_mark;
	if (p->error == YAML_READER_ERROR) {
		/* Reader errors carry a byte offset, and for bad UTF-8 it is
		 * the offending trailing byte: point at the first ill-formed
		 * character instead, with the column in characters as libyaml
		 * counts it everywhere else. */
		size_t off = p->problem_offset;
		const char *msg = _("the text is not valid UTF-8 (save the "
		    "file as UTF-8)");
		if (p->problem && strstr(p->problem, "control"))
			msg = _("control character in the text: remove it");
		else
			utf8_valid(text, len, &off);
		int line, col;
		utf8_position(text, len, off, &line, &col);
		m.line = (size_t)line - 1;
		m.column = (size_t)col - 1;
		fail_mark(L, m, msg);
		return;
	}
	/* (A mark's index counts characters, not bytes.) */
	size_t tab = yamlhint_offset(text, len, m.line, m.column);
	if (tab < len && text[tab] == '\t') {
		fail_mark(L, m, _("tab character in YAML: indent with spaces, "
		    "not tabs"));
		return;
	}
	/* An unclosed quote or bracket is found only at the end of the
	 * front matter; libyaml also knows where it was opened. */
	const char *ctx = p->context ? p->context : "";
	if (strstr(ctx, "quoted scalar") && p->problem &&
	    strstr(p->problem, "end of stream")) {
		fail_mark(L, p->context_mark, _("the quote that starts here "
		    "is never closed: end the text with the same quote mark"));
		return;
	}
	if (strstr(ctx, "flow sequence") || strstr(ctx, "flow mapping")) {
		int seq = strstr(ctx, "sequence") != NULL;
		fail_mark(L, p->context_mark, seq ? _("the list that starts "
		    "here with '[' is not closed: separate its items with "
		    "commas and end it with ']'") : _("the map that starts "
		    "here with '{' is not closed: separate its items with "
		    "commas and end it with '}'"));
		return;
	}
	/* The mistakes writers make most, in their words. */
	yamlhint_in in = {text, len, p->problem, p->context,
	    p->problem_mark.line, p->problem_mark.column,
	    p->context_mark.line, p->context_mark.column};
	enum yamlhint_at at;
	const char *hint = yamlhint_explain(L->a, &in, &at);
	if (hint) {
		fail_mark(L, at == YAMLHINT_CONTEXT ? p->context_mark :
		    p->problem_mark, hint);
		return;
	}
	char msg[512];
	/* TRANSLATORS: libyaml's own (English) words go in the %s. */
	snprintf(msg, sizeof msg, _("malformed YAML: %s%s%s (check "
	    "indentation, colons and quotes)"), p->problem ? p->problem :
	    "syntax error", p->context ? " " : "", p->context ? p->context :
	    "");
	fail_mark(L, m, msg);
}

static int next(struct loader *L, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&L->parser, ev)) {
		fail_parser(L, L->text, L->len);
		return 0;
	}
	return 1;
}

static int is_number(const char *s, size_t n)
{
	size_t i = 0;
	int digits = 0, dot = 0, exp = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && !dot && !exp)
			dot = 1;
		else if ((s[i] == 'e' || s[i] == 'E') && digits && !exp) {
			exp = 1;
			if (i + 1 < n && (s[i + 1] == '-' || s[i + 1] == '+'))
				i++;
			/* "1e" and "1e+" are words, not numbers. */
			if (i + 1 >= n || s[i + 1] < '0' || s[i + 1] > '9')
				return 0;
		} else
			return 0;
	}
	/* A leading zero ("0123", a postcode) stays a string. */
	size_t start = (s[0] == '-' || s[0] == '+');
	if (n - start > 1 && s[start] == '0' && s[start + 1] != '.')
		return 0;
	return digits > 0;
}

/* A NUL ("\0" in a quoted string) would cut the text wherever C reads
 * it: refused, at its escape. */
static int no_nul(struct loader *L, yaml_event_t *ev)
{
	if (!memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
		return 1;
	/* Point at the escape that made it: \0, \x00, \u0000 or
	 * \U00000000 in a double-quoted string (a NUL byte itself is
	 * refused by libyaml's reader). */
	yaml_mark_t m = ev->start_mark;
	size_t end = ev->end_mark.index < L->len ? ev->end_mark.index : L->len;
	for (size_t i = m.index; i + 1 < end; i++) {
		if (L->text[i] != '\\')
			continue;
		const char *e = L->text + i + 1;
		size_t left = end - i - 1;
		if (*e == '0' || (left >= 3 && !memcmp(e, "x00", 3)) ||
		    (left >= 5 && !memcmp(e, "u0000", 5)) ||
		    (left >= 9 && !memcmp(e, "U00000000", 9))) {
			int line, col;
			utf8_position(L->text, L->len, i, &line, &col);
			m.line = (size_t)line - 1;
			m.column = (size_t)col - 1;
			break;
		}
		i++; /* an escaped backslash, or another escape */
	}
	fail_mark(L, m, _("a NUL character (\\0) in the text: remove it, "
	    "since it would cut the text short"));
	return 0;
}

static value *scalar(struct loader *L, yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	value *v;
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    ev->data.scalar.tag) {
		v = val_strn(L->a, s, n);
	} else if (n == 0 || (n == 1 && s[0] == '~') ||
	    (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) ||
	    !memcmp(s, "NULL", 4)))) {
		v = val_null(L->a);
	} else if ((n == 4 && (!memcmp(s, "true", 4) || !memcmp(s, "True", 4) ||
	    !memcmp(s, "TRUE", 4)))) {
		v = val_bool(L->a, 1);
	} else if ((n == 5 && (!memcmp(s, "false", 5) ||
	    !memcmp(s, "False", 5) || !memcmp(s, "FALSE", 5)))) {
		v = val_bool(L->a, 0);
	} else if (is_number(s, n)) {
		char tmp[64];
		if (n < sizeof tmp) {
			memcpy(tmp, s, n);
			tmp[n] = '\0';
			v = val_num(L->a, strtod(tmp, NULL));
		} else {
			v = val_strn(L->a, s, n);
		}
	} else {
		v = val_strn(L->a, s, n);
	}
	return v;
}

/* nodes: how many values v stands for (L->nodes before it was begun
 * subtracted from L->nodes now). */
static void remember(struct loader *L, const yaml_char_t *anchor, value *v,
    size_t nodes)
{
	if (!anchor)
		return;
	struct anchor *an = arena_alloc(L->a, sizeof *an);
	an->v = v;
	an->nodes = nodes;
	strmap_set(L->anchors, arena_strdup(L->a, (const char *)anchor), an);
}

/* Opens a list or map: refuses nesting past LIMIT_YAML_DEPTH, because
 * the loader recurses once per level. */
static int enter(struct loader *L, yaml_event_t *start)
{
	if (++L->depth <= LIMIT_YAML_DEPTH)
		return 1;
	char msg[300];
	/* TRANSLATORS: %d is the limit (LIMIT_YAML_DEPTH in README.md,
	 * "Limits"). */
	snprintf(msg, sizeof msg, _("lists and maps are nested more than %d "
	    "deep here (the limit LIMIT_YAML_DEPTH): flatten the structure"),
	    LIMIT_YAML_DEPTH);
	fail_mark(L, start->start_mark, msg);
	return 0;
}

static value *load_seq(struct loader *L, yaml_event_t *start)
{
	size_t before = L->nodes;
	if (!enter(L, start))
		return NULL;
	value *list = val_list(L->a);
	L->nodes++;
	for (;;) {
		yaml_event_t ev;
		if (!next(L, &ev))
			return NULL;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			/* Known only once complete, so an alias cannot make a
			 * list contain itself. */
			L->depth--;
			remember(L, start->data.sequence_start.anchor, list,
			    L->nodes - before);
			return list;
		}
		value *item = load_node(L, &ev);
		yaml_event_delete(&ev);
		if (!item)
			return NULL;
		val_list_push(L->a, list, item);
	}
}

static const char *key_text(struct loader *L, value *k)
{
	switch (k->kind) {
	case VAL_STR: return k->u.str.s;
	case VAL_NULL: return "null";
	case VAL_BOOL: return k->u.b ? "true" : "false";
	case VAL_NUM: return arena_printf(L->a, "%g", k->u.num);
	default: return NULL;
	}
}

static value *load_map(struct loader *L, yaml_event_t *start)
{
	size_t before = L->nodes;
	if (!enter(L, start))
		return NULL;
	value *map = val_map(L->a);
	L->nodes++;
	/* Keys seen, once the map is too large to search for a duplicate one
	 * key at a time. */
	strmap *seen = NULL;
	for (;;) {
		yaml_event_t ev;
		if (!next(L, &ev))
			goto fail;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			strmap_free(seen);
			L->depth--;
			remember(L, start->data.mapping_start.anchor, map,
			    L->nodes - before);
			return map;
		}
		yaml_mark_t km = ev.start_mark;
		/* A key is its text as written: 1234567 stays "1234567". */
		const char *key = NULL;
		if (ev.type == YAML_SCALAR_EVENT) {
			if (!no_nul(L, &ev)) {
				yaml_event_delete(&ev);
				goto fail;
			}
			key = arena_strndup(L->a,
			    (const char *)ev.data.scalar.value,
			    ev.data.scalar.length);
			/* `&k name: 1` may be used as `*k` later. */
			if (ev.data.scalar.anchor)
				remember(L, ev.data.scalar.anchor,
				    val_str_ref(L->a, key), 1);
			yaml_event_delete(&ev);
		} else {
			value *k = load_node(L, &ev);
			yaml_event_delete(&ev);
			if (!k)
				goto fail;
			key = key_text(L, k);
		}
		if (!key) {
			fail_mark(L, km, _("a map key must be plain text"));
			goto fail;
		}
		if (map->u.map.len == LIMIT_YAML_MAP_KEYS) {
			char msg[300];
			/* TRANSLATORS: %d is the limit (LIMIT_YAML_MAP_KEYS
			 * in README.md, "Limits"). */
			snprintf(msg, sizeof msg, _("a map has more than %d "
			    "keys here (the limit LIMIT_YAML_MAP_KEYS): split "
			    "it or move the data out of the site"),
			    LIMIT_YAML_MAP_KEYS);
			fail_mark(L, km, msg);
			goto fail;
		}
		/* Small maps are searched; a large one gets a hash set, so
		 * that loading stays linear. */
		if (!seen && map->u.map.len == 32) {
			seen = strmap_new();
			for (size_t i = 0; i < map->u.map.len; i++)
				strmap_set(seen, map->u.map.items[i].key, map);
		}
		if (seen ? strmap_put_new(seen, key, map) != NULL :
		    val_map_get(map, key) != NULL) {
			char msg[300];
			snprintf(msg, sizeof msg, _("key '%.200s' appears "
			    "twice in the same map: keep one"), key);
			fail_mark(L, km, msg);
			goto fail;
		}
		if (!next(L, &ev))
			goto fail;
		value *v = load_node(L, &ev);
		yaml_event_delete(&ev);
		if (!v)
			goto fail;
		val_map_set(L->a, map, key, v);
	}
fail:
	strmap_free(seen);
	return NULL;
}

static value *alias(struct loader *L, yaml_event_t *ev)
{
	struct anchor *an = strmap_get(L->anchors,
	    (const char *)ev->data.alias.anchor);
	if (!an) {
		fail_mark(L, ev->start_mark, "unknown alias: define the "
		    "anchor (&name) before using *name");
		return NULL;
	}
	L->nodes += an->nodes;
	L->aliased += an->nodes;
	if (L->aliased > LIMIT_YAML_ALIAS_NODES) {
		char msg[400];
		/* TRANSLATORS: %d is the limit (LIMIT_YAML_ALIAS_NODES in
		 * README.md, "Limits"); *name is YAML syntax. */
		snprintf(msg, sizeof msg, _("aliases (*name) here repeat more "
		    "than %d values in all (the limit "
		    "LIMIT_YAML_ALIAS_NODES): write the values out or use "
		    "fewer aliases"), LIMIT_YAML_ALIAS_NODES);
		fail_mark(L, ev->start_mark, msg);
		return NULL;
	}
	return an->v;
}

static value *load_node(struct loader *L, yaml_event_t *ev)
{
	value *v = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (!no_nul(L, ev))
			return NULL;
		v = scalar(L, ev);
		L->nodes++;
		remember(L, ev->data.scalar.anchor, v, 1);
		break;
	case YAML_SEQUENCE_START_EVENT:
		v = load_seq(L, ev);
		break;
	case YAML_MAPPING_START_EVENT:
		v = load_map(L, ev);
		break;
	case YAML_ALIAS_EVENT:
		return alias(L, ev);
	default:
		fail_mark(L, ev->start_mark, _("unexpected YAML structure"));
		return NULL;
	}
	if (v && v->line == 0) {
		v->line = (int)ev->start_mark.line + 1 + L->line_offset;
		v->col = (int)ev->start_mark.column + 1;
	}
	return v;
}

value *yaml_parse(arena *a, const char *file, const char *text, size_t len,
    int line_offset, diag *d)
{
	struct loader L = {0};
	L.a = a;
	L.file = file;
	L.line_offset = line_offset;
	L.d = d;
	L.text = text;
	L.len = len;
	L.anchors = strmap_new();
	if (!yaml_parser_initialize(&L.parser))
		abort();
	yaml_parser_set_input_string(&L.parser, (const unsigned char *)text,
	    len);
	yaml_parser_set_encoding(&L.parser, YAML_UTF8_ENCODING);
	value *root = NULL;
	yaml_event_t ev;
	int done = 0;
	while (!done && next(&L, &ev)) {
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (root) {
				fail_mark(&L, ev.start_mark, _("only one YAML "
				    "document is allowed here (remove the "
				    "extra '---')"));
				done = 1;
			}
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			root = load_node(&L, &ev);
			if (!root)
				done = 1;
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&L.parser);
	strmap_free(L.anchors);
	if (L.failed)
		return NULL;
	if (!root) {
		root = val_null(a);
		root->line = line_offset + 1;
		root->col = 1;
	}
	return root;
}
