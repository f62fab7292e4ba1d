"""neardup.explain against `neardup explain --format json`."""

import json

import neardup
from conftest import ROOT, read_jsonl


def test_same_fields_and_numbers_as_the_command(run_cli, tmp_path):
    rows = read_jsonl(ROOT / "samples" / "crawl.jsonl")
    got = neardup.explain(rows[0]["text"], rows[1]["text"])
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(rows[0]["text"], encoding="utf-8")
    b.write_text(rows[1]["text"], encoding="utf-8")
    want = json.loads(run_cli("explain", a, b, "--format", "json"))
    # The same JSON, word for word, but for the ids (the command names the
    # files it read).
    for side in (got, want):
        side["origin"].pop("id")
    assert got == want
    assert "why" in got["origin"] and got["origin"]["why"]


def test_a_copy_and_settings():
    text = " ".join(f"word{i % 97} w{i}" for i in range(200))
    same = neardup.explain(text, text)
    assert same["jaccard"] == 1.0
    other = neardup.explain(text, " ".join(f"x{i}" for i in range(200)))
    assert other["jaccard"] == 0.0 and other["verdict"] != same["verdict"]
    assert neardup.explain(text, text, threshold=0.9)["jaccard"] == 1.0


def test_the_alignment_cap_is_stated_as_the_command_states_it(run_cli, tmp_path):
    # A 1 KiB cap on texts of a few KiB: the JSON says what was aligned,
    # and the scores are those of the whole texts, as the command's.
    rows = read_jsonl(ROOT / "samples" / "crawl.jsonl")
    got = neardup.explain(rows[0]["text"], rows[1]["text"], max_align_bytes=1024)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(rows[0]["text"], encoding="utf-8")
    b.write_text(rows[1]["text"], encoding="utf-8")
    want = json.loads(run_cli("explain", a, b, "--format", "json", "--max-align-bytes", "1024"))
    for side in (got, want):
        side["origin"].pop("id")
    assert got == want
    assert got["alignment"]["limit"]["max_bytes"] == 1024
    uncapped = neardup.explain(rows[0]["text"], rows[1]["text"])
    assert "limit" not in uncapped["alignment"]
    assert got["jaccard"] == uncapped["jaccard"]
