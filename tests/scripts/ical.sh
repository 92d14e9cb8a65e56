#!/bin/sh
# Events end to end: builds tests/fixtures/events and reads every .ics
# with an independent parser (Debian's python3-icalendar), checking the
# instants (both sides of each daylight-saving change), all-day and
# multi-day events, cancellation, escaping and folding; then the month
# grids and the calendar's redirect.
. tests/scripts/lib.sh
# Builds straight from tests/fixtures keep their caches out of the repository.
export SAITTI_CACHE="$TMP/cache"
FIX=tests/fixtures/events
OUT=$TMP/out

if ! err=$("$SAITTI" build --source "$FIX" --out "$OUT" --now 2017-10-01 \
    --quiet 2>&1); then
	fail "events: build" "$err"
	exit 0
fi
pass "events: build"

if ! /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
	fail "ical: python3-icalendar is not installed (make test-deps)"
	exit 0
fi

/usr/bin/python3 - "$OUT" <<'EOF'
import datetime, os, sys
import icalendar

out = sys.argv[1]
UTC = datetime.timezone.utc
host = "example.fi"

def ok(name, cond, why=""):
    print(("PASS " if cond else "FAIL ") + name)
    if not cond and why:
        print("  " + str(why))

def utc(*a):
    return datetime.datetime(*a, tzinfo=UTC)

files = []
for d, _, names in os.walk(out):
    for n in names:
        if n.endswith(".ics"):
            files.append(os.path.join(d, n))
files.sort()
ok("ical: the full calendar and one per event",
   len([f for f in files if "/avainsanat/" not in f]) == 12,
   [os.path.relpath(f, out) for f in files])
ok("ical: a calendar for each tag with events",
   len([f for f in files if "/avainsanat/" in f]) == 4,
   [os.path.relpath(f, out) for f in files])

cals = {}
for f in files:
    rel = os.path.relpath(f, out)
    raw = open(f, "rb").read()
    lines = raw.split(b"\r\n")
    good = raw.endswith(b"\r\n") and b"\n" not in b"".join(lines)
    ok("ical: CRLF line ends: " + rel, good)
    long = [l for l in lines if len(l) > 75]
    ok("ical: lines at most 75 octets: " + rel, not long, long[:1])
    split = [l for l in lines if l and (l[0] & 0xC0) == 0x80]
    ok("ical: no UTF-8 character split: " + rel, not split, split[:1])
    try:
        raw.decode("utf-8")
        ok("ical: valid UTF-8: " + rel, True)
    except UnicodeDecodeError as e:
        ok("ical: valid UTF-8: " + rel, False, e)
    try:
        cals[rel] = icalendar.Calendar.from_ical(raw)
        ok("ical: parses: " + rel, True)
    except Exception as e:
        ok("ical: parses: " + rel, False, e)

full = cals.get("tapahtumat.ics")
if full is None:
    ok("ical: tapahtumat.ics", False, "missing or unparsable")
    sys.exit(0)
ok("ical: VERSION 2.0", str(full.get("VERSION")) == "2.0")
ok("ical: PRODID", str(full.get("PRODID")).startswith("-//saitti//saitti "),
   full.get("PRODID"))
ok("ical: METHOD PUBLISH", str(full.get("METHOD")) == "PUBLISH")
ok("ical: X-WR-CALNAME unescaped", str(full.get("X-WR-CALNAME")) ==
   "Tapahtumat, testi & <koe>", full.get("X-WR-CALNAME"))

events = {str(c.get("UID")): c for c in full.walk("VEVENT")}
ok("ical: eleven events, draft left out", len(events) == 11,
   sorted(events))
ok("ical: UIDs unique", len(events) == len(list(full.walk("VEVENT"))))

# slug: (DTSTART, DTEND or None); datetimes in UTC, dates for all-day.
want = {
    "tunturi-lapin-seutukuntatyopaja-2017-10-02":
        (utc(2017, 10, 2, 9), utc(2017, 10, 2, 13)),
    "vaikuttamistilaisuus-raisio":
        (utc(2017, 10, 13, 9), utc(2017, 10, 13, 12)),
    "peruttu": (utc(2017, 10, 21, 9), utc(2017, 10, 21, 12)),
    # 29.10.2017: 02:00 is still summer time, 05:00 winter time.
    "syksy": (utc(2017, 10, 28, 23), utc(2017, 10, 29, 3)),
    "messut": (datetime.date(2017, 10, 30), datetime.date(2017, 11, 2)),
    "pohjois-lapin-seutukuntatyopaja-2017-11-07":
        (utc(2017, 11, 7, 10), utc(2017, 11, 7, 13)),
    "pohjois-lapin-seutukuntatyopaja-2017-11-07-2":
        (utc(2017, 11, 7, 16), None),
    "verkko": (utc(2017, 11, 20, 8), utc(2017, 11, 20, 11, 30)),
    "paiva": (datetime.date(2017, 12, 31), datetime.date(2018, 1, 1)),
    "uudenvuodenaatto": (utc(2017, 12, 31, 20), utc(2018, 1, 1, 0)),
    # 25.3.2018: 02:00 is winter time, 05:00 summer time.
    "kesaaika-alkaa": (utc(2018, 3, 25, 0), utc(2018, 3, 25, 2)),
}
order = []
for c in full.walk("VEVENT"):
    order.append(str(c.get("UID")).split("@")[0])
