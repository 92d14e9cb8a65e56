/* utf8: validation, positions, XML characters, decoding. */
#include "check.h"
#include "parse/utf8.h"

/* utf8_html_span's meaning, a character at a time. */
static size_t span_ref(const char *s, size_t len, int mode)
{
	size_t i = 0;
	while (i < len) {
		unsigned cp;
		size_t k = utf8_next(s + i, len - i, &cp);
		if (!utf8_valid(s + i, k, NULL) || (cp >= 0x80 &&
		    !utf8_html_char(cp)))
			break;
		if (mode == UTF8_SPAN_XML && !utf8_xml_char(cp))
			break;
		if (cp < 0x80 && mode == UTF8_SPAN_CDATA ? !((cp >= 0x20 &&
		    cp != '>') || cp == '\t' || cp == '\n' || cp == '\r') :
		    cp < 0x80 && (!utf8_html_char(cp) ||
		    ((mode == UTF8_SPAN_TEXT || mode == UTF8_SPAN_XML) &&
		    (cp == '&' || cp == '<' ||
		    cp == '>' || cp == '"' || cp == '\''))))
			break;
		i += k;
	}
	return i;
}

static int valid(const char *s, size_t len, size_t *bad)
{
	*bad = (size_t)-1;
	return utf8_valid(s, len, bad);
}

