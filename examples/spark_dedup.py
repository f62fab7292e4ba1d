#!/usr/bin/env python3
"""Near-duplicate clustering on Apache Spark with neardup's stage functions
(docs/distributed.md)::

    spark-submit examples/spark_dedup.py --input crawl.parquet --output out/
    python examples/spark_dedup.py --input crawl.parquet --output out/ --master 'local[2]'

1. A key per record (``monotonically_increasing_id()``: input order, which
   decides only which of repeated ids is kept).
2. The boilerplate set, learned on the driver from the sample ``neardup
   cluster`` takes: each partition gives every record's sample keys
   (``neardup.sample_keys``: site, hash and text bytes, a narrow cached
   frame); their text is summed for the cut-off (``neardup.sample_cut``);
   the rows under it are sampled (about 16 MB of text), and so is the site
   top-up: the rows of each site of two or more (``site_min_pages``)
   ranked by hash (``rank()``), the text each rank adds above the cut-off
   summed over the sites and collected (at most ``site_sample_pages``
   numbers), the depths chosen by ``neardup.sample_depths``: the rows above
   the cut-off ranked within ``depth``, and those ranked within the next
   ``level`` of the first sites in key order whose text there fits what
   the budget leaves (``left``; a running sum). Those records are collected
   and the set learned from them with the total and the depths; it is
   broadcast to the tasks with every stage's settings.
3. ``mapInArrow``: each partition signed (``neardup.sign``); the signed rows
   are cached.
4. Repeated ids: only the smallest key of an id is kept (a shuffle of ids
   and keys).
5. The band keys are shuffled by ``(band, band_key)`` (only band, bucket key
   and document key cross the network); buckets of one document are
   dropped. Each remaining bucket is given a partition and the signed rows
   of its documents join it there (once per partition). A first pass
   (``neardup.verify_texts``) names the texts each partition's
   verification reads, those of pairs near a threshold; only those texts
   join it, and ``neardup.verify`` verifies the partition's buckets in a
   ``mapInArrow``.
6. Components: the verified pairs and signed rows are collected and
   ``neardup.components`` runs on the driver (stars, then the spin view,
   exactly as one process), fetching from Spark only the texts the spin
   view aligns (``fetch_texts``), when the pairs are at most
   ``--driver-pairs``. Above that, in Spark: the connected components of
   the verified pairs (large-star/small-star) and, with the spin view on,
   of its candidate pairs (``neardup.spin_bands``, shuffled by bucket like
   the band keys, ``neardup.spin_pairs`` per partition); then
   ``neardup.components`` on whole components, a partition of them per
   task, with their spin candidates (``spin_pairs=``: the spin view takes
   the whole corpus's candidates instead of bucketing the part again) and
   the texts its spin view reads joined a round at a time
   (``neardup.components_or_missing``: a part's rows, or the keys of the
   texts it lacked, so each round clusters each part once). Every pair
   the spin view of one process considers lies inside one component, so
   the rows are the same (docs/distributed.md).
7. The per-document rows (``id``, ``cluster_id``, ``relation``,
   ``origin_id``, ... as ``neardup cluster`` writes them) are written as
   Parquet to ``--output``.

Settings (``--setting threshold=0.8``, repeatable) are neardup.cluster's.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

import neardup
from neardup.stages import SCHEMAS

def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", required=True, help="Parquet file or directory")
    p.add_argument("--output", required=True, help="directory for the Parquet rows (replaced)")
    p.add_argument("--skipped", help="directory for the records not clustered, with why "
                   "(default: OUTPUT.skipped; replaced)")
    p.add_argument("--master", help="Spark master (default: spark-submit's)")
    p.add_argument("--id-field", default="id")
    p.add_argument("--text-field", default="text")
    p.add_argument("--date-field", default="date", help="'' for none")
    p.add_argument("--url-field", default="url", help="'' for none")
    p.add_argument("--partitions", type=int, help="partitions of the shuffled steps: the sample's ranks, verify, components "
                   "(default: Spark's default parallelism)")
    p.add_argument("--driver-pairs", type=int, default=50_000_000,
                   help="most verified pairs clustered on the driver (default 50M)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="a Spark setting, e.g. spark.sql.files.maxPartitionBytes=1m")
    p.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE",
                   help="a neardup setting, e.g. threshold=0.8 or profile=whole-text")
    return p.parse_args(argv)


def settings_of(pairs):
    out = {}
    for s in pairs:
        key, _, value = s.partition("=")
        if value.lower() in ("true", "false"):
            out[key] = value.lower() == "true"
            continue
        for conv in (int, float):
            try:
                out[key] = conv(value)
                break
            except ValueError:
                continue
        else:
            out[key] = value
    return out


def spark_schema(schema: pa.Schema):
    """The Spark type of a stage batch as `neardup.spark_types` turns it."""
    empty = pa.RecordBatch.from_pylist([], schema=schema)
    return from_arrow_schema(neardup.spark_types(empty).schema)


def to_arrow(df) -> pa.Table:
    """A small DataFrame on the driver as Arrow (Spark 4's toArrow, else 3.5's)."""
    if hasattr(df, "toArrow"):
        return df.toArrow()
    return pa.Table.from_batches(df._collect_as_arrow(), schema=None)


# What the run caches (DataFrames and RDDs): a session that outlives the
# run (run_in) releases it when the run ends; the script's own session
# stops with it. One run at a time in a process.
_HELD = []


def hold(frame):
    """`frame` cached, and remembered for release_held."""
    _HELD.append(frame.cache())
    return frame


def release_held():
    while _HELD:
        _HELD.pop().unpersist()


def log(msg: str, t0: float):
    print(f"spark_dedup: {time.time() - t0:7.1f}s  {msg}", file=sys.stderr, flush=True)


# The signing task's rows: the signed document (its band keys in band order)
# or, for a record not signed, its key, id and why.
SIGNED = pa.schema(list(SCHEMAS["docs"]) + [
    pa.field("band_keys", pa.list_(pa.int64())),  # bucket keys, bits kept
    pa.field("skip_code", pa.string()),
    pa.field("skip_reason", pa.string()),
])


def sample_keys_task(id_field, text_field, url, settings):
    """Each partition's documents as their `key` and sample keys (`site`,
    `hash` in signed order, `len`); rows that are not documents (no id or
    text) are never sampled and left out."""
    def run(batches):
        for b in batches:
            k = neardup.sample_keys(b, id_field, text_field, url, **settings)
            out = pa.RecordBatch.from_arrays([b.column("key"), k["site"], k["hash"], k["len"]],
                                             names=["key", "site", "hash", "len"])
            yield out.filter(pc.is_valid(out["hash"]))
    return run


def boilerplate_sample(records, id_field, text_field, url, settings, parts, t0):
    """The records `neardup cluster` samples for the boilerplate set: those
    whose text hashes under the cut-off for the total text, and the site
    top-up (crates/neardup/src/corpus/sample.rs; `site` is a record's
    site, or without a url its frame: a frame tops up as a site does).
    Only sites with at least
    `site_min_pages` records take part (a window count by site). Each
    one's records are ranked by hash (SQL's rank(), as the command ranks
    them); the text each rank adds above the cut-off is summed over the
    sites (a number a rank, up to site_sample_pages), and
    `neardup.sample_depths` chooses from those sums `(depth, level, left)`:
    every site's records above the cut-off ranked within `depth` join the
    sample, and with a `level`, so do those ranked within it of the sites
    up to `last`: the greatest site (in key order) whose running sum of
    its text ranked between the two is at most `left` (one row a site,
    summed in one ordered window). Returns those records, the text bytes
    and the depths `(depth, level, last)` for `neardup.boilerplate`. Only
    keys are shuffled to rank (into `parts` partitions); the records
    sampled are collected with their texts."""
    keys = hold(records.mapInArrow(sample_keys_task(id_field, text_field, url, settings),
                                   "key long, site long, hash long, len long"))
    docs, text_bytes = keys.agg(F.count(F.lit(1)), F.sum("len")).first()
    text_bytes = text_bytes or 0
    cut = neardup.sample_cut(text_bytes, **settings)
    sizes = neardup.sample_settings(**settings)
    pages, min_pages = sizes["site_sample_pages"], sizes["site_min_pages"]
    chosen = keys.filter(F.col("hash") <= cut).select("key")
    under, topped, above, last = chosen.count(), 0, None, None
    added = [0] * pages
    if under < docs and pages > 0:
        site = Window.partitionBy("site")
        by_site = site.orderBy("hash")
        # In `parts` partitions: the window's shuffle would leave
        # spark.sql.shuffle.partitions, hundreds of tiny tasks a pass.
        # Sites of fewer pages than the site rule needs take no part
        # (their pages are not even counted in the sums).
        above = hold(keys.filter(F.col("site") != F.lit(neardup.NO_SITE)).repartition(parts, "site")
                 .withColumn("pages", F.count(F.lit(1)).over(site))
                 .withColumn("rank", F.rank().over(by_site))
                 .filter((F.col("pages") >= min_pages) & (F.col("hash") > cut) & (F.col("rank") <= pages)))
        for r in above.groupBy("rank").agg(F.sum("len").alias("n")).collect():
            added[r["rank"] - 1] = r["n"]
    # The depths the command finds (with nothing above the cut-off too):
    # `neardup.boilerplate` is given them, the sampled rows alone would find
    # deeper ones, and a site's bar for its chrome depends on its depth.
    depth, level, left = neardup.sample_depths(added, text_bytes, **settings)
    if above is not None and level is not None:
        # Each site's text between the two ranks, one row a site, summed in
        # site order: the sites up to the last whose running sum fits `left`
        # go to `level`.
        running = Window.orderBy("site").rowsBetween(Window.unboundedPreceding, Window.currentRow)
        extra = (above.filter(F.col("rank") > depth).filter(F.col("rank") <= level)
                 .groupBy("site").agg(F.sum("len").alias("extra")).filter(F.col("extra") > 0)
                 .withColumn("sum", F.sum("extra").over(running)))
        last = extra.filter(F.col("sum") <= left).agg(F.max("site")).first()[0]
    if above is not None:
        take = F.col("rank") <= depth
        if last is not None:
            take = take | ((F.col("site") <= last) & (F.col("rank") <= level))
        top_up = above.filter(take).select("key")
        topped = top_up.count()
        chosen = chosen.unionByName(top_up)
    deeper = f", to {level} for the sites up to {last}" if last is not None else ""
    log(f"boilerplate sample: {under} records under the cut-off, {topped} added by the site top-up "
        f"(depth {depth}{deeper}) of {text_bytes} bytes of text", t0)
    sample = to_arrow(records.join(F.broadcast(chosen), "key", "left_semi"))
    for cached in (keys, above):
        if cached is not None:
            cached.unpersist()
    return sample, text_bytes, (depth, level, last)


def sign_task(fields, boilerplate, settings):
    key, id_field, text, date, url = fields

    def run(batches):
        for b in batches:
            docs, bands, skipped = neardup.sign(b, key, id_field, text, date, url, boilerplate=boilerplate, **settings)
            # Band rows come document by document, band by band.
            n = docs.num_rows
            per = bands.num_rows // n if n else 1
            offsets = pa.array(range(0, n * per + 1, per), pa.int32())
            lists = pa.ListArray.from_arrays(offsets, neardup.spark_types(bands).column("band_key"))
            signed = pa.Table.from_batches([docs]).append_column("band_keys", lists)
            rest = pa.table({"key": skipped["key"], "id": skipped["id"], "skip_code": skipped["code"], "skip_reason": skipped["reason"]})
            out = pa.concat_tables([signed, rest], promote_options="default").cast(SIGNED)
            for batch in out.to_batches():
                yield neardup.spark_types(batch)

    return run


def buckets_with_docs(bands, docs, parts):
    """Band rows (`key`, `band`, `band_key`) of the buckets that hold two
    or more documents, each bucket given a partition `p`, and beside them
    the rows of `docs` their documents have, once per partition that names
    them: what a task needs to pair a partition's buckets."""
    bucket = Window.partitionBy("band", "band_key")
    shared = (bands.withColumn("n", F.count(F.lit(1)).over(bucket)).filter("n > 1").drop("n")
              .withColumn("p", F.pmod(F.hash("band", "band_key"), F.lit(parts))))
    doc_rows = shared.select("key", "p").distinct().join(docs, "key")
    return shared.unionByName(doc_rows, allowMissingColumns=True)


