#include "source.h"

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
#include "../core/pool.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "objcheck.h"
#include "revparse.h"
#include "safeopen.h"

#include "journal.h"
#include "source_impl.h"

int source_theme_path(const char *path)
{
	return !strncmp(path, "themes/", 7);
}

static void saw_ns(source *s, long long m, long long c)
{
	long long t = m > c ? m : c, was = atomic_load(&s->newest);
	while (t > was && !atomic_compare_exchange_weak(&s->newest, &was, t))
		;
}

static void saw(source *s, const struct stat *st)
{
	saw_ns(s, st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec,
	    st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec);
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
	pthread_mutex_init(&s->repo_lock, NULL);
	pthread_rwlock_init(&s->idents_lock, NULL);
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


static pthread_once_t git_ready = PTHREAD_ONCE_INIT;

/* A user's ~/.gitconfig or /etc/gitconfig must not change output. */
static void git_shutdown_at_exit(void)
{
	git_libgit2_shutdown();
}

static void git_init(void)
{
	git_libgit2_init();
	/* Frees libgit2's global and per-thread state at exit, so leak
	 * checkers see only real leaks. */
	atexit(git_shutdown_at_exit);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
}

/* Once per process, from any thread. */
static void git_init_once(void)
{
	pthread_once(&git_ready, git_init);
}

/* libgit2 set up and the folder's repository found on a thread of their
 * own: the setup reads the system's certificates (~6 ms), which a build
 * of a working tree needs only once it asks for the history. */
static void open_repo(void *ctx)
{
	source *s = ctx;
	git_init_once();
	git_repository *repo = NULL;
	if (git_repository_open_ext(&repo, s->dir, 0, NULL) == 0) {
		s->repo = repo;
		s->has_head = git_reference_name_to_id(&s->head, repo,
		    "HEAD") == 0;
	}
	atomic_store(&s->repo_done, 1);
}

/* The repository, once open_repo has run. */
static git_repository *repo_of(source *s)
{
	pthread_mutex_lock(&s->repo_lock);
	pool_join(s->repo_task);
	s->repo_task = NULL;
	pthread_mutex_unlock(&s->repo_lock);
	return s->repo;
}

int source_repo_ready(source *s)
{
	return !s->repo_task || atomic_load(&s->repo_done);
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
	pthread_mutex_init(&s->repo_lock, NULL);
	pthread_rwlock_init(&s->idents_lock, NULL);
	s->repo_task = pool_start(open_repo, s);
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
	pthread_mutex_init(&s->repo_lock, NULL);
	pthread_rwlock_init(&s->idents_lock, NULL);
	s->repo = repo;
	s->has_head = git_reference_name_to_id(&s->head, repo, "HEAD") == 0;
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
	git_repository_free(repo_of(s));
	pthread_mutex_destroy(&s->repo_lock);
	if (s->dir && s->root >= 0)
		close(s->root);
	free(s->dir);
	strmap_free(s->links);
	free(s->entries);
	source_free(s->fallback);
	journal_free(s->journal);
	strmap_free(s->idents);
	arena_free(s->idents_a);
	free((void *)s->read_paths);
	free(s->read_ids);
	pthread_rwlock_destroy(&s->idents_lock);
	arena_free(s->a);
	free(s);
}


/* Symbolic links: saitti follows none, in a working tree or a commit, so
 * both build the same files from the same commit, and nothing outside
 * the site's own files (.git/config with its tokens, .git/objects, the
 * rest of the disk) can reach the output through one. Each link is an
 * error, reported once, naming the link; a loop is told as a loop. */
void source_link_error(source *s, const char *path, int loop, diag *d)
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

int source_open_in(source *s, const char *rel, int flags, size_t *link)
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
void source_report_link(source *s, const char *rel, size_t len, arena *a,
    diag *d)
{
	const char *lp = arena_strndup(a, rel, len);
	source_link_error(s, lp, is_loop(arena_printf(a, "%s/%s", s->dir, lp)), d);
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
	if (s->fallback && source_theme_path(path) && !own_exists(s, path))
		return source_exists(s->fallback, path);
	return own_exists(s, path);
}

/* 1 when path is a plain file, 2 when a link is on the way, else 0. */
static int own_kind(source *s, const char *path)
{
	if (s->dir) {
		size_t link;
		journal_file(s->journal, path);
		int fd = source_open_in(s, path, O_RDONLY | O_NONBLOCK, &link);
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

static source_ident ident_from(const struct stat *st);

/* The file open at fd; *id (when not NULL) from its stat. */
static int read_fd(source *s, int fd, const char *path, arena *a,
    const char **data, size_t *len, int count, source_ident *id, diag *d)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(d, path, 1, 1, _("not a regular file: content/ and "
		    "themes/ hold plain files and folders only"));
		return -1;
	}
	saw(s, &st);
	if (id)
		*id = ident_from(&st);
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
	return source_read_ident(s, path, a, data, len, NULL, d);
}

int source_read_ident(source *s, const char *path, arena *a,
    const char **data, size_t *len, source_ident *id, diag *d)
{
	if (id)
		memset(id, 0, sizeof *id);
	if (s->fallback && source_theme_path(path) && !own_exists(s, path))
		return source_read_ident(s->fallback, path, a, data, len, id,
		    d);
	if (s->dir) {
		/* O_NONBLOCK: a named pipe must not stall the build (read_fd
		 * refuses everything but a plain file). */
		size_t link;
		journal_file(s->journal, path);
		int fd = source_open_in(s, path, O_RDONLY | O_NONBLOCK, &link);
		if (fd < 0 && link) {
			source_report_link(s, path, link, a, d);
			return -1;
		}
		if (fd < 0) {
			diag_error(d, path, 1, 1, _("cannot open the file "
			    "(%s): make it readable for the user who builds "
			    "the site"),
			    strerror(errno));
			return -1;
		}
		int rc = read_fd(s, fd, path, a, data, len, 1, id, d);
		close(fd);
		return rc;
	}
	struct entry *e = find_entry(s, path);
	if (e && e->is_link) {
		source_link_error(s, path, 0, d);
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

void *source_repo(source *s) { return repo_of(s); }
const void *source_head(source *s)
{
	return repo_of(s) && s->has_head ? &s->head : NULL;
}
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
	return repo_of(s) ? git_repository_path(s->repo) : NULL;
}

const char *source_git_common_dir(source *s)
{
	return repo_of(s) ? git_repository_commondir(s->repo) : NULL;
}

static source_ident ident_from(const struct stat *st)
{
	return (source_ident){(unsigned long long)st->st_dev,
	    (unsigned long long)st->st_ino, (unsigned long long)st->st_size,
	    (unsigned long long)st->st_mode,
	    st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec,
	    st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec};
}

/* The source of root: s or its installed themes, else NULL. */
static source *of_root(source *s, const char *root)
{
	while (s && (!s->dir || strcmp(root, journal_root(s->journal))))
		s = s->fallback;
	return s;
}

static void keep_ident(source *s, const char *rel, const source_ident *id)
{
	pthread_rwlock_wrlock(&s->idents_lock);
	if (!s->idents) {
		s->idents = strmap_new();
		s->idents_a = arena_new();
	}
	source_ident *k = arena_alloc(s->idents_a, sizeof *k);
	*k = *id;
	strmap_set(s->idents, arena_strdup(s->idents_a, rel), k);
	pthread_rwlock_unlock(&s->idents_lock);
}

void source_remember(source *s, const char *root, const char *rel,
    const struct stat *st)
{
	s = of_root(s, root);
	if (s && S_ISREG(st->st_mode)) {
		source_ident id = ident_from(st);
		keep_ident(s, rel, &id);
	}
}

void source_keep_read(source *s, const char *const *paths,
    source_ident *ids, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (source_cmp_path(&paths[i - 1], &paths[i]) >= 0) {
			free(ids);
			return;
		}
	const char **pc = xmalloc((n + 1) * sizeof *pc);
	if (n)
		memcpy(pc, paths, n * sizeof *pc);
	pthread_rwlock_wrlock(&s->idents_lock);
	free((void *)s->read_paths);
	free(s->read_ids);
	s->read_paths = pc;
	s->read_ids = ids;
	s->nread = n;
	pthread_rwlock_unlock(&s->idents_lock);
}

/* The parse's identity of rel (source_keep_read), or NULL. */
static const source_ident *read_ident(const source *s, const char *rel)
{
	const char *const *at = s->nread ? bsearch(&rel, s->read_paths,
	    s->nread, sizeof *s->read_paths, source_cmp_path) : NULL;
	if (!at)
		return NULL;
	const source_ident *id = &s->read_ids[at - s->read_paths];
	return id->ino ? id : NULL;
}

int source_known(source *s, const char *root, const char *rel,
    struct stat *st)
{
	s = of_root(s, root);
	if (!s)
		return 0;
	pthread_rwlock_rdlock(&s->idents_lock);
	const source_ident *id = s->idents ? strmap_get(s->idents, rel) :
	    NULL;
	if (!id)
		id = read_ident(s, rel);
	if (id) {
		memset(st, 0, sizeof *st);
		st->st_dev = (dev_t)id->dev;
		st->st_ino = (ino_t)id->ino;
		st->st_size = (off_t)id->size;
		st->st_mode = (mode_t)id->mode;
		st->st_mtim.tv_sec = (time_t)(id->mtime_ns / 1000000000);
		st->st_mtim.tv_nsec = (long)(id->mtime_ns % 1000000000);
		st->st_ctim.tv_sec = (time_t)(id->ctime_ns / 1000000000);
		st->st_ctim.tv_nsec = (long)(id->ctime_ns % 1000000000);
	}
	pthread_rwlock_unlock(&s->idents_lock);
	return id != NULL;
}

int source_ident_of(source *s, const char *path, source_ident *id)
{
	if (!s->dir)
		return -1;
	pthread_rwlock_rdlock(&s->idents_lock);
	const source_ident *seen = s->idents ? strmap_get(s->idents, path) :
	    NULL;
	if (seen)
		*id = *seen;
	pthread_rwlock_unlock(&s->idents_lock);
	if (seen) {
		saw_ns(s, id->mtime_ns, id->ctime_ns);
		return 0;
	}
	struct stat st;
	/* From the open root: fewer folders to look up than the full path
	 * (a stat per Markdown file on every rebuild). */
	if (s->root < 0 || fstatat(s->root, path, &st, AT_SYMLINK_NOFOLLOW) !=
	    0 || !S_ISREG(st.st_mode))
		return -1;
	saw(s, &st);
	*id = ident_from(&st);
	/* Not kept for the stamp's walk after the build: at 100,000 posts
	 * the table is 27 MB of a full build's peak (600 MB at most). */
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
	int fd = source_open_in(s, path, O_RDONLY | O_NONBLOCK, &link);
	if (fd < 0)
		return source_read(s, path, a, data, len, d);   /* says why */
	int rc = read_fd(s, fd, path, a, data, len, 0, NULL, d);
	close(fd);
	return rc;
}
