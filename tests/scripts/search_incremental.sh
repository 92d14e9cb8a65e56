#!/bin/sh
# Search (issues 17, 18): a rebuild with the cache folder makes the index
# a build from nothing makes, after edits that move documents (a date, a
# rename, a draft), a language change, and a rebuild after a one-word
# edit writes only the index files whose bytes changed (each chunk of
# terms is keyed by its terms' postings, not by the whole index).
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
NOW=2019-06-01
S=$TMP/site
mkdir -p "$S"
cp -r content site.yaml themes "$S/"
build() { "$SAITTI" build --source "$S" --out "$1" --cache "$2" --now $NOW --quiet; }
# same NAME [DIR]: the index (DIR: haku, the Finnish theme's) of the
# rebuild in $TMP/inc is the one a build from nothing makes.
same() {
	d=${2:-haku}
	rm -rf "$TMP/fresh" "$TMP/fcache"
	build "$TMP/fresh" "$TMP/fcache"
	if [ -f "$TMP/fresh/$d/i/index.json" ] &&
	    diff -r "$TMP/fresh/$d" "$TMP/inc/$d" >/dev/null; then
		pass "search incremental: $1"
	else
		fail "search incremental: $1" "$(diff -r "$TMP/fresh/$d" "$TMP/inc/$d" 2>&1 | head -5)"
	fi
}
# stamps: each index file's name, inode and change time.
stamps() { (cd "$TMP/inc/haku/i" && stat -c '%n %i %Z.%z' *); }

build "$TMP/inc" "$TMP/cache"

# One new word: the files that change are the post's documents chunk,
# the chunks of the new word's terms, and the manifest; not every chunk.
P=$S/content/blogi/2017/2017-10-11-nelja-kehittamiskokonaisuutta.md
stamps >"$TMP/before"
sleep 1
printf '\nKvanttitietokone.\n' >>"$P"
build "$TMP/inc" "$TMP/cache"
stamps >"$TMP/after"
changed=$(diff "$TMP/before" "$TMP/after" | grep -c '^>')
chunks=$(wc -l <"$TMP/after")
# the documents' chunk, a chunk or two of terms, the manifest
if [ "$changed" -ge 2 ] && [ "$changed" -le 6 ] && [ "$chunks" -gt 12 ]; then
	pass "search incremental: a one-word edit writes a few index files ($changed of $chunks)"
else
	fail "search incremental: a one-word edit writes a few index files" "$changed of $chunks: $(diff "$TMP/before" "$TMP/after" | head)"
fi
same "after a one-word edit"

# A new date moves the post among the documents (newest first).
sed -i 's/^date: .*/date: 2018-12-31/' "$P"
build "$TMP/inc" "$TMP/cache"
same "after a date moved a post"

# A rename: another URL, another place among undated-equal neighbours.
mv "$P" "$S/content/blogi/2017/2017-10-11-uusi-nimi.md"
P=$S/content/blogi/2017/2017-10-11-uusi-nimi.md
build "$TMP/inc" "$TMP/cache"
same "after a post was renamed"

# A draft leaves the index, and comes back.
sed -i 's/^title: /draft: true\ntitle: /' "$P"
build "$TMP/inc" "$TMP/cache"
if ! grep -rq 'Kvanttitietokone\|kvanttitietokone' "$TMP/inc/haku/i/"; then
	pass "search incremental: a draft's words leave the index"
else
	fail "search incremental: a draft's words leave the index"
fi
same "after a post became a draft"
sed -i '/^draft: true$/d' "$P"
build "$TMP/inc" "$TMP/cache"
same "after the draft was published again"

# Another section: the post moved to the news.
mv "$P" "$S/content/uutiset/2018/2017-10-11-uusi-nimi.md"
build "$TMP/inc" "$TMP/cache"
same "after a post moved to another section"

# Another language: another analyser, every term made again.
sed -i 's/^language: fi/language: sv/' "$S/site.yaml"
build "$TMP/inc" "$TMP/cache"
same "after the site's language changed" sok
sed -i 's/^language: sv/language: fi/' "$S/site.yaml"
build "$TMP/inc" "$TMP/cache"
same "after the language changed back"

# A damaged search-files list: the chunks are all made again.
printf 'garbage\n' >"$TMP/cache/search-files"
printf '\nToinen lisäys.\n' >>"$S/content/uutiset/2018/2017-10-11-uusi-nimi.md"
build "$TMP/inc" "$TMP/cache"
same "with a damaged list of the last build's files"

# The last build's index, patched (issue 17): a rebuild after a few
# documents changed takes it from the cache folder's search-index and
# does not read every document's words again, so the cache of those
# (search-docs) is neither read nor written. Each kind of edit, against
# a build from nothing.
build "$TMP/inc" "$TMP/cache"
Q=$S/content/blogi/2018/2018-05-22-avoimet-kohtaamispaikat.md
cp "$Q" "$TMP/q.orig"
rm -f "$TMP/cache/search-docs"
printf '\nSanaton sanahirviö ylimaalliskaunis.\n' >>"$Q"
build "$TMP/inc" "$TMP/cache"
if [ -f "$TMP/cache/search-index" ] && [ ! -f "$TMP/cache/search-docs" ]; then
	pass "search incremental: one edit patches the last build's index"
