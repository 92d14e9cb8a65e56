#!/usr/bin/python3
"""Converts a bench/corpus.py corpus into an equivalent Hugo site.

    hugo.py CORPUS HUGODIR [--force]

Same content: posts in sections blogi/ and uutiset/ (year folders kept, not
in URLs), the front page text, events as a section tapahtumat/ (the event
files and every post's `events:` entry, as saitti makes pages of both).
Hugo front matter: title, date, slug, tags (taxonomy "tags"), author,
summary. Pagination 10, RSS feeds (site, sections, tags) with the whole
post, sitemap, robots.txt, an archive page, the events list grouped by
month and an .ics for the events section and each event. Minimal layouts
(baseof/list/single/taxonomy/term) with the same page furniture as
saitti's default theme.

Reads only corpus.py's own front matter format (one `key: value` a line,
values in JSON syntax or bare dates; `events:` as a block list of flat
maps), so no YAML library is needed. For Hugo 0.111 (Debian 12).
"""

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys

SITE_TOML = """baseURL = "https://bench.example.fi/"
languageCode = "fi"
defaultContentLanguage = "fi"
title = "Saitti-vertailusivusto – LAPE-testiaineisto"
timeZone = "Europe/Helsinki"
paginate = 10
paginatePath = "sivu"
rssLimit = 20
enableRobotsTXT = true
disableHugoGeneratorInject = true

[params]
description = "Koneellisesti tuotettu sivusto saitin nopeusmittauksiin."

[taxonomies]
tag = "tags"

[permalinks]
blogi = "/blogi/:slug/"
uutiset = "/uutiset/:slug/"
tapahtumat = "/tapahtumat/:slug/"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
taxonomy = ["HTML"]
term = ["HTML", "RSS"]
page = ["HTML"]

[markup.goldmark.renderer]
unsafe = false

[[menu.main]]
name = "Etusivu"
url = "/"
weight = 1
[[menu.main]]
name = "Blogi"
url = "/blogi/"
weight = 2
[[menu.main]]
name = "Uutiset"
url = "/uutiset/"
weight = 3
[[menu.main]]
name = "Tapahtumat"
url = "/tapahtumat/"
weight = 4
[[menu.main]]
name = "Arkisto"
url = "/arkisto/"
weight = 5
"""

BASEOF = """<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} – {{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ .Site.Params.description }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:site_name" content="{{ .Site.Title }}">
<meta property="og:locale" content="fi_FI">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="{{ .Site.Title }}" href="{{ "index.xml" | absURL }}">
{{ with .OutputFormats.Get "RSS" }}<link rel="alternate" type="application/rss+xml" title="{{ $.Title }} – {{ $.Site.Title }}" href="{{ .Permalink }}">{{ end }}
{{ block "head" . }}{{ end }}
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main">Siirry sisältöön</a>
<header class="site-header">
<div class="wrap">
<a class="site-title" href="/">{{ .Site.Title }}</a>
<p class="site-description">{{ .Site.Params.description }}</p>
<nav class="site-nav" aria-label="Päävalikko">
<ul>
{{ range .Site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>
{{ end }}</ul>
</nav>
</div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
{{ block "main" . }}{{ end }}
</div>
</main>
<footer class="site-footer">
<div class="wrap">
<nav aria-label="Alatunnisteen linkit">
<ul>
<li><a href="/saavutettavuusseloste/">Saavutettavuusseloste</a></li>
<li><a class="rss-link" href="{{ "index.xml" | absURL }}">Tilaa RSS-syöte</a></li>
</ul>
</nav>
<p class="site-info">© 2019 {{ .Site.Title }}</p>
</div>
</footer>
</body>
</html>
"""

META = """<p class="meta">
<span class="published">Julkaistu <time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2.1.2006" }}</time></span>
{{ with .Params.author }}<span class="author">Kirjoittaja: {{ . }}</span>{{ end }}
</p>
"""

SUMMARY = """<article class="summary">
<h2 class="summary-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ partial "meta.html" . }}
<div class="summary-text">
{{ .Summary }}
</div>
<p class="read-more"><a href="{{ .RelPermalink }}">Lue lisää<span class="visually-hidden">: {{ .Title }}</span></a></p>
</article>
"""

