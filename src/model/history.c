#include "history.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/strmap.h"
#include "../parse/visible.h"
#include "../source/gitlog.h"
#include "../source/histgraph.h"
#include "../source/packpages.h"
#include "../core/i18n.h"

struct history {
	gitlog *log;
	histgraph *g;
	strmap *changes;    /* working tree: path under content/ → change */
	const char *note;
	int authors;        /* site.yaml git_authors: true (see history.h) */
};

static const char *cache_file(site *s)
{
	return s->cache_dir ? arena_printf(s->a, "%s/history", s->cache_dir) :
	    NULL;
}

history *history_load(site *s, diag *d)
{
	void *repo = source_repo(s->src);
	if (!repo)
		return NULL;
	value *v = val_map_get(s->config, "git_info");
	int want = -1;
	if (v && v->kind != VAL_NULL) {
		if (v->kind != VAL_BOOL) {
			diag_error(d, "site.yaml", v->line, v->col, _("'git_info' "
			    "must be true or false"));
			return NULL;
		}
		want = v->u.b;
	}
	if (want == 0)
		return NULL;
	int authors = 0;
	value *av = val_map_get(s->config, "git_authors");
	if (av && av->kind != VAL_NULL) {
		if (av->kind != VAL_BOOL)
			diag_error(d, "site.yaml", av->line, av->col,
			    _("'git_authors' must be true or false: true shows "
			    "the names of the people who committed posts, "
			    "false (the default) shows no one's name"));
		else
			authors = av->u.b;
	}
	gitlog *l = gitlog_open(repo, source_commit(s->src), source_dir(s->src),
	    want == 1, d);
	if (!l)
		return NULL;
	/* An edit a reader cannot see does not make a post "updated". */
	gitlog_set_same(l, visible_same);
	int errs = diag_errors(d);
	const char *cf = cache_file(s);
	history *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->log = l;
	h->authors = authors;
	if (diag_errors(d) == errs)
		h->g = gitlog_history(l, cf, &h->note, d);
	gitlog_change *ch;
	long n = h->g ? gitlog_changes(l, s->a, &ch, d) : -1;
	if (n < 0) {
		history_free(h);
		return NULL;
	}
	if (n > 0) {
		h->changes = strmap_new();
		for (long i = 0; i < n; i++)
			strmap_set(h->changes, ch[i].path, &ch[i]);
	}
	/* The walk and the status freed tens of MB of libgit2's; the worker
	 * threads that parse next allocate from their own malloc arenas and
	 * would not reuse them: give them back, and the packs' pages too. */
	malloc_trim(0);
	packpages_release();
	return h;
}

const char *history_note(const history *h)
{
	return h ? h->note : NULL;
}

void history_free(history *h)
{
	if (!h)
		return;
	gitlog_free(h->log);
	strmap_free(h->changes);
	free(h);
}

/* What history says about one document. */
struct doc {
	long target;        /* index into the replay's paths, or -1 */
	int modified;       /* uncommitted changes */
	int tracked;        /* git knows it (HEAD, the index or untracked) */
};

static void apply_one(site *s, history *h, post *p, const struct doc *dc,
    const hg_fact *f, diag *d)
{
	const histgraph *g = h->g;
	if (f && f->first >= 0) {
		const hg_commit *c1 = &g->commits[f->first];
		const hg_commit *cl = &g->commits[f->last];
		const hg_commit *cs = &g->commits[f->shown];
		if (!p->has_date) {
			p->date = date_from_epoch(c1->time, 1);
			p->has_date = 1;
		}
		/* A person's name only when the site asked for it. */
		if (h->authors && !p->author && *g->strings[c1->author]) {
			/* A copy: the history is freed once applied. */
			p->author = arena_strdup(s->a, g->strings[c1->author]);
			p->author_person = 1;
		}
		/* A build "as of" --now does not show edits made after it. */
		if (!p->has_updated && !dc->modified && f->shown != f->first &&
		    cs->time > p->date.epoch && cs->time < s->publish_limit) {
			p->updated = date_from_epoch(cs->time, 1);
			p->has_updated = 1;
		}
		p->commit = gitlog_short_id(s->a, cl->id);
		p->guid_path = arena_printf(s->a, "content/%s", f->orig);
	} else {
		if (!p->has_date) {
			p->date = s->now;
			p->has_date = 1;
			if (p->kind == PAGE_POST) {
				char iso[40];
				date_iso(&s->now, iso);
				diag_warn(d, p->src, 0, 0, dc->tracked ?
				    _("post has no date and is not committed "
				    "yet; dated --now (%s): commit it, or add "
				    "'date: %s' to its front matter") :
				    _("post has no date and is ignored by git, "
				    "so never committed; dated --now (%s): "
				    "commit it, or add 'date: %s' to its front "
				    "matter"), iso, iso);
			}
		}
		p->guid_path = p->src;
	}
	if (dc->modified && !p->has_updated) {
		p->updated = s->now;
		p->has_updated = 1;
	}
	p->first_date = p->date;
}

