#!/bin/sh
# `saitti new` writes posts, news and events with their front matter and
# never overwrites; `saitti check` passes a good site, reports links that go
# nowhere as FILE:LINE:COL errors with exit 1, and writes no output; the
# build summary obeys --quiet and --verbose.
. tests/scripts/lib.sh
# The messages asserted below are the English ones.
export LANGUAGE=en
SITE="$TMP/site"
cp -R "$TOP/tests/fixtures/basic" "$SITE"
rm -rf "$SITE/expected" "$SITE/args"
printf '# Folders for `saitti new`.\nnew: {post: blogi, news: uutiset}\n' >>"$SITE/site.yaml"
# A name in git config must never reach a new file (privacy): the post is
# credited to its section or the site when it is built.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$TMP/tmpdir"
printf '[user]\n\tname = Testi Kirjoittaja\n' >"$HOME/.gitconfig"
export TMPDIR="$TMP/tmpdir"
NOW=2018-06-01

# --- new ---------------------------------------------------------------
got=$(cd "$SITE" && "$SAITTI" new post 'Hyvää päivää: "testi"' --now $NOW 2>&1); rc=$?
f="$SITE/content/blogi/2018-06-01-hyvaa-paivaa-testi.md"
if [ $rc = 0 ] && [ "$got" = content/blogi/2018-06-01-hyvaa-paivaa-testi.md ] && [ -f "$f" ]; then
	pass "new post: writes and prints content/blogi/DATE-slug.md"
else fail "new post: writes and prints content/blogi/DATE-slug.md" "$rc $got"; fi
expect='---
title: "Hyvää päivää: \"testi\""
date: 2018-06-01
tags: []
---'
if [ "$(head -n 5 "$f")" = "$expect" ]; then pass "new post: front matter, no author from git config"
else fail "new post: front matter, no author from git config" "$(cat "$f")"; fi

sum=$(cksum <"$f")
got=$(cd "$SITE" && "$SAITTI" new post 'Hyvää päivää: "testi"' --now $NOW 2>&1); rc=$?
if [ $rc = 1 ] && [ "$(cksum <"$f")" = "$sum" ] &&
    printf '%s\n' "$got" | grep -q '^content/blogi/2018-06-01-hyvaa-paivaa-testi.md: error: exists already'; then
	pass "new post: refuses to overwrite (exit 1)"
else fail "new post: refuses to overwrite (exit 1)" "$rc $got"; fi
if [ -z "$(find "$SITE/content" -name '.saitti-new-*')" ]; then pass "new: no temporary files left"
else fail "new: no temporary files left"; fi

got=$("$SAITTI" new news "Uutinen ääkkösin" --source "$SITE" --now "2018-06-02 23:30" 2>&1); rc=$?
f="$SITE/content/uutiset/2018-06-02-uutinen-aakkosin.md"
if [ $rc = 0 ] && [ "$got" = "$f" ] && grep -qx 'date: 2018-06-02' "$f" &&
    grep -qx 'title: "Uutinen ääkkösin"' "$f"; then
	pass "new news: content/uutiset/, path with --source"
else fail "new news: content/uutiset/, path with --source" "$rc $got"; fi

got=$(cd "$SITE" && "$SAITTI" new event "Vaikuttamistilaisuus Raisiossa" --start "7.11.2017 klo 12" --now $NOW 2>&1); rc=$?
f="$SITE/content/tapahtumat/2017-11-07-vaikuttamistilaisuus-raisiossa.md"
if [ $rc = 0 ] && [ "$got" = content/tapahtumat/2017-11-07-vaikuttamistilaisuus-raisiossa.md ] &&
    grep -qx 'title: "Vaikuttamistilaisuus Raisiossa"' "$f" &&
    grep -qx 'start: "7.11.2017 klo 12"' "$f"; then
	pass "new event: paths.events folder, named by its start"
else fail "new event: paths.events folder, named by its start" "$rc $got"; fi

got=$(cd "$SITE" && "$SAITTI" new event "Mahdoton" --start "31.2.2018" 2>&1); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q "start '31.2.2018': not a date: February" &&
    [ -z "$(ls "$SITE/content/tapahtumat" | grep mahdoton)" ]; then
	pass "new event: an impossible --start is refused"
