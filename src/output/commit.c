/* commit: puts a finished build in place (output.h describes the ways):
 * in place, by a swap, or into a mount point. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../core/i18n.h"
#include "outguard.h"
#include "output_impl.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static int exchange(const char *a, const char *b)
{
#ifdef SYS_renameat2
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
	    RENAME_EXCHANGE);
#else
	errno = ENOSYS;
	return -1;
#endif
}

/* Makes the new folder whole (links of the files kept in the target) and
 * swaps it in for the target. */
static int commit_swap(output *o, diag *d)
{
	for (size_t i = 0; i < o->nnew; i++) {
		const char *p = o->news[i]->path;
		if (o->news[i]->state != KEPT)
			continue;
		int rc = linkat(o->dirfd, p, o->tmpfd, p, 0);
		if (rc != 0 && errno == ENOENT && output_make_parents(o->tmpfd, p) == 0)
			rc = linkat(o->dirfd, p, o->tmpfd, p, 0);
		if (rc != 0) {
			diag_error(d, p, 0, 0, _("cannot link the unchanged "
			    "file into the new output: %s"), strerror(errno));
			return -1;
		}
	}
	if (exchange(o->tmp, o->dir) == 0) {
		output_rm_tree(o->tmp);   /* now holds the previous output */
		return 0;
	}
	/* No RENAME_EXCHANGE (old kernel, some file systems): move the old
	 * tree aside, then the new one in. */
	char aside[PATH_MAX];
	snprintf(aside, sizeof aside, "%s.old", o->tmp);
	if (rename(o->dir, aside) != 0 || rename(o->tmp, o->dir) != 0) {
		diag_error(d, o->dir, 0, 0, _("cannot put the output in place: "
		    "%s"), strerror(errno));
		if (!output_is_dir(o->dir))
			rename(aside, o->dir);
		return -1;
	}
	output_rm_tree(aside);
	return 0;
}

/* 1 when the new file at path cannot simply be renamed into the target:
 * a folder stands there, or a file where a folder should be. */
