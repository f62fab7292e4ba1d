"""Shared helpers for the real-text sets: tokenisation, exact word 5-gram
shingles, pair scores, star labelling, decisions.  Stdlib only.

Tokenisation (used for labels and for the trust metric in eval.py):
lowercase the text, split on every character that is not a Unicode letter
or digit (the underscore splits too), take every run of 5 consecutive
words as a shingle.  A text with fewer than 5 words has one shingle, all
of its words.  Jaccard = |A & B| / |A | B|; containment of A in B =
|A & B| / |A|.
"""
import csv
import json
import os
import re
import sys

TOKEN = re.compile(r"[^\W_]+")
K = 5


def words(text):
    return TOKEN.findall(text.lower())


def shingles(text, k=K):
    w = words(text)
    if len(w) < k:
        return {hash(tuple(w))} if w else set()
    return {hash(tuple(w[i:i + k])) for i in range(len(w) - k + 1)}


def scores(a, b):
    """(jaccard, containment of a in b, containment of b in a)."""
    if not a or not b:
        return 0.0, 0.0, 0.0
    i = len(a & b)
    return i / (len(a) + len(b) - i), i / len(a), i / len(b)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, docs):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")


def label_text(doc):
    """The text a document is labelled and scored on: its `main` field
    when the set gives one (a web page's main element, without the
    navigation that every page of the site repeats), else its text."""
    return doc.get("main") or doc["text"]


def all_pairs(docs, floor=0.05):
    """Every pair with Jaccard or either containment >= floor, exactly.
    Returns {(i, j): (J, Ci_in_j, Cj_in_i)} with i < j, and the shingle sets."""
    sh = [shingles(label_text(d)) for d in docs]
    # candidate pairs: share at least one shingle (inverted index over a
    # sample of each document's shingles is not exact, so use all of them
    # but skip shingles so common that they are pure boilerplate: pairs
    # that only share those are still found through their other shingles)
    post = {}
    for i, s in enumerate(sh):
        for x in s:
            post.setdefault(x, []).append(i)
    cand = set()
    for lst in post.values():
        if len(lst) > 1 and len(lst) <= 400:
            for a in range(len(lst)):
                la = lst[a]
                for b in lst[a + 1:]:
                    cand.add((la, b))
    # pairs that share only very common shingles: check them directly
    common = [lst for lst in post.values() if len(lst) > 400]
    if common:
        big = set()
        for lst in common:
            big.update(lst)
        big = sorted(big)
        for a in range(len(big)):
            for b in big[a + 1:]:
                cand.add((big[a], b))
    out = {}
    for i, j in cand:
        s = scores(sh[i], sh[j])
        if max(s) >= floor:
            out[(i, j)] = s
    return out, sh


def is_dup(s, ni, nj, rule):
    """Labelling rule for one pair (see README): returns a case or None.
    s = (J, Ci_in_j, Cj_in_i); ni, nj = shingle counts."""
    j, cij, cji = s
    if j >= rule.get("copy", 0.9):
        return "copy"
    if j >= rule["jaccard"]:
        return "near"
    cmin = rule.get("containment")
    if cmin is not None:
        # the shorter one inside the longer, long enough to be a document
        if ni <= nj and cij >= cmin and ni >= rule["min_shingles"] and ni >= rule.get("min_ratio", 0) * nj:
            return "excerpt"
        if nj < ni and cji >= cmin and nj >= rule["min_shingles"] and nj >= rule.get("min_ratio", 0) * ni:
            return "excerpt"
    return None


def star_labels(docs, pairs, sh, rule):
    """Greedy stars: the unassigned document with the most unassigned
    duplicates (ties: the longer, then the smaller id) becomes a cluster's
    representative; its unassigned direct duplicates join it.  No
    transitive closure: every member has the rule's evidence against its
    representative."""
    n = len(docs)
    adj = [dict() for _ in range(n)]
    for (i, j), s in pairs.items():
        c = is_dup(s, len(sh[i]), len(sh[j]), rule)
        if c == "excerpt":
            # an excerpt attaches to its container only: a short text
            # contained in several long ones never becomes their centre
            if len(sh[i]) >= len(sh[j]):
                adj[i][j] = c
            else:
                adj[j][i] = c
        elif c:
            adj[i][j] = c
            adj[j][i] = c
    assigned = [None] * n
    case = ["distinct"] * n
    while True:
        best = None
        for i in range(n):
            if assigned[i] is not None:
                continue
            # most partners first; on a tie the one with more symmetric
            # (Jaccard) partners, since an excerpt edge is one-way evidence
            deg = sum(1 for k in adj[i] if assigned[k] is None)
            near = sum(1 for k, c in adj[i].items() if assigned[k] is None and c != "excerpt")
            key = (deg, near, len(sh[i]), [-ord(c) for c in docs[i]["id"]])
            if best is None or key > best[0]:
                best = (key, i)
        if best is None:
            break
        r = best[1]
        assigned[r] = docs[r]["id"]
        members = [k for k in adj[r] if assigned[k] is None]
        case[r] = "original" if members else "distinct"
        for k in members:
            assigned[k] = docs[r]["id"]
            case[k] = adj[r][k]
    return {docs[i]["id"]: (assigned[i], case[i]) for i in range(n)}


def read_decisions(path):
    """decisions.tsv: id, cluster, case, reason (header line).  cluster
    '=' means: the document's own id (alone); cluster and case '*' mean:
    checked, the rule's label stands."""
    dec = []
    if not os.path.exists(path):
        return dec
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "id":
                continue
            dec.append(row)
    return dec


def apply_decisions(labels, decisions):
    missing = []
    for row in decisions:
        doc, cl, cs = row[0], row[1], row[2]
        if doc not in labels:
            missing.append(doc)
            continue
        cur = labels[doc]
        cl = cur[0] if cl == "*" else (doc if cl == "=" else cl)
        labels[doc] = (cl, cur[1] if cs == "*" else cs)
    return missing


def write_truth(path, labels):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id\tcluster\tcase\n")
        for doc in sorted(labels):
            cl, cs = labels[doc]
            f.write(f"{doc}\t{cl}\t{cs}\n")


def read_truth(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            out[p[0]] = (p[1], p[2] if len(p) > 2 else "")
    return out


def log(*a):
    print(*a, file=sys.stderr)
