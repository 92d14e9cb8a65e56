#include "treediff.h"

#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/strmap.h"

static void push(td_list *dl, arena *a, const char *path,
    const git_oid *id, int kind)
{
	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 16;
		dl->v = realloc(dl->v, dl->cap * sizeof *dl->v);
		if (!dl->v)
			abort();
	}
	td_entry *e = &dl->v[dl->n++];
	e->path = e->from = arena_strdup(a, path);
	git_oid_cpy(&e->id, id);
	git_oid_cpy(&e->old, id);
	e->kind = kind;
	e->same = e->paired = 0;
	dl->adds += kind == TD_ADD;
	dl->dels += kind == TD_DEL;
}

/* Git's order of tree entries: names compared bytewise, a folder's name
 * as if it ended in '/'. */
static int entry_cmp(const git_tree_entry *x, const git_tree_entry *y)
{
	const char *a = git_tree_entry_name(x), *b = git_tree_entry_name(y);
	size_t n = strlen(a), m = strlen(b), k = n < m ? n : m;
	int c = memcmp(a, b, k);
	if (c)
		return c;
	int ca = k < n ? (unsigned char)a[k] :
	    git_tree_entry_type(x) == GIT_OBJECT_TREE ? '/' : 0;
	int cb = k < m ? (unsigned char)b[k] :
	    git_tree_entry_type(y) == GIT_OBJECT_TREE ? '/' : 0;
	return ca - cb;
}

static int is_file(const git_tree_entry *e)
{
	git_filemode_t m = git_tree_entry_filemode(e);
	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE ||
	    m == GIT_FILEMODE_LINK;
}

#define TREES_KEPT 64

struct treecache {
	git_repository *repo;
	git_tree *t[TREES_KEPT];
	unsigned next;
};

treecache *treecache_new(git_repository *repo)
{
	treecache *tc = calloc(1, sizeof *tc);
	if (!tc)
		abort();
	tc->repo = repo;
	return tc;
}

void treecache_free(treecache *tc)
{
	if (!tc)
		return;
	for (unsigned k = 0; k < TREES_KEPT; k++)
		git_tree_free(tc->t[k]);
	free(tc);
}

/* A reference to tree id (git_tree_free it), or NULL after an error. */
static git_tree *tree_get(treecache *tr, const git_oid *id)
{
	git_tree *t = NULL;
	for (unsigned k = 1; k <= TREES_KEPT; k++) {
		git_tree *c = tr->t[(tr->next - k) % TREES_KEPT];
		if (c && git_oid_equal(git_tree_id(c), id))
			return git_tree_dup(&t, c) == 0 ? t : NULL;
	}
	if (git_tree_lookup(&t, tr->repo, id) != 0)
		return NULL;
	unsigned slot = tr->next++ % TREES_KEPT;
	git_tree_free(tr->t[slot]);
	if (git_tree_dup(&tr->t[slot], t) != 0)
		tr->t[slot] = NULL;
	return t;
}

static int walk_side(treecache *tr, const git_tree_entry *e, int kind,
    buf *path, td_list *dl, arena *a);

/* Files that differ between the trees a and b (either may be NULL), with
 * paths under `path`. Subtrees with equal ids are skipped whole. */
