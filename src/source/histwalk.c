#include "histwalk.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/pool.h"
#include "../core/strmap.h"
#include "gitlog_impl.h"
#include "treediff.h"

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

histgraph *walk_new(gitlog *l, histgraph *old, int *reached,
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
