#!/bin/sh
# The mistakes writers make (issue 14), one row each: the text of a post or
# an event, the exit status, and the exact message for that file in Finnish
# (LANGUAGE=fi) and in English (LANGUAGE=en). Errors stop the build (1);
# warnings let it go on (0), and check --strict fails on them. Then the
# forms that are read as the writer meant (a time range, a weekday, kello,
# draft: kyllä), and the choice of language.
. tests/scripts/lib.sh
export SAITTI_CACHE="$TMP/cache"
NOW=2018-06-01
base="$TMP/base"
cp -r tests/fixtures/basic "$base"
rm -rf "$base/expected" "$base/args"
mkdir -p "$base/content/tapahtumat"
# A real picture (a fake one is refused, issue 19): a 4×4 PNG from vips.
vips black "$TMP/kartta.v" 4 4 && vips copy "$TMP/kartta.v" "$base/content/blogi/kartta.png"
# The fixture's own warning (raw HTML) belongs to no row.
sed -i 's|Raaka <b>HTML</b> ei|Raaka HTML ei|' \
    "$base/content/blogi/2017/2017-11-07-eka.md"
n=0

# site KIND TEXT: a copy of the fixture in $S with TEXT (printf %b) as
# the post or the event, at $F.
site() {
	n=$((n + 1))
	S="$TMP/s$n"
	cp -r "$base" "$S"
	case $1 in
	post) F=content/blogi/2017-10-01-koe.md ;;
	event) F=content/tapahtumat/koe.md ;;
	esac
	printf '%b' "$2" >"$S/$F"
}

# build LANG: builds $S with messages in LANG: $rc, and $S/err-LANG holds
# the lines about $F.
build() {
	LANGUAGE=$1 "$SAITTI" build --source "$S" --out "$S/out" --now $NOW \
	    >"$S/log-$1" 2>&1
	rc=$?
	grep "^$F:" "$S/log-$1" >"$S/err-$1"
}

# expect NAME LANG RC LINE: the exit status and the one message.
expect() {
	if [ "$rc" = "$3" ] && [ "$(cat "$S/err-$2")" = "$F:$4" ]; then
		pass "$1 ($2)"
	else
		fail "$1 ($2)" "exit $rc, want $3
got:  $(cat "$S/err-$2")
want: $F:$4"
	fi
}

