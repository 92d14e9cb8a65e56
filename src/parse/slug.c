#include "slug.h"

#include <string.h>

#include "utf8.h"

/* Base letters of Latin Extended-A, U+0100..U+017F, one per code point;
 * '*' marks the two that become two letters (Ĳ ĳ, Œ œ). */
static const char ext_a[] =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh"
    "iiiiiiiiii" "**" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "**"
    "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";
_Static_assert(sizeof ext_a == 0x80 + 1, "one letter per code point");

/* Latin-1 letters, U+00C0..U+00FF, the capitals and small letters alike
 * (U+00D7 × and U+00F7 ÷ are not letters). */
static const char *const latin1[32] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",        /* À..Ç */
	"e", "e", "e", "e", "i", "i", "i", "i",         /* È..Ï */
	"d", "n", "o", "o", "o", "o", "o", NULL,        /* Ð..× */
	"o", "u", "u", "u", "u", "y", "th", "ss",       /* Ø..ß */
};

/* The ASCII letters a Latin letter stands for in a slug, lowercase, or
 * NULL when cp is not a letter saitti knows. */
static const char *translit(unsigned cp, char one[2])
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			one[1] = '\0';
			return one;
		}
		return NULL;
	}
	if (cp >= 0xC0 && cp <= 0xFF) {
		if (cp == 0xFF)
			return "y";     /* ÿ */
		return latin1[(cp - 0xC0) & 0x1F];
	}
	if (cp >= 0x100 && cp <= 0x17F) {
		if (cp == 0x132 || cp == 0x133)
			return "ij";
		if (cp == 0x152 || cp == 0x153)
			return "oe";
		one[0] = ext_a[cp - 0x100];
		one[1] = '\0';
		return one;
	}
	return NULL;
}

/* Combining diacritical marks: decomposed text ("a" + U+0308) spells the
 * same letters as composed text, so the marks are dropped, not turned
 * into '-'. */
static int combining(unsigned cp)
{
	return cp >= 0x300 && cp <= 0x36F;
}

char *slug_make(arena *a, const char *s, size_t len)
{
	/* Written in place: a letter gives at most as many bytes as it
	 * takes (ß → ss), and a '-' stands for at least one byte of
	 * non-letters, so the slug fits in len bytes. */
	char *r = arena_alloc(a, len + 1), *o = r;
	int dash = 0;
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		const char *t;
		size_t tl;
		char one[2];
		if (c < 0x80) {   /* most names: translit's ASCII part */
			i++;
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
				dash = 1;
				continue;
			}
			one[0] = (char)c;
			t = one;
			tl = 1;
		} else {
			unsigned cp;
			i += utf8_next(s + i, len - i, &cp);
			t = translit(cp, one);
			if (!t) {
				if (!combining(cp))
					dash = 1;
				continue;
			}
			tl = strlen(t);
		}
		if (dash && o > r)
			*o++ = '-';
		dash = 0;
		memcpy(o, t, tl);
		o += tl;
	}
	*o = '\0';
	return r;
}

/* Collation weights. Separators (spaces, punctuation) sort first, then
 * digits, then a..z, å, ä, ö, then everything else by code point. */
enum {
	W_SEP = 1,
	W_DIGIT = 10,
	W_A = 100,
	W_ARING = W_A + 26,
	W_AUML,
	W_OUML,
	W_OTHER = 200
};

/* The Finnish way (SFS 4600, and CLDR's fi): å ä ö are letters of their
 * own; æ sorts as ä, ø as ö, ü as y; other accented letters as their base
 * letter. */
static unsigned fi_letter(unsigned cp)
{
	switch (cp) {
	case 0xC5: case 0xE5:                   /* Å å */
		return W_ARING;
	case 0xC4: case 0xE4: case 0xC6: case 0xE6:     /* Ä ä Æ æ */
		return W_AUML;
	case 0xD6: case 0xF6: case 0xD8: case 0xF8:     /* Ö ö Ø ø */
		return W_OUML;
	case 0xDC: case 0xFC: case 0x170: case 0x171:   /* Ü ü Ű ű */
		return W_A + ('y' - 'a');
	}
	return 0;
}

