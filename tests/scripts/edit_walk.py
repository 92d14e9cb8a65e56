#!/usr/bin/env python3
"""A random walk of edits: after each, a build with the caches of the
builds before it equals a build from scratch (issue 17).

usage: edit_walk.py SAITTI CORPUS_PY WORKDIR [--steps N] [--seed S]

Makes a small site with bench/corpus.py (default theme: lists, tags,
events, calendars, feeds, the search index), then edits it one random
step at a time the ways writers and admins do: a post's text, title,
date, tags, draft flag or summary; a new, removed or renamed post; a link
to another post's file; an event; site.yaml; a template; a theme string;
a file beside the posts; the day (--now). After each step it builds into
out/ with the cache folder every earlier step used, and into a new folder
with a new cache, and compares the two trees byte for byte. A few steps
wait out the caches' margins first (3 s for the parse cache, 50 ms for
the stamp), so that entries made right after an edit are kept and used
too. Prints `PASS name` / `FAIL name` lines for tests/run.sh.
"""

import argparse
import datetime
import filecmp
import os
import random
import re
import shutil
import subprocess
import sys
import time

# The parse cache keeps no file changed within 3 s of a build's start
# (model/parsecache.c): waited out on these steps.
SETTLE_STEPS = (7, 19, 33)
TAGS = ["vanhemmuus", "osallisuus", "hankehaku", "perhekeskus", "arki",
        "uusi-tagi", "Isä & lapsi"]
WORDS = ["perhekeskus", "neuvola", "kylä", "seminaari", "työpaja", "arki",
         "ääni", "Ähtäri", "lapsi", "koulu", "kokous", "syksy"]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def md_files(site, sub):
    root = os.path.join(site, "content", sub)
    found = []
    for top, dirs, files in os.walk(root):
        dirs.sort()
        found += [os.path.join(top, f) for f in sorted(files)
                  if f.endswith(".md")]
    return found


def split(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?\n)---\n(.*)", text, re.S)
    return (m.group(1), m.group(2)) if m else ("", text)


def join(path, fm, body):
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\n" + fm + "---\n" + body)


def set_key(fm, key, line):
    """Replaces key's line in the front matter, adds it, or (line None)
    removes it."""
    pat = re.compile(r"^%s:.*\n" % re.escape(key), re.M)
    if line is None:
        return pat.sub("", fm)
    if pat.search(fm):
        return pat.sub(lambda m: line + "\n", fm, count=1)
    return fm + line + "\n"


def a_date(rng):
    return datetime.date(rng.randint(2010, 2018), rng.randint(1, 12),
                         rng.randint(1, 28))