def split_bucket_rows(batches):
    """A partition of whole buckets as all its rows, its band rows (as
    ``SCHEMAS["bands"]`` names them) and the other rows (the documents the
    buckets name); None for an empty partition."""
    if not batches:
        return None
    rows = pa.Table.from_batches(batches)
    is_band = pc.is_valid(rows["band"])
    bands = rows.filter(is_band).select(["band", "band_key", "key"]).rename_columns(["band", "band_key", "doc_key"])
    return rows, bands, rows.filter(pc.invert(is_band))


def verify_task(boilerplate, settings, needs=False):
    """Verifies a partition's buckets; with `needs`, names the texts that
    takes instead (the keys of documents in pairs near a threshold, as
    ``p``, ``key`` rows that lead each text back to this partition)."""
    doc_names = SCHEMAS["docs"].names

    def run(batches):
        # A partition holds whole buckets: all of them before verifying.
        split = split_bucket_rows(list(batches))
        if split is None:
            return
        rows, bands, rest = split
        texts = None
        if "text" in rest.column_names:
            has_text = pc.is_valid(rest["text"])
            texts, rest = rest.filter(has_text).select(["key", "text"]), rest.filter(pc.invert(has_text))
        docs = rest.select(doc_names)
        if needs:
            keys = neardup.verify_texts(bands, docs, boilerplate=boilerplate, **settings)
            # Every p of this partition hashes here: any of them leads back.
            p = pc.min(rows["p"]).as_py()
            yield pa.RecordBatch.from_pydict({"p": pa.array([p] * len(keys), pa.int32()),
                                              "key": keys.cast(pa.int64())})
        else:
            yield neardup.spark_types(neardup.verify(bands, docs, texts, boilerplate=boilerplate, **settings))

    return run


