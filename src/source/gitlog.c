#include "gitlog.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/cachedir.h"
#include "gitlog_impl.h"
#include "histwalk.h"
#include "../core/i18n.h"

const char *git_msg(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "unknown libgit2 error";
}

static char *strip_slash(arena *a, const char *p)
{
	char *s = arena_strdup(a, p);
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

static int cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* A shallow clone lists the commits whose parents it lacks in
 * $GIT_DIR/shallow; history stops there. */
static void read_shallow(gitlog *l)
{
	if (git_repository_is_shallow(l->repo) != 1)
		return;
	char *path = arena_printf(l->a, "%sshallow",
	    git_repository_commondir(l->repo));
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	git_oid digest;
	if (git_odb_hash(&digest, b.data ? b.data : "", b.len,
	    GIT_OBJECT_BLOB) == 0)
		memcpy(l->shallow_digest, digest.id, 20);
	size_t cap = b.len / 41 + 1;
	l->shallow = arena_alloc(l->a, cap * sizeof *l->shallow);
	for (const char *p = b.data; p && p + 40 <= b.data + b.len;) {
		if (l->nshallow < cap && git_oid_fromstrn(&l->shallow[l->nshallow],
		    p, 40) == 0)
			l->nshallow++;
		const char *nl = memchr(p, '\n', (size_t)(b.data + b.len - p));
		if (!nl)
			break;
		p = nl + 1;
	}
	qsort(l->shallow, l->nshallow, sizeof *l->shallow, cmp_oid);
	buf_free(&b);
}

int is_shallow_edge(const gitlog *l, const git_oid *id)
{
	return l->nshallow && bsearch(id, l->shallow, l->nshallow,
	    sizeof *l->shallow, cmp_oid) != NULL;
}

/* The content/ subtree of a commit: 1 and its id, 0 when the commit has
 * none, -1 on error. */
int commit_content(git_commit *c, const char *content, git_oid *out)
{
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	int rc = -1;
	if (git_commit_tree(&root, c) != 0)
		return -1;
	int r = git_tree_entry_bypath(&e, root, content);
	if (r == GIT_ENOTFOUND || (r == 0 &&
	    git_tree_entry_type(e) != GIT_OBJECT_TREE)) {
		rc = 0;
	} else if (r == 0) {
		git_oid_cpy(out, git_tree_entry_id(e));
		rc = 1;
	}
	git_tree_entry_free(e);
	git_tree_free(root);
	return rc;
}

int content_tree_id(git_repository *repo, const char *content,
    const git_oid *commit, git_oid *out)
{
	git_commit *c = NULL;
	if (git_commit_lookup(&c, repo, commit) != 0)
		return -1;
	int rc = commit_content(c, content, out);
	git_commit_free(c);
	return rc;
}

gitlog *gitlog_open(void *repo_, const void *commit, const char *dir,
    int subfolder, diag *d)
{
	git_repository *repo = repo_;
	if (!repo)
		return NULL;
	arena *a = arena_new();
	const char *prefix = "", *home;
	if (commit) {
		const char *wd = git_repository_workdir(repo);
		home = strip_slash(a, wd ? wd : git_repository_path(repo));
	} else {
		const char *wd = git_repository_workdir(repo);
		char *rd = dir ? realpath(dir, NULL) : NULL;
		char *rw = wd ? realpath(wd, NULL) : NULL;
		size_t n = rw ? strlen(rw) : 0;
		int top = rd && rw && !strcmp(rd, rw);
		int inside = rd && rw && !strncmp(rd, rw, n) &&
		    (rd[n] == '/' || (n == 1 && rw[0] == '/'));
		if (!top && inside && subfolder)
			prefix = arena_printf(a, "%s/", rd + n + (rw[n - 1] != '/'));
		free(rd);
		free(rw);
		if (!top && !(inside && subfolder)) {
			arena_free(a);
			return NULL;
		}
		home = dir;
	}
	gitlog *l = arena_alloc(a, sizeof *l);
	l->a = a;
	l->repo = repo;
	l->worktree = commit == NULL;
	l->prefix = prefix;
	l->content = arena_printf(a, "%scontent", prefix);
	l->home = home;
	if (commit) {
		git_oid_cpy(&l->head, commit);
		l->has_head = 1;
	} else {
		int r = git_reference_name_to_id(&l->head, repo, "HEAD");
		if (r == 0)
			l->has_head = 1;
		else if (r != GIT_EUNBORNBRANCH && r != GIT_ENOTFOUND) {
			diag_error(d, dir, 0, 0, _("cannot read the "
			    "repository's HEAD (%s): set git_info: false in "
			    "site.yaml to build without history"), git_msg());
			arena_free(a);
			return NULL;
		}
	}
	read_shallow(l);
	if (l->worktree && git_repository_index(&l->index, repo) != 0)
		l->index = NULL;
	return l;
}

void gitlog_free(gitlog *l)
{
	if (!l)
		return;
	git_index_free(l->index);
	histgraph_free(l->g);
	arena_free(l->a);
}

const char *gitlog_home(const gitlog *l) { return l->home; }

void gitlog_set_same(gitlog *l, gitlog_same_fn same) { l->same = same; }

const char *gitlog_short_id(arena *a, const unsigned char id[20])
{
	git_oid oid;
	char hex[GIT_OID_HEXSZ + 1];
	memcpy(oid.id, id, 20);
	git_oid_tostr(hex, sizeof hex, &oid);
	return arena_strndup(a, hex, 7);
}

int gitlog_head_file(gitlog *l, const char *path, arena *a,
    const char **data, size_t *len)
{
	git_commit *c = NULL;
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	int rc = -1;
	char *full = arena_printf(a, "%s/%s", l->content, path);
	if (!l->has_head || git_commit_lookup(&c, l->repo, &l->head) != 0 ||
	    git_commit_tree(&root, c) != 0 ||
	    git_tree_entry_bypath(&e, root, full) != 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    git_blob_lookup(&b, l->repo, git_tree_entry_id(e)) != 0)
		goto done;
	*len = (size_t)git_blob_rawsize(b);
	*data = arena_strndup(a, git_blob_rawcontent(b), *len);
	rc = 0;
done:
	git_blob_free(b);
	git_tree_entry_free(e);
	git_tree_free(root);
	git_commit_free(c);
	return rc;
}

int gitlog_has(gitlog *l, const char *path)
{
	if (!l->worktree)
		return 1;
	if (!l->index)
		return 0;
	buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", l->content, path);
	int has = git_index_get_bypath(l->index, b.data, 0) != NULL;
	buf_free(&b);
	return has;
}

/* ---- the cache file ------------------------------------------------- */

static histgraph *read_cache(const char *file, const char **note,
    arena *a, diag *d)
{
	/* Never through a link someone left at the cache's name. */
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	int err = ferror(f);
	fclose(f);
	histgraph *g = NULL;
	const char *why = "unreadable";
	if (!err)
		g = histgraph_decode(b.data ? b.data : "", b.len, &why);
	if (!g && !strcmp(why, HISTGRAPH_OTHER_VERSION))
		*note = arena_printf(a, "history: the cache was %s; read "
		    "again from git", why);
	else if (!g)
		diag_warn(d, file, 0, 0, _("the history cache is %s; reading "
		    "history from git again and writing a new cache"), why);
	buf_free(&b);
	return g;
}

/* Written to a temporary name and renamed into place, so a reader never
 * sees half a cache. A new cache folder ignores itself in git. */
static void write_cache(gitlog *l, const histgraph *g, const char *file,
    diag *d)
{
	char *dir = arena_strdup(l->a, file);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		if (*dir && cachedir_make(dir) != 0) {
			diag_warn(d, dir, 0, 0, _("cannot make the history "
			    "cache folder (%s); the next build reads history "
			    "from git again"), strerror(errno));
			return;
		}
	}
	size_t len;
	char *bytes = histgraph_encode(g, &len);
	char *tmp = arena_printf(l->a, "%s.tmp.%ld", file, (long)getpid());
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f && fd >= 0)
		close(fd);
	int ok = f && fwrite(bytes, 1, len, f) == len && fflush(f) == 0 &&
	    !ferror(f);
	if (f && fclose(f) != 0)
		ok = 0;
	if (ok && rename(tmp, file) != 0)
		ok = 0;
	if (!ok) {
		diag_warn(d, file, 0, 0, _("cannot write the history cache "
		    "(%s); the next build reads history from git again"),
		    strerror(errno));
		unlink(tmp);
	}
	free(bytes);
}

