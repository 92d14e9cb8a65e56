/* parsejob: a site's Markdown files read and their front matter parsed
 * on all cores (site_load's pool_run), each made into its post as far as
 * that needs nothing from other files (load_local); through the memo of
 * saitti serve, or the cache folder's parse cache, when the file did not
 * change. Internal to src/model: site.c makes the job and reports each
 * file's messages in path order after. */
#ifndef SAITTI_PARSEJOB_H
#define SAITTI_PARSEJOB_H

#include <stddef.h>

#include "../core/arena.h"
#include "../core/diag.h"
#include "../core/valhash.h"
#include "../parse/frontmatter.h"
#include "../source/source.h"
#include "event.h"
#include "loadmemo.h"
#include "parsecache.h"
#include "site.h"
#include "siteload.h"

/* A Markdown file read and its front matter parsed, by a worker. */
struct parsed {
	const char *text;
	size_t len;
	int read;        /* already read (a revision's files) */
	int ok;
	fm_doc doc;
	post *post;      /* from load_local */
	enum doc_kind kind;
	diag *held;      /* its messages, until they are reported in order */
	const memo_file *memo;   /* kept in, or taken from, J->memo */
	source_ident id; /* its identity when known before the parse; after
	                  * it, the one the parse took (ino 0: none) */
	/* An event file's own part (event_file_local), when event_made. */
	struct event_made event;
	int event_made;
};

struct parse_job {
	site *s;
	const char **paths;
	struct parsed *out;
	arena **texts;   /* one per worker */
	arena **fm;      /* one per worker: a parse's scratch (val_copy) */
	loadmemo *memo;  /* build_opts.memo, for a working tree */
	parsecache *pc;  /* else the cache folder's, for a working tree */
	valhash **vh;    /* one per worker, made when first needed */
};

/* pool_run's job: file i of J->paths into J->out[i], on worker. */
void parsejob_one(void *ctx, size_t i, int worker);

#endif
