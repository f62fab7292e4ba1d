#!/usr/bin/env python3
"""Cluster a JSON Lines corpus with a peer MinHash library, as a user would.

    peers.py datasketch CORPUS OUT_PREFIX [--threshold 0.5] [--num-perm 128]
    peers.py rensa      CORPUS OUT_PREFIX [--threshold 0.5] [--num-perm 128]
    peers.py gaoya      CORPUS OUT_PREFIX [--threshold 0.5] [--num-perm 128]

gaoya's Python package shingles in Rust (its `word` analyzer, lowercased,
word 5-grams) and signs, inserts and queries on all cores
(`par_bulk_insert_docs`, `par_bulk_query`): it gets the texts, not our
shingles, which is how its users call it and its fastest form.

Both peers use the same shingles as `neardup cluster`: the text lowercased,
split into words on runs of non-alphanumeric characters, word 5-grams (a text
of 5 words or fewer is one shingle of all its words). Both sign with 128
permutations, index with their own LSH for Jaccard threshold 0.5, query every
document and join the query results with union-find.

Two clusterings come out of one run:

* OUT_PREFIX.lsh.jsonl: every LSH candidate is a match (what the libraries'
  query functions return; the plain "query each doc, union the results").
* OUT_PREFIX.verified.jsonl: a candidate pair is a match only when the
  estimated Jaccard of the two signatures is >= the threshold (the check
  rensa's own deduplicator makes, and the usual follow-up to datasketch's LSH
  query, whose results may contain false positives).

Progress marks go to stdout as "@mark NAME" lines; measure.py timestamps them,
so the time to the "lsh" mark is the end to end time of the first clustering
and the time to "verified" that of the second (reading and parsing the JSONL
counts in both). Each output line is {"id": ..., "cluster_id": ...}.
"""

import argparse
import json
import re
import sys

WORD = re.compile(r"[^\W_]+")  # runs of Unicode letters and digits
SHINGLE = 5


def mark(name):
    sys.stdout.write("@mark " + name + "\n")
    sys.stdout.flush()


def shingles(text):
    """Lowercased word 5-grams of `text`, joined by one space, in text order
    (repeats kept: a MinHash of a list is that of its set)."""
    w = WORD.findall(text.lower())
    if len(w) <= SHINGLE:
        return [" ".join(w)] if w else []
    return list(map(" ".join, zip(w, w[1:], w[2:], w[3:], w[4:])))


def read_corpus(path):
    """Yields (id, text) for every line of a JSON Lines file."""
    with open(path, "rb") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            yield rec["id"], rec["text"]