def data_frame(spark, table: pa.Table):
    """A driver-side Arrow table as a DataFrame. Spark 4 takes Arrow; 3.5
    takes pandas, through Arrow when `spark.sql.execution.arrow.pyspark.enabled`
    is on (without it a null score would come back as NaN), with the table's
    own schema so that no type is guessed."""
    try:
        return spark.createDataFrame(table)
    except TypeError:
        spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
        spark.conf.set("spark.sql.execution.arrow.pyspark.fallback.enabled", "false")
        return spark.createDataFrame(table.to_pandas(), schema=from_arrow_schema(table.schema))


def connected_components(edges):
    """Each node of the `(u, v)` edges (an RDD) with the smallest node of its
    component: large-star and small-star until nothing changes (Kiveris et
    al., "Connected Components in MapReduce and Beyond", 2014; the loop of
    BigCode's Spark near-deduplication). Returns `(node, label)` for the
    nodes that are not their component's smallest, and the iterations run."""

    def large_star(group):
        x, neighbours = group
        m = min(x, *neighbours)
        return [(n, m) for n in neighbours if n > x]

    def small_star(group):
        x, neighbours = group
        m = min(x, *neighbours)
        return [(n, m) for n in (x, *neighbours) if n != m]

    a, rounds = edges, 0
    while True:
        rounds += 1
        a = hold(a.flatMap(lambda e: (e, (e[1], e[0]))).groupByKey().flatMap(large_star).distinct())
        b = hold(a.map(lambda e: (max(e), min(e))).groupByKey().flatMap(small_star).distinct())
        if a.subtract(b).union(b.subtract(a)).isEmpty():
            return b, rounds
        a = b


