//! The stage files as Parquet: documents, band rows, verified pairs (the
//! schemas are in docs/output.md). Each file is written whole through an
//! [`OutputFile`] (a temporary file renamed into place), so a file under
//! its final name is complete; a killed stage leaves only hidden temporary
//! files, which readers never list.

use crate::cli::output_file::{commit_all, OutputFile};
use crate::cli::CliError;
use crate::report::parquet::writer_properties;
use arrow_array::builder::{
    BinaryBuilder, BooleanBuilder, Float64Builder, Int64Builder, StringBuilder, UInt32Builder,
    UInt64Builder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, UInt32Type, UInt64Type};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use neardup::corpus::{Location, ReasonParts, SkipReason, Skipped};
use neardup::signing::DocInfo;
use neardup::stages::pairs::{BandRow, KeyedPair};
use neardup::stages::{doc_key, SignedCorpus};
use neardup::verify::PairScores;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use std::path::Path;
use std::sync::Arc;

/// Rows per record batch written.
const BATCH: usize = 1 << 16;

fn schema(fields: &[(&str, DataType, bool)]) -> SchemaRef {
    Arc::new(Schema::new(
        fields
            .iter()
            .map(|(n, t, null)| Field::new(*n, t.clone(), *null))
            .collect::<Vec<_>>(),
    ))
}

/// A stage file being written: rows in batches, each built by `batch`.
pub struct RowsWriter<T> {
    w: ArrowWriter<OutputFile>,
    schema: SchemaRef,
    batch: fn(&[T]) -> Vec<ArrayRef>,
}

impl<T> RowsWriter<T> {
    fn create(
        path: &Path,
        schema: SchemaRef,
        batch: fn(&[T]) -> Vec<ArrayRef>,
    ) -> Result<Self, CliError> {
        let f = OutputFile::create("--stage", path)?;
        let w = ArrowWriter::try_new(f, schema.clone(), Some(writer_properties()))
            .map_err(|e| CliError::input(format!("{}: {e}", path.display())))?;
        Ok(RowsWriter { w, schema, batch })
    }

    /// Writes `rows`.
    pub fn write(&mut self, rows: &[T]) -> Result<(), CliError> {
        for chunk in rows.chunks(BATCH) {
            let b = RecordBatch::try_new(self.schema.clone(), (self.batch)(chunk))
                .map_err(parquet::errors::ParquetError::from)
                .and_then(|b| self.w.write(&b));
            b.map_err(|e| self.w.inner().error(e.into()))?;
        }
        Ok(())
    }

    /// Finishes the file and renames it into place.
    pub fn commit(self) -> Result<(), CliError> {
        let f = self
            .w
            .into_inner()
            .map_err(|e| CliError::input(format!("finishing a stage file: {e}")))?;
        commit_all([f])
    }
}

/// Writes `rows` to `path` whole.
fn write<T>(
    path: &Path,
    schema: SchemaRef,
    rows: &[T],
    batch: fn(&[T]) -> Vec<ArrayRef>,
) -> Result<(), CliError> {
    let mut w = RowsWriter::create(path, schema, batch)?;
    w.write(rows)?;
    w.commit()
}

/// Reads every record batch of `path`.
fn read(path: &Path) -> Result<Vec<RecordBatch>, CliError> {
    let batches = (|| -> parquet::errors::Result<Vec<RecordBatch>> {
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path)?)?
            .with_batch_size(BATCH)
            .build()?;
        Ok(reader.collect::<Result<Vec<_>, _>>()?)
    })();
    batches.map_err(|e| CliError::input(format!("reading {}: {e}", path.display())))
}

/// A column of `b` by name, with a clear error for a file of another shape.
fn column<'b>(b: &'b RecordBatch, name: &str, path: &Path) -> Result<&'b ArrayRef, CliError> {
    b.column_by_name(name).ok_or_else(|| {
        CliError::input(format!(
            "{}: no column `{name}`: not a stage file of this version",
            path.display()
        ))
    })
}

/// Reads columns as typed arrays, failing on a missing column or another type.
macro_rules! cols {
    ($b:expr, $path:expr, $($name:literal => $as:ident $(<$t:ty>)?),+ $(,)?) => {
        ($(
            column($b, $name, $path)?.$as$(::<$t>)?().ok_or_else(|| {
                CliError::input(format!("{}: column `{}` has another type", $path.display(), $name))
            })?
        ),+)
    };
}

fn docs_schema() -> SchemaRef {
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
        ("signature", Binary, false),
        ("spin_signature", Binary, false),
    ])
}

/// Writes signed documents (with `k` bins, and `spin_k` spin bins, each).
pub fn write_docs(path: &Path, c: &SignedCorpus, k: usize, spin_k: usize) -> Result<(), CliError> {
    let rows: Vec<(&DocInfo, &[u32], &[u16])> = (0..c.docs.len())
        .map(|i| {
            let sig = &c.signatures[i * k..(i + 1) * k];
            (
                &c.docs[i],
                sig,
                &c.spin_signatures[i * spin_k..(i + 1) * spin_k],
            )
        })
        .collect();
    write(path, docs_schema(), &rows, |chunk| {
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
        let (mut line, mut offset, mut len, mut content_hash) = (
            UInt64Builder::new(),
            UInt64Builder::new(),
            UInt64Builder::new(),
            UInt64Builder::new(),
        );
        let mut wire = StringBuilder::new();
        let mut sig = BinaryBuilder::new();
        let mut spin_sig = BinaryBuilder::new();
        let mut bytes = Vec::new();
        for &(d, s, ss) in chunk {
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
            Arc::new(sig.finish()),
            Arc::new(spin_sig.finish()),
        ]
    })
}

