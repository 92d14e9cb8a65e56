/* stampwalk: the stamp's two passes over the file system when it is
 * tested for reuse (stamp.h), each a few thousand stats: the outputs'
 * check (every file the last manifest lists is in the output folder as
 * it was written) and the inputs' walk (the digest of what the last
 * build read, source/journal.h). They run on two threads at once; the
 * walk helps with the check when it is done, and stops it when it finds
 * the inputs changed. */
#ifndef SAITTI_STAMPWALK_H
#define SAITTI_STAMPWALK_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/hash.h"
#include "../output/manifest.h"
#include "../source/source.h"

/* The outputs' check, in chunks any thread may take. */
typedef struct stand_job {
	manifest_list m;
	int dfd;
	atomic_size_t next;    /* the next entry to check */
	atomic_int bad;        /* a file is not as written */
	/* Set when the inputs' walk found a change: the check stops after
	 * the chunks under way, and the build's own pass (lastbuild.h) goes
	 * on from there beside the load. */
	const atomic_int *halt;
} stand_job;

/* Reads manifest, the manifest of the folder out with device dev and
 * inode ino: 0, or -1 when it is not that folder's or lists nothing.
 * halt is set by the caller. */
int stand_open(stand_job *j, const char *manifest, const char *out,
    int64_t dev, int64_t ino);
/* Checks chunks until none is left, the check fails or is halted, or
 * chunks chunks have been checked. Every chunk taken is done: the files
 * before next stand unless bad. */
void stand_work(stand_job *j, size_t chunks);
void stand_close(stand_job *j);

/* The inputs' walk, for a thread (digest_thread). */
typedef struct digest_job {
	const char *rec;   /* the journal's record of the inputs */
	size_t len;
	source *src;       /* told each file's stat (source_remember) */
	const char *want;  /* the stamp's digest, 32 hex digits */
	hash128 d;         /* the digest found */
	int64_t newest;
	int rc;
	atomic_int changed;   /* the digest is not want's (stand_job.halt) */
	/* The outputs' check, helped with once the digest is made; set by
	 * the other thread when its own tests passed, so may come late. */
	_Atomic(stand_job *) stand;
} digest_job;

/* pthread_create's function for a digest_job. */
void *digest_thread(void *arg);

#endif
