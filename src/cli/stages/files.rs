//! The stage files as Parquet: documents, band rows, verified pairs (the
//! schemas are in docs/output.md; their Arrow rows are the library's,
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
use neardup::stages::arrow::{
    self as stage_arrow, band_columns, bands_schema, doc_columns, doc_rows, docs_schema,
    pair_columns, pairs_schema, skipped_columns, skipped_schema,
};
use neardup::stages::pairs::{BandRow, KeyedPair};
use neardup::stages::SignedCorpus;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use std::path::Path;

/// Rows per record batch written.
const BATCH: usize = 1 << 16;

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

/// Writes signed documents (with `k` bins, and `spin_k` spin bins, each).
pub fn write_docs(path: &Path, c: &SignedCorpus, k: usize, spin_k: usize) -> Result<(), CliError> {
    write(path, docs_schema(), &doc_rows(c, k, spin_k), doc_columns)
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
        stage_arrow::read_docs(&b, c, k, spin_k).map_err(|e| bad_file(path, e))?;
    }
    Ok(())
}

/// Writes band rows.
pub fn write_bands(path: &Path, rows: &[BandRow]) -> Result<(), CliError> {
    write(path, bands_schema(), rows, band_columns)
}

/// Reads band rows, appending to `rows`.
pub fn read_bands(path: &Path, rows: &mut Vec<BandRow>) -> Result<(), CliError> {
    for b in read(path)? {
        stage_arrow::read_bands(&b, rows).map_err(|e| bad_file(path, e))?;
    }
    Ok(())
}

/// Writes verified pairs.
pub fn write_pairs(path: &Path, pairs: &[KeyedPair]) -> Result<(), CliError> {
    write(path, pairs_schema(), pairs, pair_columns)
}

/// Reads verified pairs, appending to `out`.
pub fn read_pairs(path: &Path, out: &mut Vec<KeyedPair>) -> Result<(), CliError> {
    for batch in read(path)? {
        stage_arrow::read_pairs(&batch, out).map_err(|e| bad_file(path, e))?;
    }
    Ok(())
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
    for batch in read(path)? {
        stage_arrow::read_skipped(&batch, out).map_err(|e| bad_file(path, e))?;
    }
    Ok(())
}
