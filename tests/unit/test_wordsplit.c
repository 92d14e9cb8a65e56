/* wordsplit: a text's words for search (model/wordsplit.h), and the
 * table that numbers them, past many rehashes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/model/searchindex.h"
#include "../../src/model/wordsplit.h"
#include "check.h"

/* Word number k of the splitter's current document, or NULL. */
static const char *word_at(const wordsplit *w, size_t k, uint32_t *mask)
{
	if (k >= w->n)
		return NULL;
	*mask = w->cur[k] & ((1u << SEARCH_MASK_BITS) - 1);
	return w->dict.w[w->cur[k] >> SEARCH_MASK_BITS];
}

int main(void)
{
	/* The table: 20,000 words, numbered as they come, found again. */
	wordtab t = {0};
	arena *a = arena_new();
	char wbuf[32];
	int ok = 1;
	for (uint32_t i = 0; i < 20000 && ok; i++) {
		memset(wbuf, 0, sizeof wbuf);
		int n = snprintf(wbuf, sizeof wbuf, "sana%u", i);
		ok = wordtab_id(&t, wbuf, (uint32_t)n,
		    wordtab_hash(wbuf, (size_t)n), a) == i;
	}
	CHECK("wordtab: new words get the next number", ok && t.n == 20000);
	for (uint32_t i = 0; i < 20000 && ok; i += 7) {
		memset(wbuf, 0, sizeof wbuf);
		int n = snprintf(wbuf, sizeof wbuf, "sana%u", i);
		ok = wordtab_id(&t, wbuf, (uint32_t)n,
		    wordtab_hash(wbuf, (size_t)n), a) == i;
	}
	CHECK("wordtab: a word met again keeps its number", ok &&
	    t.n == 20000);
	wordtab_free(&t);
	arena_free(a);

	wordsplit ws;
	wordsplit_init(&ws);
	wordsplit_doc(&ws, 0);
	const char *html = "<h2>Kesän Päivä</h2><p>Päivä on &amp; "
	    "PITKÄ, kesän x ilta.</p>";
	wordsplit_text(&ws, html, strlen(html), 1, SEARCH_BODY);
	uint32_t m = 0;
	CHECK("wordsplit: five distinct words, the entity none", ws.n == 5);
	const char *w0 = word_at(&ws, 0, &m);
	CHECK("wordsplit: lowercased, two-byte letters too",
	    w0 && !strcmp(w0, "kesän"));
	CHECK("wordsplit: a word in a heading and the body has both",
	    m == (SEARCH_HEADING | SEARCH_BODY));
	const char *w2 = word_at(&ws, 2, &m);
	CHECK("wordsplit: entities separate words, one letter is no word",
	    w2 && !strcmp(w2, "on") && m == SEARCH_BODY);
	const char *w3 = word_at(&ws, 3, &m);
	CHECK("wordsplit: a long ASCII run with a two-byte letter",
	    w3 && !strcmp(w3, "pitkä"));
	/* A word past MORPH_MAX_WORD is dropped, one at it is kept. */
	char longw[MORPH_MAX_WORD + 8];
	memset(longw, 'a', sizeof longw);
	wordsplit_doc(&ws, 1);
	wordsplit_text(&ws, longw, MORPH_MAX_WORD + 1, 0, SEARCH_TITLE);
	CHECK("wordsplit: a word past the longest is dropped", ws.n == 0);
	wordsplit_text(&ws, longw, MORPH_MAX_WORD, 0, SEARCH_TITLE);
	const char *wl = word_at(&ws, 0, &m);
	CHECK("wordsplit: a word of the longest is kept", ws.n == 1 && wl &&
	    strlen(wl) == MORPH_MAX_WORD && m == SEARCH_TITLE);
	wordsplit_free(&ws);
	CHECK_DONE();
}
