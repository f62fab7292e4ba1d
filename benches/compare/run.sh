#!/usr/bin/env bash
# Side-by-side speed and quality: neardup vs datasketch vs rensa vs gaoya on one
# generated corpus, from one run. See README.md in this folder.
#
#   benches/compare/run.sh [MB]        (default 100)
#
# Environment:
#   NEARDUP_BIN      use this neardup binary instead of building target/release/neardup
#   COMPARE_TIMEOUT  seconds allowed per tool (default 1800)
#   COMPARE_TOOLS    which tools to run (default "neardup neardup-j1 datasketch rensa")
set -euo pipefail

MB="${1:-100}"
case "$MB" in
  '' | *[!0-9]*) echo "usage: $0 [MB]   (a whole number of megabytes)" >&2; exit 2 ;;
esac
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="$ROOT/target/compare-data"
CORPUS_DIR="$DATA/${MB}mb"
CORPUS="$CORPUS_DIR/corpus.jsonl"
RUNS="$CORPUS_DIR/runs"
VENV="$HERE/.venv"
TIMEOUT="${COMPARE_TIMEOUT:-1800}"
TOOLS="${COMPARE_TOOLS:-neardup neardup-j1 datasketch rensa gaoya}"

log() { echo "compare: $*" >&2; }

# 1. neardup (cargo rebuilds only what changed).
if [ -n "${NEARDUP_BIN:-}" ]; then
  BIN="$NEARDUP_BIN"
else
  log "cargo build --release"
  (cd "$ROOT" && cargo build --release --quiet)
  BIN="$ROOT/target/release/neardup"
fi

# 2. The corpus, once per size.
if [ ! -s "$CORPUS" ] || [ ! -s "$CORPUS_DIR/truth.tsv" ]; then
  log "generating a ${MB} MB corpus in $CORPUS_DIR"
  mkdir -p "$CORPUS_DIR"
  "$BIN" generate -o "$CORPUS_DIR" --mb "$MB" --seed 7
fi

# 3. The virtual environment, once (again when requirements.txt changes).
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$HERE/requirements.txt" "$VENV/.requirements.installed"; then
  log "setting up $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/.requirements.installed"
fi
PY="$VENV/bin/python"

# 4. The runs, one process each (peak RSS is per tool).
rm -rf "$RUNS"
mkdir -p "$RUNS"
"$PY" -m pip freeze --disable-pip-version-check > "$RUNS/pip-freeze.txt"
{
  echo "started=$(date '+%Y-%m-%d %H:%M')"
  echo "neardup=$("$BIN" --version 2>/dev/null || echo '?')"
  echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    echo "dirty=yes"
  else
    echo "dirty=no"
  fi
} > "$RUNS/meta.txt"
cat "$CORPUS" > /dev/null # same warm page cache for every tool

measure() { # NAME COMMAND...
  local name="$1"
  shift
  log "running $name"
  "$PY" "$HERE/measure.py" --name "$name" --timeout "$TIMEOUT" --out "$RUNS/$name.json" -- "$@" \
    || log "$name did not finish cleanly (see the table)"
}

for tool in $TOOLS; do
  case "$tool" in
    neardup) measure neardup "$BIN" cluster "$CORPUS" -o "$RUNS/neardup.jsonl" -q ;;
    neardup-j1) measure neardup-j1 "$BIN" cluster "$CORPUS" -o "$RUNS/neardup-j1.jsonl" -q -j 1 ;;
    datasketch) measure datasketch "$PY" "$HERE/peers.py" datasketch "$CORPUS" "$RUNS/datasketch" ;;
    rensa) measure rensa "$PY" "$HERE/peers.py" rensa "$CORPUS" "$RUNS/rensa" ;;
    gaoya) measure gaoya "$PY" "$HERE/peers.py" gaoya "$CORPUS" "$RUNS/gaoya" ;;
    *) log "unknown tool $tool" ; exit 2 ;;
  esac
done

# 5. The tables, to stdout and to target/compare-data/results-<MB>mb.md.
"$PY" "$HERE/report.py" --data "$CORPUS_DIR" --runs "$RUNS" --root "$ROOT" --mb "$MB" \
  --out "$DATA/results-${MB}mb.md"
log "written to $DATA/results-${MB}mb.md"
