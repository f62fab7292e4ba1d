"""examples/spark_dedup.py on local Spark (``local[2]``) against ``neardup
cluster`` on the same Parquet file. Spark tests (marker ``spark``): they need
pyspark and Java 17, which scripts/test-all installs and checks; without
them they fail, they do not skip. One runs the script in a process of its
own; the others run it in one session (``run_in``), as a notebook would."""

import contextlib
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import neardup
from conftest import ROOT, read_jsonl
from test_cluster import cli_rows
from test_stages import TIGHT_SITE_BUDGET, sampled, small_sites_corpus, small_sites_settings

pytestmark = pytest.mark.spark

EXAMPLE = ROOT / "examples" / "spark_dedup.py"

# A Spark driver for a corpus of a few megabytes spends most of its CPU
# compiling code it runs a few times: the client compiler alone and the
# serial collector halve that CPU (measured on the sample crawl, one run
# of each after the other on this 2-core machine: 0.52 of the CPU, 0.73 of
# the wall time). They change nothing the tests check. A JAVA_TOOL_OPTIONS
# already set wins.
SHORT_JVM = {"JAVA_TOOL_OPTIONS": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", **os.environ}


@pytest.fixture(scope="module")
def spark_ready():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.fail("pyspark is needed for the Spark tests: pip install 'pyspark[sql]>=3.5' (scripts/test-all does)")
    java = shutil.which("java", path=os.path.join(os.environ["JAVA_HOME"], "bin") if "JAVA_HOME" in os.environ else None)
    if java is None:
        pytest.fail("Java (17) is needed for the Spark tests: install a JRE or set JAVA_HOME")


@pytest.fixture(scope="module")
def session(spark_ready):
    """One local[2] session for the module's runs of the example (its
    `run_in`): a driver's start and warm-up is most of a run on these small
    corpora (32 s cold against 7 s warm on the sample crawl). One test still
    runs the script as a user does, in a process of its own."""
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as env:
        # The driver's JVM and its workers start with these (SHORT_JVM's
        # options, or the caller's own); the rest of the run keeps its
        # environment.
        env.setenv("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON", sys.executable))
        env.setenv("JAVA_TOOL_OPTIONS", SHORT_JVM["JAVA_TOOL_OPTIONS"])
        spec = importlib.util.spec_from_file_location("spark_dedup", EXAMPLE)
        example = importlib.util.module_from_spec(spec)
        env.setitem(sys.modules, "spark_dedup", example)
        spec.loader.exec_module(example)
        # Four shuffle partitions, not 200: the rows are the same for any
        # number (the script's test keeps the default), tiny tasks are not.
        spark = (SparkSession.builder.master("local[2]").appName("neardup tests")
                 .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
        # The workers unpickle the example's functions by module name.
        spark.sparkContext.addPyFile(str(EXAMPLE))
        yield example, spark
        spark.stop()


def checked_rows(err: str, out, parquet, components: str, sign_tasks: int) -> list:
    """The rows a run wrote to `out`, after the checks every run must pass."""
    assert f"components: {components}" in err, err[-4000:]
    tasks = int(re.search(r"documents in (\d+) tasks", err).group(1))
    assert tasks >= sign_tasks, f"signed in {tasks} tasks"
    rows = pq.read_table(out).to_pylist()
    # Every input record is in the output or in the skipped list.
    skipped = pq.read_table(f"{out}.skipped")
    assert len(rows) + skipped.num_rows == pq.read_metadata(parquet).num_rows
    return sorted(rows, key=lambda r: r["id"])


def spark_rows(session, tmp_path, parquet, *flags, components="on the driver", sign_tasks=1, log=None) -> list:
    """The example's rows on `parquet`, run in the module's session."""
    example, spark = session
    out = tmp_path / "spark-out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert example.run_in(spark, ["--input", str(parquet), "--output", str(out), *flags]) == 0
    if log is not None:
        log.append(err.getvalue())
    return checked_rows(err.getvalue(), out, parquet, components, sign_tasks)


def script_rows(tmp_path, parquet, *flags) -> list:
    """The example's rows on `parquet`, run as a user runs the script."""
    out = tmp_path / "spark-out"
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--input", str(parquet), "--output", str(out), "--master", "local[2]",
         "--conf", "spark.ui.enabled=false", *flags],
        capture_output=True, text=True, env=SHORT_JVM,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return checked_rows(done.stderr, out, parquet, "on the driver", 1)


@pytest.fixture(scope="module")
def small_generated(tmp_path_factory, run_cli):
    out = tmp_path_factory.mktemp("gen-spark")
    run_cli("generate", "-o", out, "--mb", "2", "--seed", "5", "--spun-share", "0.3")
    return out / "corpus.jsonl"


def test_the_script_gives_the_partition_of_the_command(spark_ready, run_cli, tmp_path):
    """`python examples/spark_dedup.py ...` in a process of its own, as a
    user runs it (its session started and stopped by the script)."""
    parquet = tmp_path / "corpus.parquet"
    # Several row groups, split by Spark into several tasks.
    pq.write_table(pa.Table.from_pylist(read_jsonl(ROOT / "samples" / "crawl.jsonl")), parquet, row_group_size=100)
    want = cli_rows(run_cli, tmp_path, parquet)
    got = script_rows(tmp_path, parquet, "--partitions", "3", "--conf", "spark.sql.files.maxPartitionBytes=65536")
    assert got == want
    assert any(r["cluster_size"] > 1 for r in got)


