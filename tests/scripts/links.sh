#!/bin/sh
# Every link on the site works (issue 15): an independent crawler
# (tests/linkcrawl.py, Python's html.parser and xml.etree, no saitti code)
# finds no dead link in the project's own site at several --now dates, in a
# site without events and in one without an accessibility statement; and
# `saitti check` finds what is broken — in Markdown (FILE:LINE:COL), in
# site.yaml's menu (its line), in a template (its line) — with
# --max-errors, --format=github|json and --external against a local server.
. tests/scripts/lib.sh
TOP=${TOP:-$(pwd)}
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi
export LANGUAGE=en SAITTI_CACHE="$TMP/cache"
mkdir -p "$TMP/tmpdir"
export TMPDIR="$TMP/tmpdir"
crawl() { "$PY" "$TOP/tests/linkcrawl.py" "$@"; }

# --- the project's site at several dates --------------------------------
PROJ="$TMP/proj"
mkdir -p "$PROJ"
cp -R "$TOP/site.yaml" "$TOP/content" "$TOP/themes" "$PROJ/"
for now in 2017-01-01 2017-07-01 2017-10-01 2018-06-01 2026-12-06; do
	out="$TMP/out-$now"
	got=$("$SAITTI" build --source "$PROJ" --out "$out" --now "$now" --quiet 2>&1); rc=$?
	c=$(crawl "$out" https://lape.example.fi/ 2>&1); crc=$?
	if [ $rc = 0 ] && [ $crc = 0 ]; then pass "project site --now $now: no dead links (crawler)"
	else fail "project site --now $now: no dead links (crawler)" "$got
$c"; fi
	got=$("$SAITTI" check --source "$PROJ" --now "$now" 2>&1); rc=$?
	if [ $rc = 0 ]; then pass "project site --now $now: check passes"
	else fail "project site --now $now: check passes" "$got"; fi
done

# The crawler is no rubber stamp: a removed page is a dead link to it.
rm -f "$TMP/out-2017-10-01/blogi/index.html"
if ! crawl "$TMP/out-2017-10-01" https://lape.example.fi/ >"$TMP/c" 2>&1 &&
    grep -q 'dead link /blogi/' "$TMP/c"; then
	pass "crawler: finds a link to a removed page"
else fail "crawler: finds a link to a removed page" "$(cat "$TMP/c")"; fi

# A section with nothing published yet: its page, with the theme's words.
if grep -q 'Kirjoituksia ei vielä ole.' "$TMP/out-2017-07-01/blogi/index.html" &&
    [ -f "$TMP/out-2017-07-01/blogi/rss.xml" ]; then
	pass "empty section: page with the empty-state text, and its feed"
else fail "empty section: page with the empty-state text, and its feed"; fi
# A link to a post still to come is its text until the post is out.
if ! grep -q 'talla-reseptilla-onnistumme' "$TMP/out-2017-07-01/hankkeet/index.html" &&
    grep -q 'talla-reseptilla-onnistumme' "$TMP/out-2018-06-01/hankkeet/index.html"; then
	pass "future post: linked from its day on, text before"
else fail "future post: linked from its day on, text before"; fi

# --- a small site on the default theme ---------------------------------
# mk NAME: a site with two posts, a page and the default theme.
mk() {
	s="$TMP/$1"
	mkdir -p "$s/content/blogi" "$s/themes"
	cp -R "$TOP/themes/default" "$s/themes/"
	cat >"$s/site.yaml" <<'EOF'
title: "Linkkisaitti"
base_url: "https://esim.example.fi/"
language: fi
timezone: Europe/Helsinki
theme: default
git_info: false
menu:
  - title: "Etusivu"
    url: "/"
  - title: "Blogi"
    url: "/blogi/"
  - title: "Tietoa"
    url: "/tietoa/"
EOF
	printf -- '---\ntitle: Etusivu\n---\nTervetuloa.\n' >"$s/content/index.md"
	printf -- '---\ntitle: Tietoa\n---\n## Yhteystiedot\n\nKirjoita meille.\n' >"$s/content/tietoa.md"
	printf -- '---\ntitle: Eka\ndate: 2018-01-02\n---\nEnsimmäinen, ks. [tietoa](/tietoa/#yhteystiedot).\n' \
	    >"$s/content/blogi/2018-01-02-eka.md"
	printf -- '---\ntitle: Toka\ndate: 2018-02-03\n---\nToinen: [eka](2018-01-02-eka.md).\n' \
	    >"$s/content/blogi/2018-02-03-toka.md"
	printf -- '---\ntitle: Saavutettavuusseloste\n---\nSivusto on osittain saavutettava.\n' \
	    >"$s/content/saavutettavuusseloste.md"
}

# No events: no events pages, calendar or .ics, and no link to them.
mk noev
got=$("$SAITTI" build --source "$TMP/noev" --out "$TMP/noev-out" --now 2018-06-01 --quiet 2>&1); rc=$?
c=$(crawl "$TMP/noev-out" https://esim.example.fi/ 2>&1); crc=$?
if [ $rc = 0 ] && [ $crc = 0 ]; then pass "no events: no dead links (crawler)"
else fail "no events: no dead links (crawler)" "$got
$c"; fi
if [ ! -e "$TMP/noev-out/tapahtumat.ics" ] && [ ! -e "$TMP/noev-out/tapahtumat" ] &&
    ! grep -rq 'tapahtumat' "$TMP/noev-out" --include='*.html' --include='*.xml'; then
	pass "no events: no .ics, no events pages, no links or sitemap entries"
else fail "no events: no .ics, no events pages, no links or sitemap entries" \
    "$(grep -rl tapahtumat "$TMP/noev-out")"; fi
check "no events: check passes" "$SAITTI" check --source "$TMP/noev" --now 2018-06-01

# The statement in Markdown is the statement page, linked from the footer.
if grep -q 'Sivusto on osittain saavutettava' "$TMP/noev-out/saavutettavuusseloste/index.html" &&
    grep -q 'href="/saavutettavuusseloste/"' "$TMP/noev-out/blogi/index.html" &&
    ! printf '%s' "$got" | grep -q 'accessibility statement'; then
	pass "statement: content/saavutettavuusseloste.md is the page, linked in the footer"
else fail "statement: content/saavutettavuusseloste.md is the page, linked in the footer" "$got"; fi

# No statement at all: a warning that says how to add one; no footer link.
mk nost
rm "$TMP/nost/content/saavutettavuusseloste.md"
got=$("$SAITTI" build --source "$TMP/nost" --out "$TMP/nost-out" --now 2018-06-01 2>&1); rc=$?
c=$(crawl "$TMP/nost-out" https://esim.example.fi/ 2>&1); crc=$?
if [ $rc = 0 ] && [ $crc = 0 ]; then pass "no statement: no dead links (crawler)"
else fail "no statement: no dead links (crawler)" "$got
$c"; fi
if printf '%s\n' "$got" | grep -q 'content/saavutettavuusseloste.md: warning: the site has no accessibility statement.*306/2019' &&
    ! grep -rq 'saavutettavuusseloste' "$TMP/nost-out" --include='*.html'; then
	pass "no statement: warns (306/2019), and no page links to it"
else fail "no statement: warns (306/2019), and no page links to it" "$got"; fi
got=$(LANGUAGE=fi "$SAITTI" build --source "$TMP/nost" --out "$TMP/nost-out" --now 2018-06-01 2>&1)
if printf '%s\n' "$got" | grep -q 'saavutettavuusseloste'; then
	pass "no statement: the warning in Finnish"
else fail "no statement: the warning in Finnish" "$got"; fi

# Both a .yaml and a .md statement: one address, two sources: refused.
mk both
printf 'title: "Seloste"\nstatus: "osittain"\n' >"$TMP/both/content/saavutettavuusseloste.yaml"
got=$("$SAITTI" build --source "$TMP/both" --out "$TMP/both-out" --now 2018-06-01 2>&1); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q 'saavutettavuusseloste.md:1:1: error: its address /saavutettavuusseloste/ is also the address of content/saavutettavuusseloste.yaml'; then
	pass "statement: .yaml and .md together are refused"
else fail "statement: .yaml and .md together are refused" "$rc $got"; fi

# A menu entry naming a page that does not exist: check fails, names the
# site.yaml line; the crawler agrees the link is dead.
mk menu
printf '  - title: "Hankkeet"\n    url: "/hankkeet/"\n' >>"$TMP/menu/site.yaml"
line=$(grep -n '/hankkeet/' "$TMP/menu/site.yaml" | cut -d: -f1)
got=$("$SAITTI" check --source "$TMP/menu" --now 2018-06-01 2>&1); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q "^site.yaml:$line:[0-9]*: error: link to '/hankkeet/' goes nowhere"; then
	pass "menu: a missing page fails check at site.yaml:$line"
else fail "menu: a missing page fails check at site.yaml:$line" "$rc $got"; fi
"$SAITTI" build --source "$TMP/menu" --out "$TMP/menu-out" --now 2018-06-01 --quiet >/dev/null 2>&1
if ! crawl "$TMP/menu-out" https://esim.example.fi/ >"$TMP/c" 2>&1 && grep -q 'dead link /hankkeet/' "$TMP/c"; then
	pass "menu: the crawler finds the same dead link"
else fail "menu: the crawler finds the same dead link" "$(cat "$TMP/c")"; fi

# --- what check finds, and where it says it is --------------------------
mk bad
B="$TMP/bad/content/blogi/2018-03-04-kolmas.md"
cat >"$B" <<'EOF'
---
title: Kolmas
date: 2018-03-04
---
Tyhjä [linkki]() tässä.

Väärä [ankkuri](/tietoa/#ei-ole) ja [oma osio](#puuttuu).

Täysi osoite [vanhaan](https://esim.example.fi/blogi/vanha/) ja
[toimiva](https://esim.example.fi/tietoa/).

![kuva](/kuvat/puuttuu.png)
EOF
printf '<p class="x"><a href="{{site.base_path}}ei-sivua/">x</a></p>\n' >>"$TMP/bad/themes/default/templates/partials/post-summary.html"
tline=$(wc -l <"$TMP/bad/themes/default/templates/partials/post-summary.html")
got=$("$SAITTI" check --source "$TMP/bad" --now 2018-06-01 2>&1); rc=$?
f=content/blogi/2018-03-04-kolmas.md
for want in \
    "^$f:5:7: error: empty link" \
    "^$f:7:7: error: link to '/tietoa/#ei-ole' goes nowhere: the page /tietoa/ has no heading or anchor with the id 'ei-ole'" \
    "^$f:7:37: error: link to '#puuttuu' goes nowhere" \
    "^$f:9:14: error: link to 'https://esim.example.fi/blogi/vanha/' goes nowhere" \
    "^$f:12:1: error: image '/kuvat/puuttuu.png' goes nowhere" \
    "^themes/default/templates/partials/post-summary.html:$tline:1: error: link to '/ei-sivua/' goes nowhere"; do
	if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q "$want"; then pass "check: $want"
	else fail "check: $want" "$got"; fi
done
if ! printf '%s\n' "$got" | grep -q "https://esim.example.fi/tietoa/'"; then
	pass "check: a working own-host absolute link is not reported"
else fail "check: a working own-host absolute link is not reported" "$got"; fi
n=$(printf '%s\n' "$got" | grep -c ': error: ')
if [ "$n" = 6 ]; then pass "check: each problem once (6), not once per page"
else fail "check: each problem once (6), not once per page" "$got"; fi

got=$("$SAITTI" check --source "$TMP/bad" --now 2018-06-01 --max-errors 2 2>&1); rc=$?
n=$(printf '%s\n' "$got" | grep -c '^[ct][a-z/]*.*: error: ')
if [ $rc = 1 ] && [ "$n" = 2 ] && printf '%s\n' "$got" | grep -q 'saitti: 6 errors'; then
	pass "check --max-errors 2: shows 2, counts 6"
else fail "check --max-errors 2: shows 2, counts 6" "$got"; fi

got=$("$SAITTI" check --source "$TMP/bad" --now 2018-06-01 --format=github 2>/dev/null); rc=$?
if [ $rc = 1 ] && printf '%s\n' "$got" | grep -q "^::error file=$f,line=5,col=7::empty link"; then
	pass "check --format=github: annotations"
else fail "check --format=github: annotations" "$got"; fi

"$SAITTI" check --source "$TMP/bad" --now 2018-06-01 --format=json >"$TMP/j" 2>/dev/null; rc=$?
if [ $rc = 1 ] && "$PY" - "$TMP/j" "$f" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 6, rows
assert all(r["severity"] == "error" for r in rows)
assert any(r["file"] == sys.argv[2] and r["line"] == 5 and r["col"] == 7 for r in rows)
EOF
then pass "check --format=json: one object a line"
else fail "check --format=json: one object a line" "$(cat "$TMP/j")"; fi

got=$("$SAITTI" check --source "$TMP/bad" --format=xml 2>&1); rc=$?
if [ $rc = 2 ]; then pass "check --format=xml: wrong usage (2)"
else fail "check --format=xml: wrong usage (2)" "$rc $got"; fi

# Check writes nothing but its cache: no output folder appears.
if [ ! -e "$TMP/bad/public" ] && [ -z "$(ls "$TMP/tmpdir")" ]; then
	pass "check: no output left behind"
else fail "check: no output left behind" "$(ls "$TMP/bad" "$TMP/tmpdir")"; fi

# --- check --external against a server on loopback ---------------------
WEB="$TMP/web"
mkdir -p "$WEB"
echo ok >"$WEB/ok.html"
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# A server that refuses HEAD on /vain-get-*, and logs each request.
cat >"$TMP/server.py" <<'EOF'
import http.server, sys
class H(http.server.SimpleHTTPRequestHandler):
    def do_HEAD(self):
        if self.path.startswith("/vain-get"):
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_HEAD()
    def do_GET(self):
        if self.path.startswith("/vain-get-ok"):
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
            return
        super().do_GET()
    def log_request(self, code="-", size="-"):
        with open(sys.argv[2], "a") as f:
            f.write("%s %s %s\n" % (self.command, self.path, code))
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
EOF
(cd "$WEB" && exec timeout 120 "$PY" "$TMP/server.py" "$PORT" "$TMP/access.log" >/dev/null 2>&1) &
SRV=$!
i=0
while ! "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/ok.html')" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
done
mk ext
# A host name with a 64-letter label: the resolver refuses it at once,
# without asking any server (RFC 1035 2.3.4), so the test stays on this
# machine.
NOHOST=$(printf 'a%.0s' $(seq 1 64))
printf -- '---\ntitle: Ulos\ndate: 2018-04-05\n---\nHyvä [linkki](http://127.0.0.1:%s/ok.html) ja\n[kadonnut](http://127.0.0.1:%s/poissa.html).\n\nSama [uudestaan](http://127.0.0.1:%s/ok.html#kohta), [vain GET](http://127.0.0.1:%s/vain-get-ok),\n[GET 404](http://127.0.0.1:%s/vain-get-poissa) ja [ei palvelinta](http://%s.invalid/).\n' \
    "$PORT" "$PORT" "$PORT" "$PORT" "$PORT" "$NOHOST" >"$TMP/ext/content/blogi/2018-04-05-ulos.md"
e=content/blogi/2018-04-05-ulos.md
got=$("$SAITTI" check --source "$TMP/ext" --now 2018-06-01 2>&1); rc=$?
if [ $rc = 0 ] && ! printf '%s\n' "$got" | grep -q warning; then
	pass "check: external links are not fetched without --external"
else fail "check: external links are not fetched without --external" "$got"; fi
got=$("$SAITTI" check --source "$TMP/ext" --now 2018-06-01 --external --external-timeout 5 2>&1); rc=$?
if [ $rc = 0 ] && printf '%s\n' "$got" | grep -q "^$e:6:1: warning: link to 'http://127.0.0.1:$PORT/poissa.html' is gone: the other site answers 404" &&
    ! printf '%s\n' "$got" | grep -q "ok.html"; then
	pass "check --external: 404 is a warning at the Markdown line; 200 is quiet"
else fail "check --external: 404 is a warning at the Markdown line; 200 is quiet" "$rc $got"; fi
if printf '%s\n' "$got" | grep -q "^$e:9:1: warning: link to 'http://127.0.0.1:$PORT/vain-get-poissa' is gone: the other site answers 404" &&
    ! printf '%s\n' "$got" | grep -q "vain-get-ok"; then
	pass "check --external: HEAD refused (405), GET asked instead"
else fail "check --external: HEAD refused (405), GET asked instead" "$got"; fi
if printf '%s\n' "$got" | grep -q "^$e:9:[0-9]*: warning: link to 'http://$NOHOST.invalid/' goes nowhere: no server has that name"; then
	pass "check --external: a host that does not exist is a warning"
else fail "check --external: a host that does not exist is a warning" "$got"; fi
n=$(grep -c '^HEAD /ok.html ' "$TMP/access.log")
if [ "$n" = 1 ] && grep -q '^GET /vain-get-ok ' "$TMP/access.log"; then
	pass "check --external: each address asked once (fragments aside)"
else fail "check --external: each address asked once (fragments aside)" "$(cat "$TMP/access.log")"; fi
if grep -q "poissa.html" "$SAITTI_CACHE/external-links" 2>/dev/null; then
	pass "check --external: answers kept in the cache folder"
else fail "check --external: answers kept in the cache folder"; fi
kill "$SRV" 2>/dev/null; wait "$SRV" 2>/dev/null
# With the server gone, the cached answers are used (no timeout, same
# warning); with --external-max-age 0 they are not, and nothing is known.
got=$("$SAITTI" check --source "$TMP/ext" --now 2018-06-01 --external --external-timeout 2 2>&1); rc=$?
if [ $rc = 0 ] && printf '%s\n' "$got" | grep -q "poissa.html' is gone"; then
	pass "check --external: cached answers reused"
else fail "check --external: cached answers reused" "$rc $got"; fi
got=$("$SAITTI" check --source "$TMP/ext" --now 2018-06-01 --external --external-timeout 2 --external-max-age 0 2>&1); rc=$?
if [ $rc = 0 ] && ! printf '%s\n' "$got" | grep -q "is gone"; then
	pass "check --external-max-age 0: fetched again (server down: not reported as gone)"
else fail "check --external-max-age 0: fetched again (server down: not reported as gone)" "$rc $got"; fi
