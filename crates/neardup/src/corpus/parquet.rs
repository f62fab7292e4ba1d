//! Parquet sources: one record a row, fields by column (dotted paths reach
//! into struct columns), read by row group.
//!
//! **Reading.** Only the leaf columns of the four fields (id, text, date,
//! site) are decoded: a field named `metadata.id` is the leaf `id` of the
//! struct column `metadata` (the same dotted path as in JSON Lines). The
//! reader thread decodes one row group at a time, in slices of about
//! `batch_bytes`, and the workers turn the rows of a slice into records in
//! parallel, borrowing the strings from the Arrow arrays.
//!
//! **Where a record lives.** A row's [`Location`] has `line` = its row
//! number in the file (1-based, counted across row groups: messages say
//! `FILE:ROW` like `FILE:LINE`), `offset` = the same row 0-based (the key
//! under which [`super::fetch_texts`] returns its text) and `len` = its
//! text's length in bytes (read-back batches are sized by it).
//!
//! **Reading back.** [`fetch`] maps rows to row groups through the footer's
//! row counts, then decodes, for each row group holding wanted rows (in
//! parallel), the text column of those rows only (a row selection): no
//! other column, no other row group, and never the whole file per record.
//!
//! **Bad rows** are skipped with a reason, like a bad JSON line: a null or
//! non-string text (`text_not_string`), an id that is neither a string nor
//! an integer (`bad_id`), a text that is not UTF-8 in a binary column. A
//! field whose column the file lacks is as missing as an absent JSON key: no
//! text is `missing_text` for every row; no id gives `FILE:ROW` ids, counted
//! in the summary's note. Dates are strings (through [`super::parse_date`])
//! or Arrow timestamp and date columns.
//!
//! **Bytes.** Progress counts a Parquet source by its size on disk, spread
//! over its row groups by their compressed size, so that the bytes reported
//! add up to the file's size. The boilerplate sample, like every other
//! format's, is chosen by the records' texts alone.

use super::{parse_date, FieldNames, Location, Record, SkipReason, Skipped, Source};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder, RowSelection,
};
use parquet::arrow::ProjectionMask;
use rayon::prelude::*;
use std::borrow::Cow;
use std::fs::File;
use std::io;

/// The fields read, in this order, in [`Columns`].
const ID: usize = 0;
const TEXT: usize = 1;
const DATE: usize = 2;
const SITE: usize = 3;

/// A field's values in one slice of rows: the leaf array and the struct
/// arrays above it (a null struct hides whatever its children hold).
struct Column {
    leaf: ArrayRef,
    parents: Vec<ArrayRef>,
}

impl Column {
    /// The column at `path` in `batch`, when every step of the path is
    /// there (a list on the way, or a missing child, gives None).
    fn find(batch: &RecordBatch, path: &[String]) -> Option<Column> {
        let (first, rest) = path.split_first()?;
        let mut leaf = batch.column_by_name(first)?.clone();
        let mut parents = Vec::new();
        for part in rest {
            let child = leaf.as_struct_opt()?.column_by_name(part)?.clone();
            parents.push(std::mem::replace(&mut leaf, child));
        }
        Some(Column { leaf, parents })
    }

    fn is_null(&self, row: usize) -> bool {
        self.leaf.is_null(row) || self.parents.iter().any(|p| p.is_null(row))
    }