ok("ical: events by start", order == list(want), order)

def kind(v):
    if isinstance(v, datetime.datetime):
        return "utc" if v.utcoffset() == datetime.timedelta(0) else "local"
    return "date"

for slug, (start, end) in want.items():
    c = events.get(slug + "@" + host)
    if c is None:
        ok("ical: event " + slug, False, "no UID " + slug + "@" + host)
        continue
    s = c.decoded("DTSTART")
    ok("ical: DTSTART " + slug, s == start and kind(s) == kind(start),
       "%r, want %r" % (s, start))
    e = c.decoded("DTEND") if "DTEND" in c else None
    ok("ical: DTEND " + slug, e == end and (e is None or
       kind(e) == kind(end)), "%r, want %r" % (e, end))
    if isinstance(start, datetime.date) and not isinstance(start,
            datetime.datetime):
        ok("ical: all-day VALUE=DATE " + slug,
           c["DTSTART"].params.get("VALUE") == "DATE" and
           c["DTEND"].params.get("VALUE") == "DATE")
    ok("ical: URL " + slug, str(c.get("URL")) ==
       "https://example.fi/lape/tapahtumat/%s/" % slug, c.get("URL"))
    ok("ical: DTSTAMP " + slug, kind(c.decoded("DTSTAMP")) == "utc")
    one = cals.get("tapahtumat/%s/tapahtuma.ics" % slug)
    ev1 = list(one.walk("VEVENT")) if one is not None else []
    ok("ical: own file " + slug, len(ev1) == 1 and
       ev1[0].to_ical() == c.to_ical())
    ok("ical: status " + slug, str(c.get("STATUS")) ==
       ("CANCELLED" if slug == "peruttu" else "CONFIRMED"), c.get("STATUS"))

raisio = events.get("vaikuttamistilaisuus-raisio@" + host, {})
ok("ical: long SUMMARY unfolds", str(raisio.get("SUMMARY")) ==
   "Vaikuttamistilaisuus ”Ei mittää Lapee näkyny oo?” – avoin kaikille "
   "kuntalaisille ja järjestöille", raisio.get("SUMMARY"))
ok("ical: LOCATION with address", str(raisio.get("LOCATION")) ==
   "Raision kaupungintalo, valtuustosali, Nallinkatu 2, Raisio",
   raisio.get("LOCATION"))
ok("ical: DESCRIPTION plain text", str(raisio.get("DESCRIPTION")) ==
   "Avoin tilaisuus; voit vaikuttaa maakunnan hakemukseen.",
   raisio.get("DESCRIPTION"))
cats = raisio.get("CATEGORIES")
cats = [str(x) for x in (cats.cats if hasattr(cats, "cats") else [])]
ok("ical: CATEGORIES", cats == ["varsinais-suomi", "hankehaku"], cats)
ivalo = events.get("pohjois-lapin-seutukuntatyopaja-2017-11-07@" + host, {})
ok("ical: DESCRIPTION escaped", str(ivalo.get("DESCRIPTION")) ==
   "Työpajassa pohditaan perhekeskuksen mallia; mukana kunnat, järjestöt "
   "ja seurakunnat.", ivalo.get("DESCRIPTION"))
ok("ical: DTSTAMP of a post's event is the post's date",
   ivalo.decoded("DTSTAMP") == utc(2017, 9, 11, 21))
EOF

# The calendar's bytes do not depend on --now or the thread count.
"$SAITTI" build --source "$FIX" --out "$TMP/out2" --now 2019-05-01 \
    --jobs 1 --quiet >/dev/null 2>&1
if cmp -s "$OUT/tapahtumat.ics" "$TMP/out2/tapahtumat.ics"; then
	pass "ical: same bytes for another --now"
else
	fail "ical: bytes changed with --now"
