/* plan_index: a post's view digest is found by its address among
 * thousands (each post its own, every slot's collisions walked), the
 * same one p->order finds, and an address that is not a post's finds
 * none. */
#include <stdlib.h>

#include "check.h"
#include "render/plan.h"

enum { N = 3000 };

int main(void)
{
	static site s;
	post **posts = calloc(N, sizeof *posts);
	hash128 *views = calloc(2 * N, sizeof *views);
	for (size_t i = 0; i < N; i++) {
		posts[i] = calloc(1, sizeof *posts[i]);
		posts[i]->order = (long)i;
		views[i] = (hash128){i + 1, 7};
		views[N + i] = (hash128){i + 1, 8};
	}
	s.posts = posts;
	s.nposts = N;
	plan_index x;
	plan_index_make(&x, &s);
	CHECK("plan_index: twice the posts' slots, a power of two",
	    x.mask + 1 >= 2 * N && ((x.mask + 1) & x.mask) == 0);
	render_env env = {.s = &s, .views = views, .views_lite = views + N};
	job full = {0}, lite = {.lite = 1};
	/* What p->order finds, then what the index finds with the orders
	 * made wrong, so that only the index can find them. */
	int by_order = 1, by_index = 1, lists = 1;
	for (size_t i = 0; i < N; i++)
		by_order &= hash_eq(plan_view_digest(&env, NULL, posts[i]),
		    views[i]);
	env.index = &x;
	for (size_t i = 0; i < N; i++)
		posts[i]->order = -1;
	for (size_t i = 0; i < N; i++) {
		by_index &= hash_eq(plan_view_digest(&env, NULL, posts[i]),
		    views[i]);
		lists &= hash_eq(plan_list_digest(&env, NULL, &lite, posts[i]),
		    views[N + i]) && hash_eq(plan_list_digest(&env, NULL,
		    &full, posts[i]), views[i]);
	}
	CHECK("plan_index: by p->order, each post's digest", by_order);
	CHECK("plan_index: by address, each post's digest", by_index);
	CHECK("plan_index: a list without bodies, each post's lite digest",
	    lists);
	/* Not a post of s->posts (a page): no digest of theirs, and, with
	 * no view, none at all. */
	post page = {0};
	page.order = 0;
	hash128 h = plan_view_digest(&env, NULL, &page);
	CHECK("plan_index: a page is not found among the posts",
	    hash_is_zero(h));
	plan_index_free(&x);
	for (size_t i = 0; i < N; i++)
		free(posts[i]);
	free(posts);
	free(views);
	CHECK_DONE();
}
