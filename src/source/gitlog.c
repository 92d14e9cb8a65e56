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
#include "../core/pool.h"
#include "../core/strmap.h"
#include "treediff.h"
#include "../core/i18n.h"

struct gitlog {
	git_repository *repo;
	int worktree;
	int has_head;
	git_oid head;
	const char *prefix;      /* the site folder in the work tree: "" */
	const char *content;     /* prefix + "content" */
	const char *home;
	git_index *index;        /* a working tree's index */
	git_oid *shallow;        /* the shallow clone's edge, sorted */
	size_t nshallow;
	unsigned char shallow_digest[20];
	histgraph *g;
	int warned_missing;
	gitlog_same_fn same;     /* NULL: every edit is a change */
	arena *a;
};

static const char *git_msg(void)
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

static int is_shallow_edge(const gitlog *l, const git_oid *id)
{
	return l->nshallow && bsearch(id, l->shallow, l->nshallow,
	    sizeof *l->shallow, cmp_oid) != NULL;
}

/* The content/ subtree of a commit: 1 and its id, 0 when the commit has
 * none, -1 on error. */
static int commit_content(git_commit *c, const char *content, git_oid *out)
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

static int content_tree_id(git_repository *repo, const char *content,
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

/* ---- reading new commits -------------------------------------------- */

struct node {
	git_oid id;
	int64_t time;
	const char *author;
	size_t par;          /* first index into walk.pids */
	int npar, flags;
	int indeg;
	long pos;            /* place in the topological order */
	int has_tree;        /* 0: no content/ folder, 1: tree */
	git_oid tree;        /* its content/ tree */
};

/* One commit's moves, found by a worker, added to the graph in order. */
struct mv {
	const char *path, *from;
	int kind, parent;
};

struct cres {
	struct mv *v;
	size_t n, cap;
};

struct worker {
	git_repository *repo;
	treecache *trees;
	arena *a;
	td_list dl;
	int opened, failed;
};

struct walk {
	gitlog *l;
	histgraph *old;
	struct node *nodes;
	size_t n, cap;
	git_oid *pids;
	size_t npids, cappids;
	uint32_t *tab;       /* id → node index + 1 */
	size_t tabcap;
	arena *a;
	int reached;         /* the old head was met */
	diag *d;
	/* The parallel part. */
	long *order;
	struct cres *res;
	struct worker *wk;
	size_t nchunks;
};

static size_t oid_hash(const git_oid *id)
{
	size_t h;
	memcpy(&h, id->id, sizeof h);
	return h;
}

static long node_find(const struct walk *w, const git_oid *id)
{
	if (!w->tabcap)
		return -1;
	size_t h = oid_hash(id) & (w->tabcap - 1);
	for (; w->tab[h]; h = (h + 1) & (w->tabcap - 1))
		if (git_oid_equal(&w->nodes[w->tab[h] - 1].id, id))
			return (long)w->tab[h] - 1;
	return -1;
}

static void node_index(struct walk *w, size_t i)
{
	if ((w->n + 1) * 2 > w->tabcap) {
		free(w->tab);
		w->tabcap = w->tabcap ? w->tabcap * 2 : 1024;
		w->tab = calloc(w->tabcap, sizeof *w->tab);
		if (!w->tab)
			abort();
		for (size_t k = 0; k < w->n; k++)
			if (k != i)
				node_index(w, k);
	}
	size_t h = oid_hash(&w->nodes[i].id) & (w->tabcap - 1);
	while (w->tab[h])
		h = (h + 1) & (w->tabcap - 1);
	w->tab[h] = (uint32_t)i + 1;
}

static int push_oid(git_oid **v, size_t *n, size_t *cap, const git_oid *id)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = realloc(*v, *cap * sizeof **v);
		if (!*v)
			abort();
	}
	git_oid_cpy(&(*v)[(*n)++], id);
	return 0;
}

/* Every commit reachable from the head that the old graph lacks, with its
 * content/ tree. The walk stops at commits the old graph has: they and
 * all their ancestors are in it. So the old head is an ancestor of the
 * build commit exactly when the walk meets it (this also works in a
 * shallow clone, where libgit2 1.5 cannot compute merge bases). */