fi

# Month grids: every month with an event (issue 20: the navigation skips
# the empty ones, so February 2018 has no grid and January leads to March).
for m in 2017/10 2017/11 2017/12 2018/01 2018/03; do
	check "calendar: month $m" test -f "$OUT/tapahtumat/kalenteri/$m/index.html"
done
check "calendar: no grid for an empty month between events" \
    test ! -e "$OUT/tapahtumat/kalenteri/2018/02"
check "calendar: January leads on to March" grep -q \
    '<a rel="next" href="/lape/tapahtumat/kalenteri/2018/03/"' \
    "$OUT/tapahtumat/kalenteri/2018/01/index.html"
check "calendar: nothing before the first month" \
    test ! -e "$OUT/tapahtumat/kalenteri/2017/09"
check "calendar: nothing after the last month" \
    test ! -e "$OUT/tapahtumat/kalenteri/2018/04"
target() {
	sed -n 's/.*rel="canonical" href="\([^"]*\)".*/\1/p' \
	    "$1/tapahtumat/kalenteri/index.html"
}
t=$(target "$OUT")
[ "$t" = "https://example.fi/lape/tapahtumat/kalenteri/2017/10/" ] &&
    pass "calendar: index leads to --now's month" ||
    fail "calendar: index leads to --now's month" "$t"
t=$(target "$TMP/out2")
[ "$t" = "https://example.fi/lape/tapahtumat/kalenteri/2018/03/" ] &&
    pass "calendar: --now after the last month leads to the last" ||
    fail "calendar: --now after the last month leads to the last" "$t"
oct=$OUT/tapahtumat/kalenteri/2017/10/index.html
nov=$OUT/tapahtumat/kalenteri/2017/11/index.html
n=$(grep -o 'href="/lape/tapahtumat/messut/"' "$oct" | wc -l)
[ "$n" -eq 3 ] && pass "calendar: multi-day on 30.10., 31.10. and 1.11." ||
    fail "calendar: multi-day on 30.10., 31.10. and 1.11." "$n times"
n=$(grep -o 'href="/lape/tapahtumat/messut/"' "$nov" | wc -l)
[ "$n" -eq 3 ] && pass "calendar: multi-day in the next month's grid" ||
    fail "calendar: multi-day in the next month's grid" "$n times"
check "calendar: today marked" grep -q \
    'data-iso="2017-10-01"[^>]*aria-current="date"' "$oct"
check "calendar: 25.9. from the month before" grep -q \
    'data-iso="2017-09-25" class="other"' "$oct"
check "calendar: week 39 first" grep -q '<th scope="row">39</th>' "$oct"
check "calendar: next month link" grep -q \
    'rel="next" href="/lape/tapahtumat/kalenteri/2017/11/"' "$oct"
check "calendar: no previous link in the first month" \
    sh -c "! grep -q 'rel=\"prev\"' '$oct'"
check "events: cancelled marked" grep -q \
    '\[Peruttu\] <a href="/lape/tapahtumat/peruttu/"' \
    "$OUT/tapahtumat/index.html"
check "events: Finnish date and time" grep -q \
    '>ti 7.11.2017 klo 12–15</time>' "$OUT/tapahtumat/index.html"
check "events: multi-day range" grep -q '>ma 30.10.–ke 1.11.2017</time>' \
    "$OUT/tapahtumat/index.html"
check "events: the post lists its events" grep -q \
    'href="/lape/tapahtumat/tunturi-lapin-seutukuntatyopaja-2017-10-02/"' \
    "$OUT/uutiset/seutukuntakaynnit/index.html"
check "events: the event links to its post" grep -q \
    'class="post" href="/lape/uutiset/seutukuntakaynnit/"' \
    "$OUT/tapahtumat/tunturi-lapin-seutukuntatyopaja-2017-10-02/index.html"
check "events: JSON-LD says cancelled" grep -q \
    '"eventStatus":"https://schema.org/EventCancelled"' \
    "$OUT/tapahtumat/peruttu/index.html"
check "events: front page shows the next three" test "$(grep -o \
    '<li>[^<]*<a href="/lape/tapahtumat/' "$OUT/index.html" | wc -l)" -eq 3
first=$(sed -n '/id="past"/,$p' "$TMP/out2/tapahtumat/index.html" |
    grep -o 'href="/lape/tapahtumat/[^"]*"' | head -n 1)
[ "$first" = 'href="/lape/tapahtumat/kesaaika-alkaa/"' ] &&
    pass "events: past ones newest first" ||
    fail "events: past ones newest first" "$first"
