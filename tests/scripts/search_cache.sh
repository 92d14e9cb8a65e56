#!/bin/sh
# Search (issue 18): the cache of each document's words (search-docs in
# the cache folder, model/docwords). A rebuild reads again only the
# documents whose text changed, and its index is the same bytes as a
# build from nothing, after edits, removals, additions and damage.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
NOW=2019-06-01
S=$TMP/site
mkdir -p "$S"
cp -r content site.yaml themes "$S/"
# build OUT CACHE
build() { "$SAITTI" build --source "$S" --out "$1" --cache "$2" --now $NOW --quiet; }
# same NAME: the incremental output ($TMP/inc, cache $TMP/cache) is the
# index a build from nothing makes.
same() {
	rm -rf "$TMP/fresh" "$TMP/fcache"
	build "$TMP/fresh" "$TMP/fcache"
	if diff -r "$TMP/fresh/haku" "$TMP/inc/haku" >/dev/null; then
		pass "search cache: $1"
	else
		fail "search cache: $1" "$(diff -r "$TMP/fresh/haku" "$TMP/inc/haku" | head -5)"
	fi
}
has_term() { grep -rq "\"$1\":" "$TMP/inc/haku/i/"; }

build "$TMP/inc" "$TMP/cache"
if head -c 20 "$TMP/cache/search-docs" 2>/dev/null | grep -q '^saitti-search-docs 1'; then
	pass "search cache: each document's words are kept in the cache folder"
else
	fail "search cache: each document's words are kept in the cache folder"
fi

# New words in a post's body are found after a rebuild with the cache.
P=$S/content/blogi/2018/2018-03-13-mita-perhekeskus-tarjoaa.md
printf '\nSorsanpoikasetkin uivat tyynessä lammessa.\n' >>"$P"
build "$TMP/inc" "$TMP/cache"
if has_term sorsanpoikanen || has_term sorsanpoikasetkin; then
	pass "search cache: an edited post's new words are indexed"
else
	fail "search cache: an edited post's new words are indexed"
fi
same "after a body edit, the index of a build from nothing"

# Words taken out of a post leave the index.
sed -i 's/Sorsanpoikasetkin uivat/Joutsenet lentävät/' "$P"
build "$TMP/inc" "$TMP/cache"
if ! has_term sorsanpoikanen && ! has_term sorsanpoikasetkin; then
	pass "search cache: words taken out of a post leave the index"
else
	fail "search cache: words taken out of a post leave the index"
fi
same "after words were taken out"

sed -i 's/^title: .*/title: "Kissanpentujen kesäleiri"/' "$P"
build "$TMP/inc" "$TMP/cache"
same "after a title edit"

E=$(ls "$S"/content/tapahtumat/*.md | head -n 1)
sed -i 's/^location: .*/location: "Oulu, kirjasto Pegasus"/' "$E"
build "$TMP/inc" "$TMP/cache"
same "after an event's place changed"

rm "$S/content/blogi/2018/2018-05-22-avoimet-kohtaamispaikat.md"
build "$TMP/inc" "$TMP/cache"
same "after a post was removed"

printf -- '---\ntitle: "Uusi kirjoitus"\ndate: 2018-12-30\ntags: ["uusi"]\n---\nKirahvit ja seeprat.\n' >"$S/content/blogi/2018/2018-12-30-uusi.md"
build "$TMP/inc" "$TMP/cache"
same "after a post was added"

# The theme's strings write the documents' dates and the events' section:
# a change to them remakes the documents' table.
sed -i 's/^  short: .*/  short: "{d}. {m}. {Y}"/; s/^events_title: .*/events_title: "Menot"/' "$S/themes/default/i18n/fi.yaml"
build "$TMP/inc" "$TMP/cache"
if grep -q '"Menot"' "$TMP/inc/haku/i/d-0.json" && grep -rq '"[0-9]*\. [0-9]*\. 20[0-9]*"' "$TMP/inc/haku/i/"; then
	pass "search cache: the theme's date format and section names reach the index"
else
	fail "search cache: the theme's date format and section names reach the index"
fi
same "after the theme's strings changed"

# A damaged file (one byte changed, or cut) and one of garbage are read as
# no cache: the index is still the one a build from nothing makes.
for damage in byte cut garbage; do
	f=$TMP/cache/search-docs
	n=$(wc -c <"$f")
	case $damage in
	byte) printf '\377' | dd of="$f" bs=1 seek=$((n / 2)) conv=notrunc 2>/dev/null ;;
	cut) head -c $((n - 5)) "$f" >"$f.x" && mv "$f.x" "$f" ;;
	garbage) head -c 4096 /dev/urandom >"$f" ;;
	esac
	echo "Muutos $damage." >>"$P"
	rm -rf "$TMP/inc"
	build "$TMP/inc" "$TMP/cache"
	same "a damaged cache ($damage) gives the same index"
done

# The cache file is not followed through a symbolic link: the link's
# target is neither read nor written.
mv "$TMP/cache/search-docs" "$TMP/elsewhere"
cp "$TMP/elsewhere" "$TMP/elsewhere.orig"
ln -s "$TMP/elsewhere" "$TMP/cache/search-docs"
echo "Vielä yksi muutos." >>"$P"
# Without the kept index (search-index), whose patch reads no search-docs.
rm -f "$TMP/cache/search-index"
build "$TMP/inc" "$TMP/cache"
if cmp -s "$TMP/elsewhere" "$TMP/elsewhere.orig" && [ ! -L "$TMP/cache/search-docs" ]; then
	pass "search cache: a linked cache file is replaced, its target left alone"
else
	fail "search cache: a linked cache file is replaced, its target left alone"
fi
same "with a linked cache file"

# The other cache files of search (the word cache, the list of index
# files) and their temporary files are not followed through links
# either: a commit can put links into a cache folder inside the site, and
# a build must never write outside its output and cache.
for name in search-words search-files search-words.tmp search-files.tmp; do
	rm -f "$TMP/cache/$name"
	echo "ei saa muuttua" >"$TMP/outside-$name"
	ln -s "$TMP/outside-$name" "$TMP/cache/$name"
done
echo "Ja vielä yksi." >>"$P"
build "$TMP/inc" "$TMP/cache"
for name in search-words search-files search-words.tmp search-files.tmp; do
	if [ "$(cat "$TMP/outside-$name")" = "ei saa muuttua" ]; then
		pass "search cache: a link at $name: its target is left alone"
	else
		fail "search cache: a link at $name: its target is left alone"
	fi
done
check "search cache: the links are replaced by the cache's own files" \
    sh -c "[ ! -L '$TMP/cache/search-words' ] && [ ! -L '$TMP/cache/search-files' ]"
same "with links in the cache folder"

# The kept index (search-index, model/searchcache) the same: a link there
# is neither read nor written through, and is replaced.
build "$TMP/inc" "$TMP/cache"
mv "$TMP/cache/search-index" "$TMP/index-elsewhere"
cp "$TMP/index-elsewhere" "$TMP/index-elsewhere.orig"
ln -s "$TMP/index-elsewhere" "$TMP/cache/search-index"
echo "Ja taas yksi." >>"$P"
build "$TMP/inc" "$TMP/cache"
if cmp -s "$TMP/index-elsewhere" "$TMP/index-elsewhere.orig" &&
    [ -f "$TMP/cache/search-index" ] && [ ! -L "$TMP/cache/search-index" ]; then
	pass "search cache: a linked search-index is replaced, its target left alone"
else
	fail "search cache: a linked search-index is replaced, its target left alone"
fi
same "with a linked search-index"