else fail "new event: an impossible --start is refused" "$rc $got"; fi
(cd "$SITE" && "$SAITTI" new event "Ilman alkua" >/dev/null 2>&1); rc=$?
if [ $rc = 2 ]; then pass "new event: --start is required (exit 2)"
else fail "new event: --start is required (exit 2)" "$rc"; fi
(cd "$SITE" && "$SAITTI" new page "Sivu" >/dev/null 2>&1); rc=$?
if [ $rc = 2 ]; then pass "new: unknown kind (exit 2)"; else fail "new: unknown kind (exit 2)" "$rc"; fi
got=$(cd "$SITE" && "$SAITTI" new post "!!!" 2>&1); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q 'no letters or digits'; then
	pass "new: a title without letters is refused"
else fail "new: a title without letters is refused" "$rc $got"; fi

today=$(TZ=Europe/Helsinki date +%F)
got=$(cd "$SITE" && "$SAITTI" new post "Tämän päivän kirjoitus" 2>&1); rc=$?
if [ $rc = 0 ] && [ "$got" = "content/blogi/$today-taman-paivan-kirjoitus.md" ] &&
    grep -qx "date: $today" "$SITE/$got"; then
	pass "new: today in the site's time zone"
else fail "new: today in the site's time zone" "$rc $got (today $today)"; fi
rm -f "$SITE/$got"

# Not even the repository's own user.name.
REPO="$TMP/repo"
cp -R "$SITE" "$REPO"
git init -q "$REPO" && git -C "$REPO" config user.name "Paikallinen Nimi"
"$SAITTI" new post "Omasta säilöstä" --source "$REPO" --now $NOW >/dev/null 2>&1
if [ -f "$REPO/content/blogi/2018-06-01-omasta-sailosta.md" ] &&
    ! grep -q 'author\|Paikallinen' "$REPO/content/blogi/2018-06-01-omasta-sailosta.md"; then
	pass "new: no author from the repository's git config"
else fail "new: no author from the repository's git config"; fi

cp -R "$SITE" "$TMP/nonew"
sed -i '/^new:/d' "$TMP/nonew/site.yaml"
got=$("$SAITTI" new post "Kansioton" --source "$TMP/nonew" --now $NOW 2>&1); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q '^site.yaml: error: .*new: {post: '; then
	pass "new: site.yaml without new.post says what to add"
else fail "new: site.yaml without new.post says what to add" "$rc $got"; fi

# --- check -------------------------------------------------------------
got=$("$SAITTI" check --source "$SITE" --now $NOW 2>&1); rc=$?
if [ $rc = 0 ] && printf '%s\n' "$got" | grep -q 'no errors'; then
	pass "check: the site with the new files passes"
else fail "check: the site with the new files passes" "$rc $got"; fi
if [ ! -e "$SITE/public" ] && [ -z "$(ls -A "$TMP/tmpdir")" ]; then
	pass "check: writes no output, leaves no temporary folder"
else fail "check: writes no output, leaves no temporary folder" "$(ls -A "$SITE" "$TMP/tmpdir")"; fi
got=$("$SAITTI" check --source "$SITE" --now $NOW --quiet 2>&1); rc=$?
if [ $rc = 0 ] && [ -z "$got" ]; then pass "check: --quiet is silent"
else fail "check: --quiet is silent" "$got"; fi

cat >>"$SITE/content/tietoa.md" <<'EOF'

