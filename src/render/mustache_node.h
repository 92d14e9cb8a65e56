/* mustache_node: the compiled form of a Mustache template set, shared by
 * the set (mustache.c), the compiler (mustache_compile.c) and the runtime
 * (mustache_run.c). Internal to the template engine: everything else uses
 * mustache.h. */
#ifndef SAITTI_MUSTACHE_NODE_H
#define SAITTI_MUSTACHE_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "mustache.h"

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

/* A template name's hash, as the set's table keys it. */
uint64_t mustache_hash_name(const char *s, size_t n);
/* The template named name[0..len) with hash h, or NULL. */
const struct tmpl *mustache_find_tmpl(const mustache_set *set,
    const char *name, size_t len, uint64_t h);
/* Puts t in the table, replacing a template of the same name. */
void mustache_store_tmpl(mustache_set *set, struct tmpl *t);

#endif
