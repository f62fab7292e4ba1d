"""neardup.cluster against the command, on the same records."""

import random
import warnings

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import neardup
from conftest import ROOT, read_jsonl

SAMPLE = ROOT / "samples" / "crawl.jsonl"


def cli_rows(run_cli, tmp_path, corpus, *flags):
    out = tmp_path / "cli.jsonl"
    run_cli("cluster", corpus, "-o", out, *flags)
    return read_jsonl(out)


@pytest.mark.parametrize("corpus", ["sample", "generated"])
def test_same_rows_as_the_command(corpus, run_cli, tmp_path, request):
    path = SAMPLE if corpus == "sample" else request.getfixturevalue("generated")
    table = pa.Table.from_pylist(read_jsonl(path))
    got = neardup.cluster(table).to_pylist()
    want = cli_rows(run_cli, tmp_path, path)
    assert len(got) == len(want)
    assert got == want
    assert any(r["cluster_size"] > 1 for r in got), "the corpus has duplicates to find"


def test_same_rows_above_the_sample_size(run_cli, tmp_path, generated):
    # A 128 KiB boilerplate sample: a few of the generated documents, chosen
    # by the hash of their texts, in the table as in the file. Sites top it
    # up with 4 pages each: with the default 40, every page of this
    # corpus's sites (at most 36 each) would be sampled.
    table = pa.Table.from_pylist(read_jsonl(generated))
    got = neardup.cluster(table, df_sample_bytes=131072, site_sample_pages=4).to_pylist()
    want = cli_rows(run_cli, tmp_path, generated, "--df-sample-mb", "0.125", "--site-sample-pages", "4")
    assert got == want
    assert got != neardup.cluster(table).to_pylist(), "the sample size changes the result"


def test_same_rows_with_settings(run_cli, tmp_path):
    table = pa.Table.from_pylist(read_jsonl(SAMPLE))
    got = neardup.cluster(table, profile="whole-text", threshold=0.7).to_pylist()
    want = cli_rows(run_cli, tmp_path, SAMPLE, "--profile", "whole-text", "--threshold", "0.7")
    assert got == want
    assert got != neardup.cluster(table).to_pylist(), "the settings change the result"


def test_boilerplate_settings_give_the_command_rows(run_cli, tmp_path, generated):
    table = pa.Table.from_pylist(read_jsonl(generated))
    settings = dict(site_min_df=3, site_min_share=0.3, max_df=0.05, min_df_count=40)
    got = neardup.cluster(table, **settings).to_pylist()
    want = cli_rows(run_cli, tmp_path, generated, "--site-min-df", "3", "--site-min-share", "0.3",
                    "--max-df", "0.05", "--min-df-count", "40")
    assert got == want
    assert got != neardup.cluster(table).to_pylist(), "the boilerplate rule changes the result"
    with pytest.raises(neardup.NeardupError, match="site_min_share"):
        neardup.cluster(table, site_min_share=1.5)


def test_parquet_table_matches_the_command_on_the_parquet_file(run_cli, tmp_path):
    table = pa.Table.from_pylist(read_jsonl(SAMPLE))
    path = tmp_path / "crawl.parquet"
    pq.write_table(table, path)
    assert neardup.cluster(pq.read_table(path)).to_pylist() == cli_rows(run_cli, tmp_path, path)


def test_row_order_and_batching_do_not_change_the_result():
    rows = read_jsonl(SAMPLE)
    want = neardup.cluster(pa.Table.from_pylist(rows)).to_pylist()
    random.Random(7).shuffle(rows)
    shuffled = pa.Table.from_pylist(rows)
    # Many small batches, as a Spark partition hands them over.
    chunked = pa.Table.from_batches(shuffled.to_batches(max_chunksize=5))
    assert chunked.num_rows == len(rows) and len(chunked.to_batches()) > 1
    assert neardup.cluster(chunked).to_pylist() == want
    assert neardup.cluster(rows).to_pylist() == want, "a list of dicts"


def test_columns_and_types():
    out = neardup.cluster(pa.Table.from_pylist(read_jsonl(SAMPLE)))
    assert out.schema.names == [
        "id", "cluster_id", "cluster_size", "is_origin", "origin_id", "relation", "jaccard",
        "containment", "origin_containment", "wire", "credit_dropped", "substituted",
    ]
    assert out.schema.field("cluster_id").type == pa.uint32()
    assert out.schema.field("jaccard").type == pa.float64()


def story(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(f"w{rng.randrange(5000)}" for _ in range(n))


def test_nested_fields_integer_ids_and_timestamps():
    text = story(1)
    table = pa.table({
        "meta": pa.array([{"key": 10}, {"key": 20}, {"key": 30}]),
        "body": [text, text + " and one more sentence at the end", story(2)],
        "when": pa.array([3_000_000_000, 1_000_000_000, 2_000_000_000], pa.timestamp("s")),
    })
    out = {r["id"]: r for r in neardup.cluster(table, "meta.key", "body", date_field="when").to_pylist()}
    assert set(out) == {"10", "20", "30"}
    # The earlier date is the origin.
    assert out["10"]["origin_id"] == "20" and out["20"]["is_origin"]
    assert out["30"]["relation"] == "unique"


def test_skipped_rows_are_reported():
    text = story(3)
    rows = [
        {"id": "a", "text": text},
        {"id": "a", "text": story(4)},  # repeated id: the first is kept
        {"id": "b", "text": None},
        {"id": None, "text": text},
        {"id": "c", "text": "too short"},
    ]
    with pytest.warns(neardup.NeardupWarning, match="4 rows not clustered"):
        out = neardup.cluster(rows)
    assert out.column("id").to_pylist() == ["a"]
    out, skipped = neardup.cluster(rows, on_skip="ignore", return_skipped=True)
    assert sorted(zip(skipped.column("id").to_pylist(), skipped.column("code").to_pylist())) == [
        ("a", "duplicate_id"), ("b", "missing_text"), ("c", "too_short"), ("row 3", "bad_id"),
    ]
    with pytest.raises(neardup.NeardupError, match="4 rows not clustered"):
        neardup.cluster(rows, on_skip="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        neardup.cluster(rows[:1], on_skip="warn")


def test_errors_name_the_setting():
    rows = [{"id": "a", "text": story(5)}]
    with pytest.raises(neardup.NeardupError, match="threshold"):
        neardup.cluster(rows, threshold=1.5)
    with pytest.raises(TypeError, match="tresholds"):
        neardup.cluster(rows, tresholds=0.5)
    with pytest.raises(neardup.NeardupError, match="bands and rows"):
        neardup.cluster(rows, bands=16)
    with pytest.raises(neardup.NeardupError, match="no field \"body\""):
        neardup.cluster(rows, text_field="body")
