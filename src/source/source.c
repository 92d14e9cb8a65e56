#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/datadir.h"
#include "../core/i18n.h"
#include "../core/limits.h"
#include "../core/strmap.h"
#include "objcheck.h"
#include "revparse.h"
#include "safeopen.h"

#include "journal.h"

struct entry {
	const char *path;
	git_oid oid;
	int is_link;
};

struct source {
	char *dir;          /* working tree, or NULL */
	int root;           /* dir, open (-1 when it could not be) */
	strmap *links;      /* symbolic links reported, each once */
	git_repository *repo;
	git_oid commit;
	int has_commit;
	/* For a revision: every blob of the tree, sorted by path. */
	struct entry *entries;
	size_t nentries, capentries;
	arena *a;
	/* The installed themes (a folder holding themes/): a file under
	 * themes/ that the site does not have is read from here. */
	source *fallback;
	/* Against LIMIT_BUILD_BYTES (working-tree files are read by the
	 * parse workers, so atomic) and LIMIT_FILES. */
	atomic_ullong bytes_read;
	size_t files_listed;
	/* The latest modification or change time of a file the build
	 * statted or read, ns (see source_newest). */
	atomic_llong newest;
	journal *journal;   /* what a working tree gave the build */
};

static void saw(source *s, const struct stat *st)
{
	long long m = st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	long long c = st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec;
	long long t = m > c ? m : c, was = atomic_load(&s->newest);
	while (t > was && !atomic_compare_exchange_weak(&s->newest, &was, t))
		;
}

/* A plain folder source: no repository, no fallback. */
static source *open_plain(char *dir)
{
	source *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->a = arena_new();
	s->dir = dir;
	s->root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	s->journal = journal_new(dir);
	return s;
}

static void add_fallback(source *s)
{
	char *dir = datadir_find();
	if (!dir)
		return;
	/* A site whose own folder is the data folder (the repository
	 * itself) has no fallback but itself. */
	char *own = s->dir ? realpath(s->dir, NULL) : NULL;
	int same = own && !strcmp(dir, own);
	free(own);
	if (same) {
		free(dir);
		return;
	}
	s->fallback = open_plain(dir);
}

static int is_theme_path(const char *path)
{
	return !strncmp(path, "themes/", 7);
}

static int git_ready;

/* A user's ~/.gitconfig or /etc/gitconfig must not change output. */
static void git_shutdown_at_exit(void)
{
	git_libgit2_shutdown();
}

static void git_init_once(void)
{
	if (git_ready)
		return;
	git_libgit2_init();
	/* Frees libgit2's global and per-thread state at exit, so leak
	 * checkers see only real leaks. */
	atexit(git_shutdown_at_exit);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
	git_ready = 1;
}

static const char *git_msg(void)
{
	return revparse_git_error();
}

source *source_open_dir(const char *dir, diag *d)
{
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error(d, dir, 0, 0, _("not a folder: give --source the "
		    "folder that holds site.yaml"));
		return NULL;
	}
	source *s = calloc(1, sizeof *s);
	s->a = arena_new();
	s->dir = strdup(dir);
	s->root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	s->journal = journal_new(dir);
	git_init_once();
	git_repository *repo = NULL;
	if (git_repository_open_ext(&repo, dir, 0, NULL) == 0)
		s->repo = repo;
	add_fallback(s);
	return s;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path,
	    ((const struct entry *)b)->path);
}

static int walk_cb(const char *root, const git_tree_entry *te, void *payload)
{
	source *s = payload;
	git_filemode_t mode = git_tree_entry_filemode(te);
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE &&
	    mode != GIT_FILEMODE_LINK)
		return 0;
	if (s->nentries == s->capentries) {
		s->capentries = s->capentries ? s->capentries * 2 : 1024;
		s->entries = realloc(s->entries,
		    s->capentries * sizeof *s->entries);
		if (!s->entries)
			abort();
	}
	struct entry *e = &s->entries[s->nentries++];
	e->path = arena_printf(s->a, "%s%s", root, git_tree_entry_name(te));
	git_oid_cpy(&e->oid, git_tree_entry_id(te));
	e->is_link = mode == GIT_FILEMODE_LINK;
	return 0;
}

