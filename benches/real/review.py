#!/usr/bin/env python3
"""Print pairs for checking labels by hand.

  python3 benches/real/review.py SET weak [N]       # weakest accepted (member, representative) edges
  python3 benches/real/review.py SET near-miss [N]  # strongest pairs the rule left apart
  python3 benches/real/review.py SET pair A B       # both texts' heads and the words only one has
"""
import difflib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import read_jsonl, read_truth, scores, shingles, words  # noqa: E402

DATA = os.environ.get("DATA", "/work/realdata")


def show(a, b, ta, tb, lines=12):
    sa, sb = shingles(ta), shingles(tb)
    j, cab, cba = scores(sa, sb)
    print(f"== {a} ({len(words(ta))} words) vs {b} ({len(words(tb))} words): J {j:.3f}, {a} in {b} {cab:.3f}, {b} in {a} {cba:.3f}")
    la = [l for l in ta.splitlines() if l.strip()][:lines]
    lb = [l for l in tb.splitlines() if l.strip()][:lines]
    for l in difflib.unified_diff(la, lb, a, b, n=0, lineterm=""):
        print("   " + l[:110])
    wa, wb = set(words(ta)), set(words(tb))
    print("   only A:", " ".join(sorted(wa - wb)[:25]))
    print("   only B:", " ".join(sorted(wb - wa)[:25]))


def main():
    s, mode = sys.argv[1], sys.argv[2]
    docs = {d["id"]: d["text"] for d in read_jsonl(os.path.join(DATA, f"{s}.jsonl"))}
    truth = read_truth(os.path.join(HERE, f"{s}.truth.tsv"))
    if mode == "pair":
        show(sys.argv[3], sys.argv[4], docs[sys.argv[3]], docs[sys.argv[4]])
        return
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    cache = {}

    def sh(i):
        if i not in cache:
            cache[i] = shingles(docs[i])
        return cache[i]

    if mode == "weak":
        edges = []
        for d, (c, cs) in truth.items():
            if c != d and d in docs and c in docs:
                edges.append((scores(sh(d), sh(c))[0], d, c, cs))
        edges.sort()
        for j, d, c, cs in edges[:n]:
            print(f"[{cs}]", end=" ")
            show(d, c, docs[d], docs[c])
    elif mode == "near-miss":
        import csv
        rows = list(csv.DictReader(open(os.path.join(DATA, f"{s}.review.tsv")), delimiter="\t"))
        rows = [r for r in rows if r["label"] == "apart"]
        rows.sort(key=lambda r: -max(float(r["jaccard"]) * 1.6, float(r["c_a_in_b"]), float(r["c_b_in_a"])))
        for r in rows[:n]:
            show(r["a"], r["b"], docs[r["a"]], docs[r["b"]])


if __name__ == "__main__":
    main()
