/* mustache: templates are compiled once into node trees, then rendered.
 *
 * Compiling takes three passes over the source, so each decision is made
 * with everything it needs in view:
 *   1. tokenize: text and tags, following set-delimiter tags, matching each
 *      close tag to its open tag (and reporting errors with their position);
 *   2. standalone: decide which tags sit alone on their line and cut that
 *      line out of the neighbouring text (the spec's whitespace rules);
 *   3. build: turn the tokens into node lists, copying text into the set's
 *      arena, so the source need not outlive mustache_add().
 *
 * Rendering walks the nodes with everything it needs on the C stack (the
 * context stack, the indentation of enclosing standalone partials, the
 * block overrides of enclosing parents), so it allocates nothing but the
 * output and never writes to the set: threads may share one set.
 *
 * Indentation is modelled on the source: a standalone partial indented by
 * "  " renders as if every non-empty line of its source began with "  ".
 * Nodes therefore remember whether they begin a source line (`bol`); text
 * knows its line starts by its newlines. */
#include "mustache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/i18n.h"
#include "escape.h"

/* Sections nested inside one template. Deeper is surely a mistake, and the
 * bound keeps the compiler's and the renderer's recursion small. */
#define MAX_NEST 100
/* Limits that tell a template recursing without end (a partial that
 * includes itself whatever the data, maybe twice: {{>p}}{{>p}}) or growing
 * without bound (list sections nested a hundred deep) from a deep or big
 * page: node lists entered one inside another, and partials, parents,
 * block arguments and passes of list sections in one render. Past either
 * the render stops and fails. */
#define MAX_DEPTH 1000
#define MAX_EXPANSIONS 1000000

/* ---- compiled form ---- */

enum node_kind {
	N_TEXT,
	N_VAR,      /* {{x}}: escaped */
	N_RAW,      /* {{{x}}} and {{&x}} */
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT,   /* kids are its arguments: block nodes only */
	N_BLOCK
};

typedef struct mnode mnode;

typedef struct {
	mnode *v;
	size_t n;
} nlist;

/* A dotted name split once at compile time; n == 0 is the implicit
 * iterator ".". */
typedef struct {
	const char **parts;
	unsigned *hashes;  /* val_key_hash of each part, for fast lookups */
	size_t n;
} mname;

struct mnode {
	unsigned char kind;
	unsigned char bol;        /* begins a source line: indent it */
	unsigned char standalone; /* partial, parent, block: alone on a line */
	unsigned char dynamic;    /* partial, parent: {{>*name}} */
	const char *s;            /* text; or partial, parent, block name */
	size_t len;
	uint64_t hash;            /* of a static partial or parent name */
	mname name;               /* var, section; dynamic partial, parent */
	const char *indent;       /* standalone partial, parent, block */
	size_t indent_len;
	nlist kids;
};

struct tmpl {
	const char *name;
	uint64_t hash;
	nlist root;
};

struct mustache_set {
	arena *a;
	struct tmpl **slot; /* open addressing, power-of-two size */
	size_t cap, n;
};

