/* histwalk: reading the commits a history graph does not have yet. From
 * the head back to the commits old already holds (or to the roots, when
 * old is NULL), in topological order, with each commit's content/ tree
 * compared to its parents' on all cores for the files it added, changed,
 * moved and removed; the result is a new graph (histgraph.h). */
#ifndef SAITTI_HISTWALK_H
#define SAITTI_HISTWALK_H

#include <stddef.h>

#include "../core/diag.h"
#include "gitlog.h"
#include "histgraph.h"

/* A graph of the new commits, then old's (old is not freed), or NULL
 * after an error (reported to d) or when old's head was not reached
 * (*reached 0: the history was rewritten). *walked: the commits read. */
histgraph *walk_new(gitlog *l, histgraph *old, int *reached,
    size_t *walked, diag *d);

#endif
