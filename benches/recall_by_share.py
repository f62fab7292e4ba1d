#!/usr/bin/env python3
"""Recall of a trap case's copies by how much of their story they carry.

For every document of the case (default `small_site_chrome`) whose truth
cluster is another document (its origin), the share of the origin's word
5-grams found in it (exact sets, lowercased, split at every character that
is not a letter or digit, as benches/real/common.py does), and whether the
prediction puts the two in one cluster. Prints, per band of that share,
how many copies and how many were found with their origin.

    python3 benches/recall_by_share.py DIR/corpus.jsonl DIR/truth.tsv PRED.jsonl [CASE]

Issue 10's target names copies cut to 45% and wrapped in 300 words of
chrome: the `>= 45%` band. The generator also cuts small sites' copies to
60-200 words, far below that (docs/evaluation.md).
"""

import collections
import json
import re
import sys

BANDS = [(0.45, ">= 45%"), (0.2, "20-45%"), (0.0, "< 20%")]


def shingles(text: str) -> set:
    w = re.findall(r"[^\W_]+", text.lower())
    return {tuple(w[i:i + 5]) for i in range(max(1, len(w) - 4))}


def main(corpus: str, truth_path: str, pred_path: str, case: str = "small_site_chrome") -> int:
    texts = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                texts[r["id"]] = r["text"]
    truth, cases = {}, {}
    with open(truth_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("id\t") or not line.strip():
                continue
            doc, cluster, kind = line.rstrip("\n").split("\t")[:3]
            truth[doc], cases[doc] = cluster, kind
    with open(pred_path, encoding="utf-8") as f:
        pred = {r["id"]: r["cluster_id"] for r in map(json.loads, filter(str.strip, f))}
    counts = collections.OrderedDict((name, [0, 0]) for _, name in BANDS)
    for doc, kind in cases.items():
        origin = truth[doc]
        if kind != case or origin == doc or origin not in texts:
            continue
        of_origin = shingles(texts[origin])
        share = len(of_origin & shingles(texts[doc])) / len(of_origin)
        name = next(n for lo, n in BANDS if share >= lo)
        counts[name][0] += 1
        counts[name][1] += pred[doc] == pred[origin]
    print(f"{case}: copies by the share of their story they carry")
    for name, (n, found) in counts.items():
        print(f"  {name:>7}  {found:4d} of {n:4d} with their origin" + (f"  ({found / n:.3f})" if n else ""))
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