# A row of a components partition: a signed document, a verified pair, the
# text of a document, or a spin candidate (`kind`), each with the part it
# belongs to.
DOC, PAIR, TEXT, SPIN = 0, 1, 2, 3

# Rounds of texts fetched for the spin view in Spark before giving up, as
# neardup.components(fetch_texts=...) does on the driver.
MAX_TEXT_ROUNDS = 16


def split_part_rows(batches, spin):
    """A components partition's rows as `neardup.components`' arguments:
    documents, pairs, texts (when any came) and, with the spin view on
    (`spin`), its spin candidates (none is an empty table, not None: the
    spin view must not bucket the part again)."""
    rows = pa.Table.from_batches(batches)
    kind = rows["kind"]
    docs = rows.filter(pc.equal(kind, DOC)).select(SCHEMAS["docs"].names)
    pairs = rows.filter(pc.equal(kind, PAIR)).select(SCHEMAS["pairs"].names)
    texts = rows.filter(pc.equal(kind, TEXT)).select(["key", "text"]) if "text" in rows.column_names else None
    candidates = rows.filter(pc.equal(kind, SPIN)).select(["a", "b"]) if spin else None
    return docs, pairs, texts, candidates


# A components task's output: the rows of its documents or, when its spin
# view read texts it was not given, only their keys (`need`).
PART_OUT = pa.schema([f.with_nullable(True) for f in SCHEMAS["rows"]] + [pa.field("need", pa.uint64())])


