/* diag: the one path every error and warning takes.
 *
 * Messages read `FILE:LINE:COL: error: MESSAGE` (LINE and COL 1-based;
 * 0 leaves them out, for errors about a whole file). They are written to
 * the diag's stream as they come, and counted; after `limit` errors the
 * rest are only counted. Thread-safe. */
#ifndef SAITTI_DIAG_H
#define SAITTI_DIAG_H

#include <stdio.h>

typedef struct diag diag;

/* out: where messages go (stderr in main, a memstream in tests). */
diag *diag_new(FILE *out);
void diag_free(diag *d);
/* A diag that keeps its messages (and counts them) until diag_replay()
 * hands them, in order, to another: workers that check files in parallel
 * each hold a file's messages, and the build reports them in file order
 * whatever the threads did. */
diag *diag_new_held(void);
void diag_replay(diag *held, diag *to);

/* A message as reported: file may be NULL, line and col 0; msg is the
 * whole sentence, already in the language of the messages. */
typedef void (*diag_fn)(void *ctx, int error, const char *file, int line,
    int col, const char *msg);
/* Hands each message held by a diag_new_held() diag to fn, in order. */
void diag_each(const diag *held, diag_fn fn, void *ctx);
/* Hands every message d counts from now on to fn as well, quiet or not
 * (the build stamp keeps a build's warnings to tell them again). NULL
 * stops it. fn runs under d's lock: it must not report to d. */
void diag_set_tee(diag *d, diag_fn fn, void *ctx);

void diag_error(diag *d, const char *file, int line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_warn(diag *d, const char *file, int line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

int diag_errors(const diag *d);
int diag_warnings(const diag *d);
/* Messages beyond this many errors are counted, not printed (default 50). */
void diag_set_limit(diag *d, int limit);
/* How messages are written, for the whole process (`check --format`):
 * DIAG_TEXT `FILE:LINE:COL: error: MESSAGE`; DIAG_GITHUB GitHub Actions
 * annotations (`::error file=F,line=L,col=C::MESSAGE`); DIAG_JSON one JSON
 * object a line ({"file","line","col","severity","message"}). */
typedef enum { DIAG_TEXT, DIAG_GITHUB, DIAG_JSON } diag_format;
void diag_set_format(diag_format f);
/* Warnings are dropped when quiet (errors never are). */
void diag_set_quiet(diag *d, int quiet);

#endif
