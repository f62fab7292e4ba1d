//! The stage files as Parquet: documents, band rows, verified pairs,
//! skipped records, clusters (the schemas are in docs/output.md; their Arrow rows are the library's,
//! [`neardup::stages::arrow`], which the Python package shares). Each file is written whole through an
//! [`OutputFile`] (a temporary file renamed into place), so a file under
//! its final name is complete; a killed stage leaves only hidden temporary
//! files, which readers never list.

use crate::cli::output_file::{commit_all, OutputFile};
use crate::cli::CliError;
use crate::report::parquet::writer_properties;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::SchemaRef;
use neardup::corpus::Skipped;
use neardup::spill::RowsAside;
use neardup::stages::arrow::{
    self as stage_arrow, band_columns, bands_schema, cluster_columns, clusters_schema, doc_columns,
    docs_schema, pair_columns, pairs_schema, skipped_columns, skipped_schema,
};
use neardup::stages::pairs::{BandRow, KeyedPair};
use neardup::stages::{ClusterRow, DocKey, SignedCorpus};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::file::metadata::{KeyValue, RowGroupMetaData};
use parquet::file::statistics::Statistics;
use std::path::Path;

/// Rows per record batch written.
pub const BATCH: usize = 1 << 16;

/// Rows per record batch read. Smaller than [`BATCH`]: a batch is decoded
/// beside the table it is read into, and 65,536 signed rows (a 256-byte
/// signature and a 128-byte spin signature each) were decoded into some
/// 50 MB of buffers while `components` read its documents (heaptrack, 1 GB
/// stage directory). The peak is later, in the clustering, so peak RSS
/// stays the same (113.5 MB on 1 GB, both sizes).
const READ_BATCH: usize = 1 << 13;

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
            self.write_columns((self.batch)(chunk))?;
        }
        Ok(())
    }

    /// Writes one batch of columns made by the caller (rows that borrow
    /// from something that lives for one batch only).
    pub fn write_columns(&mut self, columns: Vec<ArrayRef>) -> Result<(), CliError> {
        let b = RecordBatch::try_new(self.schema.clone(), columns)
            .map_err(parquet::errors::ParquetError::from)
            .and_then(|b| self.w.write(&b));
        b.map_err(|e| self.w.inner().error(e.into()))
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

/// Hands every record batch of `path` to `f`, one at a time; returns the
/// file's key-value metadata.
fn each_batch(
    path: &Path,
    f: impl FnMut(&RecordBatch) -> Result<(), String>,
) -> Result<Vec<KeyValue>, CliError> {
    each_batch_of(path, |_| true, f)
}

/// [`each_batch`] over the row groups `wanted` accepts (by their metadata).
fn each_batch_of(
    path: &Path,
    wanted: impl Fn(&RowGroupMetaData) -> bool,
    mut f: impl FnMut(&RecordBatch) -> Result<(), String>,
) -> Result<Vec<KeyValue>, CliError> {
    let mut read = || -> parquet::errors::Result<Result<Vec<KeyValue>, String>> {
        let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path)?)?;
        let meta = builder.metadata().file_metadata().key_value_metadata();
        let meta = meta.cloned().unwrap_or_default();
        let groups: Vec<usize> = (0..builder.metadata().num_row_groups())
            .filter(|&i| wanted(builder.metadata().row_group(i)))
            .collect();
        let builder = builder.with_row_groups(groups);
        for b in builder.with_batch_size(READ_BATCH).build()? {
            if let Err(e) = f(&b?) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(meta))
    };
    match read() {
        Ok(Ok(meta)) => Ok(meta),
        Ok(Err(e)) => Err(bad_file(path, e)),
        Err(e) => Err(CliError::input(format!("reading {}: {e}", path.display()))),
    }
}

/// Writes signed documents, whose spin signatures wait in a temporary
/// file (`spin`, in the documents' order, and its bins a row; None: the
/// view is off), a batch at a time: each batch's spin rows are read back
/// as it is written.
pub fn write_docs(
    path: &Path,
    c: &SignedCorpus,
    k: usize,
    spin: Option<(RowsAside, usize)>,
) -> Result<(), CliError> {
    let spin_k = spin.as_ref().map_or(0, |s| s.1);
    let mut blocks = spin.map(|(rows, _)| rows.blocks(BATCH));
    let mut w = RowsWriter::create(path, docs_schema(), doc_columns)?;
    for (b, docs) in c.docs.chunks(BATCH).enumerate() {
        let spin_rows = blocks.as_mut().and_then(Iterator::next).unwrap_or_default();
        let rows: Vec<_> = docs
            .iter()
            .enumerate()
            .map(|(j, d)| {
                let i = b * BATCH + j;
                let sig = &c.signatures[i * k..(i + 1) * k];
                (d, sig, &spin_rows[j * spin_k..(j + 1) * spin_k])
            })
            .collect();
        w.write_columns(doc_columns(&rows))?;
    }
    w.commit()
}

