"""Fixtures: the `neardup` command the bindings are compared with.

The tests compare the Python package with the command on the same records,
so they need its binary: $NEARDUP_BIN, else target/release or target/debug
of this checkout (scripts/test-all builds it). Without one they fail, they
do not skip.
"""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def neardup_bin() -> pathlib.Path:
    env = os.environ.get("NEARDUP_BIN")
    candidates = [pathlib.Path(env)] if env else [
        ROOT / "target" / "release" / "neardup",
        ROOT / "target" / "debug" / "neardup",
    ]
    for c in candidates:
        if c.is_file():
            return c
    pytest.fail(f"the neardup command is needed: build it (cargo build) or set NEARDUP_BIN; tried {candidates}")


@pytest.fixture(scope="session")
def run_cli(neardup_bin):
    def run(*args: str) -> str:
        done = subprocess.run([str(neardup_bin), *map(str, args)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


@pytest.fixture(scope="session")
def generated(tmp_path_factory, run_cli) -> pathlib.Path:
    """A 3 MB generated corpus with syndicated copies, spun rewrites and traps."""
    out = tmp_path_factory.mktemp("gen")
    run_cli("generate", "-o", out, "--mb", "3", "--seed", "11", "--spun-share", "0.3")
    return out / "corpus.jsonl"


def read_jsonl(path) -> list:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