static int collect(struct walk *w)
{
	gitlog *l = w->l;
	git_odb *odb = NULL;
	git_oid *stack = NULL;
	size_t ns = 0, caps = 0;
	int rc = -1;
	if (git_repository_odb(&odb, l->repo) != 0)
		return -1;
	push_oid(&stack, &ns, &caps, &l->head);
	while (ns) {
		git_oid id = stack[--ns];
		if (node_find(w, &id) >= 0)
			continue;
		if (w->old && histgraph_lookup(w->old, id.id) >= 0) {
			if (!memcmp(id.id, w->old->commits[0].id, 20))
				w->reached = 1;
			continue;
		}
		git_commit *c = NULL;
		if (git_commit_lookup(&c, l->repo, &id) != 0) {
			diag_error(w->d, NULL, 0, 0, _("cannot read commit %s "
			    "from the repository (%s): it may be damaged; set "
			    "git_info: false to build without history"),
			    git_oid_tostr_s(&id), git_msg());
			goto done;
		}
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 256;
			w->nodes = realloc(w->nodes, w->cap * sizeof *w->nodes);
			if (!w->nodes)
				abort();
		}
		struct node *nd = &w->nodes[w->n];
		memset(nd, 0, sizeof *nd);
		git_oid_cpy(&nd->id, &id);
		const git_signature *au = git_commit_author(c);
		nd->time = au ? au->when.time : 0;
		nd->author = arena_strdup(w->a, au && au->name ? au->name : "");
		nd->par = w->npids;
		nd->has_tree = commit_content(c, l->content, &nd->tree);
		if (nd->has_tree < 0) {
			diag_error(w->d, NULL, 0, 0, _("cannot read the tree "
			    "of commit %s (%s)"),
			    git_oid_tostr_s(&id), git_msg());
			git_commit_free(c);
			goto done;
		}
		unsigned np = git_commit_parentcount(c);
		if (np > 255)
			np = 255;
		if (is_shallow_edge(l, &id))
			nd->flags = HG_ROOT | HG_CUT;
		else if (np == 0)
			nd->flags = HG_ROOT;
		for (unsigned k = 0; k < np && !nd->flags; k++) {
			const git_oid *p = git_commit_parent_id(c, k);
			if (!git_odb_exists(odb, p)) {
				/* A parent the repository does not have (a
				 * damaged or oddly fetched clone): history is
				 * cut here, as in a shallow clone. */
				if (!l->warned_missing++)
					diag_warn(w->d, NULL, 0, 0, _("commit "
					    "%s names a parent the repository "
					    "does not have: history is cut "
					    "there"),
					    git_oid_tostr_s(&id));
				nd->flags = HG_ROOT | HG_CUT;
				w->npids = nd->par;
				break;
			}
			push_oid(&w->pids, &w->npids, &w->cappids, p);
		}
		nd->npar = nd->flags ? 0 : (int)(w->npids - nd->par);
		git_commit_free(c);
		node_index(w, w->n);
		w->n++;
		/* The first parent is read first. */
		for (int k = nd->npar - 1; k >= 0; k--)
			push_oid(&stack, &ns, &caps,
			    &w->pids[nd->par + (size_t)k]);
	}
	rc = 0;
done:
	free(stack);
	git_odb_free(odb);
	return rc;
}

/* Children before parents (Kahn's algorithm from the head). */
static void topo_order(struct walk *w)
{
	long *stack = malloc((w->n + 1) * sizeof *stack);
	size_t no = 0, ns = 0;
	w->order = malloc((w->n + 1) * sizeof *w->order);
	if (!w->order || !stack)
		abort();
	for (size_t i = 0; i < w->n; i++)
		for (int k = 0; k < w->nodes[i].npar; k++) {
			long p = node_find(w, &w->pids[w->nodes[i].par + (size_t)k]);
			if (p >= 0)
				w->nodes[p].indeg++;
		}
	if (w->n)
		stack[ns++] = 0;
	while (ns) {
		long u = stack[--ns];
		w->nodes[u].pos = (long)no;
		w->order[no++] = u;
		struct node *nd = &w->nodes[u];
		for (int k = nd->npar - 1; k >= 0; k--) {
			long p = node_find(w, &w->pids[nd->par + (size_t)k]);
			if (p >= 0 && --w->nodes[p].indeg == 0)
				stack[ns++] = p;
		}
	}
	free(stack);
}

/* A parent's content tree: known for new commits, read for the old
 * graph's (only where new history joins it). */
static int tree_of(struct walk *w, git_repository *repo, const git_oid *id,
    git_oid *out)
{
	long i = node_find(w, id);
	if (i >= 0) {
		git_oid_cpy(out, &w->nodes[i].tree);
		return w->nodes[i].has_tree;
	}
	return content_tree_id(repo, w->l->content, id, out);
}

/* Whether an edited file looks the same to a reader (HG_TOUCHED): the
 * gitlog's function on the two blobs. Any doubt (a blob that cannot be
 * read) counts as a change. */
