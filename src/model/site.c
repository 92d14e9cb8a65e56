#include "site.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"
#include "../core/cachedir.h"
#include "../core/pool.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "../core/valhash.h"
#include "../parse/frontmatter.h"
#include "../parse/yaml.h"
#include "bodystore.h"
#include "byline.h"
#include "config.h"
#include "event.h"
#include "history.h"
#include "listcache.h"
#include "loadmemo.h"
#include "mdahead.h"
#include "mdcache.h"
#include "parsecache.h"
#include "parsejob.h"
#include "meta.h"
#include "permalink.h"
#include "post.h"
#include "postrecord.h"
#include "section.h"
#include "siteload.h"
#include "theme.h"

/* Files saitti itself writes at the root: no page may take them. */
static const char *const reserved_files[] = {
	"404.html", "rss.xml", "sitemap.xml", "robots.txt", NULL
};

static void add_post(struct loader *L, post *p)
{
	if (L->nall == L->capall) {
		L->capall = L->capall ? L->capall * 2 : 256;
		L->all = xrealloc(L->all, L->capall * sizeof *L->all);
	}
	L->all[L->nall++] = p;
}

/* Claims an output path; two sources wanting one is an error naming
 * both. */
static int claim(struct loader *L, const char *path, const char *src)
{
	const char *other = strmap_put_new(L->by_path, path, (void *)src);
	if (!other)
		return 0;
	if (!strcmp(other, "(saitti)"))
		diag_error(L->d, src, 1, 1, _("its address /%s is one saitti "
		    "itself writes: choose another slug or file name"), path);
	else
		diag_error(L->d, src, 1, 1, _("its address /%s is also the "
		    "address of %s: give one of them another slug"), path,
		    other);
	return -1;
}


/* The ordered part: what touches the whole site (addresses, tags,
 * events). local_errors: errors load_local reported for this file. */
static void load_markdown(struct loader *L, const char *path,
    const fm_doc *doc, post *p, enum doc_kind kind, int local_errors,
    const struct event_made *made)
{
	site *s = L->s;
	diag *d = L->d;
	switch (kind) {
	case DOC_NONE:
		return;
	case DOC_EVENT:
		if (made)   /* by the parse's worker */
			event_file_add(s, made, d);
		else
			event_load_file(s, path, doc, d);
		return;
	case DOC_SECTION_INDEX:
		strmap_set(L->by_src, path, p);
		add_post(L, p);
		return;
	case DOC_HOME:
		s->home = p;
		break;
	case DOC_OTHER:
		break;
	}
	strmap_set(L->by_src, path, p);
	if (local_errors)
		return;
	p->ntags = meta_tags(s, p->src, p->meta, &p->tags, d);
	value *ev = val_map_get(doc->meta, "events");
	if (ev && ev->kind != VAL_NULL)
		event_load_list(s, p, ev, d);
	add_post(L, p);
}

/* A cache file opened on a thread of its own (pool_start). */
struct opening {
	const char *file;
	int workers;
	parsecache *pc;
	atomic_int done;
};

/* What is given back beside the last steps: a small site's Markdown map
 * (a call over the whole map: milliseconds at 10,000 posts), and the
 * parse cache (its map too: nothing taken points into it). */
struct release {
	site *s;
	parsecache *pc;
	void *parsed;    /* the files' parse results (megabytes: unmapped) */
};

static void release_maps(void *ctx)
{
	struct release *r = ctx;
	if (!r->s->bodies)
		bodystore_release(r->s);
	parsecache_free(r->pc);
	free(r->parsed);
}

static void open_parsecache(void *ctx)
{
	struct opening *op = ctx;
	op->pc = parsecache_open(op->file, op->workers);
	atomic_store(&op->done, 1);
}

/* ---- Markdown on all cores ---------------------------------------- */

struct resolve_ctx {
	const site *s;
	strmap *by_src;      /* content path → post */
	strmap *events;      /* content path → event, for event files */
};

