#include "stampwalk.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../source/journal.h"

/* The outputs' check: a stat each, 17,000 at 10,000 posts, taken in
 * chunks by both threads of the reuse test (the inputs' walk runs on one
 * first). */
#define STAND_CHUNK 256

int stand_open(stand_job *j, const char *manifest,
    const char *out, int64_t dev, int64_t ino)
{
	j->dfd = -1;
	atomic_init(&j->next, 0);
	atomic_init(&j->bad, 0);
	if (manifest_read(manifest, (uint64_t)dev, (uint64_t)ino, &j->m) != 0)
		return -1;
	j->dfd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (j->dfd < 0 || j->m.n == 0) {
		if (j->dfd >= 0)
			close(j->dfd);
		manifest_free(&j->m);
		return -1;
	}
	return 0;
}

void stand_work(stand_job *j, size_t chunks)
{
	size_t i;
	while (chunks-- && !atomic_load(&j->bad) && !atomic_load(j->halt) &&
	    (i = atomic_fetch_add(&j->next, STAND_CHUNK)) < j->m.n) {
		size_t end = i + STAND_CHUNK < j->m.n ? i + STAND_CHUNK : j->m.n;
		for (; i < end; i++) {
			const manifest_entry *e = &j->m.entries[i];
			struct stat st;
			if (fstatat(j->dfd, e->path, &st,
			    AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
			    (uint64_t)st.st_size != e->size ||
			    (uint64_t)st.st_ino != e->ino ||
			    (int64_t)st.st_mtim.tv_sec * 1000000000 +
			    st.st_mtim.tv_nsec != e->mtime) {
				atomic_store(&j->bad, 1);
				return;
			}
		}
	}
}

void stand_close(stand_job *j)
{
	close(j->dfd);
	manifest_free(&j->m);
}

/* Each stat of the walk, told to the source (journal_hooks). */
static void remember(void *ctx, const char *root, const char *rel,
    const struct stat *st)
{
	source_remember(ctx, root, rel, st);
}

void *digest_thread(void *arg)
{
	digest_job *j = arg;
	/* The walk's stats serve the build when the stamp does not: its
	 * parse asks for each Markdown file's identity again. */
	journal_hooks saw = {remember, NULL, j->src};
	j->rc = journal_digest(j->rec, j->len, &j->d, &j->newest,
	    j->src ? &saw : NULL, 1);
	char hex[33];
	snprintf(hex, sizeof hex, "%016" PRIx64 "%016" PRIx64, j->d.hi,
	    j->d.lo);
	if (j->rc != 0 || memcmp(hex, j->want, 32)) {
		atomic_store(&j->changed, 1);
		return NULL;
	}
	stand_job *sj = atomic_load(&j->stand);
	if (sj)
		stand_work(sj, SIZE_MAX);
	return NULL;
}

