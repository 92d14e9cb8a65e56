/* check.h: the unit tests' only harness. Each CHECK prints one line,
 * `PASS name` or `FAIL name: why (file:line)`; tests/run.sh counts them. */
#ifndef SAITTI_CHECK_H
#define SAITTI_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(name, cond) do { \
	if (cond) { printf("PASS %s\n", (name)); } \
	else { printf("FAIL %s: %s (%s:%d)\n", (name), #cond, __FILE__, \
	    __LINE__); check_failed++; } \
} while (0)

/* Compares two strings and shows both when they differ. */
#define CHECK_STR(name, got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) { printf("PASS %s\n", (name)); } \
	else { printf("FAIL %s (%s:%d)\n  want: [%s]\n  got:  [%s]\n", (name), \
	    __FILE__, __LINE__, w_ ? w_ : "(null)", g_ ? g_ : "(null)"); \
	    check_failed++; } \
} while (0)

#define CHECK_DONE() return check_failed ? 1 : 0

#endif