PAGINATION = """{{ $p := .Paginator }}{{ if gt $p.TotalPages 1 }}
<nav class="pagination" aria-label="Sivutus">
<ul>
{{ if $p.HasPrev }}<li class="pagination-prev"><a href="{{ $p.Prev.URL }}" rel="prev">← Edellinen sivu</a></li>{{ end }}
{{ range $p.Pagers }}<li><a href="{{ .URL }}"{{ if eq . $p }} aria-current="page"{{ end }}><span class="visually-hidden">sivu </span>{{ .PageNumber }}</a></li>
{{ end }}
{{ if $p.HasNext }}<li class="pagination-next"><a href="{{ $p.Next.URL }}" rel="next">Seuraava sivu →</a></li>{{ end }}
</ul>
</nav>
{{ end }}"""

TAGLIST = """{{ with .GetTerms "tags" }}<p class="tags">Avainsanat:
{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
"""

EVENT_SUMMARY = """<li class="event{{ if .Params.cancelled }} is-cancelled{{ end }}">
<p class="event-title">{{ if .Params.cancelled }}<strong class="badge">Peruttu</strong> {{ end }}<a href="{{ .RelPermalink }}">{{ .Title }}</a></p>
<p class="event-meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Params.when }}</time>{{ with .Params.location }}, <span class="event-location">{{ . }}</span>{{ end }}</p>
</li>
"""

SINGLE = """{{ define "head" }}<meta property="article:published_time" content="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ end }}
{{ define "main" }}
<nav class="breadcrumb" aria-label="Murupolku">
<ol>
<li><a href="/">Etusivu</a></li>
<li><a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></li>
</ol>
</nav>
<article class="post">
<header class="post-header">
<h1>{{ .Title }}</h1>
{{ partial "meta.html" . }}
</header>
<div class="content">
{{ .Content }}
</div>
{{ with .Params.events }}
<section class="post-events">
<h2 id="post-events">Tapahtumat</h2>
<ul class="event-list">
{{ range . }}<li class="event"><p class="event-title">{{ .title }}</p><p class="event-meta">{{ .start }}{{ with .location }}, {{ . }}{{ end }}</p></li>
{{ end }}</ul>
</section>
{{ end }}
<footer class="post-footer">
{{ partial "tags.html" . }}
</footer>
</article>
<nav class="post-nav" aria-label="Kirjoitusten selaus">
<ul>
{{ with .NextInSection }}<li class="post-nav-prev"><span class="post-nav-label">Vanhempi kirjoitus:</span> <a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a></li>{{ end }}
{{ with .PrevInSection }}<li class="post-nav-next"><span class="post-nav-label">Uudempi kirjoitus:</span> <a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a></li>{{ end }}
<li class="post-nav-up"><a href="{{ .CurrentSection.RelPermalink }}">Kaikki kirjoitukset</a></li>
</ul>
</nav>
{{ end }}
"""

LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Content }}<div class="content intro">{{ . }}</div>{{ end }}
<div class="post-list">
{{ range .Paginator.Pages }}{{ partial "summary.html" . }}{{ end }}
</div>
{{ partial "pagination.html" . }}
{{ with .OutputFormats.Get "RSS" }}<p class="feed"><a class="rss-link" href="{{ .RelPermalink }}">Tilaa tämän osion RSS-syöte</a></p>{{ end }}
{{ end }}
"""

TAXONOMY = """{{ define "main" }}
<h1>Avainsanat</h1>
<ul class="tag-index">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count"><span class="visually-hidden">Kirjoituksia: </span>{{ .Count }}</span></li>
{{ end }}</ul>
{{ end }}
"""

TERM = """{{ define "main" }}
<h1>Avainsana: {{ .Title }}</h1>
<p class="tag-count">Kirjoituksia: {{ len .Pages }}</p>
<div class="post-list">
{{ range .Paginator.Pages }}{{ partial "summary.html" . }}{{ end }}
</div>
{{ partial "pagination.html" . }}
<p class="more"><a href="/tags/">Kaikki avainsanat</a></p>
{{ with .OutputFormats.Get "RSS" }}<p class="feed"><a class="rss-link" href="{{ .RelPermalink }}">Tilaa tämän avainsanan RSS-syöte</a></p>{{ end }}
{{ end }}
"""

HOME = """{{ define "main" }}
<div class="content intro">{{ .Content }}</div>
{{ range where .Site.Sections "Section" "in" (slice "blogi" "uutiset") }}
<section class="home-section">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ range first 5 .Pages }}{{ partial "summary.html" . }}{{ end }}
</section>
{{ end }}
<section class="home-events">
<h2>Tulevat tapahtumat</h2>
<ul class="event-list">
{{ range first 5 (where (where .Site.RegularPages "Section" "tapahtumat") "Date" "ge" (time "2019-01-01")).ByDate }}{{ partial "event-summary.html" . }}{{ end }}
</ul>
</section>
{{ end }}
"""

EVENT_SINGLE = """{{ define "main" }}
<nav class="breadcrumb" aria-label="Murupolku">
<ol>
<li><a href="/">Etusivu</a></li>
<li><a href="/tapahtumat/">Tapahtumat</a></li>
</ol>
</nav>
<article class="event-page{{ if .Params.cancelled }} is-cancelled{{ end }}">
<h1>{{ if .Params.cancelled }}<strong class="badge">Peruttu</strong> {{ end }}{{ .Title }}</h1>
{{ if .Params.cancelled }}<p class="notice notice-cancelled">Tapahtuma on peruttu.</p>{{ end }}
<dl class="event-facts">
<dt>Aika</dt>
<dd><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Params.when }}</time></dd>
{{ with .Params.location }}<dt>Paikka</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.region }}<dt>Alue</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.post }}<dt>Lähde</dt><dd><a href="{{ . }}">{{ . }}</a></dd>{{ end }}
</dl>
{{ with .Content }}<div class="content">{{ . }}</div>{{ end }}
<p class="add-to-calendar"><a class="button" href="{{ with .OutputFormats.Get "Calendar" }}{{ .RelPermalink }}{{ end }}" type="text/calendar">Lisää kalenteriin</a></p>
{{ partial "tags.html" . }}
</article>
<ul class="more-links">
<li><a href="/tapahtumat/">Kaikki tapahtumat</a></li>
</ul>
{{ end }}
"""

EVENT_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range .Pages.ByDate.Reverse.GroupByDate "2006-01" }}
<section class="event-month">
<h2>{{ .Key }}</h2>
<ul class="event-list">
{{ range .Pages }}{{ partial "event-summary.html" . }}{{ end }}
</ul>
</section>
{{ end }}
{{ end }}
"""

ARCHIVE = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range (where .Site.RegularPages "Section" "in" (slice "blogi" "uutiset")).GroupByDate "2006-01" }}
<h2>{{ .Key }}</h2>
<ul class="archive-list">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2.1.2006" }}</time></li>
{{ end }}</ul>
{{ end }}
{{ end }}
"""

NOTFOUND = """{{ define "main" }}<h1>Sivua ei löytynyt</h1><p><a href="/">Etusivulle</a></p>{{ end }}
"""

# Hugo's own RSS template, with the whole post in content:encoded.
RSS = """{{- $pctx := . -}}
{{- if .IsHome -}}{{ $pctx = .Site }}{{- end -}}
{{- $pages := slice -}}
{{- if or $.IsHome $.IsSection -}}
{{- $pages = $pctx.RegularPages -}}
{{- else -}}
{{- $pages = $pctx.Pages -}}
{{- end -}}
{{- $pages = where $pages "Section" "in" (slice "blogi" "uutiset") -}}
{{- $limit := .Site.Config.Services.RSS.Limit -}}
{{- if ge $limit 1 -}}
{{- $pages = $pages | first $limit -}}
{{- end -}}
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>{{ if eq .Title .Site.Title }}{{ .Site.Title }}{{ else }}{{ with .Title }}{{ . }} – {{ end }}{{ .Site.Title }}{{ end }}</title>
    <link>{{ .Permalink }}</link>
    <description>{{ .Site.Params.description }}</description>
    <generator>Hugo</generator>
    <language>fi</language>
    {{ if not .Date.IsZero }}<lastBuildDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</lastBuildDate>{{ end }}
    {{- with .OutputFormats.Get "RSS" -}}
    {{ printf "<atom:link href=%q rel=\\"self\\" type=%q />" .Permalink .MediaType | safeHTML }}
    {{- end -}}
    {{ range $pages }}
    <item>
      <title>{{ .Title }}</title>
      <link>{{ .Permalink }}</link>
      <pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
      {{ with .Params.author }}<dc:creator>{{ . }}</dc:creator>{{ end }}
      <guid>{{ .Permalink }}</guid>
      {{ range .Params.tags }}<category>{{ . }}</category>{{ end }}
      <description>{{ .Summary | html }}</description>
      <content:encoded>{{ printf "<![CDATA[%s]]>" .Content | safeHTML }}</content:encoded>
    </item>
    {{ end }}
  </channel>
