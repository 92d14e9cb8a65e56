/* value: val_copy gives an equal tree, no bigger than it holds, that
 * outlives the arena of the original. */
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "core/value.h"

int main(void)
{
	arena *scratch = arena_new(), *a = arena_new();
	value *m = val_map(scratch);
	value *tags = val_list(scratch);
	val_list_push(scratch, tags, val_str(scratch, "perheet"));
	val_list_push(scratch, tags, val_str(scratch, "koulu"));
	value *title = val_strn(scratch, "Otsikko\0piilo", 13);
	title->line = 2;
	title->col = 8;
	val_map_set(scratch, m, "title", title);
	val_map_set(scratch, m, "tags", tags);
	val_map_num(scratch, m, "weight", 3);
	val_map_bool(scratch, m, "draft", 1);
	val_map_set(scratch, m, "none", val_null(scratch));
	value *inner = val_map(scratch);
	val_map_str(scratch, inner, "x", "y");
	val_map_set(scratch, m, "inner", inner);
	m->shared = 1;

	value *c = val_copy(a, m);
	arena_free(scratch);
	CHECK("value: a copy is a map of the same keys, in order",
	    c && c->kind == VAL_MAP && c->u.map.len == 6 &&
	    !strcmp(c->u.map.items[0].key, "title") &&
	    !strcmp(c->u.map.items[5].key, "inner"));
	CHECK("value: ...no bigger than it holds",
	    c->u.map.cap == 6 && val_map_get(c, "tags")->u.list.cap == 2);
	value *t = val_map_get(c, "title");
	CHECK("value: a string keeps its length and its place",
	    t->u.str.len == 13 && !memcmp(t->u.str.s, "Otsikko\0piilo", 13) &&
	    t->line == 2 && t->col == 8);
	CHECK_STR("value: a list's items are copied",
	    val_as_str(val_map_get(c, "tags")->u.list.items[1]), "koulu");
	CHECK("value: numbers, booleans and null too",
	    val_map_get(c, "weight")->u.num == 3 &&
	    val_map_get(c, "draft")->u.b == 1 &&
	    val_map_get(c, "none")->kind == VAL_NULL);
	CHECK_STR("value: nested maps too",
	    val_as_str(val_map_get(val_map_get(c, "inner"), "x")), "y");
	CHECK("value: a copy is not shared", c->shared == 0);
	val_map_str(a, c, "more", "grows");
	CHECK_STR("value: a copy still grows",
	    val_as_str(val_map_get(c, "more")), "grows");
	CHECK("value: the copy of NULL is NULL", val_copy(a, NULL) == NULL);
	arena_free(a);
	CHECK_DONE();
}
