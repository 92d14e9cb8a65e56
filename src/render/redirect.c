#include "redirect.h"

#include "view.h"

static void add_doc(plan *pl, site *s, const post *p)
{
	if (!p->naliases)
		return;
	const char *target = arena_printf(s->a, "%s%s", s->origin, p->url);
	for (size_t k = 0; k < p->naliases; k++) {
		const char *alias = p->aliases[k];
		value *pm = view_page(s, s->a, "redirect", p->title, alias,
		    NULL);
		val_map_str(s->a, pm, "target", target);
		plan_page(pl, arena_printf(pl->a, "%sindex.html", alias),
		    "redirect", pm);
	}
}

void redirect_plan(plan *pl, site *s, value *root)
{
	(void)root;
	for (size_t i = 0; i < s->nposts; i++)
		add_doc(pl, s, s->posts[i]);
	for (size_t i = 0; i < s->npages; i++)
		add_doc(pl, s, s->pages[i]);
}
