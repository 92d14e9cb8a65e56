/* external: `saitti check --external` — each distinct address outside the
 * site fetched once with libcurl (HEAD, then GET when HEAD is refused), in
 * parallel with a limit per host and a timeout, and the answers kept in
 * the cache folder (file external-links) for a while, so that checking
 * every week does not hammer other sites. A gone page (404, 410) and a
 * host that does not exist are warnings: other sites are not the writer's
 * to fix at once, and they come and go. */
#ifndef SAITTI_EXTERNAL_H
#define SAITTI_EXTERNAL_H

#include <stddef.h>

#include "../core/diag.h"
#include "linkcheck.h"

/* At most this many transfers at once, and this many to one host. */
enum { EXTERNAL_PARALLEL = 16, EXTERNAL_PER_HOST = 2 };

typedef struct external_opts {
	const char *cache_dir;   /* NULL: nothing is kept */
	int timeout_s;           /* per address */
	long max_age_s;          /* answers younger than this are reused */
} external_opts;

/* Checks urls[0..n), reporting warnings to d; returns how many addresses
 * were checked (fetched or answered from the cache). */
size_t external_check(const linkcheck_ext *urls, size_t n,
    const external_opts *o, diag *d);

#endif
