//! The stage rows as Arrow record batches (feature `arrow`): signed
//! documents, band rows, verified pairs, the records not signed and the
//! clusters (one row per record whose copy is decided), one definition for the command
//! line's stage files (docs/output.md, "staged run") and for the Python
//! package's stage functions, which an engine such as Spark calls inside
//! its own tasks (docs/distributed.md).
//!
//! Writers build a batch's columns from rows; readers append a batch's rows
//! to the library's types and name the column that is missing or of
//! another type.

use super::components::{relation_named, ClusterRow};
use super::pairs::{BandRow, KeyedPair};
use super::{doc_key, DocKey, SignedCorpus};
use crate::corpus::{Location, ReasonParts, SkipReason, Skipped};
use crate::signing::DocInfo;
use crate::verify::PairScores;
use arrow_array::builder::{
    BinaryBuilder, BooleanBuilder, Float64Builder, Int64Builder, StringBuilder, UInt32Builder,
    UInt64Builder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, UInt32Type, UInt64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use std::sync::Arc;

fn schema(fields: &[(&str, DataType, bool)]) -> SchemaRef {
    Arc::new(Schema::new(
        fields
            .iter()
            .map(|(n, t, null)| Field::new(*n, t.clone(), *null))
            .collect::<Vec<_>>(),
    ))
}

/// A column of `b` by name, with a clear error for a batch of another shape.
fn column<'b>(b: &'b RecordBatch, name: &str) -> Result<&'b ArrayRef, String> {
    b.column_by_name(name)
        .ok_or_else(|| format!("no column `{name}`: not a stage batch of this version"))
}

/// Reads columns as typed arrays, failing on a missing column or another type.
macro_rules! cols {
    ($b:expr, $($name:literal => $as:ident $(<$t:ty>)?),+ $(,)?) => {
        ($(
            column($b, $name)?.$as$(::<$t>)?().ok_or_else(|| {
                format!("column `{}` has another type", $name)
            })?
        ),+)
    };
}

/// One signed document as a row: its facts, signature and spin signature.
pub type DocRowRef<'a> = (&'a DocInfo, &'a [u16], &'a [u16]);

/// The rows of `c`, whose documents have `k` bins (and `spin_k` spin bins).
pub fn doc_rows(c: &SignedCorpus, k: usize, spin_k: usize) -> Vec<DocRowRef<'_>> {
    (0..c.docs.len())
        .map(|i| {
            (
                &c.docs[i],
                &c.signatures[i * k..(i + 1) * k],
                &c.spin_signatures[i * spin_k..(i + 1) * spin_k],
            )
        })
        .collect()
}

/// The schema of signed documents (`docs/part-*.parquet`). The signatures
/// are little-endian u16 bins in one binary value each.
pub fn docs_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("key", UInt64, false),
        ("id", Utf8, false),
        ("date", Int64, true),
        ("source", UInt32, false),
        ("line", UInt64, false),
        ("offset", UInt64, false),
        ("len", UInt64, false),
        ("words", UInt32, false),
        ("shingles", UInt32, false),
        ("boilerplate", UInt32, false),
        ("content_hash", UInt64, false),
        ("spin_shingles", UInt32, false),
        ("wire", Utf8, true),
        ("site", UInt64, false),
        ("signature", Binary, false),
        ("spin_signature", Binary, false),
    ])
}

