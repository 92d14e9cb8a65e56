#!/bin/sh
# Writing only what changed: a rebuild keeps unchanged files (same inode,
# same modification time), rewrites changed ones, removes stale ones, and
# the result equals a build from scratch.
. tests/scripts/lib.sh
site="$TMP/site"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
# A text with a warning (the fixture's raw HTML) is rendered on every
# build, so that its warning comes every time (mdcache.h): the cache is
# tested on texts without one.
sed -i 's|Raaka <b>HTML</b> ei|Raaka HTML ei|' \
    "$site/content/blogi/2017/2017-11-07-eka.md"
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

# ---- the caches ---------------------------------------------------------
# same NAME: the rebuilt $out equals a fresh build of $site.
same() {
	rm -rf "$TMP/fresh"
	SAITTI_CACHE="$TMP/nocache" "$SAITTI" build --source "$site" \
	    --out "$TMP/fresh" --now 2018-06-01 --quiet
	rm -rf "$TMP/nocache"
	if d=$(diff -r "$out" "$TMP/fresh"); then
		pass "$1"
	else
		fail "$1" "$d"
	fi
}
rebuild() {
	"$SAITTI" build --source "$site" --out "$out" --now 2018-06-01 \
	    --verbose --jobs 2 >"$TMP/log" 2>&1
}
rebuild
check "caches: a rebuild with nothing changed renders no page" \
    grep -q "(0 rendered), [1-9][0-9]* pages not rendered" "$TMP/log"
check "caches: ...and writes no file" grep -q " 0 changed" "$TMP/log"
check "caches: the cache folder ignores itself in git" \
    grep -qx '\*' "$site/.saitti-cache/.gitignore"

# A post linking to another by its file: the link follows the other's
# slug although the linking text is unchanged.
cat >"$site/content/blogi/linkki.md" <<'EOF'
---
title: Linkki
date: 2018-01-05
---
Katso [kolmas](kolmas.md).
EOF
rebuild
check "caches: a link to a post's file gives its address" \
    grep -q 'href="/lape/blogi/kolmas-oma/"' "$out/blogi/linkki/index.html"
sed -i 's/^slug: kolmas-oma$/slug: kolmas-uusi/' "$site/content/blogi/kolmas.md"
rebuild
check "caches: the link follows the new slug" \
    grep -q 'href="/lape/blogi/kolmas-uusi/"' "$out/blogi/linkki/index.html"
same "caches: after a slug change, equals a build from scratch"

# A warning comes again on every build: such renders are not cached.
printf -- '---\ntitle: Ylös\ndate: 2018-01-06\n---\n[x](../../../../ulos.html)\n' \
    >"$site/content/blogi/ylos.md"
rebuild
rebuild
check "caches: a Markdown warning is repeated by the next build" \
    grep -q "ylos.md:5:1: warning: '../../../../ulos.html' climbs above" "$TMP/log"

# The theme changes: every page is made again (and most files change, so
# the new tree is swapped in whole).
sed -i 's/<main/<main data-x="1"/' "$site/themes/mini/templates/base.html"
rebuild
check "caches: a template change renders every page" \
    grep -q " 0 pages not rendered" "$TMP/log"
same "caches: after a template change, equals a build from scratch"

# Hands in the output: an edited file and a deleted one are put right.
echo "käsin" >"$out/blogi/linkki/index.html"
rm "$out/index.html"
rebuild
same "caches: edited and deleted output files are made again"

# The Markdown cache damaged in place, its size kept, at once after the
# build that sealed it (core/seal): its entries are checked again.
echo "Sinetti." >>"$site/content/blogi/linkki.md"
rebuild
md="$site/.saitti-cache/markdown"
python3 - "$md" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
i = b.find(b'Sinetti.')
if i >= 0:
    b[i:i + 8] = b'RIKKI!!!'
open(p, 'r+b').write(bytes(b))
PY
check "caches: (the sealed Markdown cache changed in place)" grep -q 'RIKKI!!!' "$md"
# Nothing changed but the cache: no stamp and no manifest, so that the
# build reads it and makes every page from it.
rm -f "$site"/.saitti-cache/stamp-* "$site"/.saitti-cache/output-*
rebuild
same "caches: a sealed cache changed in place is checked, not trusted"
check "caches: ...its changed words are on no page" sh -c "! grep -rq 'RIKKI' '$out'"

# Damaged caches are ignored, not trusted.
for f in "$site"/.saitti-cache/markdown "$site"/.saitti-cache/output-*; do
	head -c 100 "$f" >"$f.cut" && mv "$f.cut" "$f"
done
echo "Muutos." >>"$site/content/blogi/linkki.md"
rebuild
check "caches: a build with damaged caches succeeds" grep -q "^saitti: built" "$TMP/log"
same "caches: after damaged caches, equals a build from scratch"
printf 'saitti-mdcache 1\n\377\377\377\377\377\377\377\377' >"$site/.saitti-cache/markdown"
rebuild
same "caches: a Markdown cache with an absurd count is ignored"

# A build killed half-way leaves its temporary folder: the next one
# removes it. (Such a build had removed the stamp before it began, since
# something had changed: cli/stamp.h.)
mkdir "$TMP/.out.tmp-KILLED" && touch "$TMP/.out.tmp-KILLED/x"
rm -f "$site"/.saitti-cache/stamp-*
rebuild
check "caches: a dead build's temporary folder is removed" [ ! -e "$TMP/.out.tmp-KILLED" ]

# Two builds at once into one folder wait for each other.
echo "Taas." >>"$site/content/blogi/linkki.md"
rebuild & rebuild; wait
same "caches: two builds at once leave a whole site"
check "caches: no temporary folder is left" sh -c "! ls -a '$TMP' | grep -q 'tmp-'"

# A file where a folder was, and a folder where a file was: the new tree
# cannot be renamed into place file by file, so it is swapped in whole.
printf 'vanha tiedosto\n' >"$site/content/blogi/vaihto"
rebuild
check "caches: an asset file is copied" [ -f "$out/blogi/vaihto" ]
rm "$site/content/blogi/vaihto"
printf -- '---\ntitle: Vaihto\ndate: 2018-01-07\nslug: vaihto\n---\nNyt sivu.\n' \
    >"$site/content/blogi/vaihto.md"
rebuild
check "caches: a page replaces a file of its name" grep -q "Nyt sivu" "$out/blogi/vaihto/index.html"
same "caches: after a file became a folder, equals a build from scratch"
rm "$site/content/blogi/vaihto.md"
printf 'taas tiedosto\n' >"$site/content/blogi/vaihto"
rebuild
check "caches: a file replaces a page's folder" grep -q "taas tiedosto" "$out/blogi/vaihto"
same "caches: after a folder became a file, equals a build from scratch"