    /// The value at `row`, as neardup reads a field.
    fn value(&self, row: usize) -> Value<'_> {
        if self.is_null(row) {
            return Value::Null;
        }
        let a = &self.leaf;
        let int = |n: String| Value::Int(n);
        match a.data_type() {
            DataType::Utf8 => Value::Str(a.as_string::<i32>().value(row)),
            DataType::LargeUtf8 => Value::Str(a.as_string::<i64>().value(row)),
            DataType::Utf8View => Value::Str(a.as_string_view().value(row)),
            DataType::Binary => utf8(a.as_binary::<i32>().value(row)),
            DataType::LargeBinary => utf8(a.as_binary::<i64>().value(row)),
            DataType::BinaryView => utf8(a.as_binary_view().value(row)),
            DataType::Int8 => int(a.as_primitive::<Int8Type>().value(row).to_string()),
            DataType::Int16 => int(a.as_primitive::<Int16Type>().value(row).to_string()),
            DataType::Int32 => int(a.as_primitive::<Int32Type>().value(row).to_string()),
            DataType::Int64 => int(a.as_primitive::<Int64Type>().value(row).to_string()),
            DataType::UInt8 => int(a.as_primitive::<UInt8Type>().value(row).to_string()),
            DataType::UInt16 => int(a.as_primitive::<UInt16Type>().value(row).to_string()),
            DataType::UInt32 => int(a.as_primitive::<UInt32Type>().value(row).to_string()),
            DataType::UInt64 => int(a.as_primitive::<UInt64Type>().value(row).to_string()),
            DataType::Timestamp(unit, _) => {
                let (v, per_second) = match unit {
                    TimeUnit::Second => (a.as_primitive::<TimestampSecondType>().value(row), 1),
                    TimeUnit::Millisecond => (
                        a.as_primitive::<TimestampMillisecondType>().value(row),
                        1_000,
                    ),
                    TimeUnit::Microsecond => (
                        a.as_primitive::<TimestampMicrosecondType>().value(row),
                        1_000_000,
                    ),
                    TimeUnit::Nanosecond => (
                        a.as_primitive::<TimestampNanosecondType>().value(row),
                        1_000_000_000,
                    ),
                };
                // Arrow timestamps count from the Unix epoch in UTC,
                // whatever time zone they are labelled with.
                Value::Seconds(v.div_euclid(per_second))
            }
            DataType::Date32 => Value::Seconds(
                i64::from(
                    a.as_primitive::<arrow_array::types::Date32Type>()
                        .value(row),
                ) * 86_400,
            ),
            DataType::Date64 => Value::Seconds(
                a.as_primitive::<arrow_array::types::Date64Type>()
                    .value(row)
                    .div_euclid(1_000),
            ),
            t => Value::Other(type_name(t)),
        }
    }
}

/// A field's value in one row.
enum Value<'a> {
    Null,
    Str(&'a str),
    /// An integer, as text.
    Int(String),
    /// A timestamp or date, in seconds since the Unix epoch.
    Seconds(i64),
    /// Bytes that are not UTF-8, valid up to this offset.
    BadUtf8(usize),
    /// Any other type (its name, for messages).
    Other(&'static str),
}

fn utf8(bytes: &[u8]) -> Value<'_> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Value::Str(s),
        Err(e) => Value::BadUtf8(e.valid_up_to()),
    }
}

/// A column type as the skip messages name it ("the text field is ...").
fn type_name(t: &DataType) -> &'static str {
    match t {
        DataType::Float16 | DataType::Float32 | DataType::Float64 => "a fractional number",
        DataType::Decimal128(..) | DataType::Decimal256(..) => "a decimal number",
        DataType::Boolean => "a boolean",
        DataType::Struct(_) => "a struct (an object)",
        DataType::List(_)
        | DataType::LargeList(_)
        | DataType::FixedSizeList(..)
        | DataType::ListView(_)
        | DataType::LargeListView(_) => "a list (an array)",
        DataType::Map(..) => "a map",
        DataType::Dictionary(..) => "a dictionary column (not read)",
        DataType::Time32(_) | DataType::Time64(_) => "a time of day",
        DataType::Duration(_) | DataType::Interval(_) => "a duration",
        _ => "a column of another type",
    }
}

/// The four fields' columns in one slice of rows (None: not in the file).
type Columns = [Option<Column>; 4];

/// One slice of a Parquet source's rows, decoded, for the workers.
pub(super) struct RowBatch {
    pub source: u32,
    /// The 0-based row number (in the file) of the first row.
    pub first_row: u64,
    pub rows: usize,
    columns: Columns,
    /// This slice's share of the file's size.
    pub bytes: u64,
}

/// A source's footer and the leaf columns of the fields.
struct Opened {
    file: File,
    meta: ArrowReaderMetadata,
    /// Each field's path (as the file spells it), when the file has it.
    paths: [Option<Vec<String>>; 4],
    /// The leaf columns of the fields found.
    mask: ProjectionMask,
}

fn open(src: &Source, fields: &FieldNames, which: &[usize]) -> parquet::errors::Result<Opened> {
    let file = File::open(&src.path)?;
    let meta = ArrowReaderMetadata::load(&file, ArrowReaderOptions::new())?;
    let names = [&fields.id, &fields.text, &fields.date, &fields.site];
    let descr = meta.metadata().file_metadata().schema_descr();
    let mut paths: [Option<Vec<String>>; 4] = Default::default();
    let mut leaves = Vec::new();
    for &f in which {
        // The leaf whose dotted path is the field name: `text`, or
        // `metadata.id` inside the struct `metadata`.
        let leaf = descr
            .columns()
            .iter()
            .position(|c| c.path().string() == *names[f]);
        if let Some(i) = leaf {
            paths[f] = Some(descr.column(i).path().parts().to_vec());
            leaves.push(i);
        }
    }
    let mask = ProjectionMask::leaves(descr, leaves);
    Ok(Opened {
        file,
        meta,
        paths,
        mask,
    })
}