class Walk:
    def __init__(self, site, rng):
        self.site, self.rng = site, rng
        self.now = datetime.date(2019, 1, 1)
        self.made = 0

    def posts(self):
        return md_files(self.site, "blogi") + md_files(self.site, "uutiset")

    def any_post(self):
        return self.rng.choice(self.posts())

    # ---- the edits: each returns its name ----
    def body(self):
        p = self.rng.choice(self.posts() + md_files(self.site, "tapahtumat")
                            + [os.path.join(self.site, "content",
                                            "index.md")])
        fm, body = split(p)
        join(p, fm, body + "\n" + words(self.rng, 8).capitalize() + ".\n")
        return "a text"

    def title(self):
        p = self.any_post()
        fm, body = split(p)
        join(p, set_key(fm, "title", 'title: "%s"' %
                        words(self.rng, 3).capitalize()), body)
        return "a title"

    def date(self):
        p = self.any_post()
        fm, body = split(p)
        join(p, set_key(fm, "date", "date: %s" % a_date(self.rng)), body)
        return "a date"

    def tags(self):
        p = self.any_post()
        fm, body = split(p)
        pick = self.rng.sample(TAGS, self.rng.randint(0, 3))
        line = None if not pick else "tags: [%s]" % ", ".join(
            '"%s"' % t for t in pick)
        join(p, set_key(fm, "tags", line), body)
        return "tags"

    def draft(self):
        p = self.any_post()
        fm, body = split(p)
        on = "draft: true" in fm
        join(p, set_key(fm, "draft", None if on else "draft: true"), body)
        return "a draft flag"

    def summary(self):
        p = self.any_post()
        fm, body = split(p)
        line = 'summary: "%s"' % words(self.rng, 5).capitalize()
        if self.rng.random() < 0.3:
            line = None
        join(p, set_key(fm, "summary", line), body)
        return "a summary"

    def new_post(self):
        self.made += 1
        d = a_date(self.rng)
        if self.rng.random() < 0.2:   # after --now: not yet published
            d = self.now + datetime.timedelta(days=self.rng.randint(1, 40))
        folder = os.path.join(self.site, "content", "blogi", str(d.year))
        os.makedirs(folder, exist_ok=True)
        p = os.path.join(folder, "%s-uusi-kirjoitus-%d.md" % (d, self.made))
        join(p, 'title: "Uusi %d"\ndate: %s\ntags: ["%s"]\n' %
             (self.made, d, self.rng.choice(TAGS)),
             words(self.rng, 20).capitalize() + ".\n")
        return "a new post"

    def remove_post(self):
        os.remove(self.any_post())
        return "a removed post"

    def rename_post(self):
        p = self.any_post()
        base = os.path.basename(p)
        os.rename(p, os.path.join(os.path.dirname(p),
                                  base[:-3] + "-b.md"))
        return "a renamed post"

    def link(self):
        a, b = self.any_post(), self.any_post()
        fm, body = split(a)
        rel = os.path.relpath(b, os.path.dirname(a))
        join(a, fm, body + "\nKatso [toinen kirjoitus](%s).\n" % rel)
        return "a link to a post's file"

    def event(self):
        evs = md_files(self.site, "tapahtumat")
        if not evs or self.rng.random() < 0.3:
            self.made += 1
            d = self.now + datetime.timedelta(days=self.rng.randint(-30, 60))
            p = os.path.join(self.site, "content", "tapahtumat",
                             "%s-tapahtuma-%d.md" % (d, self.made))
            join(p, 'title: "Tapahtuma %d"\nstart: "%s"\nlocation: '
                 '"Kuopio"\nregion: "Pohjois-Savo"\n' % (self.made, d),
                 words(self.rng, 10).capitalize() + ".\n")
            return "a new event"
        p = self.rng.choice(evs)
        fm, body = split(p)
        if self.rng.random() < 0.5:
            d = self.now + datetime.timedelta(days=self.rng.randint(-20, 90))
            join(p, set_key(set_key(fm, "start", 'start: "%s"' % d),
                            "end", None), body)
            return "an event's day"
        join(p, set_key(fm, "title", 'title: "%s"' %
                        words(self.rng, 2).capitalize()), body)
        return "an event's title"

    def site_yaml(self):
        p = os.path.join(self.site, "site.yaml")
        text = open(p, encoding="utf-8").read()
        if self.rng.random() < 0.5:
            text = re.sub(r"^paginate: \d+", "paginate: %d" %
                          self.rng.randint(2, 12), text, flags=re.M)
            what = "site.yaml's paginate"
        else:
            text = re.sub(r'^title: ".*"', 'title: "%s"' %
                          words(self.rng, 2).capitalize(), text,
                          flags=re.M)
            what = "site.yaml's title"
        open(p, "w", encoding="utf-8").write(text)
        return what

    def template(self):
        d = os.path.join(self.site, "themes", "default", "templates")
        names = sorted(n for n in os.listdir(d) if n.endswith(".html"))
        p = os.path.join(d, self.rng.choice(names))
        with open(p, "a", encoding="utf-8") as f:
            f.write("<!-- %s -->\n" % words(self.rng, 1))
        return "a template"

    def string(self):
        p = os.path.join(self.site, "themes", "default", "i18n", "fi.yaml")
        lines = open(p, encoding="utf-8").read().split("\n")
        simple = [i for i, l in enumerate(lines)
                  if re.match(r'^[a-z_]+: "[^"{}]*"$', l)]
        if not simple:
            return self.body()
        i = self.rng.choice(simple)
        lines[i] = lines[i][:-1] + ' %s"' % self.rng.choice(WORDS)
        open(p, "w", encoding="utf-8").write("\n".join(lines))
        return "a theme string"

    def attachment(self):
        d = os.path.join(self.site, "content", "blogi")
        have = sorted(n for n in os.listdir(d) if n.endswith(".txt"))
        if have and self.rng.random() < 0.4:
            os.remove(os.path.join(d, self.rng.choice(have)))
            return "a removed attachment"
        self.made += 1
        with open(os.path.join(d, "liite-%d.txt" % (self.made % 3)),
                  "w") as f:
            f.write(words(self.rng, 4) + "\n")
        return "an attachment"

    def day(self):
        self.now += datetime.timedelta(days=self.rng.choice([1, 1, 7, 40]))
        return "the day (--now)"


