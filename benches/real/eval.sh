#!/bin/sh
# Usage: benches/real/eval.sh [NEARDUP_BIN] [DATA_DIR]  (extra flags: EVAL_FLAGS)
# Rebuild the data first with: python3 benches/real/build.py --data DATA_DIR
set -e
BIN=${1:-target/release/neardup}
DATA=${2:-/work/realdata}
exec python3 "$(dirname "$0")/eval.py" --bin "$BIN" --data "$DATA" $EVAL_FLAGS