static uint64_t hash_name(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

static const struct tmpl *find_tmpl(const mustache_set *set, const char *name,
    size_t len, uint64_t h)
{
	if (!set->cap)
		return NULL;
	for (size_t i = (size_t)h & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		const struct tmpl *t = set->slot[i];
		if (!t)
			return NULL;
		if (t->hash == h && strlen(t->name) == len &&
		    memcmp(t->name, name, len) == 0)
			return t;
	}
}

/* Puts t in the table, replacing a template of the same name. */
static void store_tmpl(mustache_set *set, struct tmpl *t)
{
	if (2 * (set->n + 1) > set->cap) {
		size_t cap = set->cap ? 2 * set->cap : 32;
		struct tmpl **slot = calloc(cap, sizeof *slot);
		if (!slot) {
			fputs("saitti: out of memory\n", stderr);
			abort();
		}
		for (size_t i = 0; i < set->cap; i++) {
			struct tmpl *o = set->slot[i];
			if (!o)
				continue;
			size_t j = (size_t)o->hash & (cap - 1);
			while (slot[j])
				j = (j + 1) & (cap - 1);
			slot[j] = o;
		}
		free(set->slot);
		set->slot = slot;
		set->cap = cap;
	}
	size_t i = (size_t)t->hash & (set->cap - 1);
	for (; set->slot[i]; i = (i + 1) & (set->cap - 1))
		if (set->slot[i]->hash == t->hash &&
		    strcmp(set->slot[i]->name, t->name) == 0) {
			set->slot[i] = t;
			return;
		}
	set->slot[i] = t;
	set->n++;
}

mustache_set *mustache_set_new(void)
{
	mustache_set *set = calloc(1, sizeof *set);
	if (!set) {
		fputs("saitti: out of memory\n", stderr);
		abort();
	}
	set->a = arena_new();
	return set;
}

void mustache_set_free(mustache_set *set)
{
	if (!set)
		return;
	free(set->slot);
	arena_free(set->a);
	free(set);
}

int mustache_has(const mustache_set *set, const char *name)
{
	size_t len = strlen(name);
	return find_tmpl(set, name, len, hash_name(name, len)) != NULL;
}

/* ---- pass 1: tokens ---- */

/* Tags that may stand alone on a line come after T_RAW. */
enum tok_kind {
	T_TEXT,
	T_VAR,
	T_RAW,
	T_SECTION,
	T_INVERTED,
	T_CLOSE,
	T_PARTIAL,
	T_PARENT,
	T_BLOCK,
	T_COMMENT,
	T_DELIM
};

struct tok {
	unsigned char kind;
	unsigned char dynamic;    /* name began with '*' */
	unsigned char standalone; /* its line is cut out (pass 2) */
	unsigned char bol;        /* begins a source line (pass 2) */
	size_t start, end;        /* the text, or the whole tag */
	size_t ts, te;            /* text left after standalone cuts */
	size_t cut;               /* tag: start of the cut before it */
	size_t after;             /* tag: end of the cut after it */
	const char *name;         /* tag content, trimmed, '*' dropped */
	size_t nlen;
	size_t match;             /* open and close tags: the other one */
	int line, col;            /* tag: for messages */
};

struct parser {
	arena *a;
	const char *file, *src;
	size_t len;
	diag *d;
	struct tok *t;
	size_t n, cap;
	/* The delimiters in force (pointing into src once changed). */
	const char *ot, *ct;
	size_t ol, cl;
	/* Open sections, innermost last, as token indexes. */
	size_t open[MAX_NEST];
	size_t depth;
	/* Position cache for messages: line `line` starts at `line_start`,
	 * and newlines were counted up to `at`. */
	int line;
	size_t line_start, at;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Line and column (in characters, as libyaml counts them) of offset off.
 * Offsets only grow while tokenizing, so the scan is linear overall. */
static void position(struct parser *p, size_t off, int *line, int *col)
{
	if (off < p->at) {
		p->line = 1;
		p->line_start = p->at = 0;
	}
	for (; p->at < off; p->at++)
		if (p->src[p->at] == '\n') {
			p->line++;
			p->line_start = p->at + 1;
		}
	int c = 1;
	for (size_t i = p->line_start; i < off; i++)
		if (((unsigned char)p->src[i] & 0xC0) != 0x80)
			c++;
	*line = p->line;
	*col = c;
}

static struct tok *push_tok(struct parser *p, int kind, size_t start,
    size_t end)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct tok *t = realloc(p->t, cap * sizeof *t);
		if (!t) {
			fputs("saitti: out of memory\n", stderr);
			abort();
		}
		p->t = t;
		p->cap = cap;
	}
	struct tok *t = &p->t[p->n++];
	memset(t, 0, sizeof *t);
	t->kind = (unsigned char)kind;
	t->start = t->ts = t->cut = start;
	t->end = t->te = t->after = end;
	return t;
}

/* First offset >= from where `pre` (if not NUL) then s[0..n) occur, or
 * SIZE_MAX. */
static size_t find(const char *src, size_t from, size_t len, char pre,
    const char *s, size_t n)
{
	size_t need = n + (pre != 0);
	for (size_t i = from; i + need <= len; i++) {
		const char *q = memchr(src + i, pre ? pre : s[0], len - i);
		if (!q)
			return SIZE_MAX;
		i = (size_t)(q - src);
		if (i + need > len)
			return SIZE_MAX;
		if (memcmp(src + i + (pre != 0), s, n) == 0)
			return i;
	}
	return SIZE_MAX;
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_blank((*s)[*n - 1]))
		(*n)--;
}

static const char *section_word(int kind)
{
	return kind == T_BLOCK ? "block" : kind == T_PARENT ? "parent" :
	    "section";
}

/* The name as written in a tag: "*x" for a dynamic one, for "%s%.*s" (the
 * format is written out in each message, for xgettext). */
#define NAME_ARGS(t) (t)->dynamic ? "*" : "", (int)(t)->nlen, (t)->name

/* {{=<% %>=}}: content must be two words. */
static int parse_delims(const char *s, size_t n, const char **ot, size_t *ol,
    const char **ct, size_t *cl)
{
	trim(&s, &n);
	size_t i = 0;
	while (i < n && !is_blank(s[i]))
		i++;
	size_t j = i;
	while (j < n && is_blank(s[j]))
		j++;
	if (i == 0 || j == i || j == n)
		return -1;
	for (size_t k = j; k < n; k++)
		if (is_blank(s[k]))
			return -1;
	*ot = s;
	*ol = i;
	*ct = s + j;
	*cl = n - j;
	return 0;
}