static int tree_diff(treecache *tr, const git_oid *ida,
    const git_oid *idb, buf *path, td_list *dl, arena *a)
{
	if (ida && idb && git_oid_equal(ida, idb))
		return 0;
	git_tree *ta = NULL, *tb = NULL;
	int rc = -1;
	if ((ida && !(ta = tree_get(tr, ida))) ||
	    (idb && !(tb = tree_get(tr, idb))))
		goto done;
	size_t na = ta ? git_tree_entrycount(ta) : 0;
	size_t nb = tb ? git_tree_entrycount(tb) : 0, i = 0, j = 0;
	size_t base = path->len;
	while (i < na || j < nb) {
		const git_tree_entry *x = i < na ? git_tree_entry_byindex(ta, i) :
		    NULL;
		const git_tree_entry *y = j < nb ? git_tree_entry_byindex(tb, j) :
		    NULL;
		int c = !x ? 1 : !y ? -1 : entry_cmp(x, y);
		if (c == 0 && git_tree_entry_type(x) == GIT_OBJECT_TREE) {
			if (!git_oid_equal(git_tree_entry_id(x),
			    git_tree_entry_id(y))) {
				buf_printf(path, "%s/", git_tree_entry_name(x));
				if (tree_diff(tr, git_tree_entry_id(x),
				    git_tree_entry_id(y), path, dl, a) != 0)
					goto done;
				path->len = base;
				path->data[base] = '\0';
			}
		} else if (c == 0) {
			if (is_file(x) && is_file(y) && !git_oid_equal(
			    git_tree_entry_id(x), git_tree_entry_id(y))) {
				buf_puts(path, git_tree_entry_name(y));
				push(dl, a, path->data, git_tree_entry_id(y),
				    TD_MOD);
				git_oid_cpy(&dl->v[dl->n - 1].old,
				    git_tree_entry_id(x));
				path->len = base;
				path->data[base] = '\0';
			} else if (is_file(x) != is_file(y)) {
				/* A submodule became a file or back. */
				if (walk_side(tr, x, TD_DEL, path, dl, a) ||
				    walk_side(tr, y, TD_ADD, path, dl, a))
					goto done;
			}
		} else if (c < 0) {
			if (walk_side(tr, x, TD_DEL, path, dl, a))
				goto done;
		} else if (walk_side(tr, y, TD_ADD, path, dl, a)) {
			goto done;
		}
		i += c <= 0;
		j += c >= 0;
	}
	rc = 0;
done:
	git_tree_free(ta);
	git_tree_free(tb);
	return rc;
}

/* An entry only one side has: a file, or a whole folder of them. */
static int walk_side(treecache *tr, const git_tree_entry *e, int kind,
    buf *path, td_list *dl, arena *a)
{
	size_t base = path->len;
	int rc = 0;
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		buf_printf(path, "%s/", git_tree_entry_name(e));
		rc = kind == TD_ADD ?
		    tree_diff(tr, NULL, git_tree_entry_id(e), path, dl, a) :
		    tree_diff(tr, git_tree_entry_id(e), NULL, path, dl, a);
	} else if (is_file(e)) {
		buf_puts(path, git_tree_entry_name(e));
		push(dl, a, path->data, git_tree_entry_id(e), kind);
	}
	path->len = base;
	if (path->data)
		path->data[base] = '\0';
	return rc;
}

