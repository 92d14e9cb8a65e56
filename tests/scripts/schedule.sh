#!/bin/sh
# --next-change: the next instant at which the output changes by itself,
# printed alone; the build's summary says it too.
. tests/scripts/lib.sh
site="$TMP/site"
cp -r tests/fixtures/basic "$site"
rm -rf "$site/expected" "$site/args"
next() { "$SAITTI" build --source "$site" --out "$TMP/nc" --next-change --now "$1" 2>"$TMP/err"; }
eq() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want [$3] got [$2]"; fi; }
eq "schedule: a new year changes the footer" "$(next 2018-06-01)" "2019-01-01T00:00:00+02:00"
eq "schedule: a future post appears on its day" "$(next 2029-12-30)" "2030-01-01T00:00:00+02:00"
check "schedule: --next-change writes no output" [ ! -e "$TMP/nc" ]
check "schedule: --next-change is silent on stderr" [ ! -s "$TMP/err" ]
mkdir -p "$site/content/tapahtumat"
printf -- '---\ntitle: Työpaja\nstart: 2018-06-05 12:00\nend: 2018-06-05 15:00\n---\n' > "$site/content/tapahtumat/tyopaja.md"
eq "schedule: the month grid's today moves at midnight" "$(next 2018-06-01)" "2018-06-02T00:00:00+03:00"
eq "schedule: an event becomes past at its end" "$(next '2018-06-05 13:00')" "2018-06-05T15:00:00+03:00"
eq "schedule: a date-only now sees the end the next midnight" "$(next 2018-06-05)" "2018-06-06T00:00:00+03:00"
"$SAITTI" build --source "$site" --out "$TMP/out" --now 2018-06-01 2>"$TMP/log"
check "schedule: the build's summary names the next rebuild" grep -q "next     rebuild at 2018-06-02T00:00:00+03:00" "$TMP/log"
printf -- '---\ntitle: Rikki\ndate: 31.2.2018\n---\n' > "$site/content/blogi/rikki.md"
out=$(next 2018-06-01); rc=$?
check "schedule: bad content: exit 1" [ "$rc" -eq 1 ]
check "schedule: bad content: nothing on stdout" [ -z "$out" ]