static int tag_kind(char c)
{
	switch (c) {
	case '{': case '&': return T_RAW;
	case '#': return T_SECTION;
	case '^': return T_INVERTED;
	case '/': return T_CLOSE;
	case '>': return T_PARTIAL;
	case '<': return T_PARENT;
	case '$': return T_BLOCK;
	case '!': return T_COMMENT;
	case '=': return T_DELIM;
	default: return T_VAR;
	}
}

/* Checks a tag's name and sets tok->name; reports and returns -1 when it
 * is unusable. */
static int tag_name(struct parser *p, struct tok *t, const char *s, size_t n)
{
	trim(&s, &n);
	if ((t->kind == T_PARTIAL || t->kind == T_PARENT ||
	    t->kind == T_CLOSE) && n && s[0] == '*') {
		t->dynamic = 1;
		s++;
		n--;
		trim(&s, &n);
	}
	t->name = s;
	t->nlen = n;
	if (n == 0) {
		diag_error(p->d, p->file, t->line, t->col, _("empty tag: put a "
		    "name between '%.*s' and '%.*s'"), (int)p->ol, p->ot,
		    (int)p->cl, p->ct);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (is_blank(s[i])) {
			diag_error(p->d, p->file, t->line, t->col, _("tag name "
			    "'%.*s' contains a space: a name is one word (a.b "
			    "reaches inside a map)"), (int)n, s);
			return -1;
		}
	return 0;
}

/* A section, inverted section, parent or block tag: remember it until its
 * close tag comes. */
static int open_section(struct parser *p, size_t i)
{
	const struct tok *t = &p->t[i];
	if (p->depth == MAX_NEST) {
		diag_error(p->d, p->file, t->line, t->col, _("sections are "
		    "nested more than %d deep here: close some before opening "
		    "more"),
		    MAX_NEST);
		return -1;
	}
	p->open[p->depth++] = i;
	return 0;
}

static int close_section(struct parser *p, size_t i)
{
	struct tok *t = &p->t[i];
	if (p->depth == 0) {
		diag_error(p->d, p->file, t->line, t->col, _("%.*s/%s%.*s%.*s "
		    "closes '%s%.*s' but no section is open: remove it"),
		    (int)p->ol, p->ot, NAME_ARGS(t), (int)p->cl, p->ct,
		    NAME_ARGS(t));
		return -1;
	}
	struct tok *open = &p->t[p->open[p->depth - 1]];
	if (open->dynamic != t->dynamic || open->nlen != t->nlen ||
	    memcmp(open->name, t->name, t->nlen) != 0) {
		diag_error(p->d, p->file, t->line, t->col, _("%.*s/%s%.*s%.*s "
		    "closes '%s%.*s' but '%s%.*s' is open (opened on line %d): "
		    "close that first"),
		    (int)p->ol, p->ot, NAME_ARGS(t), (int)p->cl, p->ct,
		    NAME_ARGS(t), NAME_ARGS(open), open->line);
		return -1;
	}
	open->match = i;
	t->match = p->open[--p->depth];
	return 0;
}

/* Reads the tag whose opening delimiter is at o into a token. Returns the
 * offset after it, or SIZE_MAX after reporting an error. */
static size_t read_tag(struct parser *p, size_t o)
{
	int line, col;
	position(p, o, &line, &col);
	size_t q = o + p->ol;
	int kind = q < p->len ? tag_kind(p->src[q]) : T_VAR;
	if (kind != T_VAR)
		q++;
	/* Triple mustaches and set-delimiter tags end with a sigil too. */
	char sigil = kind == T_DELIM ? '=' :
	    kind == T_RAW && p->src[q - 1] == '{' ? '}' : 0;
	size_t c = find(p->src, q, p->len, sigil, p->ct, p->cl);
	if (c == SIZE_MAX) {
		diag_error(p->d, p->file, line, col, _("'%.*s' opens a tag "
		    "that is never closed: add '%s%.*s'"), (int)p->ol, p->ot,
		    sigil == '}' ? "}" : sigil == '=' ? "=" : "", (int)p->cl,
		    p->ct);
		return SIZE_MAX;
	}
	size_t end = c + (sigil != 0) + p->cl;
	struct tok *t = push_tok(p, kind, o, end);
	t->line = line;
	t->col = col;
	if (kind == T_COMMENT)
		return end;
	if (kind == T_DELIM) {
		if (parse_delims(p->src + q, c - q, &p->ot, &p->ol, &p->ct,
		    &p->cl) == 0)
			return end;
		diag_error(p->d, p->file, line, col, _("bad set-delimiter tag: "
		    "write the new opening and closing delimiters separated by "
		    "a space, as in {{=<%% %%>=}}"));
		return SIZE_MAX;
	}
	if (tag_name(p, t, p->src + q, c - q) < 0)
		return SIZE_MAX;
	if (kind == T_CLOSE)
		return close_section(p, p->n - 1) < 0 ? SIZE_MAX : end;
	if (kind == T_SECTION || kind == T_INVERTED || kind == T_PARENT ||
	    kind == T_BLOCK)
		return open_section(p, p->n - 1) < 0 ? SIZE_MAX : end;
	return end;
}

/* Reads tokens and matches sections. Returns -1 after reporting. */
static int tokenize(struct parser *p)
{
	p->ot = "{{";
	p->ct = "}}";
	p->ol = p->cl = 2;
	for (size_t pos = 0; pos < p->len;) {
		size_t o = find(p->src, pos, p->len, 0, p->ot, p->ol);
		if (o == SIZE_MAX)
			o = p->len;
		if (o > pos)
			push_tok(p, T_TEXT, pos, o);
		if (o == p->len)
			break;
		pos = read_tag(p, o);
		if (pos == SIZE_MAX)
			return -1;
	}
	if (p->depth > 0) {
		const struct tok *t = &p->t[p->open[p->depth - 1]];
		diag_error(p->d, p->file, t->line, t->col, _("%s '%s%.*s' "
		    "opened here is never closed: add %.*s/%s%.*s%.*s"),
		    section_word(t->kind), NAME_ARGS(t), (int)p->ol, p->ot,
		    NAME_ARGS(t), (int)p->cl, p->ct);
		return -1;
	}
	return 0;
}

/* ---- pass 2: standalone lines ---- */

/* Is tag i preceded on its line by nothing but spaces? *ws: where they
 * begin. Works on the uncut text, so the order of cuts does not matter. */
static int ws_before(const struct parser *p, size_t i, size_t *ws)
{
	if (i == 0) {
		*ws = 0;
		return 1;
	}
	const struct tok *prev = &p->t[i - 1];
	if (prev->kind != T_TEXT)
		return 0;
	size_t s = prev->end;
	while (s > prev->start && (p->src[s - 1] == ' ' ||
	    p->src[s - 1] == '\t'))
		s--;
	if (s > prev->start ? p->src[s - 1] != '\n' : i - 1 != 0)
		return 0;
	*ws = s;
	return 1;
}

/* Is tag i followed on its line by nothing but spaces? *nl: where the
 * next line begins (or the end of the template). */
static int ws_after(const struct parser *p, size_t i, size_t *nl)
{
	if (i + 1 == p->n) {
		*nl = p->len;
		return 1;
	}
	const struct tok *next = &p->t[i + 1];
	if (next->kind != T_TEXT)
		return 0;
	size_t q = next->start;
	while (q < next->end && (p->src[q] == ' ' || p->src[q] == '\t' ||
	    p->src[q] == '\r'))
		q++;
	if (q < next->end) {
		if (p->src[q] != '\n')
			return 0;
		*nl = q + 1;
		return 1;
	}
	if (i + 2 != p->n)
		return 0;
	*nl = next->end;
	return 1;
}

static void cut_before(struct parser *p, size_t i, size_t ws)
{
	p->t[i].cut = ws;
	if (i > 0 && p->t[i - 1].kind == T_TEXT && p->t[i - 1].te > ws)
		p->t[i - 1].te = ws;
}

static void cut_after(struct parser *p, size_t i, size_t nl)
{
	p->t[i].after = nl;
	if (i + 1 < p->n && p->t[i + 1].kind == T_TEXT &&
	    p->t[i + 1].ts < nl)
		p->t[i + 1].ts = nl;
}

/* Two adjacent tags that the inheritance spec lets share a standalone
 * line: {{<p}}{{/p}}, {{$b}}{{/b}}, {{<p}}{{$b}} and {{/b}}{{/p}}.
 * Returns 0 for none, 1 for a pair, 2 for a block pair, whose line keeps
 * its newline (spec PR #131: an empty block must not eat the line). */
static int pair_kind(const struct parser *p, size_t i)
{
	const struct tok *a = &p->t[i], *b = &p->t[i + 1];
	if (b->kind == T_CLOSE && b->match == i)
		return a->kind == T_PARENT ? 1 : a->kind == T_BLOCK ? 2 : 0;
	if (a->kind == T_PARENT && b->kind == T_BLOCK)
		return 1;
	if (a->kind == T_CLOSE && b->kind == T_CLOSE &&
	    p->t[a->match].kind == T_BLOCK && p->t[b->match].kind == T_PARENT)
		return 1;
	return 0;
}

static void find_standalone(struct parser *p)
{
	for (size_t i = 0; i < p->n; i++) {
		if (p->t[i].kind <= T_RAW)
			continue;
		size_t ws, nl;
		if (ws_before(p, i, &ws) && ws_after(p, i, &nl)) {
			cut_before(p, i, ws);
			cut_after(p, i, nl);
			p->t[i].standalone = 1;
			continue;
		}
		if (i + 1 == p->n)
			continue;
		int pair = pair_kind(p, i);
		if (!pair || !ws_before(p, i, &ws) || !ws_after(p, i + 1, &nl))
			continue;
		cut_before(p, i, ws);
		if (pair == 1)
			cut_after(p, i + 1, nl);
		p->t[i].standalone = p->t[i + 1].standalone = 1;
	}
}

/* A comment or a close tag at the start of a line, but not alone on it,
 * hands the line start to what follows it. */
static void find_bol(struct parser *p)
{
	int carry = 0;
	for (size_t i = 0; i < p->n; i++) {
		struct tok *t = &p->t[i];
		if (t->kind == T_TEXT) {
			if (t->ts == t->te)
				continue;
			t->bol = t->ts == 0 || p->src[t->ts - 1] == '\n' ||
			    carry;
			carry = 0;
		} else if (t->standalone) {
			carry = 0;
		} else {
			t->bol = t->start == 0 || p->src[t->start - 1] == '\n' ||
			    carry;
			carry = (t->kind == T_COMMENT || t->kind == T_DELIM ||
			    t->kind == T_CLOSE) && t->bol;
		}
	}
}

/* ---- pass 3: nodes ---- */

static int is_indent(char c)
{
	return c == ' ' || c == '\t';
}

/* The indentation common to the non-blank lines of src[a..b), which
 * starts at a line start. Returns its length and sets *s, or returns
 * SIZE_MAX when every line is blank. */
static size_t common_indent(const struct parser *p, size_t a, size_t b,
    const char **s)
{
	size_t best = SIZE_MAX;
	const char *first = NULL;
	for (size_t i = a; i < b;) {
		size_t w = i;
		while (w < b && is_indent(p->src[w]))
			w++;
		size_t e = w;
		while (e < b && p->src[e] != '\n')
			e++;
		int blank = 1;
		for (size_t k = w; k < e; k++)
			if (p->src[k] != '\r')
				blank = 0;
		if (!blank) {
			size_t n = w - i;
			if (!first) {
				first = p->src + i;
				best = n;
			} else {
				size_t k = 0;
				while (k < n && k < best && p->src[i + k] ==
				    first[k])
					k++;
				best = k;
			}
		}
		i = e + 1;
	}
	*s = first;
	return best;
}

static mname make_name(struct parser *p, const char *s, size_t n)
{
	mname m = {NULL, NULL, 0};
	if (n == 1 && s[0] == '.')
		return m;
	size_t parts = 1;
	for (size_t i = 0; i < n; i++)
		parts += s[i] == '.';
	m.parts = arena_alloc(p->a, parts * sizeof *m.parts);
	m.hashes = arena_alloc(p->a, parts * sizeof *m.hashes);
	for (size_t i = 0, from = 0; i <= n; i++)
		if (i == n || s[i] == '.') {
			m.parts[m.n] = arena_strndup(p->a, s + from, i - from);
			m.hashes[m.n] = val_key_hash(m.parts[m.n]);
			m.n++;
			from = i + 1;
		}
	return m;
}

/* Copies the text of tokens [i, j) into one node, dropping up to `k`
 * spaces of indentation at each source line start (the dedent of a block
 * argument). Returns 0 when nothing is left. */
static int make_text(struct parser *p, mnode *nd, size_t i, size_t j,
    size_t k)
{
	size_t total = 0;
	for (size_t x = i; x < j; x++)
		if (p->t[x].kind == T_TEXT)
			total += p->t[x].te - p->t[x].ts;
	if (total == 0)
		return 0;
	char *out = arena_alloc(p->a, total + 1);
	size_t n = 0;
	int bol = -1;
	for (size_t x = i; x < j; x++) {
		const struct tok *t = &p->t[x];
		if (t->kind != T_TEXT || t->ts == t->te)
			continue;
		if (bol < 0)
			bol = t->bol;
		for (size_t q = t->ts; q < t->te;) {
			if (k && (q == 0 || p->src[q - 1] == '\n'))
				for (size_t d = 0; d < k && q < t->te &&
				    is_indent(p->src[q]); d++)
					q++;
			const char *nl = memchr(p->src + q, '\n', t->te - q);
			size_t e = nl ? (size_t)(nl - p->src) + 1 : t->te;
			memcpy(out + n, p->src + q, e - q);
			n += e - q;
			q = e;
		}
	}
	if (n == 0)
		return 0;
	out[n] = '\0';
	nd->kind = N_TEXT;
	nd->bol = (unsigned char)(bol > 0);
	nd->s = out;
	nd->len = n;
	return 1;
}

/* The part of an indentation left after the enclosing dedent k. */
static void set_indent(struct parser *p, mnode *nd, const char *s, size_t n,
    size_t k)
{
	size_t skip = k < n ? k : n;
	nd->indent = arena_strndup(p->a, s + skip, n - skip);
	nd->indent_len = n - skip;
}

static nlist build(struct parser *p, size_t from, size_t to, size_t k,
    int args_only);

static void build_block(struct parser *p, mnode *nd, size_t i, size_t k,
    int is_arg)
{
	const struct tok *t = &p->t[i];
	size_t a = t->after, b = p->t[t->match].cut;
	const char *s;
	size_t n = t->standalone && a < b ? common_indent(p, a, b, &s) :
	    SIZE_MAX;
	if (is_arg) {
		/* An argument is dedented where it is defined and indented
		 * where it is expanded. */
		if (t->standalone && n != SIZE_MAX && n > k)
			k = n;
	} else if (t->standalone) {
		/* Where it is expanded, an argument takes the indentation of
		 * the default content, or else of the tag. */
		if (n == SIZE_MAX) {
			s = p->src + t->cut;
			n = t->start - t->cut;
		}
		set_indent(p, nd, s, n, k);
	}
	nd->kids = build(p, i + 1, t->match, k, 0);
}

static void build_tag(struct parser *p, mnode *nd, size_t i, size_t k,
    int is_arg)
{
	const struct tok *t = &p->t[i];
	nd->bol = t->bol;
	nd->standalone = t->standalone;
	nd->dynamic = t->dynamic;
	switch (t->kind) {
	case T_VAR:
	case T_RAW:
		nd->kind = t->kind == T_VAR ? N_VAR : N_RAW;
		nd->name = make_name(p, t->name, t->nlen);
		break;
	case T_SECTION:
	case T_INVERTED:
		nd->kind = t->kind == T_SECTION ? N_SECTION : N_INVERTED;
		nd->name = make_name(p, t->name, t->nlen);
		nd->kids = build(p, i + 1, t->match, k, 0);
		break;
	case T_PARTIAL:
	case T_PARENT:
		nd->kind = t->kind == T_PARTIAL ? N_PARTIAL : N_PARENT;
		if (t->dynamic)
			nd->name = make_name(p, t->name, t->nlen);
		nd->s = arena_strndup(p->a, t->name, t->nlen);
		nd->len = t->nlen;
		nd->hash = hash_name(t->name, t->nlen);
		if (t->standalone)
			set_indent(p, nd, p->src + t->cut, t->start - t->cut,
			    k);
		if (t->kind == T_PARENT)
			nd->kids = build(p, i + 1, t->match, k, 1);
		break;
	case T_BLOCK:
		nd->kind = N_BLOCK;
		nd->s = arena_strndup(p->a, t->name, t->nlen);
		nd->len = t->nlen;
		build_block(p, nd, i, k, is_arg);
		break;
	}
}

/* The token after token i and, if i opens a section, all it contains. */
static size_t skip(const struct parser *p, size_t i)
{
	switch (p->t[i].kind) {
	case T_SECTION: case T_INVERTED: case T_PARENT: case T_BLOCK:
		return p->t[i].match + 1;
	default:
		return i + 1;
	}
}

/* Nodes for tokens [from, to), one level deep. k: indentation to drop
 * from each line (inside a block argument). args_only: the body of a
 * parent, where only blocks count and the rest is ignored. */
static nlist build(struct parser *p, size_t from, size_t to, size_t k,
    int args_only)
{
	nlist l = {NULL, 0};
	size_t cap = 0;
	for (size_t i = from; i < to; i = skip(p, i))
		cap++;
	if (cap == 0)
		return l;
	l.v = arena_alloc(p->a, cap * sizeof *l.v);
	for (size_t i = from; i < to;) {
		const struct tok *t = &p->t[i];
		size_t next = skip(p, i);
		if (args_only) {
			if (t->kind == T_BLOCK)
				build_tag(p, &l.v[l.n++], i, k, 1);
		} else if (t->kind == T_TEXT || t->kind == T_COMMENT ||
		    t->kind == T_DELIM) {
			/* Text around dropped tags merges into one node. */
			while (next < to && (p->t[next].kind == T_TEXT ||
			    p->t[next].kind == T_COMMENT ||
			    p->t[next].kind == T_DELIM))
				next++;
			l.n += (size_t)make_text(p, &l.v[l.n], i, next, k);
		} else if (t->kind != T_CLOSE) {
			build_tag(p, &l.v[l.n++], i, k, 0);
		}
		i = next;
	}
	return l;
}

int mustache_add(mustache_set *set, const char *name, const char *file,
    const char *src, size_t len, diag *d)
{
	struct parser p = {0};
	int rc = -1;
	p.a = set->a;
	p.file = file;
	p.src = src;
	p.len = len;
	p.d = d;
	p.line = 1;
	if (tokenize(&p) < 0)
		goto out;
	find_standalone(&p);
	find_bol(&p);
	struct tmpl *t = arena_alloc(set->a, sizeof *t);
	t->name = arena_strdup(set->a, name);
	t->hash = hash_name(name, strlen(name));
	t->root = build(&p, 0, p.n, 0, 0);
	store_tmpl(set, t);
	rc = 0;
out:
	free(p.t);
	return rc;
}

/* ---- rendering ---- */

/* Everything below lives on the C stack of one render. */
struct frame {  /* the context stack above the caller's array */
	const value *v;
	const struct frame *up;
};

struct indent { /* a standalone partial's, parent's or block's */
	const char *s;
	size_t len;
	const struct indent *up;
};

struct args {   /* the blocks passed to an enclosing parent */
	const nlist *blocks;
	const struct args *up;
};

struct scope {
	const struct frame *top;
	const struct indent *ind;
	const struct args *args;
};

struct render {
	const mustache_set *set;
	buf *out;
	const value *const *ctx;
	size_t n;
	int depth;
	long expansions;
	int runaway;    /* a limit was hit: stop everywhere */
};

/* Counts one more partial, parent, block argument or pass of a list
 * section; 0 when over budget. */
static int may_expand(struct render *r)
{
	if (++r->expansions > MAX_EXPANSIONS)
		r->runaway = 1;
	return !r->runaway;
}

static void render_list(struct render *r, const nlist *l,
    const struct scope *sc);

/* The spec's lookup: the first part of a dotted name is searched down the
 * context stack, the rest only inside what that found. */
static const value *lookup(const struct render *r, const struct scope *sc,
    const mname *m)
{
	if (m->n == 0)
		return sc->top ? sc->top->v : r->n ? r->ctx[r->n - 1] : NULL;
	const value *v = NULL;
	for (const struct frame *f = sc->top; f && !v; f = f->up)
		v = val_map_get_h(f->v, m->parts[0], m->hashes[0]);
	for (size_t i = r->n; i-- > 0 && !v;)
		v = val_map_get_h(r->ctx[i], m->parts[0], m->hashes[0]);
	for (size_t i = 1; i < m->n && v; i++)
		v = val_map_get_h(v, m->parts[i], m->hashes[i]);
	return v;
}

static void put_indent(buf *out, const struct indent *ind)
{
	if (!ind)
		return;
	put_indent(out, ind->up);
	buf_put(out, ind->s, ind->len);
}

/* Integral values print as integers (up to 2^53, where doubles stop
 * being exact); others in the fewest digits that read back as the same
 * double (%.15g is shortest whenever it round-trips, as %g drops trailing
 * zeros). */
static void put_number(buf *out, double x)
{
	char tmp[40];
	if (x >= -9007199254740992.0 && x <= 9007199254740992.0 &&
	    (double)(long long)x == x) {
		snprintf(tmp, sizeof tmp, "%lld", (long long)x);
	} else {
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(tmp, sizeof tmp, "%.*g", prec, x);
			if (strtod(tmp, NULL) == x)
				break;
		}
	}
	buf_puts(out, tmp);
}