</rss>
"""

ICS_ONE = """BEGIN:VEVENT
UID:{{ .File.UniqueID }}@bench.example.fi
DTSTAMP:20190101T000000Z
DTSTART:{{ .Date.UTC.Format "20060102T150405Z" }}
SUMMARY:{{ .Title }}
{{ with .Params.location }}LOCATION:{{ . }}
{{ end }}URL:{{ .Permalink }}
{{ if .Params.cancelled }}STATUS:CANCELLED
{{ end }}END:VEVENT
"""

ICS_LIST = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//bench//hugo//FI
{{ range .Pages }}{{ partial "vevent.ics" . }}{{ end }}END:VCALENDAR
"""

ICS_SINGLE = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//bench//hugo//FI
{{ partial "vevent.ics" . }}END:VCALENDAR
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": LIST,
    "_default/taxonomy.html": TAXONOMY,
    "_default/term.html": TERM,
    "_default/rss.xml": RSS,
    "_default/archive.html": ARCHIVE,
    "index.html": HOME,
    "404.html": NOTFOUND,
    "tapahtumat/single.html": EVENT_SINGLE,
    "tapahtumat/list.html": EVENT_LIST,
    "tapahtumat/list.calendar.ics": ICS_LIST,
    "tapahtumat/single.calendar.ics": ICS_SINGLE,
    "partials/meta.html": META,
    "partials/summary.html": SUMMARY,
    "partials/pagination.html": PAGINATION,
    "partials/tags.html": TAGLIST,
    "partials/event-summary.html": EVENT_SUMMARY,
    "partials/vevent.ics": ICS_ONE,
}

# ------------------------------------------------------------- parsing

NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")


def value(v):
    v = v.strip()
    try:
        return json.loads(v)
    except ValueError:
        return v