source *source_open_rev(const char *dir, const char *rev, diag *d)
{
	git_init_once();
	git_repository *repo = NULL;
	if (git_repository_open_ext(&repo, dir, 0, NULL) != 0) {
		diag_error(d, dir, 0, 0, _("not a git repository (%s): --rev "
		    "needs one, bare or not"), git_msg());
		return NULL;
	}
	git_object *commit = NULL;
	git_tree *tree = NULL;
	if (check_objects(repo, dir, d) > 0 ||
	    revparse_commit(repo, dir, rev, &commit, d) != 0) {
		git_repository_free(repo);
		return NULL;
	}
	if (git_commit_tree(&tree, (git_commit *)commit) != 0) {
		diag_error(d, dir, 0, 0, _("revision '%s' is not a commit (%s)"),
		    rev, git_msg());
		git_object_free(commit);
		git_repository_free(repo);
		return NULL;
	}
	source *s = calloc(1, sizeof *s);
	s->a = arena_new();
	s->root = -1;
	s->repo = repo;
	git_oid_cpy(&s->commit, git_object_id(commit));
	s->has_commit = 1;
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, s) != 0) {
		diag_error(d, dir, 0, 0, _("cannot read the tree of '%s' (%s): "
		    "the repository may be damaged"), rev, git_msg());
		git_tree_free(tree);
		git_object_free(commit);
		source_free(s);
		return NULL;
	}
	if (s->nentries)
		qsort(s->entries, s->nentries, sizeof *s->entries, cmp_entry);
	git_tree_free(tree);
	git_object_free(commit);
	add_fallback(s);
	return s;
}

void source_free(source *s)
{
	if (!s)
		return;
	git_repository_free(s->repo);
	if (s->dir && s->root >= 0)
		close(s->root);
	free(s->dir);
	strmap_free(s->links);
	free(s->entries);
	source_free(s->fallback);
	journal_free(s->journal);
	arena_free(s->a);
	free(s);
}

static int hidden(const char *name)
{
	return name[0] == '.';
}

static int hidden_path(const char *path)
{
	for (const char *p = path; *p; p++)
		if ((p == path || p[-1] == '/') && *p == '.')
			return 1;
	return 0;
}

struct list {
	const char **paths;
	size_t n, cap;
	struct list *dirs;   /* when not NULL: each folder walked */
};

static void list_push(struct list *l, arena *a, const char *path)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		const char **p = arena_alloc(a, cap * sizeof *p);
		if (l->n)
			memcpy(p, l->paths, l->n * sizeof *p);
		l->paths = p;
		l->cap = cap;
	}
	l->paths[l->n++] = path;
}

/* Symbolic links: saitti follows none, in a working tree or a commit, so
 * both build the same files from the same commit, and nothing outside
 * the site's own files (.git/config with its tokens, .git/objects, the
 * rest of the disk) can reach the output through one. Each link is an
 * error, reported once, naming the link; a loop is told as a loop. */
static void link_error(source *s, const char *path, int loop, diag *d)
{
	/* Workers read files in parallel (a file may turn into a link
	 * between listing and reading). */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&lock);
	if (!s->links)
		s->links = strmap_new();
	int seen = strmap_get(s->links, path) != NULL;
	if (!seen)
		strmap_put_new(s->links, arena_strdup(s->a, path), "");
	pthread_mutex_unlock(&lock);
	if (seen)
		return;
	if (loop)
		diag_error(d, path, 1, 1, _("symbolic link loop (the link leads "
		    "back to itself); saitti follows no links: remove it, and "
		    "put the file itself there"));
	else
		diag_error(d, path, 1, 1, _("symbolic link; saitti follows no "
		    "links, so that nothing outside the site (like .git) is "
		    "published: put the file itself there instead"));
}

static int open_in(source *s, const char *rel, int flags, size_t *link)
{
	return safeopen(s->root, s->dir, rel, flags, link);
}

/* 1 when the link at full (a path to open) leads to itself. */
static int is_loop(const char *full)
{
	struct stat st;
	return stat(full, &st) != 0 && errno == ELOOP;
}

/* Reports the link at the first len bytes of rel. */
static void report_link(source *s, const char *rel, size_t len, arena *a,
    diag *d)
{
	const char *lp = arena_strndup(a, rel, len);
	link_error(s, lp, is_loop(arena_printf(a, "%s/%s", s->dir, lp)), d);
}

