#include "outguard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/i18n.h"

#ifndef STATX_ATTR_MOUNT_ROOT
#define STATX_ATTR_MOUNT_ROOT 0x00002000
#endif

/* ---- paths ---- */

/* Appends the part name (len bytes) to the resolved path in buf, or takes
 * the last part off for "..". -1 when it does not fit. */
static int push_part(char *buf, size_t cap, const char *name, size_t len)
{
	if (len == 0 || (len == 1 && name[0] == '.'))
		return 0;
	size_t n = strlen(buf);
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		char *slash = strrchr(buf, '/');
		if (slash == buf)
			buf[1] = '\0';
		else if (slash)
			*slash = '\0';
		return 0;
	}
	int root = n == 1 && buf[0] == '/';
	if (n + !root + len + 1 > cap)
		return -1;
	if (!root)
		buf[n++] = '/';
	memcpy(buf + n, name, len);
	buf[n + len] = '\0';
	return 0;
}

char *outguard_resolve(const char *path)
{
	char abs[PATH_MAX];
	if (!path || !*path)
		return NULL;
	if (path[0] == '/') {
		if (strlen(path) >= sizeof abs)
			return NULL;
		strcpy(abs, path);
	} else {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd) || (size_t)snprintf(abs,
		    sizeof abs, "%s/%s", cwd, path) >= sizeof abs)
			return NULL;
	}
	/* The longest prefix that exists is resolved by the kernel; what
	 * follows it does not exist, so it holds no link and `..` there is
	 * plain text. */
	size_t end = strlen(abs);
	char *real = NULL;
	for (;;) {
		char c = abs[end];
		abs[end] = '\0';
		real = realpath(end ? abs : "/", NULL);
		abs[end] = c;
		if (real || end == 0)
			break;
		while (end > 0 && abs[end - 1] == '/')
			end--;
		while (end > 0 && abs[end - 1] != '/')
			end--;
	}
	if (!real)
		return NULL;
	char out[PATH_MAX];
	if (strlen(real) >= sizeof out) {
		free(real);
		return NULL;
	}
	strcpy(out, real);
	free(real);
	for (const char *p = abs + end; *p;) {
		size_t n = strcspn(p, "/");
		if (push_part(out, sizeof out, p, n) != 0)
			return NULL;
		p += n;
		p += strspn(p, "/");
	}
	return strdup(out);
}

int outguard_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '/' ||
	    path[n] == '\0');
}

int outguard_overlap(const char *a, const char *b)
{
	return outguard_within(a, b) || outguard_within(b, a);
}

