#!/bin/sh
# Pages that hold events' views (an event's page, the events list, the
# year pages, a post that lists its events) are keyed from what the views
# are made of (render/eventkey.c), and the views are made only for the
# pages that are rendered (events_view_of). An edit of a post leaves the
# event pages as they were, without making them; each kind of edit of an
# event reaches its pages; and after each a rebuild with the caches
# equals a build from scratch, byte for byte.
. tests/scripts/lib.sh
site="$TMP/site"
out="$TMP/out"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
cp -r tests/fixtures/events/content/tapahtumat "$site/content/"
mkdir -p "$site/themes"
cp -r themes/default "$site/themes/oma"
sed -i 's/^theme: mini$/theme: oma/' "$site/site.yaml"
sed -n '/^paths:/p' tests/fixtures/events/site.yaml >>"$site/site.yaml"
event="$site/content/tapahtumat/kerho.md"
printf -- '---\ntitle: "Perhekerho"\nstart: "5.6.2018 klo 17.00"\nend: "5.6.2018 klo 18.30"\nlocation: "Kemi"\ntags: [Lappi]\n---\nKerho kokoontuu.\n' >"$event"
post="$site/content/blogi/kolmas.md"
sed -i 's/^slug: kolmas-oma$/slug: kolmas-oma\nevents:\n  - title: "Kirjoituksen tilaisuus"\n    start: "20.6.2018 klo 12.00"\n    location: "Oulu"/' "$post"

now=2018-06-01
rebuild() {
	"$SAITTI" build --source "$site" --out "$out" --now $now \
	    --verbose --jobs 2 >"$TMP/log" 2>&1
}
same() {
	rm -rf "$TMP/fresh" "$TMP/nocache"
	SAITTI_CACHE="$TMP/nocache" "$SAITTI" build --source "$site" \
	    --out "$TMP/fresh" --now $now --quiet
	if d=$(diff -r "$out" "$TMP/fresh"); then
		pass "$1"
	else
		fail "$1" "$d"
	fi
}
# The inode of an output file: a file the build kept keeps it.
ino() { stat -c %i "$out/$1"; }
list=tapahtumat/index.html
page=tapahtumat/kerho/index.html
year=tapahtumat/kalenteri/2018/index.html
# edit NAME SED-SCRIPT FILE TEXT: edits, rebuilds, compares, and checks
# that TEXT is on the event's page, the events list and the year page.
edit() {
	sed -i "$2" "$3"
	rebuild
	same "event keys: $1"
	for f in $page $list $year; do
		check "event keys: ...$1 reaches $f" grep -q "$4" "$out/$f"
	done
}

rebuild
rebuild
check "event keys: the year page is made" test -f "$out/$year"
i_list=$(ino $list)
i_page=$(ino $page)
i_year=$(ino $year)
sed -i 's/^Kolmas kirjoitus\.$/Muokattu kirjoitus./' "$post"
rebuild
same "event keys: a post's body"
check "event keys: ...leaves the events list" test "$(ino $list)" = "$i_list"
check "event keys: ...the event's page" test "$(ino $page)" = "$i_page"
check "event keys: ...and the year page" test "$(ino $year)" = "$i_year"

edit "an event's title" 's/^title: "Perhekerho"$/title: "Perhekerho \& <uusi>"/' \
    "$event" 'Perhekerho &amp; &lt;uusi&gt;'
check "event keys: ...which is a new file" test "$(ino $list)" != "$i_list"
edit "an event's date" 's/5\.6\.2018/7.6.2018/g' "$event" '7\.6\.2018'
edit "an event's time" 's/klo 17\.00/klo 16.15/' "$event" '16\.15'
sed -i 's/^location: "Kemi"$/location: "Tornio"/' "$event"
rebuild
same "event keys: an event's place"
check "event keys: ...reaches its page" grep -q Tornio "$out/$page"
check "event keys: ...and the list" grep -q Tornio "$out/$list"
sed -i 's/^Kerho kokoontuu\.$/Kerho kokoontuu torstaisin./' "$event"
rebuild
same "event keys: an event's body"
check "event keys: ...reaches its page" grep -q torstaisin "$out/$page"
sed -i 's/^end: "7\.6\.2018 klo 18\.30"$/end: "7.6.2018 klo 18.30"\nrepeat: "FREQ=WEEKLY;COUNT=4"/' "$event"
rebuild
same "event keys: a repeat"
check "event keys: ...its page lists the coming dates" \
    grep -q '28\.6\.2018' "$out/$page"
sed -i 's/^repeat: .*/repeat: "FREQ=WEEKLY;COUNT=2"/' "$event"
rebuild
same "event keys: a repeat's count"
check "event keys: ...the dates go" sh -c "! grep -q '28\.6\.2018' '$out/$page'"
sed -i 's/^location: "Tornio"$/location: "Tornio"\nregistration: {url: "https:\/\/ilmo.example.fi\/", deadline: "6.6.2018"}/' "$event"
rebuild
same "event keys: a registration"
check "event keys: ...reaches its page" grep -q ilmo.example.fi "$out/$page"

# The calendars: an event's VEVENT is keyed from its view's key and what
# else it says (ical.c).
ics=tapahtumat/kerho/tapahtuma.ics
check "event keys: the place is in the event's calendar" grep -q Tornio "$out/$ics"
check "event keys: ...and the site's" grep -q Tornio "$out/tapahtumat.ics"
sed -i 's/^repeat: .*/repeat: "FREQ=WEEKLY;COUNT=2"\nexcept: [14.6.2018]/' "$event"
rebuild
same "event keys: a date left out"
check "event keys: ...reaches the calendar" grep -q '^EXDATE' "$out/$ics"
sed -i 's/^except: .*/changes:\n  - {date: 14.6.2018, location: "Kirjasto"}/' "$event"
rebuild
same "event keys: a date written differently"
check "event keys: ...reaches the calendar" grep -q 'LOCATION:Kirjasto' "$out/$ics"
check "event keys: ...and the site's" grep -q 'RECURRENCE-ID' "$out/tapahtumat.ics"
sed -i 's/location: "Kirjasto"/location: "Museo"/' "$event"
rebuild
same "event keys: its place"
check "event keys: ...reaches the calendar" grep -q 'LOCATION:Museo' "$out/$ics"

i_post=$(ino blogi/kolmas-oma/index.html)
sed -i 's/^  - title: "Kirjoituksen tilaisuus"$/  - title: "Kirjoituksen uusi tilaisuus"/' "$post"
rebuild
same "event keys: a post's event's title"
check "event keys: ...reaches the post's page" \
    grep -q 'Kirjoituksen uusi tilaisuus' "$out/blogi/kolmas-oma/index.html"
check "event keys: ...which is a new file" \
    test "$(ino blogi/kolmas-oma/index.html)" != "$i_post"
sed -i 's/^    location: "Oulu"$/    location: "Kajaani"/' "$post"
rebuild
same "event keys: a post's event's place"

sed -i 's/^\(events_title: \).*/\1"Tapahtumia"/' "$site/themes/oma/i18n/fi.yaml"
rebuild
same "event keys: the theme's strings"
sed -i 's/^  event_day: .*/  event_day: "{d}.{m}.{Y} (pv)"/' "$site/themes/oma/i18n/fi.yaml"
rebuild
same "event keys: a date pattern"
check "event keys: ...reaches the event's page" grep -q '(pv)' "$out/$page"
printf '<p class="x">{{page.event.location}}</p>\n' \
    >>"$site/themes/oma/templates/event.html"
rebuild
same "event keys: a template"
now=2018-06-20
rebuild
same "event keys: another --now"
