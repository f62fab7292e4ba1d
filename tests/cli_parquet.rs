//! Parquet in and out: the same records as JSON Lines and as Parquet (one
//! file, or a directory of shards) give the same clusters; nested fields by
//! dotted path in both; bad rows are skipped with file and row; dedup
//! passes every input column through. The Parquet inputs are written here,
//! from a generated corpus, with the parquet crate's writer.
#![cfg(feature = "parquet")]

mod common;

use arrow_array::builder::{StringBuilder, TimestampSecondBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, UInt32Type, UInt64Type};
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, Field, Fields, Schema};
use common::{describe, parse_jsonl, run, run_ok};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use serde_json::{Map, Value};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A generated corpus (about 200 records with their copies) as JSON values.
fn generated(dir: &Path) -> (PathBuf, Vec<Value>) {
    let path = common::generate_corpus(dir, &[]);
    let records = parse_jsonl(&std::fs::read(&path).unwrap());
    assert!(records.len() > 100);
    (path, records)
}

fn str_column(records: &[Value], get: impl Fn(&Value) -> Option<&str>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for r in records {
        b.append_option(get(r));
    }
    Arc::new(b.finish())
}

/// How the test records are laid out in Parquet.
#[derive(Clone, Copy)]
enum Layout {
    /// `id`, `url`, `title`, `source`, `text` strings, `date` a timestamp.
    Flat,
    /// `metadata` {`id`, `url`} a struct, `text` a string, no date.
    Nested,
}

/// Writes `records` as Parquet in row groups of `group` rows.
fn write_parquet(path: &Path, records: &[Value], layout: Layout, group: usize) {
    fn field(k: &'static str) -> impl Fn(&Value) -> Option<&str> {
        move |r| r.get(k).and_then(Value::as_str)
    }
    let (schema, columns): (Vec<Field>, Vec<ArrayRef>) = match layout {
        Layout::Flat => {
            let mut dates = TimestampSecondBuilder::new().with_timezone("UTC");
            for r in records {
                dates.append_option(
                    r.get("date")
                        .and_then(Value::as_str)
                        .and_then(neardup::corpus::parse_date),
                );
            }
            let dates = dates.finish();
            let mut fields: Vec<Field> = ["id", "url", "title", "source", "text"]
                .iter()
                .map(|k| Field::new(*k, DataType::Utf8, true))
                .collect();
            fields.push(Field::new("date", dates.data_type().clone(), true));
            let mut columns: Vec<ArrayRef> = ["id", "url", "title", "source", "text"]
                .iter()
                .map(|k| str_column(records, field(k)))
                .collect();
            columns.push(Arc::new(dates));
            (fields, columns)
        }
        Layout::Nested => {
            let meta_fields = Fields::from(vec![
                Field::new("id", DataType::Utf8, true),
                Field::new("url", DataType::Utf8, true),
            ]);
            let meta = StructArray::new(
                meta_fields.clone(),
                vec![
                    str_column(records, |r| r["metadata"]["id"].as_str()),
                    str_column(records, |r| r["metadata"]["url"].as_str()),
                ],
                None,
            );
            (
                vec![
                    Field::new("metadata", DataType::Struct(meta_fields), true),
                    Field::new("text", DataType::Utf8, true),
                ],
                vec![Arc::new(meta), str_column(records, field("text"))],
            )
        }
    };
    let batch = RecordBatch::try_new(Arc::new(Schema::new(schema)), columns).unwrap();
    let props = WriterProperties::builder()
        .set_max_row_group_size(group)
        .build();
    let mut w =
        ArrowWriter::try_new(File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// The rows of a Parquet file as JSON objects (the column types neardup
/// writes, and strings).
fn read_parquet(path: &Path) -> Vec<Value> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        for r in 0..batch.num_rows() {
            let mut row = Map::new();
            for (f, c) in batch.schema().fields().iter().zip(batch.columns()) {
                let v = if c.is_null(r) {
                    Value::Null
                } else {
                    match c.data_type() {
                        DataType::Utf8 => c.as_string::<i32>().value(r).into(),
                        DataType::UInt32 => c.as_primitive::<UInt32Type>().value(r).into(),
                        DataType::UInt64 => c.as_primitive::<UInt64Type>().value(r).into(),
                        DataType::Float64 => c.as_primitive::<Float64Type>().value(r).into(),
                        DataType::Boolean => c.as_boolean().value(r).into(),
                        t => format!("<{t}>").into(),
                    }
                };
                row.insert(f.name().clone(), v);
            }
            rows.push(Value::Object(row));
        }
    }
    rows
}