static void walk_dir(source *s, const char *rel, arena *a, struct list *l,
    diag *d)
{
	size_t link;
	int fd = open_in(s, rel, O_RDONLY | O_DIRECTORY, &link);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (link)
			report_link(s, rel, link, a, d);
		else
			diag_error(d, rel, 0, 0, _("cannot read folder: %s"),
			    strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	if (l->dirs)
		list_push(l->dirs, a, rel);
	struct dirent *de;
	size_t rl = strlen(rel), sep = rel[rl - 1] != '/';
	while ((de = readdir(dir))) {
		if (hidden(de->d_name))
			continue;
		/* rel/name, joined by hand: a printf per file was most of a
		 * listing's time. */
		size_t nl = strlen(de->d_name);
		char *path = arena_alloc(a, rl + sep + nl + 1);
		memcpy(path, rel, rl);
		path[rl] = '/';
		memcpy(path + rl + sep, de->d_name, nl + 1);
		/* The folder entry's type saves an lstat per file where the
		 * file system gives it (most do). */
		if (de->d_type == DT_REG) {
			list_push(l, a, path);
			continue;
		}
		if (de->d_type == DT_DIR) {
			walk_dir(s, path, a, l, d);
			continue;
		}
		struct stat st;
		if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) !=
		    0)
			continue;
		if (S_ISLNK(st.st_mode))
			report_link(s, path, strlen(path), a, d);
		else if (S_ISDIR(st.st_mode))
			walk_dir(s, path, a, l, d);
		else if (S_ISREG(st.st_mode))
			list_push(l, a, path);
	}
	closedir(dir);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the installed theme files the site does not have itself, keeping
 * the list sorted: the site's own file always wins. */
static void merge_fallback(source *s, const char *prefix, arena *a,
    struct list *l, diag *d)
{
	const char **fb;
	size_t nfb = source_list(s->fallback, prefix, a, &fb, d);
	if (nfb == 0)
		return;
	size_t own = l->n;
	for (size_t i = 0; i < nfb; i++) {
		if (own && bsearch(&fb[i], l->paths, own, sizeof *l->paths,
		    cmp_str))
			continue;
		list_push(l, a, fb[i]);
	}
	if (l->n > own)
		qsort(l->paths, l->n, sizeof *l->paths, cmp_str);
}

static size_t list_prefix(source *s, const char *prefix, arena *a,
    const char ***paths, struct list *dirs, diag *d)
{
	struct list l = {0};
	l.dirs = dirs;
	size_t plen = strlen(prefix);
	if (s->dir) {
		char *p = arena_strdup(a, prefix);
		if (plen && p[plen - 1] == '/')
			p[plen - 1] = '\0';
		size_t link;
		journal_list(s->journal, p);
		int fd = open_in(s, p, O_RDONLY | O_DIRECTORY, &link);
		if (fd >= 0) {
			close(fd);
			walk_dir(s, p, a, &l, d);
		} else if (link) {
			report_link(s, p, link, a, d);
		}
		if (l.n)
			qsort(l.paths, l.n, sizeof *l.paths, cmp_str);
	} else {
		for (size_t i = 0; i < s->nentries; i++) {
			struct entry *e = &s->entries[i];
			if (strncmp(e->path, prefix, plen) != 0 ||
			    hidden_path(e->path))
				continue;
			if (e->is_link) {
				link_error(s, e->path, 0, d);
				continue;
			}
			list_push(&l, a, arena_strdup(a, e->path));
		}
	}
	/* Each file costs a model entry, a job and an output file. */
	if (s->files_listed + l.n > LIMIT_FILES) {
		size_t keep = s->files_listed < LIMIT_FILES ?
		    LIMIT_FILES - s->files_listed : 0;
		/* TRANSLATORS: %d is the limit (LIMIT_FILES in README.md,
		 * "Limits"). */
		diag_error(d, l.paths[keep], 1, 1, _("the site has more than "
		    "%d files, this one included (the limit LIMIT_FILES): "
		    "move files out of content/ and themes/"), LIMIT_FILES);
		l.n = keep;
	}
	s->files_listed += l.n;
	if (s->fallback && (is_theme_path(prefix) || !strcmp(prefix, "themes")))
		merge_fallback(s, prefix, a, &l, d);
	*paths = l.paths;
	return l.n;
}

size_t source_list(source *s, const char *prefix, arena *a,
    const char ***paths, diag *d)
{
	return list_prefix(s, prefix, a, paths, NULL, d);
}

size_t source_list_folders(source *s, const char *prefix, arena *a,
    const char ***paths, const char ***folders, size_t *nfolders, diag *d)
{
	struct list dirs = {0};
	size_t n = list_prefix(s, prefix, a, paths, &dirs, d);
	*folders = dirs.paths;
	*nfolders = dirs.n;
	return n;
}