histgraph *gitlog_history(gitlog *l, const char *cache_file,
    const char **note, diag *d)
{
	*note = NULL;
	if (l->g)
		return l->g;
	if (!l->has_head) {
		l->g = histgraph_new();
		*note = "history: no commits yet";
		return l->g;
	}
	char head7[8];
	git_oid_tostr(head7, sizeof head7, &l->head);
	histgraph *old = cache_file ? read_cache(cache_file, note, l->a, d) :
	    NULL;
	if (old && (strcmp(old->prefix, l->prefix) ||
	    memcmp(old->shallow, l->shallow_digest, 20))) {
		*note = arena_printf(l->a, "history: the cache was made for "
		    "another %s; read again from git",
		    strcmp(old->prefix, l->prefix) ? "site folder" :
		    "shallow clone depth");
		histgraph_free(old);
		old = NULL;
	}
	if (old && old->ncommits && !memcmp(old->commits[0].id, l->head.id,
	    20)) {
		*note = arena_printf(l->a, "history: %zu commits from the "
		    "cache at %s", old->ncommits, head7);
		l->g = old;
		return l->g;
	}
	int reached = 0, errs = diag_errors(d);
	size_t walked = 0;
	histgraph *g = NULL;
	if (old && old->ncommits) {
		g = walk_new(l, old, &reached, &walked, d);
		if (g) {
			*note = arena_printf(l->a, "history: %zu new commits "
			    "read on top of the cache at %s", walked,
			    gitlog_short_id(l->a, old->commits[0].id));
			memcpy(g->from, old->commits[0].id, 20);
		} else if (!reached && diag_errors(d) == errs) {
			*note = arena_printf(l->a, "history: the cache at %s "
			    "is not an ancestor of %s (a force-push or a "
			    "rebase?); read again from git",
			    gitlog_short_id(l->a, old->commits[0].id), head7);
		}
	}
	if (!g && diag_errors(d) == errs) {
		g = walk_new(l, NULL, &reached, &walked, d);
		if (g && !*note)
			*note = arena_printf(l->a, "history: %zu commits read "
			    "from git", walked);
	}
	histgraph_free(old);
	if (!g)
		return NULL;
	g->prefix = arena_strdup(g->a, l->prefix);
	memcpy(g->shallow, l->shallow_digest, 20);
	g->walked = (uint32_t)walked;
	if (cache_file)
		write_cache(l, g, cache_file, d);
	l->g = g;
	return g;
}

