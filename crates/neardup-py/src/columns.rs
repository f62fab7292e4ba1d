//! The fields of Arrow record batches as neardup's documents: columns
//! found by name (a dotted name reaches into struct columns, as
//! `--id-field metadata.id` does in a file), strings read in place, dates
//! and numeric ids converted once.

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, TimeUnit};
use neardup::corpus::{parse_date, SkipReason};
use neardup::index::Document;
use neardup::Error;
use std::sync::Arc;

/// What a column is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string; numbers are turned into their decimal text (ids).
    Id,
    /// A string (text, url).
    Text,
    /// A date: a timestamp, a date, or an ISO 8601 string.
    Date,
}

/// One field of one batch.
pub enum Column {
    /// Utf8, LargeUtf8 or Utf8View (read in place).
    Strings(ArrayRef),
    /// Unix seconds per row.
    Dates(Vec<Option<i64>>),
}

impl Column {
    /// The field `name` of `batch`, read as `kind`.
    pub fn of(batch: &RecordBatch, name: &str, kind: Kind) -> Result<Column, String> {
        let array = find(batch, name)?;
        let bad =
            |t: &DataType| format!("field {name:?} has Arrow type {t}, not a {kind:?} column");
        match (kind, array.data_type()) {
            (_, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
                if kind != Kind::Date =>
            {
                Ok(Column::Strings(array))
            }
            (Kind::Id, t) if t.is_integer() => arrow_cast::cast(&array, &DataType::Utf8)
                .map(Column::Strings)
                .map_err(|e| format!("field {name:?}: {e}")),
            (Kind::Date, t) => dates(&array).map(Column::Dates).ok_or_else(|| bad(t)),
            (_, t) => Err(bad(t)),
        }
    }

    /// Row `i` as a string (None: null, or not a string column).
    pub fn str(&self, i: usize) -> Option<&str> {
        let Column::Strings(a) = self else {
            return None;
        };
        if a.is_null(i) {
            return None;
        }
        Some(match a.data_type() {
            DataType::Utf8 => a.as_string::<i32>().value(i),
            DataType::LargeUtf8 => a.as_string::<i64>().value(i),
            _ => a.as_string_view().value(i),
        })
    }

    /// Row `i` as Unix seconds.
    fn date(&self, i: usize) -> Option<i64> {
        match self {
            Column::Dates(d) => d[i],
            Column::Strings(_) => None,
        }
    }
}

/// The column at a dotted path: `a.b` is field `b` of struct column `a`.
fn find(batch: &RecordBatch, name: &str) -> Result<ArrayRef, String> {
    let missing = || format!("no field {name:?} in the table (columns: {})", names(batch));
    if let Some(a) = batch.column_by_name(name) {
        return Ok(Arc::clone(a));
    }
    let mut parts = name.split('.');
    let first = parts.next().ok_or_else(missing)?;
    let mut array = Arc::clone(batch.column_by_name(first).ok_or_else(missing)?);
    for part in parts {
        let s: &StructArray = array.as_struct_opt().ok_or_else(missing)?;
        array = Arc::clone(s.column_by_name(part).ok_or_else(missing)?);
    }
    Ok(array)
}

fn names(batch: &RecordBatch) -> String {
    let s = batch.schema();
    let names: Vec<&str> = s.fields().iter().map(|f| f.name().as_str()).collect();
    names.join(", ")
}

/// A date column as Unix seconds, or None for a type that holds no dates.
fn dates(array: &ArrayRef) -> Option<Vec<Option<i64>>> {
    let n = array.len();
    let seconds = |a: &ArrayRef| -> Option<Vec<Option<i64>>> {
        let s = arrow_cast::cast(a, &DataType::Timestamp(TimeUnit::Second, None)).ok()?;
        let s = arrow_cast::cast(&s, &DataType::Int64).ok()?;
        let s = s.as_primitive::<arrow_array::types::Int64Type>();
        Some((0..n).map(|i| s.is_valid(i).then(|| s.value(i))).collect())
    };
    match array.data_type() {
        DataType::Timestamp(..) | DataType::Date32 | DataType::Date64 => seconds(array),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            let c = Column::Strings(Arc::clone(array));
            Some((0..n).map(|i| c.str(i).and_then(parse_date)).collect())
        }
        _ => None,
    }
}

