#!/bin/sh
# `saitti serve` rebuilds when a save is complete (issue 17): a save by
# plain overwrite, one by an editor's rename (write a temporary file,
# rename it over the post) and one the way vim saves (the old file renamed
# to a backup, a new one written, the backup removed) each bring exactly
# one rebuild and one reload event, with the new text on the page; a file
# still being written brings none until its writer closes it. Functional,
# not timed: the waits are generous (speed is in bench/serve_latency.py).
. tests/scripts/lib.sh
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SITE="$TMP/site"
cp -R "$TOP/tests/fixtures/basic" "$SITE"
rm -rf "$SITE/expected" "$SITE/args"

cat >"$TMP/saves.py" <<'EOF'
# saves.py PORT POST: the saves above, each followed by the events it
# brought; prints PASS/FAIL lines.
import os, select, socket, sys, time

port, post = int(sys.argv[1]), sys.argv[2]
folder = os.path.dirname(post)
HEAD = open(post, encoding="utf-8").read().split("---\n")[1]


class Events:
    """/__saitti/events over HTTP/1.0: the body is the bare stream."""

    def __init__(self):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.s.sendall(b"GET /__saitti/events HTTP/1.0\r\n"
                       b"Host: 127.0.0.1\r\n\r\n")
        self.data = b""
        while b"\r\n\r\n" not in self.data:
            self.data += self.s.recv(4096)
        self.data = self.data.split(b"\r\n\r\n", 1)[1]

    def next(self, timeout):
        """The next event's number, or None after timeout seconds."""
        end = time.monotonic() + timeout
        while True:
            if b"\n" in self.data:
                line, self.data = self.data.split(b"\n", 1)
                if line.startswith(b"data:"):
                    return int(line[5:])
                continue
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.s], [], [], left)[0]:
                return None
            d = self.s.recv(4096)
            if not d:
                return None
            self.data += d


def page():
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET /blogi/toinen/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    body = b""
    while True:
        d = s.recv(65536)
        if not d:
            return body.decode("utf-8", "replace")
        body += d


def text(word):
    return "---\n%s---\n%s alkaa.\n\n%s\n" % (HEAD, word, "Täytettä. " * 400 +
                                               word + " loppuu.")


def result(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name)
    if not ok and detail:
        print("  " + detail)


ev = Events()
gen = ev.next(10)
result("serve_save: the event stream sends the build's number",
       gen is not None, "no first event")
if gen is None:
    sys.exit(0)


def one_save(name, word, save):
    global gen
    save(word)
    first = ev.next(20)
    second = ev.next(1.5) if first is not None else None
    result("serve_save: %s: one reload event" % name,
           first == gen + 1 and second is None,
           "build was %s; events after the save: %s, %s" % (gen, first,
                                                            second))
    body = page()
    result("serve_save: %s: the page has the whole new text" % name,
           (word + " alkaa.") in body and (word + " loppuu.") in body,
           body[-300:])
    gen = second or first or gen


def overwrite(word):
    with open(post, "w", encoding="utf-8") as f:
        f.write(text(word))


def rename(word):
    # A temporary name the watch does not ignore, as some editors use:
    # its close alone must not start the rebuild before the rename.
    tmp = post + ".tallennus"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text(word))
    os.rename(tmp, post)


def vim(word):
    backup = post + "~"
    os.rename(post, backup)
    with open(post, "w", encoding="utf-8") as f:
        f.write(text(word))
    os.unlink(backup)


one_save("plain overwrite", "Ylikirjoitettu", overwrite)
one_save("write and rename", "Uudelleennimetty", rename)
one_save("vim-like save", "Varmuuskopioitu", vim)

# A write that pauses half way: no event until the writer closes.
f = open(post, "w", encoding="utf-8")
whole = text("Hidas")
f.write(whole[:len(whole) // 2])
f.flush()
early = ev.next(1.0)
result("serve_save: no reload while the file is still being written",
       early is None, "event %s before the close" % early)
f.write(whole[len(whole) // 2:])
f.close()
if early is not None:
    gen = early
one_save("the close ends the save", "Hidas", lambda word: None)
EOF

start() {
	port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
	"$SAITTI" serve --source "$SITE" --port "$port" --now 2018-06-01 \
	    >"$TMP/log" 2>&1 &
	pid=$!
}
start
trap 'kill -KILL "$pid" 2>/dev/null; rm -rf "$TMP"' EXIT
i=0 tries=0 code=000
while [ $i -lt 100 ]; do
	code=$($PY -c 'import http.client, sys
try:
    c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
    c.request("GET", "/"); print(c.getresponse().status)
except Exception:
    print("000")' "$port")
	[ "$code" = 200 ] && break
	if ! kill -0 "$pid" 2>/dev/null; then
		grep -q 'cannot listen' "$TMP/log" && [ $tries -lt 3 ] || break
		tries=$((tries + 1))
		start
	fi
	sleep 0.1
	i=$((i + 1))
done
if [ "$code" != 200 ]; then
	fail "serve_save: serve answers" "$(cat "$TMP/log")"
	exit 0
fi

$PY "$TMP/saves.py" "$port" "$SITE/content/blogi/2017/toinen.md"

# The "one reload event" above could also be one event for two quick
# builds: the log counts the builds themselves (one at the start).
builds=$(grep -c '^saitti: built in' "$TMP/log")
if [ "$builds" = 5 ]; then pass "serve_save: one rebuild a save (5 builds in all)"
else fail "serve_save: one rebuild a save (5 builds in all)" "$builds: $(cat "$TMP/log")"; fi
kill -INT "$pid"
wait "$pid"

# The output manifest kept for the temporary folder goes with the folder:
# the cache does not grow by one for every session.
if [ -d "$SITE/.saitti-cache" ] && ! ls "$SITE/.saitti-cache" | grep -q '^output-'; then
	pass "serve_save: no output manifest left in the cache"
else fail "serve_save: no output manifest left in the cache" "$(ls -a "$SITE/.saitti-cache" 2>&1)"; fi
