#!/bin/sh
# `saitti new` writes posts, news and events with their front matter and
# never overwrites; `saitti check` passes a good site, reports links that go
# nowhere as FILE:LINE:COL errors with exit 1, and writes no output; the
# build summary obeys --quiet and --verbose.
. tests/scripts/lib.sh
SITE="$TMP/site"
cp -R "$TOP/tests/fixtures/basic" "$SITE"
rm -rf "$SITE/expected" "$SITE/args"
printf '# Folders for `saitti new`.\nnew: {post: blogi, news: uutiset}\n' >>"$SITE/site.yaml"
# The writer's name comes from git config; no user's own config leaks in.
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
author: "Testi Kirjoittaja"
tags: []
---'
if [ "$(head -n 6 "$f")" = "$expect" ]; then pass "new post: front matter"
else fail "new post: front matter" "$(cat "$f")"; fi

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

# Without user.name there is no author line; the repository's own config
# wins over the user's.
HOME="$TMP/nohome" "$SAITTI" new post "Nimetön" --source "$SITE" --now $NOW >/dev/null 2>&1
if ! grep -q '^author:' "$SITE/content/blogi/2018-06-01-nimeton.md"; then pass "new: no author without user.name"
else fail "new: no author without user.name"; fi
rm -f "$SITE/content/blogi/2018-06-01-nimeton.md"
REPO="$TMP/repo"
cp -R "$SITE" "$REPO"
git init -q "$REPO" && git -C "$REPO" config user.name "Paikallinen Nimi"
"$SAITTI" new post "Omasta säilöstä" --source "$REPO" --now $NOW >/dev/null 2>&1
if grep -qx 'author: "Paikallinen Nimi"' "$REPO/content/blogi/2018-06-01-omasta-sailosta.md"; then
	pass "new: author from the repository's git config"
else fail "new: author from the repository's git config"; fi

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
expect="content/blogi/2017/2017-11-07-eka.md:12:23: warning: raw HTML is left out of the page (2 pieces, 7 characters, the first here): write it in Markdown instead
content/tietoa.md:10:1: error: link to 'blogi/2017/puuttuva.md' goes nowhere: no published post or page is written in that file (check the name and folder; drafts and future posts are not published)
content/tietoa.md:10:39: error: image 'blogi/2017/puuttuva.svg' goes nowhere: no post, page or file of the site is at /lape/blogi/2017/puuttuva.svg (check the spelling; drafts and future posts are not published)
content/tietoa.md:11:4: error: link to '/lape/blogi/ei-ole/' goes nowhere: no post, page or file of the site is at /lape/blogi/ei-ole/ (check the spelling; drafts and future posts are not published)
content/tietoa.md:11:37: error: link to 'blogi/luonnos.md' goes nowhere: no post, page or file of the site is at /lape/blogi/luonnos/ (check the spelling; drafts and future posts are not published)
content/tietoa.md:12:4: error: link to '/blogi/eka/' goes nowhere: the site's addresses start with /lape/; write /lape/blogi/eka/
saitti: 5 errors"
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