/// Reads a documents file, appending to `c`; every signature must have
/// `k` bins (and `spin_k` spin bins). `after_batch` sees `c` after each
/// batch (to move its signatures elsewhere as they come).
pub fn read_docs(
    path: &Path,
    c: &mut SignedCorpus,
    bins: (usize, usize),
    with_spin: bool,
    mut after_batch: impl FnMut(&mut SignedCorpus),
) -> Result<(), CliError> {
    each_batch(path, |b| {
        stage_arrow::read_docs(b, c, bins, with_spin)?;
        after_batch(c);
        Ok(())
    })?;
    Ok(())
}

/// A writer of band rows at `path`, for rows handed over a part at a time
/// ([`RowsWriter::write`] each, then [`RowsWriter::commit`]).
pub fn bands_writer(path: &Path) -> Result<RowsWriter<BandRow>, CliError> {
    RowsWriter::create(path, bands_schema(), band_columns)
}

/// Reads the rows of the bands `bands` (sorted), appending to `rows`: the
/// files are sorted by band, so only the row groups whose `band`
/// statistics overlap them are decoded (all of them when a file has no
/// statistics).
pub fn read_bands_of(path: &Path, bands: &[u32], rows: &mut Vec<BandRow>) -> Result<(), CliError> {
    let (Some(&first), Some(&last)) = (bands.first(), bands.last()) else {
        return Ok(());
    };
    let may_hold = |rg: &RowGroupMetaData| match rg.column(0).statistics() {
        Some(Statistics::Int32(s)) => match (s.min_opt(), s.max_opt()) {
            // Stored as INT32, the bits of the uint32.
            (Some(&lo), Some(&hi)) => lo as u32 <= last && first <= hi as u32,
            _ => true,
        },
        _ => true,
    };
    each_batch_of(path, may_hold, |b| {
        let from = rows.len();
        stage_arrow::read_bands(b, rows)?;
        let mut kept = from;
        for i in from..rows.len() {
            if bands.binary_search(&rows[i].band).is_ok() {
                rows[kept] = rows[i];
                kept += 1;
            }
        }
        rows.truncate(kept);
        Ok(())
    })?;
    Ok(())
}

/// Writes verified pairs.
pub fn write_pairs(path: &Path, pairs: &[KeyedPair]) -> Result<(), CliError> {
    write(path, pairs_schema(), pairs, pair_columns)
}

/// Reads verified pairs, appending to `out`.
pub fn read_pairs(path: &Path, out: &mut Vec<KeyedPair>) -> Result<(), CliError> {
    each_batch(path, |b| stage_arrow::read_pairs(b, out))?;
    Ok(())
}

/// Hands the verified pairs of `path` to `f` a batch at a time (memory
/// holds one batch, not the file).
pub fn each_pair_batch(
    path: &Path,
    mut f: impl FnMut(&[KeyedPair]) -> Result<(), String>,
) -> Result<(), CliError> {
    let mut batch = Vec::new();
    each_batch(path, |b| {
        batch.clear();
        stage_arrow::read_pairs(b, &mut batch)?;
        f(&batch)
    })?;
    Ok(())
}

/// The number of rows of a stage file, from its footer.
pub fn row_count(path: &Path) -> Result<u64, CliError> {
    let open = || -> parquet::errors::Result<i64> {
        let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path)?)?;
        Ok(builder.metadata().file_metadata().num_rows())
    };
    open()
        .map(|n| n.max(0) as u64)
        .map_err(|e| CliError::input(format!("reading {}: {e}", path.display())))
}

/// A stage file's row or column the reader refused, named with the file.
fn bad_file(path: &Path, e: String) -> CliError {
    CliError::input(format!("{}: {e}", path.display()))
}

/// Opens a file of skipped records, written as they come.
pub fn skipped_writer(path: &Path) -> Result<RowsWriter<Skipped>, CliError> {
    RowsWriter::create(path, skipped_schema(), skipped_columns)
}

/// Reads a file of skipped records, appending to `out`.
pub fn read_skipped(path: &Path, out: &mut Vec<Skipped>) -> Result<(), CliError> {
    each_batch(path, |b| stage_arrow::read_skipped(b, out))?;
    Ok(())
}

/// The metadata key under which the clusters file records what it was made from.
const MADE_FROM: &str = "neardup.made_from";

/// A writer of the clusters file at `path`, made from `made_from`, for
/// rows handed over a batch at a time ([`RowsWriter::write`] each, then
/// [`RowsWriter::commit`]).
pub fn clusters_writer(path: &Path, made_from: &str) -> Result<RowsWriter<ClusterRow>, CliError> {
    let mut w = RowsWriter::create(path, clusters_schema(), cluster_columns)?;
    w.w.append_key_value_metadata(KeyValue::new(MADE_FROM.into(), made_from.to_string()));
    Ok(w)
}

/// Reads the clusters whose key `wanted` accepts, and what they were made
/// from (None when the file does not say).
pub fn read_clusters(
    path: &Path,
    wanted: impl Fn(DocKey) -> bool,
) -> Result<(Vec<ClusterRow>, Option<String>), CliError> {
    let mut rows = Vec::new();
    let meta = each_batch(path, |b| stage_arrow::read_clusters(b, &mut rows, &wanted))?;
    let made_from = meta.into_iter().find(|kv| kv.key == MADE_FROM);
    Ok((rows, made_from.and_then(|kv| kv.value)))
}
