#!/usr/bin/env python3
"""Documents whose label leaves them apart from a document the rule calls
the same (the greedy star put that partner in another star whose centre the
document has no evidence against).  python3 orphans.py SET"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import all_pairs, is_dup, read_jsonl, read_truth  # noqa: E402
from label import RULES  # noqa: E402

s = sys.argv[1]
data = os.environ.get("DATA", "/work/realdata")
docs = read_jsonl(os.path.join(data, f"{s}.jsonl"))
t = read_truth(os.path.join(HERE, f"{s}.truth.tsv"))
pairs, sh = all_pairs(docs)
for (i, j), sc in sorted(pairs.items(), key=lambda x: -x[1][0]):
    a, b = docs[i]["id"], docs[j]["id"]
    c = is_dup(sc, len(sh[i]), len(sh[j]), RULES[s])
    if c and t[a][0] != t[b][0]:
        print(f"{sc[0]:.3f}\t{a}\t{t[a][0]}\t{t[a][1]}\t{b}\t{t[b][0]}\t{t[b][1]}\t{c}")
