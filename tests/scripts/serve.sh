#!/bin/sh
# `saitti serve` for real: starts it on a free loopback port, fetches pages,
# changes content and sees the new page, breaks a file and sees the error
# page, tries path traversal and symbolic links, listens to the reload
# events, and stops it with SIGINT. HTTP goes through Python's http.client,
# which sends paths exactly as written ("/../x" is not tidied away).
. tests/scripts/lib.sh
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SITE="$TMP/site"
cp -R "$TOP/tests/fixtures/basic" "$SITE"
rm -rf "$SITE/expected" "$SITE/args"
# Real pictures: every one is decoded (model/imageset). publish_original
# keeps them as they are, for the byte comparison below.
vips black "$TMP/b.v" 4 4 && vips copy "$TMP/b.v" "$SITE/content/blogi/2017/kuva.png" &&
    vips copy "$TMP/b.v" "$SITE/content/blogi/2017/kuva.jpg"
printf 'images: {publish_original: true}\n' >>"$SITE/site.yaml"
printf 'console.log(1);\n' >"$SITE/themes/mini/static/app.js"
# One event, so that there is a calendar to serve.
mkdir -p "$SITE/content/tapahtumat"
printf -- '---\ntitle: Tilaisuus\nstart: 2018-09-01 10:00\n---\n' >"$SITE/content/tapahtumat/tilaisuus.md"

cat >"$TMP/get.py" <<'EOF'
# get.py PORT PATH OUT [METHOD]: prints "STATUS CONTENT-TYPE LOCATION".
import http.client, sys
port, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
method = sys.argv[4] if len(sys.argv) > 4 else "GET"
try:
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
    c.request(method, path)
    r = c.getresponse()
    open(out, "wb").write(r.read())
    t = (r.getheader("Content-Type") or "-").replace(" ", "")
    print(r.status, t, r.getheader("Location") or "-")
except Exception as e:
    open(out, "wb").write(str(e).encode())
    print("000 - -")
EOF
cat >"$TMP/events.py" <<'EOF'
# events.py PORT FILE: reads the event stream's first number, appends to
# FILE (a change the server watches), and prints the first number and the
# next one it sends (or "none" after 10 s).
import http.client, sys, time
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
c.request("GET", "/__saitti/events")
r = c.getresponse()
def next_data():
    while True:
        line = r.fp.readline()
        if not line:
            return "none"
        if line.startswith(b"data:"):
            return line[5:].strip().decode()
try:
    first = next_data()
    with open(sys.argv[2], "a") as f:
        f.write("\nLisäys tapahtumavirtaa varten.\n")
    second = next_data()
except Exception:
    second = "none"
print(r.status, r.getheader("Content-Type"), first, second)
EOF

cat >"$TMP/host.py" <<'EOF'
# host.py PORT PATH HOST: GET with that Host header ("-" sends none, over
# HTTP/1.0); prints "STATUS LOCATION".
import socket, sys
port, path, host = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = socket.create_connection(("127.0.0.1", port), timeout=5)
if host == "-":
    s.sendall(("GET %s HTTP/1.0\r\n\r\n" % path).encode())
else:
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
               % (path, host)).encode("latin-1"))
data = b""
try:
    while True:
        d = s.recv(65536)
        if not d:
            break
        data += d
except Exception:
    pass
head = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
status = head[0].split(" ")[1] if head and " " in head[0] else "000"
loc = "-"
for h in head[1:]:
    if h.lower().startswith("location:"):
        loc = h.split(":", 1)[1].strip()
print(status, loc)
EOF
cat >"$TMP/idle.py" <<'EOF'
# idle.py PORT N SECONDS: opens N connections that send nothing; prints
# how many the server closed by itself within SECONDS (each waited for in
# turn, up to the deadline), then closes the rest.
import socket, sys, time
port, n, limit = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
socks = []
# The server may still be starting: try for up to 20 s.
start = time.time()
while len(socks) < n and time.time() - start < 20:
    try:
        socks.append(socket.create_connection(("127.0.0.1", port), timeout=5))
    except OSError:
        time.sleep(0.1)
import select
end = time.time() + limit
closed = 0
open_ = list(socks)
while open_ and time.time() < end:
    ready, _, _ = select.select(open_, [], [], max(0, end - time.time()))
    for s in ready:
        try:
            gone = s.recv(1) == b""
        except OSError:
            gone = True
        if gone:
            closed += 1
            open_.remove(s)
print(closed)
EOF

