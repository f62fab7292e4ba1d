#!/usr/bin/env python3
"""Labels for a real-text set: exact word 5-gram scores for every pair, star
grouping by the set's rule (README.md), then the hand decisions in
benches/real/<set>.decisions.tsv on top; writes benches/real/<set>.truth.tsv
and DATA/<set>.review.tsv (the borderline pairs, for checking by hand).

  python3 benches/real/label.py [--data DIR] SET ...
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import (all_pairs, apply_decisions, is_dup, log, read_decisions,  # noqa: E402
                    read_jsonl, star_labels, write_truth)

# Per-set rule: a pair is the same document if Jaccard >= jaccard ("copy"
# from 0.9), or (where containment is set) the shorter one's shingles are
# >= containment inside the longer, the shorter has >= min_shingles
# shingles and is >= min_ratio of the longer's size ("excerpt").
RULES = {
    "copyright": {"jaccard": 0.5, "containment": 0.9, "min_shingles": 100, "min_ratio": 0.5},
    "changelogs": {"jaccard": 0.5, "containment": 0.9, "min_shingles": 100, "min_ratio": 0.5},
    "manpages": {"jaccard": 0.5, "containment": 0.8, "min_shingles": 100, "min_ratio": 0.3},
    # licenses: a license inside a longer different license is not a copy
    "licenses": {"jaccard": 0.5},
    # versions: an older changelog inside a newer one is an excerpt
    # (newer changelogs reformat old entries: 70-80% of an older one's
    # 5-grams survive; every such pair was checked by hand)
    "versions": {"jaccard": 0.5, "containment": 0.7, "min_shingles": 50, "min_ratio": 0.0},
    # rustdocs: one page in two toolchains' docs is the same document when
    # the text says so; a short page inside a longer one is not a copy
    "rustdocs": {"jaccard": 0.5, "containment": 0.9, "min_shingles": 100, "min_ratio": 0.5},
    # webpages: one page saved twice is one document; pages of different
    # articles that share a site's chrome are two
    "webpages": {"jaccard": 0.5, "containment": 0.9, "min_shingles": 100, "min_ratio": 0.5},
    # webwire: labelled by construction (syndicate.py); the rule is only
    # eval.py's check of dropped pairs
    "webwire": {"jaccard": 0.5, "containment": 0.9, "min_shingles": 100, "min_ratio": 0.5},
}
# pairs printed for review: not clearly in or out
BORDER = {"jaccard": (0.4, 0.6), "containment": (0.7, 0.95)}


def group_key(set_name, doc_id):
    """Documents that the set's construction says belong together (for the
    review list: pairs across groups that the rule joins, pairs inside a
    group that it splits)."""
    if set_name == "versions":
        pkg, _, rest = doc_id.rpartition("@")
        return pkg + ":" + rest.split(":")[1]
    if set_name == "rustdocs":
        return doc_id.split("/", 1)[1]  # the page, in any toolchain
    return None


def name_cases(set_name, docs, pairs, labels):
    """Set-specific case names (the clusters do not change)."""
    if set_name == "manpages":
        idx = {d["id"]: i for i, d in enumerate(docs)}
        for d in labels:
            if d.startswith("man"):
                continue
            # de/man1/x.1: a translation.  Its case says how much of the
            # English page it kept (Jaccard >= 0.3: the body was left
            # largely untranslated); its cluster is the text rule's, like
            # every other page: with the English page only at J >= 0.5.
            c, cs = labels[d]
            en = d.split("/", 1)[1]
            i, j = idx[d], idx.get(en)
            jac = 0.0
            if j is not None:
                jac = pairs.get((min(i, j), max(i, j)), (0.0,))[0]
            if jac >= 0.3:
                labels[d] = (c, "partial-translation")
            elif cs == "distinct":
                labels[d] = (c, "translation")
    if set_name == "versions":
        best = {}
        for (i, j), sc in pairs.items():
            di, dj = docs[i]["id"], docs[j]["id"]
            if group_key(set_name, di) == group_key(set_name, dj):
                for x, y in ((di, dj), (dj, di)):
                    if labels[x][0] != labels[y][0]:
                        best[x] = max(best.get(x, 0), sc[0])
        for d, (c, cs) in list(labels.items()):
            if cs in ("distinct", "original") and d in best:
                others = [e for e in labels if e != d and group_key(set_name, e) == group_key(set_name, d)]
                if others and best[d] >= 0.3:
                    labels[d] = (c, cs if cs == "original" else "drifted")
            if cs == "distinct" and d not in best:
                others = [e for e in labels if e != d and group_key(set_name, e) == group_key(set_name, d)]
                if others:
                    labels[d] = (c, "rewrite")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/realdata")
    ap.add_argument("sets", nargs="+")
    a = ap.parse_args()
    for s in a.sets:
        docs = read_jsonl(os.path.join(a.data, f"{s}.jsonl"))
        rule = RULES[s]
        pairs, sh = all_pairs(docs)
        labels = star_labels(docs, pairs, sh, rule)
        name_cases(s, docs, pairs, labels)
        auto = dict(labels)
        dec = read_decisions(os.path.join(HERE, f"{s}.decisions.tsv"))
        missing = apply_decisions(labels, dec)
        if missing:
            log(f"{s}: {len(missing)} decided documents are not in this build (dropped): {missing[:5]}")
        write_truth(os.path.join(HERE, f"{s}.truth.tsv"), labels)
        # review list
        rows = []
        for (i, j), sc in pairs.items():
            J, cij, cji = sc
            ni, nj = len(sh[i]), len(sh[j])
            c = max(cij, cji)
            border = BORDER["jaccard"][0] <= J < BORDER["jaccard"][1] or (
                BORDER["containment"][0] <= c < BORDER["containment"][1] and J < rule["jaccard"])
            gi, gj = group_key(s, docs[i]["id"]), group_key(s, docs[j]["id"])
            if gi is not None and (gi == gj) != bool(is_dup(sc, ni, nj, rule)):
                border = True
            if border:
                di, dj = docs[i]["id"], docs[j]["id"]
                same = labels[di][0] == labels[dj][0]
                rows.append((J, di, dj, cij, cji, ni, nj, is_dup(sc, ni, nj, rule) or "-", "same" if same else "apart"))
        rows.sort(reverse=True)
        with open(os.path.join(a.data, f"{s}.review.tsv"), "w") as f:
            f.write("jaccard\ta\tb\tc_a_in_b\tc_b_in_a\tshingles_a\tshingles_b\trule\tlabel\n")
            for r in rows:
                f.write("%.3f\t%s\t%s\t%.3f\t%.3f\t%d\t%d\t%s\t%s\n" % r)
        n_cl = len(set(v[0] for v in labels.values()))
        multi = {}
        for d, (c, _) in labels.items():
            multi[c] = multi.get(c, 0) + 1
        changed = sum(1 for d in labels if labels[d] != auto[d])
        log(f"{s}: {len(docs)} docs, {n_cl} clusters, {sum(1 for v in multi.values() if v > 1)} with >1 member, "
            f"largest {max(multi.values())}; {len(rows)} borderline pairs; {len(dec)} decisions, {changed} labels changed by them")


if __name__ == "__main__":
    main()
