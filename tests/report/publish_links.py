#!/usr/bin/env python3
"""The register `proviso publish` writes is self-contained and its links all resolve.

Usage: publish_links.py PROVISO_BINARY REPOSITORY_ROOT

Publishes the standard library and tests/ok/assessment into scratch folders, then checks
every page: every href and src is relative and names a file of the output (and, with a
#fragment, an id in it); nothing is loaded from elsewhere (no scheme, no //, no
<link rel=stylesheet>, no <script src>); html has lang; a viewport meta; exactly one h1;
header, nav, main and footer landmarks; headings never skip a level going down.
"""
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.tags, self.headings = [], set(), [], []
        self.lang = None
        self.viewport = False
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and a.get("name") == "viewport":
            self.viewport = True
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "link" or (tag == "script" and "src" in a):
            self.external.append(tag)
        for key in ("href", "src"):
            if key in a:
                self.links.append(a[key])


def check_site(folder, failures):
    pages = sorted(f for f in os.listdir(folder) if f.endswith(".html"))
    parsed = {}
    for name in pages:
        p = Page()
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            p.feed(f.read())
        parsed[name] = p
    links = 0
    for name, p in parsed.items():
        where = f"{folder}/{name}"
        if p.lang != "en":
            failures.append(f"{where}: html has no lang")
        if not p.viewport:
            failures.append(f"{where}: no viewport meta")
        if p.headings.count(1) != 1:
            failures.append(f"{where}: {p.headings.count(1)} h1 elements")
        for a, b in zip(p.headings, p.headings[1:]):
            if b > a + 1:
                failures.append(f"{where}: heading h{a} is followed by h{b}")
                break
        for landmark in ("header", "nav", "main", "footer"):
            if landmark not in p.tags:
                failures.append(f"{where}: no <{landmark}>")
        for tag in p.external:
            failures.append(f"{where}: <{tag}> loads something")
        for link in p.links:
            links += 1
            if ":" in link.split("#")[0] or link.startswith("//") or link.startswith("/"):
                failures.append(f"{where}: link {link} is not relative")
                continue
            target, _, fragment = link.partition("#")
            target = target or name
            if target not in parsed:
                failures.append(f"{where}: link {link}: no file {target}")
            elif fragment and fragment not in parsed[target].ids:
                failures.append(f"{where}: link {link}: no id {fragment} in {target}")
    return len(pages), links


def main():
    proviso, root = sys.argv[1], sys.argv[2]
    os.chdir(root)
    failures = []
    for bundle in ("policies/", "tests/ok/assessment"):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "site")
            run = subprocess.run([proviso, "publish", bundle, "-o", out], capture_output=True, text=True)
            if run.returncode != 0:
                print(f"FAIL publish_links: proviso publish {bundle} exited {run.returncode}: {run.stderr}")
                return 1
            pages, links = check_site(out, failures)
            print(f"{bundle}: {pages} pages, {links} links")
    for f in failures:
        print(f"FAIL publish_links: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
