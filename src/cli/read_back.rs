//! The run's answer to an input that changed under it: records read back
//! for an exact count or an alignment must be the records signed, or the
//! result is not the input's, and nothing is written.

use super::CliError;
use neardup::corpus::{ReadBackFailure, Source, SourceKind};

/// An error naming the first record that did not read back as it was
/// signed, and how many did not; Ok when all did.
pub(super) fn check(failures: &[ReadBackFailure], sources: &[Source]) -> Result<(), CliError> {
    let Some(first) = failures.first() else {
        return Ok(());
    };
    let l = first.location;
    let src = &sources[l.source as usize];
    let at = match src.kind {
        SourceKind::Text => String::new(),
        SourceKind::Parquet => format!(" row {}", l.line),
        _ => format!(" line {}", l.line),
    };
    let what = if first.changed {
        "holds another text than the one signed"
    } else {
        "could not be read again"
    };
    let more = match failures.len() {
        1 => String::new(),
        n => format!(" ({n} records in all)"),
    };
    Err(CliError::input(format!(
        "{}{at} {what}: the input changed while neardup ran{more}, so nothing was written; \
         run again on input that does not change during the run (a copy)",
        src.name
    )))
}