/// The columns of signed documents ([`docs_schema`]).
pub fn doc_columns(rows: &[DocRowRef<'_>]) -> Vec<ArrayRef> {
    let mut key = UInt64Builder::new();
    let mut id = StringBuilder::new();
    let mut date = Int64Builder::new();
    let (mut source, mut words, mut shingles, mut boiler, mut spin_shingles) = (
        UInt32Builder::new(),
        UInt32Builder::new(),
        UInt32Builder::new(),
        UInt32Builder::new(),
        UInt32Builder::new(),
    );
    let (mut line, mut offset, mut len, mut content_hash, mut site) = (
        UInt64Builder::new(),
        UInt64Builder::new(),
        UInt64Builder::new(),
        UInt64Builder::new(),
        UInt64Builder::new(),
    );
    let mut wire = StringBuilder::new();
    let mut sig = BinaryBuilder::new();
    let mut spin_sig = BinaryBuilder::new();
    let mut bytes = Vec::new();
    for &(d, s, ss) in rows {
        key.append_value(doc_key(&d.location));
        id.append_value(&d.id);
        date.append_option(d.date);
        source.append_value(d.location.source);
        line.append_value(d.location.line);
        offset.append_value(d.location.offset);
        len.append_value(d.location.len);
        words.append_value(d.words);
        shingles.append_value(d.shingles);
        boiler.append_value(d.boilerplate);
        content_hash.append_value(d.content_hash);
        spin_shingles.append_value(d.spin_shingles);
        wire.append_option(d.wire.as_deref());
        site.append_value(d.site);
        bytes.clear();
        bytes.extend(s.iter().flat_map(|v| v.to_le_bytes()));
        sig.append_value(&bytes);
        bytes.clear();
        bytes.extend(ss.iter().flat_map(|v| v.to_le_bytes()));
        spin_sig.append_value(&bytes);
    }
    vec![
        Arc::new(key.finish()),
        Arc::new(id.finish()),
        Arc::new(date.finish()),
        Arc::new(source.finish()),
        Arc::new(line.finish()),
        Arc::new(offset.finish()),
        Arc::new(len.finish()),
        Arc::new(words.finish()),
        Arc::new(shingles.finish()),
        Arc::new(boiler.finish()),
        Arc::new(content_hash.finish()),
        Arc::new(spin_shingles.finish()),
        Arc::new(wire.finish()),
        Arc::new(site.finish()),
        Arc::new(sig.finish()),
        Arc::new(spin_sig.finish()),
    ]
}

/// Appends the signed documents of `b` to `c`; every signature must have
/// `k` bins (and `spin_k` spin bins). The spin bins are kept only
/// `with_spin`: verification does not read them, and they are a third of
/// a document's bytes.
pub fn read_docs(
    b: &RecordBatch,
    c: &mut SignedCorpus,
    (k, spin_k): (usize, usize),
    with_spin: bool,
) -> Result<(), String> {
    let (id, date, source, line, offset, len) = cols!(b,
        "id" => as_string_opt<i32>, "date" => as_primitive_opt<Int64Type>,
        "source" => as_primitive_opt<UInt32Type>, "line" => as_primitive_opt<UInt64Type>,
        "offset" => as_primitive_opt<UInt64Type>, "len" => as_primitive_opt<UInt64Type>);
    let site = cols!(b, "site" => as_primitive_opt<UInt64Type>);
    let (words, shingles, boiler, content_hash, spin_shingles, wire, sig, spin_sig) = cols!(b,
        "words" => as_primitive_opt<UInt32Type>, "shingles" => as_primitive_opt<UInt32Type>,
        "boilerplate" => as_primitive_opt<UInt32Type>,
        "content_hash" => as_primitive_opt<UInt64Type>,
        "spin_shingles" => as_primitive_opt<UInt32Type>, "wire" => as_string_opt<i32>,
        "signature" => as_binary_opt<i32>, "spin_signature" => as_binary_opt<i32>);
    for r in 0..b.num_rows() {
        let (s, ss) = (sig.value(r), spin_sig.value(r));
        if s.len() != 2 * k || ss.len() != 2 * spin_k {
            return Err(format!(
                "row {r}: a signature of another length than the settings' ({k} bins, {spin_k} spin bins)"
            ));
        }
        c.signatures.extend(
            s.chunks_exact(2)
                .map(|b| u16::from_le_bytes(b.try_into().expect("2 bytes"))),
        );
        if with_spin {
            c.spin_signatures.extend(
                ss.chunks_exact(2)
                    .map(|b| u16::from_le_bytes(b.try_into().expect("2 bytes"))),
            );
        }
        c.docs.push(DocInfo {
            id: id.value(r).into(),
            date: (!date.is_null(r)).then(|| date.value(r)),
            words: words.value(r),
            shingles: shingles.value(r),
            boilerplate: boiler.value(r),
            content_hash: content_hash.value(r),
            location: Location {
                source: source.value(r),
                line: line.value(r),
                offset: offset.value(r),
                len: len.value(r),
            },
            wire: (!wire.is_null(r)).then(|| wire.value(r).into()),
            spin_shingles: spin_shingles.value(r),
            site: site.value(r),
        });
    }
    Ok(())
}

/// The schema of band rows (`bands/group-G/part-*.parquet`).
pub fn bands_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("band", UInt32, false),
        ("band_key", UInt64, false),
        ("doc_key", UInt64, false),
    ])
}