static int blocked(const output *o, const char *path)
{
	struct stat st;
	if (fstatat(o->dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return !S_ISREG(st.st_mode);
	return errno != ENOENT;
}

/* Removes path's folders in the target from the deepest up while they
 * are empty. */
static void prune_dirs(const output *o, const char *path)
{
	char rel[PATH_MAX];
	snprintf(rel, sizeof rel, "%s", path);
	char *slash;
	while ((slash = strrchr(rel, '/'))) {
		*slash = '\0';
		if (unlinkat(o->dirfd, rel, AT_REMOVEDIR) != 0)
			break;
	}
}

static int commit_in_place(output *o, diag *d)
{
	/* Pages new to the site first, then changed ones: a changed page
	 * may link to a new one. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < o->nnew; i++) {
			const entry *e = o->news[i];
			if (e->state != WRITTEN ||
			    (output_old_entry(o, e->path) != NULL) != pass)
				continue;
			int rc = renameat(o->tmpfd, e->path, o->dirfd, e->path);
			if (rc != 0 && errno == ENOENT &&
			    output_make_parents(o->dirfd, e->path) == 0)
				rc = renameat(o->tmpfd, e->path, o->dirfd,
				    e->path);
			if (rc != 0) {
				diag_error(d, e->path, 0, 0, _("cannot put the "
				    "file in place: %s"), strerror(errno));
				return -1;
			}
		}
	}
	/* Then the files this build no longer makes. */
	for (size_t i = 0; o->nmade_old < o->nold && i < o->nold; i++) {
		const entry *e = &o->old[i];
		if (e->state != OLD_GONE)
			continue;
		if (unlinkat(o->dirfd, e->path, 0) == 0)
			prune_dirs(o, e->path);
	}
	output_rm_tree(o->tmp);
	return 0;
}

/* Makes way in the target for the new file at path: folders where its
 * parents should be (a file standing in one's place removed), and a
 * folder standing where the file should be removed. */
static void clear_way(output *o, const char *path)
{
	char rel[PATH_MAX];
	struct stat st;
	snprintf(rel, sizeof rel, "%s", path);
	for (char *slash = strchr(rel, '/'); slash;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (fstatat(o->dirfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISDIR(st.st_mode))
			unlinkat(o->dirfd, rel, 0);
		mkdirat(o->dirfd, rel, 0755);
		*slash = '/';
	}
	char full[PATH_MAX];
	if (fstatat(o->dirfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode) && (size_t)snprintf(full, sizeof full, "%s/%s",
	    o->dir, rel) < sizeof full)
		output_rm_tree(full);
}

/* Removes from the folder fd (rel in the target) every file this build
 * did not make, and the folders left empty. The new folder, and a file
 * system's lost+found, stay. */
static void sweep(output *o, int fd, const char *rel)
{
	int dup_fd = dup(fd);
	DIR *dp = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	if (!dp) {
		if (dup_fd >= 0)
			close(dup_fd);
		return;
	}
	const char *tmpname = strrchr(o->tmp, '/') + 1;
	struct dirent *de;
	while ((de = readdir(dp))) {
		const char *name = de->d_name;
		char path[PATH_MAX];
		struct stat st;
		if (!strcmp(name, ".") || !strcmp(name, "..") || (!*rel &&
		    (!strcmp(name, tmpname) || !strcmp(name, "lost+found"))) ||
		    (size_t)snprintf(path, sizeof path, "%s%s%s", rel,
		    *rel ? "/" : "", name) >= sizeof path ||
		    fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(fd, name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			if (sub >= 0) {
				sweep(o, sub, path);
				close(sub);
			}
			unlinkat(fd, name, AT_REMOVEDIR);   /* when empty */
		} else if (!output_new_entry(o, path)) {
			unlinkat(fd, name, 0);
		}
	}
	closedir(dp);
}

/* A mount point cannot be renamed or swapped (EBUSY): each new or changed
 * file is renamed into it from the new folder inside it, whatever stands
 * in the way removed first; then everything this build did not make is
 * removed. Every file is whole at every moment, but while this runs the
 * site is part old, part new. */
static int commit_mount(output *o, diag *d)
{
	for (size_t i = 0; i < o->nnew; i++) {
		const entry *e = o->news[i];
		if (e->state != WRITTEN)
			continue;   /* kept or linked: already in the target */
		int rc = renameat(o->tmpfd, e->path, o->dirfd, e->path);
		if (rc != 0) {
			clear_way(o, e->path);
			rc = renameat(o->tmpfd, e->path, o->dirfd, e->path);
		}
		if (rc != 0) {
			diag_error(d, e->path, 0, 0, _("cannot put the file "
			    "in place: %s"), strerror(errno));
			return -1;
		}
	}
	sweep(o, o->dirfd, "");
	output_rm_tree(o->tmp);
	return 0;
}

int output_commit(output *o, diag *d)
{
	int rc = 0;
	/* Tells the next build that saitti made this folder (outguard.h). */
	if (output_write(o, OUTGUARD_MARKER, OUTGUARD_MARKER_TEXT,
	    strlen(OUTGUARD_MARKER_TEXT), d) != 0) {
		output_abort(o);
		return -1;
	}
	output_settle(o);
	if (o->sink) {
		output_free(o);
		return 0;
	}
	/* A build that kept every file of the last one, with the same keys,
	 * leaves the manifest as it is. */
	int same = o->have_old && o->written == 0 && o->nnew == o->nold &&
	    o->nmade_old == o->nold;
	for (size_t i = 0; same && i < o->nnew; i++) {
		const entry *old = output_old_entry(o, o->news[i]->path);
		same = old && o->news[i]->state == KEPT &&
		    hash_eq(old->key, o->news[i]->key);
	}
	if (same) {
		output_rm_tree(o->tmp);
		output_free(o);
		return 0;
	}
	/* The manifest goes first: if the commit stops half-way, the next
	 * build must not trust it. */
	if (o->manifest)
		unlink(o->manifest);
	if (o->mount) {
		rc = commit_mount(o, d);
	} else if (!o->had_old) {
		if (rename(o->tmp, o->dir) != 0) {
			diag_error(d, o->dir, 0, 0, _("cannot put the output "
			    "in place: %s"), strerror(errno));
			rc = -1;
		}
	} else {
		/* The written files and the old ones this build did not make
		 * (made_old counted the others). */
		size_t changed = o->written + (o->nold - o->nmade_old);
		int in_place = o->have_old && changed * 2 < o->nnew;
		for (size_t i = 0; in_place && i < o->nnew; i++)
			if (o->news[i]->state == WRITTEN &&
			    !output_old_entry(o, o->news[i]->path) &&
			    blocked(o, o->news[i]->path))
				in_place = 0;
		/* Without a manifest every kept file is already linked. */
		rc = in_place ? commit_in_place(o, d) : commit_swap(o, d);
	}
	if (rc == 0 && o->manifest)
		output_write_manifest(o);
	else
		output_rm_tree(o->tmp);
	output_free(o);
	return rc;
}

