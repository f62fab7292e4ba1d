#!/usr/bin/env python3
"""Rebuild the real-text sets into DATA (default /work/realdata):

  python3 benches/real/build.py [--data DIR] [SET ...]

SET is copyright, changelogs, manpages, licenses, versions, rustdocs,
docsites, webpages (default: all).  Each set is
written to DATA/<set>.jsonl (fields id, text).  Sources:

* copyright: this machine's /usr/share/doc/*/copyright (Debian 12 image);
  machine-dependent, see README.md.
* changelogs: this machine's /usr/share/doc/*/changelog.Debian.gz (first
  100,000 characters); machine-dependent like copyright.
* manpages:  this machine's /usr/share/man, rendered with `man -l`.
* licenses:  /usr/share/common-licenses + npm spdx-license-list@6.12.0.
* versions:  README and CHANGELOG files of pinned npm package versions
  (`npm pack`), cached in DATA/dl/.
* rustdocs:  the HTML documentation of two Rust toolchains installed with
  rustup (the book, the primitive types of std, error codes, Rust by
  Example in English, the reference), as text with the pages' navigation,
  each with its doc.rust-lang.org url and (field `main`, for the labels)
  the text of its <main> element; machine-dependent (which toolchains).
* docsites:  every HTML documentation tree on this machine as a site of its
  own (/usr/share/doc/<package>, gtk-doc, npm's docs, httplib2's reference
  in the Google Cloud SDK, gettext's team lists, IDLE's help page of each
  pyenv Python, and 14 books of the stable Rust toolchain, up to 300 pages
  each by SHA-1 of the path), as a crawler's text with navigation and a
  `https://<site>.docs.example/<path>` url; no labels (a probe of the
  per-site boilerplate sample, see sample_probe.py); machine-dependent.
* webpages:  the 990 web pages of trafilatura's evaluation set (news sites,
  blogs, shops; mostly German), pinned to one commit of its repository
  (cloned into DATA/dl/, or $TRAFILATURA_GIT), as a crawler's text with
  chrome and the url each page was fetched from.
"""
import argparse
import glob
import html.parser
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import write_jsonl, words, log  # noqa: E402

MIN_WORDS = 20


# ---------------------------------------------------------------- copyright
def build_copyright(data):
    docs = []
    for path in sorted(glob.glob("/usr/share/doc/*/copyright")):
        pkg = path.split("/")[-2]
        try:
            text = open(path, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        if len(words(text)) < MIN_WORDS:
            continue
        docs.append({"id": pkg, "text": text})
    return docs


# --------------------------------------------------------------- changelogs
CHANGELOG_CAP = 100_000  # characters: the newest entries of the few huge ones


def build_changelogs(data):
    docs = []
    for path in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz")):
        pkg = path.split("/")[-2]
        try:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                text = f.read(CHANGELOG_CAP)
        except (OSError, EOFError):
            continue
        if len(words(text)) < MIN_WORDS:
            continue
        docs.append({"id": pkg, "text": text})
    return docs


# ----------------------------------------------------------------- manpages
LANGS = ["de", "fr", "es"]


def render_man(path):
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="0")
    try:
        out = subprocess.run(["man", "-l", "-P", "cat", "-E", "UTF-8", path], env=env,
                             capture_output=True, timeout=60).stdout
    except subprocess.TimeoutExpired:
        return ""
    text = out.decode("utf-8", "replace")
    # remove overstrike (bold/underline) if any survived
    text = re.sub(r".\x08", "", text)
    return text


def is_stub(path):
    op = gzip.open if path.endswith(".gz") else open
    try:
        with op(path, "rt", encoding="utf-8", errors="replace") as f:
            head = f.read(400)
    except OSError:
        return True
    lines = [l for l in head.splitlines() if l.strip() and not l.startswith(('.\\"', "'\\\""))]
    return bool(lines) and lines[0].startswith(".so ") and len(lines) <= 2


def man_name(path):
    base = os.path.basename(path)
    return re.sub(r"\.gz$", "", base)


