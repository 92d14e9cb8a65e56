#!/bin/sh
# Issue 20: recurring events, registration, places and online events.
# A site with a weekly series (Finnish `repeat:`, exceptions, one date
# moved, one cancelled) across both daylight saving changes of 2017–18, and
# a fortnightly RRULE series online. Mozilla's ical.js (Thunderbird's
# parser) must expand the .ics to exactly the expected dates in
# Europe/Helsinki; python3-icalendar must read every .ics; the pages, the
# month grid and --next-change must agree; writer mistakes get messages.
. "$TOP/tests/scripts/lib.sh"
S=$TMP/site
mkdir -p "$S/content/tapahtumat"
cp -r "$TOP/themes" "$S/"
cat >"$S/site.yaml" <<'YAML'
title: "Toistuvat"
base_url: "https://example.fi/"
language: fi
timezone: Europe/Helsinki
YAML
printf -- '---\ntitle: Etusivu\n---\nHei\n' >"$S/content/index.md"
cat >"$S/content/tapahtumat/2017-10-03-kohtaamispaikka.md" <<'MD'
---
title: "Avoin kohtaamispaikka"
start: "3.10.2017 klo 9.00"
end: "3.10.2017 klo 11.00"
repeat: "joka tiistai, päättyy 29.5.2018"
except: [26.12.2017, 2.1.2018]
changes:
  - {date: 12.12.2017, start: "12.12.2017 klo 10.00", end: "12.12.2017 klo 12.00", location: "Kirjasto"}
  - {date: 6.3.2018, cancelled: true}
location: "Perhekeskus Aalto"
address: "Aallonkatu 1, Raisio"
geo: "60.4858, 22.1690"
region: "Varsinais-Suomi"
tags: [perhekeskus]
registration: {url: "https://example.fi/ilmo", deadline: 2.10.2017, info: "Ilmoittaudu etukäteen."}
---
Perheiden avoin aamu.
MD
cat >"$S/content/tapahtumat/2017-10-05-vanhempainryhma.md" <<'MD'
---
title: "Vanhempainryhmä"
start: "5.10.2017 klo 17.30"
end: "5.10.2017 klo 19.00"
repeat: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=6"
online: "https://meet.example.fi/ryhma"
---
MD
cat >"$S/content/tapahtumat/2019-03-01-lapin-paiva.md" <<'MD'
---
title: "Lapin perhepäivä"
start: 1.3.2019
region: "Lappi"
tags: [lappi]
---
MD
export SAITTI_CACHE="$TMP/cache"
if err=$("$SAITTI" build --source "$S" --out "$TMP/out" --now 2017-10-01 --quiet 2>&1); then
	pass "recurring: build"
else
	fail "recurring: build" "$err"
	exit 0
fi
O=$TMP/out

# The expected dates, computed here independently of saitti.
/usr/bin/python3 - >"$TMP/want" <<'PY'
import datetime as dt
d, lines = dt.date(2017, 10, 3), []
while d <= dt.date(2018, 5, 29):
    if d not in (dt.date(2017, 12, 26), dt.date(2018, 1, 2)):
        s, e, loc, st = "09:00", "11:00", "Perhekeskus Aalto, Aallonkatu 1, Raisio", "CONFIRMED"
        if d == dt.date(2017, 12, 12):
            s, e, loc = "10:00", "12:00", "Kirjasto, Aallonkatu 1, Raisio"
        if d == dt.date(2018, 3, 6):
            st = "CANCELLED"
        lines.append(f"kohtaamispaikka@example.fi\t{d} {s}\t{d} {e}\t{st}\t{loc}")
    d += dt.timedelta(days=7)
d = dt.date(2017, 10, 5)
for i in range(6):
    lines.append(f"vanhempainryhma@example.fi\t{d} 17:30\t{d} 19:00\tCONFIRMED\thttps://meet.example.fi/ryhma")
    d += dt.timedelta(days=14)
# A single all-day event: DTEND is the day after (exclusive).
lines.append("lapin-paiva@example.fi\t2019-03-01\t2019-03-02\tCONFIRMED\t")
print("\n".join(lines))
PY
if [ -f "$TOP/tests/ical/node_modules/ical.js/package.json" ]; then
	if node "$TOP/tests/ical/expand.js" "$O/tapahtumat.ics" >"$TMP/got" 2>"$TMP/err" &&
	    diff -u "$TMP/want" "$TMP/got" >"$TMP/diff"; then
		pass "ical.js expands the site calendar to exactly the expected dates"
	else
		fail "ical.js expands the site calendar to exactly the expected dates" "$(cat "$TMP/err" "$TMP/diff")"
	fi
	node "$TOP/tests/ical/expand.js" "$O/tapahtumat/kohtaamispaikka/tapahtuma.ics" >"$TMP/got1" 2>&1
	grep kohtaamispaikka "$TMP/want" >"$TMP/want1"
	check "ical.js: the event's own .ics gives the same dates" cmp -s "$TMP/want1" "$TMP/got1"
	grep -q "2018-03-27 09:00" "$TMP/got" && grep -q "2017-10-31 09:00" "$TMP/got" &&
	    pass "ical.js: 9.00 on both sides of both daylight saving changes" ||
	    fail "ical.js: 9.00 on both sides of both daylight saving changes"
