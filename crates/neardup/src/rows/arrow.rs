//! The per-document rows as Arrow record batches (feature `arrow`): the
//! schema of `cluster -o docs.parquet`, of the staged pipeline's cluster
//! files and of the Python package's `cluster` table.

use super::DocRow;
use arrow_array::builder::{
    BooleanBuilder, Float64Builder, StringBuilder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use std::sync::Arc;

/// The schema of the per-document rows (`docs/output.md`).
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

/// One record batch of `rows`, in their order.
pub fn docs_batch<'a>(
    rows: impl IntoIterator<Item = DocRow<'a>>,
) -> Result<RecordBatch, ArrowError> {
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
    for r in rows {
        id.append_value(r.id);
        cluster_id.append_value(r.cluster_id);
        cluster_size.append_value(r.cluster_size as u64);
        is_origin.append_value(r.is_origin);
        origin_id.append_value(r.origin_id);
        relation.append_value(r.relation);
        jaccard.append_option(r.jaccard);
        containment.append_option(r.containment);
        origin_containment.append_option(r.origin_containment);
        wire.append_option(r.wire);
        credit_dropped.append_value(r.credit_dropped);
        substituted.append_option(r.substituted);
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
    RecordBatch::try_new(docs_schema(), columns)
}
