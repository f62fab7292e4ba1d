#!/bin/bash
# A/B timing of neardup binaries on one corpus: runs them alternately N times
# (so outside load hits both alike) and prints each one's median wall time,
# user time and sign/sample stage times (from the stderr summary).
#
#   benches/ab.sh N CORPUS [neardup cluster options...] -- BIN_A BIN_B ...
#   benches/ab.sh 7 target/bench-data/crawl-100mb-seed7.jsonl -j1 -- /tmp/old /tmp/new
set -euo pipefail
n=$1; corpus=$2; shift 2
args=()
while [ "$1" != "--" ]; do args+=("$1"); shift; done
shift
bins=("$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$n"); do
  for k in "${!bins[@]}"; do
    /usr/bin/time -f "%e %U" "${bins[$k]}" cluster "$corpus" -o "$tmp/out.jsonl" "${args[@]}" \
      2>"$tmp/err" >/dev/null
    wall_user=$(tail -1 "$tmp/err")
    sign=$(grep -o "sign [0-9.]*" "$tmp/err" | cut -d' ' -f2)
    sample=$(grep -o "sample [0-9.]*" "$tmp/err" | cut -d' ' -f2 || echo -)
    echo "$wall_user $sign $sample" >>"$tmp/times.$k"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for k in "${!bins[@]}"; do
  f="$tmp/times.$k"
  echo "${bins[$k]}: wall $(cut -d' ' -f1 "$f" | median) user $(cut -d' ' -f2 "$f" | median)" \
    "sign $(cut -d' ' -f3 "$f" | median) sample $(cut -d' ' -f4 "$f" | median)"
done