int source_folder_ident(source *s, const char *path, source_ident *id)
{
	struct stat st;
	size_t link;
	int fd = s->dir ? open_in(s, path, O_RDONLY | O_DIRECTORY, &link) : -1;
	if (fd < 0)
		return -1;
	int rc = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
	close(fd);
	if (rc == 0)
		*id = (source_ident){(unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino, 0,
		    (unsigned long long)st.st_mode,
		    st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
		    st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec};
	return rc;
}

int source_take_listing(source *s, const char *prefix, size_t n)
{
	if (!s->dir || (s->fallback && (is_theme_path(prefix) ||
	    !strcmp(prefix, "themes"))) || s->files_listed + n >
	    LIMIT_FILES)
		return -1;
	char *p = strdup(prefix);
	if (!p)
		abort();
	size_t plen = strlen(p);
	if (plen && p[plen - 1] == '/')
		p[plen - 1] = '\0';
	journal_list(s->journal, p);
	free(p);
	s->files_listed += n;
	return 0;
}

static int own_exists(source *s, const char *path);

static struct entry *find_entry(source *s, const char *path)
{
	struct entry key = {.path = path};
	return s->nentries ? bsearch(&key, s->entries, s->nentries,
	    sizeof key, cmp_entry) : NULL;
}

int source_exists(source *s, const char *path)
{
	if (s->fallback && is_theme_path(path) && !own_exists(s, path))
		return source_exists(s->fallback, path);
	return own_exists(s, path);
}

/* 1 when path is a plain file, 2 when a link is on the way, else 0. */
static int own_kind(source *s, const char *path)
{
	if (s->dir) {
		size_t link;
		journal_file(s->journal, path);
		int fd = open_in(s, path, O_RDONLY | O_NONBLOCK, &link);
		struct stat st;
		int ok = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
		if (fd >= 0)
			close(fd);
		return ok ? 1 : link ? 2 : 0;
	}
	struct entry *e = find_entry(s, path);
	return !e ? 0 : e->is_link ? 2 : 1;
}

static int own_exists(source *s, const char *path)
{
	/* A link counts, so that reading it says why it is not read. */
	return own_kind(s, path) != 0;
}

int source_is_plain(source *s, const char *path)
{
	return own_kind(s, path) == 1;
}

static int text_file(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown") ||
	    !strcmp(dot, ".yaml") || !strcmp(dot, ".yml"));
}

/* Refuses a file of n bytes past LIMIT_FILE_BYTES, a Markdown or YAML
 * file past LIMIT_TEXT_BYTES (its parse tree is ~100 times its size), or
 * one that takes the build past LIMIT_BUILD_BYTES; else counts it. */
/* count: the bytes count against LIMIT_BUILD_BYTES (not when a file
 * counted once is read again). */
static int size_ok(source *s, const char *path, unsigned long long n,
    int count, diag *d)
{
	if (n > LIMIT_FILE_BYTES) {
		/* TRANSLATORS: %llu is the file's size, %u the limit in MB
		 * (LIMIT_FILE_BYTES in README.md, "Limits"). */
		diag_error(d, path, 1, 1, _("file is too large (%llu bytes; the "
		    "limit LIMIT_FILE_BYTES is %u MB): put it on a file "
		    "server and link to it, or leave it out of the site"), n,
		    LIMIT_FILE_BYTES / (1024 * 1024));
		return 0;
	}
	if (n > LIMIT_TEXT_BYTES && text_file(path)) {
		/* TRANSLATORS: %llu is the file's size, %u the limit in MB
		 * (LIMIT_TEXT_BYTES in README.md, "Limits"). */
		diag_error(d, path, 1, 1, _("text file is too large (%llu "
		    "bytes; the limit LIMIT_TEXT_BYTES for Markdown and YAML "
		    "is %u MB): split it into several pages"), n,
		    LIMIT_TEXT_BYTES / (1024 * 1024));
		return 0;
	}
	if (count && atomic_fetch_add(&s->bytes_read, n) + n >
	    LIMIT_BUILD_BYTES) {
		/* TRANSLATORS: %u is the limit in MB (LIMIT_BUILD_BYTES in
		 * README.md, "Limits"). */
		diag_error(d, path, 1, 1, _("the site's files add up to more "
		    "than %u MB with this one (the limit LIMIT_BUILD_BYTES): "
		    "move large files out of the site"),
		    LIMIT_BUILD_BYTES / (1024 * 1024));
		return 0;
	}
	return 1;
}

static int read_fd(source *s, int fd, const char *path, arena *a,
    const char **data, size_t *len, int count, diag *d)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(d, path, 1, 1, _("not a regular file: content/ and "
		    "themes/ hold plain files and folders only"));
		return -1;
	}
	saw(s, &st);
	if (!size_ok(s, path, (unsigned long long)st.st_size, count, d))
		return -1;
	size_t n = (size_t)st.st_size, got = 0;
	char *p = arena_alloc(a, n + 1);
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			diag_error(d, path, 1, 1, _("cannot read the file "
			    "(%s): check that it is not being written to"),
			    r < 0 ? strerror(errno) : "it shrank");
			return -1;
		}
		got += (size_t)r;
	}
	p[n] = '\0';
	*data = p;
	*len = n;
	return 0;
}

