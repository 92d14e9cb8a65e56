/* feed: RSS 2.0 feeds, one job per feed file:
 *   rss.xml                     the posts of every section
 *   <section>/rss.xml           one section's posts
 *   <tags folder>/<slug>/rss.xml  one tag's posts (the tag page's folder)
 * Each lists the newest s->feed_items posts, newest first.
 *
 * The output depends only on the model, never on the clock:
 * lastBuildDate is the newest item's date, and an item's guid is a tag:
 * URI made from the post's first date and first path (post->first_date,
 * post->guid_path, kept by history), so it stays the same across
 * rebuilds and when the post's slug or folder changes later.
 *
 * Text goes through escape_xml; the whole post HTML goes into a CDATA
 * section in content:encoded, with site-absolute href="/…" and src="/…"
 * made absolute, every "]]>" split and characters XML 1.0 forbids
 * dropped. */
#ifndef SAITTI_FEED_H
#define SAITTI_FEED_H

#include "plan.h"

/* Adds the feed jobs for s to pl. Job data (paths, feed descriptions) is
 * allocated in pl->a; the jobs read s while they run, so s must outlive
 * the plan. */
void feed_plan(plan *pl, const site *s);

#endif
