/* section: the loaded model linked, once every file has loaded cleanly:
 * published posts newest first, pages by path, posts still to come
 * aside; sections (a content folder each, titled by site.yaml or its
 * index.md) with their posts' next and previous; tags with their posts,
 * the unused ones left out. */
#ifndef SAITTI_SECTION_H
#define SAITTI_SECTION_H

#include "siteload.h"

void link_model(struct loader *L);

#endif
