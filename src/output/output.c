#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/arena.h"
#include "../core/fdio.h"
#include "../core/relpath.h"
#include "../core/strmap.h"
#include "../core/i18n.h"
#include "lastbuild.h"
#include "manifest.h"
#include "outguard.h"

#include "output_impl.h"

static int safe_path(const char *path)
{
	return relpath_ok(path);
}

int output_is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int rm_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void output_rm_tree(const char *dir)
{
	nftw(dir, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

static int64_t mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

/* Reads the manifest (manifest.h), or takes what lb read of it while
 * the site loaded; any mismatch and it is ignored: the build then
 * compares bytes. */
static void read_manifest(output *o, lastbuild *lb)
{
	struct stat root;
	lastbuild_files f;
	if (o->dirfd < 0 || fstat(o->dirfd, &root) != 0)
		return;
	if (lastbuild_take(lb, o->manifest, (uint64_t)root.st_dev,
	    (uint64_t)root.st_ino, &f) != 0 &&
	    lastbuild_read(o->manifest, (uint64_t)root.st_dev,
	    (uint64_t)root.st_ino, &f) != 0)
		return;
	o->old_map = f.map;
	o->old_list = f.m;
	o->old = f.m.entries;
	o->nold = f.m.n;
	o->have_old = 1;
}

int output_write_manifest(output *o)
{
	struct stat root;
	if (stat(o->dir, &root) != 0)
		return -1;
	return manifest_write(o->manifest, (uint64_t)root.st_dev,
	    (uint64_t)root.st_ino, (const entry *const *)o->news, o->nnew);
}

static void shards_init(output *o);

/* ---- begin ---- */

/* Temporary folders of builds that died (killed, power cut): with the
 * lock held, no live build of this target owns one. */
static void remove_stale(const char *parent, const char *prefix)
{
	DIR *dp = opendir(parent);
	if (!dp)
		return;
	size_t n = strlen(prefix);
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (strncmp(de->d_name, prefix, n) != 0)
			continue;
		char path[PATH_MAX];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", parent,
		    de->d_name) < sizeof path)
			output_rm_tree(path);
	}
	closedir(dp);
}

output *output_begin(const char *dir, const char *manifest, diag *d)
{
	return output_begin_from(dir, manifest, NULL, d);
}

output *output_begin_from(const char *dir, const char *manifest,
    lastbuild *lb, diag *d)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	char *target = strndup(dir, n);
	struct stat st = {0};
	if (lstat(target, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag_error(d, target, 0, 0, _("output exists and is not a "
		    "folder; choose another --out"));
		free(target);
		return NULL;
	}
	/* The new tree is made next to the target so that moving files in
	 * is a rename on one file system; inside it when the target is a
	 * mount point (its own file system, which cannot be swapped). */
	int mount = S_ISDIR(st.st_mode) && outguard_is_mount(target);
	char *slash = strrchr(target, '/');
	const char *name = mount ? "saitti" : slash ? slash + 1 : target;
	char parent[PATH_MAX], tmpl[PATH_MAX], prefix[NAME_MAX + 8];
	if (mount)
		snprintf(parent, sizeof parent, "%s", target);
	else if (slash)
		snprintf(parent, sizeof parent, "%.*s", (int)(slash - target),
		    target);
	else
		snprintf(parent, sizeof parent, ".");
	if (!*parent)
		snprintf(parent, sizeof parent, "/");
	int len = snprintf(tmpl, sizeof tmpl, "%s/.%s.tmp-XXXXXX", parent,
	    name);
	if (len < 0 || (size_t)len >= sizeof tmpl || strlen(name) > NAME_MAX) {
		diag_error(d, target, 0, 0, _("output path is too long"));
		free(target);
		return NULL;
	}
	int lockfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lockfd < 0) {
		diag_error(d, target, 0, 0, _("the folder that should "
		    "hold the output does not exist"));
		free(target);
		return NULL;
	}
	flock(lockfd, LOCK_EX);
	snprintf(prefix, sizeof prefix, ".%s.tmp-", name);
	remove_stale(parent, prefix);
	if (!mkdtemp(tmpl)) {
		diag_error(d, target, 0, 0, _("cannot create a folder beside "
		    "the output: %s"), strerror(errno));
		close(lockfd);
		free(target);
		return NULL;
	}
	chmod(tmpl, 0755);
	output *o = calloc(1, sizeof *o);
	o->dir = target;
	o->tmp = strdup(tmpl);
	o->lockfd = lockfd;
	o->tmpfd = open(tmpl, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->tmpfd < 0) {
		diag_error(d, target, 0, 0, _("cannot open the folder beside "
		    "the output: %s"), strerror(errno));
		output_rm_tree(tmpl);
		close(lockfd);
		free(o->tmp);
		free(o);
		free(target);
		return NULL;
	}
	o->manifest = manifest ? strdup(manifest) : NULL;
	o->dirfd = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	o->had_old = o->dirfd >= 0;
	o->mount = mount && o->had_old;
	if (o->had_old && o->manifest)
		read_manifest(o, lb);
	o->a = arena_new();
	o->dirs = strmap_new();
	pthread_mutex_init(&o->lock, NULL);
	shards_init(o);
	return o;
}

