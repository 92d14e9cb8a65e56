#!/bin/sh
# Search (issue 18): the index of the project's own site, what the page's
# JavaScript finds in it (recall on tests/search/fi-queries.json, run by
# node with the real haku.js), determinism, and the rebuild that keeps it.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
NOW=2019-06-01
build() { SAITTI_CACHE=$2 "$SAITTI" build --source . --out "$1" --now $NOW --quiet; }

build "$TMP/a" "$TMP/cache-a" 2>"$TMP/err"
if [ -f "$TMP/a/haku/index.html" ] && [ -f "$TMP/a/haku/i/index.json" ]; then
	pass "search: /haku/ and its index are written"
else
	fail "search: /haku/ and its index are written" "$(cat "$TMP/err")"
fi
if grep -q 'action="/haku/"' "$TMP/a/index.html" && grep -q 'name="q"' "$TMP/a/blogi/talla-reseptilla-onnistumme/index.html"; then
	pass "search: every page has the search box"
else
	fail "search: every page has the search box"
fi
if grep -q '"analyser":"voikko' "$TMP/a/haku/i/index.json"; then
	pass "search: Finnish goes through Voikko"
else
	fail "search: Finnish goes through Voikko" "$(head -c 200 "$TMP/a/haku/i/index.json")"
fi
# No request leaves the site: the page's script and the index name no host.
if ! grep -Eq 'https?://' "$TMP/a/haku.js" && ! grep -q '<script src="http' "$TMP/a/haku/index.html"; then
	pass "search: the script loads nothing from elsewhere"
else
	fail "search: the script loads nothing from elsewhere"
fi

# Determinism: a second build from nothing, and a third with the caches
# of the first, give the same bytes.
build "$TMP/b" "$TMP/cache-b"
rm -rf "$TMP/c"
build "$TMP/c" "$TMP/cache-a"
if diff -r "$TMP/a/haku" "$TMP/b/haku" >/dev/null && diff -r "$TMP/a/haku" "$TMP/c/haku" >/dev/null; then
	pass "search: the index is the same bytes in every build"
else
	fail "search: the index is the same bytes in every build" "$(diff -r "$TMP/a/haku" "$TMP/b/haku" | head -5)"
fi
# The analyses are cached: the second build with the cache analysed none.
if grep -q "^saitti-search-words 1	voikko" "$TMP/cache-a/search-words" 2>/dev/null; then
	pass "search: word analyses are kept in the cache folder"
else
	fail "search: word analyses are kept in the cache folder"
fi
# A rebuild with nothing changed writes none of the index again.
ls -li "$TMP/a/haku/i" >"$TMP/before"
SAITTI_CACHE=$TMP/cache-a "$SAITTI" build --source . --out "$TMP/a" --now $NOW 2>"$TMP/err2"
ls -li "$TMP/a/haku/i" >"$TMP/after"
if cmp -s "$TMP/before" "$TMP/after" && grep -q ' 0 changed' "$TMP/err2"; then
	pass "search: a rebuild keeps the index files as they are"
else
	fail "search: a rebuild keeps the index files as they are" "$(diff "$TMP/before" "$TMP/after"; tail -3 "$TMP/err2")"
fi

# Damaged caches cost time, never the index: a cut analyses file, one of
# another analyser and a garbage file list are all read as no cache.
for damage in cut foreign garbage; do
	case $damage in
	cut) head -c 300 "$TMP/cache-a/search-words" >"$TMP/w" && mv "$TMP/w" "$TMP/cache-a/search-words" ;;
	foreign) printf 'saitti-search-words 1\tsnowball finnish\nperhekeskus\tx \t\n' >"$TMP/cache-a/search-words" ;;
	garbage) printf 'not a digest\n../../etc/passwd\n' >"$TMP/cache-a/search-files" ;;
	esac
	rm -rf "$TMP/e"
	build "$TMP/e" "$TMP/cache-a"
	if diff -r "$TMP/a/haku" "$TMP/e/haku" >/dev/null; then
		pass "search: a damaged cache ($damage) gives the same index"
	else
		fail "search: a damaged cache ($damage) gives the same index" "$(diff -r "$TMP/a/haku" "$TMP/e/haku" | head -5)"
	fi
done

# Recall on the Finnish test set, with the page's own query code.
if ! command -v node >/dev/null; then
	fail "search: recall (node is missing: make test-deps)"
elif node tests/search/run.js recall "$TMP/a" tests/search/fi-queries.json 0.95 >"$TMP/recall" 2>&1; then
	pass "search: $(tail -n 1 "$TMP/recall")"
