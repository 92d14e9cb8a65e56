/* replay: a main() for a fuzz harness without libFuzzer, so that `make
 * test` can replay the seed corpora and the crash regressions with the
 * normal compiler (tests/scripts/fuzz_regress.sh). Each argument is a file
 * whose bytes are handed to LLVMFuzzerTestOneInput once; the input's own
 * malloc'ed copy is exactly its size, so that a read past its end is
 * caught under ASan as it is under libFuzzer. A crash kills the process:
 * the script runs one file per process and names it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 2;
		}
		size_t cap = 4096, len = 0, n;
		char *data = malloc(cap);
		while (data && (n = fread(data + len, 1, cap - len, f)) > 0)
			if ((len += n) == cap) {
				char *more = realloc(data, cap *= 2);
				if (!more)
					free(data);
				data = more;
			}
		if (!data || ferror(f)) {
			perror(argv[i]);
			return 2;
		}
		fclose(f);
		/* An exact-size copy: ASan sees a read one past the end. */
		uint8_t *exact = malloc(len ? len : 1);
		if (!exact)
			return 2;
		memcpy(exact, data, len);
		free(data);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
}
