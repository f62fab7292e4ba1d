#!/usr/bin/env python3
"""Score a neardup binary on the real-text sets.

  python3 benches/real/eval.py [--bin target/release/neardup] [--data /work/realdata]
                               [--sets copyright,manpages,licenses,versions]
                               [--explain-max 200] [--out DIR]   (default DATA/eval/neardup-<sha256 of the binary>)

For each set (DATA/<set>.jsonl, labels benches/real/<set>.truth.tsv) and
each setting (defaults, --no-spin, --profile whole-text): pairwise precision/recall/F1/ARI
(`neardup eval`), spun labels (every one is false: these sets have no
spinning), the trust metric (dropped documents whose exact word 5-gram
containment with their origin is < 0.2 both ways), the share of dropped
pairs that the set's labelling rule accepts, the largest cluster, the
agreement of `neardup explain` with `cluster` on dropped pairs, and whether
.jsonl / .jsonl.gz / .jsonl.zst give byte-identical output.  Writes
OUT/results.md (markdown tables), OUT/results.json, OUT/<set>.<setting>.jsonl
(the predictions) and OUT/<set>.<setting>.merges.txt (the worst false merges).
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import is_dup, label_text, log, read_jsonl, read_truth, scores, shingles  # noqa: E402
from label import RULES  # noqa: E402

SETTINGS = [("defaults", []), ("no-spin", ["--no-spin"]), ("whole-text", ["--profile", "whole-text"])]
# EVAL_SETTINGS="name=--flag value;name2=" replaces them (for experiments)
if os.environ.get("EVAL_SETTINGS"):
    SETTINGS = [(n, f.split()) for n, _, f in (s.partition("=") for s in os.environ["EVAL_SETTINGS"].split(";"))]


def run(cmd, **kw):
    t = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return r.stdout, time.time() - t


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def prepare(set_name, data, out):
    """Corpus and truth restricted to the documents both have (a machine
    without some of the files drops them from the labels)."""
    docs = read_jsonl(os.path.join(data, f"{set_name}.jsonl"))
    truth = read_truth(os.path.join(HERE, f"{set_name}.truth.tsv"))
    ids = {d["id"] for d in docs}
    keep = [d for d in docs if d["id"] in truth]
    dropped_truth = sorted(set(truth) - ids)
    unlabelled = sorted(ids - set(truth))
    corpus = os.path.join(data, f"{set_name}.jsonl")
    if unlabelled:
        corpus = os.path.join(out, f"{set_name}.labelled.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            for d in keep:
                f.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
    tpath = os.path.join(out, f"{set_name}.truth.tsv")
    with open(tpath, "w") as f:
        f.write("id\tcluster\tcase\n")
        for d in keep:
            c, cs = truth[d["id"]]
            f.write(f"{d['id']}\t{c}\t{cs}\n")
    return corpus, tpath, {d["id"]: label_text(d) for d in keep}, dropped_truth, unlabelled


def score_set(bin_, set_name, setting, flags, corpus, tpath, texts, out, explain_max):
    pred = os.path.join(out, f"{set_name}.{setting}.jsonl")
    _, secs = run([bin_, "cluster", corpus, "-q", "-o", pred] + flags)
    ev, _ = run([bin_, "eval", "--truth", tpath, pred, "--json", "--worst", "10"])
    ev = json.loads(ev)
    rows = [json.loads(l) for l in open(pred)]
    truth = read_truth(tpath)
    sizes = {}
    for r in rows:
        sizes[r["cluster_id"]] = r["cluster_size"]
    rel_count = {}
    for r in rows:
        rel_count[r["relation"]] = rel_count.get(r["relation"], 0) + 1
    spun = [r for r in rows if r["relation"] == "spun"]
    dropped = [r for r in rows if not r["is_origin"] and r["cluster_size"] > 1 and r.get("origin_id")]
    rule = RULES[set_name]
    cache = {}

    def sh(i):
        if i not in cache:
            cache[i] = shingles(texts[i])
        return cache[i]

    low, valid, wrong_label = [], 0, 0
    for r in dropped:
        a, b = sh(r["id"]), sh(r["origin_id"])
        s = scores(a, b)
        if s[1] < 0.2 and s[2] < 0.2:
            low.append((r["id"], r["origin_id"], r["relation"], round(s[0], 3), round(s[1], 3), round(s[2], 3)))
        if is_dup(s, len(a), len(b), rule):
            valid += 1
        if truth[r["id"]][0] != truth[r["origin_id"]][0]:
            wrong_label += 1
    # precision by pairs that the rule accepts directly: a predicted pair
    # counts as right if its documents share a label or the set's rule
    # calls them the same document (stars can split such a pair)
    pred_pairs, rule_ok = 0, 0
    for members in by_cluster_members(rows).values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                pred_pairs += 1
                if truth[a][0] == truth[b][0]:
                    rule_ok += 1
                else:
                    sa, sb = sh(a), sh(b)
                    if is_dup(scores(sa, sb), len(sa), len(sb), rule):
                        rule_ok += 1
    # explain agreement on dropped pairs (a deterministic sample if many)
    sample = sorted(dropped, key=lambda r: hashlib.sha1((r["id"] + "\0" + r["origin_id"]).encode()).hexdigest())
    sample = sample[:explain_max]
    unrelated, disagree, examples = 0, 0, []
    for r in sample:
        o, _ = run([bin_, "explain", "--corpus", corpus, r["id"], r["origin_id"], "--format", "json"] + flags)
        # explain names the relation under which A (the member) may be
        # dropped for B (its origin): it must be the one cluster gave
        v = json.loads(o).get("a_for_b") or "unrelated"
        if v == "unrelated":
            unrelated += 1
        if v != r["relation"]:
            disagree += 1
            if len(examples) < 10:
                examples.append((r["id"], r["origin_id"], r["relation"], r.get("jaccard"), v))
    # the worst false merges, with why: relation and exact scores of the
    # members whose label differs from their origin's
    by_cluster = {}
    for r in rows:
        by_cluster.setdefault(str(r["cluster_id"]), []).append(r)
    worst = []
    for m in ev.get("worst_merges", []):
        members = by_cluster.get(str(m["predicted"]), [])
        origin = next((r["origin_id"] for r in members if r.get("origin_id")), None)
        rels = {}
        wrong = []
        for r in members:
            rels[r["relation"]] = rels.get(r["relation"], 0) + 1
            if not r["is_origin"] and r.get("origin_id") and truth[r["id"]][0] != truth[r["origin_id"]][0]:
                sc = scores(sh(r["id"]), sh(r["origin_id"]))
                wrong.append((round(sc[0], 3), r["id"], r["relation"], r.get("jaccard"), round(max(sc[1], sc[2]), 3)))
        wrong.sort()
        worst.append({"cluster": m["predicted"], "wrong_pairs": m["wrong_pairs"], "size": len(members),
                      "origin": origin, "relations": rels, "true_groups": len(m.get("groups", [])),
                      "wrong_members": len(wrong), "examples": wrong[:4]})
    with open(os.path.join(out, f"{set_name}.{setting}.merges.txt"), "w") as f:
        f.write("# worst false merges: cluster, wrong pairs, size, origin, relations, true groups merged;\n"
                "# examples: exact J with origin, member, relation, neardup's J, exact max containment\n")
        for w in worst:
            f.write(json.dumps(w, ensure_ascii=False) + "\n")
        f.write("\n# dropped with containment < 0.2 both ways: member, origin, relation, J, c_m_in_o, c_o_in_m\n")
        for x in low:
            f.write("\t".join(map(str, x)) + "\n")
        f.write("\n# explain disagrees: member, origin, relation, cluster J, explain verdict\n")
        for x in examples:
            f.write("\t".join(map(str, x)) + "\n")
    return {
        "set": set_name, "setting": setting, "docs": len(rows), "seconds": round(secs, 2),
        "precision": ev["precision"], "precision_rule_pairs": (rule_ok / pred_pairs if pred_pairs else None),
        "recall": ev["recall"], "f1": ev["f1"], "ari": ev["ari"],
        "spun": len(spun), "spun_false": len(spun),
        "spun_precision": (None if not spun else 0.0),
        "dropped": len(dropped), "dropped_low": len(low), "dropped_rule_valid": valid,
        "dropped_other_truth_cluster": wrong_label,
        "largest": max(sizes.values()) if sizes else 0,
        "relations": rel_count,
        "explained": len(sample), "explain_unrelated": unrelated, "explain_disagree": disagree,
        "explain_examples": examples, "low_examples": low[:10], "worst_merges": worst,
    }


def by_cluster_members(rows):
    out = {}
    for r in rows:
        out.setdefault(r["cluster_id"], []).append(r["id"])
    return out


def compression(bin_, set_name, corpus, out):
    base = os.path.join(out, f"{set_name}.copy.jsonl")
    shutil.copyfile(corpus, base)
    subprocess.run(["gzip", "-kf", "-n", base], check=True)
    subprocess.run(["zstd", "-qf", base, "-o", base + ".zst"], check=True)
    hashes = [sha(os.path.join(out, f"{set_name}.defaults.jsonl"))]
    for p in (base, base + ".gz", base + ".zst"):
        o = os.path.join(out, f"{set_name}.fmt.{os.path.basename(p)}.out")
        run([bin_, "cluster", p, "-q", "-o", o])
        hashes.append(sha(o))
    # (same as the first run?, all three formats the same?)
    return hashes[0] == hashes[1], len(set(hashes[1:])) == 1


def fmt(x, nd=3):
    return "n/a" if x is None else (f"{x:.{nd}f}" if isinstance(x, float) else str(x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/neardup")
    ap.add_argument("--data", default="/work/realdata")
    ap.add_argument("--sets", default="copyright,changelogs,manpages,licenses,versions,rustdocs,webpages,webwire")
    ap.add_argument("--explain-max", type=int, default=200)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    bin_ = os.path.abspath(a.bin)
    # one output directory per binary (by content), so two runs on
    # different builds never overwrite each other's files
    out = a.out or os.path.join(a.data, "eval", "neardup-" + sha(bin_)[:12])
    os.makedirs(out, exist_ok=True)
    results, notes = [], []
    for s in a.sets.split(","):
        if not os.path.exists(os.path.join(a.data, f"{s}.jsonl")):
            notes.append(f"{s}: no {a.data}/{s}.jsonl (run build.py {s}); skipped")
            continue
        corpus, tpath, texts, dropped_truth, unlabelled = prepare(s, a.data, out)
        if dropped_truth:
            notes.append(f"{s}: {len(dropped_truth)} labelled documents are not in this build and were dropped from the labels (e.g. {', '.join(dropped_truth[:3])})")
        if unlabelled:
            notes.append(f"{s}: {len(unlabelled)} documents of this build have no label and were left out (e.g. {', '.join(unlabelled[:3])})")
        for setting, flags in SETTINGS:
            log(f"{s} {setting} ...")
            r = score_set(bin_, s, setting, flags, corpus, tpath, texts, out, a.explain_max)
            if setting == "defaults":
                r["repeatable"], r["compression_identical"] = compression(bin_, s, corpus, out)
            results.append(r)
    json.dump({"results": results, "notes": notes}, open(os.path.join(out, "results.json"), "w"), indent=1)
    md = []
    md.append("| set | setting | docs | precision | precision (rule pairs) | recall | F1 | ARI | spun labels (false) | spun precision | dropped | dropped < 0.2 both ways | dropped pairs the label rule accepts | largest cluster | explain: unrelated / disagrees (of checked) | .jsonl = .gz = .zst (run twice = same) |")
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        md.append("| " + " | ".join([
            r["set"], r["setting"], str(r["docs"]), fmt(r["precision"]), fmt(r["precision_rule_pairs"]), fmt(r["recall"]), fmt(r["f1"]), fmt(r["ari"]),
            f"{r['spun']} ({r['spun_false']})", fmt(r["spun_precision"]), str(r["dropped"]), str(r["dropped_low"]),
            f"{r['dropped_rule_valid']} of {r['dropped']}", str(r["largest"]),
            f"{r['explain_unrelated']} / {r['explain_disagree']} (of {r['explained']})",
            (("yes" if r["compression_identical"] else "no") + (" (yes)" if r["repeatable"] else " (no)")) if "compression_identical" in r else "",
        ]) + " |")
    for n in notes:
        md.append(f"\nNote: {n}")
    text = "\n".join(md) + "\n"
    open(os.path.join(out, "results.md"), "w").write(text)
    print(text)
    log(f"predictions, worst merges and results in {out}")


if __name__ == "__main__":
    main()