static int cmp_dent_id(const void *a, const void *b)
{
	const td_entry *x = *(td_entry *const *)a;
	const td_entry *y = *(td_entry *const *)b;
	int c = git_oid_cmp(&x->id, &y->id);
	return c ? c : strcmp(x->path, y->path);
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* Renames without edits: an added file with the bytes of a deleted one.
 * Among several, the one with the same file name first, then path order
 * (as git does). Cheap for any number of files. */
static void exact_renames(td_list *dl)
{
	td_entry **adds = malloc((dl->n + 1) * sizeof *adds);
	td_entry **dels = malloc((dl->n + 1) * sizeof *dels);
	size_t na = 0, nd = 0;
	if (!adds || !dels)
		abort();
	for (size_t i = 0; i < dl->n; i++) {
		if (dl->v[i].kind == TD_ADD)
			adds[na++] = &dl->v[i];
		else if (dl->v[i].kind == TD_DEL)
			dels[nd++] = &dl->v[i];
	}
	qsort(adds, na, sizeof *adds, cmp_dent_id);
	qsort(dels, nd, sizeof *dels, cmp_dent_id);
	size_t i = 0, j = 0;
	while (i < na && j < nd) {
		int c = git_oid_cmp(&adds[i]->id, &dels[j]->id);
		if (c) {
			c < 0 ? i++ : j++;
			continue;
		}
		size_t ie = i, je = j;
		while (ie < na && git_oid_equal(&adds[ie]->id, &adds[i]->id))
			ie++;
		while (je < nd && git_oid_equal(&dels[je]->id, &dels[j]->id))
			je++;
		for (size_t a = i; a < ie; a++) {
			td_entry *pick = NULL;
			for (size_t k = j; k < je && !pick; k++)
				if (!dels[k]->paired && !strcmp(base_name(
				    dels[k]->path), base_name(adds[a]->path)))
					pick = dels[k];
			for (size_t k = j; k < je && !pick; k++)
				if (!dels[k]->paired)
					pick = dels[k];
			if (!pick)
				break;
			pick->paired = 1;
			adds[a]->kind = TD_REN;
			adds[a]->from = pick->path;
			adds[a]->same = 1;
		}
		i = ie;
		j = je;
	}
	free(adds);
	free(dels);
}

/* Renames with edits, by libgit2's similarity detection, among the added
 * and deleted files exact_renames left. Like git's diff.renameLimit, this
 * is skipped for big commits (a mass move with edits), whose files then
 * count as deleted and added. */
#define RENAME_LIMIT 400

static int similar_renames(git_repository *repo, const git_oid *ida,
    const git_oid *idb, td_list *dl)
{
	git_tree *ta = NULL, *tb = NULL;
	git_diff *diff = NULL;
	strmap *adds = strmap_new(), *dels = strmap_new();
	char **specs = malloc((dl->n + 1) * sizeof *specs);
	size_t ns = 0, na = 0, nd = 0;
	int rc = -1;
	if (!specs)
		abort();
	for (size_t i = 0; i < dl->n; i++) {
		td_entry *e = &dl->v[i];
		if (e->kind == TD_ADD) {
			strmap_set(adds, e->path, e);
			specs[ns++] = (char *)e->path;
			na++;
		} else if (e->kind == TD_DEL && !e->paired) {
			strmap_set(dels, e->path, e);
			specs[ns++] = (char *)e->path;
			nd++;
		}
	}
	if (!na || !nd || ns > RENAME_LIMIT) {
		rc = 0;
		goto done;
	}
	if (git_tree_lookup(&ta, repo, ida) != 0 ||
	    git_tree_lookup(&tb, repo, idb) != 0)
		goto done;
	git_diff_options o;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	o.pathspec.strings = specs;
	o.pathspec.count = ns;
	git_diff_find_options fo;
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_tree_to_tree(&diff, repo, ta, tb, &o) != 0 ||
	    git_diff_find_similar(diff, &fo) != 0)
		goto done;
	size_t n = git_diff_num_deltas(diff);
	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *dd = git_diff_get_delta(diff, i);
		if (dd->status != GIT_DELTA_RENAMED)
			continue;
		td_entry *e = strmap_get(adds, dd->new_file.path);
		td_entry *was = strmap_get(dels, dd->old_file.path);
		if (!e || !was || e->kind != TD_ADD || was->paired)
			continue;
		was->paired = 1;
		e->kind = TD_REN;
		e->from = was->path;
		git_oid_cpy(&e->old, &dd->old_file.id);
		e->same = git_oid_equal(&dd->old_file.id, &dd->new_file.id);
	}
	rc = 0;
done:
	git_diff_free(diff);
	git_tree_free(ta);
	git_tree_free(tb);
	strmap_free(adds);
	strmap_free(dels);
	free(specs);
	return rc;
}

int treediff(treecache *tr, const git_oid *ida, const git_oid *idb,
    td_list *dl, arena *a)
{
	buf path = BUF_INIT;
	buf_puts(&path, "");
	dl->n = 0;
	dl->adds = dl->dels = 0;
	int rc = tree_diff(tr, ida, idb, &path, dl, a);
	buf_free(&path);
	if (rc == 0 && dl->adds && dl->dels && ida && idb) {
		exact_renames(dl);
		rc = similar_renames(tr->repo, ida, idb, dl);
	}
	return rc;
}

const td_entry *td_find(const td_list *dl, const char *path)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].kind != TD_DEL && !strcmp(dl->v[i].path, path))
			return &dl->v[i];
	return NULL;
}

void td_list_free(td_list *dl)
{
	free(dl->v);
	dl->v = NULL;
	dl->n = dl->cap = 0;
}
