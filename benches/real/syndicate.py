#!/usr/bin/env python3
"""A wire story on many real pages: the `webwire` set.

  python3 benches/real/syndicate.py [--data DIR]      # needs trafilatura==2.0.0

Real parts, arranged by us: the `webpages` set (build.py) with some of its
pages replaced by copies of a real wire story, each in the replaced page's
own chrome.  The story is the main text (trafilatura's extraction) of a
page that opens with a wire dateline; a host page's chrome is its crawler
text before and after its own main text.  So every copy sits in chrome that
a real site wrapped around a real article, on a site that has one page in
the corpus, which no filter can learn (the generator's `wide_wire` trap,
with real chrome and real prose).

For each story, COPIES hosts are chosen by SHA-1 of their url; of their
copies, 15% carry the story whole and exact, 55% whole after a headline of
the host's (its page title), 30% cut after 45-90% of its paragraphs.
Hosts are pages with 100-800 words of chrome (a news page's; a few pages
of the set are a short text in thousands of words of comments and lists,
where the story would be a tenth of the page).  Writes DATA/webwire.jsonl and benches/real/webwire.truth.tsv
(the story's page and its copies are one document; every other page is
its own, except the two pages saved twice, as in webpages.truth.tsv).
"""
import argparse
import functools
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build import trafilatura_git, trafilatura_html, trafilatura_pages, _Text  # noqa: E402
from common import read_jsonl, read_truth, write_jsonl, write_truth, log  # noqa: E402

# The stories: pages of the set whose main text opens with a dateline.
STORIES = [
    "https://www.reuters.com/article/us-awards-sag/parasite-scores-upset-at-sag-awards-boosting-oscar-chances-idUSKBN1ZI0EH",
    "https://www.welt.de/regionales/hamburg/article202159566/Verhaertete-Fronten-nach-Tumulten-bei-Luckes-Vorlesung.html",
]
COPIES = 45
# Hosts whose chrome (crawler text around the main text) is a news page's:
# at least this many words and at most that many.
MIN_CHROME, MAX_CHROME = 100, 800


def sha(s):
    return hashlib.sha1(s.encode()).hexdigest()


def squeeze(s):
    return " ".join(s.split())


def split_page(html, extract):
    """(chrome before, main paragraphs, chrome after) of a page's crawler
    text, or None when its main text cannot be found in it."""
    main = extract(html)
    if not main:
        return None
    paras = [squeeze(p) for p in main.splitlines() if squeeze(p)]
    p = _Text()
    p.feed(html)
    lines = p.text().splitlines()
    first = next((i for i, line in enumerate(lines) if paras[0][:60] in line), None)
    last = next((i for i in range(len(lines) - 1, -1, -1) if paras[-1][-60:] in lines[i]), None)
    if first is None or last is None or last < first:
        return None
    return lines[:first], paras, lines[last + 1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/realdata")
    a = ap.parse_args()
    import trafilatura  # noqa: PLC0415 (only this script needs it)
    if trafilatura.__version__ != "2.0.0":
        log(f"trafilatura {trafilatura.__version__}: the committed labels were made with 2.0.0")

    def extract(html):
        return trafilatura.extract(html, include_comments=False, include_tables=False)

    docs = read_jsonl(os.path.join(a.data, "webpages.jsonl"))
    truth = read_truth(os.path.join(HERE, "webpages.truth.tsv"))
    git = trafilatura_git(a.data)
    path_of = dict(trafilatura_pages(git))

    @functools.lru_cache(maxsize=None)
    def html(url):
        """A page's HTML, read once, when it is needed."""
        return trafilatura_html(git, path_of[url])
    by_id = {d["id"]: d for d in docs}
    hosts = sorted((d["id"] for d in docs if "url" in d and d["id"] not in STORIES
                    and truth[d["id"]][1] == "distinct"), key=sha)
    replaced = {}
    for story_url in STORIES:
        _, story, _ = split_page(html(story_url), extract)
        taken = 0
        for host in hosts:
            if taken == COPIES:
                break
            if host in replaced:
                continue
            parts = split_page(html(host), extract)
            if parts is None:
                continue
            before, own, after = parts
            chrome = sum(len(line.split()) for line in before + after)
            if not MIN_CHROME <= chrome <= MAX_CHROME:
                continue
            h = int(sha(story_url + host), 16)
            kind = ["exact", "headline", "cut"][0 if h % 100 < 15 else 1 if h % 100 < 70 else 2]
            body = list(story)
            if kind == "headline":
                title = trafilatura.extract_metadata(html(host)).title
                body = [squeeze(title or own[0][:80])] + body
            elif kind == "cut":
                keep = max(1, round(len(story) * (45 + (h >> 8) % 46) / 100))
                body = story[:keep]
            replaced[host] = (story_url, kind, "\n".join(before + body + after))
            taken += 1
        log(f"{story_url}: {taken} copies")
    out, labels = [], {}
    for d in docs:
        if d["id"] in replaced:
            story_url, kind, text = replaced[d["id"]]
            out.append({**d, "text": text})
            labels[d["id"]] = (story_url, kind)
        else:
            out.append(d)
            cluster, case = truth[d["id"]]
            labels[d["id"]] = (cluster, "story" if d["id"] in STORIES else case)
    write_jsonl(os.path.join(a.data, "webwire.jsonl"), out)
    write_truth(os.path.join(HERE, "webwire.truth.tsv"), labels)
    log(f"webwire: {len(out)} documents, {len(replaced)} copies -> {a.data}/webwire.jsonl")


if __name__ == "__main__":
    main()