else
	fail "search incremental: one edit patches the last build's index" "$(ls "$TMP/cache")"
fi
if grep -rq 'sanahirvi' "$TMP/inc/haku/i/"; then
	pass "search incremental: a word no document had joins the index"
else
	fail "search incremental: a word no document had joins the index"
fi
same "after an edit that adds words no document had (patched)"
cp "$TMP/q.orig" "$Q"
build "$TMP/inc" "$TMP/cache"
if ! grep -rq 'sanahirvi' "$TMP/inc/haku/i/"; then
	pass "search incremental: a word's last document gone, the word leaves"
else
	fail "search incremental: a word's last document gone, the word leaves"
fi
same "after the edit was reverted"
sed -i 's/^title: .*/title: "Avoimet kohtaamispaikat – uusi otsikko"/' "$Q"
build "$TMP/inc" "$TMP/cache"
same "after a title changed"
sed -i 's/^tags: .*/tags: [kohtaamispaikka, uusiavainsana]/' "$Q"
build "$TMP/inc" "$TMP/cache"
same "after the tags changed"
sed -i 's/^date: .*/date: 2016-01-02/' "$Q"
build "$TMP/inc" "$TMP/cache"
same "after a date moved a post to the end"
sed -i 's/^title: /draft: true\ntitle: /' "$Q"
build "$TMP/inc" "$TMP/cache"
same "after a post became a draft (patched)"
cp "$TMP/q.orig" "$Q"
build "$TMP/inc" "$TMP/cache"
same "after the post was restored"
N=$S/content/blogi/2018/2018-06-01-uusi-kirjoitus.md
printf -- '---\ntitle: "Uusi kirjoitus"\ndate: 2018-06-01\ntags: [perhekeskus]\n---\nAivan uusi kirjoitus kohtaamispaikoista ja perhekeskuksista.\n' >"$N"
build "$TMP/inc" "$TMP/cache"
same "after a post was added"
rm "$N"
build "$TMP/inc" "$TMP/cache"
same "after the post was removed"
if [ ! -f "$TMP/cache/search-docs" ]; then
	pass "search incremental: every edit above was patched"
else
	fail "search incremental: every edit above was patched"
fi