else
	fail "ical.js is installed by make test-deps (tests/ical)"
fi

/usr/bin/python3 - "$O" <<'PY'
import glob, json, re, sys
import icalendar
out = sys.argv[1]
def ok(name, cond, why=""):
    print(("PASS " if cond else "FAIL ") + name)
    if not cond and why:
        print("  " + str(why))
files = sorted(glob.glob(out + "/**/*.ics", recursive=True))
for f in files:
    try:
        cal = icalendar.Calendar.from_ical(open(f, "rb").read())
        ok("python-icalendar reads " + f[len(out):], True)
    except Exception as e:
        ok("python-icalendar reads " + f[len(out):], False, e)
cal = icalendar.Calendar.from_ical(open(out + "/tapahtumat.ics", "rb").read())
ev = [c for c in cal.walk("VEVENT") if c.get("RECURRENCE-ID") is None and str(c["UID"]).startswith("kohtaamispaikka")][0]
ok("RRULE: weekly on Tuesdays until the end date",
   ev["RRULE"]["FREQ"] == ["WEEKLY"] and ev["RRULE"]["BYDAY"] == ["TU"], ev["RRULE"])
ok("DTSTART carries the zone", str(ev["DTSTART"].dt.tzinfo).endswith("Helsinki") or "Helsinki" in str(ev["DTSTART"].params.get("TZID")), ev["DTSTART"].params)
ok("two EXDATEs", len(ev.get("EXDATE")) == 2, ev.get("EXDATE"))
ok("a VTIMEZONE for Europe/Helsinki", any(str(t["TZID"]) == "Europe/Helsinki" for t in cal.walk("VTIMEZONE")))
ok("GEO", ev.get("GEO") is not None and abs(ev["GEO"].latitude - 60.4858) < 1e-6)
page = open(out + "/tapahtumat/kohtaamispaikka/index.html", encoding="utf-8").read()
ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
ok("JSON-LD: eventSchedule weekly on Tuesdays",
   ld.get("eventSchedule", {}).get("repeatFrequency") == "P1W" and ld["eventSchedule"].get("byDay") == ["https://schema.org/Tuesday"], ld.get("eventSchedule"))
ok("JSON-LD: geo", ld["location"].get("geo", {}).get("latitude") == 60.4858, ld.get("location"))
ok("JSON-LD: registration as an offer", ld.get("offers", {}).get("url") == "https://example.fi/ilmo", ld.get("offers"))
on = open(out + "/tapahtumat/vanhempainryhma/index.html", encoding="utf-8").read()
ld2 = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', on, re.S).group(1))
ok("JSON-LD: an online event", ld2["eventAttendanceMode"].endswith("OnlineEventAttendanceMode") and ld2["location"]["@type"] == "VirtualLocation", ld2)
PY

P=$O/tapahtumat/kohtaamispaikka/index.html
check "the page lists the coming dates" grep -q '<time datetime="2017-10-10T09:00:00+03:00">ti 10.10.2017 klo 9–11</time>' "$P"
check "a moved date is marked" grep -q 'klo 10–12</time> <strong class="badge">Muutettu</strong> Kirjasto' "$P"
check "the repeat is shown as written" grep -q '<dd>joka tiistai, päättyy 29.5.2018</dd>' "$P"
check "the address links to a map, with no script" grep -q 'href="https://www.openstreetmap.org/search?query=Aallonkatu%201%2C%20Raisio"' "$P"
check "registration: the deadline" grep -q 'Ilmoittaudu viimeistään ma 2.10.2017' "$P"
check "registration: the button" grep -q '<a class="button" href="https://example.fi/ilmo">Ilmoittaudu</a>' "$P"
check "the month grid shows each Tuesday" sh -c "[ \$(grep -c 'Avoin kohtaamispaikka' '$O/tapahtumat/kalenteri/2017/10/index.html') -ge 5 ]"
# December's grid runs from Monday 27.11. to Sunday 7.1.: the Tuesdays 28.11.,
# 5.12., 12.12. and 19.12.; not 26.12. nor 2.1., which are left out.
check "the month grid leaves out the exceptions" sh -c "[ \$(grep -c 'Avoin kohtaamispaikka' '$O/tapahtumat/kalenteri/2017/12/index.html') = 4 ]"
check "one page per series, not per date" sh -c "[ \$(ls '$O/tapahtumat' | grep -c kohtaamispaikka) = 1 ]"