# start: a free port from the kernel, then serve on it (again with another
# port should someone take it in between).
start() {
	port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
	"$SAITTI" serve --source "$SITE" --port "$port" --now 2018-06-01 \
	    >"$TMP/log" 2>&1 &
	pid=$!
}
start
trap 'kill -KILL "$pid" 2>/dev/null; rm -rf "$TMP"' EXIT

# An idle connection is closed after LIMIT_SERVE_TIMEOUT (30 s): opened
# now, in the background, and looked at before the end.
$PY "$TMP/idle.py" "$port" 1 45 >"$TMP/idle" 2>&1 &
idlepid=$!

# get PATH [METHOD]: sets code, ctype, location; the body is in $TMP/body.
get() {
	set -- $($PY "$TMP/get.py" "$port" "$1" "$TMP/body" ${2:-})
	code=$1 ctype=$2 location=$3
}
# until_body PATH REGEX: polls for up to 5 s until the body matches.
until_body() {
	i=0
	while [ $i -lt 50 ]; do
		get "$1"
		grep -Eq "$2" "$TMP/body" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

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
if [ "$code" = 200 ]; then pass "serve: answers on 127.0.0.1:$port"
else fail "serve: answers on 127.0.0.1:$port" "$(cat "$TMP/log")"; exit 0; fi
out=$(sed -n 's/^saitti: serving .*(from \(.*\); drafts included)$/\1/p' "$TMP/log")
stmp=${out%/site}
if [ -n "$out" ] && [ -f "$out/index.html" ]; then pass "serve: says where it builds"
else fail "serve: says where it builds" "$(cat "$TMP/log")"; fi

get /
if [ "$ctype" = "text/html;charset=utf-8" ] && grep -q '<h1>Tervetuloa</h1>' "$TMP/body"; then
	pass "serve: front page, text/html"
else fail "serve: front page, text/html" "$code $ctype"; fi
if grep -q 'new EventSource("/__saitti/events")' "$TMP/body" &&
    grep -q '</script>' "$TMP/body" && [ "$(grep -n '</body>' "$TMP/body" | cut -d: -f1)" -gt "$(grep -n 'EventSource' "$TMP/body" | cut -d: -f1)" ]; then
	pass "serve: reload script before </body>"
else fail "serve: reload script before </body>" "$(cat "$TMP/body")"; fi
if ! grep -q EventSource "$out/index.html"; then pass "serve: script only in responses, not in the files"
else fail "serve: script only in responses, not in the files"; fi
get /blogi/eka/
if [ "$code" = 200 ] && grep -q 'Ensimmäinen kappale' "$TMP/body"; then pass "serve: a post"
else fail "serve: a post" "$code"; fi
get /blogi/luonnos/
if [ "$code" = 200 ]; then pass "serve: drafts are built"; else fail "serve: drafts are built" "$code"; fi
if grep -q "http://127.0.0.1:$port/" "$out/rss.xml"; then pass "serve: absolute addresses point at the preview"
else fail "serve: absolute addresses point at the preview"; fi

for t in "/style.css text/css;charset=utf-8" "/app.js text/javascript;charset=utf-8" \
    "/rss.xml application/xml;charset=utf-8" "/sitemap.xml application/xml;charset=utf-8" \
    "/tapahtumat.ics text/calendar;charset=utf-8" "/blogi/2017/kaavio.svg image/svg+xml" \
    "/blogi/2017/kuva.png image/png" "/blogi/2017/kuva.jpg image/jpeg" \
    "/blogi/index.html text/html;charset=utf-8"; do
	set -- $t
	get "$1"
	if [ "$code $ctype" = "200 $2" ]; then pass "serve: $1 is $2"
	else fail "serve: $1 is $2" "got $code $ctype"; fi
done
get /blogi/2017/kuva.png
if cmp -s "$TMP/body" "$SITE/content/blogi/2017/kuva.png"; then pass "serve: binary files as they are"
else fail "serve: binary files as they are"; fi

get /blogi
if [ "$code" = 301 ] && [ "$location" = /blogi/ ]; then pass "serve: a folder without '/' redirects"
else fail "serve: a folder without '/' redirects" "$code $location"; fi
get /ei-ole-olemassa/
if [ "$code" = 404 ] && grep -q 'Sivua ei löytynyt' "$TMP/body"; then pass "serve: 404 is the site's 404.html"
else fail "serve: 404 is the site's 404.html" "$code"; fi
get / POST
if [ "$code" = 405 ]; then pass "serve: POST is refused"; else fail "serve: POST is refused" "$code"; fi

# A change shows without restarting.
sed -i 's/^Teksti\.$/Muokattu teksti esikatselussa./' "$SITE/content/blogi/2017/toinen.md"
if until_body /blogi/toinen/ 'Muokattu teksti esikatselussa'; then pass "serve: a changed post shows"
else fail "serve: a changed post shows" "$(tail -5 "$TMP/log")"; fi
mkdir -p "$SITE/content/blogi/2018/uusi"
printf -- '---\ntitle: Aivan uusi\ndate: 2018-05-01\n---\nUusi kirjoitus uudessa kansiossa.\n' \
    >"$SITE/content/blogi/2018/uusi/2018-05-01-aivan-uusi.md"
if until_body /blogi/aivan-uusi/ 'Uusi kirjoitus uudessa kansiossa'; then pass "serve: a post in a new folder shows"
else fail "serve: a post in a new folder shows" "$(tail -5 "$TMP/log")"; fi
sed -i 's/^title: .*/title: "Muutettu saitti"/' "$SITE/site.yaml"
if until_body / 'Muutettu saitti'; then pass "serve: a change to site.yaml shows"
else fail "serve: a change to site.yaml shows"; fi
printf '<p class="muokattu">{{page.title}}</p>\n' >>"$SITE/themes/mini/templates/post.html"
if until_body /blogi/eka/ 'class="muokattu"'; then pass "serve: a change to the theme shows"
else fail "serve: a change to the theme shows"; fi

# A broken file: the error page, escaped, with FILE:LINE:COL.
bad="$SITE/content/blogi/rikki<b>.md"
printf -- '---\ntitle: [rikki\n---\nTeksti.\n' >"$bad"
if until_body /blogi/eka/ 'does not build'; then
	if [ "$code" = 500 ] && [ "$ctype" = "text/html;charset=utf-8" ]; then pass "serve: a broken build answers 500 with a page"
	else fail "serve: a broken build answers 500 with a page" "$code $ctype"; fi
	if grep -Eq 'content/blogi/rikki&lt;b&gt;\.md:[0-9]+:[0-9]+: error: ' "$TMP/body"; then
		pass "serve: error page shows FILE:LINE:COL"
	else fail "serve: error page shows FILE:LINE:COL" "$(cat "$TMP/body")"; fi
	if ! grep -q 'rikki<b>' "$TMP/body"; then pass "serve: error page escapes the messages"
	else fail "serve: error page escapes the messages"; fi
	if grep -q 'EventSource' "$TMP/body"; then pass "serve: error page reloads itself"
	else fail "serve: error page reloads itself"; fi
else
	fail "serve: a broken build shows an error page" "$code $(tail -5 "$TMP/log")"
fi
get /style.css
if [ "$code" = 200 ]; then pass "serve: other files from the last good build while broken"
else fail "serve: other files from the last good build while broken" "$code"; fi
if grep -q 'rikki<b>.md:' "$TMP/log"; then pass "serve: errors in the terminal too"
else fail "serve: errors in the terminal too"; fi
rm -f "$bad"
if until_body /blogi/eka/ 'Ensimmäinen kappale'; then pass "serve: fixed, the site is back"
else fail "serve: fixed, the site is back" "$code"; fi

# The event stream sends the build's number, and a new one after a change.
set -- $($PY "$TMP/events.py" "$port" "$SITE/content/tietoa.md")
if [ "$1" = 200 ] && [ "$2" = text/event-stream ] && [ -n "$3" ] && [ "$3" != none ]; then
	pass "serve: event stream answers"
else fail "serve: event stream answers" "$*"; fi
if [ "${4:-none}" != none ] && [ "$4" != "$3" ]; then pass "serve: event stream tells of a rebuild"
else fail "serve: event stream tells of a rebuild" "$*"; fi

# Nothing outside the output: "..", encoded or not, and symbolic links.
echo SALAISUUS >"$stmp/salainen.txt"
sleep 0.5
ln -s "$SITE/site.yaml" "$out/linkki.yaml"
ln -s "$stmp" "$out/linkkikansio"
ln -s "$SITE" "$out/lahde"
for p in /../salainen.txt /%2e%2e/salainen.txt /%2E%2E/salainen.txt \
    /blogi/../../salainen.txt /blogi/%2e%2e/%2e%2e/salainen.txt \
    /..%2fsalainen.txt /../site/../salainen.txt /../../../etc/passwd \
    /%2e%2e/%2e%2e/%2e%2e/etc/passwd /linkki.yaml /linkkikansio/salainen.txt \
    /lahde/site.yaml /lahde/ /.. /./index.html; do
	get "$p"
	case $code in
	403|404)
		if grep -q -e SALAISUUS -e 'base_url' -e 'root:' "$TMP/body"; then
			fail "serve: $p is refused" "answered $code with the file"
		else pass "serve: $p is refused ($code)"; fi ;;
	*) fail "serve: $p is refused" "answered $code" ;;
	esac
