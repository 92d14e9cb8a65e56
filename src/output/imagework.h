/* imagework: the pixels of model/imageset's plan, made with libvips and
 * written to the output.
 *
 * For each image: its header is checked against IMAGE_MAX_SIDE and
 * IMAGE_MAX_PIXELS before any pixel is decoded; then it is decoded once
 * (JPEG with shrink-on-load when it is much larger than needed; a
 * truncated file fails), turned upright (EXIF orientation), converted to
 * sRGB, resized to each width (never up) and saved as WebP (and AVIF when
 * asked) and in its own format with every metadata block stripped (EXIF
 * with GPS, XMP, IPTC, ICC: browsers take untagged pictures as sRGB).
 *
 * The files are kept in the cache folder (images/DIGEST), keyed by the
 * source's bytes, the settings and saitti itself: an unchanged picture is
 * read and digested, never decoded again. Images are worked on all cores
 * (one picture per thread; libvips' own threads are set to 1). libvips is
 * started only when a site has pictures, once per process, and shut down
 * at exit.
 *
 * The libvips half lives in saitti-images.so (src/plugin/imagevips.c),
 * loaded through core/plugin at the first build with pictures: a run
 * without pictures never loads libvips. */
#ifndef SAITTI_IMAGEWORK_H
#define SAITTI_IMAGEWORK_H

#include <stddef.h>

#include "../model/imageset.h"
#include "output.h"

typedef struct imagework_stats {
	size_t made;     /* images decoded and encoded by this build */
	size_t cached;   /* images whose files came from the cache */
} imagework_stats;

/* Makes and writes every image's files; sets each image's ok, nvar, vw
 * and vh. A picture that cannot be read, or is too large, is an error at
 * its first reference. Returns 0, or -1 after errors. */
int imagework_run(imageset *set, site *s, output *o, imagework_stats *st,
    diag *d);

/* The same, in the plugin (the symbol imagework_run looks up). */
int imagework_plugin_run(imageset *set, site *s, output *o,
    imagework_stats *st, diag *d);

#endif
