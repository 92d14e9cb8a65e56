#!/bin/sh
# `saitti check` keeps what it scanned in the cache folder (cli/linkrecord,
# issue 17): the next check takes a page whose key is the same from the
# record instead of making and scanning it. Only the scans are kept: every
# link is judged again, so a page that went away, an id that changed or a
# link edited is found as a check without the record finds it, and a
# damaged record costs only the scan.
. tests/scripts/lib.sh
TOP=${TOP:-$(pwd)}
export SAITTI_CACHE="$TMP/cache"
export LANGUAGE=en
export SAITTI_DEBUG_LINKS=1

S="$TMP/site"
mkdir -p "$S/content/blogi" "$S/themes"
cp -R "$TOP/themes/default" "$S/themes/"
cat >"$S/site.yaml" <<'EOF'
title: "Tarkistus"
base_url: "https://esim.example.fi/"
language: fi
timezone: Europe/Helsinki
theme: default
git_info: false
EOF
printf -- '---\ntitle: Etusivu\n---\nTervetuloa.\n' >"$S/content/index.md"
printf -- '---\ntitle: Saavutettavuusseloste\n---\nOsittain.\n' >"$S/content/saavutettavuusseloste.md"
A="$S/content/blogi/2018-01-01-a.md"
B="$S/content/blogi/2018-01-02-b.md"
printf -- '---\ntitle: A\ndate: 2018-01-01\n---\nKatso [b](/blogi/b/) ja [osa](/blogi/b/#osa).\n' >"$A"
printf -- '---\ntitle: B\ndate: 2018-01-02\n---\n## Osa\n\nTeksti.\n' >"$B"
for i in 3 4 5; do
	printf -- '---\ntitle: K%s\ndate: 2018-01-0%s\n---\nTeksti %s, [a](/blogi/a/).\n' "$i" "$i" "$i" \
	    >"$S/content/blogi/2018-01-0$i-k$i.md"
done

run() { "$SAITTI" check --source "$S" --now 2018-06-01 2>&1; }
# The messages without the debug line and the summary's time.
msgs() { grep -v '^saitti: links:' | sed 's/ in [0-9]* ms//'; }
# "TAKEN SCANNED" from the debug line.
counts() { sed -n 's/^saitti: links: \([0-9]*\) files from the record, \([0-9]*\) scanned$/\1 \2/p'; }

got=$(run); rc=$?
set -- $(printf '%s\n' "$got" | counts)
if [ $rc = 0 ] && [ "${1:-x}" = 0 ] && [ "${2:-0}" -gt 10 ] && [ -s "$SAITTI_CACHE/links" ]; then
	pass "first check: every file scanned, the record kept"
else fail "first check: every file scanned, the record kept" "$rc $got"; fi
all=${2:-0}
first=$(printf '%s\n' "$got" | msgs)

got=$(run); rc=$?
set -- $(printf '%s\n' "$got" | counts)
if [ $rc = 0 ] && [ "${1:-0}" = "$all" ] && [ "${2:-x}" = 0 ]; then
	pass "check again: every file from the record, none made"
else fail "check again: every file from the record, none made" "$rc $got"; fi
if [ "$(printf '%s\n' "$got" | msgs)" = "$first" ]; then
	pass "check again: the same summary"
else fail "check again: the same summary" "$first
---
$got"; fi

# B goes away: A's page is taken from the record, and its links to B are
# judged again.
mv "$B" "$TMP/b.md"
got=$(run); rc=$?
set -- $(printf '%s\n' "$got" | counts)
if [ $rc = 1 ] && [ "${1:-0}" -gt 0 ] &&
    printf '%s\n' "$got" | grep -q "2018-01-01-a.md:5:.*error: link to '/blogi/b/' goes nowhere"; then
	pass "a page gone: the links of pages from the record to it are errors"
else fail "a page gone: the links of pages from the record to it are errors" "$rc $got"; fi