static void put_value(buf *out, const value *v, int escape)
{
	if (!v)
		return;
	switch (v->kind) {
	case VAL_STR:
		if (escape)
			escape_html(out, v->u.str.s, v->u.str.len);
		else
			escape_html_raw(out, v->u.str.s, v->u.str.len);
		break;
	case VAL_NUM:
		put_number(out, v->u.num);
		break;
	case VAL_BOOL:
		buf_puts(out, v->u.b ? "true" : "false");
		break;
	case VAL_NULL:
	case VAL_LIST:
	case VAL_MAP:
		break;
	}
}

/* Text, indented at each line start (empty lines stay empty). */
static void put_text(buf *out, const mnode *nd, const struct indent *ind)
{
	const char *s = nd->s;
	size_t n = nd->len;
	if (!ind) {
		buf_put(out, s, n);
		return;
	}
	if (nd->bol && s[0] != '\n')
		put_indent(out, ind);
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) + 1 : n;
		buf_put(out, s + i, e - i);
		i = e;
		if (i < n && s[i] != '\n')
			put_indent(out, ind);
	}
}

static void render_section(struct render *r, const mnode *nd,
    const struct scope *sc)
{
	const value *v = lookup(r, sc, &nd->name);
	if (nd->kind == N_INVERTED) {
		if (!val_truthy(v))
			render_list(r, &nd->kids, sc);
		return;
	}
	if (!val_truthy(v))
		return;
	struct frame f = {v, sc->top};
	struct scope inner = {&f, sc->ind, sc->args};
	if (v->kind != VAL_LIST) {
		render_list(r, &nd->kids, &inner);
		return;
	}
	for (size_t i = 0; i < v->u.list.len && may_expand(r); i++) {
		f.v = v->u.list.items[i];
		render_list(r, &nd->kids, &inner);
	}
}

