#!/usr/bin/python3
"""Deterministic benchmark corpus for saitti (issue 6).

    corpus.py OUTDIR --posts N --events M [--seed S] [--git] [--no-git-info]
              [--force]

Writes a saitti site repository into OUTDIR:

  site.yaml, themes/ (a copy of the repository's themes/default),
  content/index.md,
  content/{blogi,uutiset}/YYYY/YYYY-MM-DD-slug.md   N posts of 1.5-3 KB of
      Finnish-like Markdown (headings, lists, links, emphasis, ä/ö/å), tags
      from a pool of 40, about 2 % of them with an `events:` list,
  content/tapahtumat/YYYY-MM-DD-slug.md             M events: all-day,
      timed, multi-day, overnight, cancelled, many of them next to the
      Europe/Helsinki daylight-saving switches.

With --git, OUTDIR becomes a git repository: one commit for everything but
the posts, then one commit per post in date order, made with
`git fast-import` (fixed names, dates increasing with the post dates), and
the working tree is reset to match HEAD.

Only the standard library; the same arguments give the same bytes.
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
THEME = os.path.join(REPO, "themes", "default")

FIRST_YEAR, LAST_YEAR = 2010, 2018       # posts: before --now 2019-01-01
EVENT_LAST_YEAR = 2019                   # events: some still upcoming
POST_EVENT_SHARE = 0.02

# ---------------------------------------------------------------- words

NOUNS = """perhekeskus lapsi nuori perhe vanhempi isä äiti isovanhempi
koulu päiväkoti neuvola kunta maakunta hanke järjestö seurakunta palvelu
tuki hoito kasvatus yhteistyö kohtaamispaikka verkosto työpaja tilaisuus
lastensuojelu mielenterveys hyvinvointi terveys osallisuus kulttuuri
toimintamalli kehittäminen arviointi koulutus opettaja sosiaalityö
asiakas ammattilainen päätös rahoitus suunnitelma tavoite ryhmä kokous
seminaari raportti kysely ääni näkökulma ympäristö yhteisö kirjasto
harrastus liikunta leikki perheneuvola ohjaus neuvonta kotipalvelu
eroauttaminen vertaistuki vapaaehtoinen muutosagentti ohjausryhmä
työryhmä sopimus käytäntö kokemus tieto osaaminen tulevaisuus arki
syksy kevät kesä talvi viikko päivä kuukausi vuosi alue seutukunta
yhdistys säätiö yliopisto ammattikorkeakoulu oppilaitos opiskelija
luokka välitunti ruokailu kerho leiri retki matka kylä kaupunki
""".split()

VERBS = """kehittää tukea vahvistaa kokoaa tarjoaa järjestää suunnittelee
arvioi kuuntelee kohtaa auttaa ohjaa edistää parantaa muuttaa yhdistää
rakentaa selvittää esittelee käynnistää jatkaa päättää kokeilee
tutkii kertoo jakaa oppii pohtii ymmärtää löytää sopii ehtii
""".split()

ADJS = """uusi yhteinen matala avoin monialainen maakunnallinen paikallinen
valtakunnallinen varhainen ehkäisevä lapsilähtöinen perhelähtöinen
vaikuttava sujuva selkeä tärkeä hyvä pieni suuri nopea pitkä lyhyt
kestävä moniammatillinen kulttuurisensitiivinen saavutettava
turvallinen ystävällinen kiireetön yhteisöllinen kokeileva rohkea
""".split()

ADVS = """yhdessä nopeasti hyvin aina usein jo vielä myös edelleen
erityisesti käytännössä paikallisesti vähitellen entistä yhä
""".split()

PLACES = """Rovaniemi Raisio Turku Joensuu Seinäjoki Kemi Tornio Salo Uusikaupunki
Lieksa Nurmes Kitee Lapua Kauhava Alajärvi Sodankylä Inari Äänekoski
Jyväskylä Tampere Oulu Kuopio Vaasa Pori Lahti Kotka Hämeenlinna Mikkeli
Savonlinna Kajaani Kokkola Porvoo Espoo Vantaa Helsinki Ähtäri Pöytyä
Närpiö Mäntsälä Hyvinkää""".split()

REGIONS = ["Lappi", "Varsinais-Suomi", "Pohjois-Karjala", "Etelä-Pohjanmaa",
           "Pohjois-Pohjanmaa", "Keski-Suomi", "Pirkanmaa", "Uusimaa",
           "Pohjois-Savo", "Etelä-Savo", "Kainuu", "Satakunta", "Kanta-Häme",
           "Päijät-Häme", "Kymenlaakso", "Etelä-Karjala", "Pohjanmaa",
           "Keski-Pohjanmaa"]

VENUES = ["kaupungintalo, valtuustosali", "kirjasto, Martinsali",
          "perhekeskus, kohtaamispaikka", "nuorisotalo", "seurakuntatalo",
          "koulun juhlasali", "kulttuuritalo, pieni sali", "virastotalo",
          "ammattikorkeakoulu, auditorio", "yhteisötalo Päivänsäde",
          "työväentalo", "urheilutalo, kokoustila"]

TAGS = ["perhekeskus", "lastensuojelu", "varhaiskasvatus", "koulu",
        "yhteistyö", "mielenterveys", "nuoret", "isät", "äitiys",
        "vanhemmuus", "kehittäminen", "järjestöt", "seurakunnat",
        "osallisuus", "hyvinvointi", "neuvola", "eropalvelut",
        "monikulttuurisuus", "lapin hanke", "varsinais-suomi", "lappi",
        "pohjois-karjala", "etelä-pohjanmaa", "hankehaku",
        "vaikuttamistilaisuus", "koulutus", "vertaistuki", "kohtaamispaikka",
        "sosiaalityö", "terveydenhuolto", "perheneuvola", "liikunta",
        "kulttuuri", "tutkimus", "arviointi", "päätöksenteko",
        "saamelaiset", "ruotsinkieliset palvelut", "digitaaliset palvelut",
        "kesätoiminta"]

AUTHORS = ["Anna Mäkelä", "Jussi Järvinen", "Päivi Hämäläinen",
           "Sari Kärkkäinen", "Mikko Öhman", "Liisa Åberg",
           "Perhekeskustoimintamalli Lappiin -hanke", "Raision kaupunki",
           "LAPE-muutosohjelma", "Tiina Väänänen", "Kalle Ylönen",
           "Hanna Ääritalo"]

SITES = ["https://stm.example.fi/lape", "https://thl.example.fi/perhekeskus",
         "https://www.example.fi/hankkeet", "https://kunta.example.fi/palvelut",
         "https://sosiaalikollega.example.fi/lape"]

EVENT_KINDS = ["Vaikuttamistilaisuus", "Työpaja", "Seminaari", "Perhepäivä",
               "Infotilaisuus", "Koulutuspäivä", "Verkostotapaaminen",
               "Kohtaamispaikan avajaiset", "Isä-lapsi-ilta", "Vanhempainilta",
               "Kehittämispäivä", "Webinaari", "Keskustelutilaisuus",
               "Messut", "Kesäleiri"]

TRANS = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o",
                       "Å": "a"})


def slugify(s):
    out, dash = [], False
    for ch in s.lower().translate(TRANS):
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def yq(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def ylist(items):
    return "[" + ", ".join(yq(t) for t in items) + "]"


# ------------------------------------------------------------- dates

def last_sunday(year, month):
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1) if month < 12 \
        else dt.date(year, 12, 31)
    return d - dt.timedelta(days=(d.weekday() - 6) % 7)


def dst_switches(y0, y1):
    out = []
    for y in range(y0, y1 + 1):
        out.append(last_sunday(y, 3))
        out.append(last_sunday(y, 10))
    return out


def fi_date(d):
    return "%d.%d.%d" % (d.day, d.month, d.year)


def fi_time(d, h, m):
    return "%s klo %d.%02d" % (fi_date(d), h, m)


# ------------------------------------------------------------- text

class Text:
    def __init__(self, rng):
        self.r = rng

    def word(self):
        r = self.r
        x = r.random()
        if x < 0.45:
            return r.choice(NOUNS)
        if x < 0.65:
            return r.choice(ADJS)
        if x < 0.85:
            return r.choice(VERBS)
        return r.choice(ADVS)

    def sentence(self, lo=6, hi=14, decorate=True):
        r = self.r
        words = [self.word() for _ in range(r.randint(lo, hi))]
        if decorate:
            for _ in range(2):
                if r.random() < 0.18:
                    i = r.randrange(len(words))
                    words[i] = ("*%s*" if r.random() < 0.6 else "**%s**") \
                        % words[i]
            if r.random() < 0.10:
                i = r.randrange(len(words))
                words[i] = "[%s](%s/%s)" % (words[i], r.choice(SITES),
                                            slugify(words[i]))
            if r.random() < 0.06:
                words.insert(r.randrange(len(words)),
                             "%d.%d.%d" % (r.randint(1, 28), r.randint(1, 12),
                                           r.randint(2015, 2019)))
        words[0] = words[0][:1].upper() + words[0][1:] \
            if words[0][0] not in "*[" else words[0]
        end = "." if r.random() < 0.88 else ("?" if r.random() < 0.5 else "!")
        return " ".join(words) + end

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.r.randint(2, 5)))

    def heading(self):
        w = " ".join(self.word() for _ in range(self.r.randint(2, 5)))
        return w[:1].upper() + w[1:]

    def block(self, links):
        r = self.r
        x = r.random()
        if x < 0.55:
            return self.paragraph()
        if x < 0.72:
            return "## " + self.heading()
        if x < 0.84:
            return "\n".join("- " + self.sentence(3, 8)[:-1]
                             for _ in range(r.randint(2, 5)))
        if x < 0.90:
            return "\n".join("%d. %s" % (i + 1, self.sentence(3, 7)[:-1])
                             for i in range(r.randint(2, 4)))
        if x < 0.95 and links:
            sec, slug, title = r.choice(links)
            return "Lue myös [%s](/%s/%s/) tai katso **%s** %s." % (
                title, sec, slug, self.word(), self.word())
        if x < 0.98:
            return "> " + self.sentence()
        return "### " + self.heading()

    def body(self, lo, hi, links):
        """Blocks until the body has at least lo bytes, never more than hi."""
        parts = [self.paragraph()]
        size = len(parts[0].encode())
        while len(parts[0].encode()) > hi:
            parts = [self.sentence()]
            size = len(parts[0].encode())
        tries = 0
        while size < lo and tries < 50:
            b = self.block(links)
            n = len(b.encode()) + 2
            if size + n > hi or (size + n >= lo and b.startswith("#")):
                tries += 1
                continue
            parts.append(b)
            size += n
        return "\n\n".join(parts) + "\n"

    def title(self):
        r = self.r
        w = [self.word() for _ in range(r.randint(3, 7))]
        t = " ".join(w)
        if r.random() < 0.2:
            t += " – " + r.choice(PLACES)
        if r.random() < 0.1:
            t += "?"
        return t[:1].upper() + t[1:]


# ------------------------------------------------------------ events

def event_when(r, lo_year, hi_year, switches):
    """(start, end or None) as front matter strings; a mix of kinds, about
    a third of them next to a daylight-saving switch."""
    if r.random() < 0.35:
        sw = r.choice(switches)
        day = sw + dt.timedelta(days=r.choice([-2, -1, -1, 0, 0, 0, 1, 1, 2]))
    else:
        day = dt.date(lo_year, 1, 1) + dt.timedelta(
            days=r.randrange((dt.date(hi_year, 12, 31) -
                              dt.date(lo_year, 1, 1)).days))
    k = r.random()
    if k < 0.20:                                   # all-day
        return day.isoformat(), None
    if k < 0.32:                                   # multi-day, all-day
        end = day + dt.timedelta(days=r.randint(1, 4))
        if r.random() < 0.5:
            return day.isoformat(), end.isoformat()
        return fi_date(day), fi_date(end)
    if k < 0.40:                                   # overnight, timed
        end = day + dt.timedelta(days=1)
        return fi_time(day, r.choice([18, 19, 20, 21, 22]), 0), \
            fi_time(end, r.choice([5, 6, 8, 10, 12]), 0)
    if k < 0.47:                                   # multi-day, timed
        end = day + dt.timedelta(days=r.randint(1, 3))
        return fi_time(day, r.choice([9, 10, 12]), 0), \
            fi_time(end, r.choice([14, 15, 16]), r.choice([0, 30]))
    h = r.choice([8, 9, 9, 10, 12, 12, 13, 14, 17, 18])
    m = r.choice([0, 0, 0, 15, 30])
    dur = r.choice([1, 2, 2, 3, 3, 4, 6])
    if k < 0.55:                                   # timed, local ISO-ish
        s = "%s %02d:%02d" % (day.isoformat(), h, m)
        if r.random() < 0.3:
            return s, None
        return s, "%s %02d:%02d" % (day.isoformat(), min(h + dur, 22), m)
    if k < 0.62:                                   # timed, no end
        return fi_time(day, h, m), None
    return fi_time(day, h, m), fi_time(day, min(h + dur, 22), m)


class Events:
    def __init__(self, rng, text):
        self.r, self.t = rng, text
        self.titles = set()
        self.switches = dst_switches(FIRST_YEAR, EVENT_LAST_YEAR)

    def title(self, place):
        r = self.r
        base = "%s %s" % (r.choice(EVENT_KINDS),
                          place if r.random() < 0.6 else
                          self.t.word() + "ista")
        t, n = base, 1
        while slugify(t) in self.titles:
            n += 1
            t = "%s %d" % (base, n)
        self.titles.add(slugify(t))
        return t

    def fields(self, lo_year=FIRST_YEAR, hi_year=EVENT_LAST_YEAR):
        r = self.r
        place = r.choice(PLACES)
        start, end = event_when(r, lo_year, hi_year, self.switches)
        f = [("title", yq(self.title(place))), ("start", yq(start))]
        if end:
            f.append(("end", yq(end)))
        if r.random() < 0.9:
            f.append(("location", yq("%s, %s" % (place,
                                                 r.choice(VENUES)))))
        if r.random() < 0.8:
            f.append(("region", yq(r.choice(REGIONS))))
        ntags = r.choice([0, 1, 1, 2, 2, 3])
        if ntags:
            f.append(("tags", ylist(r.sample(TAGS, ntags))))
        if r.random() < 0.06:
            f.append(("cancelled", "true"))
        return start, f


# -------------------------------------------------------------- site

SITE_YAML = """title: "Saitti-vertailusivusto – LAPE-testiaineisto"
description: "Koneellisesti tuotettu sivusto saitin nopeusmittauksiin."
base_url: "https://bench.example.fi/"
language: fi
timezone: Europe/Helsinki
theme: default
paginate: 10
feed_items: 20
"""

INDEX_MD = """---
title: "Vertailusivusto"
---
Tämä sivusto on tuotettu koneellisesti **saitin** nopeusmittauksia varten.
Sen kirjoitukset, uutiset ja tapahtumat muistuttavat lapsi- ja
perhepalveluiden muutosohjelman sivuston sisältöä, mutta niiden teksti on
satunnaista: *älä lue sitä*.
"""


def make(outdir, nposts, nevents, seed, git_info):
    r = random.Random(seed)
    text = Text(r)
    ev = Events(r, text)
    files = {}          # path -> bytes, for everything but the posts

    site = SITE_YAML + ("" if git_info else "git_info: false\n")
    files["site.yaml"] = site.encode()
    files["content/index.md"] = INDEX_MD.encode()
    files[".gitignore"] = b".saitti-cache/\n"
    for root, _dirs, names in os.walk(THEME):
        for n in sorted(names):
            p = os.path.join(root, n)
            rel = os.path.join("themes", "default",
                               os.path.relpath(p, THEME))
            with open(p, "rb") as fh:
                files[rel] = fh.read()

    # Post dates: spread evenly over the years, in order, with jitter; the
    # section alternates at random.
    span = (dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days
    meta, slugs = [], set()
    for i in range(nposts):
        day = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(
            days=min(span, int(i * span / max(1, nposts)) + r.randint(0, 2)))
        sec = "blogi" if r.random() < 0.55 else "uutiset"
        title = text.title()
        base = slugify(title)[:60].strip("-")
        slug, n = base, 1
        while slug in slugs:
            n += 1
            slug = "%s-%d" % (base, n)
        slugs.add(slug)
        meta.append((day, sec, slug, title))
    links = [(m[1], m[2], m[3]) for m in meta[:: max(1, nposts // 200)]]

    posts = []          # (day, hour, path, bytes), in date order
    for day, sec, slug, title in meta:
        fm = ["title: " + yq(title)]
        hour = r.randint(7, 20)
        x = r.random()
        if x < 0.70:
            fm.append("date: " + day.isoformat())
        elif x < 0.85:
            fm.append("date: %s %02d:%02d" % (day.isoformat(), hour,
                                              r.choice([0, 15, 30, 45])))
        else:
            fm.append("date: " + yq(fi_date(day)))
        if r.random() < 0.75:
            fm.append("author: " + yq(r.choice(AUTHORS)))
        fm.append("tags: " + ylist(r.sample(TAGS, r.randint(1, 4))))
        if r.random() < 0.4:
            fm.append("summary: " + yq(text.sentence(8, 16, False)))
        if r.random() < POST_EVENT_SHARE:
            fm.append("events:")
            for _ in range(r.randint(1, 3)):
                _s, fields = ev.fields(day.year, min(day.year + 1,
                                                     EVENT_LAST_YEAR))
                for j, (k, v) in enumerate(fields):
                    fm.append(("  - " if j == 0 else "    ") + k + ": " + v)
        head = "---\n" + "\n".join(fm) + "\n---\n"
        total = r.randint(1550, 2950)
        hl = len(head.encode())
        data = (head + text.body(total - hl, 2990 - hl, links)).encode()
        path = "content/%s/%d/%s-%s.md" % (sec, day.year, day.isoformat(),
                                           slug)
        posts.append((day, hour, path, data))

    for i in range(nevents):
        start, fields = ev.fields()
        day = start_day(start)
        slug = slugify(dict(fields)["title"].strip('"'))
        fm = "---\n" + "".join("%s: %s\n" % kv for kv in fields) + "---\n"
        if r.random() < 0.5:
            fm += "\n\n".join(text.paragraph()
                              for _ in range(r.randint(1, 3))) + "\n"
        files["content/tapahtumat/%s-%s.md" % (day.isoformat(), slug)] = \
            fm.encode()

    for path, data in list(files.items()) + [(p[2], p[3]) for p in posts]:
        full = os.path.join(outdir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as fh:
            fh.write(data)
    return files, posts


def start_day(s):
    s = s.split(" klo ")[0].split(" ")[0]
    if "." in s:
        d, m, y = s.split(".")
        return dt.date(int(y), int(m), int(d))
    return dt.date.fromisoformat(s[:10])


# --------------------------------------------------------------- git

NAME, EMAIL = "Saitti Bench", "bench@bench.example.fi"


def helsinki_offset(ts):
    try:
        from zoneinfo import ZoneInfo
        off = dt.datetime.fromtimestamp(ts, ZoneInfo("Europe/Helsinki")) \
            .utcoffset()
        mins = int(off.total_seconds()) // 60
        return "%+03d%02d" % (mins // 60, mins % 60)
    except Exception:
        return "+0000"


def make_git(outdir, files, posts):
    # fast-import grows and trims its heap in small steps (most of its
    # system time): a larger top pad and trim threshold avoid that.
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1",
               GIT_CONFIG_GLOBAL="/dev/null",
               GLIBC_TUNABLES="glibc.malloc.top_pad=67108864:"
                              "glibc.malloc.trim_threshold=268435456")
    git = ["git", "-C", outdir, "-c", "core.autocrlf=false"]
    subprocess.run(git + ["init", "-q"], check=True, env=env)
    subprocess.run(git + ["symbolic-ref", "HEAD", "refs/heads/main"],
                   check=True, env=env)
    fi = subprocess.Popen(git + ["fast-import", "--quiet", "--done"],
                          stdin=subprocess.PIPE, env=env)
    out = fi.stdin
    first = posts[0][0] if posts else dt.date(FIRST_YEAR, 1, 1)
    t0 = int(dt.datetime(first.year, first.month, first.day,
                         tzinfo=dt.timezone.utc).timestamp()) - 86400

    def commit(mark, ts, msg, entries):
        off = helsinki_offset(ts)
        who = "%s <%s> %d %s\n" % (NAME, EMAIL, ts, off)
        m = msg.encode()
        chunks = [b"commit refs/heads/main\nmark :%d\n" % mark,
                  b"author " + who.encode(), b"committer " + who.encode(),
                  b"data %d\n" % len(m), m, b"\n"]
        if mark > 1:
            chunks.append(b"from :%d\n" % (mark - 1))
        for path, data in entries:
            chunks.append(b"M 100644 inline " + path.encode() + b"\n")
            chunks.append(b"data %d\n" % len(data))
            chunks.append(data)
            chunks.append(b"\n")
        chunks.append(b"\n")
        out.write(b"".join(chunks))

    commit(1, t0, "Sivuston asetukset, teema ja tapahtumat",
           sorted(files.items()))
    last = t0
    for i, (day, hour, path, data) in enumerate(
            sorted(posts, key=lambda p: (p[0], p[2]))):
        ts = int(dt.datetime(day.year, day.month, day.day, hour,
                             tzinfo=dt.timezone.utc).timestamp())
        ts = max(ts, last + 1)
        last = ts
        commit(i + 2, ts, "Uusi kirjoitus: " + os.path.basename(path), [(path, data)])
    out.write(b"done\n")
    out.close()
    if fi.wait() != 0:
        sys.exit("corpus.py: git fast-import failed")
    # The files are already on disk with the same bytes: make the index
    # match HEAD and refresh its stat data, as a checkout would.
    subprocess.run(git + ["reset", "-q", "--hard", "HEAD"], check=True,
                   env=env)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--posts", type=int, required=True)
    ap.add_argument("--events", type=int, required=True)
    ap.add_argument("--seed", type=int, default=2018)
    ap.add_argument("--git", action="store_true",
                    help="make OUTDIR a git repository, one commit a post")
    ap.add_argument("--no-git-info", action="store_true",
                    help="write git_info: false into site.yaml")
    ap.add_argument("--force", action="store_true",
                    help="replace OUTDIR if it exists")
    a = ap.parse_args()
    if a.posts < 0 or a.events < 0:
        ap.error("--posts and --events must not be negative")
    if os.path.exists(a.outdir) and os.listdir(a.outdir):
        if not a.force:
            sys.exit("corpus.py: %s exists and is not empty (use --force)"
                     % a.outdir)
        shutil.rmtree(a.outdir)
    os.makedirs(a.outdir, exist_ok=True)
    t = time.monotonic()
    files, posts = make(a.outdir, a.posts, a.events, a.seed,
                        not a.no_git_info)
    if a.git:
        make_git(a.outdir, files, posts)
    print("corpus.py: %s: %d posts, %d events%s in %.1f s"
          % (a.outdir, a.posts, a.events, ", git" if a.git else "",
             time.monotonic() - t), file=sys.stderr)


if __name__ == "__main__":
    main()
