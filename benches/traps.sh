#!/usr/bin/env bash
# Scores a neardup binary on the generator's trap corpora (see
# docs/evaluation.md, "Traps"): pairwise precision and recall overall, and
# per truth case (pairs predicted together that involve a document of the
# case, and the share of them that are true), false `spun` labels (relation
# `spun` on a document whose truth says spun=0), correct ones, and the
# largest predicted cluster.
#
#   benches/traps.sh [BINARY] [SEED...]
#
# BINARY defaults to target/release/neardup, seeds to 1 2. GEN=... picks
# another binary to generate with (default: BINARY); MB=... the corpus size
# (default: the preset's 3); GEN_ARGS=... extra `neardup generate` flags
# (e.g. --no-url-share 1); CLUSTER_ARGS=... extra `neardup cluster` flags.
set -euo pipefail
bin=${1:-target/release/neardup}
shift || true
seeds=${*:-1 2}
gen=${GEN:-$bin}
work=$(mktemp -d "${TMPDIR:-/tmp}/neardup-traps.XXXXXX")
trap 'rm -rf "$work"' EXIT

for seed in $seeds; do
    dir=$work/s$seed
    # shellcheck disable=SC2086
    "$gen" generate -o "$dir" --preset real-traps --seed "$seed" ${MB:+--mb "$MB"} ${GEN_ARGS:-} 2>/dev/null
    # shellcheck disable=SC2086
    "$bin" cluster "$dir/corpus.jsonl" -o "$dir/P.jsonl" -q ${CLUSTER_ARGS:-}
    overall=$("$bin" eval --truth "$dir/truth.tsv" "$dir/P.jsonl" --json)
    echo "== seed $seed: $(wc -l <"$dir/truth.tsv") truth rows"
    python3 - "$dir/truth.tsv" "$dir/P.jsonl" "$overall" <<'PY'
import json, sys
from collections import defaultdict
truth_path, pred_path, overall = sys.argv[1:4]
truth = {}
with open(truth_path) as f:
    next(f)
    for line in f:
        i, c, case, spun = line.rstrip("\n").split("\t")
        truth[i] = (c, case, spun == "1")
pred, rel, size = {}, {}, {}
with open(pred_path) as f:
    for line in f:
        d = json.loads(line)
        pred[d["id"]] = d["cluster_id"]
        rel[d["id"]] = d.get("relation")
        size[d["cluster_id"]] = d.get("cluster_size", 1)
o = json.loads(overall)
def find(v, *keys):
    # The eval JSON's field names, whatever nesting they sit at.
    if isinstance(v, dict):
        for k in keys:
            if k in v and not isinstance(v[k], (dict, list)):
                return v[k]
        for x in v.values():
            r = find(x, *keys)
            if r is not None:
                return r
    return None
p, r = find(o, "precision"), find(o, "recall")
members = defaultdict(list)
for i, c in pred.items():
    members[c].append(i)
tp, fp, tn_pairs = defaultdict(int), defaultdict(int), defaultdict(int)
true_pairs, found_pairs = defaultdict(int), defaultdict(int)
by_truth = defaultdict(list)
for i, (c, _, _) in truth.items():
    by_truth[c].append(i)
for ms in by_truth.values():
    for x in range(len(ms)):
        for y in range(x + 1, len(ms)):
            a, b = ms[x], ms[y]
            hit = pred.get(a) is not None and pred.get(a) == pred.get(b)
            for case in {truth[a][1], truth[b][1]}:
                true_pairs[case] += 1
                found_pairs[case] += hit
for ms in members.values():
    for x in range(len(ms)):
        for y in range(x + 1, len(ms)):
            a, b = ms[x], ms[y]
            ok = truth[a][0] == truth[b][0]
            for case in {truth[a][1], truth[b][1]}:
                (tp if ok else fp)[case] += 1
false_spun = sum(1 for i, v in rel.items() if v == "spun" and not truth[i][2])
true_spun = sum(1 for i, v in rel.items() if v == "spun" and truth[i][2])
print(f"overall: P {p:.3f} R {r:.3f}; spun labels: {true_spun} right, {false_spun} false; "
      f"largest cluster {max(size.values())} docs")
false_by_case = defaultdict(int)
for i, v in rel.items():
    if v == "spun" and not truth[i][2]:
        false_by_case[truth[i][1]] += 1
print(f"{'case':<20}{'docs':>6}{'pairs P':>10}{'false':>7}{'pairs R':>10}{'false spun':>12}")
for case in sorted({c for _, c, _ in truth.values()}):
    n = sum(1 for _, c, _ in truth.values() if c == case)
    pp = tp[case] + fp[case]
    prec = f"{tp[case] / pp:.3f}" if pp else "-"
    rec = f"{found_pairs[case] / true_pairs[case]:.3f}" if true_pairs[case] else "-"
    print(f"{case:<20}{n:>6}{prec:>10}{fp[case]:>7}{rec:>10}{false_by_case[case]:>12}")
PY
done