else
	fail "search: recall below 95 %" "$(cat "$TMP/recall")"
fi
if node tests/search/run.js query "$TMP/a" 'perhekeskuksissa' | grep -q '/perhekeskustoimintamalli/' &&
    node tests/search/run.js query "$TMP/a" 'lapsiperheet' | grep -q '/blogi/mita-perhekeskus-tarjoaa/'; then
	pass "search: inflected forms and compounds reach the base form"
else
	fail "search: inflected forms and compounds reach the base form"
fi
# Ranking: a title match comes first.
first=$(node tests/search/run.js query "$TMP/a" 'perhekeskustoimintamalli' | cut -d' ' -f2)
if [ "$first" = /perhekeskustoimintamalli/ ]; then
	pass "search: a title match ranks first"
else
	fail "search: a title match ranks first" "$first"
fi
# A phrase must stand word for word.
if ! node tests/search/run.js query "$TMP/a" '"muutosohjelma perhekeskus"' | grep -q ' /' &&
    node tests/search/run.js query "$TMP/a" 'muutosohjelma perhekeskus' | grep -q ' /' &&
    node tests/search/run.js query "$TMP/a" '"lapsi- ja perhepalveluiden muutosohjelma"' | grep -q ' /blogi/talla-reseptilla-onnistumme/'; then
	pass "search: a phrase in quotes matches word for word only"
else
	fail "search: a phrase in quotes matches word for word only"
fi

# A theme without the search template has no search and no box. (A theme
# of its own name: a site's themes/default/ would take the missing file
# from the installed default theme.)
mkdir -p "$TMP/site"
cp -r content site.yaml "$TMP/site/"
mkdir -p "$TMP/site/themes"
cp -r themes/default "$TMP/site/themes/oma"
sed -i 's/^theme: default$/theme: oma/' "$TMP/site/site.yaml"
rm "$TMP/site/themes/oma/templates/search.html"
"$SAITTI" build --source "$TMP/site" --out "$TMP/d" --now $NOW --quiet
if [ ! -e "$TMP/d/haku" ] && ! grep -q 'site-search' "$TMP/d/index.html"; then
	pass "search: no search template, no search"
else
	fail "search: no search template, no search"
fi

# A Swedish site: the folder from sv.yaml, Snowball's stems, and a form the
# site never used found through its stem.
S=$TMP/sv
mkdir -p "$S/content/nyheter" "$S/themes"
cp -r themes/default "$S/themes/default"
cat >"$S/site.yaml" <<'YAML'
title: "Familjer"
language: sv
timezone: Europe/Helsinki
base_url: "https://example.se/"
theme: default
YAML
printf -- '---\ntitle: "Hem"\n---\nVälkommen.\n' >"$S/content/index.md"
printf -- '---\ntitle: "Familjecentralerna öppnar"\ndate: 2020-01-02\n---\nBarnfamiljerna får stöd i familjecentralen.\n' >"$S/content/nyheter/2020-01-02-familjecentraler.md"
printf -- '---\ntitle: "Skolan börjar"\ndate: 2020-01-03\n---\nEleverna kommer tillbaka. Ettmycketlångtordsomintegårattsökapåeftersomdetärlängreänsextiofyrabyte.\n' >"$S/content/nyheter/2020-01-03-skolan.md"
"$SAITTI" build --source "$S" --out "$TMP/svout" --now 2020-02-01 --quiet 2>"$TMP/sverr"
if [ -f "$TMP/svout/sok/i/index.json" ] && grep -q '"analyser":"snowball swedish"' "$TMP/svout/sok/i/index.json"; then
	pass "search: a Swedish site searches at /sok/ with Snowball"
else
	fail "search: a Swedish site searches at /sok/ with Snowball" "$(cat "$TMP/sverr"; ls "$TMP/svout")"
fi
got=$(node tests/search/run.js query "$TMP/svout" familjecentralen familjecentraler barnfamilj 2>&1)
if [ "$(printf '%s\n' "$got" | grep -c ' /nyheter/familjecentraler/$')" = 3 ] &&
    ! printf '%s\n' "$got" | grep -q skolan; then
	pass "search: Swedish forms reach the stem"
else
	fail "search: Swedish forms reach the stem" "$got"
fi
if ! grep -rq 'ettmycket' "$TMP/svout/sok/i/" && grep -rq '"elev' "$TMP/svout/sok/i/"; then
	pass "search: a word over 64 bytes is not indexed"
else
	fail "search: a word over 64 bytes is not indexed"
fi