static int looks_same(const gitlog *l, git_repository *repo,
    const td_entry *e)
{
	if (!l->same || git_oid_is_zero(&e->old) ||
	    git_oid_equal(&e->old, &e->id))
		return 0;
	git_blob *a = NULL, *b = NULL;
	int same = 0;
	if (git_blob_lookup(&a, repo, &e->old) == 0 &&
	    git_blob_lookup(&b, repo, &e->id) == 0)
		same = l->same(e->path, git_blob_rawcontent(a),
		    (size_t)git_blob_rawsize(a), git_blob_rawcontent(b),
		    (size_t)git_blob_rawsize(b));
	git_blob_free(a);
	git_blob_free(b);
	return same;
}

static void res_push(const gitlog *l, git_repository *repo, struct cres *r,
    const td_entry *e, int parent)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4;
		r->v = realloc(r->v, r->cap * sizeof *r->v);
		if (!r->v)
			abort();
	}
	struct mv *m = &r->v[r->n++];
	m->path = e->path;
	m->from = e->from;
	m->parent = parent;
	m->kind = e->kind == TD_ADD ? HG_ADDED : e->kind == TD_MOD ? HG_CHANGED :
	    e->same ? HG_SAME : HG_CHANGED;
	if (m->kind == HG_CHANGED && looks_same(l, repo, e))
		m->kind = HG_TOUCHED;
}

/* The moves of one commit (see histgraph.h). */
static int commit_moves(struct walk *w, struct worker *wk,
    const struct node *nd, struct cres *r)
{
	git_repository *repo = wk->repo;
	td_list *dl = &wk->dl;
	git_oid pt;
	const git_oid *t = nd->has_tree ? &nd->tree : NULL;
	if (nd->flags & HG_ROOT)
		return 0;
	int hp = tree_of(w, repo, &w->pids[nd->par], &pt);
	if (hp < 0)
		return -1;
	if (hp == nd->has_tree && (!hp || git_oid_equal(t, &pt)))
		return 0;
	if (treediff(wk->trees, hp ? &pt : NULL, t, dl, wk->a) != 0)
		return -1;
	if (nd->npar == 1) {
		for (size_t i = 0; i < dl->n; i++)
			if (dl->v[i].kind != TD_DEL)
				res_push(w->l, repo, r, &dl->v[i], 0);
		return 0;
	}
	/* A merge: a file the same as in a later parent comes from there;
	 * else from the first parent that has it, changed by the merge. */
	git_tree **pts = calloc((size_t)nd->npar, sizeof *pts);
	int *done = calloc((size_t)nd->npar, sizeof *done);
	td_list *dks = calloc((size_t)nd->npar, sizeof *dks);
	int rc = -1;
	if (!pts || !done || !dks)
		abort();
	for (int k = 1; k < nd->npar; k++) {
		git_oid kt;
		int hk = tree_of(w, repo, &w->pids[nd->par + (size_t)k], &kt);
		if (hk < 0 || (hk && git_tree_lookup(&pts[k], repo, &kt) != 0))
			goto done;
	}
	for (size_t i = 0; i < dl->n; i++) {
		td_entry *e = &dl->v[i];
		if (e->kind == TD_DEL)
			continue;
		int found = 0;
		for (int k = 1; k < nd->npar && !found; k++) {
			git_tree_entry *te = NULL;
			if (pts[k] && git_tree_entry_bypath(&te, pts[k],
			    e->path) == 0) {
				if (git_oid_equal(git_tree_entry_id(te), &e->id)) {
					td_entry same = *e;
					same.kind = TD_REN;
					same.from = e->path;
					same.same = 1;
					res_push(w->l, repo, r, &same, k);
					found = 1;
				}
				git_tree_entry_free(te);
			}
		}
		if (found)
			continue;
		if (e->kind != TD_ADD) {
			res_push(w->l, repo, r, e, 0);
			continue;
		}
		for (int k = 1; k < nd->npar && !found; k++) {
			if (!done[k]) {
				git_oid kt;
				int hk = tree_of(w, repo,
				    &w->pids[nd->par + (size_t)k], &kt);
				if (hk < 0 || treediff(wk->trees, hk ? &kt : NULL,
				    t, &dks[k], wk->a) != 0)
					goto done;
				done[k] = 1;
			}
			const td_entry *f = td_find(&dks[k], e->path);
			if (f && f->kind != TD_ADD) {
				res_push(w->l, repo, r, f, k);
				found = 1;
			}
		}
		if (!found)
			res_push(w->l, repo, r, e, 0);
	}
	rc = 0;
done:
	for (int k = 0; k < nd->npar; k++) {
		git_tree_free(pts[k]);
		td_list_free(&dks[k]);
	}
	free(pts);
	free(done);
	free(dks);
	return rc;
}