def components_task(settings, spin, boilerplate):
    """`neardup.components_or_missing` on a partition's whole parts: its
    rows, or the keys of the texts it read and was not given."""
    def run(batches):
        batches = list(batches)
        if not batches:
            return
        docs, pairs, texts, candidates = split_part_rows(batches, spin)
        rows, missing = neardup.components_or_missing(docs, pairs, texts, spin_pairs=candidates,
                                                      boilerplate=boilerplate, **settings)
        if rows is None:
            out = pa.RecordBatch.from_arrays(
                [pa.nulls(len(missing), f.type) for f in PART_OUT][:-1] + [missing], schema=PART_OUT)
            yield neardup.spark_types(out)
            return
        for b in rows.to_batches():
            cols = [b.column(f.name) for f in SCHEMAS["rows"]] + [pa.nulls(b.num_rows, pa.uint64())]
            yield neardup.spark_types(pa.RecordBatch.from_arrays(cols, schema=PART_OUT))
    return run


def spin_pairs_task(settings):
    """The spin view's candidate pairs of a partition's whole buckets."""
    def run(batches):
        split = split_bucket_rows(list(batches))
        if split is None:
            return
        _, bands, rest = split
        out = neardup.spin_pairs(bands, rest.select(SCHEMAS["docs"].names), **settings)
        yield from pa.table({"a": out["a"].cast(pa.int64()), "b": out["b"].cast(pa.int64())}).to_batches()
    return run


def spin_candidates(docs, parts, settings):
    """The spin view's candidate pairs, those of one process (a pair found
    in several buckets once per partition that found it): its band keys
    shuffled like the verbatim ones, each bucket of two or more with the
    signed rows of its documents."""
    bands = docs.mapInArrow(lambda it: (neardup.spark_types(neardup.spin_bands(b, **settings.value)) for b in it),
                            spark_schema(SCHEMAS["bands"]))
    return (buckets_with_docs(bands.withColumnRenamed("doc_key", "key"), docs, parts).repartition(parts, "p")
            .mapInArrow(lambda it: spin_pairs_task(settings.value)(it), "a long, b long"))


