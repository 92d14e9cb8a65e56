/* fuzz_mdlong: fuzz_markdown's checks on every short input repeated to
 * 128 KB, as it is and on one line: see fuzz_markdown.c. */
#define MD_LONG 1
#include "fuzz_markdown.c"
