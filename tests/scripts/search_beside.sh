#!/bin/sh
# Search beside the pages (issue 17): a rebuild that has the last build's
# search files writes the search index on a thread of its own while the
# pages are made (render.c's struct beside); a first build and a build on
# one thread write it after them. Each way, the whole output is the one a
# build from nothing makes; a page that fails while the search is being
# written fails the build and leaves nothing half done for the next one.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
NOW=2019-06-01
S=$TMP/site
mkdir -p "$S"
cp -r content site.yaml themes "$S/"
P=$S/content/blogi/2017/2017-10-11-nelja-kehittamiskokonaisuutta.md
# same NAME: the rebuild in $TMP/inc is, file for file, a build from
# nothing of the same source.
same() {
	rm -rf "$TMP/fresh" "$TMP/fcache"
	"$SAITTI" build --source "$S" --out "$TMP/fresh" --cache "$TMP/fcache" \
	    --now $NOW --quiet 2>/dev/null
	if [ -f "$TMP/fresh/haku/i/index.json" ] &&
	    diff -r -x .saitti-output "$TMP/fresh" "$TMP/inc" >/dev/null; then
		pass "search beside: $1"
	else
		fail "search beside: $1" "$(diff -r -x .saitti-output "$TMP/fresh" "$TMP/inc" 2>&1 | head -5)"
	fi
}
for jobs in 2 1; do
	rm -rf "$TMP/inc" "$TMP/cache"
	"$SAITTI" build --source "$S" --out "$TMP/inc" --cache "$TMP/cache" \
	    --now $NOW --quiet --jobs $jobs
	check "search beside: --jobs $jobs: the first build lists its search files" \
	    test -f "$TMP/cache/search-files"
	printf '\nKvanttitietokone %s.\n' $jobs >>"$P"
	"$SAITTI" build --source "$S" --out "$TMP/inc" --cache "$TMP/cache" \
	    --now $NOW --quiet --jobs $jobs
	check "search beside: --jobs $jobs: the edited post is found" \
	    grep -rqi kvanttitietokone "$TMP/inc/haku/i"
	same "--jobs $jobs: a rebuild after an edit"
done

# A post's page that cannot be made while the search is written beside:
# the build fails with the page's error, once; the next build, with the
# template mended, is a build from nothing's.
cp "$S/themes/default/templates/post.html" "$TMP/post.html"
printf '{{>post}}\n' >"$S/themes/default/templates/post.html"
printf '\nKvanttitietokone 3.\n' >>"$P"
LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/inc" --cache "$TMP/cache" \
    --now $NOW --quiet --jobs 2 2>"$TMP/err"
rc=$?
check "search beside: a page that fails fails the build" [ $rc = 1 ]
check "search beside: its error is told" \
    grep -q 'post.html: error: rendering .* stopped: the template expands without end' "$TMP/err"
check "search beside: nothing else is told but the count" \
    [ "$(grep -v 'expands without end' "$TMP/err" |
    grep -Evc "^saitti: [0-9]+ errors; $TMP/inc was not changed\$")" = 0 ]
cp "$TMP/post.html" "$S/themes/default/templates/post.html"
"$SAITTI" build --source "$S" --out "$TMP/inc" --cache "$TMP/cache" \
    --now $NOW --quiet --jobs 2
same "a rebuild after a failed one"
