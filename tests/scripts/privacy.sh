#!/bin/sh
# No personal data by accident (issue 14, part 3): a committer's name
# reaches no output file unless site.yaml says `git_authors: true`; a post
# without `author` is credited to its section's or the site's author, shown
# as the publisher ("Julkaisija", schema.org Organization).
. tests/scripts/lib.sh
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$TMP"
unset SAITTI_CACHE GIT_DIR GIT_WORK_TREE
NOW=2018-06-01
repo="$TMP/repo"
NAME="Äijö Åkerlund"

commit() {   # commit DATE git-commit-arguments...
	when=$1
	shift
	GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" \
	    git -C "$repo" -c user.name="$NAME" -c user.email=aijo@example.invalid \
	    -c commit.gpgsign=false commit -q "$@"
}
post() {   # post FILE TITLE [front matter lines...]
	f="$repo/content/$1" t=$2
	shift 2
	mkdir -p "$(dirname "$f")"
	{ echo "---"; echo "title: \"$t\""; for l in "$@"; do echo "$l"; done
	  echo "---"; echo; echo "Teksti: $t."; } >"$f"
}
build() {   # build OUT: stderr in $TMP/err
	"$SAITTI" build --source "$repo" --out "$1" --now "$NOW" 2>"$TMP/err"
}
# nowhere NAME OUT TEXT: no file under OUT contains TEXT.
nowhere() {
	found=$(grep -rlF -- "$3" "$2")
	if [ -z "$found" ] && [ -s "$2/index.html" ]; then pass "$1"
	else fail "$1" "found in: $found"; fi
}
has() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then pass "$1"
	else fail "$1" "want: $3 in $2"; fi
}

mkdir -p "$repo/themes"
cp -r "$TOP/themes/default" "$repo/themes/default"
site() {
	cat >"$repo/site.yaml" <<EOF
title: "Yksityisyystesti"
base_url: "https://example.fi/"
author: "LAPE-toimitus"
sections:
  uutiset: {title: "Uutiset", author: "Uutistoimitus"}
$1
EOF
}
site ""
post index.md Etusivu
post blogi/eka.md "Eka kirjoitus"
post uutiset/uutinen.md "Uutinen"
post blogi/oma.md "Omalla nimellä" "author: Hanke Oy"
git -C "$repo" init -q -b main || { fail "privacy: git init"; exit 0; }
git -C "$repo" add -A
commit "2018-03-01T10:00:00+02:00" -m "Kirjoituksia"

# --- the default: no name from git anywhere ----------------------------
build "$TMP/o1" || fail "privacy: build" "$(cat "$TMP/err")"
nowhere "privacy: the committer's name is in no output file" "$TMP/o1" "$NAME"
nowhere "privacy: nor part of it" "$TMP/o1" "Åkerlund"
nowhere "privacy: nor the committer's e-mail" "$TMP/o1" "aijo@"
p="$TMP/o1/blogi/eka/index.html"
has "privacy: a post without author is the site's" "$p" \
    '"author":{"@type":"Organization","name":"LAPE-toimitus"}'
has "privacy: shown as the publisher" "$p" 'Julkaisija: LAPE-toimitus'
has "privacy: a news post is its section's" "$TMP/o1/uutiset/uutinen/index.html" \
    'Julkaisija: Uutistoimitus'
has "privacy: the feed credits the section" "$TMP/o1/rss.xml" \
    '<dc:creator>Uutistoimitus</dc:creator>'
has "privacy: front matter author wins, an organisation by default" \
    "$TMP/o1/blogi/oma/index.html" '"@type":"Organization","name":"Hanke Oy"'

# --- git_authors: true: the name is shown, as a person ---------------
site "git_authors: true"
build "$TMP/o2" || fail "privacy: build with git_authors" "$(cat "$TMP/err")"
p="$TMP/o2/blogi/eka/index.html"
has "privacy: git_authors: true shows the committer" "$p" "Kirjoittaja: $NAME"
has "privacy: as a Person in JSON-LD" "$p" "\"@type\":\"Person\",\"name\":\"$NAME\""
has "privacy: and in the feed" "$TMP/o2/rss.xml" "<dc:creator>$NAME</dc:creator>"
has "privacy: front matter still wins" "$TMP/o2/blogi/oma/index.html" \
    'Julkaisija: Hanke Oy'

# --- author_type: person for a section ------------------------------
site "author_type: person"
build "$TMP/o3" || fail "privacy: build with author_type" "$(cat "$TMP/err")"
has "privacy: author_type: person labels front matter authors writers" \
    "$TMP/o3/blogi/oma/index.html" 'Kirjoittaja: Hanke Oy'
has "privacy: but a default author stays the publisher" \
    "$TMP/o3/blogi/eka/index.html" 'Julkaisija: LAPE-toimitus'
nowhere "privacy: and no name from git" "$TMP/o3" "$NAME"

# --- mistakes in site.yaml ----------------------------------------------
site "git_authors: kyllä"
if ! LANGUAGE=en build "$TMP/o4" && grep -q "^site.yaml:6:14: error: 'git_authors' must be true or false" "$TMP/err"; then
	pass "privacy: git_authors must be true or false"
else fail "privacy: git_authors must be true or false" "$(cat "$TMP/err")"; fi
site "author_type: ihminen"
if ! LANGUAGE=en build "$TMP/o5" && grep -q "^site.yaml:6:14: error: author_type 'ihminen' is not known" "$TMP/err"; then
	pass "privacy: author_type must be organization or person"
else fail "privacy: author_type must be organization or person" "$(cat "$TMP/err")"; fi
site "git_authors: kyllä"
if ! LANGUAGE=fi build "$TMP/o6" && grep -q "^site.yaml:6:14: error: 'git_authors' on joko true tai false" "$TMP/err"; then
	pass "privacy: and says so in Finnish"
else fail "privacy: and says so in Finnish" "$(cat "$TMP/err")"; fi
