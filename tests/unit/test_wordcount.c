/* wordcount: the fast count agrees with the definition, a character at a
 * time by code point, on random text of the characters where it could go
 * wrong, whole and in pieces. */
#include <string.h>

#include "check.h"
#include "parse/utf8.h"
#include "parse/wordcount.h"

/* 1: a space, 0: neither, -1: a letter, by the definition (wordcount.h). */
static int cp_class(unsigned cp)
{
	if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
		return 1;
	if (cp < 0x80)
		return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
		    (cp >= '0' && cp <= '9') ? -1 : 0;
	if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000)
		return 1;
	if ((cp >= 0xA1 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x207F))
		return 0;
	return -1;
}

static size_t slow(const char *s, size_t n, int *in)
{
	size_t words = 0;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_next(s + i, n - i, &cp);
		int c = cp_class(cp);
		if (c > 0)
			*in = 0;
		else if (c < 0 && !*in) {
			*in = 1;
			words++;
		}
		i += k;
	}
	return words;
}

int main(void)
{
	int in = 0;
	CHECK("wordcount: none in nothing", wordcount("", 0, &in) == 0 &&
	    !in);
	CHECK("wordcount: e-mail is one, a dash alone none",
	    wordcount("e-mail \xe2\x80\x93 sana", 16, &in) == 2 && in);
	in = 0;
	CHECK("wordcount: no-break and em space end a word, \xc2\xbb does not",
	    wordcount("a\xc2\xa0" "b\xe2\x80\x83" "c \xc2\xbb" "d\xc2\xbb", 13,
	    &in) == 4);
	in = 1;
	CHECK("wordcount: a word going on from the text before",
	    wordcount("jatkuu sana", 11, &in) == 1);

	/* Mostly letters and spaces, as a page's text, so that the 16-byte
	 * blocks pass whole, with every kind of character between. */
	static const char *const pick[] = {"a", "K", "7", " ", " ", "\xc3\xa4",
	    "\xc3\xb6", "\xc3\x85", "\xdf\xbf", ".", ",", "-", "(", "\"", "\n",
	    "\t", "\v", "\x01", "\x7f", "\xc2\xa0", "\xc2\xbb", "\xc2\xa1",
	    "\xe2\x80\x93", "\xe2\x80\x83", "\xe2\x80\x8b", "\xe2\x80\xaf",
	    "\xe2\x81\x9f", "\xe2\x81\xa0", "\xe3\x80\x80", "\xe2\x82\xac",
	    "\xf0\x9f\x98\x80", "\xc2\x85", "\xe3\x81\x82"};
	unsigned long long x = 2018;
	int same = 1;
	for (int round = 0; round < 20000 && same; round++) {
		char b[600];   /* up to 127 characters of 4 bytes */
		size_t len = 0;
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t chars = (size_t)(x >> 57);
		int rare = (int)(x >> 40) % 8;   /* some texts: letters only */
		for (size_t c = 0; c < chars; c++) {
			x = x * 6364136223846793005ULL + 1;
			unsigned r = (unsigned)(x >> 56);
			const char *p = r < 150 ? "s" : r < 200 ? " " :
			    r < 225 || !rare ? "\xc3\xa4" :
			    pick[(x >> 33) % (sizeof pick / sizeof *pick)];
			size_t k = strlen(p);
			memcpy(b + len, p, k);
			len += k;
		}
		for (int start = 0; start < 2 && same; start++) {
			int in_fast = start, in_slow = start;
			if (wordcount(b, len, &in_fast) != slow(b, len,
			    &in_slow) || in_fast != in_slow)
				same = 0;
			/* In two pieces, cut between characters. */
			size_t cut = len / 3;
			while (cut < len && ((unsigned char)b[cut] & 0xC0) ==
			    0x80)
				cut++;
			in_fast = start;
			in_slow = start;
			size_t fast = wordcount(b, cut, &in_fast);
			fast += wordcount(b + cut, len - cut, &in_fast);
			if (fast != slow(b, len, &in_slow) || in_fast != in_slow)
				same = 0;
		}
	}
	CHECK("wordcount: as the definition, a character at a time", same);
	CHECK_DONE();
}