# Calendars per region and per tag: exactly their own events.
/usr/bin/python3 - "$O" <<'PY'
import sys, icalendar
out = sys.argv[1]
def uids(path):
    cal = icalendar.Calendar.from_ical(open(out + path, "rb").read())
    return sorted(set(str(e["UID"]) for e in cal.walk("VEVENT")))
def ok(name, cond, why=""):
    print(("PASS " if cond else "FAIL ") + name)
    if not cond: print("  " + str(why))
got = uids("/tapahtumat/alue/varsinais-suomi/tapahtumat.ics")
ok("a region's .ics holds exactly that region's events", got == ["kohtaamispaikka@example.fi"], got)
got = uids("/tapahtumat/alue/lappi/tapahtumat.ics")
ok("another region's .ics holds only its own", got == ["lapin-paiva@example.fi"], got)
got = uids("/avainsanat/perhekeskus/tapahtumat.ics")
ok("a tag's .ics holds the tag's events", got == ["kohtaamispaikka@example.fi"], got)
cal = icalendar.Calendar.from_ical(open(out + "/tapahtumat/alue/varsinais-suomi/tapahtumat.ics", "rb").read())
ok("a region's calendar has the region in its name", str(cal.get("X-WR-CALNAME")) == "Toistuvat – Varsinais-Suomi", cal.get("X-WR-CALNAME"))
ok("a region's calendar keeps the series' VTIMEZONE", len(cal.walk("VTIMEZONE")) == 1)
PY
R=$O/tapahtumat/alue/varsinais-suomi/index.html
check "the region page lists its upcoming events" grep -q 'ti 10.10.2017 klo 9–11' "$R"
check "the region page offers a webcal subscription" grep -q 'href="webcal://example.fi/tapahtumat/alue/varsinais-suomi/tapahtumat.ics">Tilaa alueen tapahtumat puhelimesi kalenteriin' "$R"
check "the region page leaves out other regions" sh -c "! grep -q 'Lapin perhepäivä' '$R'"
check "the events page links to each region" grep -q '<a href="/tapahtumat/alue/lappi/">Lappi</a>' "$O/tapahtumat/index.html"
check "an event links to its region" grep -q '<a href="/tapahtumat/alue/varsinais-suomi/">Varsinais-Suomi</a>' "$P"
T=$O/avainsanat/perhekeskus/index.html
check "the tag index counts a tag's events" grep -q '<a href="/avainsanat/perhekeskus/">perhekeskus</a> <span class="count">0<span class="visually-hidden"> kirjoitusta</span>, 1 tapahtuma</span>' "$O/avainsanat/index.html"
check "a tag page lists its events" grep -q 'Avoin kohtaamispaikka' "$T"
check "a tag page offers its calendar" grep -q 'href="webcal://example.fi/avainsanat/perhekeskus/tapahtumat.ics"' "$T"
# site.yaml may name a region in the genitive for a natural sentence.
printf 'regions:\n  Lappi: {genitive: "Lapin"}\n' >>"$S/site.yaml"
"$SAITTI" build --source "$S" --out "$TMP/out3" --now 2017-10-01 --quiet >/dev/null 2>&1
check "Tilaa Lapin tapahtumat puhelimesi kalenteriin" grep -q '>Tilaa Lapin tapahtumat puhelimesi kalenteriin</a>' "$TMP/out3/tapahtumat/alue/lappi/index.html"

# The month navigation skips empty stretches; a year view lists months.
M=$O/tapahtumat/kalenteri
check "May 2018 leads on to March 2019, past the empty months" grep -q 'class="month-next"><a href="/tapahtumat/kalenteri/2019/03/"' "$M/2018/05/index.html"
check "March 2019 leads back to May 2018" grep -q 'class="month-prev"><a href="/tapahtumat/kalenteri/2018/05/"' "$M/2019/03/index.html"
check "no grid for a month without events" test ! -e "$M/2018/08/index.html"
check "a year page" grep -q '<h1>Tapahtumakalenteri 2018</h1>' "$M/2018/index.html"
check "the year page links to its months with events" grep -q '<a href="/tapahtumat/kalenteri/2018/05/">Toukokuu 2018</a>\|<a href="/tapahtumat/kalenteri/2018/05/">toukokuu 2018</a>' "$M/2018/index.html"
check "the year page leads on to the next year with events" grep -q 'href="/tapahtumat/kalenteri/2019/" rel="next"' "$M/2018/index.html"
check "a month links to its year" grep -q 'href="/tapahtumat/kalenteri/2017/">Koko vuosi 2017' "$M/2017/10/index.html"
# Tänään and Huomenna on the lists.
"$SAITTI" build --source "$S" --out "$TMP/out4" --now 2017-10-02 --quiet >/dev/null 2>&1
check "Huomenna, the day before" grep -q '<strong class="badge badge-soon">Huomenna</strong> <time datetime="2017-10-03T09:00' "$TMP/out4/tapahtumat/index.html"
"$SAITTI" build --source "$S" --out "$TMP/out5" --now 2017-10-03 --quiet >/dev/null 2>&1
check "Tänään, on the day" grep -q '<strong class="badge badge-soon">Tänään</strong> <time datetime="2017-10-03T09:00' "$TMP/out5/tapahtumat/index.html"
check "no Huomenna for a date further off" sh -c "! grep -q 'Huomenna</strong> <time datetime=\"2017-10-10' '$TMP/out5/tapahtumat/index.html'"

