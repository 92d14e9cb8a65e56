/* import: the `saitti import jekyll|hugo SRC DEST` command — a saitti site
 * written from a Jekyll or Hugo site:
 *   - posts (Jekyll's _posts and _drafts, Hugo's sections) and pages,
 *     their front matter (YAML, TOML or JSON) written as saitti's YAML
 *     with the original title, dates, authors (the site's author where a
 *     post names none, so a one-commit import credits no one else), tags
 *     and categories, summary and aliases;
 *   - an alias for every old address the post or page had (Jekyll's
 *     permalink style or pattern, Hugo's permalinks, url, aliases and
 *     Jekyll's redirect_from), so every old link answers;
 *   - images and other files copied to the same addresses under content/
 *     (Jekyll's files, Hugo's static/ and page bundles), so references to
 *     them stay right; Liquid and shortcodes rewritten (parse/shortcode.h);
 *   - site.yaml with redirects: [netlify, nginx], the old feed paths and
 *     the iframe hosts the videos need; themes/default copied from
 *     --themes (default: ./themes).
 * What it could not convert is reported as warnings with file and line.
 * DEST must not exist, or be an empty folder: nothing is overwritten. */
#ifndef SAITTI_IMPORT_H
#define SAITTI_IMPORT_H

/* argv[0] is "import". Returns 0 written (warnings or not), 1 failed,
 * 2 wrong usage. */
int import_main(int argc, char **argv);

#endif
