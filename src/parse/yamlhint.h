/* yamlhint: what a writer should do about a YAML error.
 *
 * libyaml says what its grammar missed ("mapping values are not allowed in
 * this context", "did not find expected key", "found character that
 * cannot start any token"); a writer needs to hear which of her usual
 * mistakes it was and the line she should write instead: a colon inside
 * a title, quote marks inside a quoted title, a value that starts with a
 * character YAML reserves (@, `, %, [ … ] and more), a line without a
 * key, a key indented under another, a tab.
 *
 * Pure: looks only at the text and libyaml's problem and marks. */
#ifndef SAITTI_YAMLHINT_H
#define SAITTI_YAMLHINT_H

#include <stddef.h>

#include "../core/arena.h"

typedef struct yamlhint_in {
	const char *text;      /* the YAML given to libyaml */
	size_t len;
	const char *problem;   /* libyaml's parser->problem, may be NULL */
	const char *context;   /* parser->context, may be NULL */
	size_t problem_line, problem_col;  /* problem_mark, context_mark */
	size_t context_line, context_col;  /* (0-based, as libyaml's) */
} yamlhint_in;

/* The byte offset of a libyaml mark's line and column: its index counts
 * characters, not bytes, so it cannot index the text directly. */
size_t yamlhint_offset(const char *text, size_t len, size_t line,
    size_t col);

/* Where the message should point. */
enum yamlhint_at { YAMLHINT_PROBLEM, YAMLHINT_CONTEXT };

/* A translated message saying what to write instead (in the arena), and
 * in *at which mark it is about; NULL when none of the known mistakes
 * fits (the caller then says what libyaml said). */
const char *yamlhint_explain(arena *a, const yamlhint_in *in,
    enum yamlhint_at *at);

#endif
