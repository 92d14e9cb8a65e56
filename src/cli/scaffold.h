/* scaffold: the `saitti new` command — a new post, news item or event
 * file with its front matter filled in, so that a writer starts from
 * something that builds. */
#ifndef SAITTI_SCAFFOLD_H
#define SAITTI_SCAFFOLD_H

/* argv[0] is "new". Prints the new file's path on stdout. Returns the exit
 * status: 0 written, 1 refused (the file exists, site.yaml lacks a
 * folder, a bad date), 2 wrong usage. */
int scaffold_main(int argc, char **argv);

#endif