EDITS = ["body"] * 6 + ["title"] * 2 + ["date"] * 2 + ["tags"] * 2 + [
    "draft", "summary", "new_post", "remove_post", "rename_post", "link",
    "event", "event", "site_yaml", "template", "string", "attachment",
    "day"]


def build(saitti, site, out, cache, now):
    r = subprocess.run([saitti, "build", "--source", site, "--out", out,
                        "--cache", cache, "--now", str(now), "--quiet"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return r.returncode, r.stderr.decode("utf-8", "replace")


def differ(a, b):
    """The first path that differs between trees a and b, or None."""
    c = filecmp.dircmp(a, b)
    if c.left_only or c.right_only or c.funny_files:
        return (c.left_only + c.right_only + c.funny_files)[0]
    _, mismatch, errors = filecmp.cmpfiles(a, b, c.common_files,
                                           shallow=False)
    if mismatch or errors:
        return (mismatch + errors)[0]
    for sub in sorted(c.common_dirs):
        d = differ(os.path.join(a, sub), os.path.join(b, sub))
        if d:
            return os.path.join(sub, d)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("saitti")
    ap.add_argument("corpus")
    ap.add_argument("work")
    ap.add_argument("--steps", type=int, default=48)
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args()
    site = os.path.join(a.work, "site")
    out, cache = os.path.join(a.work, "out"), os.path.join(a.work, "cache")
    fresh = os.path.join(a.work, "fresh")
    subprocess.run([sys.executable, a.corpus, "--posts", "40", "--events",
                    "8", "--seed", str(a.seed), site],
                   stdout=subprocess.DEVNULL, check=True)
    rng = random.Random(a.seed)
    w = Walk(site, rng)
    rc, err = build(a.saitti, site, out, cache, w.now)
    print("%s edit walk: the first build succeeds" %
          ("PASS" if rc == 0 else "FAIL"))
    if rc:
        print("  " + err[-2000:])
    failed = 0
    for step in range(1, a.steps + 1):
        what = getattr(w, rng.choice(EDITS))()
        if step in SETTLE_STEPS:
            time.sleep(3.1)
        elif step % 5 == 0:
            time.sleep(0.1)   # the stamp's margin
        rc, err = build(a.saitti, site, out, cache, w.now)
        shutil.rmtree(fresh, ignore_errors=True)
        rc2, err2 = build(a.saitti, site, os.path.join(fresh, "out"),
                          os.path.join(fresh, "cache"), w.now)
        name = "edit walk: step %d (%s): the cached build equals a " \
               "build from scratch" % (step, what)
        if rc != rc2:
            print("FAIL %s\n  exit %d with caches, %d from scratch\n  %s" %
                  (name, rc, rc2, (err or err2)[-1500:]))
            failed += 1
        elif rc != 0:
            print("PASS %s (both refuse it)" % name)
        else:
            d = differ(out, os.path.join(fresh, "out"))
            if d:
                print("FAIL %s\n  differs: %s" % (name, d))
                failed += 1
            else:
                print("PASS " + name)
        # One failure is enough to see; the rest would follow from it.
        if failed:
            break
    # Then one more build with nothing changed: still the same.
    rc, _ = build(a.saitti, site, out, cache, w.now)
    d = differ(out, os.path.join(fresh, "out")) if rc == 0 else "exit"
    print("%s edit walk: a rebuild with nothing changed keeps it" %
          ("PASS" if d is None else "FAIL"))


if __name__ == "__main__":
    main()