int outguard_is_mount(const char *dir)
{
	struct statx sx;
	if (statx(AT_FDCWD, dir, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS,
	    &sx) == 0 && (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT))
		return (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
	/* Older kernels: another device than the parent's. */
	char parent[PATH_MAX];
	struct stat a, b;
	if ((size_t)snprintf(parent, sizeof parent, "%s/..", dir) >=
	    sizeof parent || lstat(dir, &a) != 0 || stat(parent, &b) != 0)
		return 0;
	return S_ISDIR(a.st_mode) && (a.st_dev != b.st_dev ||
	    a.st_ino == b.st_ino);
}

/* ---- what the folder is ---- */

static int is_dir_at(const char *dir, const char *name)
{
	char p[PATH_MAX];
	struct stat st;
	return (size_t)snprintf(p, sizeof p, "%s/%s", dir, name) < sizeof p &&
	    lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* 1 when dir looks like a git directory, as git itself decides: HEAD,
 * objects/ and refs/. */
static int is_git_dir(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;
	return (size_t)snprintf(p, sizeof p, "%s/HEAD", dir) < sizeof p &&
	    lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
	    is_dir_at(dir, "objects") && is_dir_at(dir, "refs");
}

/* The git directory that out is, is inside, or holds as its .git; NULL
 * when none (malloc'd). */
static char *git_dir_around(const char *out)
{
	char p[PATH_MAX];
	struct stat st;
	if ((size_t)snprintf(p, sizeof p, "%s/.git", out) < sizeof p &&
	    lstat(p, &st) == 0)
		return strdup(p);
	snprintf(p, sizeof p, "%s", out);
	for (;;) {
		const char *base = strrchr(p, '/');
		if (is_git_dir(*p ? p : "/") || (base && !strcmp(base, "/.git")))
			return strdup(*p ? p : "/");
		char *slash = strrchr(p, '/');
		if (!slash || slash == p)
			return NULL;
		*slash = '\0';
	}
}

/* 1 when dir holds nothing (or does not exist); a fresh file system's
 * lost+found does not count (output.c leaves it alone). */
static int empty_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return errno == ENOENT;
	struct dirent *de;
	int empty = 1, mount = outguard_is_mount(dir);
	while (empty && (de = readdir(dp)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    !(mount && !strcmp(de->d_name, "lost+found")))
			empty = 0;
	closedir(dp);
	return empty;
}

/* 1 when the marker file at dir's root is the one saitti writes. */
static int has_marker(const char *dir)
{
	char p[PATH_MAX], buf[sizeof OUTGUARD_MARKER_TEXT + 1];
	if ((size_t)snprintf(p, sizeof p, "%s/" OUTGUARD_MARKER, dir) >=
	    sizeof p)
		return 0;
	int fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	ssize_t n = -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, buf, sizeof buf);
	close(fd);
	return n == (ssize_t)strlen(OUTGUARD_MARKER_TEXT) &&
	    memcmp(buf, OUTGUARD_MARKER_TEXT, (size_t)n) == 0;
}

/* 1 when the manifest names dir: its first line, as output.c writes it,
 * holds the device and inode of dir. Any version of the manifest counts:
 * it proves that saitti built the folder. */
static int manifest_names(const char *manifest, const char *dir)
{
	struct stat st;
	if (!manifest || stat(dir, &st) != 0)
		return 0;
	int fd = open(manifest, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char head[200];
	ssize_t n = read(fd, head, sizeof head - 1);
	close(fd);
	if (n <= 0)
		return 0;
	head[n] = '\0';
	unsigned version;
	unsigned long long dev, ino;
	return sscanf(head, "saitti-manifest %u %llu %llu", &version, &dev,
	    &ino) == 3 && dev == (unsigned long long)st.st_dev &&
	    ino == (unsigned long long)st.st_ino;
}

static char *home_dir(void)
{
	const char *h = getenv("HOME");
	if (!h || !*h) {
		struct passwd *pw = getpwuid(getuid());
		h = pw ? pw->pw_dir : NULL;
	}
	return h && *h ? outguard_resolve(h) : NULL;
}

/* ---- the check ---- */

/* 1 when out overlaps what (resolved here). */
static int overlaps(const char *out, const char *what)
{
	char *real = outguard_resolve(what);
	int bad = real && outguard_overlap(out, real);
	free(real);
	return bad;
}

int outguard_check(const outguard_req *r, diag *d)
{
	char *out = outguard_resolve(r->out);
	if (!out) {
		diag_error(d, r->out, 0, 0, _("cannot find where the output "
		    "folder would be (%s): give --out a folder whose parent "
		    "exists"), strerror(errno ? errno : ENOENT));
		return -1;
	}
	int bad = 1;
	char *home = home_dir(), *git = NULL, *site = NULL;
	if (!strcmp(out, "/") || (home && outguard_within(home, out))) {
		/* TRANSLATORS: the output folder is / or the home folder. */
		diag_error(d, r->out, 0, 0, _("the output folder is the root "
		    "folder or a home folder, or holds one; a build replaces "
		    "everything in its output folder: choose a folder of its "
		    "own, like --out public"));
		goto done;
	}
	site = r->site ? outguard_resolve(r->site) : NULL;
	if (site && outguard_within(site, out)) {
		diag_error(d, r->out, 0, 0, _("the output folder holds the "
		    "site's source, which the build would replace: choose an "
		    "--out beside or below the source, like --out public"));
		goto done;
	}
	if (r->gitdir && (overlaps(out, r->gitdir) ||
	    (r->commondir && overlaps(out, r->commondir)))) {
		diag_error(d, r->out, 0, 0, _("the output folder is the git "
		    "repository's folder, or inside it, or holds it; the build "
		    "would destroy the repository: choose an --out outside it, "
		    "like --out public"));
		goto done;
	}
	if ((git = git_dir_around(out))) {
		diag_error(d, r->out, 0, 0, _("the output folder is a git "
		    "repository, or inside one, or holds one (%s); the build "
		    "would destroy it: choose an --out outside it, like --out "
		    "public"), git);
		goto done;
	}
	static const char *const inputs[] = {"content", "themes", "site.yaml"};
	for (size_t i = 0; site && i < sizeof inputs / sizeof *inputs; i++) {
		char p[PATH_MAX];
		if ((size_t)snprintf(p, sizeof p, "%s/%s", site, inputs[i]) >=
		    sizeof p || !overlaps(out, p))
			continue;
		/* TRANSLATORS: %s is content/, themes/ or site.yaml. */
		diag_error(d, r->out, 0, 0, _("the output folder overlaps the "
		    "site's %s (it is inside it, or is it, or holds it), which "
		    "the build reads: choose an --out outside it, like --out "
		    "public"), i < 2 ? (i ? "themes/" : "content/") :
		    "site.yaml");
		goto done;
	}
	if (r->cache && overlaps(out, r->cache)) {
		diag_error(d, r->out, 0, 0, _("the output folder overlaps the "
		    "cache folder %s (it is inside it, or is it, or holds it): "
		    "choose an --out outside the cache"), r->cache);
		goto done;
	}
	struct stat st;
	if (!r->force && lstat(out, &st) == 0 && S_ISDIR(st.st_mode) &&
	    !empty_dir(out) && !has_marker(out) &&
	    !manifest_names(r->manifest, out)) {
		diag_error(d, r->out, 0, 0, _("the output folder is not empty "
		    "and saitti did not build it (it has no .saitti-output "
		    "file); a build replaces everything in it: choose an "
		    "empty or new folder for --out, or add --force if its "
		    "files may be deleted"));
		goto done;
	}
	bad = 0;
done:
	free(site);
	free(git);
	free(home);
	free(out);
	return bad ? -1 : 0;
}
