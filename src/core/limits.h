/* limits: every bound saitti puts on its input, in one place.
 *
 * A site is built from files anyone with push access can write, and the
 * post-receive hook and `saitti serve` build them unattended: no input may
 * make a build hang, exhaust memory or overflow the stack. Each limit is far
 * above what a real site needs (the LAPE site's largest post is 30 KB, its
 * deepest front matter 3 levels) and each refusal is an error that names the
 * limit and the FILE:LINE:COL that crossed it. README.md, "Limits", lists
 * them for writers and operators; keep the two in step. */
#ifndef SAITTI_LIMITS_H
#define SAITTI_LIMITS_H

/* Bytes in one input file of any kind (a picture, a style sheet). Larger
 * files belong on a file server, not in the site's repository. */
#define LIMIT_FILE_BYTES (16u * 1024 * 1024)

/* Bytes in one Markdown or YAML file (a post, a page, site.yaml, a data
 * file). Parsing holds a tree of the whole text: cmark needs about 100
 * bytes per node, so this keeps one post's peak memory under 100 MB. A long
 * post is 50 KB. */
#define LIMIT_TEXT_BYTES (1u * 1024 * 1024)

/* Bytes read in one build, all files together: bounds a build's memory
 * whatever the number of files. A site of 250,000 posts of a few KB
 * (`make bench`'s largest) reads about 600 MB. */
#define LIMIT_BUILD_BYTES (1024u * 1024 * 1024)

/* Files under content/ and themes/: each becomes at least one output
 * file, a model entry and a job. 250,000 posts and 25,000 events fit. */
#define LIMIT_FILES 300000

/* Nesting of lists and maps in one YAML document (front matter,
 * site.yaml): the loader recurses once per level. */
#define LIMIT_YAML_DEPTH 100

/* Nodes that aliases (*name) may add to one YAML document, counting what
 * each alias stands for in full. Every later walk of a value (the digests
 * of incremental builds, views, templates, JSON-LD) sees an alias as a
 * copy, so this bounds all of them: ten nested aliases of nine each would
 * otherwise be 3.5 billion nodes from 1 KB. */
#define LIMIT_YAML_ALIAS_NODES 10000

/* Keys in one YAML map: keys are looked up one by one. */
#define LIMIT_YAML_MAP_KEYS 10000

/* Tags of one post, page or event: each tag's page lists its posts with
 * all their tags, so one post with 2,000 tags made 126 MB of output. */
#define LIMIT_TAGS 100

/* Bytes of a heading id (suffix included: the text is cut before a -2
 * is added), and of a slug, a tag's address or one part of an alias
 * (a file name on most file systems is at most 255 bytes; a slug made
 * from an event's title is cut to fit instead). */
#define LIMIT_ID_BYTES 128
#define LIMIT_NAME_BYTES 200
/* Bytes of an address written in front matter (an alias): within
 * PATH_MAX with the output folder in front. */
#define LIMIT_PATH_BYTES 1024

/* The preview server (saitti serve): seconds an idle connection is kept,
 * and connections at once, in all and from one address. */
#define LIMIT_SERVE_TIMEOUT 30
#define LIMIT_SERVE_CONNECTIONS 200
#define LIMIT_SERVE_PER_IP 64

#endif