def build_manpages(data, n_english=600):
    root = "/usr/share/man"
    chosen = []
    # every English man1/man8 page that has a de/fr/es translation, plus a
    # hash-chosen sample of the others (the same sample on any machine that
    # has the same pages)
    eng = {}
    for sec in ("man1", "man8"):
        for p in glob.glob(f"{root}/{sec}/*"):
            if os.path.islink(p) or is_stub(p):
                continue
            eng[f"{sec}/{man_name(p)}"] = p
    trans = {}
    for lang in LANGS:
        for sec in ("man1", "man8"):
            for p in glob.glob(f"{root}/{lang}/{sec}/*"):
                if os.path.islink(p) or is_stub(p):
                    continue
                key = f"{sec}/{man_name(p)}"
                if key in eng:
                    trans.setdefault(key, []).append((lang, p))
    with_t = sorted(trans)
    h = lambda k: hashlib.sha1(k.encode()).hexdigest()
    with_t = sorted(with_t, key=h)[:250]
    # the Google Cloud SDK on this image brings ~14,000 generated gcloud
    # pages: keep 100 of them (templated pages are one trap, not the set)
    rest = sorted((k for k in eng if k not in trans), key=h)
    gcloud = [k for k in rest if "/gcloud" in k][:100]
    plain = [k for k in rest if "/gcloud" not in k][: n_english - len(with_t) - len(gcloud)]
    others = gcloud + plain
    keys = sorted(set(with_t) | set(others))
    docs = []
    for k in keys:
        items = [("en", eng[k])] + sorted(trans.get(k, []))
        for lang, p in items:
            text = render_man(p)
            if len(words(text)) < MIN_WORDS:
                continue
            doc_id = k if lang == "en" else f"{lang}/{k}"
            docs.append({"id": doc_id, "text": text})
    log(f"manpages: {len(keys)} English pages, {len(docs)} documents")
    return docs


# ----------------------------------------------------------------- licenses
SPDX_PKG = "spdx-license-list@6.12.0"


def npm_pack(spec, dl):
    os.makedirs(dl, exist_ok=True)
    name, ver = spec.rsplit("@", 1)
    tgz = os.path.join(dl, f"{name.replace('/', '-').lstrip('@')}-{ver}.tgz")
    if not os.path.exists(tgz):
        r = subprocess.run(["npm", "pack", "--silent", spec], cwd=dl, capture_output=True, text=True)
        if r.returncode != 0:
            log(f"npm pack {spec} failed: {r.stderr.strip()[:200]}")
            return None
    return tgz if os.path.exists(tgz) else None


def build_licenses(data):
    docs = []
    for p in sorted(glob.glob("/usr/share/common-licenses/*")):
        if os.path.isdir(p) or os.path.islink(p):
            continue  # GPL -> GPL-3 etc. are links: skip, the target is in
        docs.append({"id": "debian:" + os.path.basename(p), "text": open(p, encoding="utf-8").read()})
    tgz = npm_pack(SPDX_PKG, os.path.join(data, "dl"))
    with tarfile.open(tgz) as t:
        full = json.load(t.extractfile("package/spdx-full.json"))
    for lid in sorted(full):
        text = full[lid].get("licenseText") or ""
        if len(words(text)) < 10:
            continue
        docs.append({"id": "spdx:" + lid, "text": text})
    return docs


