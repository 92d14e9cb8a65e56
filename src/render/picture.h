/* picture: published pictures in the pages. Every <img> that cmark made
 * for one of the site's raster images becomes the theme's
 * partials/picture template: a <picture> with a WebP (and AVIF) <source>,
 * srcset and sizes, width and height (so nothing shifts while loading),
 * decoding="async", and loading="lazy" for all but a page's first
 * picture. An image alone in its paragraph with a title
 * (`![alt](kuva.jpg "Kuva: Ville Miettinen")`) becomes a <figure> whose
 * <figcaption> is the title. A post's front matter `image:` becomes
 * post->image_html (with `image_credit:` as its caption), and its share
 * crop post->share_image (og:image, JSON-LD image); site.yaml's
 * images.default is the root's site.og_image.
 *
 * Runs once, on the render's thread, after imagework and before the
 * views; memory in the site's arena. */
#ifndef SAITTI_PICTURE_H
#define SAITTI_PICTURE_H

#include "../model/imageset.h"
#include "../model/theme.h"

void picture_apply(site *s, const theme *th, const imageset *set,
    value *root);

#endif
