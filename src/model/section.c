#include "section.h"

#include <stdlib.h>
#include <string.h>

#include "taxonomy.h"

static int cmp_newest(const void *a, const void *b)
{
	const post *x = *(post *const *)a, *y = *(post *const *)b;
	if (x->date.epoch != y->date.epoch)
		return x->date.epoch > y->date.epoch ? -1 : 1;
	return strcmp(x->src, y->src);
}

static int cmp_page(const void *a, const void *b)
{
	return strcmp((*(post *const *)a)->src, (*(post *const *)b)->src);
}

static section *find_section(site *s, const char *name)
{
	for (size_t i = 0; i < s->nsections; i++)
		if (!strcmp(s->sections[i].name, name))
			return &s->sections[i];
	return NULL;
}

static const char *section_title(site *s, const char *name)
{
	value *secs = val_map_get(s->config, "sections");
	const char *t = val_as_str(val_map_get(val_map_get(secs, name),
	    "title"));
	return t ? t : name;
}

void link_model(struct loader *L)
{
	site *s = L->s;
	/* Published posts, newest first; pages by path. */
	s->posts = arena_alloc(s->a, (L->nall + 1) * sizeof *s->posts);
	s->pages = arena_alloc(s->a, (L->nall + 1) * sizeof *s->pages);
	s->future = arena_alloc(s->a, (L->nall + 1) * sizeof *s->future);
	s->sections = arena_alloc(s->a, (L->nall + 1) * sizeof *s->sections);
	post **intros = arena_alloc(s->a, (L->nall + 1) * sizeof *intros);
	size_t nintros = 0;
	for (size_t i = 0; i < L->nall; i++) {
		post *p = L->all[i];
		if (p->kind == PAGE_PAGE && p->section) {
			intros[nintros++] = p;
			continue;
		}
		if (p->kind == PAGE_HOME)
			continue;
		if (p->draft && !s->drafts)
			continue;
		if (p->has_expires && p->expires.epoch < s->publish_limit &&
		    !s->drafts)
			continue;
		if (p->kind == PAGE_PAGE) {
			s->pages[s->npages++] = p;
			continue;
		}
		if ((p->date.epoch >= s->publish_limit || (p->has_publish &&
		    p->publish.epoch >= s->publish_limit)) && !s->drafts) {
			s->future[s->nfuture++] = p;
			continue;
		}
		s->posts[s->nposts++] = p;
	}
	qsort(s->posts, s->nposts, sizeof *s->posts, cmp_newest);
	qsort(s->pages, s->npages, sizeof *s->pages, cmp_page);
	for (size_t i = 0; i < s->nposts; i++) {
		post *p = s->posts[i];
		p->order = (int)i;
		section *sec = find_section(s, p->section);
		if (!sec) {
			sec = &s->sections[s->nsections++];
			sec->name = p->section;
			sec->url = arena_printf(s->a, "%s%s/", s->base_path,
			    p->section);
			sec->posts = arena_alloc(s->a,
			    (s->nposts + 1) * sizeof *sec->posts);
		}
		sec->posts[sec->nposts++] = p;
		for (size_t t = 0; t < p->ntags; t++) {
			tag *tg = p->tags[t];
			if (tg->nposts == tg->cap) {
				tg->cap = tg->cap ? tg->cap * 2 : 8;
				post **np = arena_alloc(s->a,
				    tg->cap * sizeof *np);
				if (tg->nposts)
					memcpy(np, tg->posts,
					    tg->nposts * sizeof *np);
				tg->posts = np;
			}
			tg->posts[tg->nposts++] = p;
		}
	}
	/* A section whose posts are all drafts or still to come has its
	 * page too, with nothing in it yet: the menu may link to it. */
	for (size_t i = 0; i < L->nall; i++) {
		post *p = L->all[i];
		if (!p->section || (p->kind != PAGE_POST &&
		    p->kind != PAGE_PAGE) || find_section(s, p->section))
			continue;
		section *sec = &s->sections[s->nsections++];
		sec->name = p->section;
		sec->url = arena_printf(s->a, "%s%s/", s->base_path,
		    p->section);
		sec->posts = arena_alloc(s->a, sizeof *sec->posts);
	}
	/* Sections in name order; the section's index.md names it. */
	for (size_t i = 1; i < s->nsections; i++)
		for (size_t j = i; j > 0 && strcmp(s->sections[j - 1].name,
		    s->sections[j].name) > 0; j--) {
			section t = s->sections[j];
			s->sections[j] = s->sections[j - 1];
			s->sections[j - 1] = t;
		}
	for (size_t i = 0; i < s->nsections; i++) {
		section *sec = &s->sections[i];
		sec->title = section_title(s, sec->name);
		for (size_t k = 0; k < nintros; k++)
			if (!strcmp(intros[k]->section, sec->name) &&
			    intros[k]->title)
				sec->title = intros[k]->title;
		for (size_t j = 0; j < sec->nposts; j++) {
			sec->posts[j]->next = j > 0 ? sec->posts[j - 1] : NULL;
			sec->posts[j]->prev = j + 1 < sec->nposts ?
			    sec->posts[j + 1] : NULL;
		}
	}
	/* Tags nobody published stay out; the rest in Finnish order. */
	size_t kept = 0;
	for (size_t i = 0; i < s->ntags; i++)
		if (s->tags[i]->nposts || s->tags[i]->nevents)
			s->tags[kept++] = s->tags[i];
	s->ntags = kept;
	if (s->ntags)   /* s->tags is NULL when no file has tags */
		qsort(s->tags, s->ntags, sizeof *s->tags, cmp_tag);
}