# ----------------------------------------------------------------- versions
NPM_VERSIONS = [
    ("commander", "11.1.0 12.1.0 13.1.0 14.0.3 15.1.0"),
    ("chalk", "2.4.2 3.0.0 4.1.2 5.6.2 6.0.1"),
    ("debug", "0.8.1 1.0.5 2.6.9 3.2.7 4.4.3"),
    ("semver", "3.0.1 4.3.6 5.7.3 6.3.2 7.8.6"),
    ("uuid", "10.0.0 11.1.1 12.0.1 13.0.2 14.0.3"),
    ("glob", "10.5.0 11.1.0 12.0.0 13.0.7 14.0.6"),
    ("rimraf", "2.7.1 3.0.2 4.4.1 5.0.10 6.1.4"),
    ("mkdirp", "0.4.2 0.5.6 1.0.4 2.1.6 3.0.1"),
    ("async", "0.8.0 0.9.2 1.5.2 2.6.4 3.2.6"),
    ("moment", "1.7.2 2.29.4 2.30.0 2.30.1 2.31.0"),
    ("axios", "0.32.0 0.33.0 0.34.0 0.35.0 1.21.1"),
    ("dotenv", "14.3.2 15.0.1 16.6.1 17.4.2 18.0.10"),
    ("ws", "4.1.0 5.2.8 6.2.7 7.5.14 8.23.0"),
    ("body-parser", "1.20.9 2.2.1 2.2.2 2.3.0 2.4.0"),
    ("cookie", "0.5.0 0.6.0 0.7.2 1.1.1 2.0.2"),
    ("qs", "2.4.2 3.1.0 4.0.0 5.2.1 6.17.1"),
    ("mime", "1.6.0 2.6.0 3.0.0 4.1.2"),
    ("minimatch", "7.4.9 8.0.7 9.0.9 10.2.6 11.0.9"),
    ("ora", "5.4.1 6.3.1 7.0.1 8.2.0 9.4.1"),
    ("inquirer", "10.2.2 11.1.0 12.11.1 13.4.3 14.2.5"),
    ("node-fetch", "0.1.0 1.7.3 2.7.0 3.3.2"),
    ("cross-spawn", "3.0.1 4.0.2 5.1.0 6.0.6 7.0.6"),
    ("execa", "6.1.0 7.2.0 8.0.1 9.6.1 10.2.1"),
    ("got", "12.6.1 13.0.0 14.6.6 15.1.0 16.1.0"),
    ("through2", "1.1.1 2.0.5 3.0.2 4.0.2 5.0.12"),
    ("fs-extra", "7.0.1 8.1.0 9.1.0 10.1.0 11.4.1"),
    ("socket.io", "0.9.19 1.7.4 2.5.1 3.1.2 4.8.4"),
    ("handlebars", "1.3.0 2.0.0 3.0.8 4.7.10"),
    ("marked", "14.1.4 15.0.12 16.4.2 17.0.6 18.2.1"),
    ("eslint-plugin-import", "0.11.0 0.12.1 0.13.0 1.16.0 2.32.0"),
    ("request", "0.8.3 0.9.5 0.10.0 1.9.9 2.88.2"),
]

KINDS = {
    "readme": re.compile(r"^package/readme(\.(md|markdown|txt|rst))?$", re.I),
    "changelog": re.compile(r"^package/(changelog|history|changes)(\.(md|markdown|txt|rst))?$", re.I),
}


def build_versions(data):
    dl = os.path.join(data, "dl", "npm")
    docs = []
    for name, vers in NPM_VERSIONS:
        for ver in vers.split():
            tgz = npm_pack(f"{name}@{ver}", dl)
            if not tgz:
                continue
            with tarfile.open(tgz) as t:
                for m in t.getmembers():
                    if not m.isfile():
                        continue
                    for kind, rx in KINDS.items():
                        if rx.match(m.name):
                            text = t.extractfile(m).read().decode("utf-8", "replace")
                            if len(words(text)) >= MIN_WORDS:
                                docs.append({"id": f"{name}@{ver}:{kind}", "text": text})
    # a tarball with two readmes (README and README.md) would give one id twice
    seen, out = set(), []
    for d in docs:
        if d["id"] not in seen:
            seen.add(d["id"])
            out.append(d)
    return out


