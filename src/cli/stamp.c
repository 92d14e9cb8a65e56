#include "stamp.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/cachedir.h"
#include "../core/fdio.h"
#include "../core/hash.h"
#include "../core/i18n.h"
#include "../model/morph.h"
#include "../output/manifest.h"
#include "../output/lastbuild.h"
#include "../output/outguard.h"
#include "../parse/date.h"
#include "../parse/yaml.h"
#include "../render/search.h"
#include "../source/journal.h"
#include "stampwalk.h"

#define MAGIC "saitti-stamp 3\n"
/* File systems stamp times from a clock that may lag the real one by a
 * tick or two (jiffies): a change this close to the build's start counts
 * as during the build. */
#define RACY_NS 50000000LL

struct warn {
	char *file, *msg;
	int line, col;
};

struct stamp {
	const build_req *r;
	source *src;
	diag *d;
	arena *a;
	char *file;            /* the stamp's path in the cache folder */
	const char *cache;     /* the cache folder (stamp_cache) */
	hash128 key;
	int has_key;           /* key is whole (stamp_key) */
	int64_t began;         /* the clock when the build began, ns */
	/* The inputs a stale stamp named, and their digest as the reuse
	 * test found them (after `began`): when this build read the same
	 * inputs, stamp_commit takes that digest instead of a second stat
	 * pass over them (see there). */
	const char *seen;
	size_t nseen;
	hash128 seen_digest;
	int64_t seen_newest;
	const char *stood;     /* the manifest whose files the reuse test
	                        * found as written, or NULL */
	/* Else how far the test got through that manifest's files when the
	 * inputs' walk found a change and stopped it (lastbuild_known). */
	const char *checked;
	lastbuild_known known;
	pthread_mutex_t lock;  /* the tee runs on reporting threads */
	struct warn *w;
	size_t nw, capw;
};

static void keep_warning(void *ctx, int error, const char *file, int line, int col,
    const char *msg)
{
	stamp *t = ctx;
	if (error)
		return;   /* a build with errors leaves no stamp */
	pthread_mutex_lock(&t->lock);
	if (t->nw == t->capw) {
		t->capw = t->capw ? t->capw * 2 : 64;
		t->w = realloc(t->w, t->capw * sizeof *t->w);
		if (!t->w)
			abort();
	}
	t->w[t->nw++] = (struct warn){strdup(file ? file : ""), strdup(msg),
	    line, col};
	pthread_mutex_unlock(&t->lock);
}

static void add_env(hash_state *h, const char *name)
{
	hash_add_str(h, name);
	hash_add_str(h, getenv(name));
}

/* Everything but the files that decides the output and the messages'
 * wording; the language itself is compared on reuse (it may come from
 * site.yaml). Made when the build begins (the build sets TZ), but for
 * the repository's part: see stamp_key. */
static hash128 key_of(stamp *t, const char *out, const char *cache)
{
	const build_req *r = t->r;
	hash_state *h = hash_begin();
	hash_add_str(h, MAGIC);
	hash_add_hash(h, hash_program());
	char *src = realpath(r->srcdir, NULL);
	hash_add_str(h, src ? src : r->srcdir);
	free(src);
	hash_add_str(h, r->rev);
	hash_add_str(h, out);
	hash_add_str(h, cache);
	/* Not --now: a later day before the next change reuses (reuse()). */
	hash_add_str(h, r->opts.base_url);
	hash_add_u64(h, (uint64_t)r->opts.drafts);
	hash_add_u64(h, (uint64_t)r->opts.preview);
	hash_add_u64(h, (uint64_t)r->force);
	static const char *const env[] = {"LC_ALL", "LC_MESSAGES", "LANG",
	    "TZ", "SAITTI_DATADIR", "SAITTI_LOCALEDIR",
	    /* Which libvoikko saitti-words.so loads (morph_files_stand
	     * stats the files the last one loaded). */
	    "LD_LIBRARY_PATH", "LD_PRELOAD", NULL};
	for (const char *const *e = env; *e; e++)
		add_env(h, *e);
	return hash_end(h);
}

/* The cache folder as the build will find it, reading site.yaml only when
 * the operator named none; NULL on any doubt (the build then says why). */
