/* calpages: the month grids and year pages of the event calendar:
 *   <events>/<calendar>/YYYY/MM/index.html  `calendar`: a month grid, for
 *                                  every month an event touches (and the
 *                                  month of --now between them); its
 *                                  previous and next links skip months
 *                                  without events
 *   <events>/<calendar>/YYYY/index.html     `calendar-year`: the year's
 *                                  months and their events (when the
 *                                  theme has the template)
 *   <events>/<calendar>/index.html          `redirect` to the month of
 *                                  --now, or the nearest one shown */
#ifndef SAITTI_CALPAGES_H
#define SAITTI_CALPAGES_H

#include "../model/event.h"
#include "plan.h"

/* After events_views. */
void calpages_plan(plan *pl, site *s, const theme *th);

#endif
