#!/usr/bin/env python3
"""Issue 10's trust check on any corpus: the documents a run would drop
whose exact word 5-gram containment with the copy kept for them is below
0.2 both ways, on the whole texts (the real sets get it from
benches/real/eval.py).

  python3 benches/dropped_low.py CORPUS.jsonl PREDICTIONS.jsonl [TRUTH.tsv]

Prints the count by relation and every such pair with (J, member in kept,
kept in member); with a truth file, each pair's case and whether the two
share a true cluster.
"""
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "real"))
from common import label_text, scores, shingles  # noqa: E402


def main():
    corpus, pred = sys.argv[1], sys.argv[2]
    truth = {}
    if len(sys.argv) > 3:
        for line in open(sys.argv[3]):
            f = line.rstrip("\n").split("\t")
            truth[f[0]] = (f[1], f[2] if len(f) > 2 else "")
    rows = [json.loads(line) for line in open(pred)]
    dropped = [r for r in rows if not r["is_origin"] and r.get("origin_id")]
    need = {i for r in dropped for i in (r["id"], r["origin_id"])}
    texts = {}
    for line in open(corpus):
        d = json.loads(line)
        if d["id"] in need:
            texts[d["id"]] = label_text(d)
    low, by_relation = [], Counter()
    for r in dropped:
        s = scores(shingles(texts[r["id"]]), shingles(texts[r["origin_id"]]))
        if s[1] < 0.2 and s[2] < 0.2:
            low.append((r, s))
            by_relation[r["relation"]] += 1
    print(f"{len(dropped)} dropped; {len(low)} below 0.2 both ways {dict(by_relation)}")
    for r, s in low:
        extra = ""
        if truth:
            t, o = truth.get(r["id"]), truth.get(r["origin_id"])
            extra = f"\t{t[1] if t else '?'}\t{'same' if t and o and t[0] == o[0] else 'DIFFERENT'}"
        print(f"{r['id']}\t{r['origin_id']}\t{r['relation']}\t" + "\t".join(f"{x:.3f}" for x in s) + extra)


if __name__ == "__main__":
    main()
