#include "bodystore.h"

#include <string.h>

#include "mdcache.h"

/* A string that must outlive the scratch arena: the Markdown cache's own
 * stay in its map, others are copied into a. */
static const char *keep_str(const struct mdcache *mc, arena *a,
    const char *s)
{
	if (!s || mdcache_owns(mc, s))
		return s;
	return arena_strdup(a, s);
}

void bodystore_keep(spill *sp, const struct mdcache *mc, arena *a,
    md_result *r)
{
	if (r->nlinks) {
		md_link *links = arena_alloc(a, r->nlinks * sizeof *links);
		for (size_t k = 0; k < r->nlinks; k++) {
			links[k] = r->links[k];
			links[k].target = keep_str(mc, a, r->links[k].target);
			links[k].url = keep_str(mc, a, r->links[k].url);
		}
		r->links = links;
	}
	const char **strs[] = {&r->html, &r->summary_html, &r->summary_text};
	const char *in[3], *out[3];
	size_t n = 0;
	for (size_t k = 0; k < 3; k++)
		in[k] = mdcache_owns(mc, *strs[k]) ? NULL : *strs[k];
	for (size_t k = 0; k < 3; k++)
		n += in[k] != NULL;
	if (n == 0)
		return;
	if (spill_strs(sp, in, 3, out) != 0)
		for (size_t k = 0; k < 3; k++)
			out[k] = in[k] ? arena_strdup(a, in[k]) : NULL;
	for (size_t k = 0; k < 3; k++)
		if (in[k])
			*strs[k] = out[k];
}

void bodystore_release(const site *s)
{
	spill_release(s->spill);
	mdcache_release(s->mdcache);
}

void bodystore_tick(const site *s, size_t i)
{
	if (i % BODYSTORE_RELEASE_EVERY == BODYSTORE_RELEASE_EVERY - 1)
		bodystore_release(s);
}
