#!/usr/bin/env python3
"""Turn the measurements and predictions of one run.sh run into markdown.

    report.py --data DIR --runs DIR --out RESULTS.md [--root REPO]

DIR holds corpus.jsonl and truth.tsv; the runs folder holds the measure.py
results (NAME.json) and the predictions written by each tool. The markdown
goes to stdout and to --out. Standard library only (score.py does the scoring).
"""

import argparse
import datetime
import json
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402

THREADS = os.cpu_count() or 1

# (label, measure result, mark that ends the timed work or None for the whole
#  process, prediction file)
ROWS = [
    ("neardup cluster (%d threads)" % THREADS, "neardup", None, "neardup.jsonl"),
    ("neardup cluster -j 1", "neardup-j1", None, "neardup-j1.jsonl"),
    ("datasketch: LSH candidates", "datasketch", "lsh", "datasketch.lsh.jsonl"),
    ("datasketch: LSH + verify J>=0.5", "datasketch", "verified", "datasketch.verified.jsonl"),
    ("rensa: LSH candidates", "rensa", "lsh", "rensa.lsh.jsonl"),
    ("rensa: LSH + verify J>=0.5", "rensa", "verified", "rensa.verified.jsonl"),
    ("gaoya: LSH query (J>=0.5 on signatures)", "gaoya", "lsh", "gaoya.lsh.jsonl"),
]
PHASES = [
    ("start", "interpreter start"),
    ("signed", "read + shingle + sign"),
    ("indexed", "LSH insert"),
    ("queried", "LSH query"),
    ("lsh", "union-find + write"),
    ("verified", "verify + union-find + write"),
]


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def load_meta(path):
    """key=value lines written by run.sh when the run started."""
    meta = {}
    try:
        with open(path) as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    meta[k] = v
    except OSError:
        pass
    return meta


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--runs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--root", default=None)
    ap.add_argument("--mb", default=None, help="the size asked of the generator")
    a = ap.parse_args()

    corpus = os.path.join(a.data, "corpus.jsonl")
    size = os.path.getsize(corpus)
    mb = size / 1e6
    truth = score.load_truth(os.path.join(a.data, "truth.tsv"))

    meta = load_meta(os.path.join(a.runs, "meta.txt"))
    rows = []
    for label, mname, mark, pred in ROWS:
        m = load_json(os.path.join(a.runs, mname + ".json"))
        row = {"label": label, "m": m, "wall": None, "status": None, "score": None}
        if m is None:
            row["status"] = "not run"
        elif m.get("timed_out"):
            row["status"] = "timed out after %.0f s" % m["wall_s"]
        elif m.get("exit_code") != 0:
            row["status"] = "failed (exit %s)" % m.get("exit_code")
        else:
            row["wall"] = m["wall_s"] if mark is None else m["marks"].get(mark)
            ppath = os.path.join(a.runs, pred)
            if row["wall"] is None or not os.path.exists(ppath):
                row["status"] = "no output"
            else:
                row["score"] = score.score(truth, score.load_pred(ppath))
        rows.append(row)
    base = rows[0]["wall"]
    base1 = rows[1]["wall"]

    L = []
    L.append(
        "# neardup vs datasketch vs rensa vs gaoya on a generated crawl (%s%.1f MB)"
        % (("`--mb %s`: " % a.mb) if a.mb else "", mb)
    )
    L.append("")
    s0 = next((r["score"] for r in rows if r["score"]), None)
    L.append(
        "Corpus: `%s` (%d bytes, %d documents, %s truth clusters of 2+ documents), "
        "`neardup generate --seed 7`. Run %s."
        % (
            os.path.relpath(corpus, a.root) if a.root else corpus,
            size,
            len(truth),
            s0["truth_clusters_multi"] if s0 else "?",
            meta.get("started") or datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        )
    )
    L.append("")
    L.append(
        "Wall time is end to end (process start, reading and parsing the JSONL, shingling, "
        "signing, LSH, clustering, writing one line per document). For the peers the time is "
        "taken at the moment the named clustering was written (both come from one process, "
        "so the \"+ verify\" row includes the first); peak RSS and CPU time are those of the "
        "whole process. MB/s = corpus bytes / 10^6 / wall s. Precision, recall and F1 are "
        "pairwise over all documents (score.py). datasketch and rensa run on one core, so "
        "their ratio to `neardup -j 1` compares one core with one core; gaoya uses every "
        "core, as neardup does by default."
    )
    L.append("")
    L.append(
        "| tool | wall s | peak RSS MB | MB/s | precision | recall | F1 | x slower than neardup "
        "| x slower than neardup -j 1 | CPU s |"
    )
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        m, s = r["m"], r["score"]
        if r["status"]:
            rss = fmt(m["peak_rss_kb"] / 1024, ".0f") if m else "-"
            L.append("| %s | %s | %s | - | - | - | - | - | - | - |" % (r["label"], r["status"], rss))
            continue
        L.append(
            "| %s | %.2f | %.0f | %.1f | %.4f | %.4f | %.4f | %s | %s | %.2f |"
            % (
                r["label"],
                r["wall"],
                m["peak_rss_kb"] / 1024,
                mb / r["wall"],
                s["precision"],
                s["recall"],
                s["f1"],
                ("%.1f" % (r["wall"] / base)) if base else "-",
                ("%.1f" % (r["wall"] / base1)) if base1 else "-",
                m["user_s"] + m["sys_s"],
            )
        )
    L.append("")

    # Per-case recall.
    cols = [r for r in rows if r["score"] and "-j 1" not in r["label"]]
    L.append(
        "Per-case recall: share of the copies of each kind that share a predicted cluster with "
        "their origin. Last rows: documents that should stay alone but were put in a cluster "
        "of 2+ (false merges)."
    )
    L.append("")
    L.append("| case | docs | " + " | ".join(r["label"] for r in cols) + " |")
    L.append("|---|---:|" + "---:|" * len(cols))
    cases = cols[0]["score"]["cases"] if cols else {}
    for case in score.COPY_CASES:
        if case in cases:
            L.append(
                "| %s | %d | " % (case, cases[case]["docs"])
                + " | ".join("%.3f" % r["score"]["cases"][case]["recall"] for r in cols)
                + " |"
            )
    if cols:
        L.append(
            "| all copies | %d | " % cols[0]["score"]["copies"]["docs"]
            + " | ".join("%.3f" % r["score"]["copies"]["recall"] for r in cols)
            + " |"
        )
    for case in score.ALONE_CASES:
        if case in cases:
            L.append(
                "| %s merged | %d | " % (case, cases[case]["docs"])
                + " | ".join("%d" % r["score"]["cases"][case]["merged"] for r in cols)
                + " |"
            )
    L.append("")

    # neardup determinism across thread counts.
    p1, pj = os.path.join(a.runs, "neardup.jsonl"), os.path.join(a.runs, "neardup-j1.jsonl")
    if os.path.exists(p1) and os.path.exists(pj):
        with open(p1, "rb") as f1, open(pj, "rb") as f2:
            same = f1.read() == f2.read()
        L.append(
            "neardup output with %d threads and with `-j 1`: %s."
            % (THREADS, "byte-identical" if same else "DIFFERENT")
        )
        L.append("")

    # Peer phases.
    L.append("Peer phases (seconds, from the marks peers.py prints):")
    L.append("")
    L.append("| tool | " + " | ".join(p[1] for p in PHASES) + " | exit | total |")
    L.append("|---|" + "---:|" * (len(PHASES) + 2))
    for tool in ("datasketch", "rensa", "gaoya"):
        m = load_json(os.path.join(a.runs, tool + ".json"))
        if not m:
            continue
        marks, prev, cells = m.get("marks", {}), 0.0, []
        for key, _ in PHASES:
            t = marks.get(key)
            cells.append("-" if t is None else "%.2f" % (t - prev))
            prev = t if t is not None else prev
        cells.append("%.2f" % (m["wall_s"] - prev))
        cells.append("%.2f" % m["wall_s"])
        L.append("| %s | %s |" % (tool, " | ".join(cells)))
    L.append("")

    # Setup.
    L.append("Setup:")
    L.append("")
    L.append(
        "* neardup: %s, built from commit %s%s; defaults (threshold 0.5, containment 0.7, LSH "
        "tuned for 0.2, 128 bins, word 5-grams, boilerplate filter)"
        % (
            meta.get("neardup", "?"),
            meta.get("commit", "?"),
            " with uncommitted changes in the tree" if meta.get("dirty") == "yes" else "",
        )
    )
    L.append(
        "* datasketch: MinHash.generator (num_perm 128, default sha1_hash32, affine32), "
        "MinHashLSH(threshold=0.5, num_perm=128) -> its own optimum 25 bands x 5 rows, "
        "insertion_session, query per document"
    )
    L.append(
        "* rensa: RMinHash.from_token_sets in batches of 4096 documents (num_perm 128), "
        "RMinHashLSH(threshold=0.5, num_perm=128, num_bands=32) (4 rows; bands must divide "
        "128), insert_many, query_all"
    )
    L.append(
        "* gaoya: MinHashStringIndex(hash_size=32, jaccard_threshold=0.5, 32 bands x 4 rows, "
        "analyzer='word', lowercase=True, ngram_range=(5, 5), id_container='vec'), "
        "par_bulk_insert_docs, par_bulk_query(return_similarity=True): its query already keeps "
        "only candidates estimated at J>=0.5, so one row"
    )
    L.append("* datasketch's and rensa's shingles: text lowercased, words = runs of Unicode letters/digits, word 5-grams; gaoya's: its own `word` analyzer")
    freeze = os.path.join(a.runs, "pip-freeze.txt")
    if os.path.exists(freeze):
        with open(freeze) as f:
            L.append("* venv (Python %s): %s" % (platform.python_version(), ", ".join(x.strip() for x in f if x.strip())))
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    except OSError:
        pass
    L.append("* machine: %d cores%s, %s" % (THREADS, " (%s)" % cpu if cpu else "", platform.platform()))
    loads = []
    for name in ("neardup", "neardup-j1", "datasketch", "rensa", "gaoya"):
        m = load_json(os.path.join(a.runs, name + ".json"))
        if m and m.get("others_cpu_s") is not None:
            loads.append(
                "%s %.1f of %.1f (%.0f%%)"
                % (name, m["others_cpu_s"], m["wall_s"] * THREADS,
                   100 * m["others_cpu_s"] / max(1e-9, m["wall_s"] * THREADS))
            )
    if loads:
        L.append(
            "* other work on the machine while each tool ran, CPU seconds used by other "
            "processes of the %d cores' capacity during its run: %s (the machine is shared; "
            "a high share slows the tool down)" % (THREADS, "; ".join(loads))
        )
    L.append("")

    text = "\n".join(L)
    with open(a.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
