/* tplorigin: which line of which theme template wrote a line of output.
 * `saitti check` asks it where a link of the theme came from, after the
 * render, so the renderers need not record it: the template line whose
 * fixed text (outside {{…}}) appears in the output line, in order, and
 * which writes the same attribute, with the most fixed text in common. */
#ifndef SAITTI_TPLORIGIN_H
#define SAITTI_TPLORIGIN_H

#include "../core/arena.h"
#include "../source/source.h"

typedef struct tplorigin tplorigin;

/* The templates under theme_dir ("themes/default/") + "templates/", read
 * through src at the first tplorigin_find. theme_dir may be NULL (none). */
tplorigin *tplorigin_new(source *src, const char *theme_dir);
void tplorigin_free(tplorigin *t);

/* 1 with *file and *line (valid until tplorigin_free) when a template line
 * writes attr ("href", "src", …) and matches out_line; 0 when none. */
int tplorigin_find(tplorigin *t, const char *out_line, const char *attr,
    const char **file, int *line);

#endif
