/* check: the `saitti check` command — everything a build checks, plus
 * links in Markdown that go nowhere, without writing any output. Made for
 * a pre-commit hook and for checking pull requests in CI. */
#ifndef SAITTI_CHECK_H
#define SAITTI_CHECK_H

/* argv[0] is "check". Returns the exit status: 0 no errors, 1 errors
 * (each as FILE:LINE:COL: error: …), 2 wrong usage. */
int check_main(int argc, char **argv);

#endif