def parse(path):
    """(front matter dict, body) of a corpus.py file."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    assert text.startswith("---\n"), path
    end = text.index("\n---\n", 3)
    fm, cur = {}, None
    for line in text[4:end].split("\n"):
        if line.startswith("  - "):
            cur = {}
            if not fm.get("events"):
                fm["events"] = []
            fm["events"].append(cur)
            line = line[4:]
            k, v = line.split(":", 1)
            cur[k] = value(v)
        elif line.startswith("    "):
            k, v = line[4:].split(":", 1)
            cur[k] = value(v)
        else:
            k, v = line.split(":", 1)
            fm[k] = value(v) if v.strip() else None
    return fm, text[end + 5:]


def when(s):
    """A corpus date string → (ISO local date-time, has time)."""
    s = s.strip()
    m = re.match(r"^(\d+)\.(\d+)\.(\d{4})(?: klo (\d+)\.(\d\d))?$", s)
    if m:
        d, mo, y, h, mi = m.groups()
        if h is None:
            return "%s-%02d-%02d" % (y, int(mo), int(d)), False
        return "%s-%02d-%02dT%02d:%s:00" % (y, int(mo), int(d), int(h),
                                             mi), True
    m = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d\d):(\d\d))?$", s)
    if m:
        if m.group(2) is None:
            return m.group(1), False
        return "%sT%s:%s:00" % m.groups(), True
    raise ValueError("unknown date: %r" % s)


def fm_yaml(d):
    out = ["---"]
    for k, v in d.items():
        if v is None:
            continue
        if isinstance(v, list) and v and isinstance(v[0], dict):
            out.append("%s:" % k)
            for item in v:
                first = True
                for kk, vv in item.items():
                    out.append(("  - " if first else "    ") + kk + ": " +
                               json.dumps(vv, ensure_ascii=False))
                    first = False
        else:
            out.append("%s: %s" % (k, json.dumps(v, ensure_ascii=False)))
    out.append("---\n")
    return "\n".join(out)


def slugify(s):
    s = s.lower().translate(str.maketrans("äöå", "aoa"))
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def when_text(start, end):
    return start + (" – " + end if end else "")


# ---------------------------------------------------------------- main

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def convert(corpus, out):
    content = os.path.join(corpus, "content")
    write(os.path.join(out, "config.toml"), SITE_TOML)
    for rel, text in LAYOUTS.items():
        write(os.path.join(out, "layouts", rel), text)
    static = os.path.join(corpus, "themes", "default", "static")
    if os.path.isdir(static):
        shutil.copytree(static, os.path.join(out, "static"))

    fm, body = parse(os.path.join(content, "index.md"))
    write(os.path.join(out, "content", "_index.md"),
          fm_yaml({"title": fm.get("title")}) + body)
    write(os.path.join(out, "content", "blogi", "_index.md"),
          fm_yaml({"title": "Blogi"}))
    write(os.path.join(out, "content", "uutiset", "_index.md"),
          fm_yaml({"title": "Uutiset"}))
    write(os.path.join(out, "content", "tapahtumat", "_index.md"),
          fm_yaml({"title": "Tapahtumat", "outputs": ["HTML", "Calendar"]}))
    write(os.path.join(out, "content", "arkisto.md"),
          fm_yaml({"title": "Arkisto", "layout": "archive",
                   "url": "/arkisto/"}))

    n = events = 0
    slugs = set()

    def event(fm_ev, body_ev, slug, post_url=None):
        nonlocal events
        start, _ = when(str(fm_ev["start"]))
        end = when(str(fm_ev["end"]))[0] if fm_ev.get("end") else None
        base, i = slug, 1
        while slug in slugs:
            i += 1
            slug = "%s-%d" % (base, i)
        slugs.add(slug)
        h = {"title": fm_ev["title"], "date": start, "slug": slug,
             "start": start, "end": end,
             "when": when_text(str(fm_ev["start"]),
                               str(fm_ev["end"]) if fm_ev.get("end")
                               else None),
             "location": fm_ev.get("location"),
             "region": fm_ev.get("region"),
             "tags": fm_ev.get("tags"),
             "cancelled": fm_ev.get("cancelled"),
             "post": post_url,
             "outputs": ["HTML", "Calendar"]}
        write(os.path.join(out, "content", "tapahtumat", slug + ".md"),
              fm_yaml(h) + body_ev)
        events += 1

    for root, dirs, names in os.walk(content):
        dirs.sort()
        rel = os.path.relpath(root, content)
        section = rel.split(os.sep)[0]
        for name in sorted(names):
            if not name.endswith(".md") or rel == ".":
                continue
            m = NAME_RE.match(name)
            path = os.path.join(root, name)
            fm, body = parse(path)
            if section == "tapahtumat":
                event(fm, body, m.group(2) if m else name[:-3])
                continue
            date = when(str(fm["date"]))[0] if fm.get("date") else \
                m.group(1)
            slug = fm.get("slug") or (m.group(2) if m else name[:-3])
            h = {"title": fm["title"], "date": date, "slug": slug,
                 "author": fm.get("author"), "tags": fm.get("tags"),
                 "summary": fm.get("summary"), "events": fm.get("events")}
            write(os.path.join(out, "content", rel, name), fm_yaml(h) + body)
            n += 1
            for ev in fm.get("events") or []:
                event(ev, "", slugify(ev["title"]),
                      "/%s/%s/" % (section, slug))
    return n, events


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("hugodir")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(a.corpus, "site.yaml")):
        sys.exit("hugo.py: %s is not a corpus (no site.yaml)" % a.corpus)
    if os.path.exists(a.hugodir) and os.listdir(a.hugodir):
        if not a.force:
            sys.exit("hugo.py: %s exists and is not empty (use --force)"
                     % a.hugodir)
        shutil.rmtree(a.hugodir)
    posts, events = convert(a.corpus, a.hugodir)
    print("hugo.py: %s: %d posts, %d events" % (a.hugodir, posts, events),
          file=sys.stderr)


if __name__ == "__main__":
    main()
