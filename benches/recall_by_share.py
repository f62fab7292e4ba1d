#!/usr/bin/env python3
"""Recall of a trap case's copies by how much of their story they carry.

For every document of the case (default `small_site_chrome`) whose truth
cluster is another document (its origin), the share of the origin's word
5-grams found in it (benches/real/common.py's exact sets: lowercased, split
at every character that is not a letter or digit), and whether the
prediction puts the two in one cluster. Prints, per band of that share,
how many copies and how many were found with their origin.

    python3 benches/recall_by_share.py DIR/corpus.jsonl DIR/truth.tsv PRED.jsonl [CASE]

Issue 10's target names copies cut to 45% and wrapped in 300 words of
chrome: the `>= 45%` band. The generator also cuts small sites' copies to
60-200 words, far below that (docs/evaluation.md).
"""

import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "compare"), str(HERE / "real")]
from common import shingles  # noqa: E402  (benches/real: the labels' tokenisation)
from score import load_by_id, load_pred, load_truth  # noqa: E402  (benches/compare)

BANDS = [(0.45, ">= 45%"), (0.2, "20-45%"), (0.0, "< 20%")]


def main(corpus: str, truth_path: str, pred_path: str, case: str = "small_site_chrome") -> int:
    texts = load_by_id(corpus, "text")
    truth = load_truth(truth_path)
    pred = load_pred(pred_path)
    counts = collections.OrderedDict((name, [0, 0]) for _, name in BANDS)
    for doc, (origin, kind) in truth.items():
        if kind != case or origin == doc or origin not in texts:
            continue
        of_origin = shingles(texts[origin])
        share = len(of_origin & shingles(texts[doc])) / len(of_origin)
        name = next(n for lo, n in BANDS if share >= lo)
        counts[name][0] += 1
        counts[name][1] += pred.get(doc, ("missing", doc)) == pred.get(origin, ("missing", origin))
    print(f"{case}: copies by the share of their story they carry")
    for name, (n, found) in counts.items():
        print(f"  {name:>7}  {found:4d} of {n:4d} with their origin" + (f"  ({found / n:.3f})" if n else ""))
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