struct md_job {
	site *s;
	diag **held;     /* one per document, reported in order after */
	struct resolve_ctx *resolve;
	post **posts;
	event **events;
	size_t nposts;
	arena **scratch; /* one per worker: a document's cmark output until
	                  * bodystore_keep has put it away */
	struct mdahead_doc **ahead;   /* per post: its finds, or NULL */
};

static const char *resolve_md(void *ctx, const char *content_path)
{
	/* md_render resolves against the file's own path, which includes
	 * "content/", as the keys here do. */
	const struct resolve_ctx *R = ctx;
	post *p = strmap_get(R->by_src, content_path);
	/* A post that comes out later is linked from its day on (the
	 * schedule rebuilds the site then); until then its text stands
	 * alone, so no page links to an address that is not there yet. */
	if (p && p->kind == PAGE_POST && !p->draft && !R->s->drafts &&
	    p->date.epoch >= R->s->publish_limit)
		return "";
	if (p)
		return p->url;
	event *e = strmap_get(R->events, content_path);
	return e ? e->url : NULL;
}

/* A document's body through the Markdown cache. A body taken from the
 * parse cache (NULL, known by its digest) is read from its file again
 * only when cmark must run, and must still be the bytes the digest
 * names. */
static void render_body(const site *s, arena *tmp, const char *src,
    const char *body, size_t len, size_t off, hash128 sum, int line,
    const md_options *opt, md_result *out, diag *d)
{
	const char *text = body ? body : len ? NULL : "";
	if (mdcache_render_sum(s->mdcache, tmp, src, text, len, sum, line - 1,
	    opt, out, d) != MDCACHE_NO_TEXT)
		return;
	const char *all;
	size_t n;
	if (source_read_again(s->src, src, tmp, &all, &n, d) != 0)
		return;
	if (off > n || len > n - off ||
	    !hash_eq(hash_bytes(all + off, len), sum)) {
		diag_error(d, src, 1, 1, _("the file changed while the site was "
		    "being built: build the site again"));
		return;
	}
	mdcache_render_sum(s->mdcache, tmp, src, all + off, len, sum, line - 1,
	    opt, out, d);
}

static void md_one(void *ctx, size_t i, int worker)
{
	struct md_job *J = ctx;
	site *s = J->s;
	arena *a = s->worker_arenas[worker];
	J->held[i] = diag_new_held();   /* made here: on all cores */
	/* With a spill, cmark's output goes to a scratch arena, emptied for
	 * each document (its one block is used again: no fresh pages), and
	 * what stays is moved out of it by bodystore_keep; without one,
	 * straight into the model's arena. */
	arena *tmp = s->bodies ? J->scratch[worker] : a;
	if (s->bodies)
		arena_reset(tmp);
	bodystore_tick(s, i);   /* the cache's map pages read */
	md_options opt = {0};
	opt.unsafe = s->html_policy;
	opt.iframe_hosts = s->iframe_hosts;
	opt.resolve_md = resolve_md;
	opt.resolve_ctx = J->resolve;
	if (i < J->nposts) {
		post *p = J->posts[i];
		const struct mdahead_doc *h = J->ahead[i];
		opt.link_base = NULL;
		if (!h || mdcache_take(s->mdcache, &h->hint, &opt, &p->md,
		    J->held[i]) != 0) {
			opt.link_base = arena_printf(tmp, "%s%s", s->base_path,
			    p->dir);
			render_body(s, tmp, p->src, p->body, p->body_len,
			    p->body_off, p->body_sum, p->body_line, &opt, &p->md,
			    J->held[i]);
		}
		/* A post's events read its summary (events_summary). */
		void (*keep)(bodystore *, const struct mdcache *, arena *,
		    md_result *) = p->nevents ? bodystore_keep_event :
		    bodystore_keep;
		keep(s->bodies, s->mdcache, a, &p->md);
		const char *sum = val_as_str(val_map_get(p->meta, "summary"));
		if (sum) {
			md_result r;
			value *sv = val_map_get(p->meta, "summary");
			int got = h && mdcache_take(s->mdcache,
			    &h->summary_hint, &opt, &r, J->held[i]) == 0;
			if (!got && !opt.link_base)
				opt.link_base = arena_printf(tmp, "%s%s",
				    s->base_path, p->dir);
			if (got || mdcache_render(s->mdcache, tmp, p->src, sum,
			    strlen(sum), sv->line - 1, &opt, &r, J->held[i]) == 0) {
				keep(s->bodies, s->mdcache, a, &r);
				p->summary_html = r.html;
				p->summary_text = r.summary_text;
				p->summary_html_len = r.html_len;
				p->summary_text_len = r.summary_text_len;
				/* The summary's HTML and its first paragraph's
				 * text, by their digests. */
				if (!hash_is_zero(r.html_sum) &&
				    !hash_is_zero(r.summary_sum)) {
					hash_state *st = hash_begin();
					hash_add_hash(st, r.html_sum);
					hash_add_hash(st, r.summary_sum);
					p->summary_sum = hash_end(st);
				}
			}
		}
		if (!p->summary_html) {
			p->summary_html = p->md.summary_html;
			p->summary_text = p->md.summary_text;
			p->summary_html_len = p->md.summary_html_len;
			p->summary_text_len = p->md.summary_text_len;
			p->summary_sum = p->md.summary_sum;
		}
	} else {
		event *e = J->events[i - J->nposts];
		const char *dir = strrchr(e->src, '/');
		opt.link_base = arena_printf(tmp, "%s%.*s", s->base_path,
		    (int)(dir - e->src + 1 - 8), e->src + 8);
		render_body(s, tmp, e->src, e->body, e->body_len, e->body_off,
		    e->body_sum, e->body_line, &opt, &e->md, J->held[i]);
		bodystore_keep_event(s->bodies, s->mdcache, a, &e->md);
	}
}


