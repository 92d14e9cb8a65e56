#include "importsite.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../core/i18n.h"
#include "../parse/date.h"
#include "../parse/json.h"
#include "../parse/toml.h"
#include "../parse/yaml.h"

/* A key of a map, whatever its case (Hugo's baseURL, languageCode). */
static value *get_ci(const value *map, const char *key)
{
	if (!map || map->kind != VAL_MAP)
		return NULL;
	for (size_t i = 0; i < map->u.map.len; i++)
		if (!strcasecmp(map->u.map.items[i].key, key))
			return map->u.map.items[i].val;
	return NULL;
}

static const char *str_ci(const value *map, const char *key)
{
	return val_as_str(get_ci(map, key));
}

const char *importsite_str(const importsite *s, const char *key)
{
	return str_ci(s->cfg, key);
}

/* Config files are small; a bigger one is refused. */
#define IMPORTSITE_MAX (1u << 20)

static int read_all(arena *a, const char *path, const char **text,
    size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char *t = arena_alloc(a, IMPORTSITE_MAX + 1);
	size_t n = fread(t, 1, IMPORTSITE_MAX + 1, f);
	int bad = ferror(f) || n > IMPORTSITE_MAX;
	fclose(f);
	t[n > IMPORTSITE_MAX ? IMPORTSITE_MAX : n] = '\0';
	*text = t;
	*len = n;
	return bad ? -1 : 0;
}

static int has_ext(const char *s, const char *ext)
{
	size_t n = strlen(s), e = strlen(ext);
	return n > e && !strcmp(s + n - e, ext);
}

int importsite_read(importsite *I, const char *src, diag *d)
{
	static const char *const hugo_names[] = {"hugo.toml", "hugo.yaml",
	    "hugo.json", "config.toml", "config.yaml", "config.json", NULL};
	const char *name = "_config.yml";
	for (int i = 0; I->hugo && hugo_names[i]; i++) {
		name = hugo_names[i];
		if (access(arena_printf(I->a, "%s/%s", src, name), R_OK) == 0)
			break;
	}
	const char *text;
	size_t len;
	if (read_all(I->a, arena_printf(I->a, "%s/%s", src, name), &text,
	    &len) != 0) {
		diag_error(d, name, 0, 0, _("missing: is SRC a %s site?"),
		    I->hugo ? "Hugo" : "Jekyll");
		return -1;
	}
	size_t used;
	I->cfg = has_ext(name, ".toml") ? toml_parse(I->a, name, text, len, 0,
	    d) : has_ext(name, ".json") ? json_parse(I->a, name, text, len,
	    &used, d) : yaml_parse(I->a, name, text, len, 0, d);
	if (!I->cfg)
		return -1;
	if (I->cfg->kind != VAL_MAP)
		I->cfg = val_map(I->a);
	I->style = str_ci(I->cfg, "permalink");
	I->permalinks = get_ci(I->cfg, "permalinks");
	value *au = get_ci(I->cfg, "author");
	if (!au)
		au = get_ci(get_ci(I->cfg, "params"), "author");
	I->author = au && au->kind == VAL_MAP ? str_ci(au, "name") :
	    val_as_str(au);
	const char *tz = str_ci(I->cfg, "timezone");
	if (!tz || date_set_zone(tz) != 0)
		date_set_zone("Europe/Helsinki");
	return 0;
}

value *importsite_yaml(const importsite *I, const char *themes, int youtube,
    int vimeo, diag *d)
{
	value *m = val_map(I->a);
	const char *title = str_ci(I->cfg, "title");
	val_map_str(I->a, m, "title", title ? title : "");
	const char *desc = str_ci(I->cfg, "description");
	if (!desc)
		desc = str_ci(get_ci(I->cfg, "params"), "description");
	if (desc)
		val_map_str(I->a, m, "description", desc);
	const char *url = I->hugo ? str_ci(I->cfg, "baseurl") :
	    str_ci(I->cfg, "url");
	const char *base = I->hugo ? "" : str_ci(I->cfg, "baseurl");
	if (!url || !*url) {
		diag_warn(d, "site.yaml", 0, 0, _("the old site names no "
		    "address: base_url is https://example.com/, change it"));
		url = "https://example.com";
	}
	size_t ul = strlen(url);
	val_map_str(I->a, m, "base_url", arena_printf(I->a, "%.*s%s/",
	    (int)(ul && url[ul - 1] == '/' ? ul - 1 : ul), url,
	    base && *base && strcmp(base, "/") ? base : ""));
	const char *lang = I->hugo ? str_ci(I->cfg, "languagecode") :
	    str_ci(I->cfg, "lang");
	if (!lang)
		lang = str_ci(I->cfg, "locale");
	char l2[3] = "fi";
	if (lang && strlen(lang) >= 2) {
		l2[0] = (char)(lang[0] | 0x20);
		l2[1] = (char)(lang[1] | 0x20);
	}
	if (access(arena_printf(I->a, "%s/default/i18n/%s.yaml", themes,
	    l2), R_OK) != 0) {
		diag_warn(d, "site.yaml", 0, 0, _("the theme has no words "
		    "for language '%s', so the site is in Finnish: add "
		    "themes/default/i18n/%s.yaml to change that"), l2, l2);
		strcpy(l2, "fi");
	}
	val_map_str(I->a, m, "language", l2);
	const char *tz = str_ci(I->cfg, "timezone");
	val_map_str(I->a, m, "timezone", tz && date_set_zone(tz) == 0 ? tz :
	    "Europe/Helsinki");
	if (I->author)
		val_map_str(I->a, m, "author", I->author);
	value *r = val_list(I->a);
	val_list_push(I->a, r, val_str(I->a, "netlify"));
	val_list_push(I->a, r, val_str(I->a, "nginx"));
	val_map_set(I->a, m, "redirects", r);
	/* The feeds where Jekyll's jekyll-feed and Hugo wrote them. */
	value *f = val_list(I->a);
	val_list_push(I->a, f, val_str(I->a, I->hugo ? "/index.xml" :
	    "/feed.xml"));
	val_map_set(I->a, m, "feed_also", f);
	if (I->hugo) {
		value *lf = val_list(I->a);
		val_list_push(I->a, lf, val_str(I->a, "index.xml"));
		val_map_set(I->a, m, "list_feed_also", lf);
	}
	if (youtube || vimeo) {
		value *h = val_list(I->a);
		if (youtube)
			val_list_push(I->a, h, val_str(I->a,
			    "youtube-nocookie.com"));
		if (vimeo)
			val_list_push(I->a, h, val_str(I->a,
			    "player.vimeo.com"));
		val_map_set(I->a, m, "iframe_hosts", h);
	}
	return m;
}
