//! One JSON line per document, in id order.

use super::{Selection, Writer};
use neardup::pipeline::Outcome;
use neardup::rows::DocRows;
use rayon::prelude::*;
use std::io::{self, Write};

/// A document's line: the library's per-document row.
pub use neardup::rows::DocRow as DocLine;

/// Each document's line, for the JSON Lines and Parquet writers: the
/// library's rows, filtered by the selection.
pub struct DocLines<'a> {
    rows: DocRows<'a>,
    selection: Selection,
}

impl<'a> DocLines<'a> {
    /// The lines of `o`'s documents that `selection` lists.
    pub fn new(o: &'a Outcome, selection: Selection) -> Self {
        DocLines {
            rows: DocRows::new(&o.docs, &o.clustering),
            selection,
        }
    }

    /// Document `d`'s line, or None when the selection leaves it out.
    pub fn line(&self, d: usize) -> Option<DocLine<'a>> {
        let row = self.rows.row(d);
        (self.selection == Selection::All || row.cluster_size > 1).then_some(row)
    }
}

/// The per-document writer.
pub struct DocsWriter;

impl Writer for DocsWriter {
    fn write(&self, o: &Outcome, selection: Selection, out: &mut dyn Write) -> io::Result<()> {
        let lines = DocLines::new(o, selection);
        let line = |d: usize, buf: &mut Vec<u8>| {
            if let Some(line) = lines.line(d) {
                serde_json::to_writer(&mut *buf, &line).expect("writing JSON to memory");
                buf.push(b'\n');
            }
        };
        // Lines are formatted in parallel, a group at a time (so the output
        // is never all in memory), and written in order.
        const GROUP: usize = 1 << 14;
        const CHUNK: usize = 512;
        for start in (0..o.docs.len()).step_by(GROUP) {
            let end = (start + GROUP).min(o.docs.len());
            let parts: Vec<Vec<u8>> = (start..end)
                .into_par_iter()
                .step_by(CHUNK)
                .map(|lo| {
                    let hi = (lo + CHUNK).min(end);
                    let mut buf = Vec::with_capacity((hi - lo) * 256);
                    for d in lo..hi {
                        line(d, &mut buf);
                    }
                    buf
                })
                .collect();
            for p in parts {
                out.write_all(&p)?;
            }
        }
        Ok(())
    }
}
