#include "fmkeys.h"

#include <stdio.h>
#include <string.h>

#include "../core/i18n.h"

/* Keys saitti itself reads or the default theme shows: the ones "did you
 * mean" may suggest. */
static const char *const own_keys[] = {
	"title", "date", "updated", "author", "draft", "slug", "summary",
	"description", "tags", "image", "image_alt", "aliases", "events",
	"start", "end", "location", "address", "region", "organizer", "url",
	"cancelled",
};

/* Fields of Jekyll and Hugo front matter that saitti accepts without a
 * word: an imported post keeps them, and the importer maps some. Lower
 * case; append new ones here. */
static const char *const foreign_keys[] = {
	"layout", "comments", "toc", "permalink", "categories", "category",
	"excerpt", "lastmod", "publishdate", "expirydate", "weight", "type",
	"keywords", "series", "menu", "images", "featured_image",
	"featured_image_alt", "authors", "published", "sitemap", "canonical",
	"cover", "thumbnail", "hidden", "linktitle", "headless", "outputs",
	"resources", "markup", "translationkey", "iscjklanguage", "lang",
	"redirect_from", "redirect_to", "excerpt_separator", "math",
	"share", "tags_weight", "audio", "videos", "subtitle", "banner",
	"header", "nav_order", "parent", "has_children", "robots", "noindex",
};

/* Words writers use for a key, in Finnish and Swedish (lower case). */
static const struct {
	const char *word, *key;
} synonyms[] = {
	{"otsikko", "title"}, {"nimi", "title"}, {"rubrik", "title"},
	{"päivämäärä", "date"}, {"pvm", "date"}, {"päivä", "date"},
	{"päiväys", "date"}, {"datum", "date"},
	{"päivitetty", "updated"}, {"muokattu", "updated"},
	{"uppdaterad", "updated"},
	{"kirjoittaja", "author"}, {"tekijä", "author"},
	{"julkaisija", "author"}, {"författare", "author"},
	{"luonnos", "draft"}, {"utkast", "draft"},
	{"kuvaus", "summary"}, {"tiivistelmä", "summary"},
	{"ingressi", "summary"}, {"johdanto", "summary"},
	{"sammanfattning", "summary"}, {"ingress", "summary"},
	{"tunnisteet", "tags"}, {"avainsanat", "tags"}, {"asiasanat", "tags"},
	{"tagit", "tags"}, {"taggar", "tags"}, {"tag", "tags"},
	{"kuva", "image"}, {"bild", "image"},
	{"kuvateksti", "image_alt"}, {"alt", "image_alt"},
	{"alku", "start"}, {"alkaa", "start"}, {"alkamisaika", "start"},
	{"begin", "start"}, {"börjar", "start"},
	{"loppu", "end"}, {"päättyy", "end"}, {"loppuu", "end"},
	{"päättymisaika", "end"}, {"slut", "end"}, {"slutar", "end"},
	{"paikka", "location"}, {"sijainti", "location"},
	{"tapahtumapaikka", "location"}, {"plats", "location"},
	{"place", "location"}, {"venue", "location"},
	{"osoite", "address"}, {"katuosoite", "address"}, {"adress", "address"},
	{"alue", "region"}, {"maakunta", "region"},
	{"hyvinvointialue", "region"},
	{"region", "region"}, {"landskap", "region"},
	{"järjestäjä", "organizer"}, {"arrangör", "organizer"},
	{"organiser", "organizer"},
	{"linkki", "url"}, {"länk", "url"}, {"link", "url"},
	{"peruttu", "cancelled"}, {"peruutettu", "cancelled"},
	{"inställd", "cancelled"}, {"canceled", "cancelled"},
	{"tapahtumat", "events"}, {"evenemang", "events"},
};

/* ASCII letters lower-cased; other bytes (ä, ö) as they are. */
static void lower(char *out, size_t cap, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < cap; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20) :
		    s[i];
	out[i] = '\0';
}

static int in(const char *const *list, size_t n, const char *low)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], low))
			return 1;
	return 0;
}

#define COUNT(a) (sizeof (a) / sizeof *(a))

int fmkeys_known(const char *key)
{
	char low[64];
	if (strlen(key) >= sizeof low)
		return 0;
	lower(low, sizeof low, key);
	return in(own_keys, COUNT(own_keys), low) ||
	    in(foreign_keys, COUNT(foreign_keys), low);
}

/* Edit distance with swaps of two neighbours (loaction → location is
 * one), for keys of at most 31 bytes; larger gives a big number. */
static size_t distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 31 || m > 31)
		return 99;
	size_t d[32][32];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