/// Rows decoded at once in a row group: about `batch_bytes` of it.
fn rows_per_slice(meta: &parquet::file::metadata::RowGroupMetaData, batch_bytes: usize) -> usize {
    let rows = meta.num_rows().max(1) as u64;
    let bytes = meta.total_byte_size().max(1) as u64;
    (batch_bytes as u64 * rows / bytes).clamp(64, 1 << 16) as usize
}

/// Reads source `source` a row group at a time, in slices, and hands each
/// to `send` (false: stop). A failure is handed as `Err((started, why))`:
/// `started` is false when the file could not be opened as Parquet at all.
pub(super) fn read_rows(
    source: u32,
    src: &Source,
    fields: &FieldNames,
    batch_bytes: usize,
    send: &mut impl FnMut(Result<RowBatch, (bool, String)>) -> bool,
) -> bool {
    let opened = match open(src, fields, &[ID, TEXT, DATE, SITE]) {
        Ok(o) => o,
        Err(e) => return send(Err((false, format!("not a readable Parquet file: {e}")))),
    };
    let groups = opened.meta.metadata().row_groups();
    // Each row group's share of the file's size; the last also takes the
    // footer, so that the shares add up to the size.
    let compressed: u64 = groups
        .iter()
        .map(|g| g.compressed_size().max(0) as u64)
        .sum();
    let mut first_row = 0u64;
    for (g, group) in groups.iter().enumerate() {
        let mut share = group.compressed_size().max(0) as u64;
        if g + 1 == groups.len() {
            share += src.size.saturating_sub(compressed);
        }
        let rows_in_group = group.num_rows().max(0) as u64;
        let reader = opened
            .file
            .try_clone()
            .map_err(parquet::errors::ParquetError::from)
            .and_then(|f| {
                ParquetRecordBatchReaderBuilder::new_with_metadata(f, opened.meta.clone())
                    .with_projection(opened.mask.clone())
                    .with_row_groups(vec![g])
                    .with_batch_size(rows_per_slice(group, batch_bytes))
                    .build()
            });
        let reader = match reader {
            Ok(r) => r,
            Err(e) => return send(Err((true, e.to_string()))),
        };
        let mut done = 0u64;
        let mut reported = 0u64;
        for batch in reader {
            let batch = match batch {
                Ok(b) => b,
                Err(e) => return send(Err((true, e.to_string()))),
            };
            let rows = batch.num_rows();
            done += rows as u64;
            let upto = share * done / rows_in_group.max(1);
            let columns = opened
                .paths
                .each_ref()
                .map(|p| p.as_ref().and_then(|p| Column::find(&batch, p)));
            let slice = RowBatch {
                source,
                first_row: first_row + done - rows as u64,
                rows,
                columns,
                bytes: upto - reported,
            };
            reported = upto;
            if !send(Ok(slice)) {
                return false;
            }
        }
        first_row += rows_in_group;
    }
    true
}

impl RowBatch {
    /// Where `row` lives.
    pub fn location(&self, row: usize) -> Location {
        let text_len = match self.columns[TEXT].as_ref().map(|c| c.value(row)) {
            Some(Value::Str(s)) => s.len() as u64,
            _ => 0,
        };
        let at = self.first_row + row as u64;
        Location {
            source: self.source,
            line: at + 1,
            offset: at,
            len: text_len,
        }
    }

