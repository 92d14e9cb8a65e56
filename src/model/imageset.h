/* imageset: the site's raster pictures (JPEG, PNG, WebP under content/)
 * and what is published of each: resized copies at the theme's widths in
 * WebP (AVIF when site.yaml asks) and in the picture's own format, and
 * 1200×630 crops for sharing (og:image). Planning only: the pixels are
 * output/imagework's, the markup render/picture's.
 *
 * Every raster file under content/ is an image here, referenced or not,
 * so that none is published with its EXIF (GPS) data: its own address
 * gets the largest resized copy, stripped (or the file as it is, when
 * site.yaml says `images: {publish_original: true}`).
 *
 * Memory: everything lives in the site's arena, except the lookup map
 * (imageset_free). Built on one thread; read by many afterwards. */
#ifndef SAITTI_IMAGESET_H
#define SAITTI_IMAGESET_H

#include <stddef.h>

#include "../core/strmap.h"
#include "site.h"

/* Limits, checked on the header before any pixel is decoded, so that a
 * small file claiming 50,000 × 50,000 pixels (a decompression bomb) is
 * refused before it takes memory. A 200-megapixel phone photo fits. */
#define IMAGE_MAX_SIDE 20000               /* pixels, either side */
#define IMAGE_MAX_PIXELS (250u * 1000 * 1000) /* width × height */
#define IMAGE_MAX_WIDTHS 8                 /* widths in images.yaml */
#define IMAGE_SHARE_W 1200                 /* og:image */
#define IMAGE_SHARE_H 630

typedef enum { IMG_JPEG, IMG_PNG, IMG_WEBP } img_format;

/* One 1200×630 crop of an image, for the pages that share it. */
typedef struct img_crop {
	int focus;              /* 1: centred on (fx, fy), from image_focus */
	double fx, fy;          /* 0..1 from the left and the top */
	const char *out;        /* "blogi/kuva-1200x630.jpg" */
	const char *url;        /* absolute, with the site's origin */
	struct img_crop *next;
} img_crop;

typedef struct image {
	const char *src;        /* "content/blogi/kuva.jpg" */
	const char *out;        /* "blogi/kuva.jpg" */
	const char *stem;       /* "blogi/kuva": variants are stem-480.webp */
	const char *url_stem;   /* "/lape/blogi/kuva" */
	img_format fmt;         /* of the fallback: the file's own */
	/* The first reference, where its messages point (file "" until one is
	 * seen: then the image file itself). */
	const char *file;
	int line, col;
	img_crop *crops;
	/* Set by imagework: */
	int ok;                 /* its files were made */
	int nvar;               /* resized copies, narrowest first */
	int vw[IMAGE_MAX_WIDTHS + 1], vh[IMAGE_MAX_WIDTHS + 1];
} image;

typedef struct img_settings {
	int widths[IMAGE_MAX_WIDTHS];  /* ascending */
	size_t nwidths;
	const char *sizes;             /* the `sizes` attribute */
	int quality;                   /* 1..100, for JPEG, WebP and AVIF */
	int avif;                      /* AVIF too (slow to encode) */
	int publish_original;
} img_settings;

/* What a page shows first and shares. */
typedef struct img_doc {
	image *front;           /* front matter `image:`, when it is ours */
	const char *credit;     /* image_credit: */
	img_crop *share;        /* og:image, or NULL (then the site's) */
} img_doc;

typedef struct imageset {
	img_settings set;
	image *imgs;            /* by source path */
	size_t n;
	strmap *by_out;         /* out path → image */
	strmap *docs;           /* a post's src → img_doc */
	img_crop *fallback;     /* site.yaml images.default, or NULL */
} imageset;

/* Reads the theme's images.yaml and site.yaml's `images:`, finds every
 * raster asset (marking it, so it is not copied as it is) and every
 * reference from posts, pages, the home page and events. Errors (bad
 * settings, a bad image_focus, a default image that is not a picture)
 * go to d. Never NULL. */
imageset *imageset_collect(site *s, diag *d);
void imageset_free(imageset *set);

/* The image a site-absolute URL ("/lape/blogi/kuva.jpg", as the HTML has
 * it) names, or NULL. */
image *imageset_find_url(const imageset *set, const site *s,
    const char *url);
/* The raster formats saitti processes, by file name. */
int imageset_is_raster(const char *path, img_format *fmt);

#endif