/* An uncommitted edit that a reader cannot see (parse/visible) does not
 * make the post "updated" either: the file against HEAD's. */
static int looks_same(site *s, history *h, const post *p, const char *hp)
{
	arena *a = arena_new();
	diag *quiet = diag_new_held();
	const char *now, *then;
	size_t nn, nt;
	int same = source_read(s->src, p->src, a, &now, &nn, quiet) == 0 &&
	    gitlog_head_file(h->log, hp, a, &then, &nt) == 0 &&
	    visible_same(p->src, then, nt, now, nn);
	diag_free(quiet);
	arena_free(a);
	return same;
}

void history_apply(site *s, history *h, post **docs, size_t n, diag *d)
{
	if (!h) {
		for (size_t i = 0; i < n; i++) {
			docs[i]->guid_path = docs[i]->src;
			docs[i]->first_date = docs[i]->date;
		}
		return;
	}
	struct doc *dc = calloc(n + 1, sizeof *dc);
	const char **paths = calloc(n + 1, sizeof *paths);
	hg_fact *facts = calloc(n + 1, sizeof *facts);
	size_t np = 0;
	if (!dc || !paths || !facts)
		abort();
	for (size_t i = 0; i < n; i++) {
		const char *rel = docs[i]->src + strlen("content/");
		const gitlog_change *c = h->changes ?
		    strmap_get(h->changes, rel) : NULL;
		const char *hp = NULL;
		dc[i].target = -1;
		if (c) {
			hp = c->head_path;
			dc[i].modified = c->modified && !(hp &&
			    looks_same(s, h, docs[i], hp));
			dc[i].tracked = 1;
		} else if (gitlog_has(h->log, rel)) {
			hp = rel;
			dc[i].tracked = 1;
		}
		if (hp) {
			dc[i].target = (long)np;
			paths[np++] = hp;
		}
	}
	histgraph_resolve(h->g, paths, np, facts);
	int cut = 0;
	for (size_t i = 0; i < n; i++) {
		const hg_fact *f = dc[i].target >= 0 ? &facts[dc[i].target] :
		    NULL;
		cut |= f && f->first >= 0 && f->cut;
		apply_one(s, h, docs[i], &dc[i], f, d);
	}
	if (cut)
		diag_warn(d, NULL, 0, 0, _("the repository is a shallow clone, so "
		    "history is cut: files older than the clone's first commit "
		    "get that commit's date and author (fetch all of history: "
		    "git fetch --unshallow, or fetch-depth: 0 in CI)"));
	free(dc);
	free(paths);
	free(facts);
	/* Every fact is in the model now: the walk, its graph and the
	 * changes are let go before the Markdown and the render need the
	 * memory. Only the note stays, for --verbose. */
	if (h->note)
		h->note = arena_strdup(s->a, h->note);
	gitlog_free(h->log);
	h->log = NULL;
	h->g = NULL;
	strmap_free(h->changes);
	h->changes = NULL;
	/* The packs the walk read stay mapped until the build ends: their
	 * pages go back now, and so does what the graph held. */
	packpages_release();
	malloc_trim(0);
}