/* {{>name}} and {{<name}}...{{/name}}: a partial is a parent without
 * arguments, so both pass the enclosing arguments on. */
static void render_include(struct render *r, const mnode *nd,
    const struct scope *sc)
{
	const char *name = nd->s;
	size_t len = nd->len;
	uint64_t h = nd->hash;
	if (nd->dynamic) {
		const value *v = lookup(r, sc, &nd->name);
		if (!v || v->kind != VAL_STR)
			return;
		name = v->u.str.s;
		len = v->u.str.len;
		h = hash_name(name, len);
	}
	const struct tmpl *t = find_tmpl(r->set, name, len, h);
	if (!t || !may_expand(r))
		return;
	struct indent ind = {nd->indent, nd->indent_len, sc->ind};
	struct args args = {&nd->kids, sc->args};
	struct scope inner = {sc->top, NULL, sc->args};
	/* Only a standalone tag indents; an inline one leaves the lines of
	 * what it includes where they fall. */
	if (nd->standalone)
		inner.ind = nd->indent_len ? &ind : sc->ind;
	if (nd->kind == N_PARENT)
		inner.args = &args;
	render_list(r, &t->root, &inner);
}

/* {{$name}}: the argument given by the outermost parent, else the default
 * content. */
static void render_block(struct render *r, const mnode *nd,
    const struct scope *sc)
{
	const mnode *arg = NULL;
	for (const struct args *a = sc->args; a; a = a->up)
		for (size_t i = 0; i < a->blocks->n; i++) {
			const mnode *b = &a->blocks->v[i];
			if (b->len == nd->len &&
			    memcmp(b->s, nd->s, nd->len) == 0) {
				arg = b;
				break;
			}
		}
	if (!arg) {
		render_list(r, &nd->kids, sc);
		return;
	}
	if (!may_expand(r))
		return;
	struct indent ind = {nd->indent, nd->indent_len, sc->ind};
	struct scope inner = {sc->top, NULL, sc->args};
	if (nd->standalone)
		inner.ind = nd->indent_len ? &ind : sc->ind;
	render_list(r, &arg->kids, &inner);
}

