#!/bin/sh
# The keys of pages that hold posts' views are made from what the views
# are made of (render/viewkey.c), and the views only for the pages that
# are rendered (view_of). A list page or the archive whose templates never
# name `content` is keyed without the posts' bodies (mustache_names): an
# edit of a post's body below its summary leaves them, and a template
# that does name it (in a partial) has them made again. After each edit a
# rebuild with the caches equals a build from scratch, byte for byte.
. tests/scripts/lib.sh
site="$TMP/site"
out="$TMP/out"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
cp -r tests/fixtures/events/content/tapahtumat "$site/content/"
mkdir -p "$site/themes"
cp -r themes/default "$site/themes/oma"
sed -i 's/^theme: mini$/theme: oma/' "$site/site.yaml"
sed -n '/^paths:/p' tests/fixtures/events/site.yaml >>"$site/site.yaml"
post="$site/content/blogi/kolmas.md"
printf '\nToinen kappale.\n' >>"$post"

now=2018-06-01
rebuild() {
	"$SAITTI" build --source "$site" --out "$out" --now $now \
	    --verbose --jobs 2 "$@" >"$TMP/log" 2>&1
}
same() {
	name=$1
	shift
	rm -rf "$TMP/fresh" "$TMP/nocache"
	SAITTI_CACHE="$TMP/nocache" "$SAITTI" build --source "$site" \
	    --out "$TMP/fresh" --now $now --quiet "$@"
	if d=$(diff -r "$out" "$TMP/fresh"); then
		pass "$name"
	else
		fail "$name" "$d"
	fi
}
skipped() {
	sed -n 's/.* \([0-9][0-9]*\) pages\{0,1\} not rendered.*/\1/p' "$TMP/log"
}

rebuild
rebuild
sed -i 's/^Toinen kappale\.$/Toinen kappale muokattu./' "$post"
rebuild
lite=$(skipped)
same "view keys: a post's body below its summary"
check "view keys: ...is on its page" \
    grep -q 'Toinen kappale muokattu' "$out/blogi/kolmas-oma/index.html"
check "view keys: ...not on the list page, whose template has no body" \
    sh -c "! grep -q 'Toinen kappale' '$out/blogi/index.html'"

# The summary partial shows the body: the list pages hold it now.
printf '<div class="body">{{{content}}}</div>\n' \
    >>"$site/themes/oma/templates/partials/post-summary.html"
rebuild
same "view keys: a list template that names content"
sed -i 's/^Toinen kappale muokattu\.$/Toinen kappale taas./' "$post"
rebuild
full=$(skipped)
same "view keys: a post's body, shown on the list pages"
check "view keys: ...is on the section's list page" \
    grep -q 'Toinen kappale taas' "$out/blogi/index.html"
check "view keys: ...which are not skipped (skipped $full, was $lite)" \
    test "$full" -lt "$lite"

# What every view reads from the site: a section's title, the site's
# description, the address.
printf 'sections:\n  blogi: {title: "Blogin oma otsikko"}\n' >>"$site/site.yaml"
rebuild
same "view keys: a section's title"
check "view keys: ...in the post's view" \
    grep -q 'Blogin oma otsikko' "$out/blogi/kolmas-oma/index.html"
sed -i 's/^description: .*/description: "Toinen kuvaus"/' "$site/site.yaml"
rebuild
same "view keys: the site's description"
sed -i 's|^base_url: .*|base_url: "https://example.org/muu/"|' \
    "$site/site.yaml"
rebuild
same "view keys: the site's address"
# A neighbour's title is in the post's view (prev, next).
sed -i 's/^title: .*/title: "Naapurin uusi otsikko"/' \
    "$site/content/blogi/2017/"*.md
rebuild
same "view keys: a neighbour's title"
# Drafts shown: other posts, other neighbours.
rebuild --drafts
same "view keys: drafts built" --drafts
rebuild
same "view keys: drafts left out again"
rebuild
check "view keys: a rebuild with nothing changed renders no page" \
    grep -q "(0 rendered), [1-9][0-9]* pages not rendered" "$TMP/log"