    /// The record in `row` (of source `src`), or why it is skipped.
    pub fn record(
        &self,
        src: &Source,
        row: usize,
        max_record_bytes: u64,
    ) -> Result<Record<'_>, Skipped> {
        let location = self.location(row);
        let value = |f: usize| self.columns[f].as_ref().map(|c| c.value(row));
        let skip = |id: Option<String>, reason| Skipped {
            source: src.name.clone(),
            location: Some(location),
            id,
            reason,
        };
        let (id, id_from_location) = match value(ID) {
            None => (Cow::Owned(format!("{}:{}", src.name, location.line)), true),
            Some(Value::Str("")) => return Err(skip(None, SkipReason::EmptyId)),
            Some(Value::Str(s)) => (Cow::Borrowed(s), false),
            Some(Value::Int(n)) => (Cow::Owned(n), false),
            Some(Value::Null) => return Err(skip(None, SkipReason::BadId("null"))),
            Some(Value::BadUtf8(at)) => return Err(skip(None, SkipReason::InvalidUtf8(at))),
            Some(Value::Seconds(_)) => return Err(skip(None, SkipReason::BadId("a date"))),
            Some(Value::Other(t)) => return Err(skip(None, SkipReason::BadId(t))),
        };
        let id_text = || Some(id.clone().into_owned());
        let text = match value(TEXT) {
            Some(Value::Str(s)) => s,
            None => return Err(skip(id_text(), SkipReason::MissingText)),
            Some(Value::Null) => return Err(skip(id_text(), SkipReason::TextNotString("null"))),
            Some(Value::Int(_)) => {
                return Err(skip(id_text(), SkipReason::TextNotString("a number")))
            }
            Some(Value::Seconds(_)) => {
                return Err(skip(id_text(), SkipReason::TextNotString("a date")))
            }
            Some(Value::BadUtf8(at)) => return Err(skip(id_text(), SkipReason::InvalidUtf8(at))),
            Some(Value::Other(t)) => return Err(skip(id_text(), SkipReason::TextNotString(t))),
        };
        if text.len() as u64 > max_record_bytes {
            let reason = SkipReason::TooLarge {
                bytes: text.len() as u64,
                max: max_record_bytes,
            };
            return Err(skip(id_text(), reason));
        }
        let (date, bad_date) = match value(DATE) {
            None | Some(Value::Null) => (None, false),
            Some(Value::Seconds(s)) => (Some(s), false),
            Some(Value::Str(s)) => match parse_date(s) {
                Some(d) => (Some(d), false),
                None => (None, true),
            },
            Some(_) => (None, true),
        };
        let site = match value(SITE) {
            Some(Value::Str(s)) => Some(Cow::Borrowed(s)),
            _ => None,
        };
        Ok(Record {
            id,
            text: Cow::Borrowed(text),
            date,
            site,
            id_from_location,
            bad_date,
            location,
        })
    }
}

/// Reads back the texts at `locs` (sorted by row, without repeats) of one
/// Parquet source: see the module documentation.
pub(super) fn fetch(
    src: &Source,
    fields: &FieldNames,
    locs: &[Location],
) -> io::Result<Vec<((u32, u64), String)>> {
    let opened = open(src, fields, &[TEXT]).map_err(io::Error::other)?;
    let Some(path) = opened.paths[TEXT].clone() else {
        return Ok(Vec::new());
    };
    // The rows wanted in each row group, relative to its first row.
    let mut per_group: Vec<(usize, u64, &[Location])> = Vec::new();
    let mut start = 0u64;
    let mut rest = locs;
    for (g, group) in opened.meta.metadata().row_groups().iter().enumerate() {
        let end = start + group.num_rows().max(0) as u64;
        let n = rest.partition_point(|l| l.offset < end);
        let (here, after) = rest.split_at(n);
        if !here.is_empty() {
            per_group.push((g, start, here));
        }
        rest = after;
        start = end;
    }
    let groups: Vec<Vec<((u32, u64), String)>> = per_group
        .par_iter()
        .map(|&(g, first, wanted)| -> parquet::errors::Result<_> {
            // A file of its own: clones of one handle share its position.
            let file = File::open(&src.path)?;
            let ranges = runs(wanted.iter().map(|l| (l.offset - first) as usize));
            let rows_in_group = opened.meta.metadata().row_group(g).num_rows() as usize;
            let reader =
                ParquetRecordBatchReaderBuilder::new_with_metadata(file, opened.meta.clone())
                    .with_projection(opened.mask.clone())
                    .with_row_groups(vec![g])
                    .with_row_selection(RowSelection::from_consecutive_ranges(
                        ranges.into_iter(),
                        rows_in_group,
                    ))
                    .with_batch_size(wanted.len().clamp(1, 1 << 12))
                    .build()?;
            let mut out = Vec::with_capacity(wanted.len());
            let mut next = wanted.iter();
            for batch in reader {
                let batch = batch?;
                let column = Column::find(&batch, &path);
                for row in 0..batch.num_rows() {
                    let Some(l) = next.next() else { break };
                    if let Some(Value::Str(s)) = column.as_ref().map(|c| c.value(row)) {
                        out.push(((l.source, l.offset), s.to_owned()));
                    }
                }
            }
            Ok(out)
        })
        .collect::<parquet::errors::Result<_>>()
        .map_err(io::Error::other)?;
    Ok(groups.into_iter().flatten().collect())
}

