#!/usr/bin/env python3
"""Near-duplicate clustering on Apache Spark with neardup's stage functions
(docs/distributed.md)::

    spark-submit examples/spark_dedup.py --input crawl.parquet --output out/
    python examples/spark_dedup.py --input crawl.parquet --output out/ --master 'local[2]'

1. A key per record (``monotonically_increasing_id()``: input order, which
   decides only which of repeated ids is kept).
2. The boilerplate set, learned on the driver from a sample of at most
   16 MB of text (all texts when they fit, which gives ``neardup cluster``'s
   result), broadcast to the tasks with every stage's settings.
3. ``mapInArrow``: each partition signed (``neardup.sign``); the signed rows
   are cached.
4. Repeated ids: only the smallest key of an id is kept (a shuffle of ids
   and keys).
5. The band keys are shuffled by ``(band, band_key)`` (only band, bucket key
   and document key cross the network); buckets of one document are
   dropped. Each remaining bucket is given a partition; the signed rows and
   texts of its documents join it there (once per partition), and
   ``neardup.verify`` verifies the partition's buckets in a ``mapInArrow``.
6. Components: the verified pairs, signed rows and texts are collected and
   ``neardup.components`` runs on the driver (stars, then the spin view,
   exactly as one process) when the pairs are at most ``--driver-pairs``.
   Above that the run stops and says so: labelling components in Spark
   (large-star/small-star) would give connected components, without the
   stars and the spin view, i.e. another partition than ``neardup
   cluster``'s (docs/distributed.md).
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

# The library's sample size: under it every text is sampled.
SAMPLE_BYTES = 16 << 20


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", required=True, help="Parquet file or directory")
    p.add_argument("--output", required=True, help="directory for the Parquet rows (replaced)")
    p.add_argument("--master", help="Spark master (default: spark-submit's)")
    p.add_argument("--id-field", default="id")
    p.add_argument("--text-field", default="text")
    p.add_argument("--date-field", default="date", help="'' for none")
    p.add_argument("--url-field", default="url", help="'' for none")
    p.add_argument("--partitions", type=int, help="verify partitions (default: Spark's default parallelism)")
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


def log(msg: str, t0: float):
    print(f"spark_dedup: {time.time() - t0:7.1f}s  {msg}", file=sys.stderr, flush=True)


# The signing task's rows: the signed document (its band keys in band order)
# or, for a record not signed, its key, id and why.
SIGNED = pa.schema(list(SCHEMAS["docs"]) + [
    pa.field("band_keys", pa.list_(pa.int64())),  # bucket keys, bits kept
    pa.field("skip_code", pa.string()),
    pa.field("skip_reason", pa.string()),
])


def sign_task(fields, boilerplate, settings):
    key, id_field, text, date, url = fields

    def run(batches):
        for b in batches:
            docs, bands, skipped = neardup.sign(b, "key", id_field, text, date, url, boilerplate=boilerplate, **settings)
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


def verify_task(boilerplate, settings):
    doc_names = SCHEMAS["docs"].names

    def run(batches):
        # A partition holds whole buckets: all of them before verifying.
        batches = list(batches)
        if not batches:
            return
        rows = pa.Table.from_batches(batches)
        is_band = pc.is_valid(rows["band"])
        bands = rows.filter(is_band).select(["band", "band_key", "key"]).rename_columns(["band", "band_key", "doc_key"])
        docs = rows.filter(pc.invert(is_band))
        pairs = neardup.verify(bands, docs.select(doc_names), docs.select(["key", "text"]), boilerplate=boilerplate, **settings)
        yield neardup.spark_types(pairs)

    return run


def main(argv=None) -> int:
    args = parse_args(argv)
    t0 = time.time()
    if args.master and args.master.startswith("local"):
        # Local workers run this interpreter, which has neardup installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("neardup spark_dedup")
    if args.master:
        builder = builder.master(args.master)
    for c in args.conf:
        builder = builder.config(*c.split("=", 1))
    spark = builder.getOrCreate()
    settings = settings_of(args.setting)
    df = spark.read.parquet(args.input)
    cols = set(df.columns)
    date = args.date_field if args.date_field in cols else None
    url = args.url_field if args.url_field in cols else None
    df = df.withColumn("key", F.monotonically_increasing_id())

    # 2. Boilerplate from a sample on the driver.
    text_bytes = df.select(F.sum(F.octet_length(args.text_field))).first()[0] or 0
    wanted = [c for c in ("key", args.id_field, args.text_field, url) if c]
    sample = df.select(*wanted)
    if text_bytes > SAMPLE_BYTES:
        sample = sample.sample(fraction=SAMPLE_BYTES / text_bytes, seed=7)
    boiler = neardup.boilerplate(to_arrow(sample), args.id_field, args.text_field, url, **settings)
    log(f"boilerplate: {len(boiler) // 8} shingles from {'all texts' if text_bytes <= SAMPLE_BYTES else 'a sample'} ({text_bytes} bytes of text)", t0)
    bp, st = spark.sparkContext.broadcast(boiler), spark.sparkContext.broadcast(settings)

    # 3. Sign each partition.
    fields = ("key", args.id_field, args.text_field, date, url)
    signed = df.mapInArrow(lambda it: sign_task(fields, bp.value, st.value)(it), spark_schema(SIGNED)).cache()
    skipped = signed.filter(F.col("skip_code").isNotNull())
    docs = signed.filter(F.col("skip_code").isNull()).drop("skip_code", "skip_reason")
    # 4. Of a repeated id only the smallest key.
    firsts = docs.groupBy("id").agg(F.min("key").alias("key"))
    docs = docs.join(firsts, ["id", "key"], "left_semi").cache()
    log(f"signed {docs.count()} documents, skipped {skipped.count()} records", t0)

    # 5. Band keys shuffled; buckets of two or more documents verified.
    parts = args.partitions or spark.sparkContext.defaultParallelism
    bands = docs.select("key", F.posexplode("band_keys").alias("band", "band_key"))
    bucket = Window.partitionBy("band", "band_key")
    shared = (bands.withColumn("n", F.count(F.lit(1)).over(bucket)).filter("n > 1").drop("n")
              .withColumn("p", F.pmod(F.hash("band", "band_key"), F.lit(parts))))
    texts = df.select("key", F.col(args.text_field).alias("text"))
    doc_rows = (shared.select("key", "p").distinct()
                .join(docs.drop("band_keys"), "key").join(texts, "key"))
    verify_in = shared.unionByName(doc_rows, allowMissingColumns=True).repartition(parts, "p")
    pairs = verify_in.mapInArrow(lambda it: verify_task(bp.value, st.value)(it), spark_schema(SCHEMAS["pairs"])).cache()
    n_pairs = pairs.count()
    log(f"verified {n_pairs} pairs (a pair found in several buckets counts once per partition)", t0)

    # 6. Components on the driver while the pairs fit.
    if n_pairs > args.driver_pairs:
        print(f"spark_dedup: {n_pairs} verified pairs exceed --driver-pairs {args.driver_pairs}: "
              "components on the driver would not fit; see docs/distributed.md", file=sys.stderr)
        spark.stop()
        return 2
    log(f"components: on the driver ({n_pairs} pairs <= --driver-pairs {args.driver_pairs})", t0)
    rows = neardup.components(
        to_arrow(docs.drop("band_keys")), to_arrow(pairs), to_arrow(texts.join(docs.select("key"), "key")), **settings
    )
    # 7. The rows, as neardup cluster writes them.
    out = pa.Table.from_batches([neardup.spark_types(b) for b in rows.to_batches()])
    try:
        result = spark.createDataFrame(out)  # Spark 4 takes Arrow tables
    except TypeError:
        result = spark.createDataFrame(out.to_pandas())  # Spark 3.5: pandas
    result.write.mode("overwrite").parquet(args.output)
    clusters = rows.filter(pc.greater(rows["cluster_size"], 1))
    log(f"wrote {rows.num_rows} rows to {args.output} ({clusters.num_rows} in clusters of 2 or more)", t0)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
