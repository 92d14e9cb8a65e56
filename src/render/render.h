/* render: turns the site model into output files. Every renderer (HTML
 * pages, feeds, iCalendar, sitemap…) looks alike: a `<name>_plan()` that
 * adds one job per output file to a plan (plan.h). The dispatcher
 * (render_site_counted) runs the jobs on all cores; each job writes one
 * file's bytes into a buffer, which the dispatcher hands to the output.
 * Only the commands include this header; the renderers include plan.h. */
#ifndef SAITTI_RENDER_H
#define SAITTI_RENDER_H

#include "../core/diag.h"
#include "../model/site.h"
#include "../model/theme.h"
#include "../output/output.h"
#include "counts.h"
#include "plan.h"

/* Builds the views, plans every renderer and runs the plan into o (on
 * s->threads workers; one renders on the calling thread). Returns the
 * number of files made, or -1 after errors; the counts by kind go into
 * *c (zeroed first) when c is not NULL. */
long render_site_counted(site *s, const theme *th, output *o, diag *d,
    render_counts *c);

#endif