/// Sorted distinct row numbers as runs of consecutive rows.
fn runs(rows: impl Iterator<Item = usize>) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for r in rows {
        match out.last_mut() {
            Some(last) if last.end == r => last.end += 1,
            _ => out.push(r..r + 1),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{expand_inputs, fetch_texts, scan, InputFormat, ScanOptions, SourceKind};
    use arrow_array::{Int64Array, StringArray, StructArray, TimestampMillisecondArray};
    use arrow_schema::{Field, Schema};
    use parquet::arrow::ArrowWriter;
    use parquet::file::properties::WriterProperties;
    use std::sync::Arc;

    /// Five rows, in row groups of two, with the id inside a struct, a
    /// null text in row 3 and a millisecond timestamp as the date.
    fn write_sample(path: &std::path::Path) {
        let ids = Int64Array::from(vec![10, 11, 12, 13, 14]);
        let meta = StructArray::from(vec![(
            Arc::new(Field::new("id", DataType::Int64, true)),
            Arc::new(ids) as ArrayRef,
        )]);
        let texts = StringArray::from(vec![
            Some("alpha words"),
            Some("beta words"),
            None,
            Some("delta words"),
            Some("epsilon words"),
        ]);
        let dates = TimestampMillisecondArray::from(vec![86_400_000i64; 5]);
        let schema = Schema::new(vec![
            Field::new("meta", meta.data_type().clone(), true),
            Field::new("text", DataType::Utf8, true),
            Field::new("date", dates.data_type().clone(), true),
        ]);
        let batch = RecordBatch::try_new(
            Arc::new(schema),
            vec![Arc::new(meta), Arc::new(texts), Arc::new(dates)],
        )
        .unwrap();
        let props = WriterProperties::builder()
            .set_max_row_group_size(2)
            .build();
        let mut w =
            ArrowWriter::try_new(File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
    }

    #[test]
    fn rows_are_read_skipped_and_read_back_by_row() {
        let dir = tempfile::tempdir().unwrap();
        // No extension: the kind comes from the content.
        let path = dir.path().join("part-0");
        write_sample(&path);
        let (sources, bad) = expand_inputs(std::slice::from_ref(&path), InputFormat::Auto);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(sources[0].kind, SourceKind::Parquet);
        let opts = ScanOptions {
            fields: FieldNames {
                id: "meta.id".into(),
                ..FieldNames::default()
            },
            batch_bytes: 1,
            ..ScanOptions::default()
        };
        let mut seen = Vec::new();
        let mut bytes = 0;
        scan(
            &sources,
            &opts,
            |r| match r {
                Ok(r) => Ok((r.id.into_owned(), r.location, r.date)),
                Err(s) => Err(s.to_string()),
            },
            |batch, b| {
                seen.extend(batch);
                bytes += b;
            },
        );
        assert_eq!(bytes, sources[0].size, "the bytes add up to the file");
        assert_eq!(seen.len(), 5);
        let skipped = seen[2].as_ref().unwrap_err();
        assert!(
            skipped.contains("part-0:3") && skipped.contains("text field is null"),
            "{skipped}"
        );
        let ok: Vec<_> = seen.iter().filter_map(|r| r.as_ref().ok()).collect();
        let ids: Vec<&str> = ok.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(ids, ["10", "11", "13", "14"]);
        assert!(ok.iter().all(|r| r.2 == Some(86_400)));
        assert_eq!(ok[2].1.line, 4);
        // Read back across row groups, in any order, with a repeat.
        let locs: Vec<Location> = [ok[3].1, ok[0].1, ok[2].1, ok[0].1].to_vec();
        let texts = fetch_texts(&sources, &opts.fields, &locs);
        assert_eq!(texts.len(), 3);
        assert_eq!(texts[&(0, ok[2].1.offset)], "delta words");
        assert_eq!(texts[&(0, ok[3].1.offset)], "epsilon words");
        assert_eq!(texts[&(0, ok[0].1.offset)], "alpha words");
    }

    #[test]
    fn a_text_that_starts_with_the_magic_is_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "PAR1 is a name, not a file format here.").unwrap();
        let (sources, _) = expand_inputs(&[path], InputFormat::Auto);
        assert_eq!(sources[0].kind, SourceKind::Text);
    }

    #[test]
    fn runs_merge_consecutive_rows() {
        assert_eq!(runs([0, 1, 2, 5, 7, 8].into_iter()), vec![0..3, 5..6, 7..9]);
        assert!(runs(std::iter::empty()).is_empty());
    }
}