output *output_begin_sink(const output_sink *sink)
{
	output *o = calloc(1, sizeof *o);
	if (!o)
		abort();
	o->sink = sink;
	o->lockfd = o->tmpfd = o->dirfd = -1;
	o->a = arena_new();
	pthread_mutex_init(&o->lock, NULL);
	shards_init(o);
	return o;
}

void output_trust_target(output *o)
{
	o->trusted = 1;
}

/* ---- writing ---- */

/* mkdir -p for the folders of path inside the folder at fd, deepest
 * first: usually only the last folder is missing. EEXIST from a racing
 * worker is fine. */
static int make_dir(int fd, char *rel)
{
	if (mkdirat(fd, rel, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -1;
	char *slash = strrchr(rel, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	int rc = make_dir(fd, rel);
	*slash = '/';
	if (rc != 0)
		return -1;
	return mkdirat(fd, rel, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

int output_make_parents(int fd, const char *path)
{
	char rel[PATH_MAX];
	snprintf(rel, sizeof rel, "%s", path);
	char *slash = strrchr(rel, '/');
	if (!slash)
		return 0;   /* a file at the root */
	*slash = '\0';
	return make_dir(fd, rel);
}

/* Makes the folder of path in the new folder before its first file, so
 * that the file's create does not fail first (a path walk, for every
 * page in a folder of its own). The new folder holds only what this
 * build made: a folder made once is there. A failure here is found by
 * the create, which tries again and reports it. */
static void make_folder_of(output *o, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return;
	char dir[PATH_MAX];
	size_t n = (size_t)(slash - path);
	if (n >= sizeof dir)
		return;
	memcpy(dir, path, n);
	dir[n] = '\0';
	pthread_mutex_lock(&o->lock);
	int known = strmap_get(o->dirs, dir) != NULL;
	pthread_mutex_unlock(&o->lock);
	if (known || output_make_parents(o->tmpfd, path) != 0)
		return;
	pthread_mutex_lock(&o->lock);
	if (!strmap_get(o->dirs, dir)) {
		char *key = arena_strndup(o->a, dir, n);
		strmap_set(o->dirs, key, key);
	}
	pthread_mutex_unlock(&o->lock);
}

/* 1 when the file at path in the target is still the one e describes.
 * lastbuild stat'ed the last build's files while the site loaded, on a
 * core the load left idle: a file it found as written is not stat'ed
 * again (a file it found changed or gone is, and fails again). */
static int intact(const output *o, const entry *e)
{
	struct stat st;
	if (o->trusted || e->stood)
		return 1;
	return fstatat(o->dirfd, e->path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    manifest_stands(e, &st);
}

/* 1 when the target's file at path holds exactly data. */
static int same_bytes(const output *o, const char *path, const char *data,
    size_t len, struct stat *st)
{
	int fd = openat(o->dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	int same = fstat(fd, st) == 0 && S_ISREG(st->st_mode) &&
	    (size_t)st->st_size == len;
	char chunk[65536];
	size_t off = 0;
	while (same && off < len) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r <= 0 || off + (size_t)r > len ||
		    memcmp(chunk, data + off, (size_t)r) != 0)
			same = 0;
		else
			off += (size_t)r;
	}
	close(fd);
	return same;
}

static struct output_shard *shard_of(const output *o, const char *path)
{
	return (struct output_shard *)&o->shards[hash_bytes(path,
	    strlen(path)).hi % OUTPUT_SHARDS];
}

/* The entry for path in this build (a path of the last build is also
 * claimed in its old entry, claim_old); NULL (reported) when another page
 * has taken the path. */
static entry *claim(output *o, const char *path, diag *d)
{
	struct output_shard *sh = shard_of(o, path);
	pthread_mutex_lock(&sh->lock);
	/* One look-up under the lock: the entry is made first, and left in
	 * the arena when the path is taken, which is an error. */
	entry *e = arena_alloc(sh->a, sizeof *e);
	e->path = arena_strdup(sh->a, path);
	if (strmap_put_new(sh->map, e->path, e)) {
		e = NULL;
	} else {
		if (sh->n == sh->cap) {
			sh->cap = sh->cap ? sh->cap * 2 : 256;
			sh->news = realloc(sh->news, sh->cap * sizeof *sh->news);
			if (!sh->news)
				abort();
		}
		sh->news[sh->n++] = e;
	}
	pthread_mutex_unlock(&sh->lock);
	if (!e)
		diag_error(d, path, 0, 0, _("two pages want the same output "
		    "file"));
	return e;
}

static void shards_init(output *o)
{
	for (int i = 0; i < OUTPUT_SHARDS; i++) {
		struct output_shard *sh = &o->shards[i];
		pthread_mutex_init(&sh->lock, NULL);
		sh->a = arena_new();
		sh->map = strmap_new();
	}
}

const entry *output_new_entry(const output *o, const char *path)
{
	const entry *e = strmap_get(shard_of(o, path)->map, path);
	if (!e) {
		const entry *old = output_old_entry(o, path);
		if (old && old->state == OLD_KEPT)
			e = old;
	}
	return e;
}

void output_settle(output *o)
{
	size_t n = 0, nkept = 0;
	for (int i = 0; i < OUTPUT_SHARDS; i++)
		n += o->shards[i].n;
	for (size_t i = 0; i < o->nold; i++)
		nkept += o->old[i].state == OLD_KEPT;
	n += nkept;
	free(o->news);
	o->news = malloc((n + 1) * sizeof *o->news);
	if (!o->news)
		abort();
	o->nnew = 0;
	for (int i = 0; i < OUTPUT_SHARDS; i++) {
		if (!o->shards[i].n)
			continue;   /* its array may not exist */
		memcpy(o->news + o->nnew, o->shards[i].news,
		    o->shards[i].n * sizeof *o->news);
		o->nnew += o->shards[i].n;
	}
	/* The kept files' entries: the old ones as they were. */
	entry *kept = nkept ? arena_alloc(o->a, nkept * sizeof *kept) : NULL;
	for (size_t i = 0; i < o->nold; i++)
		if (o->old[i].state == OLD_KEPT) {
			*kept = o->old[i];
			kept->state = KEPT;
			o->news[o->nnew++] = kept++;
		}
}

/* kept: 0 written, 1 kept, 2 kept without being made (output_keep). */
static void count(output *o, int kept)
{
	/* Without the lock: every worker counts every file, and the lock
	 * is claim's (read after the workers are done). */
	__atomic_fetch_add(kept ? &o->kept : &o->written, 1, __ATOMIC_RELAXED);
	if (kept == 2)
		__atomic_fetch_add(&o->skipped, 1, __ATOMIC_RELAXED);
}

int output_has_last(const output *o)
{
	return o->have_old;
}

const entry *output_old_entry(const output *o, const char *path)
{
	return o->have_old ? strmap_get(o->old_map, path) : NULL;
}

/* Claims old's path for this build (how: OLD_MADE or OLD_KEPT); 0, or
 * -1 (reported) when another page has claimed it. */
static int claim_old(output *o, const entry *old, int how, diag *d)
{
	int gone = OLD_GONE;
	if (!__atomic_compare_exchange_n(&((entry *)old)->state, &gone, how,
	    0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		diag_error(d, old->path, 0, 0, _("two pages want the same "
		    "output file"));
		return -1;
	}
	__atomic_fetch_add(&o->nmade_old, 1, __ATOMIC_RELAXED);
	return 0;
}

int output_keep(output *o, const char *path, hash128 key, diag *d)
{
	if (o->sink) {
		const output_sink *k = o->sink;
		if ((!k->skip || !k->skip(k->ctx, path)) && (!k->keep ||
		    hash_is_zero(key) || !k->keep(k->ctx, path, key)))
			return 0;
		if (!claim(o, path, d))
			return -1;
		count(o, 2);
		return 1;
	}
	/* path is an old entry's, which manifest_read found safe. */
	const entry *old = output_old_entry(o, path);
	if (!old || hash_is_zero(key) || !hash_eq(old->key, key) ||
	    !intact(o, old))
		return 0;
	if (claim_old(o, old, OLD_KEPT, d) != 0)
		return -1;
	count(o, 2);
	return 1;
}

int output_write_keyed(output *o, const char *path, hash128 key,
    const char *data, size_t len, diag *d)
{
	if (!safe_path(path)) {
		diag_error(d, path, 0, 0, _("refusing to write outside the "
		    "output folder"));
		return -1;
	}
	if (o->sink) {
		if (!claim(o, path, d))
			return -1;
		o->sink->file(o->sink->ctx, path, key, data, len);
		count(o, 0);
		return 0;
	}
	if (strlen(o->tmp) + strlen(path) + 2 > PATH_MAX) {
		diag_error(d, path, 0, 0, _("output path is too long"));
		return -1;
	}
	entry *e = claim(o, path, d);
	if (!e)
		return -1;
	e->key = key;
	e->sum = hash_bytes(data, len);
	e->size = len;
	const entry *old = output_old_entry(o, path);
	if (old && claim_old(o, old, OLD_MADE, d) != 0)
		return -1;
	struct stat st;
	if (old && hash_eq(old->sum, e->sum) && old->size == len &&
	    intact(o, old)) {
		e->ino = old->ino;
		e->mtime = old->mtime;
		e->state = KEPT;
		count(o, 1);
		return 0;
	}
	int tmpfd = o->tmpfd;
	/* No manifest: compare with the old file, and link it if equal.
	 * Folders are made only when a file cannot be created without
	 * them: one mkdir per folder, not one per file. */
	if (o->had_old && !o->have_old && same_bytes(o, path, data, len,
	    &st)) {
		int rc = linkat(o->dirfd, path, tmpfd, path, 0);
		if (rc != 0 && errno == ENOENT && output_make_parents(tmpfd, path) == 0)
			rc = linkat(o->dirfd, path, tmpfd, path, 0);
		if (rc == 0) {
			e->ino = (uint64_t)st.st_ino;
			e->mtime = mtime_ns(&st);
			e->state = LINKED;
			count(o, 1);
			return 0;
		}
	}
	make_folder_of(o, path);
	int fd = openat(tmpfd, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0644);
	if (fd < 0 && errno == ENOENT) {
		if (output_make_parents(tmpfd, path) != 0) {
			diag_error(d, path, 0, 0, _("cannot create folder: %s"),
			    strerror(errno));
			return -1;
		}
		fd = openat(tmpfd, path, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0644);
	}
	if (fd < 0) {
		diag_error(d, path, 0, 0, _("cannot create: %s"),
		    strerror(errno));
		return -1;
	}
	if (fd_write_all(fd, data, len) != 0 || fstat(fd, &st) != 0) {
		diag_error(d, path, 0, 0, _("cannot write: %s"),
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		diag_error(d, path, 0, 0, _("cannot write: %s"),
		    strerror(errno));
		return -1;
	}
	e->ino = (uint64_t)st.st_ino;
	e->mtime = mtime_ns(&st);
	e->state = WRITTEN;
	count(o, 0);
	return 0;
}

int output_write(output *o, const char *path, const char *data, size_t len,
    diag *d)
{
	return output_write_keyed(o, path, (hash128){0, 0}, data, len, d);
}

void output_free(output *o)
{
	if (o->tmpfd >= 0)
		close(o->tmpfd);
	if (o->dirfd >= 0)
		close(o->dirfd);
	if (o->lockfd >= 0)
		close(o->lockfd);   /* releases the lock */
	pthread_mutex_destroy(&o->lock);
	for (int i = 0; i < OUTPUT_SHARDS; i++) {
		struct output_shard *sh = &o->shards[i];
		pthread_mutex_destroy(&sh->lock);
		strmap_free(sh->map);
		free(sh->news);
		arena_free(sh->a);
	}
	strmap_free(o->old_map);
	strmap_free(o->dirs);
	manifest_free(&o->old_list);
	free(o->news);
	arena_free(o->a);
	free(o->manifest);
	free(o->dir);
	free(o->tmp);
	free(o);
}

void output_abort(output *o)
{
	if (!o)
		return;
	if (o->tmp)
		output_rm_tree(o->tmp);
	output_free(o);
}

size_t output_written(const output *o) { return o->written; }
size_t output_kept(const output *o) { return o->kept; }
size_t output_skipped(const output *o) { return o->skipped; }
