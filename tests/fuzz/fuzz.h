/* fuzz.h: shared by the fuzz harnesses (tests/fuzz/fuzz_*.c). Each defines
 * LLVMFuzzerTestOneInput; `make fuzz` links it with libFuzzer (clang), and
 * tests/fuzz/replay.c links it with a main() that feeds it files, so
 * `make test` replays the seeds and every crash found (tests/scripts/
 * fuzz_regress.sh) with the normal compiler. */
#ifndef SAITTI_FUZZ_H
#define SAITTI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A diag whose messages go nowhere (they are counted all the same), or
 * to stderr when $FUZZ_VERBOSE is set. */
static inline diag *fuzz_diag(void)
{
	static FILE *sink;
	if (!sink && (getenv("FUZZ_VERBOSE") ||
	    !(sink = fopen("/dev/null", "w"))))
		sink = stderr;
	return diag_new(sink);
}

#endif
