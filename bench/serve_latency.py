#!/usr/bin/env python3
"""From a save to the reload event in `saitti serve` (issue 17).

usage: serve_latency.py SAITTI SITE_DIR [--runs N] [--port P]

SITE_DIR is written to: pass a scratch copy. Starts
`SAITTI serve --source SITE_DIR --port P --bind 127.0.0.1`, waits until it
serves, and listens to the reload channel the preview pages use (the
server-sent events at /__saitti/events, read here as the browser's
EventSource reads them: HTTP/1.1, chunked). Then N times it appends a line
to one post's body, takes the time right after close(), and waits for the
event that carries the next build's number. Prints one line per run and,
last, `serve_latency_ms median=<ms> min=<ms> max=<ms> runs=<n>`. Stops the
server; restores nothing. Python 3 standard library only.
"""

import argparse
import os
import select
import signal
import socket
import statistics
import subprocess
import sys
import time

EVENTS = "/__saitti/events"
START_TIMEOUT = 300.0   # the first build of a large corpus on a busy box
EVENT_TIMEOUT = 60.0
# serve removes its temporary folder when it stops: 17,000 files at 10k
# posts, which on a loaded disk took more than 30 s.
STOP_TIMEOUT = 600.0
# Quiet time after each event, so that a late second rebuild (which would
# be a bug) is not counted as the next run's reload.
SETTLE = 0.3


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pick_post(site):
    """The post to edit: the first Markdown file, in name order, under a
    folder of content/ other than the events, with a date in its front
    matter; else the first Markdown file at all."""
    content = os.path.join(site, "content")
    first = None
    for top, dirs, files in os.walk(content):
        dirs.sort()
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            if not name.endswith(".md") or name.startswith("."):
                continue
            path = os.path.join(top, name)
            first = first or path
            if "tapahtumat" in os.path.relpath(path, content).split(os.sep):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                head = f.read(2048)
            if head.startswith("---") and "\ndate:" in head:
                return path
    if not first:
        sys.exit("serve_latency: no Markdown file under %s" % content)
    return first


class Events:
    """The event stream, read with a deadline: raw socket, HTTP/1.1."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                           "Accept: text/event-stream\r\n\r\n"
                           % (EVENTS, port)).encode())
        self.raw = b""        # bytes from the socket, not yet decoded
        self.text = b""       # the decoded body, not yet split into lines
        self.chunked = False
        self.left = 0         # bytes left in the current chunk
        head = self._until(b"\r\n\r\n", time.monotonic() + 30)
        lines = head.decode("latin-1").split("\r\n")
        if " 200 " not in lines[0] + " ":
            sys.exit("serve_latency: %s answered %s" % (EVENTS, lines[0]))
        for h in lines[1:]:
            k, _, v = h.partition(":")
            if k.strip().lower() == "transfer-encoding" and \
                    "chunked" in v.lower():
                self.chunked = True

    def _fill(self, deadline):
        wait = deadline - time.monotonic()
        if wait <= 0:
            return False
        r, _, _ = select.select([self.sock], [], [], wait)
        if not r:
            return False
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("the server closed the event stream")
        self.raw += data
        return True

    def _until(self, sep, deadline):
        while sep not in self.raw:
            if not self._fill(deadline):
                raise TimeoutError
        out, _, self.raw = self.raw.partition(sep)
        return out

    def _decode(self):
        if not self.chunked:
            self.text += self.raw
            self.raw = b""
            return
        while self.raw:
            if self.left == 0:
                if b"\r\n" not in self.raw:
                    return
                size, _, rest = self.raw.partition(b"\r\n")
                size = size.split(b";")[0].strip()
                if not size:          # the CRLF after a chunk's data
                    self.raw = rest
                    continue
                self.left = int(size, 16)
                self.raw = rest
                if self.left == 0:
                    raise EOFError("the event stream ended")
            take = self.raw[:self.left]
            self.text += take
            self.raw = self.raw[len(take):]
            self.left -= len(take)

    def next_data(self, timeout):
        """The next event's data, or None when none came in time."""
        deadline = time.monotonic() + timeout
        while True:
            self._decode()
            while b"\n" in self.text:
                line, _, self.text = self.text.partition(b"\n")
                if line.startswith(b"data:"):
                    return line[5:].strip().decode()
            if not self._fill(deadline):
                return None

    def close(self):
        self.sock.close()


def get_status(port, path="/"):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(("GET %s HTTP/1.0\r\nHost: 127.0.0.1:%d\r\n\r\n"
                   % (path, port)).encode())
        data = s.recv(64)
        s.close()
        return data.split(b" ")[1].decode() if b" " in data else "000"
    except OSError:
        return "000"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("saitti")
    ap.add_argument("site")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--port", type=int, default=0,
                    help="default: a free port from the kernel")
    a = ap.parse_args()
    if a.runs < 1:
        sys.exit("serve_latency: --runs takes a number from 1")
    port = a.port or free_port()
    post = pick_post(a.site)
    log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"),
                            "serve_latency.%d.log" % os.getpid()), "w+")
    proc = subprocess.Popen([a.saitti, "serve", "--source", a.site,
                             "--port", str(port), "--bind", "127.0.0.1"],
                            stdout=log, stderr=log)
    times = []
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            status = get_status(port)
            if status == "200":
                break
            if status != "000" or proc.poll() is not None or \
                    time.monotonic() > deadline:
                log.seek(0)
                sys.exit("serve_latency: the server did not start (%s):\n"
                         % status + log.read()[-2000:])
            time.sleep(0.05)
        ev = Events(port)
        gen = ev.next_data(EVENT_TIMEOUT)
        if gen is None:
            sys.exit("serve_latency: no first event")
        for i in range(a.runs):
            with open(post, "a", encoding="utf-8") as f:
                f.write("\nMuokkaus %d esikatselun mittausta varten.\n" % i)
            t0 = time.monotonic()     # right after close()
            new = ev.next_data(EVENT_TIMEOUT)
            t1 = time.monotonic()
            if new is None:
                sys.exit("serve_latency: no reload event within %.0f s "
                         "(run %d)" % (EVENT_TIMEOUT, i + 1))
            if new == gen:
                sys.exit("serve_latency: the event repeated build %s" % gen)
            ms = (t1 - t0) * 1000.0
            times.append(ms)
            print("run %d: %.1f ms (build %s)" % (i + 1, ms, new),
                  flush=True)
            gen = new
            extra = ev.next_data(SETTLE)
            if extra is not None:
                print("run %d: a second reload event (build %s) for one "
                      "save" % (i + 1, extra), flush=True)
                gen = extra
        ev.close()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            print("serve_latency: the server did not stop in %.0f s; killed "
                  "(its temporary folder stays)" % STOP_TIMEOUT,
                  file=sys.stderr)
            proc.kill()
            proc.wait()
        log.close()
        os.unlink(log.name)
    print("serve_latency_ms median=%.1f min=%.1f max=%.1f runs=%d"
          % (statistics.median(times), min(times), max(times), len(times)))


if __name__ == "__main__":
    main()
