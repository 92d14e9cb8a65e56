/* init: the `saitti init DIR` command — a new site that builds and passes
 * `saitti check` at once, made from the installed skeleton (skel/LANG/ in
 * the data folder, core/datadir): site.yaml commented in the site's
 * language, a front page, an example post and event, an accessibility
 * statement, .gitignore and a CI file. */
#ifndef SAITTI_INIT_H
#define SAITTI_INIT_H

/* argv[0] is "init". Returns the exit status: 0 written, 1 refused (the
 * folder is not empty, no skeleton installed, a write failed), 2 wrong
 * usage. */
int init_main(int argc, char **argv);

#endif
