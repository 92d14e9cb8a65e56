#include "listcache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/hash.h"
#include "../core/record.h"

/* The file: MAGIC, the body's length and checksum (8 bytes each), then
 * the body: the program's digest (16), the source folder, the prefix,
 * the folders (path, device, inode, mode, modification and change times)
 * and the files' paths, sorted, as core/record writes them. */
#define MAGIC "saitti-list 1\n"
/* A folder changed this close to the walk may change again with the same
 * times (as in model/parsecache.c). */
#define RACY_NS 3000000000LL

static long long clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int same_folder(const source_ident *a, const source_ident *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->mode == b->mode &&
	    a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

/* The record's files when it holds for src and prefix now; else -1. */
static long kept(source *src, const char *prefix, const char *file,
    arena *a, const char ***paths)
{
	size_t blen, len;
	void *map;
	const char *got = record_file_map(file, MAGIC, &blen, &map, &len);
	if (!got)
		return -1;
	long n = -1;
	/* The paths are kept: the body goes to a, the map away. */
	char *body = arena_alloc(a, blen + 1);
	memcpy(body, got, blen);
	record_cursor c = {body, body + blen, 0};
	hash128 prog = hash_program();
	uint64_t lo = record_u64(&c), hi = record_u64(&c);
	const char *dir = record_str(&c), *pre = record_str(&c);
	if (c.bad || lo != prog.lo || hi != prog.hi || !source_dir(src) ||
	    strcmp(dir, source_dir(src)) != 0 || strcmp(pre, prefix) != 0)
		goto done;
	uint64_t nf = record_u64(&c);
	for (uint64_t i = 0; i < nf && !c.bad; i++) {
		const char *path = record_str(&c);
		source_ident was = {0}, now;
		was.dev = record_u64(&c);
		was.ino = record_u64(&c);
		was.mode = record_u64(&c);
		was.mtime_ns = (long long)record_u64(&c);
		was.ctime_ns = (long long)record_u64(&c);
		if (c.bad || source_folder_ident(src, path, &now) != 0 ||
		    !same_folder(&was, &now))
			goto done;
	}
	uint64_t nfiles = record_u64(&c);
	if (c.bad || nfiles > blen / 9)
		goto done;
	const char **p = arena_alloc(a, (nfiles + 1) * sizeof *p);
	for (uint64_t i = 0; i < nfiles; i++)
		p[i] = record_str(&c);
	if (c.bad || c.p != c.end ||
	    source_take_listing(src, prefix, (size_t)nfiles) != 0)
		goto done;
	*paths = p;
	n = (long)nfiles;
done:
	munmap(map, len);
	return n;
}

/* Writes the record of a walk that began at began, unless a folder
 * changed too close to it. */
static void keep(source *src, const char *prefix, const char *file,
    const char **paths, size_t n, const char **folders, size_t nfolders,
    long long began)
{
	buf b = BUF_INIT;
	hash128 prog = hash_program();
	record_put_u64(&b, prog.lo);
	record_put_u64(&b, prog.hi);
	record_put_str(&b, source_dir(src));
	record_put_str(&b, prefix);
	record_put_u64(&b, nfolders);
	for (size_t i = 0; i < nfolders; i++) {
		source_ident id;
		if (source_folder_ident(src, folders[i], &id) != 0 ||
		    id.mtime_ns >= began - RACY_NS ||
		    id.ctime_ns >= began - RACY_NS) {
			buf_free(&b);
			unlink(file);
			return;
		}
		record_put_str(&b, folders[i]);
		record_put_u64(&b, id.dev);
		record_put_u64(&b, id.ino);
		record_put_u64(&b, id.mode);
		record_put_u64(&b, (uint64_t)id.mtime_ns);
		record_put_u64(&b, (uint64_t)id.ctime_ns);
	}
	record_put_u64(&b, n);
	for (size_t i = 0; i < n; i++)
		record_put_str(&b, paths[i]);
	record_file_write(file, MAGIC, b.data ? b.data : "", b.len);
	buf_free(&b);
}

size_t listcache_list(source *src, const char *prefix, const char *file,
    arena *a, const char ***paths, diag *d)
{
	if (!file || !source_dir(src))
		return source_list(src, prefix, a, paths, d);
	/* $SAITTI_DEBUG_LIST: which way, for the tests and the curious. */
	int say = getenv("SAITTI_DEBUG_LIST") != NULL;
	long n = kept(src, prefix, file, a, paths);
	if (say)
		fprintf(stderr, "saitti: listing of %s: %s\n", prefix, n >= 0 ?
		    "from the record" : "walked");
	if (n >= 0)
		return (size_t)n;
	long long began = clock_ns();
	int heard = diag_errors(d) + diag_warnings(d);
	const char **folders;
	size_t nfolders;
	size_t got = source_list_folders(src, prefix, a, paths, &folders,
	    &nfolders, d);
	/* No folder walked (no content/ yet): nothing to tell a new one by. */
	if (diag_errors(d) + diag_warnings(d) == heard && nfolders)
		keep(src, prefix, file, *paths, got, folders, nfolders, began);
	else
		unlink(file);
	return got;
}
