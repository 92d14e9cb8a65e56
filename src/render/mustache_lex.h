/* mustache_lex: passes 1 and 2 of compiling a template (mustache.c tells
 * the whole story): the source into tokens, sections matched and errors
 * reported at their place; then which tags stand alone on their line, and
 * where lines begin. Internal to the template engine: pass 3
 * (mustache_compile.c) reads the tokens. */
#ifndef SAITTI_MUSTACHE_LEX_H
#define SAITTI_MUSTACHE_LEX_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"

/* Sections nested inside one template. Deeper is surely a mistake, and the
 * bound keeps the compiler's and the renderer's recursion small. */
#define MAX_NEST 100

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

/* Reads tokens and matches sections. Returns -1 after reporting. */
int mustache_tokenize(struct parser *p);
/* Marks the tags alone on their line and cuts those lines out of the
 * text around them (the spec's whitespace rules). */
void mustache_find_standalone(struct parser *p);
/* Marks the tokens that begin a source line, for indentation. */
void mustache_find_bol(struct parser *p);

#endif
