#!/usr/bin/env python3
"""Score a clustering against the truth of `neardup generate`. Stdlib only.

    score.py TRUTH.tsv PRED.jsonl [PRED.jsonl ...] [--json]

TRUTH.tsv: header `id<TAB>cluster<TAB>case`; a truth cluster is named by its
origin's id. PRED.jsonl: one JSON object per line with `id` and `cluster_id`
(the `neardup cluster` docs format; peers.py writes the same two fields). A
document of the truth missing from the prediction counts as a singleton.

Reported:

* pairwise precision / recall / F1 over all documents: a pair of documents
  is predicted when both are in one predicted cluster and true when both are
  in one truth cluster; precision = true predicted pairs / predicted pairs,
  recall = true predicted pairs / true pairs.
* per-case recall: a copy (exact, syndicated, truncated, boilerplate, spunNN)
  is found when it shares a predicted cluster with its truth cluster's origin.
* hard_negative (and unique) documents merged into any predicted cluster of
  two or more documents: each of those is a false merge.
"""

import argparse
import collections
import json
import sys

COPY_CASES = ["exact", "syndicated", "truncated", "boilerplate", "spun15", "spun30", "spun45"]
ALONE_CASES = ["hard_negative", "unique"]


def load_truth(path):
    """{id: (cluster, case)} in file order."""
    truth = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:3] != ["id", "cluster", "case"]:
            raise SystemExit("%s: unexpected header %r" % (path, header))
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            doc_id, cluster, case = line.split("\t")[:3]
            truth[doc_id] = (cluster, case)
    return truth


def load_by_id(path, field):
    """{id: record[field]} of a JSON Lines file."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = rec[field]
    return out


def load_pred(path):
    """{id: cluster_id}."""
    return load_by_id(path, "cluster_id")


def pairs(n):
    return n * (n - 1) // 2


def score(truth, pred):
    # Predicted label per truth document; missing ones get a singleton label.
    label = {}
    missing = 0
    for doc_id in truth:
        if doc_id in pred:
            label[doc_id] = ("p", pred[doc_id])
        else:
            label[doc_id] = ("missing", doc_id)
            missing += 1
    extra = sum(1 for doc_id in pred if doc_id not in truth)

    pred_sizes = collections.Counter(label.values())
    truth_sizes = collections.Counter(c for c, _ in truth.values())
    joint = collections.Counter((label[d], truth[d][0]) for d in truth)
    tp = sum(pairs(n) for n in joint.values())
    pred_pairs = sum(pairs(n) for n in pred_sizes.values())
    true_pairs = sum(pairs(n) for n in truth_sizes.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    cases = {}
    for doc_id, (cluster, case) in truth.items():
        c = cases.setdefault(case, {"docs": 0, "found": 0, "merged": 0})
        c["docs"] += 1
        if case in COPY_CASES:
            origin = cluster
            if origin in label and label[doc_id] == label[origin]:
                c["found"] += 1
        if pred_sizes[label[doc_id]] >= 2:
            c["merged"] += 1
    for c in cases.values():
        c["recall"] = c["found"] / c["docs"] if c["docs"] else None
    copies = [cases[k] for k in COPY_CASES if k in cases]
    all_docs = sum(c["docs"] for c in copies)
    all_found = sum(c["found"] for c in copies)

    return {
        "docs": len(truth),
        "missing": missing,
        "extra": extra,
        "pred_clusters_multi": sum(1 for n in pred_sizes.values() if n >= 2),
        "truth_clusters_multi": sum(1 for n in truth_sizes.values() if n >= 2),
        "true_pairs": true_pairs,
        "pred_pairs": pred_pairs,
        "tp_pairs": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "cases": cases,
        "copies": {"docs": all_docs, "found": all_found, "recall": all_found / all_docs if all_docs else None},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("truth")
    ap.add_argument("pred", nargs="+")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    a = ap.parse_args()
    truth = load_truth(a.truth)
    out = {}
    for p in a.pred:
        out[p] = score(truth, load_pred(p))
    if a.json:
        json.dump(out, sys.stdout, indent=1)
        print()
        return
    for p, s in out.items():
        print("%s: P %.4f  R %.4f  F1 %.4f  (%d docs, %d missing, %d predicted clusters of 2+, %d true)"
              % (p, s["precision"], s["recall"], s["f1"], s["docs"], s["missing"],
                 s["pred_clusters_multi"], s["truth_clusters_multi"]))
        for case in COPY_CASES:
            if case in s["cases"]:
                c = s["cases"][case]
                print("  %-14s recall %.3f (%d/%d)" % (case, c["recall"], c["found"], c["docs"]))
        for case in ALONE_CASES:
            if case in s["cases"]:
                c = s["cases"][case]
                print("  %-14s merged %d/%d" % (case, c["merged"], c["docs"]))


if __name__ == "__main__":
    main()
