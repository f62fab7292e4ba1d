//! Writing results: one file per output format.
//!
//! * [`docs`]: one JSON line per document (join it back to your corpus by id);
//! * `parquet` (cargo feature `parquet`): the same per-document rows as Parquet;
//! * [`clusters`]: one JSON line per cluster with its members;
//! * [`text`]: the cluster view for reading in a terminal;
//! * [`html`]: the report page (`--report FILE`): summary, clusters, side-by-side views;
//! * [`pairs`]: every verified pair with its scores (`--pairs FILE`);
//! * [`explain_text`], [`explain_json`]: `neardup explain` for reading and as JSON,
//!   with the reasons worded by [`reasons`] (the library returns codes and numbers);
//! * [`terminal`]: the escaping of corpus text on its way to a terminal.
//!
//! All formats are documented in `docs/output.md`.

pub mod clusters;
pub mod docs;
pub mod explain_text;
pub mod html;
pub mod pairs;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod terminal;
pub mod text;

use neardup::pipeline::Outcome;
use std::io::{self, Write};

pub use neardup::rows::round3;
/// The wording and the explain JSON, shared with the Python package.
pub use neardup_words::{explain_json, reasons};

/// Which clusters a writer lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every document, unique ones included.
    All,
    /// Only documents in clusters of two or more.
    DuplicatesOnly,
}

/// A result writer.
pub trait Writer {
    /// Writes the outcome.
    fn write(&self, outcome: &Outcome, selection: Selection, out: &mut dyn Write)
        -> io::Result<()>;
}