# A damaged search-index is not read: the index is made from nothing.
damage() {
	build "$TMP/inc" "$TMP/cache"
	printf '\nLisätty lause %s.\n' "$1" >>"$Q"
	python3 - "$TMP/cache/search-index" "$1" <<'PY'
import sys
path, how = sys.argv[1], sys.argv[2]
data = bytearray(open(path, 'rb').read())
if how == 'cut':
    data = data[:len(data) // 2]
elif how == 'flip':
    data[len(data) // 2] ^= 0x10
elif how == 'header':
    data[60] ^= 0x01
else:
    data = bytearray(b'x' * len(data))
open(path, 'wb').write(data)
PY
	build "$TMP/inc" "$TMP/cache"
	same "with a search-index damaged ($1)"
}
damage cut
damage flip
damage header
damage garbage
cp "$TMP/q.orig" "$Q"
build "$TMP/inc" "$TMP/cache"
same "after the damaged caches, the edit reverted"

# The list of the index's files (search-files, render/searchfiles.h)
# damaged while nothing indexed changed (a file touched, so the stamp
# does not stand): a list cut at a line's end once made the rebuild keep
# only the files it named and drop the others from the output.
fdamage() {
	build "$TMP/inc" "$TMP/cache"
	python3 - "$TMP/cache/search-files" "$1" <<'PY'
import sys
path, how = sys.argv[1], sys.argv[2]
data = bytearray(open(path, 'rb').read())
lines = data.split(b'\n')
if how == 'lines':
    data = b'\n'.join(lines[:len(lines) // 2]) + b'\n'
elif how == 'end':
    data = b'\n'.join(lines[:-2]) + b'\n'
elif how == 'cut':
    data = data[:len(data) // 2]
elif how == 'flip':
    data[len(data) // 2] ^= 0x01
else:
    data = bytearray(b'x' * len(data))
open(path, 'wb').write(data)
PY
	sleep 0.2
	touch "$Q"
	build "$TMP/inc" "$TMP/cache"
	same "with search-files damaged ($1)"
	if tail -1 "$TMP/cache/search-files" | grep -q '^end [0-9a-f]\{16\}$'; then
		pass "search incremental: search-files ($1) written whole again"
	else
		fail "search incremental: search-files ($1) written whole again"
	fi
}
fdamage lines
fdamage end
fdamage cut
fdamage flip
fdamage garbage

# Another Voikko dictionary (a package update replaces its files): the
# kept index and analyses are not used, the index is made from nothing.
# (Each build here follows an edit; the stamp's own test of the
# dictionary is below.)
if [ -f /usr/lib/voikko/5/mor-standard/mor.vfst ]; then
	mkdir -p "$TMP/voikko"
	cp -r /usr/lib/voikko/5 "$TMP/voikko/"
	export VOIKKO_DICTIONARY_PATH="$TMP/voikko"
	rm -f "$TMP/cache/search-docs"
	printf '\nYksi lisälause.\n' >>"$Q"
	build "$TMP/inc" "$TMP/cache"
	if [ -f "$TMP/cache/search-docs" ]; then
		pass "search incremental: a dictionary found elsewhere, the index made from nothing"
	else
		fail "search incremental: a dictionary found elsewhere, the index made from nothing"
	fi
	same "after the dictionary was found elsewhere"
	rm -f "$TMP/cache/search-docs"
	printf '\nKaksi lisälausetta.\n' >>"$Q"
	build "$TMP/inc" "$TMP/cache"
	if [ ! -f "$TMP/cache/search-docs" ]; then
		pass "search incremental: the same dictionary, the index patched"
	else
		fail "search incremental: the same dictionary, the index patched"
	fi
	touch -d '2001-01-01' "$TMP/voikko/5/mor-standard/mor.vfst"
	cp "$TMP/q.orig" "$Q"
	build "$TMP/inc" "$TMP/cache"
	if [ -f "$TMP/cache/search-docs" ]; then
		pass "search incremental: another dictionary, the index made from nothing"
	else
		fail "search incremental: another dictionary, the index made from nothing"
	fi
	same "after the dictionary changed"
	unset VOIKKO_DICTIONARY_PATH
fi

# The stamp (cli/stamp.h) knows the analyser's files: a dictionary that
# a package update replaced makes a rebuild with nothing else changed a
# full one, whose output is a build from nothing's; the same dictionary
# still lets the stamp stand. A site without search does not ask.
if [ -f /usr/lib/voikko/5/mor-standard/mor.vfst ]; then
	rm -rf "$TMP/voikko2"
	mkdir -p "$TMP/voikko2"
	cp -r /usr/lib/voikko/5 "$TMP/voikko2/"
	export VOIKKO_DICTIONARY_PATH="$TMP/voikko2"
	DICT=$TMP/voikko2/5/mor-standard/mor.vfst
	# Not --quiet: the summary says whether the stamp stood.
	sbuild() {
		sleep 0.2   # past the stamp's margin for files changed at its start
		LANGUAGE=en "$SAITTI" build --source "$S" --out "$TMP/inc" \
		    --cache "$TMP/cache" --now $NOW >"$TMP/slog" 2>&1
	}
	stood() { grep -q "nothing changed since the last build" "$TMP/slog"; }
	whole() {
		rm -rf "$TMP/fresh" "$TMP/fcache"
		build "$TMP/fresh" "$TMP/fcache"
		if diff -r "$TMP/fresh" "$TMP/inc" >"$TMP/sdiff" 2>&1; then
			pass "search stamp: $1"
		else
			fail "search stamp: $1" "$(head -5 "$TMP/sdiff")"
		fi
	}
	sbuild
	check "search stamp: a dictionary found elsewhere: a full build" \
	    sh -c "! grep -q 'nothing changed since' '$TMP/slog'"
	sbuild
	check "search stamp: the same dictionary: the stamp stands" stood
	touch -d '2001-01-01' "$DICT"
	sbuild
	check "search stamp: the dictionary's time changed: a full build" \
	    sh -c "! grep -q 'nothing changed since' '$TMP/slog'"
	whole "the dictionary's time changed: a build from nothing's output"
	cp "$TMP/inc/haku/i/index.json" "$TMP/index.before"
	# A cut dictionary Voikko cannot read: other analyses, other files.
	head -c 1000 /usr/lib/voikko/5/mor-standard/mor.vfst >"$DICT"
	sbuild
	check "search stamp: a dictionary replaced: a full build" \
	    sh -c "! grep -q 'nothing changed since' '$TMP/slog'"
	check "search stamp: a dictionary replaced: the index changed" \
	    sh -c "! cmp -s '$TMP/index.before' '$TMP/inc/haku/i/index.json'"
	whole "a dictionary replaced: a build from nothing's output"
	sbuild
	check "search stamp: the replaced dictionary again: the stamp stands" stood
	# Without search, the dictionary does not matter to the output.
	printf '\npaths: {search: ""}\n' >>"$S/site.yaml"
	sbuild
	sbuild
	check "search stamp: no search: the stamp stands" stood
	cp /usr/lib/voikko/5/mor-standard/mor.vfst "$DICT"
	sbuild
	check "search stamp: no search: a dictionary replaced, the stamp stands" stood
	whole "no search: the stamp's output is a build from nothing's"
	unset VOIKKO_DICTIONARY_PATH
fi