/// The columns of band rows ([`bands_schema`]).
pub fn band_columns(rows: &[BandRow]) -> Vec<ArrayRef> {
    let mut band = UInt32Builder::new();
    let mut key = UInt64Builder::new();
    let mut doc = UInt64Builder::new();
    for r in rows {
        band.append_value(r.band);
        key.append_value(r.key);
        doc.append_value(r.doc);
    }
    vec![
        Arc::new(band.finish()),
        Arc::new(key.finish()),
        Arc::new(doc.finish()),
    ]
}

/// Appends the band rows of `b` to `rows`.
pub fn read_bands(b: &RecordBatch, rows: &mut Vec<BandRow>) -> Result<(), String> {
    let (band, key, doc) = cols!(b,
        "band" => as_primitive_opt<UInt32Type>, "band_key" => as_primitive_opt<UInt64Type>,
        "doc_key" => as_primitive_opt<UInt64Type>);
    rows.extend((0..b.num_rows()).map(|r| BandRow {
        band: band.value(r),
        key: key.value(r),
        doc: doc.value(r),
    }));
    Ok(())
}

/// The schema of verified pairs (`pairs/group-G.parquet`).
pub fn pairs_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("a", UInt64, false),
        ("b", UInt64, false),
        ("jaccard", Float64, false),
        ("a_in_b", Float64, false),
        ("b_in_a", Float64, false),
        ("matching_bins", UInt32, false),
        ("exact", Boolean, false),
        ("checked", Boolean, false),
    ])
}

/// The columns of verified pairs ([`pairs_schema`]).
pub fn pair_columns(pairs: &[KeyedPair]) -> Vec<ArrayRef> {
    let (mut a, mut b) = (UInt64Builder::new(), UInt64Builder::new());
    let (mut j, mut ab, mut ba) = (
        Float64Builder::new(),
        Float64Builder::new(),
        Float64Builder::new(),
    );
    let mut bins = UInt32Builder::new();
    let (mut exact, mut checked) = (BooleanBuilder::new(), BooleanBuilder::new());
    for p in pairs {
        a.append_value(p.a);
        b.append_value(p.b);
        j.append_value(p.scores.jaccard);
        ab.append_value(p.scores.a_in_b);
        ba.append_value(p.scores.b_in_a);
        bins.append_value(p.scores.matching_bins as u32);
        exact.append_value(p.scores.exact);
        checked.append_value(p.scores.checked);
    }
    vec![
        Arc::new(a.finish()),
        Arc::new(b.finish()),
        Arc::new(j.finish()),
        Arc::new(ab.finish()),
        Arc::new(ba.finish()),
        Arc::new(bins.finish()),
        Arc::new(exact.finish()),
        Arc::new(checked.finish()),
    ]
}

