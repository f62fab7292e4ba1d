//! The per-document output as Parquet (`cluster -o docs.parquet`): the
//! columns of [`super::docs::DocLine`], one row per document, in id order,
//! zstd-compressed, written a group of documents at a time so that the
//! output is never all in memory. The schema is in `docs/output.md`.

use super::docs::DocLines;
use super::Selection;
use neardup::pipeline::Outcome;
use neardup::rows::arrow::docs_batch;
pub use neardup::rows::arrow::docs_schema;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::io::{self, Write};

/// Documents per record batch (and at most per row group).
const GROUP: usize = 1 << 16;

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
    let mut w = ArrowWriter::try_new(out, docs_schema(), Some(writer_properties()))?;
    let lines = DocLines::new(o, selection);
    for start in (0..o.docs.len()).step_by(GROUP) {
        let end = (start + GROUP).min(o.docs.len());
        let batch =
            docs_batch((start..end).filter_map(|d| lines.line(d))).map_err(io::Error::other)?;
        if batch.num_rows() > 0 {
            w.write(&batch)?;
        }
    }
    w.close()?;
    Ok(())
}
