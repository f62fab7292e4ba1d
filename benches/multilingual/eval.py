#!/usr/bin/env python3
"""Precision and recall of `neardup cluster` on the multilingual set.

  python3 benches/multilingual/eval.py --bin target/release/neardup --data DIR [-- FLAGS]

Truth: the generated pairs (DIR/generated.tsv), the same-title section pairs
of DIR/versions.review.tsv labelled dup unless labels.tsv says otherwise,
and the dup pairs of labels.tsv; every other pair of documents is a
different-document pair. A pair is found when both documents are in one
cluster. Printed per kind of pair.
"""
import argparse, itertools, json, subprocess, sys, tempfile
from collections import defaultdict
from pathlib import Path

here = Path(__file__).parent
ap = argparse.ArgumentParser()
ap.add_argument("--bin", required=True)
ap.add_argument("--data", type=Path, required=True)
ap.add_argument("flags", nargs="*")
a = ap.parse_args()

labels = {}
for line in (here / "labels.tsv").read_text().splitlines():
    if line.startswith("#") or line.startswith("a\t") or not line.strip():
        continue
    x, y, lab, _ = line.split("\t")
    labels[frozenset((x, y))] = lab
truth = {}
for line in (a.data / "versions.review.tsv").read_text().splitlines()[1:]:
    x, y = line.split("\t")[:2]
    truth[frozenset((x, y))] = ("versions", labels.get(frozenset((x, y)), "dup"))
for pair, lab in labels.items():
    truth.setdefault(pair, ("versions", lab))
for line in (a.data / "generated.tsv").read_text().splitlines()[1:]:
    x, y, kind = line.split("\t")
    truth[frozenset((x, y))] = (f"generated {kind}", "dup")

with tempfile.TemporaryDirectory() as tmp:
    out = Path(tmp) / "out.jsonl"
    r = subprocess.run([a.bin, "cluster", str(a.data / "corpus.jsonl"), "-o", str(out), "-q", *a.flags],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(r.stderr)
    rows = [json.loads(l) for l in out.read_text().splitlines()]
ids = [json.loads(l)["id"] for l in (a.data / "corpus.jsonl").read_text().splitlines()]
clustered = {row["id"]: row["cluster_id"] for row in rows if row.get("cluster_size", 1) > 1}
skipped = len(ids) - len(rows)

count = defaultdict(lambda: [0, 0])  # kind -> [found, total]
fp, missed = [], []
for x, y in itertools.combinations(ids, 2):
    kind, lab = truth.get(frozenset((x, y)), ("different", "not"))
    if lab == "ambiguous":
        continue
    found = x in clustered and clustered.get(x) == clustered.get(y)
    count[kind][0] += found
    count[kind][1] += 1
    if found and lab == "not":
        fp.append((x, y))
    if not found and lab == "dup":
        missed.append((x, y, kind))
tp = sum(f for k, (f, n) in count.items() if k != "different")
pos = sum(n for k, (f, n) in count.items() if k != "different")
fpn = count["different"][0]
print(f"{len(ids)} documents ({skipped} skipped), {pos} duplicate pairs, {count['different'][1]} different pairs")
for k in sorted(count):
    f, n = count[k]
    print(f"  {k:20s} {f:5d} of {n:6d} clustered")
print(f"precision {tp / max(1, tp + fpn):.3f}  recall {tp / max(1, pos):.3f}")
for x, y in fp[:20]:
    print("  false:", x, y)
for x, y, k in missed[:20]:
    print("  missed:", x, y, k)
amb = [p for p, lab in labels.items() if lab == "ambiguous"]
for p in amb:
    x, y = sorted(p)
    print(f"  ambiguous {x} {y}: {'clustered' if x in clustered and clustered.get(x) == clustered.get(y) else 'apart'}")