/// Appends the verified pairs of `batch` to `out`.
pub fn read_pairs(batch: &RecordBatch, out: &mut Vec<KeyedPair>) -> Result<(), String> {
    let (a, b, j, ab, ba, bins, exact, checked) = cols!(batch,
        "a" => as_primitive_opt<UInt64Type>, "b" => as_primitive_opt<UInt64Type>,
        "jaccard" => as_primitive_opt<Float64Type>, "a_in_b" => as_primitive_opt<Float64Type>,
        "b_in_a" => as_primitive_opt<Float64Type>,
        "matching_bins" => as_primitive_opt<UInt32Type>,
        "exact" => as_boolean_opt, "checked" => as_boolean_opt);
    out.extend((0..batch.num_rows()).map(|r| KeyedPair {
        a: a.value(r),
        b: b.value(r),
        scores: PairScores {
            jaccard: j.value(r),
            a_in_b: ab.value(r),
            b_in_a: ba.value(r),
            matching_bins: bins.value(r) as usize,
            exact: exact.value(r),
            checked: checked.value(r),
        },
    }));
    Ok(())
}

/// The schema of records not signed, and why (`skipped/part-*.parquet`).
pub fn skipped_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("source_name", Utf8, false),
        ("source", UInt32, true),
        ("line", UInt64, true),
        ("offset", UInt64, true),
        ("len", UInt64, true),
        ("id", Utf8, true),
        ("reason", Utf8, false),
        ("text", Utf8, true),
        ("a", UInt64, false),
        ("b", UInt64, false),
    ])
}

/// The columns of records not signed ([`skipped_schema`]).
pub fn skipped_columns(chunk: &[Skipped]) -> Vec<ArrayRef> {
    let mut name = StringBuilder::new();
    let mut source = UInt32Builder::new();
    let (mut line, mut offset, mut len) = (
        UInt64Builder::new(),
        UInt64Builder::new(),
        UInt64Builder::new(),
    );
    let mut id = StringBuilder::new();
    let (mut reason, mut text) = (StringBuilder::new(), StringBuilder::new());
    let (mut a, mut b) = (UInt64Builder::new(), UInt64Builder::new());
    for s in chunk {
        name.append_value(&s.source);
        let at = s.location;
        source.append_option(at.map(|l| l.source));
        line.append_option(at.map(|l| l.line));
        offset.append_option(at.map(|l| l.offset));
        len.append_option(at.map(|l| l.len));
        id.append_option(s.id.as_deref());
        let p = s.reason.parts();
        reason.append_value(&p.code);
        text.append_option(p.text.as_deref());
        a.append_value(p.a);
        b.append_value(p.b);
    }
    vec![
        Arc::new(name.finish()),
        Arc::new(source.finish()),
        Arc::new(line.finish()),
        Arc::new(offset.finish()),
        Arc::new(len.finish()),
        Arc::new(id.finish()),
        Arc::new(reason.finish()),
        Arc::new(text.finish()),
        Arc::new(a.finish()),
        Arc::new(b.finish()),
    ]
}

/// Appends the records not signed of `batch` to `out`.
pub fn read_skipped(batch: &RecordBatch, out: &mut Vec<Skipped>) -> Result<(), String> {
    {
        let (name, source, line, offset, len, id) = cols!(batch,
            "source_name" => as_string_opt<i32>, "source" => as_primitive_opt<UInt32Type>,
            "line" => as_primitive_opt<UInt64Type>, "offset" => as_primitive_opt<UInt64Type>,
            "len" => as_primitive_opt<UInt64Type>, "id" => as_string_opt<i32>);
        let (reason, text, a, b) = cols!(batch,
            "reason" => as_string_opt<i32>, "text" => as_string_opt<i32>,
            "a" => as_primitive_opt<UInt64Type>, "b" => as_primitive_opt<UInt64Type>);
        for r in 0..batch.num_rows() {
            let parts = ReasonParts {
                code: reason.value(r).to_string(),
                text: (!text.is_null(r)).then(|| text.value(r).to_string()),
                a: a.value(r),
                b: b.value(r),
            };
            let reason = SkipReason::from_parts(&parts).ok_or_else(|| {
                format!(
                    "row {r}: skip reason `{}` unknown to this version",
                    parts.code
                )
            })?;
            out.push(Skipped {
                source: name.value(r).to_string(),
                location: (!source.is_null(r)).then(|| Location {
                    source: source.value(r),
                    line: line.value(r),
                    offset: offset.value(r),
                    len: len.value(r),
                }),
                id: (!id.is_null(r)).then(|| id.value(r).to_string()),
                reason,
            });
        }
    }
    Ok(())
}

