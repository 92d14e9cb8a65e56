/* postrecord (issue 17): a post as load_local made it comes back from its
 * record field for field, with its messages; a damaged record is refused
 * without a word; the key changes with each setting load_local reads.
 * (tests/scripts/postrecord.sh: rebuilds after each setting changes.) */
#include <stdlib.h>
#include <string.h>

#include "../../src/parse/date.h"
#include "../../src/model/post.h"
#include "../../src/model/postrecord.h"
#include "check.h"

static int same_date(const sdate *a, const sdate *b)
{
	return !memcmp(a, b, sizeof *a);
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Every field load_local sets. */
static int same_post(const post *a, const post *b)
{
	if (!a || !b)
		return a == b;
	int ok = a->kind == b->kind && same_str(a->src, b->src) &&
	    same_str(a->dir, b->dir) && same_str(a->section, b->section) &&
	    same_str(a->slug, b->slug) &&
	    same_str(a->file_slug, b->file_slug) &&
	    same_str(a->path, b->path) && same_str(a->url, b->url) &&
	    same_str(a->title, b->title) && same_str(a->author, b->author) &&
	    same_str(a->image, b->image) && same_date(&a->date, &b->date) &&
	    same_date(&a->updated, &b->updated) &&
	    same_date(&a->publish, &b->publish) &&
	    same_date(&a->expires, &b->expires) &&
	    a->has_date == b->has_date && a->has_updated == b->has_updated &&
	    a->has_publish == b->has_publish &&
	    a->has_expires == b->has_expires && a->draft == b->draft &&
	    a->order == b->order && a->naliases == b->naliases &&
	    a->meta == b->meta && a->body_len == b->body_len &&
	    a->body_line == b->body_line && a->body_off == b->body_off &&
	    hash_eq(a->body_sum, b->body_sum) &&
	    hash_eq(a->meta_sum, b->meta_sum);
	for (size_t i = 0; ok && i < a->naliases; i++)
		ok = !strcmp(a->aliases[i], b->aliases[i]);
	return ok;
}

static void count(void *ctx, int error, const char *file, int line, int col,
    const char *msg)
{
	(void)error, (void)file, (void)line, (void)col, (void)msg;
	++*(int *)ctx;
}

static int messages(const diag *d)
{
	int n = 0;
	diag_each(d, count, &n);
	return n;
}

static void text(void *ctx, int error, const char *file, int line, int col,
    const char *msg)
{
	buf_printf(ctx, "%d %s:%d:%d %s\n", error, file, line, col, msg);
}

/* Every message of d, as one text (freed by the caller). */
static char *all_messages(const diag *d)
{
	buf b = BUF_INIT;
	buf_putc(&b, '\0');
	b.len = 0;
	diag_each(d, text, &b);
	return b.data;
}

static site S;

/* load_local on text, its record made, and the record read back. */
static void round_trip(const char *name, const char *path, const char *text,
    int want_msgs)
{
	char label[300];
	arena *a = arena_new();
	S.a = a;
	diag *held = diag_new_held(), *back = diag_new_held();
	fm_doc doc;
	if (fm_parse(a, path, text, strlen(text), &doc, held) != 0) {
		snprintf(label, sizeof label, "%s: parsed", name);
		CHECK(label, 0);
		return;
	}
	doc.body_off = (size_t)(doc.body - text);
	doc.body_sum = hash_bytes(doc.body, doc.body_len);
	doc.meta_sum = hash_bytes("meta", 4);
	enum doc_kind kind, kind2 = DOC_NONE;
	post *p = load_local(&S, held, path, &doc, &kind);
	buf b = BUF_INIT;
	snprintf(label, sizeof label, "%s: a record is made", name);
	CHECK(label, postrecord_put(&b, p, kind, held) == 0);
	post *q = NULL;
	snprintf(label, sizeof label, "%s: read back", name);
	CHECK(label, postrecord_get(b.data, b.len, a, path, &doc, &q, &kind2,
	    back) == 0);
	snprintf(label, sizeof label, "%s: every field the same", name);
	CHECK(label, kind == kind2 && same_post(p, q));
	snprintf(label, sizeof label, "%s: the same messages (%d)", name,
	    want_msgs);
	char *m1 = all_messages(held), *m2 = all_messages(back);
	CHECK(label, messages(held) == want_msgs && !strcmp(m1, m2) &&
	    diag_errors(back) == diag_errors(held));
	free(m1);
	free(m2);
	/* Cut short anywhere, or with a byte changed in its numbers: no
	 * post, no message. */
	int refused = 1;
	for (size_t cut = 0; cut < b.len; cut++) {
		diag *none = diag_new_held();
		post *r = NULL;
		if (postrecord_get(b.data, cut, a, path, &doc, &r, &kind2,
		    none) == 0 || messages(none))
			refused = 0;
		diag_free(none);
	}
	snprintf(label, sizeof label, "%s: a record cut short is refused",
	    name);
	CHECK(label, refused);
	b.data[0] ^= 0x40;
	diag *none = diag_new_held();
	snprintf(label, sizeof label, "%s: another format is refused", name);
	CHECK(label, postrecord_get(b.data, b.len, a, path, &doc, &q, &kind2,
	    none) != 0 && !messages(none));
	diag_free(none);
	buf_free(&b);
	diag_free(held);
	diag_free(back);
	arena_free(a);
}

int main(void)
{
	date_set_zone("Europe/Helsinki");
	S.base_path = "/lape/";
	S.p_events = "tapahtumat";
	S.timezone = "Europe/Helsinki";

	round_trip("a post with every field",
	    "content/blogi/2018/2018-03-01-ilta.md",
	    "---\ntitle: Ilta\ndate: 2018-03-01 23:30\nupdated: 2018-03-02\n"
	    "publishdate: 2018-03-03 klo 12\nexpirydate: 2019-01-01\n"
	    "author: Maija\ndraft: kyllä\nimage: kuva.jpg\n"
	    "aliases: [/lape/vanha/ilta/, vanha/toinen/]\n---\nTeksti.\n", 0);
	round_trip("a slug and a number as the title", "content/uutiset/x.md",
	    "---\ntitle: 2018\ndate: 2018-03-25\nslug: oma-osoite\n---\n", 0);
	round_trip("the front page", "content/index.md",
	    "---\ntitle: Etusivu\n---\nHei.\n", 0);
	round_trip("a section's index", "content/blogi/index.md",
	    "---\ntitle: Blogi\n---\n", 0);
	round_trip("a page", "content/tietoa.md", "---\ntitle: Tietoa\n---\n",
	    0);
	round_trip("an event file", "content/tapahtumat/messut.md",
	    "---\ntitle: Messut\nstart: 2018-06-10\n---\n", 0);
	round_trip("refusals", "content/blogi/huono.md",
	    "---\ntitle: [1, 2]\ndate: 31.2.2018\nslug: Huono Osoite\n"
	    "aliases: [\"/a b/\", 5]\nimage: \"javascript:x\"\n---\n", 5);

	/* The key: each setting load_local reads changes it. */
	hash128 k = postrecord_key(&S);
	site t = S;
	t.base_path = "/toinen/";
	CHECK("key: the base path is in it", !hash_eq(k, postrecord_key(&t)));
	t = S;
	t.p_events = "menot";
	CHECK("key: the events' folder is in it",
	    !hash_eq(k, postrecord_key(&t)));
	t = S;
	t.timezone = "America/New_York";
	CHECK("key: the time zone is in it", !hash_eq(k, postrecord_key(&t)));
	t = S;
	t.hist = (history *)&t;
	CHECK("key: a history or none is in it",
	    !hash_eq(k, postrecord_key(&t)));
	t = S;
	t.title = "Toinen";
	t.paginate = 7;
	CHECK("key: settings load_local does not read are not",
	    hash_eq(k, postrecord_key(&t)));
	CHECK_DONE();
}
