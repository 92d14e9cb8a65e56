/* value: the one dynamic type that carries front matter, site.yaml and the
 * theme's strings into templates, and through which the site model shows
 * itself to templates.
 *
 * Every value and every string it points to lives in an arena; values are
 * never freed one by one. Maps keep insertion order (so output is
 * deterministic) and look keys up linearly: they are small. Once built, a
 * value is only read, so worker threads may share it. */
#ifndef SAITTI_VALUE_H
#define SAITTI_VALUE_H

#include <stdatomic.h>
#include <stddef.h>

#include "arena.h"

typedef enum {
	VAL_NULL,
	VAL_BOOL,
	VAL_NUM,
	VAL_STR,
	VAL_LIST,
	VAL_MAP
} val_kind;

typedef struct value value;

/* The bits of value.esc: the string holds nothing that escape_html
 * (TEXT) or escape_html_raw (HTML) changes or drops, or it does. */
enum {
	VAL_ESC_TEXT_OK = 1, VAL_ESC_TEXT_NO = 2,
	VAL_ESC_HTML_OK = 4, VAL_ESC_HTML_NO = 8
};

enum {
	VSUB_NONE,
	VSUB_INT,            /* a number written as an integer */
	VSUB_DATETIME,       /* 1979-05-27T07:32:00Z: an instant */
	VSUB_DATETIME_LOCAL, /* 1979-05-27T07:32:00: no offset */
	VSUB_DATE_LOCAL,     /* 1979-05-27 */
	VSUB_TIME_LOCAL      /* 07:32:00 */
};

/* One key of a map; hash is val_key_hash(key), compared before the
 * string. */
struct val_entry {
	const char *key;
	unsigned hash;
	value *val;
};

struct value {
	val_kind kind;
	int line, col; /* where it came from in its file; 0 when made */
	/* Set (by valhash_remember, before any reader starts) on a list or map
	 * that many pages share, so that digests look it up instead of
	 * walking it again. Fits in padding: no bigger a value. */
	unsigned char shared;
	/* What a number or string was written as, where the source format
	 * says more than the kind (TOML): VSUB_INT for an integer (its exact
	 * value in u.inum too), a VSUB_DATE… kind for a string that holds
	 * a TOML date or time as written. 0 otherwise. */
	unsigned char sub;
	/* What the template engine has found out about a string (VAL_ESC_
	 * bits), so that one printed on many pages (a post's title, a tag's
	 * name) is checked for what to escape once. Any reader thread may set
	 * it, hence atomic; also in padding. 0 when made. */
	_Atomic unsigned char esc;
	union {
		int b;
		struct {
			double num;
			long long inum; /* exact, when sub is VSUB_INT */
		};
		struct {
			const char *s; /* NUL-terminated too */
			size_t len;
		} str;
		struct {
			value **items;
			size_t len, cap;
		} list;
		struct {
			struct val_entry *items;
			size_t len, cap;
		} map;
	} u;
};

value *val_null(arena *a);
value *val_bool(arena *a, int b);
value *val_num(arena *a, double n);
/* A number written as an integer: u.num is its nearest double, u.inum
 * its exact value. */
value *val_int(arena *a, long long n);
/* Copies s[0..len). */
value *val_strn(arena *a, const char *s, size_t len);
value *val_str(arena *a, const char *s);
/* Points at s, which must outlive the value (an arena string, a literal). */
value *val_str_ref(arena *a, const char *s);
/* The same with its length known: s is not read. */
value *val_strn_ref(arena *a, const char *s, size_t len);
value *val_list(arena *a);
value *val_map(arena *a);
/* A map with room for cap keys, when the size is known: growing a map
 * leaves its old arrays behind in the arena. */
value *val_map_sized(arena *a, size_t cap);

/* A new map with map's keys and values, in its order, and room for extra
 * keys more: the entries are copied as they are, without looking each
 * key up again as val_map_set would. */
value *val_map_copy(arena *a, const value *map, size_t extra);

void val_list_push(arena *a, value *list, value *item);
/* Sets key (not copied: it must outlive the map) to v, replacing an old
 * value of the same key. */
void val_map_set(arena *a, value *map, const char *key, value *v);
/* Shorthands that make the value too (val_map_bool shares one true and
 * one false). */
void val_map_str(arena *a, value *map, const char *key, const char *s);
void val_map_bool(arena *a, value *map, const char *key, int b);
void val_map_num(arena *a, value *map, const char *key, double n);

/* NULL when map is not a map or has no such key. */
value *val_map_get(const value *map, const char *key);
/* The same with the key's hash given (val_key_hash), for callers that
 * look the same names up many times, like the template engine. */
value *val_map_get_h(const value *map, const char *key, unsigned hash);
unsigned val_key_hash(const char *key);
/* Follows a dotted path: "site.title". */
value *val_path(const value *v, const char *dotted);
/* The string, or NULL when v is not a string. */
const char *val_as_str(const value *v);
/* Truthiness for sections: null, false, an empty list and an empty
 * string are false (the spec is silent on strings; templates want
 * `{{#summary}}` to skip an empty one). */
int val_truthy(const value *v);
const char *val_kind_name(val_kind k);

/* A deep copy of v (NULL for NULL) in a, each list and map no bigger than
 * it holds: a parse leaves spare room and outgrown arrays behind, which
 * front matter kept for a whole build should not (at 100,000 posts they
 * were ~60 MB). Strings and keys are copied; the copy is not shared.
 * Recurses once per level (YAML and TOML bound the depth). */
value *val_copy(arena *a, const value *v);

#endif