# The registration closes at the end of its day.
"$SAITTI" build --source "$S" --out "$TMP/out2" --now 2017-10-03 --quiet >/dev/null 2>&1
check "after the deadline: registration has closed" grep -q 'Ilmoittautuminen on päättynyt.' "$TMP/out2/tapahtumat/kohtaamispaikka/index.html"
check "after the deadline: no button" sh -c "! grep -q 'href=\"https://example.fi/ilmo\"' '$TMP/out2/tapahtumat/kohtaamispaikka/index.html'"
n=$("$SAITTI" build --source "$S" --now 2017-10-02T12:00 --next-change 2>/dev/null)
[ "$n" = "2017-10-03T00:00:00+03:00" ] && pass "--next-change: the deadline's end" ||
    fail "--next-change: the deadline's end" "$n"

# Mistakes a writer makes.
mistake() {
	name=$1 field=$2 want=$3
	rm -rf "$TMP/m" && mkdir -p "$TMP/m/content/tapahtumat" && cp -r "$TOP/themes" "$S/site.yaml" "$TMP/m/" &&
	    cp "$S/content/index.md" "$TMP/m/content/"
	printf -- '---\ntitle: "Ryhmä"\nstart: "3.10.2017 klo 9"\n%s\n---\n' "$field" >"$TMP/m/content/tapahtumat/ryhma.md"
	sed -i '/^regions:/,$d' "$TMP/m/site.yaml"
	got=$(LANGUAGE=en "$SAITTI" check --source "$TMP/m" --now 2017-10-01 2>&1)
	case $got in
	*"$want"*) pass "mistake: $name" ;;
	*) fail "mistake: $name" "$got" ;;
	esac
}
mistake "an unknown repeat" 'repeat: "joskus"' "content/tapahtumat/ryhma.md:4:9: error: repeat: write how the event repeats like 'joka tiistai'"
mistake "a start on another day" 'repeat: "joka keskiviikko"' "repeat: the start is not one of the days the event repeats on"
mistake "an exception off the series" 'repeat: "joka tiistai"
except: [27.12.2017]' "except: 27.12.2017 is not a date on which the event repeats"
mistake "until without repeat" 'until: 1.6.2018' "'until' is for repeating events: add repeat:"
mistake "a bad end" 'repeat: "joka tiistai, päättyy 31.2.2018"' "the end of the repeat must be like"
mistake "a bad RRULE part" 'repeat: "FREQ=WEEKLY;BYHOUR=9"' "this RRULE part is not supported"
mistake "a registration address" 'registration: {url: "ilmo.example.fi"}' "url: write a whole web address starting with https://"
mistake "geo" 'geo: "pohjoinen"' "geo: write the latitude and longitude in degrees"
# The same mistake in the writer's language (the site is Finnish).
rm -rf "$TMP/m" && mkdir -p "$TMP/m/content/tapahtumat" && cp -r "$TOP/themes" "$S/site.yaml" "$TMP/m/" &&
    cp "$S/content/index.md" "$TMP/m/content/" && sed -i '/^regions:/,$d' "$TMP/m/site.yaml"
printf -- '---\ntitle: "Ryhmä"\nstart: "3.10.2017 klo 9"\nrepeat: "FREQ=WEEKLY;BYHOUR=9"\n---\n' >"$TMP/m/content/tapahtumat/ryhma.md"
got=$(LANGUAGE=fi "$SAITTI" check --source "$TMP/m" --now 2017-10-01 2>&1)
case $got in
*"content/tapahtumat/ryhma.md:4:9: error: repeat: tätä RRULEn osaa ei tueta: käytä osia FREQ, INTERVAL, BYDAY, BYSETPOS, COUNT ja UNTIL"*)
	pass "mistake in Finnish: an RRULE part" ;;
*) fail "mistake in Finnish: an RRULE part" "$got" ;;
esac
