#include "parsejob.h"

#include <string.h>

#include "../core/buf.h"
#include "../core/hash.h"
#include "event.h"
#include "fmkeys.h"
#include "post.h"
#include "postrecord.h"

/* parsejob_one with a memo: an unchanged file is taken from it, a changed
 * one read and parsed into the memo's memory and kept. The post goes to
 * the build as a copy, which later steps may change. */
static void parse_memo(struct parse_job *J, struct parsed *P,
    const char *path, int worker)
{
	site *s = J->s;
	source_ident id;
	P->memo = loadmemo_find(J->memo, s->src, path, &id);
	if (P->memo) {
		loadmemo_use(P->memo, s->src, path, s->worker_arenas[worker],
		    P->held, &P->text, &P->len, &P->ok, &P->doc, &P->post,
		    &P->kind);
		return;
	}
	arena *a = loadmemo_arena(J->memo, worker);
	if (source_read(s->src, path, a, &P->text, &P->len, P->held) != 0)
		return;
	if (check_text(path, P->text, P->len, P->held) == 0 &&
	    fm_parse(a, path, P->text, P->len, &P->doc, P->held) == 0) {
		fmkeys_check(path, P->doc.meta, P->text, P->len, P->held);
		P->ok = 1;
		site local = *s;
		local.a = a;
		P->post = load_local(&local, P->held, path, &P->doc, &P->kind);
	}
	P->memo = loadmemo_keep(J->memo, worker, path, &id, P->text, P->len,
	    P->ok, &P->doc, P->post, P->kind, P->held);
	if (P->memo)
		P->post = loadmemo_post(P->memo, path, s->worker_arenas[worker]);
}

/* The site as a worker's load_local sees it: allocating in the
 * worker's arena. */
static site on_worker(const struct parse_job *J, int worker)
{
	site local = *J->s;
	local.a = J->s->worker_arenas[worker];
	return local;
}

static void run_local(struct parse_job *J, struct parsed *P,
    const char *path, int worker)
{
	site local = on_worker(J, worker);
	P->post = load_local(&local, P->held, path, &P->doc, &P->kind);
}

/* An event file's own part is made here too: only its tags are left to
 * the ordered steps (event_file_add). */
static void make_event(struct parse_job *J, struct parsed *P,
    const char *path, int worker)
{
	if (P->kind != DOC_EVENT)
		return;
	site local = on_worker(J, worker);
	event_file_local(&local, path, &P->doc, &P->event, P->held);
	P->event_made = 1;
}

/* Keeps file i in the parse cache with what load_local makes of it
 * (its post and messages, model/postrecord), made here. */
static void keep_parsed(struct parse_job *J, struct parsed *P, size_t i,
    int worker, const char *path, const source_ident *id)
{
	buf rec = BUF_INIT;
	if (P->ok) {
		site local = on_worker(J, worker);
		diag *own = diag_new_held();
		P->post = load_local(&local, own, path, &P->doc, &P->kind);
		int made = postrecord_put(&rec, P->post, P->kind, own) == 0;
		parsecache_keep(J->pc, i, worker, path, id, P->text, P->len,
		    P->ok, &P->doc, P->held, made ? rec.data : NULL,
		    made ? rec.len : 0);
		diag_replay(own, P->held);
		diag_free(own);
	} else
		parsecache_keep(J->pc, i, worker, path, id, P->text, P->len,
		    P->ok, &P->doc, P->held, NULL, 0);
	buf_free(&rec);
}

void parsejob_one(void *ctx, size_t i, int worker)
{
	struct parse_job *J = ctx;
	struct parsed *P = &J->out[i];
	const char *path = J->paths[i];
	if (J->memo) {
		parse_memo(J, P, path, worker);
		return;
	}
	arena *wa = J->s->worker_arenas[worker];
	source_ident id = P->id;
	const char *rec;
	size_t reclen;
	if (J->pc && parsecache_take(J->pc, i, J->s->src, path, wa, P->held,
	    &P->len, &P->ok, &P->doc, &id, &rec, &reclen)) {
		P->id = id;
		if (!P->ok)
			return;
		/* What load_local made of it last time, when kept. */
		if (postrecord_get(rec, reclen, wa, path, &P->doc, &P->post,
		    &P->kind, P->held) != 0)
			run_local(J, P, path, worker);
		make_event(J, P, path, worker);
		return;
	}
	/* The identity from the read's own stat when none was looked up. */
	source_ident seen;
	if (!P->read && source_read_ident(J->s->src, path, J->texts[worker],
	    &P->text, &P->len, id.ino ? NULL : &seen, P->held) != 0)
		return;
	if (!P->read && !id.ino)
		id = seen;
	if (!P->text)
		return;
	/* Parsed in scratch and copied: the parse leaves spare room and
	 * outgrown arrays that the build would keep to its end. */
	arena *fa = J->fm[worker];
	arena_reset(fa);
	P->ok = check_text(path, P->text, P->len, P->held) == 0 &&
	    fm_parse(fa, path, P->text, P->len, &P->doc, P->held) == 0;
	P->doc.meta = val_copy(wa, P->doc.meta);
	/* Keys and values the writer would lose without a word. */
	if (P->ok)
		fmkeys_check(path, P->doc.meta, P->text, P->len, P->held);
	/* Kept, a body is known by its place and digest: the Markdown
	 * cache's key, so the next build need not read it. */
	if (P->ok) {
		P->doc.body_off = (size_t)(P->doc.body - P->text);
		if (J->pc) {
			P->doc.body_sum = hash_bytes(P->doc.body,
			    P->doc.body_len);
			/* The front matter's digest too: the view keys' (as
			 * render/viewkey makes it), not made again from the
			 * tree each rebuild. */
			if (!J->vh[worker])
				J->vh[worker] = valhash_new();
			P->doc.meta_sum = valhash_of(J->vh[worker],
			    P->doc.meta);
		}
	}
	P->id = id;   /* for the stamp's walk after the build */
	if (J->pc)
		keep_parsed(J, P, i, worker, path, &id);
	else if (P->ok)
		run_local(J, P, path, worker);
	if (P->ok)
		make_event(J, P, path, worker);
}
