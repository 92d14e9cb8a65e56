#!/bin/sh
# Writing only what changed: a rebuild keeps unchanged files (same inode,
# same modification time), rewrites changed ones, removes stale ones, and
# the result equals a build from scratch.
. tests/scripts/lib.sh
site="$TMP/site"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
out="$TMP/out"
"$SAITTI" build --source "$site" --out "$out" --now 2018-06-01 --quiet
inode() { stat -c '%i %Y' "$1"; }
before_post=$(inode "$out/blogi/eka/index.html")
before_css=$(inode "$out/style.css")
sleep 1
"$SAITTI" build --source "$site" --out "$out" --now 2018-06-01 2>"$TMP/log"
check "incremental: nothing changed keeps the post's inode and mtime" \
    [ "$(inode "$out/blogi/eka/index.html")" = "$before_post" ]
check "incremental: nothing changed keeps static files" \
    [ "$(inode "$out/style.css")" = "$before_css" ]
check "incremental: the summary says 0 changed" grep -q " 0 changed" "$TMP/log"

sed -i 's/Kolmas kirjoitus./Muokattu kirjoitus./' "$site/content/blogi/kolmas.md"
rm "$site/content/tietoa.md"
"$SAITTI" build --source "$site" --out "$out" --now 2018-06-01 --quiet
check "incremental: the edited post is rewritten" grep -q Muokattu "$out/blogi/kolmas-oma/index.html"
check "incremental: an untouched post keeps its inode" \
    [ "$(inode "$out/blogi/eka/index.html")" = "$before_post" ]
check "incremental: a removed page's file is gone" [ ! -e "$out/tietoa/index.html" ]
"$SAITTI" build --source "$site" --out "$TMP/fresh" --now 2018-06-01 --quiet
if diff -r "$out" "$TMP/fresh" >/dev/null; then
	pass "incremental: equals a build from scratch"
else
	fail "incremental: equals a build from scratch" "$(diff -r "$out" "$TMP/fresh" | head)"
fi
check "incremental: no temporary folder is left beside the output" \
    sh -c "! ls -a '$TMP' | grep -q 'tmp-'"
