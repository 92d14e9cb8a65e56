#!/bin/sh
# `saitti check` writes nothing (issue 17): it reads each file as the render
# makes it, so it needs no temporary folder and leaves no manifest in the
# cache; a dead link of the theme is still placed on its template line
# (a second render of only the pages that have it), also for an outside
# address that --external finds gone.
. tests/scripts/lib.sh
TOP=${TOP:-$(pwd)}
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi
export SAITTI_CACHE="$TMP/cache"

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
for i in 1 2 3; do
	printf -- '---\ntitle: Kirjoitus %s\ndate: 2018-01-0%s\n---\nTeksti %s.\n' "$i" "$i" "$i" \
	    >"$S/content/blogi/2018-01-0$i-k$i.md"
done

# No temporary folder: a TMPDIR that does not exist is no obstacle.
got=$(TMPDIR="$TMP/ei-ole" "$SAITTI" check --source "$S" --now 2018-06-01 2>&1); rc=$?
if [ $rc = 0 ] && printf '%s\n' "$got" | grep -q 'no errors'; then
	pass "check: needs no temporary folder"
else fail "check: needs no temporary folder" "$rc $got"; fi

# Nothing written but the caches: no output manifest, no new file in the
# site.
(cd "$S" && find . | sort) >"$TMP/before"
"$SAITTI" check --source "$S" --now 2018-06-01 >/dev/null 2>&1
"$SAITTI" check --source "$S" --now 2018-06-01 >/dev/null 2>&1
(cd "$S" && find . | sort) >"$TMP/after"
if diff "$TMP/before" "$TMP/after" >/dev/null &&
    ! ls "$SAITTI_CACHE" | grep -q '^output-'; then
	pass "check: writes no file in the site and no output manifest"
else fail "check: writes no file in the site and no output manifest" \
    "$(diff "$TMP/before" "$TMP/after"; ls "$SAITTI_CACHE")"; fi
# A build does keep its manifest there (the assertion above can fail).
"$SAITTI" build --source "$S" --out "$TMP/out" --now 2018-06-01 --quiet >/dev/null 2>&1
if ls "$SAITTI_CACHE" | grep -q '^output-'; then pass "build: keeps its output manifest"
else fail "build: keeps its output manifest" "$(ls "$SAITTI_CACHE")"; fi

# A dead link in the layout is on every page: one error, at its template
# line, named with the first page it was seen on; the site's files are
# there to compare the same site with.
B="$S/themes/default/templates/base.html"
cp "$B" "$TMP/base.html"
printf '<a href="/ei-missaan/">x</a>\n' >>"$B"
line=$(wc -l <"$B")
got=$("$SAITTI" check --source "$S" --now 2018-06-01 --format=json 2>/dev/null); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | "$PY" -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert len(rows) == 1, rows
r = rows[0]
assert r["file"] == "themes/default/templates/base.html", r
assert r["line"] == int(sys.argv[1]), r
assert "/ei-missaan/" in r["message"] and "(in " in r["message"], r
' "$line"; then pass "check: the layout's dead link once, at base.html:$line"
else fail "check: the layout's dead link once, at base.html:$line" "$rc $got"; fi
cp "$TMP/base.html" "$B"

# --external: a theme's outside address that is gone is named at its
# template line (found by the second render), a Markdown one at its line.
WEB="$TMP/web"
mkdir -p "$WEB"
echo ok >"$WEB/ok.html"
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$WEB" && exec timeout 60 "$PY" -m http.server --bind 127.0.0.1 "$PORT" >/dev/null 2>&1) &
SRV=$!
i=0
while ! "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/ok.html')" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
done
P="$S/themes/default/templates/post.html"
printf '<a href="http://127.0.0.1:%s/teema-poissa.html">t</a>\n' "$PORT" >>"$P"
pline=$(wc -l <"$P")
printf -- '---\ntitle: Ulos\ndate: 2018-02-01\n---\n[ok](http://127.0.0.1:%s/ok.html) ja\n[poissa](http://127.0.0.1:%s/md-poissa.html)\n' \
    "$PORT" "$PORT" >"$S/content/blogi/2018-02-01-ulos.md"
got=$("$SAITTI" check --source "$S" --now 2018-06-01 --external --external-timeout 5 2>&1); rc=$?
kill "$SRV" 2>/dev/null; wait "$SRV" 2>/dev/null
if [ $rc = 0 ] && printf '%s\n' "$got" | grep -q "^themes/default/templates/post.html:$pline:[0-9]*: warning: link to 'http://127.0.0.1:$PORT/teema-poissa.html' is gone"; then
	pass "check --external: the theme's gone address at post.html:$pline"
else fail "check --external: the theme's gone address at post.html:$pline" "$rc $got"; fi
if printf '%s\n' "$got" | grep -q "^content/blogi/2018-02-01-ulos.md:6:1: warning: link to 'http://127.0.0.1:$PORT/md-poissa.html' is gone" &&
    ! printf '%s\n' "$got" | grep -q "ok.html"; then
	pass "check --external: the Markdown's gone address at its line"
else fail "check --external: the Markdown's gone address at its line" "$got"; fi