/// The schema of the clusters (`clusters.parquet`): one row per signed
/// document, and per record not signed that a copy leaves out.
pub fn clusters_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("key", UInt64, false),
        ("id", Utf8, true),
        ("signed", Boolean, false),
        ("relation", Utf8, false),
        ("cluster_id", UInt32, true),
        ("origin_key", UInt64, true),
        ("origin_id", Utf8, true),
        ("kept", Boolean, false),
        ("repeat_of", UInt64, true),
        ("jaccard", Float64, true),
        ("containment", Float64, true),
        ("origin_containment", Float64, true),
        ("substituted", Float64, true),
        ("len", UInt64, true),
    ])
}

/// The columns of cluster rows ([`clusters_schema`]).
pub fn cluster_columns(rows: &[ClusterRow]) -> Vec<ArrayRef> {
    let [mut key, mut origin, mut repeat_of, mut len] =
        std::array::from_fn(|_| UInt64Builder::new());
    let (mut id, mut relation, mut origin_id) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let (mut signed, mut kept) = (BooleanBuilder::new(), BooleanBuilder::new());
    let mut cluster = UInt32Builder::new();
    let [mut j, mut ab, mut ba, mut sub] = std::array::from_fn(|_| Float64Builder::new());
    for r in rows {
        key.append_value(r.key);
        id.append_option(r.id.as_deref());
        signed.append_value(r.signed);
        relation.append_value(r.relation);
        cluster.append_option(r.cluster);
        origin.append_option(r.origin);
        origin_id.append_option(r.origin_id.as_deref());
        kept.append_value(r.kept);
        repeat_of.append_option(r.repeat_of);
        j.append_option(r.scores.map(|s| s.0));
        ab.append_option(r.scores.map(|s| s.1));
        ba.append_option(r.scores.map(|s| s.2));
        sub.append_option(r.substituted);
        len.append_option(r.len);
    }
    vec![
        Arc::new(key.finish()),
        Arc::new(id.finish()),
        Arc::new(signed.finish()),
        Arc::new(relation.finish()),
        Arc::new(cluster.finish()),
        Arc::new(origin.finish()),
        Arc::new(origin_id.finish()),
        Arc::new(kept.finish()),
        Arc::new(repeat_of.finish()),
        Arc::new(j.finish()),
        Arc::new(ab.finish()),
        Arc::new(ba.finish()),
        Arc::new(sub.finish()),
        Arc::new(len.finish()),
    ]
}

