#include "redirect.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"

static void add_doc(plan *pl, site *s, const post *p)
{
	if (!p->naliases)
		return;
	const char *target = arena_printf(s->a, "%s%s", s->origin, p->url);
	for (size_t k = 0; k < p->naliases; k++) {
		const char *alias = p->aliases[k];
		size_t n = strlen(alias);
		value *pm = view_page(s, s->a, "redirect", p->title, alias,
		    NULL);
		val_map_str(s->a, pm, "target", target);
		/* "vanha/osoite/" is a folder's index.html; "x.html" a file. */
		plan_page(pl, n && alias[n - 1] == '/' ?
		    arena_printf(pl->a, "%sindex.html", alias) : alias,
		    "redirect", pm);
	}
}

/* One line per alias: from, to; sorted so the file does not depend on
 * the order of the posts. */
struct rline {
	const char *from, *to;
};

static int cmp_rline(const void *a, const void *b)
{
	return strcmp(((const struct rline *)a)->from,
	    ((const struct rline *)b)->from);
}

static struct rline *collect(const site *s, size_t *n)
{
	size_t cap = 1;
	for (size_t i = 0; i < s->nposts; i++)
		cap += s->posts[i]->naliases;
	for (size_t i = 0; i < s->npages; i++)
		cap += s->pages[i]->naliases;
	struct rline *r = malloc(cap * sizeof *r);
	*n = 0;
	for (size_t i = 0; r && i < s->nposts + s->npages; i++) {
		const post *p = i < s->nposts ? s->posts[i] :
		    s->pages[i - s->nposts];
		for (size_t k = 0; k < p->naliases; k++)
			r[(*n)++] = (struct rline){p->aliases[k], p->url};
	}
	if (r)
		qsort(r, *n, sizeof *r, cmp_rline);
	return r;
}

/* Netlify's and Cloudflare Pages' form: space-separated, so a path is
 * written %-escaped (every byte but unreserved ASCII and '/'). */
static void put_escaped(buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~/:", *c)) {
			buf_putc(out, (char)*c);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[*c >> 4]);
			buf_putc(out, hex[*c & 15]);
		}
	}
}

static void run_netlify(const job *j, render_env *env, buf *out)
{
	size_t n;
	struct rline *r = collect(env->s, &n);
	for (size_t i = 0; r && i < n; i++) {
		buf_puts(out, env->s->base_path);
		put_escaped(out, r[i].from);
		buf_putc(out, ' ');
		put_escaped(out, r[i].to);
		buf_puts(out, " 301\n");
	}
	free(r);
}

/* nginx compares a map's keys with $uri, which is decoded: keys are
 * written as they are, in double quotes (with " and \ escaped). */
static void put_quoted(buf *out, const char *prefix, const char *s)
{
	buf_putc(out, '"');
	for (const char *q = prefix; *q; q++) {
		if (*q == '"' || *q == '\\' || *q == '$')
			buf_putc(out, '\\');
		buf_putc(out, *q);
	}
	for (const char *q = s; *q; q++) {
		if (*q == '"' || *q == '\\' || *q == '$')
			buf_putc(out, '\\');
		buf_putc(out, *q);
	}
	buf_putc(out, '"');
}

static void run_nginx(const job *j, render_env *env, buf *out)
{
	size_t n;
	struct rline *r = collect(env->s, &n);
	buf_puts(out, "# saitti: old addresses and where they moved. Use with\n"
	    "#   map $uri $saitti_moved { include redirects.map; }\n"
	    "#   if ($saitti_moved) { return 301 $saitti_moved; }\n");
	for (size_t i = 0; r && i < n; i++) {
		put_quoted(out, env->s->base_path, r[i].from);
		buf_putc(out, ' ');
		put_quoted(out, "", r[i].to);
		buf_puts(out, ";\n");
	}
	free(r);
}

void redirect_plan(plan *pl, site *s, value *root)
{
	(void)root;
	for (size_t i = 0; i < s->nposts; i++)
		add_doc(pl, s, s->posts[i]);
	for (size_t i = 0; i < s->npages; i++)
		add_doc(pl, s, s->pages[i]);
	if (s->redirects_netlify)
		plan_add(pl, &(job){.out = "_redirects", .run = run_netlify});
	if (s->redirects_nginx)
		plan_add(pl, &(job){.out = "redirects.map", .run = run_nginx});
}