/* ---- the whole load ------------------------------------------------ */

/* After Markdown is rendered no document needs its source bytes. */
static void drop_texts(struct loader *L)
{
	if (!L->texts)
		return;
	for (size_t i = 0; i < L->nall; i++)
		L->all[i]->body = NULL;
	for (size_t i = 0; i < L->s->nevents; i++)
		if (!L->s->events[i]->post)
			L->s->events[i]->body = NULL;
	for (int w = 0; w < L->s->threads; w++)
		arena_free(L->texts[w]);
	free(L->texts);
	L->texts = NULL;
}

static void load_data(struct loader *L, const char *path, const char *text,
    size_t len)
{
	site *s = L->s;
	if (check_text(path, text, len, L->d) != 0)
		return;
	value *v = yaml_parse(s->a, path, text, len, 0, L->d);
	if (!v)
		return;
	const char *base = strrchr(path, '/') + 1;
	const char *dot = strrchr(base, '.');
	char *key = arena_strndup(s->a, base, (size_t)(dot - base));
	val_map_set(s->a, s->data, key, v);
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);
	return n > e && !strcmp(path + n - e, ext);
}


/* What a content file takes at least in each of the load's arenas: its
 * text, its model (arena_expect). */
#define SITE_FILE_BYTES 1024

site *site_load(source *src, const build_opts *o, diag *d)
{
	site *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->a = arena_new();
	s->src = src;
	s->drafts = o->drafts;
	s->preview = o->preview;
	s->threads = o->threads > 0 ? o->threads : pool_cpus();
	s->worker_arenas = calloc((size_t)s->threads, sizeof(arena *));
	for (int i = 0; i < s->threads; i++)
		s->worker_arenas[i] = arena_new();
	s->data = val_map(s->a);
	if (load_config(s, o, d) != 0 || set_now(s, o, d) != 0)
		return s;
	if (check_theme(s, d) != 0)
		return s;
	s->th = theme_load(src, s->a, s->theme, s->language, d);
	if (!s->th || load_paths(s, d) != 0)
		return s;

	struct loader L = {0};
	L.s = s;
	L.d = d;
	L.by_path = strmap_new();
	L.by_src = strmap_new();
	L.texts = calloc((size_t)s->threads, sizeof *L.texts);
	if (!L.texts)
		abort();
	for (int w = 0; w < s->threads; w++)
		L.texts[w] = arena_new();
	for (const char *const *r = reserved_files; *r; r++)
		strmap_put_new(L.by_path, *r, "(saitti)");
	/* The statement's address is saitti's when it makes the page from
	 * content/<paths.accessibility>.yaml; else a Markdown page may take
	 * it. */
	const char *a11y_src = arena_printf(s->a, "content/%s.yaml",
	    s->p_a11y);
	int a11y_yaml = source_exists(src, a11y_src);
	if (a11y_yaml)   /* a .md beside it is named as the other source */
		strmap_put_new(L.by_path, arena_printf(s->a, "%s/", s->p_a11y),
		    (void *)a11y_src);
	const char *own[] = {s->p_tags, s->p_archive, s->p_events};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		strmap_put_new(L.by_path, arena_printf(s->a, "%s/", own[i]),
		    "(saitti)");
	strmap_put_new(L.by_path, arena_printf(s->a, "%s.ics", s->p_events),
	    "(saitti)");

	s->cache_dir = site_cache_dir(s->config, source_home(src), s->a, d);
	/* The parse cache is mapped and indexed beside the listing: mostly
	 * the kernel's work, milliseconds at 10,000 posts. (The Markdown
	 * cache is opened after the parse, below: on the core the ordered
	 * steps leave idle, not on one the parse needs.) */
	loadmemo *memo = source_dir(src) ? o->memo : NULL;
	struct opening po = {source_dir(src) && !memo ?
	    open_cache(s, "parse") : NULL, s->threads, NULL, 0};
	pool_task *pc_open = po.file ? pool_start(open_parsecache, &po) :
	    NULL;
	const char **paths;
	/* The folders' times tell whether the last build's list stands:
	 * no folder of ten thousand names is read after an edit. */
	size_t n = listcache_list(src, "content/", source_dir(src) && !memo ?
	    open_cache(s, "listing") : NULL, s->a, &paths, d);
	/* A big site's arenas take huge pages from the start (arena.h):
	 * each file's text, and what its parse keeps, are a kilobyte or
	 * more. */
	size_t per_worker = n / (size_t)s->threads * SITE_FILE_BYTES;
	for (int w = 0; w < s->threads; w++) {
		arena_expect(L.texts[w], per_worker);
		arena_expect(s->worker_arenas[w], per_worker);
	}
	s->assets = arena_alloc(s->a, (n + 1) * sizeof *s->assets);
	/* Markdown files are read and their front matter parsed on all
	 * cores; the model is then built from them in path order, with each
	 * file's messages reported in that order too. */
	const char **mds = xmalloc((n + 1) * sizeof *mds);
	struct parsed *parsed = xcalloc(n + 1, sizeof *parsed);
	size_t nmd = 0;
	for (size_t i = 0; i < n; i++)
		if (has_ext(paths[i], ".md")) {
			parsed[nmd].held = diag_new_held();
			/* libgit2 reads one object at a time: a revision's
			 * files are read here, on this thread. */
			if (!source_dir(src)) {
				parsed[nmd].read = 1;
				if (source_read(src, paths[i], L.texts[0],
				    &parsed[nmd].text, &parsed[nmd].len,
				    parsed[nmd].held) != 0)
					parsed[nmd].text = NULL;
			}
			mds[nmd++] = paths[i];
		}
	/* Until the parse cache is open and the repository looked for
	 * (source.c), the files' identities (a take's first need) are
	 * looked up here. */
	for (size_t i = 0; pc_open && i < nmd && (!atomic_load(&po.done) ||
	    !source_repo_ready(src)); i++)
		if (source_ident_of(src, mds[i], &parsed[i].id) != 0)
			memset(&parsed[i].id, 0, sizeof parsed[i].id);
	s->hist = history_load(s, d);
	if (memo)
		loadmemo_begin(memo, loadmemo_key(s), s->threads);
	/* Its texts are the Markdown's until that is rendered (drop_texts
	 * below). */
	pool_join(pc_open);
	parsecache *pc = po.pc;
	if (pc)
		parsecache_expect(pc, nmd, postrecord_key(s));
	struct parse_job PJ = {s, mds, parsed, L.texts,
	    calloc((size_t)s->threads, sizeof(arena *)), memo, pc,
	    calloc((size_t)s->threads, sizeof(valhash *))};
	if (!PJ.fm || !PJ.vh)
		abort();
	for (int w = 0; w < s->threads; w++)
		PJ.fm[w] = arena_new();
	pool_run(s->threads, nmd, parsejob_one, &PJ);
	/* The stamp's walk after the build takes these for its stats. */
	source_ident *ids = xmalloc((nmd + 1) * sizeof *ids);
	for (size_t k = 0; k < nmd; k++)
		ids[k] = parsed[k].id;
	source_keep_read(src, mds, ids, nmd);
	for (int w = 0; w < s->threads; w++) {
		arena_free(PJ.fm[w]);
		valhash_free(PJ.vh[w]);
	}
	free(PJ.fm);
	free(PJ.vh);
	/* The Markdown cache is opened, and the posts' entries found, on
	 * another core while the ordered steps below run on this one. */
	struct mdahead_doc *docs = xcalloc(nmd + 1, sizeof *docs),
	    **ahead_of = xcalloc(nmd + 1, sizeof *ahead_of);
	for (size_t k = 0; k < nmd; k++)
		if (parsed[k].ok && parsed[k].post)
			mdahead_post(&docs[k], parsed[k].post);
	/* A site whose bodies will spill (bodystore.h) keeps its memory for
	 * them: md_one finds its entries one at a time, not all at once
	 * beside the model (+43 MB at 100,000 posts, warm). */
	size_t md_read = 0;
	for (size_t k = 0; k < nmd; k++)
		md_read += parsed[k].len;
	mdahead *ahead = mdahead_start(open_cache(s, "markdown"), s, docs,
	    md_read < BODYSTORE_SPILL_FROM ? nmd : 0);
	if (pc)
		parsecache_save(pc);
	if (memo) {
		const memo_file **kept = xmalloc((nmd + 1) * sizeof *kept);
		for (size_t i = 0; i < nmd; i++)
			kept[i] = parsed[i].memo;
		loadmemo_end(memo, kept, nmd);
		free(kept);
	}
	size_t md_bytes = 0;   /* the Markdown read: bodystore_open */
	for (size_t i = 0, k = 0; i < n; i++) {
		const char *path = paths[i];
		const char *rel = path + strlen("content/");
		if (has_ext(path, ".md")) {
			struct parsed *P = &parsed[k];
			md_bytes += P->len;
			int local_errors = diag_errors(P->held);
			diag_replay(P->held, d);
			diag_free(P->held);
			size_t was = L.nall;
			if (P->ok)
				load_markdown(&L, path, &P->doc, P->post, P->kind,
				    local_errors, P->event_made ? &P->event :
				    NULL);
			if (L.nall > was)   /* md_one's posts are L.all */
				ahead_of[was] = &docs[k];
			k++;
		} else if (!strchr(rel, '/') && (has_ext(path, ".yaml") ||
		    has_ext(path, ".yml"))) {
			const char *text;
			size_t len;
			if (source_read(src, path, s->a, &text, &len, d) == 0)
				load_data(&L, path, text, len);
		} else {
			s->assets[s->nassets].src = path;
			s->assets[s->nassets++].out = rel;
		}
	}
	free(mds);
	history_apply(s, s->hist, L.all, L.nall, d);
	byline_apply(s, L.all, L.nall, d);
	permalink_apply(s, L.all, L.nall);
	permalink_settle(s, L.all, L.nall, d);
	if (!s->home)
		diag_error(d, "content/index.md", 0, 0, _("missing: the front "
		    "page's text lives in content/index.md"));
	event_finish(s, d);

	/* Every published document claims its address. */
	for (size_t i = 0; i < L.nall; i++) {
		post *p = L.all[i];
		if (p->kind == PAGE_HOME || (p->draft && !s->drafts) ||
		    (p->kind == PAGE_POST && p->date.epoch >= s->publish_limit &&
		    !s->drafts))
			continue;
		if (p->kind == PAGE_PAGE && p->section)
			continue;
		claim(&L, p->path, p->src);
		for (size_t k = 0; k < p->naliases; k++)
			claim(&L, p->aliases[k], p->src);
	}
	for (size_t i = 0; i < s->nassets; i++)
		claim(&L, s->assets[i].out, s->assets[i].src);

	/* Markdown is checked (refused links) even when other
	 * files have errors, so that one build reports them all: every
	 * document in L.all loaded cleanly and has its address. */
	{
		/* Links to an event's file lead to its page. */
		struct resolve_ctx R = {s, L.by_src, strmap_new()};
		for (size_t i = 0; i < s->nevents; i++)
			if (!s->events[i]->post)
				strmap_set(R.events, s->events[i]->src,
				    s->events[i]);
		size_t ndocs = L.nall + s->nevents;
		diag **held = xmalloc((ndocs + 1) * sizeof *held);
		struct md_job J = {s, held, &R, L.all, s->events, L.nall,
		    calloc((size_t)s->threads, sizeof(arena *)), ahead_of};
		if (!J.scratch)
			abort();
		for (int w = 0; w < s->threads; w++)
			J.scratch[w] = arena_new();
		s->mdcache = mdahead_join(ahead);
		if (s->cache_dir && cachedir_make(s->cache_dir) == 0)
			s->bodies = bodystore_open(s->cache_dir, md_bytes);
		/* The Markdown cache's map was read whole when opened: a big
		 * site's hits are read again as the window lets them. */
		if (s->bodies)
			bodystore_release(s);
		pool_run(s->threads, ndocs, md_one, &J);
		for (int w = 0; w < s->threads; w++)
			arena_free(J.scratch[w]);
		free(J.scratch);
		for (size_t i = 0; i < ndocs; i++) {
			diag_replay(held[i], d);
			diag_free(held[i]);
		}
		free(held);
		mdcache_save(s->mdcache);
		struct release rl = {s, pc, parsed};
		pool_task *rel = pool_start(release_maps, &rl);
		pc = NULL;
		parsed = NULL;
		if (s->bodies)
			bodystore_release(s);
		strmap_free(R.events);
		drop_texts(&L);
		if (!diag_errors(d))
			link_model(&L);
		if (!diag_errors(d) && !a11y_yaml && !site_statement(s))
			diag_warn(d, arena_printf(s->a, "content/%s.md",
			    s->p_a11y), 0, 0, _("the site has no accessibility "
			    "statement, which a public body's site must publish "
			    "(laki digitaalisten palvelujen tarjoamisesta "
			    "306/2019): write it in content/%s.md, or fill in "
			    "content/%s.yaml (see README); until then no page "
			    "links to it"), s->p_a11y, s->p_a11y);
		pool_join(rel);
	}
	drop_texts(&L);
	parsecache_free(pc);
	free(parsed);
	free(docs);
	free(ahead_of);
	strmap_free(L.by_path);
	strmap_free(L.by_src);
	free(L.all);
	return s;
}

int site_statement(const site *s)
{
	value *data = val_map_get(s->data, s->p_a11y);
	if (data && data->kind == VAL_MAP)
		return 1;
	size_t n = strlen(s->p_a11y);
	for (size_t i = 0; i < s->npages; i++)
		if (!strncmp(s->pages[i]->path, s->p_a11y, n) &&
		    !strcmp(s->pages[i]->path + n, "/"))
			return 1;
	return 0;
}

void site_free(site *s)
{
	if (!s)
		return;
	history_free(s->hist);
	theme_free(s->th);
	mdcache_free(s->mdcache);
	bodystore_free(s->bodies);
	strmap_free(s->tag_index);
	strmap_free(s->tag_names);
	for (int i = 0; i < s->threads; i++)
		arena_free(s->worker_arenas[i]);
	free(s->worker_arenas);
	arena_free(s->a);
	free(s);
}

