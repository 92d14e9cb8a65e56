#!/bin/sh
# A rebuild with every cache warm after one kind of edit at a time equals a
# build from scratch, byte for byte: the keys the render skips pages by
# (render.c, html.c) must hold everything a page is made from. The site is
# the basic fixture with the events fixture's events and a copy of the
# default theme (its post pages carry JSON-LD), so that templates and
# strings can be edited too.
. tests/scripts/lib.sh
site="$TMP/site"
out="$TMP/out"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
cp -r tests/fixtures/events/content/tapahtumat "$site/content/"
mkdir -p "$site/themes"
cp -r themes/default "$site/themes/oma"
sed -i 's/^theme: mini$/theme: oma/' "$site/site.yaml"
# The paths as the events fixture names them, so that they stay when the
# language changes.
sed -n '/^paths:/p' tests/fixtures/events/site.yaml >>"$site/site.yaml"
post="$site/content/blogi/kolmas.md"
event="$site/content/tapahtumat/messut.md"

now=2018-06-01
rebuild() {
	"$SAITTI" build --source "$site" --out "$out" --now $now \
	    --verbose --jobs 2 >"$TMP/log" 2>&1
}
# same NAME: the rebuilt $out equals a fresh build of $site.
same() {
	rm -rf "$TMP/fresh" "$TMP/nocache"
	SAITTI_CACHE="$TMP/nocache" "$SAITTI" build --source "$site" \
	    --out "$TMP/fresh" --now $now --quiet
	if d=$(diff -r "$out" "$TMP/fresh"); then
		pass "$1"
	else
		fail "$1" "$d"
	fi
}
# edit NAME SED-SCRIPT FILE: edits, rebuilds, compares.
edit() {
	sed -i "$2" "$3"
	rebuild
	same "edits: $1"
}

rebuild
rebuild
check "edits: a rebuild with nothing changed renders no page" \
    grep -q "(0 rendered), [1-9][0-9]* pages not rendered" "$TMP/log"
same "edits: nothing changed"

edit "a post's title" 's/^title: Kolmas$/title: "Kolmas \& <uusi>"/' "$post"
check "edits: the new title is on the post's page" \
    grep -q 'Kolmas &amp; &lt;uusi&gt;' "$out/blogi/kolmas-oma/index.html"
check "edits: ...and in its JSON-LD" \
    grep -qF '"headline":"Kolmas \u0026 \u003cuusi\u003e"' \
    "$out/blogi/kolmas-oma/index.html"
edit "a post's body" 's/^Kolmas kirjoitus\.$/Muokattu kirjoitus./' "$post"
edit "a post's date (its place among the others)" \
    's/^date: 2018-01-02$/date: 2016-05-05/' "$post"
edit "a post's time and update date" \
    's/^date: 2016-05-05$/date: 2016-05-05T10:00:00+03:00\nupdated: 2016-06-01/' \
    "$post"
edit "a post's tags added" 's/^slug: kolmas-oma$/slug: kolmas-oma\ntags: [Lappi, Uusi tagi]/' "$post"
edit "a post's tags removed" '/^tags: /d' "$post"
edit "a post's author" 's/^slug: kolmas-oma$/slug: kolmas-oma\nauthor: Maija Meikäläinen/' "$post"
edit "a post's description" \
    's/^slug: kolmas-oma$/slug: kolmas-oma\ndescription: "Oma kuvaus"/' "$post"
# The site's description as the post's own: the page's `description` is
# the same either way, its JSON-LD is not.
edit "a post's description the same as the site's" \
    's/^description: "Oma kuvaus"$/description: "Kiinteä testisivusto saitin kultaisille testeille."/' \
    "$post"
edit "a post's description removed" '/^description: /d' "$post"
edit "a post's image" \
    's/^slug: kolmas-oma$/slug: kolmas-oma\nimage: \/kuvat\/x.jpg/' "$post"
edit "a post's image given in full" \
    's|^image: /kuvat/x.jpg$|image: https://example.org/x.jpg|' "$post"
edit "a post's slug" 's/^slug: kolmas-oma$/slug: kolmas-toinen/' "$post"
edit "a post made a draft" 's/^slug: kolmas-toinen$/slug: kolmas-toinen\ndraft: true/' "$post"
sed -i '/^draft: true$/d' "$post"
rebuild
same "edits: a draft published again"
edit "a post moved to the future" 's/^date: 2016-05-05T10:00:00+03:00$/date: 2030-01-01/' "$post"
edit "a post back from the future" 's/^date: 2030-01-01$/date: 2018-01-03/' "$post"

printf -- '---\ntitle: Uusi\ndate: 2018-01-04\ntags: [Lappi]\n---\nUusi kirjoitus.\n' \
    >"$site/content/blogi/uusi.md"
rebuild
same "edits: a post added"
rm "$site/content/blogi/uusi.md"
rebuild
same "edits: a post removed"
rm "$site/content/tietoa.md"
rebuild
same "edits: a page removed"

edit "an event's title" 's/^title: "Perhemessut"$/title: "Perhemessut uudet"/' "$event"
edit "an event's dates" 's/^end: 2017-11-01$/end: 2017-11-02/' "$event"
edit "an event's times" \
    's/^start: 2017-10-30$/start: 2017-10-30T10:00/;s/^end: 2017-11-02$/end: 2017-11-02T16:00/' \
    "$event"
check "edits: ...which reach its calendar file" \
    grep -q "DTEND:20171102T140000Z" "$out"/tapahtumat/messut/*.ics
edit "an event's tags" 's/^location: "Rovaniemi"$/location: "Rovaniemi"\ntags: [Lappi]/' "$event"

edit "the site's title" 's/^title: .*/title: "Toinen nimi"/' "$site/site.yaml"
edit "the site's language" 's/^language: fi$/language: sv/' "$site/site.yaml"
edit "the site's language back" 's/^language: sv$/language: fi/' "$site/site.yaml"
printf 'sections:\n  uutiset: {schema_type: NewsArticle}\n' >>"$site/site.yaml"
rebuild
same "edits: a section's schema_type (the JSON-LD's @type)"
check "edits: ...which reaches the news post" \
    grep -q '"@type":"NewsArticle"' "$out/uutiset/kesaaika/index.html"
edit "the number of posts a list page shows" 's/^paginate: 2$/paginate: 3/' \
    "$site/site.yaml"

edit "a template" 's/<article/<article data-x="1"/' \
    "$site/themes/oma/templates/post.html"
edit "a section's own strings" \
    's/^    all_posts: "Kaikki uutiset"$/    all_posts: "Kaikki tiedotteet"/' \
    "$site/themes/oma/i18n/fi.yaml"
edit "the theme's strings" 's/^\(tags_title: \).*/\1"Aiheet"/' \
    "$site/themes/oma/i18n/fi.yaml"

# A hand-deleted or hand-edited output file is made again.
rm "$out/blogi/eka/index.html"
echo "käsin" >"$out/blogi/toinen/index.html"
rebuild
same "edits: output files deleted or edited by hand are made again"

# Another day: today's mark in the month grid and what is upcoming move.
now=2017-10-31
rebuild
same "edits: another --now"
now=2017-11-02
rebuild
same "edits: another --now, a day later"