# A row: "@ NAME|post or event|EXIT|TEXT", then "fi LINE:COL: ..." and
# "en LINE:COL: ...".
while IFS= read -r line; do
	case $line in
	"@ "*)
		row=${line#@ }
		name=${row%%|*}; row=${row#*|}
		kind=${row%%|*}; row=${row#*|}
		want=${row%%|*}; text=${row#*|}
		site "$kind" "$text"
		;;
	"fi "*) build fi; expect "$name" fi "$want" "${line#fi }" ;;
	"en "*)
		build en; expect "$name" en "$want" "${line#en }"
		[ "$want" = 0 ] || continue
		LANGUAGE=en "$SAITTI" check --source "$S" --now $NOW --strict \
		    >/dev/null 2>"$S/strict"
		if [ $? = 1 ] && [ "$(tail -n 1 "$S/strict")" = "saitti: 1 warning, and --strict counts warnings as errors" ]; then
			pass "$name: check --strict fails on it"
		else
			fail "$name: check --strict fails on it" "$(cat "$S/strict")"
		fi
		;;
	esac
done <<'ROWS'
@ colon in the title|post|1|---\ntitle: Ohjelma: syksy 2017\ndate: 2017-10-01\n---\nTeksti.\n
fi 2:15: error: Otsikossa on kaksoispiste. Kirjoita otsikko lainausmerkkeihin: title: "Ohjelma: syksy 2017"
en 2:15: error: the title has a colon (:) in it, and YAML reads what comes before it as a key: put the whole title in quotes, like title: "Ohjelma: syksy 2017"
@ tab in the front matter|post|1|---\ntitle: Syksy\n\tdate: 2017-10-01\n---\nTeksti.\n
fi 3:1: error: rivillä on sarkainmerkki (Tab): sisennä välilyönneillä, älä sarkaimella
en 3:1: error: tab character in YAML: indent with spaces, not tabs
@ quote marks inside a quoted title|post|1|---\ntitle: "Hanke "LAPE" alkaa"\n---\nTeksti.\n
fi 2:16: error: kohdan 'title' arvon sisällä on samoja lainausmerkkejä kuin sen ympärillä, joten lainaus päättyy liian aikaisin. Kirjoita arvon ympärille toisenlaiset lainausmerkit: title: 'Hanke "LAPE" alkaa'
en 2:16: error: the value of 'title' has quote marks inside the quotes around it, so the quotes end too early: use the other kind of quote marks around it, like title: 'Hanke "LAPE" alkaa'
@ a quote never closed|post|1|---\ntitle: "Hanke alkaa\ndate: 2017-10-01\n---\nTeksti.\n
fi 2:8: error: tästä alkavaa lainausmerkkiä ei suljeta: päätä teksti samalla lainausmerkillä
en 2:8: error: the quote that starts here is never closed: end the text with the same quote mark
@ a list never closed|post|1|---\ntitle: Syksy\ntags: [Lappi, perhekeskus\n---\nTeksti.\n
fi 3:7: error: tästä merkillä '[' alkavaa luetteloa ei suljeta: erota kohdat pilkuilla ja päätä luettelo merkkiin ']'
en 3:7: error: the list that starts here with '[' is not closed: separate its items with commas and end it with ']'
@ text above the closing ---|post|1|---\ntitle: Syksy\nTämä on jo tekstiä.\ndate: 2017-10-01\n---\nTeksti.\n
fi 3:1: error: tämä rivi ei ole muotoa 'avain: arvo': aloita rivi avaimella ja kaksoispisteellä (esimerkiksi summary: ...); jos rivi jatkaa edellistä riviä, sisennä se välilyönneillä; jos se on kirjoituksen tekstiä, päätä alkutiedot ennen sitä rivillä '---'
en 3:1: error: this line is not 'key: value': start it with a key and a colon (like summary: ...); if it continues the line above, indent it with spaces; if it is text of the post, end the front matter before it with a line '---'
@ a key indented under another|post|1|---\ntitle: Syksy\n  date: 2017-10-01\n---\nTeksti.\n
fi 3:7: error: 'date:' on sisennetty enemmän kuin sen yläpuolella oleva rivi, joten se luetaan osaksi edellistä arvoa: aloita se samasta sarakkeesta kuin muut avaimet
en 3:7: error: 'date:' is indented more than the line above it, so YAML reads it as part of that value: start it at the same column as the other keys
@ an impossible date|post|1|---\ntitle: Syksy\ndate: 31.2.2018\n---\nTeksti.\n
fi 3:7: error: date: 31.2.2018 ei ole päivämäärä: helmikuussa on 28 tai 29 päivää
en 3:7: error: date: 31.2.2018 is not a date: February has 28 or 29 days
@ a range and end: both|event|1|---\ntitle: Työpaja\nstart: 2.10.2017 klo 12-16\nend: 2.10.2017 klo 17\n---\nKuvaus.\n
fi 4:6: error: tapahtumalla on kaksi loppuaikaa: aikaväli start-rivillä ja end-rivi: säilytä vain toinen (start: 2.10.2017 klo 12-16, tai start: 2.10.2017 klo 12 ja end: 2.10.2017 klo 16)
en 4:6: error: the event has two ends: the time range in start, and end: keep one of them (start: 2.10.2017 klo 12-16, or start: 2.10.2017 klo 12 with end: 2.10.2017 klo 16)
@ the wrong weekday|event|1|---\ntitle: Työpaja\nstart: pe 2.10.2017 klo 12\n---\nKuvaus.\n
fi 3:8: error: start: pe 2.10.2017 klo 12 sisältää väärän viikonpäivän: se päivä on maanantai (ma); korjaa viikonpäivä tai päivämäärä
en 3:8: error: start: pe 2.10.2017 klo 12 is not the right weekday: that day is a Monday (ma); correct the weekday or the date
@ no weekday before the date|event|1|---\ntitle: Työpaja\nstart: noin 2.10.2017\n---\nKuvaus.\n
fi 3:8: error: start: noin 2.10.2017 ei ole päivämäärä: päivämäärän edessä oleva sana ei ole viikonpäivä; kirjoita viikonpäivä muodossa ma, ti, ke, to, pe, la tai su, tai jätä se pois
en 3:8: error: start: noin 2.10.2017 is not a date: the word before the date is not a weekday; write the weekday as ma, ti, ke, to, pe, la or su, or leave it out
@ a range without klo|event|1|---\ntitle: Työpaja\nstart: 2.10.2017 12-16\n---\nKuvaus.\n
fi 3:8: error: start: 2.10.2017 12-16 ei ole päivämäärä: aikavälin eteen tarvitaan klo, esimerkiksi 7.11.2017 klo 12-16
en 3:8: error: start: 2.10.2017 12-16 is not a date: a time range needs klo, like 7.11.2017 klo 12-16
@ a range in date:|post|1|---\ntitle: Syksy\ndate: 2.10.2017 klo 12-16\n---\nTeksti.\n
fi 3:7: error: date: 2.10.2017 klo 12-16 on aikaväli, ja aikavälin voi kirjoittaa vain tapahtuman alkuun (start): kirjoita tähän yksi aika
en 3:7: error: date: 2.10.2017 klo 12-16 is a time range, and a range belongs only in an event's start: write one time here
@ draft: joo|post|1|---\ntitle: Syksy\ndate: 2017-10-01\ndraft: joo\n---\nTeksti.\n
fi 4:8: error: kohdan 'draft' pitää olla true tai false (tai kyllä tai ei)
en 4:8: error: 'draft' must be true or false
@ a Finnish key|event|0|---\ntitle: Työpaja\nstart: 2.10.2017 klo 12\npaikka: Raision kirjasto\n---\nKuvaus.\n
fi 4:1: warning: saitti ei tunne kohtaa 'paikka', joten se jätetään pois. Tarkoititko location:?
en 4:1: warning: saitti does not use the key 'paikka', so it is left out: did you mean location:?
@ a misspelt key|event|0|---\ntitle: Työpaja\nstart: 2.10.2017 klo 12\nloaction: Raision kirjasto\n---\nKuvaus.\n
fi 4:1: warning: saitti ei tunne kohtaa 'loaction', joten se jätetään pois. Tarkoititko location:?
en 4:1: warning: saitti does not use the key 'loaction', so it is left out: did you mean location:?
@ a title cut by a comment|post|0|---\ntitle: Kevään tapahtumat #LAPE\ndate: 2017-10-01\n---\nTeksti.\n
fi 2:8: warning: ' #'-merkkien jälkeinen teksti luetaan kommentiksi ja jätetään pois, joten kohdassa title on vain 'Kevään tapahtumat'. Jos haluat tekstin mukaan, kirjoita koko arvo lainausmerkkeihin: title: "Kevään tapahtumat #LAPE"
en 2:8: warning: the text after ' #' is read as a comment and left out, so title is only 'Kevään tapahtumat': to keep it, put the whole value in quotes, like title: "Kevään tapahtumat #LAPE"
@ image: without image_alt:|post|0|---\ntitle: Syksy\ndate: 2017-10-01\nimage: kartta.png\n---\nTeksti.\n
fi 4:8: warning: kuvalla ei ole tekstiä lukijoille, jotka eivät näe sitä: lisää rivi image_alt: "mitä kuvassa näkyy"
en 4:8: warning: the image has no text for readers who cannot see it: add a line image_alt: "what the picture shows"
@ an image without alt text|post|0|---\ntitle: Syksy\ndate: 2017-10-01\n---\nKuva: ![](kartta.png)\n
fi 5:7: warning: kuvalla kartta.png ei ole tekstiä lukijoille, jotka eivät näe sitä: kuvaile kuva hakasulkeiden välissä, esimerkiksi ![Mitä kuvassa näkyy](kartta.png)
en 5:7: warning: the image kartta.png has no text for readers who cannot see it: describe it between the brackets, like ![What the picture shows](kartta.png)
@ a second main heading|post|0|---\ntitle: Syksy\ndate: 2017-10-01\n---\n# Syksy\n\nTeksti.\n
fi 5:1: warning: tekstissä on pääotsikko (#): sivun pääotsikko on jo kirjoituksen otsikko (title); aloita tekstin väliotsikot merkeillä ##
en 5:1: warning: a main heading (#) in the text: the title is already the page's main heading; start the text's headings with ##
@ a skipped heading level|post|0|---\ntitle: Syksy\ndate: 2017-10-01\n---\nTeksti.\n\n### Ohjelma\n
fi 7:1: warning: tason 3 väliotsikko tulee tason 1 otsikon jälkeen, ja välistä puuttuu taso, jonka avulla ruudunlukijan käyttäjä liikkuu sivulla: kirjoita tähän ##
en 7:1: warning: a level 3 heading follows a level 1 heading, skipping a level that screen readers use to find their way: use ## here
@ Hugo's template code|post|0|---\ntitle: Syksy\ndate: 2017-10-01\n---\nVideo:\n\n{{< youtube abc >}}\n
fi 7:1: warning: tekstissä on toisen sivustotyökalun koodia ({{< ... >}}), joka näkyy sivulla sellaisenaan: poista se, tai kirjoita Markdownina se, mitä koodi teki (linkki, kuva)
en 7:1: warning: template code of another site generator ({{< ... >}}) shows on the page as it is: remove it, or write in Markdown what it made (a link, a picture)
@ raw HTML removed|post|0|---\ntitle: Syksy\ndate: 2017-10-01\n---\nTeksti <b>lihava</b> <script>alert(1)</script>.\n
fi 5:1: warning: raakaa HTML:ää: 1 turvaton osa poistettiin (1 × <script>); asetus html: sanitize tiedostossa site.yaml säilyttää tekstin, taulukot, details-lohkot ja iframe_hosts-luettelon palvelujen upotukset
en 5:1: warning: raw HTML: 1 piece that is not safe was removed (1 × <script>); html: sanitize in site.yaml keeps text, tables, details and iframes from iframe_hosts
ROWS

# ---- read as the writer meant -----------------------------------------

# fine NAME KIND TEXT: builds, in Finnish, with no message about the file.
fine() {
	site "$2" "$3"
	build fi
	if [ "$rc" = 0 ] && [ ! -s "$S/err-fi" ]; then
		pass "$1: accepted"
	else
		fail "$1: accepted" "exit $rc: $(cat "$S/err-fi")"
	fi
}
fine "a time range with a hyphen" event \
    '---\ntitle: Työpaja\nstart: 2.10.2017 klo 12-16\n---\nKuvaus.\n'
check "klo 12-16: the event ends at 16" \
    grep -q '^DTEND:20171002T130000Z' "$S/out/tapahtumat/koe/tapahtuma.ics"
fine "a time range with a dash and minutes" event \
    '---\ntitle: Työpaja\nstart: 2.10.2017 klo 17.30–19\n---\nKuvaus.\n'
check "klo 17.30–19: starts at 17.30" \
    grep -q '^DTSTART:20171002T143000Z' "$S/out/tapahtumat/koe/tapahtuma.ics"
check "klo 17.30–19: ends at 19" \
    grep -q '^DTEND:20171002T160000Z' "$S/out/tapahtumat/koe/tapahtuma.ics"
fine "the right weekday, and kello" event \
    '---\ntitle: Työpaja\nstart: ma 2.10.2017 kello 12\n---\nKuvaus.\n'
fine "draft: ei" post \
    '---\ntitle: Syksy\ndate: 2017-10-01\ndraft: ei\n---\nTeksti.\n'
check "draft: ei is published" test -f "$S/out/blogi/koe/index.html"
fine "draft: kyllä" post \
    '---\ntitle: Syksy\ndate: 2017-10-01\ndraft: kyllä\n---\nTeksti.\n'
check "draft: kyllä is not published" test ! -e "$S/out/blogi/koe"
fine "keys in any case, and Jekyll's and Hugo's fields" post \
    '---\ntitle: Syksy\ndate: 2017-10-01\nSummary: Lyhyesti.\nlayout: post\nlastMod: 2017-10-02\ncategories: [a]\n---\nTeksti.\n'

# ---- the language -----------------------------------------------------

site post '---\ntitle: Syksy\ndate: 31.2.2018\n---\nTeksti.\n'
LANGUAGE=en "$SAITTI" build --source "$S" --out "$S/out" --now $NOW \
    --lang fi 2>"$S/err"
check "--lang fi wins over LANGUAGE=en" grep -Fxq \
    "$F:3:7: error: date: 31.2.2018 ei ole päivämäärä: helmikuussa on 28 tai 29 päivää" \
    "$S/err"
check "--lang fi: the last line too" grep -q \
    "^saitti: 1 virhe; julkaistava sivusto kansiossa .* pysyi ennallaan$" \
    "$S/err"
LANGUAGE=sv "$SAITTI" build --source "$S" --out "$S/out" --now $NOW \
    2>"$S/err"
check "LANGUAGE=sv: in Swedish" grep -Fxq \
    "$F:3:7: error: date: 31.2.2018 är inte ett datum: februari har 28 eller 29 dagar" \
    "$S/err"
env -u LANGUAGE "$SAITTI" build --source "$S" --out "$S/out" --now $NOW \
    2>"$S/err"
check "no LANGUAGE: the site's language (fi)" grep -Fxq \
    "$F:3:7: error: date: 31.2.2018 ei ole päivämäärä: helmikuussa on 28 tai 29 päivää" \
    "$S/err"
"$SAITTI" build --lang 2>"$S/err"
check "--lang without a language: exit 2" [ $? = 2 ]
check "--lang without a language: the message" grep -Fxq \
    "saitti: --lang needs a language code, like --lang fi" "$S/err"

# ---- saitti new reads --start as a build does ---------------------------

site post '---\ntitle: Syksy\ndate: 2017-10-01\n---\nTeksti.\n'
LANGUAGE=fi "$SAITTI" new event "Työpaja" --source "$S" \
    --start "pe 13.10.2017 klo 12-16" --now $NOW >/dev/null 2>"$S/err"
check "new event --start with a weekday and a range" \
    grep -qx 'start: "pe 13.10.2017 klo 12-16"' \
    "$S/content/tapahtumat/2017-10-13-tyopaja.md"
LANGUAGE=fi "$SAITTI" new event "Toinen" --source "$S" \
    --start "ma 13.10.2017" --now $NOW >/dev/null 2>"$S/err"
check "new event --start on the wrong weekday: exit 1" [ $? = 1 ]
check "new event --start on the wrong weekday: the message" grep -Fxq \
    "saitti: error: --start 'ma 13.10.2017': sisältää väärän viikonpäivän: se päivä on perjantai (pe); korjaa viikonpäivä tai päivämäärä" \
    "$S/err"
