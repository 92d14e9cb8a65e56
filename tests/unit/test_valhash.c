/* valhash: equal trees give equal digests wherever they live; any change
 * a template could see gives another. */
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "core/valhash.h"

static value *post(arena *a, const char *title, const char *body)
{
	value *m = val_map(a);
	val_map_str(a, m, "title", title);
	val_map_str(a, m, "content", body);
	value *tags = val_list(a);
	val_list_push(a, tags, val_str(a, "perhekeskus"));
	val_list_push(a, tags, val_num(a, 2018));
	val_map_set(a, m, "tags", tags);
	val_map_bool(a, m, "draft", 0);
	val_map_set(a, m, "none", val_null(a));
	return m;
}

static int same(hash128 x, hash128 y) { return hash_eq(x, y); }

int main(void)
{
	arena *a = arena_new();
	valhash *h = valhash_new();
	value *p1 = post(a, "Eka", "<p>Teksti</p>");
	value *p2 = post(a, "Eka", "<p>Teksti</p>");
	hash128 d1 = valhash_of(h, p1);
	CHECK("valhash: a digest is not zero", !hash_is_zero(d1));
	CHECK("valhash: equal trees at other addresses are equal",
	    same(d1, valhash_of(h, p2)));
	CHECK("valhash: the same tree again (remembered) is equal",
	    same(d1, valhash_of(h, p1)));
	valhash *h2 = valhash_new();
	CHECK("valhash: another hasher agrees", same(d1, valhash_of(h2, p2)));
	valhash_free(h2);

	CHECK("valhash: a changed string differs", !same(d1,
	    valhash_of(h, post(a, "Eka", "<p>Teksti.</p>"))));
	value *p3 = post(a, "Eka", "<p>Teksti</p>");
	val_map_set(a, p3, "draft", val_bool(a, 1));
	CHECK("valhash: a changed bool differs", !same(d1, valhash_of(h, p3)));

	value *s1 = val_str(a, "1"), *n1 = val_num(a, 1);
	CHECK("valhash: a string and a number differ",
	    !same(valhash_of(h, s1), valhash_of(h, n1)));
	CHECK("valhash: null and false differ", !same(valhash_of(h,
	    val_null(a)), valhash_of(h, val_bool(a, 0))));
	value *e1 = val_list(a), *e2 = val_map(a);
	CHECK("valhash: an empty list and an empty map differ",
	    !same(valhash_of(h, e1), valhash_of(h, e2)));

	/* Key order is part of a map (templates iterate in order), and keys
	 * count as well as values. */
	value *ab = val_map(a), *ba = val_map(a), *ac = val_map(a);
	val_map_str(a, ab, "a", "x");
	val_map_str(a, ab, "b", "y");
	val_map_str(a, ba, "b", "y");
	val_map_str(a, ba, "a", "x");
	val_map_str(a, ac, "a", "x");
	val_map_str(a, ac, "c", "y");
	CHECK("valhash: key order counts", !same(valhash_of(h, ab),
	    valhash_of(h, ba)));
	CHECK("valhash: key names count", !same(valhash_of(h, ab),
	    valhash_of(h, ac)));
	value *l1 = val_list(a), *l2 = val_list(a);
	val_list_push(a, l1, val_str(a, "ab"));
	val_list_push(a, l1, val_str(a, "c"));
	val_list_push(a, l2, val_str(a, "a"));
	val_list_push(a, l2, val_str(a, "bc"));
	CHECK("valhash: list items keep their bounds", !same(valhash_of(h, l1),
	    valhash_of(h, l2)));

	/* A big list (past the stack buffer) and a deep one. */
	value *big = val_list(a), *big2 = val_list(a);
	for (int i = 0; i < 100; i++) {
		val_list_push(a, big, val_num(a, i));
		val_list_push(a, big2, val_num(a, i == 99 ? -1 : i));
	}
	CHECK("valhash: the last of 100 items counts", !same(valhash_of(h, big),
	    valhash_of(h, big2)));
	value *deep = val_str(a, "pohja");
	for (int i = 0; i < 300; i++) {
		value *l = val_list(a);
		val_list_push(a, l, deep);
		deep = l;
	}
	CHECK("valhash: a tree deeper than any page has no digest",
	    hash_is_zero(valhash_of(h, deep)));
	/* A digest made by another hasher is taken as told. */
	valhash *h3 = valhash_new();
	value *p4 = post(a, "Neljäs", "x");
	valhash_remember(h3, p4, d1);
	CHECK("valhash: a digest is not remembered for a map not shared",
	    !same(valhash_of(h3, p4), d1));
	valhash_share(p4);
	valhash_remember(h3, p4, d1);
	CHECK("valhash: a remembered digest of a shared map is used",
	    same(valhash_of(h3, p4), d1));
	/* A map not shared is walked every time: a change shows. */
	value *p5 = post(a, "Viides", "x");
	hash128 before = valhash_of(h3, p5);
	val_map_str(a, p5, "title", "Kuudes");
	CHECK("valhash: a map not shared is walked again",
	    !same(before, valhash_of(h3, p5)));
	valhash_free(h3);

	/* A key's memory reused for another key (a scratch arena reset
	 * between render jobs): after valhash_forget_keys the digest is the
	 * new key's, as a fresh hasher makes it. */
	char key[8] = "is_tag";
	value *k1 = val_map(a);
	val_map_set(a, k1, key, val_str(a, "x"));
	hash128 old_key = valhash_of(h, k1);
	strcpy(key, "is_list");
	valhash_forget_keys(h);
	value *k2 = val_map(a);
	val_map_set(a, k2, key, val_str(a, "x"));
	valhash *h4 = valhash_new();
	hash128 fresh = valhash_of(h4, k2);
	CHECK("valhash: forgotten keys are hashed again",
	    same(valhash_of(h, k2), fresh));
	CHECK("valhash: another key at the same address differs",
	    !same(old_key, fresh));
	valhash_free(h4);

	/* val_map_copy is the copy made key by key with val_map_set: the
	 * same keys, values and order, and room for one more. */
	{
		value *src = post(a, "Kopio", "<p>Teksti</p>");
		value *slow = val_map(a);
		for (size_t i = 0; i < src->u.map.len; i++)
			val_map_set(a, slow, src->u.map.items[i].key,
			    src->u.map.items[i].val);
		value *fast = val_map_copy(a, src, 1);
		int eq = fast->u.map.len == slow->u.map.len &&
		    fast->u.map.cap >= fast->u.map.len + 1;
		for (size_t i = 0; eq && i < slow->u.map.len; i++)
			eq = !strcmp(fast->u.map.items[i].key,
			    slow->u.map.items[i].key) &&
			    fast->u.map.items[i].hash ==
			    slow->u.map.items[i].hash &&
			    fast->u.map.items[i].val == slow->u.map.items[i].val;
		CHECK("val_map_copy: as copied key by key", eq &&
		    same(valhash_of(h, fast), valhash_of(h, slow)));
		val_map_str(a, fast, "jsonld", "{}");
		CHECK("val_map_copy: a key added to the copy, not the map",
		    fast->u.map.len == src->u.map.len + 1 &&
		    !val_map_get(src, "jsonld") &&
		    val_map_get(fast, "title") == val_map_get(src, "title"));
		CHECK("val_map_copy: of an empty map",
		    val_map_copy(a, val_map(a), 0)->u.map.len == 0);
	}
	valhash_free(h);
	arena_free(a);
	CHECK_DONE();
}