int main(void)
{
	size_t bad;

	CHECK("empty is valid", valid("", 0, &bad) == 1);
	CHECK("ascii is valid", valid("abc\n", 4, &bad) == 1);
	CHECK("finnish is valid", valid("Mitä tehdään? Åö", 19, &bad) == 1);
	CHECK("nul byte is valid", valid("a\0b", 3, &bad) == 1);
	CHECK("3-byte euro is valid", valid("\xe2\x82\xac", 3, &bad) == 1);
	CHECK("4-byte emoji is valid", valid("\xf0\x9f\x98\x80", 4, &bad));
	CHECK("U+10FFFF is valid", valid("\xf4\x8f\xbf\xbf", 4, &bad));
	CHECK("U+D7FF is valid", valid("\xed\x9f\xbf", 3, &bad));
	CHECK("U+E000 is valid", valid("\xee\x80\x80", 3, &bad));
	CHECK("bad may be NULL", utf8_valid("\xff", 1, NULL) == 0);
	/* Runs of ASCII are checked eight bytes at a time: bad bytes in,
	 * after and at the end of such runs. */
	CHECK("long ascii is valid",
	    valid("0123456789abcdef0123456789abcdef!", 33, &bad) == 1);
	CHECK("a bad byte after 16 ascii bytes",
	    valid("0123456789abcdef\xffxyz", 20, &bad) == 0 && bad == 16);
	CHECK("a bad byte in the middle of a word of eight",
	    valid("01234567012\x80" "4567", 16, &bad) == 0 && bad == 11);
	CHECK("a truncated sequence at the very end",
	    valid("0123456789abcde\xc3", 16, &bad) == 0 && bad == 15);
	CHECK("a long run then finnish",
	    valid("0123456789abcdefMitä tehdään?", 31, &bad) == 1);

	CHECK("overlong 2-byte slash",
	    valid("ab\xc0\xaf", 4, &bad) == 0 && bad == 2);
	CHECK("overlong C1", valid("\xc1\xbf", 2, &bad) == 0 && bad == 0);
	CHECK("overlong 3-byte",
	    valid("x\xe0\x80\xaf", 4, &bad) == 0 && bad == 1);
	CHECK("overlong 4-byte",
	    valid("\xf0\x80\x80\xaf", 4, &bad) == 0 && bad == 0);
	CHECK("surrogate D800",
	    valid("ok\xed\xa0\x80", 5, &bad) == 0 && bad == 2);
	CHECK("surrogate DFFF", valid("\xed\xbf\xbf", 3, &bad) == 0);
	CHECK("above U+10FFFF (F4 90)",
	    valid("\xf4\x90\x80\x80", 4, &bad) == 0 && bad == 0);
	CHECK("F5 lead byte", valid("\xf5\x80\x80\x80", 4, &bad) == 0);
	CHECK("FF byte", valid("a\xff", 2, &bad) == 0 && bad == 1);
	CHECK("truncated 2-byte at end",
	    valid("abc\xc3", 4, &bad) == 0 && bad == 3);
	CHECK("truncated 3-byte at end",
	    valid("\xe2\x82", 2, &bad) == 0 && bad == 0);
	CHECK("truncated 4-byte before ascii",
	    valid("\xf0\x9f\x98z", 4, &bad) == 0 && bad == 0);
	CHECK("len cuts a character",
	    valid("\xc3\xa4", 1, &bad) == 0 && bad == 0);
	CHECK("stray continuation",
	    valid("a\x80", 2, &bad) == 0 && bad == 1);
	CHECK("latin-1 ä is not UTF-8",
	    valid("p\xe4iv\xe4", 5, &bad) == 0 && bad == 1);

	int line, col;
	const char *t = "ab\näö x\n\nz";
	size_t tl = strlen(t);
	utf8_position(t, tl, 0, &line, &col);
	CHECK("position start", line == 1 && col == 1);
	utf8_position(t, tl, 2, &line, &col);
	CHECK("position at newline", line == 1 && col == 3);
	utf8_position(t, tl, 3, &line, &col);
	CHECK("position line 2", line == 2 && col == 1);
	utf8_position(t, tl, 8, &line, &col);  /* 'x' after ä ö and space */
	CHECK("position counts characters", line == 2 && col == 4);
	utf8_position(t, tl, 10, &line, &col);
	CHECK("position empty line", line == 3 && col == 1);
	utf8_position(t, tl, 11, &line, &col);
	CHECK("position last line", line == 4 && col == 1);
	utf8_position(t, tl, 999, &line, &col);
	CHECK("position past end is clamped", line == 4 && col == 2);

	CHECK("xml tab", utf8_xml_char(0x9));
	CHECK("xml lf", utf8_xml_char(0xA));
	CHECK("xml cr", utf8_xml_char(0xD));
	CHECK("xml space", utf8_xml_char(0x20));
	CHECK("xml nul is out", !utf8_xml_char(0x0));
	CHECK("xml vt is out", !utf8_xml_char(0xB));
	CHECK("xml 0x1f is out", !utf8_xml_char(0x1F));
	CHECK("xml ä", utf8_xml_char(0xE4));
	CHECK("xml D7FF", utf8_xml_char(0xD7FF));
	CHECK("xml surrogate out", !utf8_xml_char(0xD800));
	CHECK("xml E000", utf8_xml_char(0xE000));
	CHECK("xml FFFD", utf8_xml_char(0xFFFD));
	CHECK("xml FFFE out", !utf8_xml_char(0xFFFE));
	CHECK("xml FFFF out", !utf8_xml_char(0xFFFF));
	CHECK("xml 10000", utf8_xml_char(0x10000));
	CHECK("xml 10FFFF", utf8_xml_char(0x10FFFF));
	CHECK("xml 110000 out", !utf8_xml_char(0x110000));

	unsigned cp;
	CHECK("decode ascii", utf8_decode("a", &cp) == 1 && cp == 'a');
	CHECK("decode ä", utf8_decode("ä", &cp) == 2 && cp == 0xE4);
	CHECK("decode euro", utf8_decode("€", &cp) == 3 && cp == 0x20AC);
	CHECK("decode emoji",
	    utf8_decode("\xf0\x9f\x98\x80", &cp) == 4 && cp == 0x1F600);
	CHECK("decode stops at NUL",
	    utf8_decode("\xe2\x82", &cp) == 1 && cp == 0xFFFD);
	CHECK("next bad byte",
	    utf8_next("\xff" "a", 2, &cp) == 1 && cp == 0xFFFD);
	CHECK("next truncated",
	    utf8_next("\xc3\xa4", 1, &cp) == 1 && cp == 0xFFFD);
	CHECK("next empty", utf8_next("", 0, &cp) == 0);
	CHECK("next ö", utf8_next("ö!", 3, &cp) == 2 && cp == 0xF6);

	/* What HTML forbids, blanked byte for byte. */
	CHECK("html: tab, LF, FF, CR, ä allowed", utf8_html_char('\t') &&
	    utf8_html_char('\n') && utf8_html_char('\f') &&
	    utf8_html_char('\r') && utf8_html_char(0xE4));
	CHECK("html: C0, DEL, C1, noncharacters refused",
	    !utf8_html_char(1) && !utf8_html_char(0x7F) &&
	    !utf8_html_char(0x85) && !utf8_html_char(0xFFFE) &&
	    !utf8_html_char(0xFFFF) && !utf8_html_char(0xFDD0) &&
	    !utf8_html_char(0x1FFFF));
	{
		char tx[] = "a\001b\x7f\xc2\x85" "c\xef\xbf\xbe\xf0\x9f\xbf"
		    "\xbf\xc3\xa4";
		size_t len = sizeof tx - 1;
		CHECK("html bad: the first", utf8_html_bad(tx, len) == 1 &&
		    utf8_html_bad("ok\xc3\xa4", 4) == 4);
		CHECK("html strip: length", utf8_html_strip(tx, len) == 5);
		CHECK_STR("html strip: what is left", tx, "abc\xc3\xa4");
	}
	/* The fast span agrees with the slow definition on random text of
	 * the bytes where it could go wrong, in and around 8-byte words. */
	{
		static const unsigned char pick[] = {0xE1, 0xEC, 0xE3,
		    'a', ' ', '&', '<', '>',
		    '"', '\'', '\t', '\n', '\f', '\r', 0x01, 0x0B, 0x1F,
		    0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xA4, 0xBF, 0xBE, 0xC2,
		    0xC3, 0xDF, 0xE0, 0xE2, 0xED, 0xEE, 0xEF, 0xB7, 0x90,
		    0xF0, 0xF4, 0xF5, 0xFF, 0x00};
		unsigned long long x = 2018;
		int same = 1;
		for (int round = 0; round < 200000 && same; round++) {
			unsigned char b[40];
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t len = (size_t)(x >> 59) + (size_t)(x >> 62) * 3;
			for (size_t i = 0; i < len; i++) {
				x = x * 6364136223846793005ULL + 1;
				/* mostly plain letters, as in real text */
				b[i] = (x >> 60) < 9 ? 'a' + (x >> 60) :
				    pick[(x >> 33) % sizeof pick];
			}
			for (int mode = UTF8_SPAN_HTML;
			    mode <= UTF8_SPAN_XML; mode++)
				if (utf8_html_span((char *)b, len, mode) !=
				    span_ref((char *)b, len, mode))
					same = 0;
		}
		CHECK("html span: as the slow definition", same);
		/* Longer text, as a page's: letters, ä and ö, rarely one of
		 * the bytes above, so that the 16-byte blocks of the SSE2 path
		 * pass whole and stop at every place in a block, with pairs
		 * split between two blocks; every start of the text too. */
		x = 2019;
		for (int round = 0; round < 20000 && same; round++) {
			unsigned char b[128];   /* len below: up to 127 */
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t len = (size_t)(x >> 57);
			for (size_t i = 0; i < len; i++) {
				x = x * 6364136223846793005ULL + 1;
				unsigned r = (unsigned)(x >> 56);
				b[i] = r < 200 ? 'a' + r % 26 : r < 240 &&
				    i + 1 < len ? 0xC3 : r < 250 ? ' ' :
				    pick[(x >> 33) % sizeof pick];
				if (b[i] == 0xC3 && r < 240) {
					b[++i] = r & 1 ? 0xA4 : 0xB6;
				}
			}
			for (size_t from = 0; from < len && same; from++)
				for (int mode = UTF8_SPAN_HTML;
				    mode <= UTF8_SPAN_XML; mode++)
					if (utf8_html_span((char *)b + from,
					    len - from, mode) != span_ref(
					    (char *)b + from, len - from, mode))
						same = 0;
		}
		CHECK("html span: long text as the slow definition", same);
		/* utf8_valid and where it stops, against a character at a
		 * time (utf8_next, U+FFFD for what is not well-formed), on
		 * the same kind of text with every start. */
		x = 2020;
		for (int round = 0; round < 20000 && same; round++) {
			unsigned char b[128];   /* len below: up to 127 */
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			size_t len = (size_t)(x >> 57);
			for (size_t i = 0; i < len; i++) {
				x = x * 6364136223846793005ULL + 1;
				unsigned r = (unsigned)(x >> 56);
				b[i] = r < 200 ? 'a' + r % 26 : r < 240 &&
				    i + 1 < len ? 0xC0 + r % 32 : r < 250 ?
				    ' ' : pick[(x >> 33) % sizeof pick];
				if (b[i] >= 0xC0 && b[i] <= 0xDF && r < 240)
					b[++i] = 0x80 + r % 64;
			}
			for (size_t from = 0; from < len && same; from++) {
				size_t at = from, fast_bad = 0;
				while (at < len) {
					unsigned c;
					size_t k = utf8_next((char *)b + at,
					    len - at, &c);
					if (c == 0xFFFD && !(k == 3 &&
					    b[at] == 0xEF && b[at + 1] == 0xBF &&
					    b[at + 2] == 0xBD))
						break;
					at += k;
				}
				int ok = utf8_valid((char *)b + from, len - from,
				    &fast_bad);
				if (ok != (at == len) || (!ok &&
				    fast_bad != at - from))
					same = 0;
			}
		}
		CHECK("valid: long text as a character at a time", same);
		x = 17;
		same = 1;
		for (int round = 0; round < 20000 && same; round++) {
			unsigned char b[40];
			size_t len = (size_t)(round % 40), slow = 0;
			for (size_t i = 0; i < len; i++) {
				x = x * 6364136223846793005ULL + 1;
				b[i] = pick[(x >> 33) % sizeof pick];
				slow += (b[i] & 0xC0) != 0x80;
			}
			if (utf8_count((char *)b, len) != slow)
				same = 0;
		}
		x = 99;
		int graph = 1;
		for (int round = 0; round < 20000 && graph; round++) {
			unsigned char b[40];
			size_t len = (size_t)(round % 40), slow = 0;
			for (size_t i = 0; i < len; i++) {
				x = x * 6364136223846793005ULL + 1;
				b[i] = (x >> 60) < 12 ? '!' + (x >> 57) % 90 :
				    pick[(x >> 33) % sizeof pick];
			}
			while (slow < len && b[slow] > 0x20 && b[slow] < 0x80)
				slow++;
			if (utf8_graph_span((char *)b, len) != slow)
				graph = 0;
		}
		CHECK("graph span: to the first space, control or byte from "
		    "0x80", graph && utf8_graph_span("sana\x7f sana", 10) == 5);
		CHECK("count: characters, not continuation bytes", same &&
		    utf8_count("Mitä tehdään? Åö€", 24) == 17);
		CHECK("html span: Finnish text and a euro",
		    utf8_html_span("Mitä tehdään \xe2\x80\x93 \xe2\x82\xac", 23,
		    UTF8_SPAN_TEXT) == 23);
		CHECK("html span: stops at < with text, not without",
		    utf8_html_span("0123456789<b>", 13, UTF8_SPAN_TEXT) == 10 &&
		    utf8_html_span("0123456789<b>", 13, UTF8_SPAN_HTML) == 13);
		CHECK("html span: CDATA stops at > and FF, keeps DEL",
		    utf8_html_span("0123456789<b>", 13, UTF8_SPAN_CDATA) == 12 &&
		    utf8_html_span("0123456789\f", 11, UTF8_SPAN_CDATA) == 10 &&
		    utf8_html_span("0123456789\x7f", 11, UTF8_SPAN_CDATA) == 11);
		CHECK("html span: stops at C1, DEL, U+FFFE, a bad byte",
		    utf8_html_span("abcdefgh\xc2\x85", 10, UTF8_SPAN_HTML) == 8 &&
		    utf8_html_span("abcdefghij\x7f", 11, UTF8_SPAN_HTML) == 10 &&
		    utf8_html_span("ab\xef\xbf\xbe", 5, UTF8_SPAN_HTML) == 2 &&
		    utf8_html_span("abcdefghijk\xc3", 12, UTF8_SPAN_HTML) == 11);
	}
	CHECK_DONE();
}