/* ---- uncommitted changes -------------------------------------------- */

static int cmp_change(const void *a, const void *b)
{
	return strcmp(((const gitlog_change *)a)->path,
	    ((const gitlog_change *)b)->path);
}

/* Escapes the pathspec's wildcard characters in a folder name. */
static char *literal_spec(arena *a, const char *s)
{
	buf b = BUF_INIT;
	for (; *s; s++) {
		if (strchr("*?[]\\", *s))
			buf_putc(&b, '\\');
		buf_putc(&b, *s);
	}
	char *r = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

long gitlog_changes(gitlog *l, arena *a, gitlog_change **out, diag *d)
{
	*out = NULL;
	if (!l->worktree)
		return 0;
	git_status_options o;
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX |
	    GIT_STATUS_OPT_RENAMES_INDEX_TO_WORKDIR |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	char *spec = arena_printf(a, "%s/", literal_spec(a, l->content));
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	git_status_list *sl = NULL;
	/* The status reads HEAD's trees once; cached, they would stay in the
	 * repository until the build ends (7 MB at 10,000 posts). */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	int failed = git_status_list_new(&sl, l->repo, &o) != 0;
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	if (failed) {
		diag_error(d, NULL, 0, 0, _("cannot read the working tree's "
		    "status (%s): set git_info: false in site.yaml to build "
		    "without history"), git_msg());
		return -1;
	}
	size_t n = git_status_list_entrycount(sl), k = 0;
	size_t cl = strlen(l->content) + 1;
	gitlog_change *v = arena_alloc(a, (n + 1) * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(sl, i);
		const git_diff_delta *hi = e->head_to_index;
		const git_diff_delta *iw = e->index_to_workdir;
		unsigned st = e->status;
		if (st & (GIT_STATUS_WT_DELETED | GIT_STATUS_IGNORED))
			continue;
		if ((st & GIT_STATUS_INDEX_DELETED) && !iw)
			continue;
		const char *wp = iw ? iw->new_file.path :
		    hi ? hi->new_file.path : NULL;
		if (!wp || strncmp(wp, l->content, cl - 1) || wp[cl - 1] != '/')
			continue;
		/* The file in HEAD: none when the index added it or git does
		 * not track it yet. */
		const char *hp = NULL;
		int modified = 0;
		if (st & (GIT_STATUS_WT_NEW | GIT_STATUS_INDEX_NEW)) {
			hp = NULL;
		} else if (hi) {
			hp = hi->old_file.path;
		} else if (iw) {
			hp = iw->old_file.path;
		}
		if (st & (GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_WT_MODIFIED |
		    GIT_STATUS_INDEX_TYPECHANGE | GIT_STATUS_WT_TYPECHANGE))
			modified = 1;
		if ((st & GIT_STATUS_INDEX_RENAMED) && hi &&
		    !git_oid_equal(&hi->old_file.id, &hi->new_file.id))
			modified = 1;
		if ((st & GIT_STATUS_WT_RENAMED) && iw &&
		    ((iw->new_file.flags & GIT_DIFF_FLAG_VALID_ID) ?
		    !git_oid_equal(&iw->old_file.id, &iw->new_file.id) :
		    iw->similarity < 100))
			modified = 1;
		if (hp && (strncmp(hp, l->content, cl - 1) ||
		    hp[cl - 1] != '/'))
			hp = NULL;  /* came from outside content/ */
		v[k].path = arena_strdup(a, wp + cl);
		v[k].head_path = hp ? arena_strdup(a, hp + cl) : NULL;
		v[k].modified = modified;
		k++;
	}
	git_status_list_free(sl);
	if (k)
		qsort(v, k, sizeof *v, cmp_change);
	*out = v;
	return (long)k;
}