def spark_components(docs, pairs, texts, spin, parts, settings, bp, t0):
    """The rows of every document, clustered in Spark: connected components
    of the verified pairs (with the spin view on, of those pairs and the
    spin view's candidates), then `neardup.components` on whole components
    (stars around the kept copies, the spin view on the component's
    candidates), a partition of components per task; cluster ids
    renumbered in the order one process gives them (clusters of two or
    more first, larger first, then by origin id). The spin view's texts
    join their component's partition a round at a time, only those it
    reads."""
    spark = docs.sparkSession
    edges = pairs.select("a", "b")
    if spin:
        candidates = hold(spin_candidates(docs, parts, settings))
        log(f"spin view: {candidates.count()} candidate pairs", t0)
        edges = edges.unionByName(candidates)
    labels, rounds = connected_components(edges.rdd.map(tuple))
    labels = hold(spark.createDataFrame(labels, "key long, label long"))
    log(f"components labelled in {rounds} large-star/small-star iterations", t0)
    labelled = docs.join(labels, "key", "left").withColumn("label", F.coalesce("label", "key"))
    label_a = labels.withColumnRenamed("key", "a")
    pair_rows = pairs.join(label_a, "a", "left").withColumn("label", F.coalesce("label", "a"))
    # In `parts` partitions from here: the joins above leave
    # spark.sql.shuffle.partitions each, hundreds of tiny tasks per pass.
    both = (labelled.withColumn("kind", F.lit(DOC))
            .unionByName(pair_rows.withColumn("kind", F.lit(PAIR)), allowMissingColumns=True))
    if spin:
        spin_rows = candidates.join(label_a, "a", "left").withColumn("label", F.coalesce("label", "a"))
        both = both.unionByName(spin_rows.withColumn("kind", F.lit(SPIN)), allowMissingColumns=True)
    both = hold(both.repartition(parts, "label"))
    # Each round clusters every part once: a part whose spin view read
    # texts it lacked names them instead of giving rows, and the next round
    # has them joined (with the spin view off, the first round is the last).
    part_rows, out, fetched = both, None, 0
    label_of = labelled.select("key", "label")
    for round_ in range(MAX_TEXT_ROUNDS + 1):
        if out is not None:
            out.unpersist()
        out = hold(part_rows.repartition(parts, "label")
                   .mapInArrow(lambda it: components_task(settings.value, spin, bp.value)(it), spark_schema(PART_OUT)))
        need = out.filter(F.col("need").isNotNull()).select(F.col("need").alias("key"))
        n = need.count()
        if n == 0:
            break
        if round_ == MAX_TEXT_ROUNDS:
            raise RuntimeError(f"components still lacked texts after {MAX_TEXT_ROUNDS} rounds")
        got = (texts.join(need, "key").join(label_of, "key").withColumn("kind", F.lit(TEXT))
               .repartition(parts, "label"))
        part_rows = hold(part_rows.unionByName(got, allowMissingColumns=True))
        fetched += n
    if spin:
        log(f"components: read {fetched} texts in {round_} rounds", t0)
    local = out.filter(F.col("need").isNull()).drop("need")
    order = local.select("cluster_size", "origin_id").distinct().orderBy(
        (F.col("cluster_size") == 1), F.col("cluster_size").desc(), "origin_id")
    ids = spark.createDataFrame(
        order.rdd.zipWithIndex().map(lambda r: (r[0]["origin_id"], r[1])), "origin_id string, cluster long")
    names = SCHEMAS["rows"].names
    return (local.join(ids, "origin_id").withColumn("cluster_id", F.col("cluster").cast("int"))
            .select(*names).orderBy("id"))


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.master and args.master.startswith("local"):
        # Local workers run this interpreter, which has neardup installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("neardup spark_dedup")
    if args.master:
        builder = builder.master(args.master)
    for c in args.conf:
        builder = builder.config(*c.split("=", 1))
    spark = builder.getOrCreate()
    try:
        return dedup(spark, args)
    finally:
        spark.stop()


def run_in(spark, argv) -> int:
    """Runs the job in a session already running (a notebook's, or a test's
    that runs several), with this script's arguments; the session is left
    running. ``--master`` is the session's own; each ``--conf`` is set
    for this run only (runtime settings: those fixed at the session's
    start, such as the master, cannot change here). What the run cached
    is released when it ends."""
    args = parse_args(argv)
    before = {}
    for c in args.conf:
        key, value = c.split("=", 1)
        before.setdefault(key, spark.conf.get(key, None))
        spark.conf.set(key, value)
    try:
        return dedup(spark, args)
    finally:
        release_held()
        for key, value in before.items():
            if value is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, value)