/// The batches' fields, row by row.
pub struct Records<'a> {
    ids: &'a [Option<Column>],
    texts: &'a [Option<Column>],
    dates: &'a [Option<Column>],
    urls: &'a [Option<Column>],
}

/// A row left out: its id (or `row N`), the reason's code and message.
pub type Skipped = (String, String, String);

/// A row left out, with its row number.
pub type SkippedAt = (usize, Skipped);

/// The id, text, date and url columns of a list of batches, each per
/// batch: what [`Records`] reads.
pub struct RecordColumns {
    ids: Vec<Option<Column>>,
    texts: Vec<Option<Column>>,
    dates: Vec<Option<Column>>,
    urls: Vec<Option<Column>>,
}

impl RecordColumns {
    /// The columns of the fields named (a date or url field not asked for
    /// reads as absent).
    pub fn of(
        batches: &[RecordBatch],
        id: &str,
        text: &str,
        date: Option<&str>,
        url: Option<&str>,
    ) -> Result<Self, String> {
        Ok(RecordColumns {
            ids: columns_of(batches, Some(id), Kind::Id)?,
            texts: columns_of(batches, Some(text), Kind::Text)?,
            dates: columns_of(batches, date, Kind::Date)?,
            urls: columns_of(batches, url, Kind::Text)?,
        })
    }

    /// The records of these columns.
    pub fn records(&self) -> Records<'_> {
        Records::new(&self.ids, &self.texts, &self.dates, &self.urls)
    }
}

impl<'a> Records<'a> {
    /// The records of batches whose columns are given per batch.
    pub fn new(
        ids: &'a [Option<Column>],
        texts: &'a [Option<Column>],
        dates: &'a [Option<Column>],
        urls: &'a [Option<Column>],
    ) -> Self {
        Records {
            ids,
            texts,
            dates,
            urls,
        }
    }

    /// Every row as a document with its row number (counted across the
    /// batches), in order, but those without an id or a text, which are
    /// reported with theirs.
    pub fn documents(&self) -> (Vec<(usize, Document<'a>)>, Vec<SkippedAt>) {
        let mut docs = Vec::new();
        let mut skipped = Vec::new();
        let mut row = 0usize;
        for (b, id_col) in self.ids.iter().enumerate() {
            let (Some(id_col), Some(text_col)) = (id_col, &self.texts[b]) else {
                continue;
            };
            let len = match id_col {
                Column::Strings(a) => a.len(),
                Column::Dates(d) => d.len(),
            };
            for i in 0..len {
                let at = row;
                row += 1;
                let reason = match (id_col.str(i), text_col.str(i)) {
                    (None, _) => SkipReason::BadId("null"),
                    (Some(""), _) => SkipReason::EmptyId,
                    (Some(_), None) => SkipReason::MissingText,
                    (Some(id), Some(text)) => {
                        let mut d = Document::new(id, text);
                        if let Some(t) = self.dates[b].as_ref().and_then(|c| c.date(i)) {
                            d = d.with_date(t);
                        }
                        if let Some(u) = self.urls[b].as_ref().and_then(|c| c.str(i)) {
                            d = d.with_url(u);
                        }
                        docs.push((at, d));
                        continue;
                    }
                };
                let id = id_col.str(i).filter(|s| !s.is_empty());
                skipped.push((
                    at,
                    (
                        id.map_or_else(|| format!("row {at}"), str::to_string),
                        reason.code().to_string(),
                        reason.to_string(),
                    ),
                ));
            }
        }
        (docs, skipped)
    }
}

/// Per batch, the column of field `name` read as `kind` (None everywhere
/// when the field was not asked for).
pub fn columns_of(
    batches: &[RecordBatch],
    name: Option<&str>,
    kind: Kind,
) -> Result<Vec<Option<Column>>, String> {
    batches
        .iter()
        .map(|b| name.map(|n| Column::of(b, n, kind)).transpose())
        .collect()
}

/// A document the index did not add, as a skipped row.
pub fn skipped_row(e: &Error) -> Skipped {
    match e {
        Error::Skipped { id, reason } => {
            (id.clone(), reason.code().to_string(), reason.to_string())
        }
        Error::DuplicateId(id) => (
            id.clone(),
            "duplicate_id".to_string(),
            "an earlier row has the same id (the first is kept)".to_string(),
        ),
        other => (String::new(), "error".to_string(), other.to_string()),
    }
}
