//! The per-document output as Parquet (`cluster -o docs.parquet`): the
//! columns of [`super::docs::DocLine`], one row per document, in id order,
//! zstd-compressed, written a group of documents at a time so that the
//! output is never all in memory. The schema is in `docs/output.md`.

use super::docs::DocLines;
use super::Selection;
use arrow_array::builder::{
    BooleanBuilder, Float64Builder, StringBuilder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use neardup::pipeline::Outcome;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::io::{self, Write};
use std::sync::Arc;

/// Documents per record batch (and at most per row group).
const GROUP: usize = 1 << 16;

/// The schema of the per-document Parquet output.
pub fn docs_schema() -> SchemaRef {
    let f = |name, t, nullable| Field::new(name, t, nullable);
    Arc::new(Schema::new(vec![
        f("id", DataType::Utf8, false),
        f("cluster_id", DataType::UInt32, false),
        f("cluster_size", DataType::UInt64, false),
        f("is_origin", DataType::Boolean, false),
        f("origin_id", DataType::Utf8, false),
        f("relation", DataType::Utf8, false),
        f("jaccard", DataType::Float64, true),
        f("containment", DataType::Float64, true),
        f("origin_containment", DataType::Float64, true),
        f("wire", DataType::Utf8, true),
        f("credit_dropped", DataType::Boolean, false),
        f("substituted", DataType::Float64, true),
    ]))
}

/// Writer settings for every Parquet output: zstd, row groups of at most
/// 65,536 rows.
pub fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_size(GROUP)
        .build()
}

/// Writes one row per listed document of `o` to `out`.
pub fn write_docs(o: &Outcome, selection: Selection, out: impl Write + Send) -> io::Result<()> {
    let schema = docs_schema();
    let mut w = ArrowWriter::try_new(out, schema.clone(), Some(writer_properties()))?;
    let lines = DocLines::new(o, selection);
    for start in (0..o.docs.len()).step_by(GROUP) {
        let end = (start + GROUP).min(o.docs.len());
        let mut id = StringBuilder::new();
        let mut cluster_id = UInt32Builder::new();
        let mut cluster_size = UInt64Builder::new();
        let mut is_origin = BooleanBuilder::new();
        let mut origin_id = StringBuilder::new();
        let mut relation = StringBuilder::new();
        let mut jaccard = Float64Builder::new();
        let mut containment = Float64Builder::new();
        let mut origin_containment = Float64Builder::new();
        let mut wire = StringBuilder::new();
        let mut credit_dropped = BooleanBuilder::new();
        let mut substituted = Float64Builder::new();
        for l in (start..end).filter_map(|d| lines.line(d)) {
            id.append_value(l.id);
            cluster_id.append_value(l.cluster_id);
            cluster_size.append_value(l.cluster_size as u64);
            is_origin.append_value(l.is_origin);
            origin_id.append_value(l.origin_id);
            relation.append_value(l.relation);
            jaccard.append_option(l.jaccard);
            containment.append_option(l.containment);
            origin_containment.append_option(l.origin_containment);
            wire.append_option(l.wire);
            credit_dropped.append_value(l.credit_dropped);
            substituted.append_option(l.substituted);
        }
        let columns: Vec<ArrayRef> = vec![
            Arc::new(id.finish()),
            Arc::new(cluster_id.finish()),
            Arc::new(cluster_size.finish()),
            Arc::new(is_origin.finish()),
            Arc::new(origin_id.finish()),
            Arc::new(relation.finish()),
            Arc::new(jaccard.finish()),
            Arc::new(containment.finish()),
            Arc::new(origin_containment.finish()),
            Arc::new(wire.finish()),
            Arc::new(credit_dropped.finish()),
            Arc::new(substituted.finish()),
        ];
        let batch = RecordBatch::try_new(schema.clone(), columns).map_err(io::Error::other)?;
        if batch.num_rows() > 0 {
            w.write(&batch)?;
        }
    }
    w.close()?;
    Ok(())
}