def dedup(spark, args) -> int:
    """Steps 1-7 of the module doc in `spark`, with the parsed arguments."""
    t0 = time.time()
    settings = settings_of(args.setting)
    df = spark.read.parquet(args.input)
    cols = set(df.columns)
    date = args.date_field if args.date_field in cols else None
    url = args.url_field if args.url_field in cols else None
    df = df.withColumn("key", F.monotonically_increasing_id())

    # 2. Boilerplate from the command's sample, collected on the driver.
    wanted = [c for c in ("key", args.id_field, args.text_field, url) if c]
    records = df.select(*wanted)
    parts = args.partitions or spark.sparkContext.defaultParallelism
    sample, text_bytes, top_up = boilerplate_sample(records, args.id_field, args.text_field, url, settings, parts, t0)
    boiler = neardup.boilerplate(sample, args.id_field, args.text_field, url,
                                 total_text_bytes=text_bytes, top_up=top_up, **settings)
    budget = neardup.sample_settings(**settings)["df_sample_bytes"]
    log(f"boilerplate: {len(boiler) // 8} shingles from {'all texts' if text_bytes <= budget else 'a sample'} ({text_bytes} bytes of text)", t0)
    bp, st = spark.sparkContext.broadcast(boiler), spark.sparkContext.broadcast(settings)

    # 3. Sign each partition.
    fields = ("key", args.id_field, args.text_field, date, url)
    signed = hold(df.mapInArrow(lambda it: sign_task(fields, bp.value, st.value)(it), spark_schema(SIGNED)))
    skipped = signed.filter(F.col("skip_code").isNotNull())
    docs = signed.filter(F.col("skip_code").isNull()).drop("skip_code", "skip_reason")
    # 4. Of a repeated id only the smallest key; the others are reported.
    firsts = docs.groupBy("id").agg(F.min("key").alias("key"))
    repeats = docs.join(firsts, ["id", "key"], "left_anti").select(
        "key", "id", F.lit("duplicate_id").alias("skip_code"),
        F.lit("duplicate id: a record with a smaller key has it (the first is kept)").alias("skip_reason"))
    skipped = skipped.select("key", "id", "skip_code", "skip_reason").unionByName(repeats)
    docs = hold(docs.join(firsts, ["id", "key"], "left_semi"))
    tasks = df.rdd.getNumPartitions()
    log(f"signed {docs.count()} documents in {tasks} tasks, skipped {skipped.count()} records", t0)

    # 5. Band keys shuffled; buckets of two or more documents verified.
    bands = docs.select("key", F.posexplode("band_keys").alias("band", "band_key"))
    texts = df.select("key", F.col(args.text_field).alias("text"))
    # Each partition's buckets with the signed rows of their documents; the
    # texts travel only where pairs near a threshold are counted exactly.
    verify_in = buckets_with_docs(bands, docs.drop("band_keys"), parts)
    needs = (verify_in.repartition(parts, "p")
             .mapInArrow(lambda it: verify_task(bp.value, st.value, needs=True)(it), "p int, key long"))
    need_texts = needs.join(texts, "key")
    pairs = hold(verify_in.unionByName(need_texts, allowMissingColumns=True).repartition(parts, "p")
                 .mapInArrow(lambda it: verify_task(bp.value, st.value)(it), spark_schema(SCHEMAS["pairs"])))
    n_pairs = pairs.count()
    log(f"verified {n_pairs} pairs (a pair found in several buckets counts once per partition)", t0)

    # 6. Components: on the driver while the pairs fit, else in Spark.
    spin = docs.select(F.length("spin_signature")).first()[0] > 0
    if n_pairs <= args.driver_pairs:
        log(f"components: on the driver ({n_pairs} pairs <= --driver-pairs {args.driver_pairs})", t0)
        # The spin view reads the texts of the pairs it aligns, a few
        # percent: those alone come to the driver, a round at a time.
        fetched = []

        def fetch(keys: pa.UInt64Array) -> pa.Table:
            fetched.append(len(keys))
            wanted = data_frame(spark, pa.table({"key": keys.cast(pa.int64())}))
            return to_arrow(texts.join(F.broadcast(wanted), "key"))

        rows = neardup.components(to_arrow(docs.drop("band_keys")), to_arrow(pairs), fetch_texts=fetch,
                                  boilerplate=boiler, **settings)
        log(f"components: read {sum(fetched)} texts in {len(fetched)} rounds", t0)
        out = pa.Table.from_batches([neardup.spark_types(b) for b in rows.to_batches()])
        result = data_frame(spark, out)
    else:
        log(f"components: in Spark, large-star/small-star ({n_pairs} pairs > --driver-pairs {args.driver_pairs})", t0)
        result = spark_components(docs.drop("band_keys"), pairs, texts, spin, parts, st, bp, t0)
    # 7. The rows, as neardup cluster writes them, and every record not
    # clustered with why (as the command's --skipped), so none is lost unseen.
    result.write.mode("overwrite").parquet(args.output)
    skipped_dir = args.skipped or args.output.rstrip("/") + ".skipped"
    skipped.write.mode("overwrite").parquet(skipped_dir)
    log(f"wrote the records not clustered to {skipped_dir}", t0)
    rows = result.groupBy((F.col("cluster_size") > 1).alias("in_cluster")).count().collect()
    in_clusters = sum(r["count"] for r in rows if r["in_cluster"])
    log(f"wrote {sum(r['count'] for r in rows)} rows to {args.output} ({in_clusters} in clusters of 2 or more)", t0)
    return 0

if __name__ == "__main__":
    sys.exit(main())