done

# ---- issue 13: Host, redirects, idle connections -------------------------

# DNS rebinding: only the server's own names are answered.
hostcheck() {
	set -- "$1" "$2" $($PY "$TMP/host.py" "$port" "$1" "$2")
	if [ "$3" = "$want" ]; then pass "serve: Host '$2' on $1 answers $want"
	else fail "serve: Host '$2' on $1 answers $want" "got $3"; fi
}
want=200
for h in "localhost:$port" "127.0.0.1:$port" "LocalHost:$port" \
    "[::1]:$port" "esikatselu.localhost:$port" "localhost" "127.0.0.1" \
    "localhost.:$port" -; do
	hostcheck / "$h"
done
want=403
for h in "evil.example" "evil.example:$port" "localhost.evil.example:$port" \
    "127.0.0.1.nip.io:$port" "localhost:1" "127.0.0.1:$((port + 1))" \
    "10.0.0.1:$port" "[::1" "[::1]x" "::1" "localhost:$port:1" \
    "localhost:${port}0" "localhost:+$port"; do
	hostcheck / "$h"
done
hostcheck /__saitti/events "evil.example:$port"
hostcheck /blogi/luonnos/ "evil.example:$port"

# Never a protocol-relative redirect: "//blogi" is not another host.
for p in //blogi ///blogi //blogi//2017 /blogi//2017 //%2fblogi /%2f/blogi; do
	set -- $($PY "$TMP/host.py" "$port" "$p" "localhost:$port")
	case $1:$2 in
	301:/blogi/|301:/blogi/2017/)
		pass "serve: $p redirects to $2" ;;
	*)	fail "serve: $p redirects on the same host" "$1 $2" ;;
	esac