# ----------------------------------------------------------------- rustdocs
class _Text(html.parser.HTMLParser):
    """The visible text of an HTML page, a line per block element."""
    SKIP = {"script", "style", "noscript", "template"}
    BLOCK = {"p", "div", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section",
             "nav", "header", "footer", "summary", "details", "dt", "dd", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0
        # Where the <main> element's text starts and ends in `out`.
        self.main, self.depth = [None, None], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append("\n")
        if tag == "main":
            self.depth += 1
            if self.main[0] is None:
                self.main[0] = len(self.out)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag in self.BLOCK:
            self.out.append("\n")
        if tag == "main" and self.depth:
            self.depth -= 1
            if not self.depth:
                self.main[1] = len(self.out)

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

    @staticmethod
    def _lines(parts):
        lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
        return "\n".join(line for line in lines if line)

    def text(self):
        return self._lines(self.out)

    def main_text(self):
        start, end = self.main
        return self._lines(self.out[start:end]) if start is not None and end is not None else None


def html_text(path):
    """The page's visible text, and its <main> element's (None without one)."""
    p = _Text()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    return p.text(), p.main_text()


# Pages of each toolchain: (glob under share/doc/rust/html, how many: all,
# or the first N by SHA-1 of the path, so both toolchains pick the same).
RUSTDOC_PAGES = [
    ("book/ch*.html", None),
    ("std/primitive.*.html", None),
    ("error_codes/E*.html", 100),
    ("rust-by-example/*.html", 60),
    ("rust-by-example/*/*.html", 60),
    ("reference/**/*.html", 80),
]


# Rust by Example's translations: their code is the English pages', their
# prose is not, which is another labelling question (see manpages).
TRANSLATED = re.compile(r"^rust-by-example/(es|ja|ko|zh)/")


def rust_toolchains():
    """(version, html root) of each rustup toolchain with its docs, one per
    version (`stable` and `1.95.0` are the same files)."""
    seen = {}
    for root in sorted(glob.glob(os.path.expanduser("~/.rustup/toolchains/*/share/doc/rust/html"))):
        js = glob.glob(os.path.join(root, "crates*.js"))
        m = re.match(r"crates(.+)\.js$", os.path.basename(js[0])) if js else None
        if m:
            seen.setdefault(m.group(1), root)
    return sorted(seen.items())


def build_rustdocs(data):
    docs = []
    chains = rust_toolchains()
    for pattern, n in RUSTDOC_PAGES:
        # The same pages from every toolchain: those the first one has.
        first = chains[0][1]
        rels = sorted(os.path.relpath(p, first) for p in glob.glob(os.path.join(first, pattern), recursive=True))
        rels = [r for r in rels if not TRANSLATED.match(r)]
        if n is not None:
            rels = sorted(rels, key=lambda r: hashlib.sha1(r.encode()).hexdigest())[:n]
        for ver, root in chains:
            for rel in sorted(rels):
                path = os.path.join(root, rel)
                if not os.path.isfile(path):
                    continue
                text, main = html_text(path)
                if main is None or len(words(main)) < MIN_WORDS:
                    continue
                # `text` is the page as a crawler extracts it, navigation
                # and all; the labels compare `main`, what a reader reads.
                docs.append({"id": f"{ver}/{rel}", "url": f"https://doc.rust-lang.org/{ver}/{rel}",
                             "text": text, "main": main})
    return docs


# ----------------------------------------------------------------- docsites
class _LinkText(_Text):
    """_Text that also counts the words inside links (a page of almost
    nothing but links is a table of contents, not a document)."""

    def __init__(self):
        super().__init__()
        self.anchor, self.link_words = 0, 0

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        if tag == "a":
            self.anchor += 1

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag == "a" and self.anchor:
            self.anchor -= 1

    def handle_data(self, data):
        super().handle_data(data)
        if self.anchor and not self.skip:
            self.link_words += len(words(data))


def page_text(path):
    """(visible text, share of its words inside links) of an HTML page."""
    p = _LinkText()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    text = p.text()
    return text, p.link_words / max(1, len(words(text)))


# Pages that are no document of their own: search pages, error pages, a
# book printed whole on one page (print.html, node's all.html), generated
# tables of contents and indexes.
NOT_A_DOCUMENT = re.compile(r"(^|/)(search|404|not_found|print|toc|all|genindex|SUMMARY|api-index-[^/]*|"
                            r"deprecated-api-index|index-[^/]*)\.html$")
DOCSITE_MIN_CHARS = 200
# A page with at least this share of its words in links is a table of
# contents or an index (checked by hand: libxslt's API indexes, node's and
# valgrind's contents pages, libffi's menus, gettext's lists of teams and
# the reference's grammar index are above; chapter pages with a navigation
# sidebar and std's pages are below 0.56).
DOCSITE_MAX_LINK_SHARE = 0.6
# Rust toolchain books (one site each) and how many pages of each: all, or
# the first N by SHA-1 of the path (relative to the html root) among the
# pages that pass the filters above.
RUST_BOOKS = [
    ("book", 300), ("reference", None), ("rust-by-example", None), ("cargo", None), ("rustc", None),
    ("edition-guide", None), ("embedded-book", None), ("nomicon", None), ("rustdoc", None),
    ("style-guide", None), ("unstable-book", 300), ("clippy", None), ("error_codes", 300), ("std", 300),
]


def docsite_roots():
    """(site, root directory, relative paths of the candidate pages) of every
    HTML documentation tree on this machine, in a fixed order.  Symlinks
    are never followed (a package directory linked to another package's is
    that package's, `index.html -> reference.html` is one page)."""
    def pages(root, pattern=r".*\.html?$"):
        rx = re.compile(pattern)
        out = []
        for d, dirs, files in os.walk(root):
            dirs.sort()
            for f in files:
                path = os.path.join(d, f)
                rel = os.path.relpath(path, root)
                if rx.match(rel) and not os.path.islink(path):
                    out.append(rel)
        return sorted(out)

    roots = []
    for d in sorted(glob.glob("/usr/share/doc/*/")):
        d = d.rstrip("/")
        if not os.path.islink(d):
            roots.append((os.path.basename(d), d, None))
    for d in sorted(glob.glob("/usr/share/gtk-doc/html/*/")):
        roots.append((os.path.basename(d.rstrip("/")), d.rstrip("/"), None))
    roots += [
        ("npm", "/usr/lib/node_modules/npm/docs/output", None),
        # The one documentation tree in the Google Cloud SDK; its other
        # HTML files are templates and test data.
        ("httplib2", "/usr/lib/google-cloud-sdk/platform/gsutil/third_party/httplib2/ref", None),
        ("gettext-projects", "/usr/share/gettext/projects", None),
    ]
    out = [(site, root, pages(root)) for site, root, _ in roots if os.path.isdir(root)]
    # IDLE's help page of every pyenv Python: one site, a page per version.
    idle = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/*/lib/python*/idlelib/help.html")))
    if idle:
        root = os.path.expanduser("~/.pyenv/versions")
        out.append(("idle", root, sorted(os.path.relpath(p, root) for p in idle)))
    return out


def stable_rust_html():
    """The html root of the stable toolchain (else the oldest version)."""
    stable = sorted(glob.glob(os.path.expanduser("~/.rustup/toolchains/stable-*/share/doc/rust/html")))
    if stable:
        return stable[0]
    chains = rust_toolchains()
    return chains[0][1] if chains else None


def build_docsites(data):
    """HTML documentation sites of this machine as a crawler's text with
    navigation, each site under its own url host: a probe of the per-site
    boilerplate sample (no labels)."""
    docs, seen = [], set()

    def add(site, root, rel):
        path = os.path.join(root, rel)
        if NOT_A_DOCUMENT.search(rel) or os.path.realpath(path) in seen:
            return False
        text, link_share = page_text(path)
        if len(text) < DOCSITE_MIN_CHARS or link_share >= DOCSITE_MAX_LINK_SHARE:
            return False
        seen.add(os.path.realpath(path))
        host = re.sub(r"[^a-z0-9-]+", "-", site.lower()).strip("-")
        docs.append({"id": f"{site}/{rel}", "url": f"https://{host}.docs.example/{rel}", "text": text})
        return True

    for site, root, rels in docsite_roots():
        for rel in rels:
            add(site, root, rel)
    rust = stable_rust_html()
    if rust:
        for book, n in RUST_BOOKS:
            # Paths relative to the html root (as rustdocs' are) pick the pages.
            rels = [os.path.relpath(p, rust) for p in glob.glob(os.path.join(rust, book, "**", "*.html"), recursive=True)]
            rels = sorted((r for r in rels if not TRANSLATED.match(r)), key=lambda r: hashlib.sha1(r.encode()).hexdigest())
            kept = 0
            for rel in rels:
                if n is not None and kept >= n:
                    break
                kept += add(book.replace("_", "-"), os.path.join(rust, book), os.path.relpath(rel, book))
    # Sorted by id (the books' pages were taken in SHA-1 order).
    return sorted(docs, key=lambda d: d["id"])


# ----------------------------------------------------------------- webpages
# trafilatura's evaluation pages (Apache-2.0 repository; the pages are the
# web's): 990 pages of news sites, blogs and shops, mostly German, saved
# whole with their chrome, and the url each was fetched from.
TRAFILATURA_URL = "https://github.com/adbar/trafilatura"
TRAFILATURA_COMMIT = "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5"


def trafilatura_git(data):
    """A git directory holding TRAFILATURA_COMMIT: $TRAFILATURA_GIT, or a
    clone in DATA/dl/trafilatura."""
    git = os.environ.get("TRAFILATURA_GIT")
    if git:
        return git
    dest = os.path.join(data, "dl", "trafilatura")
    if not os.path.isdir(dest):
        subprocess.run(["git", "clone", "-q", "--bare", TRAFILATURA_URL, dest], check=True)
    return dest


def trafilatura_file(git, path):
    """A file of the repository at TRAFILATURA_COMMIT, as bytes."""
    return subprocess.run(["git", "--git-dir", git, "show", f"{TRAFILATURA_COMMIT}:{path}"],
                          check=True, capture_output=True).stdout


def trafilatura_html(git, path):
    """A page of the evaluation set, decoded as build_webpages reads it."""
    return trafilatura_file(git, path).decode("utf-8", errors="replace")


def trafilatura_pages(git):
    """(url, path in the repository) of every page of the evaluation set
    whose file is there, in url order (one file may serve several urls)."""
    listing = subprocess.run(["git", "--git-dir", git, "ls-tree", "-r", "--name-only", TRAFILATURA_COMMIT,
                              "tests/eval", "tests/cache"], check=True, capture_output=True, text=True)
    paths = {os.path.basename(p): p for p in listing.stdout.splitlines()}
    pages = json.loads(trafilatura_file(git, "tests/evaldata.json"))
    return [(url, paths[pages[url]["file"]]) for url in sorted(pages) if pages[url]["file"] in paths]


def build_webpages(data):
    git = trafilatura_git(data)
    docs, seen = [], set()
    for url, path in trafilatura_pages(git):
        if path in seen:
            continue
        seen.add(path)
        p = _Text()
        p.feed(trafilatura_html(git, path))
        text = p.text()
        if len(words(text)) < MIN_WORDS:
            continue
        doc = {"id": url, "text": text}
        if url.startswith(("http://", "https://")):
            doc["url"] = url
        docs.append(doc)
    return docs


SETS = {
    "copyright": build_copyright,
    "changelogs": build_changelogs,
    "manpages": build_manpages,
    "licenses": build_licenses,
    "versions": build_versions,
    "rustdocs": build_rustdocs,
    "docsites": build_docsites,
    "webpages": build_webpages,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/realdata")
    ap.add_argument("sets", nargs="*", default=list(SETS))
    a = ap.parse_args()
    for s in a.sets:
        docs = SETS[s](a.data)
        write_jsonl(os.path.join(a.data, f"{s}.jsonl"), docs)
        log(f"{s}: {len(docs)} documents -> {a.data}/{s}.jsonl")


if __name__ == "__main__":
    main()
