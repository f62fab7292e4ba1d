"""The Spark example against the command on the real sets: for each set,
its records as one Parquet file, `neardup cluster` on it, then
`examples/spark_dedup.py` with the components in Spark (`--driver-pairs
0`, spin view on), and the rows compared field by field. Exit status 1 if
any set differs.

    python benches/real/spark_check.py --bin target/release/neardup --data /work/realdata [SET ...]

Needs the Python package and pyspark in the interpreter that runs it (the
venv scripts/test-all makes: target/py-venv/bin/python) and Java 17.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
SETS = ["copyright", "changelogs", "manpages", "licenses", "versions", "rustdocs"]


def rows(path) -> list:
    return sorted(pq.read_table(path).to_pylist(), key=lambda r: r["id"])


def check(bin_path: str, data: Path, name: str, work: Path) -> bool:
    with open(data / f"{name}.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    parquet = work / f"{name}.parquet"
    pq.write_table(pa.Table.from_pylist(records), parquet)
    cli = work / f"{name}.cli.parquet"
    subprocess.run([bin_path, "cluster", str(parquet), "-o", str(cli), "-q"], check=True)
    out = work / f"{name}.spark"
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "spark_dedup.py"), "--input", str(parquet),
         "--output", str(out), "--master", "local[2]", "--driver-pairs", "0", "--partitions", "4"],
        capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{name}: spark_dedup failed\n{done.stderr[-3000:]}")
        return False
    log = [line.split("spark_dedup:", 1)[1].strip() for line in done.stderr.splitlines() if "spark_dedup:" in line]
    got = rows(out)
    fields = list(got[0].keys()) if got else []
    want = [{k: r[k] for k in fields} for r in rows(cli)]
    same = got == want
    differ = sum(1 for a, b in zip(got, want) if a != b) + abs(len(got) - len(want))
    in_clusters = sum(r["cluster_size"] > 1 for r in got)
    spin_line = next((line for line in log if "spin view:" in line), "no spin view line")
    print(f"{name}: {len(records)} records, {len(got)} rows, {in_clusters} in clusters, "
          f"{'same rows as the command' if same else f'{differ} rows differ'}; {spin_line}")
    return same


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", default=str(ROOT / "target" / "release" / "neardup"))
    p.add_argument("--data", default="/work/realdata", type=Path)
    p.add_argument("sets", nargs="*", default=SETS)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ok = [check(args.bin, args.data, s, Path(tmp)) for s in args.sets]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