fn cluster_jsonl(input: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["cluster".as_ref(), input.as_os_str(), "-q".as_ref()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    parse_jsonl(&run_ok(&args).stdout)
}

fn cluster_to_parquet(input: &Path, out: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "cluster".as_ref(),
        input.as_os_str(),
        "-q".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    run_ok(&args);
    read_parquet(out)
}

/// The test is worth something only if the corpus has clusters.
fn assert_has_clusters(docs: &[Value]) {
    let in_clusters = docs
        .iter()
        .filter(|d| d["cluster_size"].as_u64().unwrap() > 1)
        .count();
    assert!(
        in_clusters >= 10,
        "too few clustered documents: {in_clusters}"
    );
}

#[test]
fn parquet_gives_the_same_clusters_as_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let (jsonl, records) = generated(dir.path());
    let from_jsonl = cluster_jsonl(&jsonl, &[]);
    assert_has_clusters(&from_jsonl);
    // Small row groups: records cross row group boundaries, and the texts
    // the engine reads back come from several.
    let parquet = dir.path().join("crawl.parquet");
    write_parquet(&parquet, &records, Layout::Flat, 37);
    let from_parquet = cluster_to_parquet(&parquet, &dir.path().join("docs.parquet"), &[]);
    assert_eq!(from_parquet.len(), from_jsonl.len());
    assert_eq!(from_parquet, from_jsonl);
    // The same output through --output-format to stdout, then as JSON Lines.
    let as_jsonl = cluster_jsonl(&parquet, &["--output-format", "jsonl"]);
    assert_eq!(as_jsonl, from_jsonl);
    // Parquet on stdin is spooled under a name (its reader opens a path).
    let piped = common::run_with_stdin(
        &["cluster", "-", "-q", "--output-format", "jsonl"],
        Some(&std::fs::read(&parquet).unwrap()),
    );
    assert!(piped.status.success(), "{}", describe(&piped));
    assert_eq!(parse_jsonl(&piped.stdout), from_jsonl, "Parquet on stdin");
    // explain finds the pair in either corpus and says the same.
    let copy = from_jsonl.iter().find(|d| d["is_origin"] == false).unwrap();
    let explain = |corpus: &Path| {
        run_ok(&[
            "explain".as_ref(),
            copy["id"].as_str().unwrap().as_ref(),
            copy["origin_id"].as_str().unwrap().as_ref(),
            "--corpus".as_ref(),
            corpus.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ])
        .stdout
    };
    let (a, b) = (explain(&jsonl), explain(&parquet));
    assert!(!a.is_empty());
    assert_eq!(String::from_utf8(a).unwrap(), String::from_utf8(b).unwrap());
}

/// The documents the boilerplate sample held, from a run's summary.
fn sampled_documents(input: &Path, extra: &[&str]) -> usize {
    let mut args: Vec<&std::ffi::OsStr> = vec!["cluster".as_ref(), input.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let err = String::from_utf8(run_ok(&args).stderr).unwrap();
    let at = err.find(" sampled documents").expect("a boilerplate line");
    let number = err[..at].rsplit(' ').next().unwrap();
    number.parse().unwrap_or_else(|_| panic!("{err}"))
}

#[test]
fn formats_agree_when_the_corpus_outgrows_the_boilerplate_sample() {
    // A 128 KiB sample of a ~1 MB corpus: which records it takes, and how
    // many, must depend on their texts alone (a JSON line's bytes hold its
    // other fields; a Parquet file's size is compressed).
    let dir = tempfile::tempdir().unwrap();
    let (jsonl, records) = generated(dir.path());
    // The sites' top-up off: at this size it would add nearly every page
    // (below, on, within a budget that cuts it).
    let small = ["--df-sample-mb", "0.125", "--site-sample-pages", "0"];
    let sampled = sampled_documents(&jsonl, &small);
    assert!(
        sampled > 3 && sampled < records.len() / 4,
        "{sampled} of {} sampled",
        records.len()
    );
    let from_jsonl = cluster_jsonl(&jsonl, &small);
    assert_has_clusters(&from_jsonl);
    assert_ne!(from_jsonl, cluster_jsonl(&jsonl, &[]), "the sample matters");
    let parquet = dir.path().join("crawl.parquet");
    write_parquet(&parquet, &records, Layout::Flat, 37);
    assert_eq!(sampled_documents(&parquet, &small), sampled);
    let from_parquet = cluster_to_parquet(&parquet, &dir.path().join("docs.parquet"), &small);
    assert_eq!(from_parquet, from_jsonl);
    // With the sites' pages added, under a budget that lowers their depth.
    let topped = ["--df-sample-mb", "0.125", "--site-sample-mb", "0.5"];
    let from_jsonl = cluster_jsonl(&jsonl, &topped);
    assert_ne!(
        from_jsonl,
        cluster_jsonl(&jsonl, &small),
        "the top-up matters"
    );
    let from_parquet = cluster_to_parquet(&parquet, &dir.path().join("docs2.parquet"), &topped);
    assert_eq!(from_parquet, from_jsonl);
}

#[test]
fn a_directory_of_shards_is_one_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let (jsonl, records) = generated(dir.path());
    let from_jsonl = cluster_jsonl(&jsonl, &[]);
    let shards = dir.path().join("shards");
    std::fs::create_dir(&shards).unwrap();
    let third = records.len() / 3;
    // Shards without an extension are told by content.
    for (k, part) in records.chunks(third + 1).enumerate() {
        let name = if k == 0 {
            "part-00000".to_string()
        } else {
            format!("part-{k:05}.parquet")
        };
        write_parquet(&shards.join(name), part, Layout::Flat, 50);
    }
    let from_shards = cluster_to_parquet(&shards, &dir.path().join("docs.parquet"), &[]);
    assert_eq!(from_shards, from_jsonl);
}