[Hyvä](blogi/2017/toinen.md), [etusivu](/lape/), [ulos](https://stm.fi/), [kohta](#alku),
[tapahtuma](tapahtumat/2017-11-07-vaikuttamistilaisuus-raisiossa.md)
[Puuttuva](blogi/2017/puuttuva.md) ja ![kuva](blogi/2017/puuttuva.svg)
ja [osoite](/lape/blogi/ei-ole/) ja [luonnos](blogi/luonnos.md)
ja [ilman polkua](/blogi/eka/) ja [kaavio](blogi/2017/kaavio.svg)
EOF
got=$("$SAITTI" check --source "$SITE" --now $NOW 2>&1); rc=$?
expect="content/tietoa.md:8:75: error: link to '#alku' goes nowhere: the page /lape/tietoa/ has no heading or anchor with the id 'alku' (a heading's id is made from its text: check the spelling)
content/tietoa.md:10:1: error: link to 'blogi/2017/puuttuva.md' goes nowhere: no published post or page is written in that file (check the name and folder; drafts and future posts are not published)
content/tietoa.md:10:39: error: image 'blogi/2017/puuttuva.svg' goes nowhere: no post, page or file of the site is at /lape/blogi/2017/puuttuva.svg (check the spelling; drafts and future posts are not published)
content/tietoa.md:11:4: error: link to '/lape/blogi/ei-ole/' goes nowhere: no post, page or file of the site is at /lape/blogi/ei-ole/ (check the spelling; drafts and future posts are not published)
content/tietoa.md:11:37: error: link to 'blogi/luonnos.md' goes nowhere: no post, page or file of the site is at /lape/blogi/luonnos/ (check the spelling; drafts and future posts are not published)
content/tietoa.md:12:4: error: link to '/blogi/eka/' goes nowhere: the site's addresses start with /lape/; write /lape/blogi/eka/
saitti: 6 errors"
if [ $rc = 1 ] && [ "$got" = "$expect" ]; then pass "check: links that go nowhere, FILE:LINE:COL, exit 1 (and links to events reach)"
else fail "check: links that go nowhere, FILE:LINE:COL, exit 1" "$rc
$(printf '%s\n' "$got" | diff -u - /dev/fd/3 3<<EOF
$expect
EOF
)"; fi
if [ ! -e "$SITE/public" ] && [ -z "$(ls -A "$TMP/tmpdir")" ]; then
	pass "check: no output after errors either"
else fail "check: no output after errors either"; fi
got=$("$SAITTI" check --source "$SITE" --now $NOW --drafts 2>&1); rc=$?
if [ $rc = 1 ] && ! printf '%s\n' "$got" | grep -q "'blogi/luonnos.md'"; then
	pass "check --drafts: links to drafts reach"
else fail "check --drafts: links to drafts reach" "$got"; fi

cp -R "$TMP/nonew" "$TMP/broken"
printf -- '---\ntitle: Rikki\ndate: 31.2.2018\n---\nTeksti.\n' >"$TMP/broken/content/blogi/rikki.md"
got=$("$SAITTI" check --source "$TMP/broken" --now $NOW 2>&1); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q '^content/blogi/rikki.md:3:7: error: date: '; then
	pass "check: build errors too"
else fail "check: build errors too" "$rc $got"; fi

export GIT_AUTHOR_NAME=Testi GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=Testi GIT_COMMITTER_EMAIL=t@example.invalid
(cd "$TMP/nonew" && git init -q && git add -A && git commit -qm good) &&
    printf '[rikki](ei-ole.md)\n' >>"$TMP/nonew/content/index.md"
if "$SAITTI" check --source "$TMP/nonew" --rev HEAD --now $NOW --quiet &&
    ! "$SAITTI" check --source "$TMP/nonew" --now $NOW --quiet 2>/dev/null; then
	pass "check --rev: checks the commit, not the working tree"
else fail "check --rev: checks the commit, not the working tree"; fi

# --- build summary -------------------------------------------------------
"$SAITTI" build --source "$TMP/repo" --out "$TMP/out" --now $NOW 2>"$TMP/err"; rc=$?
if [ $rc = 0 ] && grep -q '^saitti: built .* in [0-9]* ms$' "$TMP/err" &&
    grep -Eq '^  content  [0-9]+ posts?, [0-9]+ pages?, [0-9]+ events?, [0-9]+ tags?$' "$TMP/err" &&
    grep -Eq '^  output   [0-9]+ HTML pages, [0-9]+ feeds, [0-9]+ calendars?, [0-9]+ files copied$' "$TMP/err" &&
    grep -Eq '^  files    [0-9]+ in all: [0-9]+ changed, [0-9]+ unchanged$' "$TMP/err" &&
    ! grep -q threads "$TMP/err"; then
	pass "build: summary of pages, posts, events, feeds, files, time"
else fail "build: summary of pages, posts, events, feeds, files, time" "$(cat "$TMP/err")"; fi
"$SAITTI" build --source "$TMP/repo" --out "$TMP/out" --now $NOW --quiet 2>"$TMP/err"
if [ ! -s "$TMP/err" ]; then pass "build: --quiet prints nothing"
else fail "build: --quiet prints nothing" "$(cat "$TMP/err")"; fi
"$SAITTI" build --source "$TMP/repo" --out "$TMP/out" --now $NOW --verbose 2>"$TMP/err"
if grep -Eq '^  time     load [0-9]+ ms' "$TMP/err" && grep -Eq '^  threads  [0-9]+' "$TMP/err" &&
    grep -Eq '^  files    [0-9]+ in all: 0 changed' "$TMP/err"; then
	pass "build: --verbose adds times and threads"
else fail "build: --verbose adds times and threads" "$(cat "$TMP/err")"; fi

# --- the writer's guide (README "Kirjoittajan ohje") works on this ------
# repository as it stands: its `saitti new` commands (one copy of the
# site) and its first post written by hand (another: the two are the same
# post made two ways), taken from the README itself, build and check clean.
sed -n '/^## Kirjoittajan ohje/,/^## For developers/p' "$TOP/README.md" >"$TMP/guide.md"
for g in guide1 guide2; do
	mkdir -p "$TMP/$g"
	cp -R "$TOP/site.yaml" "$TOP/content" "$TOP/themes" "$TMP/$g/"
done
# builds NAME DIR: check and build DIR as of a day after the examples.
builds() {
	if "$SAITTI" check --source "$2" --now 2027-06-01 --quiet 2>"$TMP/err" &&
	    "$SAITTI" build --source "$2" --out "$2.out" --now 2027-06-01 --quiet 2>>"$TMP/err"; then
		pass "$1"
	else fail "$1" "$(cat "$TMP/err")"; fi
}
grep '^saitti new ' "$TMP/guide.md" >"$TMP/guide.cmds"
n=0 bad=
while IFS= read -r line; do
	n=$((n + 1))
	out=$(cd "$TMP/guide1" && eval "\"\$SAITTI\" ${line#saitti }" 2>&1) || bad="$bad
$line: $out"
	[ -f "$TMP/guide1/$out" ] || bad="$bad
$line: no file $out"
done <"$TMP/guide.cmds"
if [ "$n" -ge 3 ] && [ -z "$bad" ]; then pass "guide: its $n saitti new commands work here"
else fail "guide: its saitti new commands work here" "$n commands$bad"; fi
builds "guide: the site builds and checks clean with the files they made" "$TMP/guide1"
# The first Markdown example, saved where the guide says.
first=$(grep -o 'content/blogi/[0-9]*/[0-9-]*[a-z-]*\.md' "$TMP/guide.md" | head -n 1)
sed -n '/^```markdown$/,/^```$/p' "$TMP/guide.md" | sed '1d' |
    sed '/^```$/,$d' >"$TMP/first.md"
if [ -n "$first" ] && [ ! -e "$TMP/guide2/$first" ] && grep -q '^title:' "$TMP/first.md"; then
	mkdir -p "$TMP/guide2/$(dirname "$first")" && cp "$TMP/first.md" "$TMP/guide2/$first"
	pass "guide: its first post is a new file ($first)"
else fail "guide: its first post is a new file" "path '$first'"; fi
builds "guide: the site builds and checks clean with it" "$TMP/guide2"
slug=$(basename "$first" .md | sed 's/^[0-9]*-[0-9]*-[0-9]*-//')
p="$TMP/guide2.out/blogi/$slug/index.html"
if [ -f "$p" ] && grep -q 'href="/blogi/mita-perhekeskus-tarjoaa/"' "$p"; then
	pass "guide: the example's link to another post becomes its address"
else fail "guide: the example's link to another post becomes its address" "$(ls "$TMP/guide2.out/blogi")"; fi
# The old first example collided with a published post (since issue 16
# the newer one gets a -2 address and a warning): it is not the guide's
# any more.
(cd "$TMP/guide2" && "$SAITTI" new post "Mitä perhekeskus tarjoaa?" --now 2027-06-01 >/dev/null 2>&1)
if "$SAITTI" build --source "$TMP/guide2" --out "$TMP/guide3" --now 2027-06-01 2>&1 | grep -q 'warning:' &&
    [ -d "$TMP/guide3/blogi/mita-perhekeskus-tarjoaa-2" ] &&
    ! grep -q 'Mitä perhekeskus tarjoaa?"$' "$TMP/guide.cmds"; then
	pass "guide: (the old example collides, and the guide no longer has it)"
else fail "guide: (the old example collides, and the guide no longer has it)"; fi