int source_read(source *s, const char *path, arena *a, const char **data,
    size_t *len, diag *d)
{
	if (s->fallback && is_theme_path(path) && !own_exists(s, path))
		return source_read(s->fallback, path, a, data, len, d);
	if (s->dir) {
		/* O_NONBLOCK: a named pipe must not stall the build (read_fd
		 * refuses everything but a plain file). */
		size_t link;
		journal_file(s->journal, path);
		int fd = open_in(s, path, O_RDONLY | O_NONBLOCK, &link);
		if (fd < 0 && link) {
			report_link(s, path, link, a, d);
			return -1;
		}
		if (fd < 0) {
			diag_error(d, path, 1, 1, _("cannot open the file "
			    "(%s): make it readable for the user who builds "
			    "the site"),
			    strerror(errno));
			return -1;
		}
		int rc = read_fd(s, fd, path, a, data, len, 1, d);
		close(fd);
		return rc;
	}
	struct entry *e = find_entry(s, path);
	if (e && e->is_link) {
		link_error(s, path, 0, d);
		return -1;
	}
	if (!e) {
		diag_error(d, path, 1, 1, _("no such file in the revision"));
		return -1;
	}
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, s->repo, &e->oid) != 0) {
		diag_error(d, path, 1, 1, _("cannot read the file from the "
		    "repository (%s): it may be damaged or shallow; 'git fsck' "
		    "tells more, a fresh clone repairs it"), git_msg());
		return -1;
	}
	git_object_size_t n = git_blob_rawsize(blob);
	if (!size_ok(s, path, (unsigned long long)n, 1, d)) {
		git_blob_free(blob);
		return -1;
	}
	*data = arena_strndup(a, git_blob_rawcontent(blob), (size_t)n);
	*len = (size_t)n;
	git_blob_free(blob);
	return 0;
}

void source_inputs(source *s, buf *out)
{
	if (s->journal)
		journal_write(s->journal, out);
	if (s->has_commit) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, &s->commit);
		buf_printf(out, "C %zu:%s\n", strlen(hex), hex);
	}
	if (s->fallback)
		source_inputs(s->fallback, out);
}

void *source_repo(source *s) { return s->repo; }
const void *source_commit(source *s)
{
	return s->has_commit ? &s->commit : NULL;
}
const char *source_dir(source *s) { return s->dir; }

const char *source_home(source *s)
{
	if (s->dir || !s->repo)
		return s->dir;
	const char *wd = git_repository_workdir(s->repo);
	const char *home = wd ? wd : git_repository_path(s->repo);
	size_t n = strlen(home);
	while (n > 1 && home[n - 1] == '/')
		n--;
	return arena_strndup(s->a, home, n);
}

const char *source_git_dir(source *s)
{
	return s->repo ? git_repository_path(s->repo) : NULL;
}

const char *source_git_common_dir(source *s)
{
	return s->repo ? git_repository_commondir(s->repo) : NULL;
}

int source_ident_of(source *s, const char *path, source_ident *id)
{
	struct stat st;
	/* From the open root: fewer folders to look up than the full path
	 * (a stat per Markdown file on every rebuild). */
	if (!s->dir || s->root < 0 || fstatat(s->root, path, &st,
	    AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
		return -1;
	saw(s, &st);
	*id = (source_ident){(unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino, (unsigned long long)st.st_size,
	    (unsigned long long)st.st_mode,
	    st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
	    st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec};
	return 0;
}

long long source_newest(source *s)
{
	long long n = atomic_load(&s->newest);
	/* The installed theme's files count too. */
	long long f = s->fallback ? source_newest(s->fallback) : 0;
	return f > n ? f : n;
}

int source_reuse(source *s, const char *path, size_t n, diag *d)
{
	if (s->journal)
		journal_file(s->journal, path);
	return size_ok(s, path, n, 1, d) ? 0 : -1;
}

int source_read_again(source *s, const char *path, arena *a,
    const char **data, size_t *len, diag *d)
{
	/* A revision's texts stay in memory through the build (site.c): its
	 * files are not asked for again. */
	if (!s->dir)
		return source_read(s, path, a, data, len, d);
	size_t link;
	int fd = open_in(s, path, O_RDONLY | O_NONBLOCK, &link);
	if (fd < 0)
		return source_read(s, path, a, data, len, d);   /* says why */
	int rc = read_fd(s, fd, path, a, data, len, 0, d);
	close(fd);
	return rc;
}
