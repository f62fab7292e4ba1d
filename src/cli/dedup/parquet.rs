//! The copy pass over Parquet sources: every row is read again with all
//! its columns, its fate decided as for a JSON line, and the kept rows are
//! written with the same columns (the first input's schema; every input
//! must have the same columns).
//!
//! A row's "bytes", for the byte-identical repeat check, are its values
//! formatted one after the other (Arrow's display, a unit separator between
//! them, nulls marked): two rows with equal values in every column repeat
//! each other, whatever row group or file they are in.

use super::{CliError, Copier, Fates, OutputFile};
use crate::report::parquet::writer_properties;
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch, StructArray};
use arrow_cast::display::{ArrayFormatter, FormatOptions};
use arrow_schema::SchemaRef;
use arrow_schema::{DataType, Field};
use arrow_select::filter::filter_record_batch;
use neardup::corpus::Source;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ArrowWriter;
use std::fs::File;
use std::io::{self, Write};

/// The kept rows on their way to the output.
pub(in crate::cli) struct KeptRows {
    writer: ArrowWriter<OutputFile>,
    schema: SchemaRef,
}

/// The Arrow schema of a Parquet source, as the reader gives its rows.
fn schema_of(src: &Source) -> Result<SchemaRef, CliError> {
    let read = || -> parquet::errors::Result<SchemaRef> {
        let file = File::open(&src.path)?;
        Ok(ArrowReaderMetadata::load(&file, Default::default())?
            .schema()
            .clone())
    };
    read().map_err(|e| CliError::input(format!("{}: {e}", src.name)))
}

impl KeptRows {
    /// Checks that all `sources` (Parquet) have the same columns and opens
    /// the writer with them.
    pub fn new(out: OutputFile, sources: &[Source]) -> Result<KeptRows, CliError> {
        let mut schema: Option<SchemaRef> = None;
        for src in sources {
            let s = schema_of(src)?;
            match &schema {
                None => schema = Some(s),
                Some(first) if first.fields() != s.fields() => {
                    return Err(CliError::input(format!(
                        "{}: its columns differ from those of {}; Parquet output passes the columns through, so all inputs must have the same",
                        src.name, sources[0].name
                    )))
                }
                Some(_) => {}
            }
        }
        let schema = schema.unwrap_or_else(|| SchemaRef::new(arrow_schema::Schema::empty()));
        let what = format!("writing {}", out.path().display());
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(writer_properties()))
            .map_err(|e| CliError::io(&what, e.into()))?;
        Ok(KeptRows { writer, schema })
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<(), CliError> {
        // The same columns under the first input's schema (its metadata may differ).
        let batch = RecordBatch::try_new(self.schema.clone(), batch.columns().to_vec())
            .map_err(|e| CliError::input(format!("passing the columns through: {e}")))?;
        let err = |w: &ArrowWriter<OutputFile>, e: parquet::errors::ParquetError| {
            CliError::io(&format!("writing {}", w.inner().path().display()), e.into())
        };
        self.writer.write(&batch).map_err(|e| err(&self.writer, e))
    }

    /// Writes the footer and hands back the file to commit.
    pub fn finish(self) -> Result<OutputFile, CliError> {
        let what = format!("writing {}", self.writer.inner().path().display());
        self.writer
            .into_inner()
            .map_err(|e| CliError::io(&what, e.into()))
    }
}

/// `column` as Arrow's display can show it: a timestamp labelled with a
/// named time zone (`UTC`, `Europe/Paris`) needs a time zone database the
/// build leaves out, so the label is dropped (the values, instants in UTC,
/// are unchanged), in struct columns too.
fn displayable(column: &ArrayRef) -> ArrayRef {
    match column.data_type() {
        DataType::Timestamp(unit, Some(_)) => {
            let plain = DataType::Timestamp(*unit, None);
            arrow_cast::cast(column, &plain).unwrap_or_else(|_| column.clone())
        }
        DataType::Struct(fields) => {
            let s = column.as_struct();
            let children: Vec<ArrayRef> = s.columns().iter().map(displayable).collect();
            let fields: Vec<Field> = fields
                .iter()
                .zip(&children)
                .map(|(f, c)| f.as_ref().clone().with_data_type(c.data_type().clone()))
                .collect();
            StructArray::try_new(fields.into(), children, s.nulls().cloned())
                .map_or_else(|_| column.clone(), |a| std::sync::Arc::new(a) as ArrayRef)
        }
        _ => column.clone(),
    }
}

/// The rows of a Parquet source, all columns, a batch at a time (an error
/// when it cannot be opened).
pub(super) fn batches(
    src: &Source,
) -> Result<impl Iterator<Item = Result<RecordBatch, io::Error>>, io::Error> {
    let reader = File::open(&src.path)
        .map_err(parquet::errors::ParquetError::from)
        .and_then(ParquetRecordBatchReaderBuilder::try_new)
        .and_then(|b| b.with_batch_size(1024).build())
        .map_err(io::Error::other)?;
    Ok(reader.map(|b| b.map_err(io::Error::other)))
}

/// Hands each row of `batch` to `f` with its "bytes" for the repeat check
/// (see the module documentation).
pub(super) fn each_row(
    batch: &RecordBatch,
    src: &Source,
    mut f: impl FnMut(usize, &[u8]) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let options = FormatOptions::new().with_null("\u{0}null");
    let values = batch.columns().iter().map(displayable).collect::<Vec<_>>();
    let values = values
        .iter()
        .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CliError::input(format!("{}: {e}", src.name)))?;
    let mut bytes = Vec::new();
    for r in 0..batch.num_rows() {
        bytes.clear();
        for v in &values {
            // A value that cannot be shown still leaves its separator.
            let _ = write!(bytes, "{}", v.value(r));
            bytes.push(0x1F);
        }
        f(r, &bytes)?;
    }
    Ok(())
}

impl<P: Fates> Copier<'_, P> {
    /// Copies one Parquet source's kept rows. Returns the read error, if
    /// any (the caller compares the rows met with the rows analysed).
    pub(super) fn parquet_source(&mut self, i: u32) -> Result<Option<io::Error>, CliError> {
        let src = &self.sources[i as usize];
        let reader = match batches(src) {
            Ok(r) => r,
            Err(e) => return Ok(Some(e)),
        };
        let mut row = 0u64;
        for batch in reader {
            let batch = match batch {
                Ok(b) => b,
                Err(e) => return Ok(Some(e)),
            };
            let mut keep = Vec::with_capacity(batch.num_rows());
            each_row(&batch, src, |_, bytes| {
                row += 1;
                let kept = self.decide((i, row), bytes)?;
                if let Some(passed_through) = kept {
                    self.count_kept(passed_through);
                }
                keep.push(kept.is_some());
                Ok(())
            })?;
            let kept = filter_record_batch(&batch, &BooleanArray::from(keep))
                .map_err(|e| CliError::input(format!("{}: {e}", src.name)))?;
            if kept.num_rows() > 0 {
                match &mut self.out {
                    super::Kept::Parquet(rows) => rows.write(&kept)?,
                    super::Kept::Jsonl(_) => unreachable!("Parquet sources write Parquet"),
                }
            }
        }
        Ok(None)
    }
}
