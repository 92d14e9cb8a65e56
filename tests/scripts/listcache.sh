#!/bin/sh
# The listing record (model/listcache.h): a rebuild takes content/'s list
# of files from the last walk when no folder changed, and walks again
# after any file or folder is added, removed or renamed, a link is put
# in, or the record is damaged or another site's; the output always
# equals a build from scratch.
. tests/scripts/lib.sh
site="$TMP/site"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
out="$TMP/out"
cache="$TMP/cache"
NOW=2018-06-01
# Without the stamp (cli/stamp.h): a build with nothing changed would
# not load the site at all.
build() {
	rm -f "$cache"/stamp-*
	SAITTI_DEBUG_LIST=1 "$SAITTI" build --source "$site" --out "$out" \
	    --cache "$cache" --now $NOW --quiet "$@" 2>"$TMP/log"
}
kept() { grep -q "listing of content/: from the record" "$TMP/log"; }
walked() { grep -q "listing of content/: walked" "$TMP/log"; }
# fresh NAME: the output equals a build from scratch.
fresh() {
	rm -rf "$TMP/scratch" "$TMP/scratch-cache"
	"$SAITTI" build --source "$site" --out "$TMP/scratch" \
	    --cache "$TMP/scratch-cache" --now $NOW --quiet 2>/dev/null
	if diff -r "$out" "$TMP/scratch" >"$TMP/diff" 2>&1; then
		pass "$1"
	else
		fail "$1" "$(head "$TMP/diff")"
	fi
}
# A folder changed within 3 s of a walk is not recorded (its times could
# repeat): the steps that want a record wait that out.
settle() { sleep 3.2; }

# A fresh copy: its folders are new, so the first walk keeps no record.
build
check "listcache: the first build walks" walked
check "listcache: folders changed just now: no record" \
    test ! -e "$cache/listing"
settle
build
check "listcache: folders settled: walked, and recorded" \
    sh -c "grep -q 'walked' '$TMP/log' && test -s '$cache/listing'"
build
check "listcache: nothing added or removed: the list is the record's" kept
fresh "listcache: from the record: equals a build from scratch"
printf '\nLisätty kappale.\n' >>"$site/content/blogi/kolmas.md"
build
check "listcache: a post edited in place: still the record" kept
fresh "listcache: a post edited in place: equals a build from scratch"
# An editor that saves by renaming a new file over the old one changes
# the folder: a walk.
sed -i 's/Kolmas kirjoitus./Muokattu kirjoitus./' \
    "$site/content/blogi/kolmas.md"
build
check "listcache: a post saved by a rename: walked" walked
fresh "listcache: a post saved by a rename: equals a build from scratch"

# A new post in a folder of the record.
cat >"$site/content/blogi/2018-05-02-uusi.md" <<'EOF'
---
title: Uusi kirjoitus
---
Uusi teksti listassa.
EOF
build
check "listcache: a new post: walked" walked
check "listcache: a new post: its page is made" \
    grep -rq "Uusi teksti listassa" "$out/blogi"
fresh "listcache: a new post: equals a build from scratch"
settle
build
build
check "listcache: settled again: the record" kept

mv "$site/content/blogi/2018-05-02-uusi.md" \
    "$site/content/blogi/2018-05-03-siirretty.md"
build
check "listcache: a renamed post: walked" walked
fresh "listcache: a renamed post: equals a build from scratch"
rm "$site/content/blogi/2018-05-03-siirretty.md"
build
check "listcache: a removed post: walked" walked
fresh "listcache: a removed post: equals a build from scratch"

# An empty folder is in the record: a post put in it later is seen.
mkdir "$site/content/tyhja"
settle
build
build
check "listcache: an empty folder settled: the record" kept
cat >"$site/content/tyhja/2018-05-04-sivu.md" <<'EOF'
---
title: Tyhjän kansion sivu
---
Kansio ei ole enää tyhjä.
EOF
build
check "listcache: a post in a recorded empty folder: walked" walked
fresh "listcache: a post in a recorded empty folder: equals a build from scratch"
settle
build
build
check "listcache: settled with the new folder: the record" kept

# A damaged record is walked past and written anew.
printf 'XXXXXXXX' | dd of="$cache/listing" bs=1 seek=40 conv=notrunc \
    2>/dev/null
build
check "listcache: a damaged record: walked" walked
fresh "listcache: a damaged record: equals a build from scratch"
build
check "listcache: the damaged record was replaced" kept

# Another site folder with the same cache folder: not its record.
cp -r "$site" "$TMP/site2"
settle
SAITTI_DEBUG_LIST=1 "$SAITTI" build --source "$TMP/site2" --out "$TMP/out2" \
    --cache "$cache" --now $NOW --quiet 2>"$TMP/log"
check "listcache: another site folder's record is not taken" walked

# A link in content/ is told every build: no record is kept.
settle
build
ln -s /etc/hostname "$site/content/linkki.md"
build
check "listcache: a link put in: walked" walked
check "listcache: the link is told" grep -q "linkki.md" "$TMP/log"
settle
build
check "listcache: a link: told again" grep -q "linkki.md" "$TMP/log"
check "listcache: a link: no record kept" test ! -e "$cache/listing"
rm "$site/content/linkki.md"

# A site with no content/ yet keeps no record (there is no folder whose
# times would tell of a new one): the content/ made later is walked.
mv "$site/content" "$TMP/content-aside"
settle
build
build
check "listcache: no content/: no record kept" test ! -e "$cache/listing"
mv "$TMP/content-aside" "$site/content"
build
check "listcache: content/ put back: walked" walked
fresh "listcache: content/ put back: equals a build from scratch"
