#!/bin/sh
# The preview's error page speaks the writer's language (issue 14): with a
# broken post on the Finnish fixture and no $LANGUAGE, `saitti serve`
# shows the page in Finnish (lang="fi", heading, the message itself), and
# says on stderr, in Finnish, that pages show the error.
. tests/scripts/lib.sh
PY=python3
SITE="$TMP/site"
cp -r tests/fixtures/basic "$SITE"
rm -rf "$SITE/expected" "$SITE/args"
printf -- '---\ntitle: Ohjelma: syksy 2017\n---\nTeksti.\n' \
    >"$SITE/content/blogi/rikki.md"
port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
env -u LANGUAGE SAITTI_CACHE="$TMP/cache" "$SAITTI" serve --source "$SITE" \
    --port "$port" --now 2018-06-01 >"$TMP/log" 2>&1 &
pid=$!
trap 'kill -KILL "$pid" 2>/dev/null; rm -rf "$TMP"' EXIT
get() {
	$PY - "$port" "$TMP/body" <<'EOF'
import http.client, sys
try:
    c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
    c.request("GET", "/")
    r = c.getresponse()
    open(sys.argv[2], "wb").write(r.read())
    print(r.status)
except Exception:
    print("000")
EOF
}
i=0
while [ $i -lt 100 ]; do
	code=$(get)
	[ "$code" = 500 ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ "$code" = 500 ]; then
	pass "serve: a broken build answers with the error page"
else
	fail "serve: a broken build answers with the error page" "$(cat "$TMP/log")"
	exit 0
fi
check "error page: lang=\"fi\"" grep -q '<html lang="fi">' "$TMP/body"
check "error page: the Finnish heading" grep -q \
    '<h1>Sivuston kokoaminen epäonnistui</h1>' "$TMP/body"
check "error page: the Finnish message, keywords as they are" grep -Fq \
    'content/blogi/rikki.md:2:15: error: Otsikossa on kaksoispiste. Kirjoita otsikko lainausmerkkeihin: title: &quot;Ohjelma: syksy 2017&quot;' \
    "$TMP/body"
check "error page: no English sentence" sh -c "! grep -q 'Fix it and save' '$TMP/body'"
check "serve: stderr in Finnish" grep -Fq \
    'saitti: 1 virhe; sivuilla näkyy virheilmoitus, kunnes virhe on korjattu' \
    "$TMP/log"
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
