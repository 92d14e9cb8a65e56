/* plan_run_order: the jobs marked first, then the others as planned,
 * then the list pages newest first by their first post (job.near), so
 * that the pages of every tag for one stretch of time run together; ties
 * keep the plan's order. */
#include <stdlib.h>

#include "check.h"
#include "render/plan.h"

int main(void)
{
	/* Two tags' pages (near: their first posts' dates) among a post's
	 * page, a feed and the archive (first). */
	job jobs[] = {
		{.out = "blogi/a/index.html"},                 /* 0 */
		{.out = "avainsanat/x/index.html", .near = 300}, /* 1 */
		{.out = "avainsanat/x/sivu/2/index.html", .near = 200},
		{.out = "arkisto/index.html", .first = 1},     /* 3 */
		{.out = "avainsanat/y/index.html", .near = 250}, /* 4 */
		{.out = "avainsanat/y/sivu/2/index.html", .near = 200},
		{.out = "rss.xml"},                            /* 6 */
		{.out = "avainsanat/y/sivu/3/index.html", .near = 100},
	};
	plan pl = {.jobs = jobs, .n = sizeof jobs / sizeof *jobs};
	size_t order[sizeof jobs / sizeof *jobs];
	plan_run_order(&pl, order);
	CHECK("order: the job marked first runs first", order[0] == 3);
	CHECK("order: then the others, as planned",
	    order[1] == 0 && order[2] == 6);
	CHECK("order: then the list pages, newest first",
	    order[3] == 1 && order[4] == 4 && order[7] == 7);
	CHECK("order: pages of one date in the plan's order",
	    order[5] == 2 && order[6] == 5);
	int seen[sizeof jobs / sizeof *jobs] = {0}, once = 1;
	for (size_t i = 0; i < pl.n; i++)
		seen[order[i]]++;
	for (size_t i = 0; i < pl.n; i++)
		once &= seen[i] == 1;
	CHECK("order: every job once", once);

	plan none = {0};
	size_t nothing[1] = {42};
	plan_run_order(&none, nothing);
	CHECK("order: an empty plan writes nothing", nothing[0] == 42);
	CHECK_DONE();
}