done

# More idle connections than one address may hold: the extra ones are
# closed at once, and the server still answers once they go.
closed=$($PY "$TMP/idle.py" "$port" 80 5)
if [ "${closed:-0}" -ge 16 ]; then pass "serve: connections past LIMIT_SERVE_PER_IP are closed ($closed of 80)"
else fail "serve: connections past LIMIT_SERVE_PER_IP are closed" "closed: $closed"; fi
i=0
while [ $i -lt 50 ]; do
	get /
	[ "$code" = 200 ] && break
	sleep 0.1; i=$((i + 1))
done
if [ "$code" = 200 ]; then pass "serve: answers again after the idle connections"
else fail "serve: answers again after the idle connections" "$code"; fi

# An alias bomb in a post does not stall the preview: the error page
# names the limit, and fixing the post brings the site back.
{
	printf -- '---\ntitle: Pommi\ndate: 2018-01-01\n'
	echo "a0: &a0 [x, x, x, x, x, x, x, x, x]"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		j=$((i - 1))
		printf 'a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' \
		    $i $i $j $j $j $j $j $j $j $j $j
	done
	printf -- '---\nx\n'
} >"$SITE/content/blogi/pommi.md"
if until_body /blogi/eka/ 'LIMIT_YAML_ALIAS_NODES'; then pass "serve: an alias bomb shows as an error"
else fail "serve: an alias bomb shows as an error" "$code $(tail -3 "$TMP/log")"; fi
rm -f "$SITE/content/blogi/pommi.md"
if until_body /blogi/eka/ 'Ensimmäinen kappale'; then pass "serve: back after the alias bomb"
else fail "serve: back after the alias bomb" "$code"; fi

wait "$idlepid"
if [ "$(cat "$TMP/idle")" = 1 ]; then pass "serve: an idle connection is closed after LIMIT_SERVE_TIMEOUT"
else fail "serve: an idle connection is closed after LIMIT_SERVE_TIMEOUT" "$(cat "$TMP/idle")"; fi

# SIGINT stops it cleanly and removes the temporary folder.
kill -INT "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$pid" 2>/dev/null; then
	fail "serve: SIGINT stops it"
else
	wait "$pid"; rc=$?
	if [ "$rc" = 0 ]; then pass "serve: SIGINT stops it (status 0)"
	else fail "serve: SIGINT stops it (status 0)" "status $rc"; fi
fi
if [ -n "$stmp" ] && [ ! -e "$stmp" ]; then pass "serve: temporary folder removed"
else fail "serve: temporary folder removed" "$stmp"; fi
if [ -f "$SITE/site.yaml" ] && [ -f "$SITE/content/index.md" ]; then pass "serve: the site's own files stay"
else fail "serve: the site's own files stay"; fi