/* A cursor over one string's weights. One character may give up to two
 * weights (ß → s s). */
struct wcur {
	const char *s;
	size_t len, i;
	unsigned pend[3];
	int npend, ipend;
};

/* Combines a base letter with a following combining mark the way
 * composed text would be: a/o + U+0308 → ä/ö, a + U+030A → å. */
static unsigned compose(unsigned base, unsigned mark)
{
	unsigned lower = base | 0x20;
	if (mark == 0x308 && lower == 'a')
		return 0xE4;
	if (mark == 0x308 && lower == 'o')
		return 0xF6;
	if (mark == 0x308 && lower == 'u')
		return 0xFC;
	if (mark == 0x30A && lower == 'a')
		return 0xE5;
	return base;
}

/* Next weight, or 0 at the end. */
static unsigned wnext(struct wcur *c)
{
	while (c->ipend == c->npend) {
		if (c->i >= c->len)
			return 0;
		unsigned cp;
		c->i += utf8_next(c->s + c->i, c->len - c->i, &cp);
		if (combining(cp))
			continue;       /* a mark with no letter before it */
		if (c->i < c->len && cp < 0x80) {
			unsigned mark;
			size_t n = utf8_next(c->s + c->i, c->len - c->i,
			    &mark);
			if (combining(mark)) {
				cp = compose(cp, mark);
				c->i += n;
			}
		}
		c->npend = c->ipend = 0;
		unsigned w = fi_letter(cp);
		char one[2];
		const char *t;
		if (w) {
			c->pend[c->npend++] = w;
		} else if ((t = translit(cp, one)) != NULL) {
			for (; *t && c->npend < 3; t++)
				c->pend[c->npend++] = *t >= 'a' ?
				    W_A + (unsigned)(*t - 'a') :
				    W_DIGIT + (unsigned)(*t - '0');
		} else if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 ||
		    (cp >= 0x2000 && cp <= 0x206F)) {
			/* ASCII and Latin-1 punctuation, spaces, controls,
			 * × ÷, and General Punctuation (dashes, quotes). */
			c->pend[c->npend++] = W_SEP;
		} else {
			c->pend[c->npend++] = W_OTHER + cp;
		}
	}
	return c->pend[c->ipend++];
}

int slug_collate_fi(const char *a, const char *b)
{
	struct wcur ca = {a, strlen(a), 0, {0}, 0, 0};
	struct wcur cb = {b, strlen(b), 0, {0}, 0, 0};
	for (;;) {
		unsigned wa = wnext(&ca), wb = wnext(&cb);
		if (wa != wb)
			return wa < wb ? -1 : 1;
		if (wa == 0)
			break;
	}
	int r = strcmp(a, b);
	return (r > 0) - (r < 0);
}

size_t slug_longest_part(const char *path)
{
	size_t longest = 0;
	while (*path) {
		size_t n = strcspn(path, "/");
		if (n > longest)
			longest = n;
		path += n;
		if (*path == '/')
			path++;
	}
	return longest;
}

void slug_cut(char *slug, size_t max)
{
	size_t n = strlen(slug);
	if (n <= max)
		return;
	while (max > 1 && slug[max - 1] == '-')
		max--;
	slug[max] = '\0';
}

char *slug_make_tag(arena *a, const char *s, size_t len)
{
	/* At most " plus" (5 bytes) for each byte. */
	char *t = arena_alloc(a, len * 6 + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i], prev = i ? s[i - 1] : ' ';
		int after = (prev >= 'a' && prev <= 'z') ||
		    (prev >= 'A' && prev <= 'Z') ||
		    (prev >= '0' && prev <= '9') ||
		    (unsigned char)prev >= 0x80 || prev == '+';
		if ((c == '+' || c == '#') && after) {
			const char *w = c == '+' ? " plus" : " sharp";
			memcpy(t + n, w, strlen(w));
			n += strlen(w);
		} else {
			t[n++] = c;
		}
	}
	t[n] = '\0';
	return slug_make(a, t, n);
}