static void render_list(struct render *r, const nlist *l,
    const struct scope *sc)
{
	if (r->depth >= MAX_DEPTH)
		r->runaway = 1;
	if (r->runaway)
		return;
	r->depth++;
	for (size_t i = 0; i < l->n && !r->runaway; i++) {
		const mnode *nd = &l->v[i];
		if (nd->kind == N_TEXT) {
			put_text(r->out, nd, sc->ind);
			continue;
		}
		if (nd->bol && sc->ind)
			put_indent(r->out, sc->ind);
		switch (nd->kind) {
		case N_VAR:
		case N_RAW:
			put_value(r->out, lookup(r, sc, &nd->name),
			    nd->kind == N_VAR);
			break;
		case N_SECTION:
		case N_INVERTED:
			render_section(r, nd, sc);
			break;
		case N_PARTIAL:
		case N_PARENT:
			render_include(r, nd, sc);
			break;
		case N_BLOCK:
			render_block(r, nd, sc);
			break;
		}
	}
	r->depth--;
}

int mustache_render(const mustache_set *set, const char *name,
    const value *const *ctx, size_t n, buf *out)
{
	size_t len = strlen(name);
	const struct tmpl *t = find_tmpl(set, name, len, hash_name(name, len));
	if (!t)
		return -1;
	/* out->data is a string afterwards even when nothing is written
	 * (buf_detach() of a never-grown buf leaves it unterminated). */
	buf_put(out, "", 0);
	struct render r = {set, out, ctx, n, 0, 0, 0};
	struct scope sc = {NULL, NULL, NULL};
	render_list(&r, &t->root, &sc);
	return r.runaway ? -1 : 0;
}
