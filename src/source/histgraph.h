/* histgraph: a site's git history, reduced to what saitti asks of it —
 * which content files each commit adds, changes or renames — plus the
 * cache file format that keeps it between builds, and the replay that
 * answers, for every file, "which commit added it, under which path, and
 * which commit changed it last".
 *
 * Pure: no libgit2, no files. gitlog fills a graph from a repository; this
 * module only holds, answers, encodes and decodes it, so every rule is
 * tested on hand-made graphs.
 *
 * The graph is the whole ancestry of one head commit, in topological
 * order: commits[0] is the head, and every commit comes before its
 * parents. Paths are relative to the site's content/ folder
 * ("blogi/2017/x.md") and are interned: a path is a uint32_t index into
 * the graph's string table.
 *
 * A commit's "moves" say, for each content file of that commit that is not
 * simply the same file in its first parent, where the file came from:
 *   HG_ADDED    the file is new in this commit;
 *   HG_CHANGED  it comes from parent `parent` under path `from`, and its
 *               bytes changed (an edit, or a rename with edits);
 *   HG_SAME     it comes from parent `parent` under path `from` with the
 *               same bytes (a pure rename, or at a merge: the file is the
 *               one of a later parent);
 *   HG_TOUCHED  like HG_CHANGED, but a reader sees no difference (the
 *               edit only changed spacing, YAML quoting, key order or keys
 *               that are not shown: gitlog asks the function history gave
 *               it, see gitlog_set_same).
 * A file without a move comes unchanged from the first parent. A commit
 * flagged HG_ROOT has no parents in the graph (a root commit, or the edge
 * of a shallow clone, then also HG_CUT): every file there is added there.
 *
 * Merges follow git's history simplification: a file the same as in some
 * parent comes from the first such parent, unchanged; otherwise the merge
 * changed it, and it comes from the first parent that has it. So each file
 * has one line of ancestry, as `git log --follow` shows it. */
#ifndef SAITTI_HISTGRAPH_H
#define SAITTI_HISTGRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"

enum { HG_ADDED, HG_CHANGED, HG_SAME, HG_TOUCHED };
enum { HG_ROOT = 1, HG_CUT = 2 };

typedef struct hg_move {
	uint32_t path;      /* the file in this commit */
	uint32_t from;      /* its path in the parent (HG_CHANGED, HG_SAME) */
	uint8_t kind;       /* HG_ADDED, HG_CHANGED, HG_SAME or HG_TOUCHED */
	uint8_t parent;     /* which parent: 0 is the first */
} hg_move;

typedef struct hg_commit {
	unsigned char id[20];
	int64_t time;       /* author date, seconds since the epoch */
	uint32_t author;    /* string index: the author's name */
	uint32_t parents;   /* first index into histgraph.parents */
	uint32_t moves;     /* first index into histgraph.moves */
	uint32_t nmoves;
	uint8_t nparents;
	uint8_t flags;      /* HG_ROOT, HG_CUT */
} hg_commit;

typedef struct histgraph {
	hg_commit *commits;     /* topological: children before parents */
	size_t ncommits, capcommits;
	uint32_t *parents;      /* commit indices, each > its child's */
	size_t nparents, capparents;
	hg_move *moves;
	size_t nmoves, capmoves;
	const char **strings;   /* paths and author names */
	size_t nstrings, capstrings;
	/* Where the site lives in the repository ("" or "sivusto/"), and a
	 * digest of the shallow clone's edge (all zero when not shallow):
	 * a graph made for another of either is not used. */
	const char *prefix;
	unsigned char shallow[20];
	/* Provenance, for the cache's readers (tests, --verbose): the head
	 * the graph was extended from (all zero: made from scratch) and how
	 * many commits the last build read from git. */
	unsigned char from[20];
	uint32_t walked;
	arena *a;               /* owns the strings */
	void *intern;           /* string → index + 1 (a strmap) */
	uint32_t *idtab;        /* commit id → index + 1, made on lookup */
	size_t idcap, idn;
} histgraph;

/* An empty graph. histgraph_free releases it and everything in it. */
histgraph *histgraph_new(void);
void histgraph_free(histgraph *g);

/* The index of s, adding it when new. */
uint32_t histgraph_intern(histgraph *g, const char *s);
/* The index of s, or UINT32_MAX when the graph has never seen it. */
uint32_t histgraph_find(const histgraph *g, const char *s);

/* Appends a commit with no parents and no moves yet, and returns its
 * index; histgraph_add_parent and histgraph_add_move then fill it (they
 * apply to the last commit added). The caller keeps the order
 * topological. */
size_t histgraph_add_commit(histgraph *g, const unsigned char id[20],
    int64_t time, const char *author, int flags);
void histgraph_add_parent(histgraph *g, uint32_t parent);
void histgraph_add_move(histgraph *g, int kind, const char *path,
    const char *from, int parent);

/* The commit with this id, or -1. (The first call makes a table; so does
 * the first after commits were added.) */
long histgraph_lookup(histgraph *g, const unsigned char id[20]);

/* Appends every commit of old after g's, parent indices shifted by the
 * count g had: for a graph of new commits whose parents in old were given
 * as (count of new commits + index in old). */
void histgraph_append(histgraph *g, const histgraph *old);

/* What the replay found for one file. */
typedef struct hg_fact {
	long first;         /* commit that added it, or -1 when not found */
	long last;          /* the newest commit that changed its bytes on its
	                     * line of ancestry; == first when none did */
	long shown;         /* the newest that changed what a reader sees
	                     * (HG_CHANGED, not HG_TOUCHED); == first when
	                     * none did */
	const char *orig;   /* its path when it was added (g's string, or
	                     * the caller's path when never renamed) */
	int cut;            /* first is a shallow clone's edge, not a real add */
} hg_fact;

/* For each of n paths as they are in the head commit (commits[0]), finds
 * where it came from. Paths the head does not have must not be passed: a
 * path is assumed to exist where it is asked about. */
void histgraph_resolve(const histgraph *g, const char *const *paths,
    size_t n, hg_fact *facts);

/* The cache file: a short text header (readable with `head`), then the
 * graph in little-endian binary, then a checksum.
 *   saitti-history 2
 *   head <40 hex>
 *   from <40 hex, or "-" when made from scratch>
 *   walked <commits read from git by the build that wrote it>
 * histgraph_encode returns malloc'ed bytes. histgraph_decode returns a new
 * graph, or NULL with *err set to a static message saying what is wrong
 * ("not a saitti history cache", "damaged or truncated (its checksum does
 * not match)"); for a cache of another format version, *err is
 * HISTGRAPH_OTHER_VERSION (not damage: it is simply made again). */
#define HISTGRAPH_OTHER_VERSION "made by another version of saitti"
char *histgraph_encode(const histgraph *g, size_t *len);
histgraph *histgraph_decode(const char *data, size_t len, const char **err);

#endif
