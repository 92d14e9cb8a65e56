#include "value.h"

#include "i18n.h"

#include <string.h>

/* Views and front matter are mostly values: the flags (shared, sub, esc)
 * live in what was padding, and a value stays five words. */
_Static_assert(sizeof(value) <= 40, "a value grew past 40 bytes");

static value *mk(arena *a, val_kind k)
{
	value *v = arena_alloc(a, sizeof *v);
	v->kind = k;
	return v;
}

value *val_null(arena *a) { return mk(a, VAL_NULL); }

value *val_bool(arena *a, int b)
{
	value *v = mk(a, VAL_BOOL);
	v->u.b = b != 0;
	return v;
}

value *val_num(arena *a, double n)
{
	value *v = mk(a, VAL_NUM);
	v->u.num = n;
	return v;
}

value *val_int(arena *a, long long n)
{
	value *v = val_num(a, (double)n);
	v->sub = VSUB_INT;
	v->u.inum = n;
	return v;
}

value *val_strn(arena *a, const char *s, size_t len)
{
	value *v = mk(a, VAL_STR);
	v->u.str.s = arena_strndup(a, s, len);
	v->u.str.len = len;
	return v;
}

value *val_str(arena *a, const char *s) { return val_strn(a, s, strlen(s)); }

value *val_str_ref(arena *a, const char *s)
{
	return val_strn_ref(a, s, strlen(s));
}

value *val_strn_ref(arena *a, const char *s, size_t len)
{
	value *v = mk(a, VAL_STR);
	v->u.str.s = s;
	v->u.str.len = len;
	return v;
}

value *val_list(arena *a) { return mk(a, VAL_LIST); }
value *val_map(arena *a) { return mk(a, VAL_MAP); }

value *val_map_sized(arena *a, size_t cap)
{
	value *v = mk(a, VAL_MAP);
	if (cap) {
		v->u.map.items = arena_alloc(a, cap * sizeof *v->u.map.items);
		v->u.map.cap = cap;
	}
	return v;
}

value *val_map_copy(arena *a, const value *map, size_t extra)
{
	size_t n = map->u.map.len;
	value *m = val_map_sized(a, n + extra);
	if (n)
		memcpy(m->u.map.items, map->u.map.items,
		    n * sizeof *m->u.map.items);
	m->u.map.len = n;
	return m;
}

static void *grow(arena *a, void *old, size_t elem, size_t len, size_t *cap)
{
	size_t ncap = *cap ? *cap * 2 : 8;
	void *p = arena_alloc(a, ncap * elem);
	if (len)
		memcpy(p, old, len * elem);
	*cap = ncap;
	return p;
}

void val_list_push(arena *a, value *list, value *item)
{
	if (list->u.list.len == list->u.list.cap)
		list->u.list.items = grow(a, list->u.list.items,
		    sizeof(value *), list->u.list.len, &list->u.list.cap);
	list->u.list.items[list->u.list.len++] = item;
}

unsigned val_key_hash(const char *key)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (; *key; key++) {
		h ^= (unsigned char)*key;
		h *= 16777619u;
	}
	return h;
}

void val_map_set(arena *a, value *map, const char *key, value *v)
{
	unsigned h = val_key_hash(key);
	struct val_entry *e = map->u.map.items;
	for (size_t i = 0; i < map->u.map.len; i++)
		if (e[i].hash == h && strcmp(e[i].key, key) == 0) {
			e[i].val = v;
			return;
		}
	if (map->u.map.len == map->u.map.cap)
		map->u.map.items = grow(a, map->u.map.items,
		    sizeof(struct val_entry), map->u.map.len, &map->u.map.cap);
	map->u.map.items[map->u.map.len++] = (struct val_entry){key, h, v};
}

void val_map_str(arena *a, value *map, const char *key, const char *s)
{
	val_map_set(a, map, key, s ? val_str(a, s) : val_null(a));
}

/* Views set many flags; they share two values that nobody writes to
 * (values from YAML are made one by one, to carry their positions). */
static value shared_true = {.kind = VAL_BOOL, .u.b = 1};
static value shared_false = {.kind = VAL_BOOL, .u.b = 0};

void val_map_bool(arena *a, value *map, const char *key, int b)
{
	val_map_set(a, map, key, b ? &shared_true : &shared_false);
}

void val_map_num(arena *a, value *map, const char *key, double n)
{
	val_map_set(a, map, key, val_num(a, n));
}

value *val_map_get_h(const value *map, const char *key, unsigned hash)
{
	if (!map || map->kind != VAL_MAP)
		return NULL;
	const struct val_entry *e = map->u.map.items;
	for (size_t i = 0; i < map->u.map.len; i++)
		if (e[i].hash == hash && strcmp(e[i].key, key) == 0)
			return e[i].val;
	return NULL;
}

value *val_map_get(const value *map, const char *key)
{
	if (!map || map->kind != VAL_MAP)
		return NULL;
	return val_map_get_h(map, key, val_key_hash(key));
}

value *val_path(const value *v, const char *dotted)
{
	const char *p = dotted;
	value *cur = (value *)v;
	while (cur && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		char key[128];
		if (n >= sizeof key)
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		cur = val_map_get(cur, key);
		p += n;
		if (*p == '.')
			p++;
	}
	return cur;
}

const char *val_as_str(const value *v)
{
	return v && v->kind == VAL_STR ? v->u.str.s : NULL;
}

int val_truthy(const value *v)
{
	if (!v)
		return 0;
	switch (v->kind) {
	case VAL_NULL: return 0;
	case VAL_BOOL: return v->u.b;
	case VAL_NUM: return 1;
	case VAL_STR: return v->u.str.len > 0;
	case VAL_LIST: return v->u.list.len > 0;
	case VAL_MAP: return 1;
	}
	return 0;
}

const char *val_kind_name(val_kind k)
{
	switch (k) {
	case VAL_NULL: return N_("null");
	case VAL_BOOL: return N_("boolean");
	case VAL_NUM: return N_("number");
	case VAL_STR: return N_("string");
	case VAL_LIST: return N_("list");
	case VAL_MAP: return N_("map");
	}
	return "?";
}

value *val_copy(arena *a, const value *v)
{
	if (!v)
		return NULL;
	value *c = mk(a, v->kind);
	*c = *v;
	c->shared = 0;
	switch (v->kind) {
	case VAL_STR:
		c->u.str.s = arena_strndup(a, v->u.str.s, v->u.str.len);
		break;
	case VAL_LIST:
		c->u.list.cap = v->u.list.len;
		c->u.list.items = v->u.list.len ? arena_alloc(a,
		    v->u.list.len * sizeof *c->u.list.items) : NULL;
		for (size_t i = 0; i < v->u.list.len; i++)
			c->u.list.items[i] = val_copy(a, v->u.list.items[i]);
		break;
	case VAL_MAP:
		c->u.map.cap = v->u.map.len;
		c->u.map.items = v->u.map.len ? arena_alloc(a,
		    v->u.map.len * sizeof *c->u.map.items) : NULL;
		for (size_t i = 0; i < v->u.map.len; i++) {
			c->u.map.items[i] = v->u.map.items[i];
			c->u.map.items[i].key = arena_strdup(a,
			    v->u.map.items[i].key);
			c->u.map.items[i].val = val_copy(a,
			    v->u.map.items[i].val);
		}
		break;
	default:
		break;
	}
	return c;
}
