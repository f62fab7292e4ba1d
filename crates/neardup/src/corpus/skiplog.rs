//! Skipped records, counted exactly without being held.
//!
//! A tiny compressed input can hold millions of bad lines; keeping a
//! [`Skipped`] for each took gigabytes. The log keeps counts by reason, the
//! first [`EXAMPLES`] in full (for the summary and `--strict`), and, when
//! asked, every one as a JSON line in an anonymous temporary file that the
//! `--skipped` writer copies out at the end. A caller that must see every
//! skipped record (dedup's copy pass places each one) asks for all to be kept.

use super::{SkipReason, Skipped};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// How many skipped records are kept in full.
pub const EXAMPLES: usize = 100;

/// Counts, examples and (optionally) the full list of skipped records.
#[derive(Debug, Default)]
pub struct SkipLog {
    total: u64,
    records: u64,
    counts: BTreeMap<&'static str, u64>,
    examples: Vec<Skipped>,
    details: Option<BufWriter<File>>,
    error: Option<io::Error>,
    stop_at_first: bool,
    /// Skipped records (not unreadable inputs) per source index.
    records_by_source: BTreeMap<u32, u64>,
    /// With `keep_duplicate_ids`: every record skipped as a repeated id,
    /// as (source, line, id).
    duplicate_ids: Option<Vec<(u32, u64, Box<str>)>>,
    /// Every entry is also handed to this, when set ([`SkipLog::also_to`]).
    sink: Option<Sink>,
}

/// Where [`SkipLog::also_to`] hands every entry.
struct Sink(Box<dyn FnMut(&Skipped) + Send + Sync>);

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sink")
    }
}

/// One line of the `--skipped` file.
#[derive(Serialize)]
struct SkippedLine<'a> {
    source: &'a str,
    line: Option<u64>,
    id: Option<&'a str>,
    reason: &'static str,
    message: String,
}

impl Skipped {
    /// Writes this record as one JSON line of the `--skipped` file.
    pub fn write_json(&self, w: &mut impl Write) -> io::Result<()> {
        let line = SkippedLine {
            source: &self.source,
            line: self.location.map(|l| l.line).filter(|&l| l > 0),
            id: self.id.as_deref(),
            reason: self.reason.code(),
            message: self.reason.to_string(),
        };
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")
    }

    /// True when this is a record (it has a place or an id), not an input
    /// that could not be read at all.
    pub fn is_record(&self) -> bool {
        self.location.is_some() || self.id.is_some()
    }
}

impl SkipLog {
    /// A log; with `keep_details` every entry is also written to a
    /// temporary file, for [`SkipLog::copy_details`].
    pub fn new(keep_details: bool) -> io::Result<Self> {
        let details = if keep_details {
            Some(BufWriter::new(tempfile::tempfile()?))
        } else {
            None
        };
        Ok(SkipLog {
            details,
            ..SkipLog::default()
        })
    }

    /// Asks the reader to stop at the first entry (`--strict`).
    pub fn stop_at_first(mut self, yes: bool) -> Self {
        self.stop_at_first = yes;
        self
    }

    /// Keeps the place and id of every record skipped as a repeated id,
    /// for [`SkipLog::duplicate_ids`] (dedup drops or leaves them out by
    /// their bytes). Records skipped for other reasons are only counted.
    pub fn keep_duplicate_ids(mut self, yes: bool) -> Self {
        self.duplicate_ids = yes.then(Vec::new);
        self
    }

    /// Also hands every entry, whole, to `sink` as it comes (the staged
    /// run's `sign` writes them to a stage file, a batch at a time).
    pub fn also_to(mut self, sink: impl FnMut(&Skipped) + Send + Sync + 'static) -> Self {
        self.sink = Some(Sink(Box::new(sink)));
        self
    }

    /// The records skipped as a repeated id, in order, as (source, line,
    /// id), when the log keeps them (else None).
    pub fn duplicate_ids(&self) -> Option<&[(u32, u64, Box<str>)]> {
        self.duplicate_ids.as_deref()
    }

    /// How many records of source `source` were skipped (unreadable inputs
    /// and read errors are not records).
    pub fn records_in(&self, source: u32) -> u64 {
        self.records_by_source.get(&source).copied().unwrap_or(0)
    }