const char *fmkeys_suggest(const char *key)
{
	char low[64];
	if (strlen(key) >= sizeof low)
		return NULL;
	lower(low, sizeof low, key);
	for (size_t i = 0; i < COUNT(synonyms); i++)
		if (!strcmp(synonyms[i].word, low))
			return synonyms[i].key;
	/* A near spelling: one slip in a short key, two in a longer one. */
	const char *best = NULL;
	size_t bestd = strlen(low) <= 4 ? 1 : 2;
	for (size_t i = 0; i < COUNT(own_keys); i++) {
		size_t dd = distance(low, own_keys[i]);
		if (dd <= bestd && (!best || dd < distance(low, best)))
			best = own_keys[i];
	}
	return best;
}

/* The start of line (1-based) in text, or NULL. */
static const char *line_start(const char *text, size_t len, int line)
{
	const char *p = text, *end = text + len;
	for (int l = 1; l < line; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			return NULL;
		p++;
	}
	return p;
}

/* Where the key stands on the value's line: its column (1-based), else 1. */
static int key_col(const char *text, size_t len, const value *v,
    const char *key)
{
	const char *s = text ? line_start(text, len, v->line) : NULL;
	if (!s)
		return 1;
	const char *e = memchr(s, '\n', len - (size_t)(s - text));
	size_t n = e ? (size_t)(e - s) : len - (size_t)(s - text);
	size_t k = strlen(key);
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(s + i, key, k))
			return (int)i + 1;
	return 1;
}

/* `key: words #more`: a plain value cut short by a comment. */
static int comment_cut(const char *file, const char *key, const value *v,
    const char *text, size_t len, diag *d)
{
	if (!text || v->kind != VAL_STR || v->line <= 0 || v->col <= 0)
		return 0;
	const char *s = line_start(text, len, v->line);
	if (!s)
		return 0;
	const char *end = text + len, *eol = memchr(s, '\n',
	    (size_t)(end - s));
	if (!eol)
		eol = end;
	/* The column counts characters: walk them to the value. */
	const char *p = s;
	for (int c = 1; c < v->col && p < eol; c++) {
		p++;
		while (p < eol && ((unsigned char)*p & 0xC0) == 0x80)
			p++;
	}
	size_t n = v->u.str.len;
	if (p + n > eol || memcmp(p, v->u.str.s, n) != 0 || *p == '"' ||
	    *p == '\'')
		return 0;
	const char *q = p + n;
	if (q >= eol || (*q != ' ' && *q != '\t'))
		return 0;
	while (q < eol && (*q == ' ' || *q == '\t'))
		q++;
	if (q >= eol || *q != '#')
		return 0;
	const char *rest_end = eol;
	if (rest_end > q && rest_end[-1] == '\r')
		rest_end--;
	int has_dq = memchr(p, '"', (size_t)(rest_end - p)) != NULL;
	/* TRANSLATORS: a key (title), its value as read, then the line to
	 * write instead, like title: "Kevään tapahtumat #LAPE". */
	diag_warn(d, file, v->line, v->col, _("the text after ' #' is read as "
	    "a comment and left out, so %s is only '%s': to keep it, put the "
	    "whole value in quotes, like %s: %c%.*s%c"), key, v->u.str.s, key,
	    has_dq ? '\'' : '"', (int)(rest_end - p), p, has_dq ? '\'' : '"');
	return 1;
}

static int check_map(const char *file, const value *meta, const char *text,
    size_t len, diag *d)
{
	int n = 0;
	for (size_t i = 0; i < meta->u.map.len; i++) {
		const char *key = meta->u.map.items[i].key;
		const value *v = meta->u.map.items[i].val;
		if (!fmkeys_known(key)) {
			const char *s = fmkeys_suggest(key);
			int col = key_col(text, len, v, key);
			if (s)
				/* TRANSLATORS: what was written, then the
				 * key saitti reads (location). */
				diag_warn(d, file, v->line, col, _("saitti "
				    "does not use the key '%s', so it is left "
				    "out: did you mean %s:?"), key, s);
			else
				diag_warn(d, file, v->line, col, _("saitti "
				    "does not use the key '%s', so it is left "
				    "out: check the spelling (the writer's "
				    "guide lists the keys)"), key);
			n++;
			continue;
		}
		n += comment_cut(file, key, v, text, len, d);
		if (!strcmp(key, "events") && v->kind == VAL_LIST)
			for (size_t j = 0; j < v->u.list.len; j++)
				if (v->u.list.items[j]->kind == VAL_MAP)
					n += check_map(file, v->u.list.items[j],
					    text, len, d);
	}
	const value *img = val_map_get(meta, "image");
	const value *alt = val_map_get(meta, "image_alt");
	if (img && img->kind == VAL_STR && img->u.str.len &&
	    (!alt || alt->kind != VAL_STR || !alt->u.str.len)) {
		diag_warn(d, file, img->line, img->col, _("the image has no "
		    "text for readers who cannot see it: add a line image_alt: "
		    "\"what the picture shows\""));
		n++;
	}
	return n;
}

int fmkeys_check(const char *file, const value *meta, const char *text,
    size_t len, diag *d)
{
	if (!meta || meta->kind != VAL_MAP)
		return 0;
	return check_map(file, meta, text, len, d);
}
