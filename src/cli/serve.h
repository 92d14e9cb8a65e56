/* serve: the `saitti serve` command — a live preview for writers. Builds
 * the site with drafts into a private temporary folder, serves it over
 * HTTP (libmicrohttpd), rebuilds when content/, themes/ or site.yaml
 * change (watch.h), and makes open pages reload themselves (reload.h):
 * served HTML gets a small script that listens for server-sent events on
 * /__saitti/events. While the content is broken, HTML requests get a page
 * with the errors; other files still come from the last good build.
 *
 * Listens on 127.0.0.1 unless --bind says otherwise. Serves only files
 * inside the output: no "..", no symbolic links, no dot-files. SIGINT or
 * SIGTERM stops it and removes the temporary folder. */
#ifndef SAITTI_SERVE_H
#define SAITTI_SERVE_H

/* argv[0] is "serve". Returns the exit status: 0 stopped by a signal,
 * 1 could not start, 2 wrong usage. */
int serve_main(int argc, char **argv);

#endif