    /// True when reading should stop (`--strict` and something was skipped).
    pub fn should_stop(&self) -> bool {
        self.stop_at_first && self.total > 0
    }

    /// Records one skipped record or input.
    pub fn push(&mut self, s: Skipped) {
        self.total += 1;
        self.records += u64::from(s.is_record());
        *self.counts.entry(s.reason.code()).or_default() += 1;
        if let Some(w) = self.details.as_mut() {
            if let Err(e) = s.write_json(w) {
                self.error.get_or_insert(e);
            }
        }
        if let Some(l) = s.location {
            if !matches!(s.reason, SkipReason::Unreadable(_)) {
                *self.records_by_source.entry(l.source).or_default() += 1;
            }
            if let (Some(ids), SkipReason::DuplicateId { .. }) =
                (&mut self.duplicate_ids, &s.reason)
            {
                ids.push((l.source, l.line, s.id.as_deref().unwrap_or_default().into()));
            }
        }
        if let Some(Sink(sink)) = self.sink.as_mut() {
            sink(&s);
        }
        if self.examples.len() < EXAMPLES {
            self.examples.push(s);
        }
    }

    /// How many were skipped.
    pub fn len(&self) -> u64 {
        self.total
    }

    /// True when nothing was skipped.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many of them were records (not unreadable inputs).
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Counts by reason code, in code order.
    pub fn counts(&self) -> &BTreeMap<&'static str, u64> {
        &self.counts
    }

    /// The first one.
    pub fn first(&self) -> Option<&Skipped> {
        self.examples.first()
    }

    /// The first ones (at most 100), in order.
    pub fn examples(&self) -> &[Skipped] {
        &self.examples[..self.examples.len().min(EXAMPLES)]
    }

    /// Copies every entry, as JSON Lines, to `out` (the log must have
    /// been made with `keep_details`; otherwise only the examples are there).
    pub fn copy_details(&mut self, out: &mut impl Write) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match self.details.as_mut() {
            Some(w) => {
                w.flush()?;
                let file = w.get_mut();
                file.rewind()?;
                io::copy(file, out)?;
                file.seek(io::SeekFrom::End(0))?;
                Ok(())
            }
            None => self.examples.iter().try_for_each(|s| s.write_json(out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(line: u64) -> Skipped {
        Skipped {
            source: "f".into(),
            location: Some(crate::corpus::Location {
                source: 0,
                line,
                offset: 0,
                len: 0,
            }),
            id: None,
            reason: SkipReason::NotAnObject,
        }
    }

    #[test]
    fn counts_everything_but_keeps_few() {
        let mut log = SkipLog::new(true).unwrap();
        for i in 0..(EXAMPLES as u64 + 50) {
            log.push(bad(i + 1));
        }
        assert_eq!(log.len(), EXAMPLES as u64 + 50);
        assert_eq!(log.examples().len(), EXAMPLES);
        assert_eq!(log.counts()["not_an_object"], EXAMPLES as u64 + 50);
        let mut out = Vec::new();
        log.copy_details(&mut out).unwrap();
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), EXAMPLES + 50);
        assert!(log.duplicate_ids().is_none());
        assert_eq!(log.records_in(0), EXAMPLES as u64 + 50);
        let mut ids = SkipLog::default().keep_duplicate_ids(true);
        (0..(EXAMPLES as u64 + 5)).for_each(|i| ids.push(bad(i + 1)));
        let mut repeat = bad(7);
        repeat.id = Some("x".into());
        repeat.reason = SkipReason::DuplicateId {
            first: "f:1".into(),
        };
        ids.push(repeat);
        assert_eq!(ids.duplicate_ids(), Some(&[(0, 7, "x".into())][..]));
        assert_eq!(ids.examples().len(), EXAMPLES);
    }

    #[test]
    fn strict_stops_after_the_first() {
        let mut log = SkipLog::new(false).unwrap().stop_at_first(true);
        assert!(!log.should_stop());
        log.push(bad(3));
        assert!(log.should_stop());
        assert_eq!(log.first().unwrap().location.unwrap().line, 3);
    }
}