class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        p = self.parent
        root = x
        while p[root] != root:
            root = p[root]
        while p[x] != root:
            p[x], x = root, p[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb

    def labels(self):
        return [self.find(i) for i in range(len(self.parent))]


def write_clusters(path, ids, labels):
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, label in zip(ids, labels):
            f.write(json.dumps({"id": doc_id, "cluster_id": label}) + "\n")


def cluster(ids, candidates, similar, threshold, out_prefix):
    """candidates[i]: keys returned by the LSH query of document i (or None
    when it was not indexed). similar(i, j): estimated Jaccard."""
    n = len(ids)
    raw = UnionFind(n)
    for i, cand in enumerate(candidates):
        if cand:
            for j in cand:
                raw.union(i, j)
    write_clusters(out_prefix + ".lsh.jsonl", ids, raw.labels())
    mark("lsh")

    ver = UnionFind(n)
    for i, cand in enumerate(candidates):
        if cand:
            for j in cand:
                if j > i and similar(i, j) >= threshold:
                    ver.union(i, j)
    write_clusters(out_prefix + ".verified.jsonl", ids, ver.labels())
    mark("verified")


def run_datasketch(corpus, out_prefix, threshold, num_perm):
    from datasketch import MinHash, MinHashLSH

    ids = []

    def token_sets():
        for doc_id, text in read_corpus(corpus):
            ids.append(doc_id)
            # Distinct shingles as bytes (datasketch hashes bytes; the set saves
            # hashing repeats).
            yield [s.encode("utf-8") for s in set(shingles(text))]

    # MinHash.bulk / MinHash.generator: the documented batch constructor
    # (permutations built once, update_batch per document).
    sketches = list(MinHash.generator(token_sets(), num_perm=num_perm))
    mark("signed")

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    indexed = [not m.is_empty() for m in sketches]
    with lsh.insertion_session() as session:
        for i, m in enumerate(sketches):
            if indexed[i]:
                session.insert(i, m)
    mark("indexed")

    candidates = [lsh.query(m) if indexed[i] else None for i, m in enumerate(sketches)]
    mark("queried")
    sys.stderr.write("datasketch: %d docs, LSH %d bands x %d rows\n" % (len(ids), lsh.b, lsh.r))
    cluster(ids, candidates, lambda i, j: sketches[i].jaccard(sketches[j]), threshold, out_prefix)


def run_rensa(corpus, out_prefix, threshold, num_perm, num_bands, seed=42, batch=4096):
    from rensa import RMinHash, RMinHashLSH

    ids = []
    sketches = []
    indexed = []
    docs = []

    def flush():
        # RMinHash.from_token_sets: the batch constructor (one call per batch
        # of documents, sketches built in Rust). Batches bound the memory held
        # by shingle strings.
        sketches.extend(RMinHash.from_token_sets(docs, num_perm=num_perm, seed=seed))
        docs.clear()

    for doc_id, text in read_corpus(corpus):
        ids.append(doc_id)
        sh = shingles(text)
        indexed.append(bool(sh))
        docs.append(sh)
        if len(docs) == batch:
            flush()
    if docs:
        flush()
    mark("signed")

    lsh = RMinHashLSH(threshold=threshold, num_perm=num_perm, num_bands=num_bands)
    keys = [i for i in range(len(ids)) if indexed[i]]
    if len(keys) == len(ids):
        lsh.insert_many(sketches, start_key=0)
    else:
        lsh.insert_pairs([(i, sketches[i]) for i in keys])
    mark("indexed")

    if len(keys) == len(ids):
        candidates = lsh.query_all(sketches)
    else:
        found = lsh.query_all([sketches[i] for i in keys])
        candidates = [None] * len(ids)
        for i, c in zip(keys, found):
            candidates[i] = c
    mark("queried")
    sys.stderr.write(
        "rensa: %d docs, LSH %d bands x %d rows\n" % (len(ids), num_bands, num_perm // num_bands)
    )
    cluster(ids, candidates, lambda i, j: sketches[i].jaccard(sketches[j]), threshold, out_prefix)


def run_gaoya(corpus, out_prefix, threshold, num_perm, num_bands=32):
    from gaoya.minhash import MinHashStringIndex

    ids, texts = [], []
    for doc_id, text in read_corpus(corpus):
        ids.append(doc_id)
        texts.append(text)
    mark("signed")  # read and parsed; gaoya signs as it inserts
    index = MinHashStringIndex(
        hash_size=32,
        jaccard_threshold=threshold,
        num_bands=num_bands,
        band_size=num_perm // num_bands,
        analyzer="word",
        lowercase=True,
        ngram_range=(SHINGLE, SHINGLE),
        id_container="vec",
    )
    index.par_bulk_insert_docs(list(range(len(ids))), texts)
    mark("indexed")
    # With the similarity: its query keeps the candidates whose signatures
    # estimate at least the threshold, so both clusterings are its own.
    found = index.par_bulk_query(texts, return_similarity=True)
    mark("queried")
    candidates = [[j for j, _ in f] for f in found]
    sims = {}
    for i, f in enumerate(found):
        for j, s in f:
            sims[(min(i, j), max(i, j))] = s
    sys.stderr.write(
        "gaoya: %d docs, LSH %d bands x %d rows\n" % (len(ids), num_bands, num_perm // num_bands)
    )
    cluster(ids, candidates, lambda i, j: sims.get((min(i, j), max(i, j)), 0.0), threshold, out_prefix)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tool", choices=["datasketch", "rensa", "gaoya"])
    ap.add_argument("corpus")
    ap.add_argument("out_prefix")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument(
        "--rensa-bands",
        type=int,
        default=32,
        help="RMinHashLSH bands (must divide num-perm; 32 x 4 is the split of 128 "
        "closest to a 0.5 threshold)",
    )
    a = ap.parse_args()
    mark("start")
    if a.tool == "datasketch":
        run_datasketch(a.corpus, a.out_prefix, a.threshold, a.num_perm)
    elif a.tool == "gaoya":
        run_gaoya(a.corpus, a.out_prefix, a.threshold, a.num_perm)
    else:
        run_rensa(a.corpus, a.out_prefix, a.threshold, a.num_perm, a.rensa_bands)


if __name__ == "__main__":
    main()