static const char *find_cache(stamp *t)
{
	const char *env = getenv("SAITTI_CACHE");
	if (env && *env)
		return env;
	diag *quiet = diag_new_held();
	const char *text, *dir = NULL;
	size_t len;
	/* A link is left for the build to report (the source tells each
	 * link once). */
	if (source_is_plain(t->src, "site.yaml") &&
	    source_read(t->src, "site.yaml", t->a, &text, &len, quiet) == 0) {
		value *config = yaml_parse(t->a, "site.yaml", text, len, 0,
		    quiet);
		if (config && config->kind == VAL_MAP && !diag_errors(quiet))
			dir = site_cache_dir(config, source_home(t->src), t->a,
			    quiet);
	}
	int bad = diag_errors(quiet);
	diag_free(quiet);
	return bad ? NULL : dir;
}

/* key_of's and the repository's part, at its first use: the source looks
 * for the repository on a thread of its own (source.c), which this waits
 * for. */
static hash128 stamp_key(stamp *t)
{
	if (!t->has_key) {
		hash_state *h = hash_begin();
		hash_add_hash(h, t->key);
		/* History follows HEAD (as the source read it, before the
		 * history); a revision is its commit. */
		const git_oid *head = source_head(t->src);
		if (head)
			hash_add(h, head->id, sizeof head->id);
		const git_oid *commit = source_commit(t->src);
		if (commit)
			hash_add(h, commit->id, sizeof commit->id);
		t->key = hash_end(h);
		t->has_key = 1;
	}
	return t->key;
}

static int64_t clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

stamp *stamp_begin(const build_req *r, source *src, diag *d)
{
	/* Without the program's own digest another saitti could take the
	 * stamp for its own. */
	if (r->next_only || r->hook || r->sink || hash_is_zero(hash_program()))
		return NULL;
	stamp *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->began = clock_ns();
	t->r = r;
	t->src = src;
	t->d = d;
	t->a = arena_new();
	pthread_mutex_init(&t->lock, NULL);
	const char *cache = find_cache(t);
	char *out = outguard_resolve(r->out);
	t->file = cache && out ? build_cache_file(cache, r->out, "stamp") :
	    NULL;
	if (!t->file) {
		free(out);
		stamp_end(t);
		return NULL;
	}
	t->key = key_of(t, out, cache);
	t->cache = cache;
	free(out);
	diag_set_tee(d, keep_warning, t);
	return t;
}

