#!/usr/bin/env python3
"""Exact shingle Jaccard of the duplicate and the different pairs of the
multilingual set (build.py) for character shingles of 4 to 12: how the
choice of n moves copies and different texts. Tokens as neardup makes them
(NFKC + lowercase; one token per Han/kana/Thai character, words elsewhere).

  python3 benches/multilingual/shingle_size.py --data DIR
"""
import argparse, itertools, json, re, statistics, unicodedata
from pathlib import Path
from common import is_unspaced_char

ap = argparse.ArgumentParser()
ap.add_argument("--data", type=Path, required=True)
a = ap.parse_args()
docs = {}
for line in (a.data / "corpus.jsonl").read_text().splitlines():
    d = json.loads(line)
    docs[d["id"]] = d["text"]


def tokens(text):
    out = []
    for m in re.finditer(r"[^\W_]+", text):
        w = m.group(0)
        buf = ""
        for c in w:
            if is_unspaced_char(c):
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(c)
            else:
                buf += c
        if buf:
            out.append(buf)
    return [unicodedata.normalize("NFKC", t).lower() for t in out]


toks = {k: tokens(v) for k, v in docs.items()}
dups = set()
for name in ["generated.tsv", "versions.review.tsv"]:
    for line in (a.data / name).read_text().splitlines()[1:]:
        x, y = line.split("\t")[:2]
        dups.add(frozenset((x, y)))
for line in (Path(__file__).parent / "labels.tsv").read_text().splitlines():
    f = line.split("\t")
    if len(f) == 4 and f[2] == "dup":
        dups.add(frozenset(f[:2]))
    elif len(f) == 4 and f[2] == "ambiguous":
        dups.discard(frozenset(f[:2]))
lang = lambda i: i.split("-")[1]
print("n  dup Jaccard: min  p10  median | different (same language): max  p99.9  pairs >= 0.2")
for n in [4, 5, 6, 7, 8, 9, 10, 12]:
    sets = {k: {tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1))} for k, t in toks.items()}
    jac = lambda x, y: len(sets[x] & sets[y]) / max(1, len(sets[x] | sets[y]))
    dj = sorted(jac(*sorted(p)) for p in dups)
    nj = sorted(jac(x, y) for x, y in itertools.combinations(sorted(docs), 2)
                if lang(x) == lang(y) and frozenset((x, y)) not in dups)
    q = lambda v, f: v[min(len(v) - 1, int(f * len(v)))]
    print(f"{n:2d}  {dj[0]:.3f} {q(dj, 0.1):.3f} {statistics.median(dj):.3f} | "
          f"{nj[-1]:.3f} {q(nj, 0.999):.3f} {sum(j >= 0.2 for j in nj)}")