/// Reads a documents file, appending to `c`; every signature must have
/// `k` bins (and `spin_k` spin bins).
pub fn read_docs(
    path: &Path,
    c: &mut SignedCorpus,
    k: usize,
    spin_k: usize,
) -> Result<(), CliError> {
    for b in read(path)? {
        let (id, date, source, line, offset, len) = cols!(&b, path,
            "id" => as_string_opt<i32>, "date" => as_primitive_opt<Int64Type>,
            "source" => as_primitive_opt<UInt32Type>, "line" => as_primitive_opt<UInt64Type>,
            "offset" => as_primitive_opt<UInt64Type>, "len" => as_primitive_opt<UInt64Type>);
        let (words, shingles, boiler, content_hash, spin_shingles, wire, sig, spin_sig) = cols!(&b, path,
            "words" => as_primitive_opt<UInt32Type>, "shingles" => as_primitive_opt<UInt32Type>,
            "boilerplate" => as_primitive_opt<UInt32Type>,
            "content_hash" => as_primitive_opt<UInt64Type>,
            "spin_shingles" => as_primitive_opt<UInt32Type>, "wire" => as_string_opt<i32>,
            "signature" => as_binary_opt<i32>, "spin_signature" => as_binary_opt<i32>);
        for r in 0..b.num_rows() {
            let (s, ss) = (sig.value(r), spin_sig.value(r));
            if s.len() != 4 * k || ss.len() != 2 * spin_k {
                return Err(CliError::input(format!(
                    "{}: row {r}: a signature of another length than the manifest's",
                    path.display()
                )));
            }
            c.signatures.extend(
                s.chunks_exact(4)
                    .map(|b| u32::from_le_bytes(b.try_into().unwrap())),
            );
            c.spin_signatures.extend(
                ss.chunks_exact(2)
                    .map(|b| u16::from_le_bytes(b.try_into().unwrap())),
            );
            use arrow_array::Array;
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
            });
        }
    }
    Ok(())
}

fn bands_schema() -> SchemaRef {
    use DataType::*;
    schema(&[
        ("band", UInt32, false),
        ("band_key", UInt64, false),
        ("doc_key", UInt64, false),
    ])
}

/// Writes band rows.
pub fn write_bands(path: &Path, rows: &[BandRow]) -> Result<(), CliError> {
    write(path, bands_schema(), rows, |chunk| {
        let mut band = UInt32Builder::new();
        let mut key = UInt64Builder::new();
        let mut doc = UInt64Builder::new();
        for r in chunk {
            band.append_value(r.band);
            key.append_value(r.key);
            doc.append_value(r.doc);
        }
        vec![
            Arc::new(band.finish()),
            Arc::new(key.finish()),
            Arc::new(doc.finish()),
        ]
    })
}

/// Reads band rows, appending to `rows`.
pub fn read_bands(path: &Path, rows: &mut Vec<BandRow>) -> Result<(), CliError> {
    for b in read(path)? {
        let (band, key, doc) = cols!(&b, path,
            "band" => as_primitive_opt<UInt32Type>, "band_key" => as_primitive_opt<UInt64Type>,
            "doc_key" => as_primitive_opt<UInt64Type>);
        rows.extend((0..b.num_rows()).map(|r| BandRow {
            band: band.value(r),
            key: key.value(r),
            doc: doc.value(r),
        }));
    }
    Ok(())
}

fn pairs_schema() -> SchemaRef {
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

/// Writes verified pairs.
pub fn write_pairs(path: &Path, pairs: &[KeyedPair]) -> Result<(), CliError> {
    write(path, pairs_schema(), pairs, |chunk| {
        let (mut a, mut b) = (UInt64Builder::new(), UInt64Builder::new());
        let (mut j, mut ab, mut ba) = (
            Float64Builder::new(),
            Float64Builder::new(),
            Float64Builder::new(),
        );
        let mut bins = UInt32Builder::new();
        let (mut exact, mut checked) = (BooleanBuilder::new(), BooleanBuilder::new());
        for p in chunk {
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
    })
}

/// Reads verified pairs, appending to `out`.
pub fn read_pairs(path: &Path, out: &mut Vec<KeyedPair>) -> Result<(), CliError> {
    for batch in read(path)? {
        let (a, b, j, ab, ba, bins, exact, checked) = cols!(&batch, path,
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
    }
    Ok(())
}

fn skipped_schema() -> SchemaRef {
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

fn skipped_batch(chunk: &[Skipped]) -> Vec<ArrayRef> {
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

/// Opens a file of skipped records, written as they come.
pub fn skipped_writer(path: &Path) -> Result<RowsWriter<Skipped>, CliError> {
    RowsWriter::create(path, skipped_schema(), skipped_batch)
}

/// Reads a file of skipped records, appending to `out`.
pub fn read_skipped(path: &Path, out: &mut Vec<Skipped>) -> Result<(), CliError> {
    use arrow_array::Array;
    for batch in read(path)? {
        let (name, source, line, offset, len, id) = cols!(&batch, path,
            "source_name" => as_string_opt<i32>, "source" => as_primitive_opt<UInt32Type>,
            "line" => as_primitive_opt<UInt64Type>, "offset" => as_primitive_opt<UInt64Type>,
            "len" => as_primitive_opt<UInt64Type>, "id" => as_string_opt<i32>);
        let (reason, text, a, b) = cols!(&batch, path,
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
                CliError::input(format!(
                    "{}: row {r}: skip reason `{}` unknown to this version",
                    path.display(),
                    parts.code
                ))
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
