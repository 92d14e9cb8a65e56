/* permalink: a post's address from a pattern per section, as Jekyll and
 * Hugo write them, so a moved blog keeps its addresses as real pages:
 *
 *   permalinks:
 *     blog: /:year/:month/:day/:title.html
 *     blogi: /blogi/:slug/
 *
 * Tokens: :year :month :day :hour :minute :second (the post's date in the
 * site's zone, zero-padded), :slug (the post's slug), :title (the slug of
 * its file name, as Jekyll means it: the same as :slug unless the front
 * matter gives a slug), :section, :categories (the front matter's
 * categories, slugged, joined with '/'; nothing when there are none). A
 * pattern ending in '/' gives a folder (its index.html), one ending in
 * ".html" a file. */
#ifndef SAITTI_PERMALINK_H
#define SAITTI_PERMALINK_H

#include "../core/diag.h"
#include "site.h"

/* Reads site.yaml's `permalinks:`, reporting unknown tokens and bad
 * patterns to d. Call after the config is loaded. */
void permalink_load(site *s, diag *d);

/* Gives every dated post of a section with a pattern its address (path
 * and url). Call once the dates are known (after git history). */
void permalink_apply(site *s, post **all, size_t n);

/* Two dated posts of one section whose file names give one address
 * (2016/hello.md, 2019/hello.md): the older keeps it, each newer one
 * gets "-2", "-3" after its slug, with a warning that says so. Posts
 * whose slug the front matter gives are left to the build's clash
 * error. Call after permalink_apply. */
void permalink_settle(site *s, post **all, size_t n, diag *d);

#endif