def test_spark_gives_the_partition_of_the_command(session, small_generated, run_cli, tmp_path):
    parquet = tmp_path / "corpus.parquet"
    # Several row groups, split by Spark into several signing tasks.
    pq.write_table(pa.Table.from_pylist(read_jsonl(small_generated)), parquet, row_group_size=100)
    # The generated corpus (2 MB) outgrows a 128 KiB boilerplate sample:
    # the partitions must sample the texts the command samples. Sites top
    # it up with 4 pages each (with the default 40 every page of this
    # corpus's sites would be sampled).
    want = cli_rows(run_cli, tmp_path, parquet, "--df-sample-mb", "0.125", "--site-sample-pages", "4")
    log = []
    got = spark_rows(session, tmp_path, parquet, "--partitions", "3", "--conf", "spark.sql.files.maxPartitionBytes=65536",
                     "--setting", "df_sample_bytes=131072", "--setting", "site_sample_pages=4", sign_tasks=2, log=log)
    assert got == want
    assert any(r["cluster_size"] > 1 for r in got)
    # Only the texts the spin view aligns came to the driver.
    read = int(re.search(r"components: read (\d+) texts", log[0]).group(1))
    assert 0 < read < len(got) / 4, f"{read} texts of {len(got)} documents"
    # The run's Spark settings were for the run only, and it released
    # what it cached.
    assert session[1].conf.get("spark.sql.files.maxPartitionBytes") != "65536"
    assert len(session[1].sparkContext._jsc.getPersistentRDDs()) == 0


def test_components_in_spark_without_the_spin_view(session, small_generated, run_cli, tmp_path):
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(read_jsonl(small_generated)), parquet)
    want = cli_rows(run_cli, tmp_path, parquet, "--no-spin")
    got = spark_rows(session, tmp_path, parquet, "--setting", "spin=false", "--driver-pairs", "0",
                     components="in Spark, large-star/small-star")
    assert got == want
    assert max(r["cluster_id"] for r in got) > 10, "many clusters, numbered as one process does"


def test_components_in_spark_with_the_spin_view(session, small_generated, run_cli, tmp_path):
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(read_jsonl(small_generated)), parquet)
    want = cli_rows(run_cli, tmp_path, parquet)
    log = []
    got = spark_rows(session, tmp_path, parquet, "--driver-pairs", "0", "--partitions", "3",
                     components="in Spark, large-star/small-star", log=log)
    assert got == want
    assert any(r["relation"] == "spun" for r in got), "spun copies joined across verbatim components"
    # The components' partitions read only the texts their spin view aligns.
    read = int(re.search(r"components: read (\d+) texts", log[0]).group(1))
    assert 0 < read < len(got) / 4, f"{read} texts of {len(got)} documents"


@pytest.mark.parametrize("budget", [None, TIGHT_SITE_BUDGET], ids=["top-up", "tight-top-up"])
def test_spark_samples_the_site_top_up(budget, session, run_cli, tmp_path):
    """Above a 20 KB sample, small sites (3 pages each, a long chrome block
    around each story) top the boilerplate sample up: the example counts
    and ranks each site's records by the sample hash in Spark and takes the
    command's top-up, so its rows are the command's. Without the top-up
    (the command's --site-sample-pages 0) the small sites' chrome is not
    learned and the rows differ: a sample of the rows under the cut-off
    alone would not give the command's. With a tight top-up (two pages a
    site, a third for a prefix of the sites in key order, within 16% of
    the text) the set depends on the depths too, which the sampled rows
    alone would not find, and on the sites left out: one-page sites add
    nothing and count nothing."""
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(small_sites_corpus(), parquet, row_group_size=100)
    settings, flags = small_sites_settings(budget)
    want = cli_rows(run_cli, tmp_path, parquet, *flags)
    log = []
    setting_flags = [f for k, v in settings.items() for f in ("--setting", f"{k}={v}")]
    got = spark_rows(session, tmp_path, parquet, "--partitions", "3", "--conf", "spark.sql.files.maxPartitionBytes=65536",
                     *setting_flags, sign_tasks=2, log=log)
    assert got == want
    # The records it sampled are those the stage functions pick without
    # Spark (test_stages.sampled), at the same depths, and the set is the
    # whole corpus's.
    table = pq.read_table(parquet)
    picked, _, topped, (depth, level, last), deeper, _ = sampled(table.to_batches(max_chunksize=50), **settings)
    counts = re.search(r"(\d+) records under the cut-off, (\d+) added by the site top-up "
                       r"\(depth (\d+)(?:, to (\d+) for the sites up to (-?\d+))?\)", log[0])
    assert counts, log[0][-4000:]
    logged = [None if n is None else int(n) for n in counts.groups()]
    assert topped > 0 and logged == [picked.num_rows - topped, topped, depth, level if last is not None else None, last]
    shingles = int(re.search(r"boilerplate: (\d+) shingles", log[0]).group(1))
    assert shingles == len(neardup.boilerplate(table, **settings)) // 8
    if budget is None:
        assert (depth, level, last) == (40, None, None)
    else:
        assert (depth, level) == (2, 3) and deeper > 0, "a prefix of the sites goes one page deeper"
        assert cli_rows(run_cli, tmp_path, parquet, *flags, "--site-sample-pages", "0") != want