void stamp_end(stamp *t)
{
	if (!t)
		return;
	if (t->d)
		diag_set_tee(t->d, NULL, NULL);
	for (size_t i = 0; i < t->nw; i++) {
		free(t->w[i].file);
		free(t->w[i].msg);
	}
	free(t->w);
	free(t->file);
	arena_free(t->a);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

/* ---- the file ---- */

static void put_str(buf *b, const char *s)
{
	buf_printf(b, "%zu:", strlen(s));
	buf_puts(b, s);
	buf_putc(b, '\n');
}

struct rd {
	const char *p, *end;
	int bad;
};

static int64_t get_num(struct rd *c)
{
	char *e;
	errno = 0;
	long long v = strtoll(c->p, &e, 10);
	if (e == c->p || e >= c->end || (*e != ' ' && *e != '\n') || errno)
		c->bad = 1;
	else
		c->p = e + 1;
	return c->bad ? 0 : v;
}

/* A string as put_str wrote it, in a (NUL-terminated). */
static const char *get_str(struct rd *c, arena *a, size_t *len)
{
	char *e;
	unsigned long long n = strtoull(c->p, &e, 10);
	if (c->bad || e == c->p || e >= c->end || *e != ':' ||
	    n >= (unsigned long long)(c->end - e) || e[1 + n] != '\n') {
		c->bad = 1;
		return "";
	}
	c->p = e + 2 + n;
	if (len)
		*len = (size_t)n;
	return arena_strndup(a, e + 1, (size_t)n);
}

static void get_word(struct rd *c, const char *word)
{
	size_t n = strlen(word);
	if (c->bad || (size_t)(c->end - c->p) < n || memcmp(c->p, word, n))
		c->bad = 1;
	else
		c->p += n;
}

/* The build's counts, in a fixed order. */
#define NSTATS 17

static void stats_out(const build_stats *st, int64_t v[NSTATS])
{
	const render_counts *f = &st->files;
	int64_t x[NSTATS] = {(int64_t)st->pages, (int64_t)st->posts,
	    (int64_t)st->events, (int64_t)st->tags, (int64_t)st->sections,
	    (int64_t)f->pages, (int64_t)f->redirects, (int64_t)f->feeds,
	    (int64_t)f->calendars, (int64_t)f->other, (int64_t)f->copied,
	    (int64_t)f->images, (int64_t)f->images_made,
	    (int64_t)(st->written + st->kept),
	    (int64_t)(st->md_cached + st->md_rendered), st->next_change,
	    st->threads};
	memcpy(v, x, sizeof x);
}

static void stats_in(build_stats *st, const int64_t v[NSTATS])
{
	render_counts *f = &st->files;
	size_t *z[] = {&st->pages, &st->posts, &st->events, &st->tags,
	    &st->sections, &f->pages, &f->redirects, &f->feeds,
	    &f->calendars, &f->other, &f->copied, &f->images,
	    &f->images_made, &st->kept, &st->md_cached};
	for (size_t i = 0; i < sizeof z / sizeof *z; i++)
		*z[i] = (size_t)v[i];
	st->next_change = v[15];
	st->threads = (int)v[16];
	/* Nothing was made: every file stood, every text came from before. */
	st->pages_skipped = st->kept;
	st->written = 0;
	st->files.images_made = 0;
}

struct fstat_id {
	int64_t dev, ino, size, mtime;
};

/* The journal's walk after the build and the source (journal_hooks). */
static int known_file(void *ctx, const char *root, const char *rel,
    struct stat *st)
{
	return source_known(ctx, root, rel, st);
}

static int stat_id(const char *path, struct fstat_id *id)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	*id = (struct fstat_id){(int64_t)st.st_dev, (int64_t)st.st_ino,
	    (int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec * 1000000000 +
	    st.st_mtim.tv_nsec};
	return 0;
}

void stamp_commit(stamp *t, const site *s, const build_stats *st,
    const char *manifest)
{
	if (!t || !manifest)
		return;
	/* A file the build read changed this close to its start: the
	 * digest below would say so too, after a stat of every input. */
	if (source_newest(t->src) >= t->began - RACY_NS)
		return;
	buf in = BUF_INIT;
	source_inputs(t->src, &in);
	hash128 digest;
	int64_t newest;
	struct fstat_id mid;
	struct stat od;
	/* The reuse test's digest, taken after the build began, stands for
	 * the inputs it names when this build read the same ones: a file
	 * changed since then either was read after its change (its time is
	 * in source_newest, checked above) or was not read, so the stamp
	 * names an older state than the output's and the next build runs.
	 * Other inputs get their own stat pass. */
	int same = t->seen && in.len == t->nseen &&
	    !memcmp(in.data ? in.data : "", t->seen, in.len);
	if (same) {
		digest = t->seen_digest;
		newest = t->seen_newest;
	}
	char *out = outguard_resolve(t->r->out);
	journal_hooks known = {NULL, known_file, t->src};
	if ((!same && journal_digest(in.data ? in.data : "", in.len,
	    &digest, &newest, &known, s->threads) != 0) ||
	    newest >= t->began - RACY_NS ||
	    stat_id(manifest, &mid) != 0 || !out || stat(out, &od) != 0) {
		free(out);
		buf_free(&in);
		return;
	}
	free(out);
	buf b = BUF_INIT;
	buf_puts(&b, MAGIC);
	hash128 k = stamp_key(t);
	buf_printf(&b, "key %016" PRIx64 "%016" PRIx64 "\n", k.hi, k.lo);
	buf_printf(&b, "digest %016" PRIx64 "%016" PRIx64 "\n", digest.hi,
	    digest.lo);
	buf_printf(&b, "now %" PRId64 " %d\n", s->now.epoch, s->now.has_time);
	buf_printf(&b, "manifest %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64
	    " ", mid.dev, mid.ino, mid.size, mid.mtime);
	put_str(&b, manifest);
	buf_printf(&b, "outdir %" PRId64 " %" PRId64 "\n", (int64_t)od.st_dev,
	    (int64_t)od.st_ino);
	buf_puts(&b, "lang ");
	put_str(&b, s->language);
	buf_puts(&b, "heard ");
	put_str(&b, i18n_language());
	buf_puts(&b, "zone ");
	put_str(&b, s->timezone);
	/* The zone's rules: a tz database update that moves its offsets
	 * changes the dates the pages show. */
	hash128 rules = date_zone_digest(s->timezone);
	buf_printf(&b, "rules %016" PRIx64 "%016" PRIx64 "\n", rules.hi,
	    rules.lo);
	buf_puts(&b, "history ");
	put_str(&b, st->history);
	/* The search index's analyses come from files no journal names
	 * (libvoikko, its dictionary, libstemmer): a package update that
	 * replaces one changes the index with no input changed. */
	buf files = BUF_INIT;
	int search = search_path(s, s->th) != NULL;
	if (search)
		morph_files(&files, s->language);
	buf_printf(&b, "analyser %d ", search);
	put_str(&b, files.data ? files.data : "");
	buf_free(&files);
	int64_t v[NSTATS];
	stats_out(st, v);
	buf_puts(&b, "stats");
	for (int i = 0; i < NSTATS; i++)
		buf_printf(&b, " %" PRId64, v[i]);
	buf_puts(&b, "\ninputs ");
	put_str(&b, in.data ? in.data : "");
	buf_free(&in);
	pthread_mutex_lock(&t->lock);
	buf_printf(&b, "warnings %zu\n", t->nw);
	for (size_t i = 0; i < t->nw; i++) {
		buf_printf(&b, "%d %d ", t->w[i].line, t->w[i].col);
		put_str(&b, t->w[i].file);
		put_str(&b, t->w[i].msg);
	}
	pthread_mutex_unlock(&t->lock);
	hash128 sum = hash_bytes(b.data, b.len);
	buf_printf(&b, "sum %016" PRIx64 "\n", sum.lo);
	char *tmp = NULL;
	if (asprintf(&tmp, "%s.%ld.new", t->file, (long)getpid()) < 0)
		abort();
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	int bad = fd < 0 || fd_write_all(fd, b.data, b.len) != 0;
	if (fd >= 0 && close(fd) != 0)
		bad = 1;
	if (bad || rename(tmp, t->file) != 0)
		unlink(tmp);
	free(tmp);
	buf_free(&b);
}

/* ---- reuse ---- */

/* 0, and with $SAITTI_DEBUG_STAMP set, which test failed (for whoever
 * wonders why a rebuild read everything). */
static int why(int n)
{
	if (getenv("SAITTI_DEBUG_STAMP"))
		fprintf(stderr, "saitti: stamp: not reused (test %d)\n", n);
	return 0;
}

/* What a stamp says after its magic line (stamp_commit writes it). */
struct fields {
	const char *key, *digest, *rules;   /* 32 hex digits and '\n' */
	int64_t then, has_time;
	struct fstat_id mid;
	const char *manifest;
	int64_t odev, oino;
	const char *lang, *heard, *zone, *hist, *analyser;
	int64_t search;
	int64_t v[NSTATS];
	const char *inputs;
	size_t inlen;
};

static int get_fields(stamp *t, struct rd *c, struct fields *f)
{
	get_word(c, "key ");
	if (c->bad || (size_t)(c->end - c->p) < 33 || c->p[32] != '\n')
		return why(3);
	f->key = c->p;
	c->p += 33;
	get_word(c, "digest ");
	if (c->bad || (size_t)(c->end - c->p) < 33)
		return why(4);
	f->digest = c->p;
	c->p += 33;
	get_word(c, "now ");
	f->then = get_num(c);
	f->has_time = get_num(c);
	get_word(c, "manifest ");
	/* One statement each: an initializer list's calls may run in any
	 * order, and each get_num moves the cursor. */
	f->mid.dev = get_num(c);
	f->mid.ino = get_num(c);
	f->mid.size = get_num(c);
	f->mid.mtime = get_num(c);
	f->manifest = get_str(c, t->a, NULL);
	get_word(c, "outdir ");
	f->odev = get_num(c);
	f->oino = get_num(c);
	get_word(c, "lang ");
	f->lang = get_str(c, t->a, NULL);
	get_word(c, "heard ");
	f->heard = get_str(c, t->a, NULL);
	get_word(c, "zone ");
	f->zone = get_str(c, t->a, NULL);
	get_word(c, "rules ");
	if (c->bad || (size_t)(c->end - c->p) < 33)
		return why(5);
	f->rules = c->p;
	c->p += 33;
	get_word(c, "history ");
	f->hist = get_str(c, t->a, NULL);
	get_word(c, "analyser ");
	f->search = get_num(c);
	f->analyser = get_str(c, t->a, NULL);
	get_word(c, "stats");
	for (int i = 0; i < NSTATS; i++) {
		get_word(c, " ");
		f->v[i] = get_num(c);
		c->p--;   /* get_num took the separator */
	}
	get_word(c, "\ninputs ");
	f->inputs = get_str(c, t->a, &f->inlen);
	return c->bad ? why(5) : 1;
}

/* The repository's part of the key waits for libgit2's setup on its
 * thread (~8 ms), which is why reuse asks after the walk. */
static int key_test(stamp *t, const struct fields *f)
{
	char key[33];
	hash128 k = stamp_key(t);
	snprintf(key, sizeof key, "%016" PRIx64 "%016" PRIx64, k.hi, k.lo);
	return memcmp(f->key, key, 32) ? why(3) : 1;
}

/* Today, as the build would see it, still before the next change, and
 * the zone's rules as they were. Not while other threads run: the zone
 * is set through the environment (date_set_zone), which libgit2's setup
 * reads on its thread. */
static int time_test(stamp *t, const struct fields *f)
{
	sdate now;
	const char *err;
	if (date_set_zone(f->zone) != 0 ||
	    site_now(t->r->opts.now, &now, &err) != 0 ||
	    now.has_time != f->has_time || now.epoch < f->then ||
	    (f->v[15] && now.epoch >= f->v[15]))
		return why(6);
	char rhex[34];
	hash128 now_rules = date_zone_digest(f->zone);
	snprintf(rhex, sizeof rhex, "%016" PRIx64 "%016" PRIx64 "\n",
	    now_rules.hi, now_rules.lo);
	if (memcmp(rhex, f->rules, 33))
		return why(13);
	return 1;
}

/* The stamp's tests that may run beside the walk: 1 when they pass and
 * sj is open (the outputs' check), else 0. */
static int other_tests(stamp *t, const struct fields *f, stand_job *sj)
{
	/* The analyser's files as the search index found them (a dozen
	 * stats: libvoikko looks for its dictionary in a few places). */
	if (f->search && !morph_files_stand(f->analyser, f->lang))
		return why(12);
	/* The same manifest, and the output it lists. */
	struct fstat_id m;
	if (stat_id(f->manifest, &m) != 0 || memcmp(&m, &f->mid, sizeof m))
		return why(7);
	char *out = outguard_resolve(t->r->out);
	int open = out && stand_open(sj, f->manifest, out, f->odev,
	    f->oino) == 0;
	free(out);
	return open ? 1 : why(10);
}

static int reuse(stamp *t, const char *data, size_t len, build_stats *st)
{
	size_t ml = strlen(MAGIC);
	/* The checksum line closes the file. */
	const char *sumline = len > 21 ? data + len - 21 : NULL;
	if (len < ml || memcmp(data, MAGIC, ml) || !sumline ||
	    memcmp(sumline, "sum ", 4) || data[len - 1] != '\n')
		return why(1);
	char want[17];
	hash128 sum = hash_bytes(data, (size_t)(sumline - data));
	snprintf(want, sizeof want, "%016" PRIx64, sum.lo);
	if (memcmp(sumline + 4, want, 16))
		return why(2);
	struct rd c = {data + ml, sumline, 0};
	struct fields f;
	if (!get_fields(t, &c, &f))
		return 0;

	/* The inputs' stat pass (most of a reuse's time) starts at once on
	 * a thread of its own; the other tests run meanwhile, then the
	 * outputs' check, in chunks both threads take (the walk's joins in
	 * when its pass is done), then the key's and the time's. A failed
	 * test still waits for the walk: the build takes its stats
	 * (source_remember) and its digest (stamp_commit). A walk that
	 * finds the inputs changed stops the outputs' check: the build's
	 * own pass goes on from where it stopped (stamp_outputs_known), on
	 * the core the load leaves idle. */
	stand_job sj;
	digest_job dj = {f.inputs, f.inlen, t->src, f.digest, {0, 0},
	    0, -1, 0, NULL};
	sj.halt = &dj.changed;
	pthread_t th;
	int threaded = pthread_create(&th, NULL, digest_thread, &dj) == 0;
	int open = other_tests(t, &f, &sj);
	if (open)
		atomic_store(&dj.stand, &sj);
	if (!threaded)
		digest_thread(&dj);
	else if (open) {
		/* SAITTI_DEBUG_STAMP=halt: one chunk, then the walk's end, so
		 * that a test sees a change stop the check part way. */
		const char *dbg = getenv("SAITTI_DEBUG_STAMP");
		if (dbg && !strcmp(dbg, "halt")) {
			stand_work(&sj, 1);
			pthread_join(th, NULL);
			threaded = 0;
		}
		stand_work(&sj, SIZE_MAX);
	}
	if (threaded)
		pthread_join(th, NULL);
	/* Every chunk taken was done: the files before next stand (all of
	 * them unless a change in the inputs stopped the check). */
	size_t upto = open && !atomic_load(&sj.bad) ? atomic_load(&sj.next) : 0;
	if (open && upto > sj.m.n)
		upto = sj.m.n;
	int stands = open && upto == sj.m.n;
	if (open && getenv("SAITTI_DEBUG_STAMP"))
		fprintf(stderr, "saitti: stamp: outputs checked: %zu of %zu\n",
		    upto, sj.m.n);
	if (open)
		stand_close(&sj);
	/* The key's test joins the repository's thread: the time's may then
	 * touch the environment. */
	int passed = open && key_test(t, &f) && time_test(t, &f);
	if (dj.rc != 0)
		return why(8);
	t->seen = f.inputs;
	t->nseen = f.inlen;
	t->seen_digest = dj.d;
	t->seen_newest = dj.newest;
	if (!passed)
		return 0;
	if (stands)
		t->stood = f.manifest;
	else if (upto) {
		t->checked = f.manifest;
		t->known = (lastbuild_known){upto, f.mid.dev, f.mid.ino,
		    f.mid.size, f.mid.mtime};
	}
	char dhex[33];
	snprintf(dhex, sizeof dhex, "%016" PRIx64 "%016" PRIx64, dj.d.hi,
	    dj.d.lo);
	if (memcmp(dhex, f.digest, 32))
		return why(9);
	if (!stands)
		return why(10);
	/* The messages in the language the build would use. */
	i18n_set_site_language(f.lang);
	if (strcmp(i18n_language(), f.heard))
		return why(11);

	get_word(&c, "warnings ");
	int64_t nw = get_num(&c);
	diag_set_tee(t->d, NULL, NULL);
	for (int64_t i = 0; !c.bad && i < nw; i++) {
		int line = (int)get_num(&c), col = (int)get_num(&c);
		const char *file = get_str(&c, t->a, NULL);
		const char *msg = get_str(&c, t->a, NULL);
		if (!c.bad)
			diag_warn(t->d, *file ? file : NULL, line, col, "%s",
			    msg);
	}
	stats_in(st, f.v);
	snprintf(st->history, sizeof st->history, "%s", f.hist);
	st->unchanged = 1;
	return 1;
}

int stamp_outputs_stood(const stamp *t, const char *manifest)
{
	return t && t->stood && manifest && !strcmp(t->stood, manifest);
}

const lastbuild_known *stamp_outputs_known(const stamp *t,
    const char *manifest)
{
	return t && t->checked && manifest && !strcmp(t->checked, manifest) ?
	    &t->known : NULL;
}

int stamp_reuse(stamp *t, build_stats *st)
{
	if (!t)
		return 0;
	int fd = open(t->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int ok = 0;
	if (fd >= 0) {
		struct stat sb;
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_size > 0 && sb.st_size < (1 << 28)) {
			size_t n = (size_t)sb.st_size;
			char *data = malloc(n + 1);
			if (!data)
				abort();
			if (fd_read_all(fd, data, n) == 0) {
				data[n] = '\0';
				ok = reuse(t, data, n, st);
			}
			free(data);
		}
		close(fd);
		if (!ok)
			unlink(t->file);
	}
	return ok;
}

const char *stamp_cache(const stamp *t)
{
	return t ? t->cache : NULL;
}
