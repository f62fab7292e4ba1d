//! The repeats decided ahead of the copy pass, for a staged run.
//!
//! `neardup dedup` tells two things by a record's bytes as its copy pass
//! meets the records, across every source: whether a record skipped as a
//! repeated id repeats its first record byte for byte (then it is dropped
//! as an `exact` repeat, else left out), and whether a record that was not
//! analysed repeats an earlier one (then it is dropped, not passed through
//! twice). A staged `apply` copies one shard of the sources and never meets
//! the others' records, so `components` decides these once for every shard:
//! it reads back only the records concerned, by place (positional reads of
//! a plain JSON Lines file; one pass over a compressed one, a text file or
//! a Parquet file), and puts them in read order to the same [`Plan`] the
//! copy pass uses, so the two cannot disagree. A record that the copy pass
//! would stream unchecked (not analysed, over the stream size) is not read.

use super::parquet::{batches, each_row};
use super::{Fate, Fates, Loc, Plan, STREAM_ABOVE};
use crate::cli::CliError;
use neardup::cluster::Clustering;
use neardup::corpus::{Location, SkipReason, Skipped, Source, SourceKind};
use neardup::signing::DocInfo;
use std::collections::{HashMap, HashSet};
use std::io::{self, Read};

/// A record whose fate in a copy is decided here.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    /// The record.
    pub at: Loc,
    /// The record it repeats byte for byte, or for a repeated id the first
    /// record with its id.
    pub repeat_of: Loc,
    /// True when it is a byte-identical repeat (dropped); false for a
    /// repeated id with other bytes (left out).
    pub identical: bool,
    /// For a repeated id: its id (None for a record not analysed).
    pub id: Option<Box<str>>,
    /// For a repeated id: its first record's cluster.
    pub cluster: Option<u32>,
    /// That cluster's origin id.
    pub origin_id: Option<Box<str>>,
}

/// Decides the repeats among `repeated` (the records skipped as a repeated
/// id) and `unanalysed` (every other record skipped with a place) of a run
/// whose documents are `docs` (in id order) clustered as `clustering`.
/// Returned in read order. WARC sources, which `dedup` does not copy, are
/// left out.
pub fn decide_repeats(
    docs: &[DocInfo],
    clustering: &Clustering,
    repeated: &[Skipped],
    unanalysed: &[Skipped],
    sources: &[Source],
    max_record_bytes: u64,
) -> Result<Vec<Decided>, CliError> {
    let ids: Vec<(u32, u64, Box<str>)> = repeated
        .iter()
        .filter_map(|s| {
            let l = s.location?;
            Some((l.source, l.line, s.id.as_deref().unwrap_or_default().into()))
        })
        .collect();
    let mut plan = Plan::of(docs, clustering, HashSet::new(), &ids);
    let mut wanted: Vec<Location> = docs
        .iter()
        .map(|d| d.location)
        .filter(|l| plan.firsts.contains(&(l.source, l.line)))
        .collect();
    wanted.extend(repeated.iter().filter_map(|s| s.location));
    let cap = max_record_bytes.min(STREAM_ABOVE);
    wanted.extend(
        unanalysed
            .iter()
            .filter(|s| !matches!(s.reason, SkipReason::Unreadable(_)))
            .filter_map(|s| s.location)
            .filter(|l| !(sources[l.source as usize].is_jsonl() && l.len > cap)),
    );
    wanted.retain(|l| !sources[l.source as usize].is_warc());
    wanted.sort_unstable_by_key(|l| (l.source, l.line));
    wanted.dedup_by_key(|l| (l.source, l.line));
    let mut decided = Vec::new();
    for locs in wanted.chunk_by(|a, b| a.source == b.source) {
        let src = &sources[locs[0].source as usize];
        let mut put = |l: &Location, bytes: &[u8]| {
            let at = (l.source, l.line);
            let (repeat_of, identical) = match plan.fate(at, bytes) {
                Fate::Repeat(first) => (first, true),
                Fate::LeaveOut => (plan.first_of(at).expect("a repeated id"), false),
                _ => return,
            };
            let doc = plan.repeated_id(at);
            decided.push(Decided {
                at,
                repeat_of,
                identical,
                id: doc.map(|d| d.id.into()),
                cluster: doc.and_then(|d| d.cluster),
                origin_id: doc.and_then(|d| d.origin_id).map(Into::into),
            });
        };
        read_back(src, locs, &mut put)
            .map_err(|e| CliError::io(&format!("reading back records of {}", src.name), e))?;
    }
    Ok(decided)
}

/// Hands the bytes of each record at `locs` (of `src`, in line order) to
/// `f`, as the copy pass compares them.
fn read_back(
    src: &Source,
    locs: &[Location],
    f: &mut dyn FnMut(&Location, &[u8]),
) -> io::Result<()> {
    match src.kind {
        SourceKind::Parquet => {
            let wanted: HashMap<u64, &Location> = locs.iter().map(|l| (l.line, l)).collect();
            let mut row = 0u64;
            for batch in batches(src)? {
                each_row(&batch?, src, |_, bytes| {
                    row += 1;
                    if let Some(l) = wanted.get(&row) {
                        f(l, bytes);
                    }
                    Ok(())
                })
                .map_err(|e| io::Error::other(e.to_string()))?;
            }
        }
        SourceKind::Text => {
            let mut bytes = Vec::new();
            src.open()?.read_to_end(&mut bytes)?;
            if let Some(l) = locs.first() {
                f(l, &bytes);
            }
        }
        _ => neardup::corpus::read_records(src, locs, f)?,
    }
    Ok(())
}
