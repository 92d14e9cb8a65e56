#!/usr/bin/env python3
"""An independent link checker for a built saitti site (tests/scripts/links.sh).

Written apart from saitti's C code (cli/linkscan, cli/linkcheck) on purpose:
Python's html.parser and xml.etree read every .html, .xml, .ics and
robots.txt under the output folder, and every href, src, srcset, meta
refresh, og:url/og:image, feed and sitemap URL that points into the site
(site-absolute, relative, or absolute on the site's own host) must name a
file of the output (or a folder with index.html), and a #fragment must be an
id (or <a name>) of the target page.

usage: linkcrawl.py OUTPUT_DIR BASE_URL
Prints one line per dead link and exits 1 when there is any; 0 otherwise.
"""
import html.parser
import os
import sys
import urllib.parse
import xml.etree.ElementTree as ET

URL_ATTRS = {"href", "src", "poster", "action", "cite", "data", "formaction"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        for k, v in a.items():
            if k in URL_ATTRS:
                self.refs.append(v.strip())
            elif k == "srcset":
                for cand in v.split(","):
                    parts = cand.split()
                    if parts:
                        self.refs.append(parts[0])
            elif k == "id" or (k == "name" and tag == "a"):
                if v:
                    self.ids.add(v)
        if tag == "meta":
            if a.get("http-equiv", "").lower() == "refresh":
                c = a.get("content", "")
                low = c.lower()
                i = low.find("url=")
                if i >= 0:
                    self.refs.append(c[i + 4:].strip().strip("'\""))
            if a.get("property") in ("og:url", "og:image"):
                self.refs.append(a.get("content", "").strip())

    handle_startendtag = handle_starttag


def feed_refs(data):
    refs = []
    root = ET.fromstring(data)
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        for k in ("href", "url"):
            if k in el.attrib:
                refs.append(el.attrib[k].strip())
        text = (el.text or "").strip()
        if tag in ("loc", "link", "url") and text:
            refs.append(text)
        if tag == "guid" and el.attrib.get("isPermaLink", "true") != "false" and text:
            refs.append(text)
        if tag in ("encoded", "description", "content", "summary") and text:
            p = Page()
            p.feed(el.text)
            refs.extend(p.refs)
    return refs


def ics_refs(data):
    lines = data.replace("\r\n", "\n").split("\n")
    unfolded = []
    for ln in lines:
        if ln[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += ln[1:]
        else:
            unfolded.append(ln)
    out = []
    for ln in unfolded:
        name = ln.split(":", 1)[0].split(";", 1)[0]
        if name.upper() == "URL" and ":" in ln:
            out.append(ln.split(":", 1)[1].strip())
    return out


def main():
    out, base = sys.argv[1], sys.argv[2]
    bu = urllib.parse.urlsplit(base)
    base_path = bu.path if bu.path.endswith("/") else bu.path + "/"
    files = {}
    for d, _, names in os.walk(out):
        for n in names:
            full = os.path.join(d, n)
            files[os.path.relpath(full, out).replace(os.sep, "/")] = full
    if "index.html" not in files:
        print(f"linkcrawl: no index.html in {out}")
        sys.exit(2)
    ids = {}
    refs = {}
    for rel, full in sorted(files.items()):
        if rel.endswith(".html"):
            p = Page()
            with open(full, encoding="utf-8") as f:
                p.feed(f.read())
            ids[rel] = p.ids
            refs[rel] = p.refs
        elif rel.endswith(".xml"):
            with open(full, "rb") as f:
                refs[rel] = feed_refs(f.read())
        elif rel.endswith(".ics"):
            with open(full, encoding="utf-8") as f:
                refs[rel] = ics_refs(f.read())
        elif rel == "robots.txt":
            with open(full, encoding="utf-8") as f:
                refs[rel] = [ln.split(":", 1)[1].strip() for ln in f
                             if ln.lower().startswith("sitemap:")]

    def target(rel_path):
        if rel_path == "" or rel_path.endswith("/"):
            return rel_path + "index.html" if rel_path + "index.html" in files else None
        if rel_path in files:
            return rel_path
        if rel_path + "/index.html" in files:
            return rel_path + "/index.html"
        return None

    dead = 0
    for rel in sorted(refs):
        page_url = urllib.parse.urljoin(base, rel)
        for r in refs[rel]:
            if r in ("#", "#top"):
                continue
            if r == "":
                print(f"{rel}: empty link")
                dead += 1
                continue
            u = urllib.parse.urlsplit(urllib.parse.urljoin(page_url, r))
            if u.scheme not in ("http", "https") or u.netloc != bu.netloc:
                continue
            path = urllib.parse.unquote(u.path)
            if not path.startswith(base_path):
                continue
            t = target(path[len(base_path):])
            if t is None:
                print(f"{rel}: dead link {r}")
                dead += 1
                continue
            frag = urllib.parse.unquote(u.fragment)
            if frag and frag != "top" and t in ids and frag not in ids[t]:
                print(f"{rel}: dead fragment {r}")
                dead += 1
    print(f"linkcrawl: {len(files)} files, {sum(len(v) for v in refs.values())} references, {dead} dead")
    sys.exit(1 if dead else 0)


if __name__ == "__main__":
    main()