/// Appends the cluster rows of `b` whose key `wanted` accepts to `out`
/// (a copy of one shard holds only its sources' rows).
pub fn read_clusters(
    b: &RecordBatch,
    out: &mut Vec<ClusterRow>,
    wanted: impl Fn(DocKey) -> bool,
) -> Result<(), String> {
    let (key, id, signed, relation, cluster, origin, origin_id) = cols!(b,
        "key" => as_primitive_opt<UInt64Type>, "id" => as_string_opt<i32>,
        "signed" => as_boolean_opt, "relation" => as_string_opt<i32>,
        "cluster_id" => as_primitive_opt<UInt32Type>,
        "origin_key" => as_primitive_opt<UInt64Type>, "origin_id" => as_string_opt<i32>);
    let (kept, repeat_of, j, ab, ba, sub) = cols!(b,
        "kept" => as_boolean_opt, "repeat_of" => as_primitive_opt<UInt64Type>,
        "jaccard" => as_primitive_opt<Float64Type>,
        "containment" => as_primitive_opt<Float64Type>,
        "origin_containment" => as_primitive_opt<Float64Type>,
        "substituted" => as_primitive_opt<Float64Type>);
    // Files written before the column was added have no lengths to check.
    let len = match b.column_by_name("len") {
        None => None,
        Some(c) => Some(
            c.as_primitive_opt::<UInt64Type>()
                .ok_or("column `len` has another type")?,
        ),
    };
    let str_at = |a: &arrow_array::StringArray, r: usize| -> Option<Box<str>> {
        (!a.is_null(r)).then(|| a.value(r).into())
    };
    for r in 0..b.num_rows() {
        if !wanted(key.value(r)) {
            continue;
        }
        let named = relation.value(r);
        let relation = relation_named(named)
            .ok_or_else(|| format!("row {r}: relation `{named}` unknown to this version"))?;
        out.push(ClusterRow {
            key: key.value(r),
            id: str_at(id, r),
            signed: signed.value(r),
            relation,
            cluster: (!cluster.is_null(r)).then_some(cluster.value(r)),
            origin: (!origin.is_null(r)).then_some(origin.value(r)),
            origin_id: str_at(origin_id, r),
            kept: kept.value(r),
            repeat_of: (!repeat_of.is_null(r)).then_some(repeat_of.value(r)),
            scores: (!j.is_null(r)).then_some((j.value(r), ab.value(r), ba.value(r))),
            substituted: (!sub.is_null(r)).then_some(sub.value(r)),
            len: len.and_then(|l| (!l.is_null(r)).then(|| l.value(r))),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::SignedText;

    #[test]
    fn signed_documents_round_trip() {
        let at = Location {
            source: 2,
            line: 7,
            offset: 90,
            len: 12,
        };
        let mut c = SignedCorpus::default();
        let mut d = DocInfo::signed("x", Some(5), at, &SignedText::default());
        d.wire = Some("AP".into());
        c.docs.push(d);
        c.signatures = vec![1, u16::MAX];
        c.spin_signatures = vec![3];
        let b = RecordBatch::try_new(docs_schema(), doc_columns(&doc_rows(&c, 2, 1))).unwrap();
        let mut back = SignedCorpus::default();
        read_docs(&b, &mut back, (2, 1), true).unwrap();
        assert_eq!(back.signatures, c.signatures);
        assert_eq!(back.spin_signatures, c.spin_signatures);
        let mut no_spin = SignedCorpus::default();
        read_docs(&b, &mut no_spin, (2, 1), false).unwrap();
        assert_eq!(no_spin.signatures, c.signatures);
        assert!(no_spin.spin_signatures.is_empty());
        assert_eq!(back.docs[0].location, at);
        assert_eq!(back.docs[0].wire.as_deref(), Some("AP"));
        let err = read_docs(&b, &mut back, (3, 1), false).unwrap_err();
        assert!(err.contains("another length"), "{err}");
    }

    #[test]
    fn cluster_rows_round_trip_and_filter() {
        let row = |key, signed: bool| ClusterRow {
            key,
            id: signed.then(|| "x".into()),
            signed,
            relation: if signed { "near" } else { "exact" },
            cluster: signed.then_some(3),
            origin: signed.then_some(9),
            origin_id: signed.then(|| "o".into()),
            kept: false,
            repeat_of: (!signed).then_some(4),
            scores: signed.then_some((0.5, 0.75, 1.0)),
            substituted: None,
            len: signed.then_some(40),
        };
        let rows = vec![row(1, true), row(2, false), row(3, true)];
        let b = RecordBatch::try_new(clusters_schema(), cluster_columns(&rows)).unwrap();
        let mut back = Vec::new();
        read_clusters(&b, &mut back, |k| k != 3).unwrap();
        assert_eq!(back, rows[..2]);
    }
}