/// The generated records with their id and url moved into `metadata`.
fn nested(records: &[Value]) -> Vec<Value> {
    records
        .iter()
        .map(|r| {
            serde_json::json!({
                "metadata": {"id": r["id"], "url": r["url"]},
                "text": r["text"],
            })
        })
        .collect()
}

#[test]
fn nested_fields_by_dotted_path_in_json_lines_and_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let (_, records) = generated(dir.path());
    let records = nested(&records);
    let jsonl = dir.path().join("nested.jsonl");
    let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(&jsonl, lines).unwrap();
    let parquet = dir.path().join("nested.parquet");
    write_parquet(&parquet, &records, Layout::Nested, 64);
    let flags = ["--id-field", "metadata.id", "--url-field", "metadata.url"];
    let from_jsonl = cluster_jsonl(&jsonl, &flags);
    assert_has_clusters(&from_jsonl);
    let ids: Vec<&str> = from_jsonl
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let mut expected: Vec<&str> = records
        .iter()
        .map(|r| r["metadata"]["id"].as_str().unwrap())
        .collect();
    expected.sort_unstable();
    assert_eq!(ids, expected, "the ids are the nested ones");
    let from_parquet = cluster_to_parquet(&parquet, &dir.path().join("docs.parquet"), &flags);
    assert_eq!(from_parquet, from_jsonl);
    // A path that is not there is reported, in both formats.
    for input in [&jsonl, &parquet] {
        let out = run(&[
            "cluster".as_ref(),
            input.as_os_str(),
            "--id-field".as_ref(),
            "metadata.nope".as_ref(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "{} records had no id field \"metadata.nope\"",
                records.len()
            )),
            "{}",
            describe(&out)
        );
    }
}

#[test]
fn a_row_with_a_null_text_is_skipped_with_file_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut records) = generated(dir.path());
    records[4]["text"] = Value::Null;
    records[7]["text"] = Value::Null;
    let parquet = dir.path().join("holes.parquet");
    write_parquet(&parquet, &records, Layout::Flat, 3);
    let skipped = dir.path().join("skipped.jsonl");
    let out = run_ok(&[
        "cluster".as_ref(),
        parquet.as_os_str(),
        "--skipped".as_ref(),
        skipped.as_os_str(),
    ]);
    let docs = parse_jsonl(&out.stdout);
    assert_eq!(docs.len(), records.len() - 2);
    let skipped = parse_jsonl(&std::fs::read(&skipped).unwrap());
    let text_not_string: Vec<(u64, &str)> = skipped
        .iter()
        .filter(|s| s["reason"] == "text_not_string")
        .map(|s| (s["line"].as_u64().unwrap(), s["id"].as_str().unwrap()))
        .collect();
    let (id5, id8) = (records[4]["id"].as_str(), records[7]["id"].as_str());
    assert_eq!(text_not_string, vec![(5, id5.unwrap()), (8, id8.unwrap())]);
    assert!(skipped
        .iter()
        .all(|s| s["source"].as_str() == parquet.to_str()));
    // --strict names the file and the row.
    let out = run(&["cluster".as_ref(), parquet.as_os_str(), "--strict".as_ref()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("holes.parquet:5") && err.contains("null"),
        "{}",
        describe(&out)
    );
}

