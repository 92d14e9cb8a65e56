#include "htmlpolicy.h"

#include <string.h>

#include "../core/i18n.h"
#include "../parse/markdown.h"

static int host_ok(const char *h)
{
	if (!*h || *h == '.' || *h == '-')
		return 0;
	for (const char *c = h; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '.' || *c == '-'))
			return 0;
	return strchr(h, '.') != NULL;
}

void htmlpolicy_load(site *s, diag *d)
{
	s->html_policy = s->unsafe_html ? MD_HTML_ALLOW : MD_HTML_SANITIZE;
	value *v = val_map_get(s->config, "html");
	if (v && v->kind != VAL_NULL) {
		const char *w = val_as_str(v);
		int p = !w ? -1 : !strcmp(w, "sanitize") ? MD_HTML_SANITIZE :
		    !strcmp(w, "escape") ? MD_HTML_ESCAPE :
		    !strcmp(w, "allow") ? MD_HTML_ALLOW : -1;
		if (p < 0)
			diag_error(d, "site.yaml", v->line, v->col,
			    _("'html' must be sanitize (keep safe HTML), "
			    "escape (show it as text) or allow (trusted "
			    "writers only)"));
		else if (s->unsafe_html && p != MD_HTML_ALLOW)
			diag_error(d, "site.yaml", v->line, v->col,
			    _("'unsafe_html: true' and 'html: %s' disagree: "
			    "keep only html:"), w);
		else
			s->html_policy = p;
	}
	const char **hosts = arena_alloc(s->a, sizeof *hosts);
	s->iframe_hosts = hosts;
	value *h = val_map_get(s->config, "iframe_hosts");
	if (!h || h->kind == VAL_NULL)
		return;
	if (h->kind != VAL_LIST) {
		diag_error(d, "site.yaml", h->line, h->col, _("'iframe_hosts' "
		    "must be a list of host names, like iframe_hosts: "
		    "[youtube-nocookie.com]"));
		return;
	}
	hosts = arena_alloc(s->a, (h->u.list.len + 1) * sizeof *hosts);
	size_t n = 0;
	for (size_t i = 0; i < h->u.list.len; i++) {
		value *it = h->u.list.items[i];
		const char *w = val_as_str(it);
		if (!w || !host_ok(w)) {
			diag_error(d, "site.yaml", it->line, it->col,
			    _("'%s' in iframe_hosts is not a host name: write "
			    "it in lower case without https:// or a path, like "
			    "youtube-nocookie.com"), w ? w : "");
			continue;
		}
		hosts[n++] = w;
	}
	hosts[n] = NULL;
	s->iframe_hosts = hosts;
}