# B is back with another heading: #osa is gone from it.
sed 's/## Osa/## Toinen/' "$TMP/b.md" >"$B"
got=$(run); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q "error: link to '/blogi/b/#osa' goes nowhere: the page /blogi/b/ has no heading or anchor with the id 'osa'" &&
    ! printf '%s\n' "$got" | grep -q "link to '/blogi/b/' goes"; then
	pass "an id gone: the link to it is an error, the page's own link is not"
else fail "an id gone: the link to it is an error, the page's own link is not" "$rc $got"; fi
cp "$TMP/b.md" "$B"
got=$(run); rc=$?
if [ $rc = 0 ]; then pass "the id back: no errors"
else fail "the id back: no errors" "$rc $got"; fi

# A's link edited: its page is made and scanned anew.
sed -i 's|(/blogi/b/)|(/blogi/ei-ole/)|' "$A"
got=$(run); rc=$?
set -- $(printf '%s\n' "$got" | counts)
if [ $rc = 1 ] && [ "${2:-0}" -ge 1 ] && [ "${1:-0}" -gt 0 ] &&
    printf '%s\n' "$got" | grep -q "error: link to '/blogi/ei-ole/' goes nowhere"; then
	pass "a link edited: its page scanned again, the new address judged"
else fail "a link edited: its page scanned again, the new address judged" "$rc $got"; fi

# With the record and without it, the same messages (here with errors).
with=$(run | msgs)
rm -f "$SAITTI_CACHE/links"
without=$(run | msgs)
if [ "$with" = "$without" ] && printf '%s\n' "$with" | grep -q 'error'; then
	pass "the same errors with the record and without it"
else fail "the same errors with the record and without it" "$with
---
$without"; fi

# A damaged record (one byte changed, at the same length) is not read.
size=$(wc -c <"$SAITTI_CACHE/links")
printf 'X' | dd of="$SAITTI_CACHE/links" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
got=$(run); rc=$?
set -- $(printf '%s\n' "$got" | counts)
if [ "${1:-x}" = 0 ] && [ "$(printf '%s\n' "$got" | msgs)" = "$without" ]; then
	pass "a damaged record: not read, the same errors"
else fail "a damaged record: not read, the same errors" "$rc $got"; fi
# A record cut short.
head -c $((size / 3)) "$SAITTI_CACHE/links" >"$TMP/cut" && cp "$TMP/cut" "$SAITTI_CACHE/links"
got=$(run)
set -- $(printf '%s\n' "$got" | counts)
if [ "${1:-x}" = 0 ] && [ "$(printf '%s\n' "$got" | msgs)" = "$without" ]; then
	pass "a record cut short: not read, the same errors"
else fail "a record cut short: not read, the same errors" "$got"; fi
# The record is a link to a file elsewhere: not followed.
run >/dev/null
mv "$SAITTI_CACHE/links" "$TMP/links-real"
ln -s "$TMP/links-real" "$SAITTI_CACHE/links"
got=$(run)
set -- $(printf '%s\n' "$got" | counts)
if [ "${1:-x}" = 0 ]; then pass "a record that is a link: not followed"
else fail "a record that is a link: not followed" "$got"; fi
rm -f "$SAITTI_CACHE/links"

# The layout changed: every page's key changes, every page is made
# again (the feeds, sitemap and calendars are not made from it).
run >/dev/null
"$SAITTI" build --source "$S" --out "$TMP/out" --now 2018-06-01 --quiet >/dev/null 2>&1
pages=$(find "$TMP/out" -name '*.html' | wc -l)
printf '<!-- muutos -->\n' >>"$S/themes/default/templates/base.html"
got=$(run)
set -- $(printf '%s\n' "$got" | counts)
if [ "$pages" -gt 5 ] && [ "${2:-0}" -ge "$pages" ] && [ "${1:-0}" -lt "$((all - pages + 1))" ]; then
	pass "the layout changed: every page made and scanned again"
else fail "the layout changed: every page made and scanned again" "$pages pages; $got"; fi