fn dedup(input: &Path, out: &Path) -> Vec<Value> {
    let dropped = out.with_extension("dropped.jsonl");
    run_ok(&[
        "dedup".as_ref(),
        input.as_os_str(),
        "-q".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        "--dropped".as_ref(),
        dropped.as_os_str(),
    ]);
    parse_jsonl(&std::fs::read(&dropped).unwrap())
}

#[test]
fn dedup_keeps_parquet_rows_with_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let (jsonl, records) = generated(dir.path());
    let parquet = dir.path().join("crawl.parquet");
    write_parquet(&parquet, &records, Layout::Flat, 41);
    let dropped_jsonl = dedup(&jsonl, &dir.path().join("kept.jsonl"));
    let kept_jsonl = parse_jsonl(&std::fs::read(dir.path().join("kept.jsonl")).unwrap());
    assert!(!dropped_jsonl.is_empty());
    let kept_path = dir.path().join("kept.parquet");
    let dropped = dedup(&parquet, &kept_path);
    let ids = |v: &[Value]| -> Vec<String> {
        v.iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&dropped), ids(&dropped_jsonl));
    // The kept rows, in input order, with all the input's columns.
    let kept = read_parquet(&kept_path);
    assert_eq!(ids(&kept), ids(&kept_jsonl));
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(&kept_path).unwrap()).unwrap();
    let columns: Vec<&str> = reader
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .collect();
    assert_eq!(columns, ["id", "url", "title", "source", "text", "date"]);
    for (k, j) in kept.iter().zip(&kept_jsonl) {
        for c in ["url", "title", "source", "text"] {
            assert_eq!(k[c], j[c], "{c} of {}", k["id"]);
        }
    }
    // Parquet in, JSON Lines out: refused before anything is written.
    let out = run(&[
        "dedup".as_ref(),
        parquet.as_os_str(),
        "-o".as_ref(),
        dir.path().join("kept2.jsonl").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(!dir.path().join("kept2.jsonl").exists());
}

#[test]
fn a_staged_run_over_parquet_shards_writes_what_one_command_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, records) = generated(dir.path());
    let shards = dir.path().join("shards");
    std::fs::create_dir(&shards).unwrap();
    let half = records.len() / 2;
    for (k, part) in records.chunks(half + 1).enumerate() {
        write_parquet(
            &shards.join(format!("part-{k}.parquet")),
            part,
            Layout::Flat,
            40,
        );
    }
    let stage = dir.path().join("stage");
    let out = |name: &str| dir.path().join(name);
    let run_on = |cmd: &str, extra: &[&Path]| {
        let mut args = vec![cmd.as_ref(), shards.as_os_str(), "-q".as_ref()];
        args.extend(extra.iter().map(|p| p.as_os_str()));
        run_ok(&args);
    };
    run_on("cluster", &["-o".as_ref(), &out("one.parquet")]);
    run_on("dedup", &["-o".as_ref(), &out("one-kept.parquet")]);
    for shard in ["0/2", "1/2"] {
        run_on(
            "sign",
            &[
                "--stage".as_ref(),
                &stage,
                "--shard".as_ref(),
                shard.as_ref(),
            ],
        );
    }
    run_on("pairs", &["--stage".as_ref(), &stage]);
    run_on(
        "components",
        &[
            "--stage".as_ref(),
            &stage,
            "-o".as_ref(),
            &out("st.parquet"),
        ],
    );
    run_on(
        "apply",
        &[
            "--stage".as_ref(),
            &stage,
            "-o".as_ref(),
            &out("st-kept.parquet"),
        ],
    );
    assert_has_clusters(&read_parquet(&out("one.parquet")));
    let bytes = |name: &str| std::fs::read(out(name)).unwrap();
    assert_eq!(bytes("one.parquet"), bytes("st.parquet"));
    assert_eq!(bytes("one-kept.parquet"), bytes("st-kept.parquet"));
    assert_eq!(
        bytes("one-kept.dropped.jsonl"),
        bytes("st-kept.dropped.jsonl")
    );
    // Shard by shard: the parts' rows, in shard order, are dedup's rows.
    let mut rows = Vec::new();
    let sharded = out("sh.parquet");
    for shard in ["0/2", "1/2"] {
        let args: [&Path; 5] = [
            "--stage".as_ref(),
            &stage,
            "--shard".as_ref(),
            shard.as_ref(),
            "-o".as_ref(),
        ];
        let mut args = args.to_vec();
        args.push(&sharded);
        run_on("apply", &args);
    }
    for i in 0..2 {
        rows.extend(read_parquet(&out(&format!(
            "sh.part-0000{i}-of-00002.parquet"
        ))));
    }
    assert_eq!(rows, read_parquet(&out("one-kept.parquet")));
}