/* One worker's stretch of consecutive commits: a commit's parent is
 * mostly the next commit, whose trees are then in the worker's cache. */
static void moves_chunk(void *ctx, size_t j, int worker)
{
	struct walk *w = ctx;
	struct worker *wk = &w->wk[worker];
	if (wk->failed)
		return;
	if (!wk->repo) {
		if (worker == 0) {
			wk->repo = w->l->repo;
		} else if (git_repository_open(&wk->repo,
		    git_repository_commondir(w->l->repo)) != 0) {
			diag_error(w->d, NULL, 0, 0, _("cannot open the "
			    "repository again for another thread (%s)"),
			    git_msg());
			wk->repo = NULL;
			wk->failed = 1;
			return;
		} else {
			wk->opened = 1;
		}
		wk->trees = treecache_new(wk->repo);
		wk->a = arena_new();
	}
	size_t lo = j * w->n / w->nchunks, hi = (j + 1) * w->n / w->nchunks;
	for (size_t oi = lo; oi < hi; oi++) {
		const struct node *nd = &w->nodes[w->order[oi]];
		if (commit_moves(w, wk, nd, &w->res[oi]) != 0) {
			diag_error(w->d, NULL, 0, 0, _("cannot compare commit "
			    "%s with its parents (%s)"),
			    git_oid_tostr_s(&nd->id),
			    git_msg());
			wk->failed = 1;
			return;
		}
	}
}

/* A graph of the new commits, then the old graph's. */
static histgraph *build_graph(struct walk *w)
{
	size_t nnew = w->n;
	topo_order(w);
	int threads = pool_cpus();
	if (threads > 8)
		threads = 8;
	if (!(git_libgit2_features() & GIT_FEATURE_THREADS))
		threads = 1;
	w->res = calloc(nnew + 1, sizeof *w->res);
	w->wk = calloc((size_t)threads, sizeof *w->wk);
	if (!w->res || !w->wk)
		abort();
	w->nchunks = nnew < 64 ? (nnew ? 1 : 0) : (size_t)threads * 8;
	if (w->nchunks > 1 && nnew / w->nchunks < 32)
		w->nchunks = nnew / 32;
	pool_run(w->nchunks > 1 ? threads : 1, w->nchunks, moves_chunk, w);
	int failed = 0;
	for (int t = 0; t < threads; t++)
		failed |= w->wk[t].failed;
	histgraph *g = NULL;
	if (!failed) {
		g = histgraph_new();
		for (size_t oi = 0; oi < nnew; oi++) {
			struct node *nd = &w->nodes[w->order[oi]];
			histgraph_add_commit(g, nd->id.id, nd->time, nd->author,
			    nd->flags);
			for (int k = 0; k < nd->npar; k++) {
				const git_oid *p = &w->pids[nd->par + (size_t)k];
				long i = node_find(w, p);
				histgraph_add_parent(g, i >= 0 ?
				    (uint32_t)w->nodes[i].pos :
				    (uint32_t)(nnew + (size_t)histgraph_lookup(
				    w->old, p->id)));
			}
			for (size_t k = 0; k < w->res[oi].n; k++) {
				const struct mv *m = &w->res[oi].v[k];
				histgraph_add_move(g, m->kind, m->path, m->from,
				    m->parent);
			}
		}
		if (w->old)
			histgraph_append(g, w->old);
	}
	for (size_t oi = 0; oi < nnew; oi++)
		free(w->res[oi].v);
	for (int t = 0; t < threads; t++) {
		treecache_free(w->wk[t].trees);
		if (w->wk[t].opened)
			git_repository_free(w->wk[t].repo);
		td_list_free(&w->wk[t].dl);
		arena_free(w->wk[t].a);
	}
	free(w->res);
	free(w->wk);
	free(w->order);
	return g;
}

static histgraph *walk_new(gitlog *l, histgraph *old, int *reached,
    size_t *walked, diag *d)
{
	struct walk w = {0};
	w.l = l;
	w.old = old;
	w.a = arena_new();
	w.d = d;
	histgraph *g = NULL;
	/* The walk reads every commit and tree once and keeps the trees it
	 * needs again itself (treecache): libgit2's object cache would only
	 * hold them in the repository until the build ends, 25-35 MB at
	 * 10,000 commits. */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	if (collect(&w) == 0 && (!old || w.reached))
		g = build_graph(&w);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	*reached = w.reached;
	*walked = w.n;
	free(w.nodes);
	free(w.pids);
	free(w.tab);
	arena_free(w.a);
	return g;
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
	if (git_status_list_new(&sl, l->repo, &o) != 0) {
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
