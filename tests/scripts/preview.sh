#!/bin/sh
# The preview shows what will go public (issue 14, part 4): in `saitti
# serve` a draft carries the badge "Luonnos" and a future post "Julkaistaan
# 1.3.2027" (words from the theme's strings); no build, not even one with
# --drafts, has either.
. tests/scripts/lib.sh
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SITE="$TMP/site"
mkdir -p "$SITE/themes" "$SITE/content/blogi" "$SITE/content/tapahtumat"
cp -r "$TOP/themes/default" "$SITE/themes/default"
cat >"$SITE/site.yaml" <<'EOF'
title: "Esikatselu"
base_url: "https://example.fi/"
author: "Toimitus"
git_info: false
EOF
printf -- '---\ntitle: Etusivu\n---\nTervetuloa.\n' >"$SITE/content/index.md"
printf -- '---\ntitle: Julkaistu\ndate: 2026-11-01\n---\nValmis.\n' >"$SITE/content/blogi/julkaistu.md"
printf -- '---\ntitle: Keskeneräinen\ndate: 2026-11-02\ndraft: true\n---\nKesken.\n' >"$SITE/content/blogi/luonnos.md"
printf -- '---\ntitle: Ensi vuonna\ndate: 2027-03-01\n---\nTulossa.\n' >"$SITE/content/blogi/tuleva.md"
printf -- '---\ntitle: Suunniteltu tilaisuus\nstart: 2027-01-10 12:00\ndraft: true\n---\n' >"$SITE/content/tapahtumat/suunniteltu.md"
NOW=2026-12-06

cat >"$TMP/get.py" <<'EOF'
import http.client, sys
try:
    c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
    c.request("GET", sys.argv[2])
    r = c.getresponse()
    open(sys.argv[3], "wb").write(r.read())
    print(r.status)
except Exception:
    print("000")
EOF
start() {
	port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
	"$SAITTI" serve --source "$SITE" --port "$port" --now $NOW >"$TMP/log" 2>&1 &
	pid=$!
}
start
trap 'kill -KILL "$pid" 2>/dev/null; rm -rf "$TMP"' EXIT
get() { code=$($PY "$TMP/get.py" "$port" "$1" "$TMP/body"); }
i=0 tries=0
while [ $i -lt 100 ]; do
	get /
	[ "$code" = 200 ] && break
	if ! kill -0 "$pid" 2>/dev/null; then
		grep -q 'cannot listen' "$TMP/log" && [ $tries -lt 3 ] || break
		tries=$((tries + 1))
		start
	fi
	sleep 0.1
	i=$((i + 1))
done
if [ "$code" = 200 ]; then pass "preview: serve answers on loopback"
else fail "preview: serve answers on loopback" "$(cat "$TMP/log")"; exit 0; fi

# badge NAME PATH TEXT: the served page has TEXT in a preview badge.
badge() {
	get "$2"
	if [ "$code" = 200 ] && grep -q "class=\"badge badge-preview\">$3" "$TMP/body"; then pass "$1"
	else fail "$1" "$code $(grep -o 'badge[^<]*<[^<]*' "$TMP/body")"; fi
}
badge "preview: a draft says Luonnos" /blogi/luonnos/ 'Luonnos<'
badge "preview: a future post says Julkaistaan and its date" /blogi/tuleva/ \
    'Julkaistaan <time datetime="2027-03-01">1.3.2027</time><'
badge "preview: badges in lists too" /blogi/ 'Luonnos<'
badge "preview: a draft event says Luonnos" /tapahtumat/suunniteltu/ 'Luonnos<'
get /blogi/julkaistu/
if [ "$code" = 200 ] && ! grep -q 'badge-preview' "$TMP/body"; then pass "preview: a published post has no badge"
else fail "preview: a published post has no badge" "$code"; fi
kill -INT "$pid"; wait "$pid"

# --- never in a build ----------------------------------------------------
for opt in "" --drafts; do
	out="$TMP/out$opt"
	"$SAITTI" build --source "$SITE" --out "$out" --now $NOW $opt 2>"$TMP/err" ||
	    fail "preview: build $opt" "$(cat "$TMP/err")"
	found=$(grep -rlE --exclude=style.css 'badge-preview|Julkaistaan|Luonnos' "$out")
	if [ -z "$found" ] && [ -s "$out/index.html" ]; then pass "preview: no badge in a build $opt"
	else fail "preview: no badge in a build $opt" "$found"; fi
done
if [ -f "$TMP/out--drafts/blogi/luonnos/index.html" ]; then pass "preview: (build --drafts has the draft, without a badge)"
else fail "preview: (build --drafts has the draft, without a badge)"; fi
