//! `neardup dedup`: write the corpus back with one copy per cluster.
//!
//! The origin of each cluster is kept; every other member is dropped and
//! listed, with its cluster, origin and scores, in the dropped file (spun
//! rewrites stay with `--keep-spun`). Dedup removes only what it has shown
//! to be a duplicate, and accounts for every record it read:
//!
//! * a record repeated byte for byte (the same file given twice, `cat f f`)
//!   is dropped as an `exact` repeat and listed, with `repeat_of` naming the
//!   record it repeats;
//! * a different record under an id already seen cannot be told apart from
//!   the first by id, so it is left out (never kept) and reported (it is in
//!   `--skipped` as `duplicate_id`);
//! * records that could not be analysed (malformed JSON, too short, ...)
//!   are passed through unchanged, JSON lines byte for byte, and counted;
//! * every other record is kept unchanged.
//!
//! kept + dropped + left out = records read, and the summary says each.
//!
//! Parquet input is written back as Parquet (`-o kept.parquet`, or
//! `--output-format parquet`): the kept rows with every input column, as
//! read (see [`parquet`]). JSON Lines and text input are written as JSON
//! Lines; the two are not mixed in one run.
//! The corpus is read a second time to copy the kept records; that pass
//! counts the records it meets, and a source that no longer yields the
//! records the run analysed (a stream that breaks, a file that changed)
//! fails the run: no output is left half-written (see [`super::output_file`]).

#[cfg(feature = "parquet")]
mod parquet;
#[cfg(feature = "parquet")]
mod repeats;

#[cfg(feature = "parquet")]
pub(super) use repeats::{decide_repeats, Decided};

use super::args::{CorpusArgs, OutputFormatArg};
use super::cluster::{cluster_corpus, pipeline, Produce};
use super::output_file::{commit_all, OutputFile, Outputs};
use super::{summary, CliError};
use crate::report::round3;
use neardup::cluster::{Clustering, Member, Relation};
use neardup::corpus::{Source, SourceKind};
use neardup::params::Params;
use neardup::pipeline::Outcome;
use neardup::signing::DocInfo;
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use xxhash_rust::xxh3::xxh3_128;

/// Arguments of `neardup dedup`.
#[derive(clap::Args, Debug)]
pub struct DedupArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Where to write the kept records (JSON Lines, or Parquet for Parquet input).
    #[arg(short, long, value_name = "FILE", help_heading = "Output")]
    pub output: PathBuf,
    /// How OUTPUT is written: `auto` is Parquet when it ends in `.parquet`.
    /// Parquet output needs Parquet input (the columns are passed through).
    #[arg(long, value_enum, default_value = "auto", help_heading = "Output")]
    pub output_format: OutputFormatArg,
    /// Where to list the dropped records (default: OUTPUT with `.dropped.jsonl`).
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub dropped: Option<PathBuf>,
    /// Keep spun rewrites: they are new text as far as a training set is
    /// concerned (by default they are dropped like other copies).
    #[arg(long, help_heading = "Output")]
    pub keep_spun: bool,
    #[command(flatten)]
    pub report: super::report::ReportArgs,
}

/// One line of the dropped file.
#[derive(Serialize)]
pub(super) struct DroppedLine<'a> {
    pub id: Option<&'a str>,
    pub source: &'a str,
    pub line: Option<u64>,
    pub cluster_id: Option<u32>,
    pub origin_id: Option<&'a str>,
    pub relation: &'static str,
    pub jaccard: Option<f64>,
    pub containment: Option<f64>,
    pub origin_containment: Option<f64>,
    pub substituted: Option<f64>,
    /// For a byte-identical repeat: the record it repeats (`FILE:LINE`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat_of: Option<String>,
}

impl<'a> DroppedLine<'a> {
    /// The line of a cluster member dropped as a copy of its origin;
    /// `scores` are the member's against the origin (jaccard, containment
    /// and the origin's containment, unrounded).
    #[allow(clippy::too_many_arguments)]
    pub fn member(
        id: &'a str,
        source: &'a str,
        line: u64,
        cluster: u32,
        origin_id: &'a str,
        relation: &'static str,
        scores: Option<(f64, f64, f64)>,
        substituted: Option<f64>,
    ) -> Self {
        DroppedLine {
            id: Some(id),
            source,
            line: (line > 0).then_some(line),
            cluster_id: Some(cluster),
            origin_id: Some(origin_id),
            relation,
            jaccard: scores.map(|s| round3(s.0)),
            containment: scores.map(|s| round3(s.1)),
            origin_containment: scores.map(|s| round3(s.2)),
            substituted: substituted.map(round3),
            repeat_of: None,
        }
    }
}

/// Where the dropped records are listed when `--dropped` is not given:
/// beside OUTPUT, `kept.jsonl` giving `kept.dropped.jsonl`.
pub(super) fn dropped_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".jsonl")
        .or_else(|| name.strip_suffix(".parquet"))
        .unwrap_or(&name);
    output.with_file_name(format!("{stem}.dropped.jsonl"))
}

#[derive(Serialize)]
struct TextRecord<'a> {
    id: &'a str,
    text: &'a str,
}

/// A record's place: source index and line (0 for a whole text file).
pub(super) type Loc = (u32, u64);

/// `FILE:LINE`, or `FILE` for a whole text file.
pub(super) fn place(sources: &[Source], (s, line): Loc) -> String {
    let name = &sources[s as usize].name;
    if line > 0 {
        format!("{name}:{line}")
    } else {
        name.clone()
    }
}

/// The record counts of a dedup run; kept + dropped + left out = read.
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Records read (blank lines are not records).
    read: u64,
    /// Records written to the output...
    kept: u64,
    /// ...of which were not analysed (skipped, passed through unchanged).
    passed_through: u64,
    /// Cluster members dropped as copies of their origin.
    dropped_copies: u64,
    /// Records dropped as byte-identical repeats of an earlier record.
    dropped_repeats: u64,
    /// Different records under an id already seen: left out.
    left_out_ids: u64,
    /// Text files that are not UTF-8: they cannot be written as a JSON record.
    left_out_text: u64,
}

/// What the copy pass asks of each record it meets: its fate, decided as
/// the records come ([`Plan`], `neardup dedup`) or read from a staged
/// run's clusters file (`neardup apply`, one shard of the sources).
pub(super) trait Fates {
    /// Decides the fate of the record at `loc` with these bytes (the
    /// record as the scan delimits it: a JSON line without its newline,
    /// `\r` or byte order mark).
    fn fate(&mut self, loc: Loc, bytes: &[u8]) -> Fate;
    /// True for a record the run analysed (clustered, or skipped as a
    /// repeated id): its bytes are needed whole.
    fn analysed(&self, loc: Loc) -> bool;
    /// How many records of source `i` the run met: the copy pass must meet as many.
    fn expected(&self, i: u32) -> u64;
    /// For a record skipped as a repeated id: its id, and its first
    /// record's cluster and that cluster's origin id.
    fn repeated_id(&self, loc: Loc) -> Option<RepeatedId<'_>>;
    /// For a signed document: its record's length as the run read it
    /// ([`neardup::corpus::Location::len`]), which the copy pass checks.
    fn signed_len(&self, loc: Loc) -> Option<u64>;
}

/// A record skipped as a repeated id, as the dropped list names it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RepeatedId<'a> {
    /// The id.
    pub id: &'a str,
    /// The cluster of the first record with that id.
    pub cluster: Option<u32>,
    /// That cluster's origin id.
    pub origin_id: Option<&'a str>,
}

/// What the copy pass needs to know of each record the run read.
pub(super) struct Plan<'o> {
    docs: &'o [DocInfo],
    clustering: &'o Clustering,
    /// Cluster members dropped as copies (already listed).
    dropped: HashSet<Loc>,
    /// Records skipped as a repeated id, and the document (its first
    /// occurrence) whose id they repeat.
    repeats: HashMap<Loc, u32>,
    /// First occurrences of the repeated ids (their bytes are hashed when read).
    firsts: HashSet<Loc>,
    /// The hash of each first occurrence that has repeats, once read.
    first_hash: HashMap<Loc, u128>,
    /// Where the clustered documents are (and which they are): every
    /// other record the copy pass meets was not analysed (skipped), and is
    /// passed through.
    clustered: HashMap<Loc, u32>,
    /// Hashes of the unanalysed records passed through so far (a repeat of
    /// one is dropped, not passed through twice).
    unanalysed_seen: HashMap<u128, Loc>,
    /// How many records of each source the run met: the copy pass must meet as many.
    expected: Vec<u64>,
}

/// What becomes of one record in the copy pass.
pub(super) enum Fate {
    Keep,
    PassThrough,
    /// Already listed as a dropped cluster member.
    Dropped,
    /// A byte-identical repeat of the record at this place.
    Repeat(Loc),
    /// A different record under an id already seen.
    LeaveOut,
}

impl<'o> Plan<'o> {
    /// The plan of `outcome` (its documents in id order), whose records
    /// skipped as a repeated id are `ids` (source, line, id); `dropped`
    /// are the cluster members dropped.
    pub fn new(
        outcome: &'o Outcome,
        sources: &[Source],
        dropped: HashSet<Loc>,
        ids: &[(u32, u64, Box<str>)],
    ) -> Plan<'o> {
        let mut plan = Plan::of(&outcome.docs, &outcome.clustering, dropped, ids);
        plan.expected = vec![0u64; sources.len()];
        for d in &outcome.docs {
            plan.expected[d.location.source as usize] += 1;
        }
        for (i, e) in plan.expected.iter_mut().enumerate() {
            *e += outcome.skipped.records_in(i as u32);
        }
        plan
    }

    /// The plan of `docs` (in id order) and their clusters, without the
    /// record counts (for deciding fates ahead of a copy pass).
    pub fn of(
        docs: &'o [DocInfo],
        clustering: &'o Clustering,
        dropped: HashSet<Loc>,
        ids: &[(u32, u64, Box<str>)],
    ) -> Plan<'o> {
        // Only the records skipped as a repeated id are placed one by one
        // (they are documents); any other skipped record is counted, and
        // recognised in the copy pass as one that is not clustered, so a
        // flood of bad lines costs no memory here.
        let mut repeats = HashMap::new();
        for (source, line, id) in ids {
            if let Ok(first) = docs.binary_search_by(|d| (*d.id).cmp(id)) {
                repeats.insert((*source, *line), first as u32);
            }
        }
        let clustered = docs
            .iter()
            .enumerate()
            .map(|(i, d)| ((d.location.source, d.location.line), i as u32))
            .collect();
        let firsts: HashSet<Loc> = repeats
            .values()
            .map(|&d| {
                let l = docs[d as usize].location;
                (l.source, l.line)
            })
            .collect();
        Plan {
            docs,
            clustering,
            dropped,
            repeats,
            first_hash: HashMap::with_capacity(firsts.len()),
            firsts,
            clustered,
            unanalysed_seen: HashMap::new(),
            expected: Vec::new(),
        }
    }

    /// The first record with the id of the repeated id at `loc`.
    #[cfg(feature = "parquet")]
    fn first_of(&self, loc: Loc) -> Option<Loc> {
        let l = self.docs[*self.repeats.get(&loc)? as usize].location;
        Some((l.source, l.line))
    }

    /// Remembers a clustered record's bytes when a later record repeats its id.
    fn note_first(&mut self, loc: Loc, bytes: &[u8]) {
        if self.firsts.contains(&loc) {
            self.first_hash.insert(loc, xxh3_128(bytes));
        }
    }
}

impl Fates for Plan<'_> {
    fn fate(&mut self, loc: Loc, bytes: &[u8]) -> Fate {
        if self.dropped.contains(&loc) {
            self.note_first(loc, bytes);
            return Fate::Dropped;
        }
        if let Some(&first) = self.repeats.get(&loc) {
            let l = self.docs[first as usize].location;
            let first_loc = (l.source, l.line);
            return match self.first_hash.get(&first_loc) {
                Some(&h) if h == xxh3_128(bytes) => Fate::Repeat(first_loc),
                _ => Fate::LeaveOut,
            };
        }
        if !self.clustered.contains_key(&loc) {
            return match self.unanalysed_seen.entry(xxh3_128(bytes)) {
                Entry::Occupied(first) => Fate::Repeat(*first.get()),
                Entry::Vacant(v) => {
                    v.insert(loc);
                    Fate::PassThrough
                }
            };
        }
        self.note_first(loc, bytes);
        Fate::Keep
    }

    fn analysed(&self, loc: Loc) -> bool {
        self.clustered.contains_key(&loc) || self.repeats.contains_key(&loc)
    }

    fn expected(&self, i: u32) -> u64 {
        self.expected[i as usize]
    }

    fn signed_len(&self, loc: Loc) -> Option<u64> {
        let d = *self.clustered.get(&loc)?;
        Some(self.docs[d as usize].location.len)
    }

    fn repeated_id(&self, loc: Loc) -> Option<RepeatedId<'_>> {
        let d = *self.repeats.get(&loc)?;
        let c = &self.clustering;
        let cluster = c.doc_cluster[d as usize];
        let origin = c
            .clusters
            .get(cluster as usize)
            .map(|c| &*self.docs[c.origin as usize].id);
        Some(RepeatedId {
            id: &self.docs[d as usize].id,
            cluster: Some(cluster),
            origin_id: origin,
        })
    }
}

/// The id of a JSON record, as text, when it has a string or number id.
fn id_of(bytes: &[u8], field: &str) -> Option<String> {
    match serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()?
        .get(field)?
    {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Where the kept records go.
pub(super) enum Kept {
    /// JSON lines, byte for byte (a text file as an `{id, text}` line).
    Jsonl(OutputFile),
    /// Parquet rows, every column passed through.
    #[cfg(feature = "parquet")]
    Parquet(Box<parquet::KeptRows>),
}

impl Kept {
    /// The kept records of `sources` on their way to `out`: Parquet rows
    /// with the inputs' columns (`check_formats` passed), or JSON lines.
    pub fn new(out: OutputFile, sources: &[Source], parquet_out: bool) -> Result<Kept, CliError> {
        if parquet_out {
            #[cfg(feature = "parquet")]
            return Ok(Kept::Parquet(Box::new(parquet::KeptRows::new(
                out, sources,
            )?)));
            #[cfg(not(feature = "parquet"))]
            unreachable!("is_parquet refuses Parquet output without the feature")
        }
        Ok(Kept::Jsonl(out))
    }

    /// The JSON Lines output (a run with Parquet output has only Parquet sources).
    fn jsonl(&mut self) -> &mut OutputFile {
        match self {
            Kept::Jsonl(f) => f,
            #[cfg(feature = "parquet")]
            Kept::Parquet(_) => unreachable!("JSON Lines sources are refused with Parquet output"),
        }
    }

    /// The finished file, ready to commit.
    fn finish(self) -> Result<OutputFile, CliError> {
        match self {
            Kept::Jsonl(f) => Ok(f),
            #[cfg(feature = "parquet")]
            Kept::Parquet(rows) => rows.finish(),
        }
    }
}

/// The copy pass: reads the sources again and writes the kept records.
struct Copier<'a, P: Fates> {
    sources: &'a [Source],
    /// No analysed record is longer than this.
    max_record_bytes: u64,
    /// The JSON field holding a record's id.
    id_field: &'a str,
    plan: P,
    out: Kept,
    dropped: OutputFile,
    tally: Tally,
}

impl<P: Fates> Copier<'_, P> {
    /// Handles one record (`bytes` as written, `record` as compared: the
    /// same but for a JSON line's byte order mark); a text file's record is
    /// written as JSON.
    fn record(
        &mut self,
        loc: Loc,
        bytes: &[u8],
        record: &[u8],
        text_id: Option<&str>,
    ) -> Result<(), CliError> {
        if let Some(passed_through) = self.decide(loc, record)? {
            if !self.write_kept(bytes, text_id)? {
                self.tally.left_out_text += 1;
                return Ok(());
            }
            self.count_kept(passed_through);
        }
        Ok(())
    }

    /// Decides the fate of one record and accounts for it, but for
    /// writing it: `Some(passed_through)` when it is to be kept (the caller
    /// writes it, then calls [`Copier::count_kept`]).
    fn decide(&mut self, loc: Loc, bytes: &[u8]) -> Result<Option<bool>, CliError> {
        self.tally.read += 1;
        self.check_length(loc, bytes)?;
        let fate = self.plan.fate(loc, bytes);
        match fate {
            Fate::Keep | Fate::PassThrough => {
                return Ok(Some(matches!(fate, Fate::PassThrough)));
            }
            Fate::Dropped => {}
            Fate::Repeat(first) => {
                self.tally.dropped_repeats += 1;
                self.list_repeat(loc, first, bytes)?;
            }
            Fate::LeaveOut => self.tally.left_out_ids += 1,
        }
        Ok(None)
    }

    /// Fails when a signed document's record (JSON Lines or text: a Parquet
    /// row's bytes here are not its text's) has another length than the
    /// run read: the input changed since, and its fate was decided on
    /// other bytes.
    fn check_length(&self, loc: Loc, bytes: &[u8]) -> Result<(), CliError> {
        let src = &self.sources[loc.0 as usize];
        let Some(analysed) = self.plan.signed_len(loc) else {
            return Ok(());
        };
        if src.kind == SourceKind::Parquet || analysed == bytes.len() as u64 {
            return Ok(());
        }
        let at = if loc.1 > 0 {
            format!(" line {}", loc.1)
        } else {
            String::new()
        };
        Err(CliError::input(format!(
            "{}{at}: the second read, to copy the kept records, met a record of {} bytes \
             where the run analysed {analysed}; the input changed, so nothing was written",
            src.name,
            bytes.len()
        )))
    }

    /// Counts a record written to the output.
    fn count_kept(&mut self, passed_through: bool) {
        self.tally.kept += 1;
        self.tally.passed_through += u64::from(passed_through);
    }

    /// Writes a kept record; false for a text file that is not UTF-8.
    fn write_kept(&mut self, bytes: &[u8], text_id: Option<&str>) -> Result<bool, CliError> {
        let out = self.out.jsonl();
        let written = match text_id {
            None => out.write_all(bytes).and_then(|_| out.write_all(b"\n")),
            Some(id) => {
                let Ok(text) = std::str::from_utf8(bytes) else {
                    return Ok(false);
                };
                serde_json::to_writer(&mut *out, &TextRecord { id, text })
                    .map_err(std::io::Error::from)
                    .and_then(|_| out.write_all(b"\n"))
            }
        };
        written.map_err(|e| self.out.jsonl().error(e))?;
        Ok(true)
    }

    /// Lists a byte-identical repeat in the dropped file.
    fn list_repeat(&mut self, loc: Loc, first: Loc, bytes: &[u8]) -> Result<(), CliError> {
        let doc = self.plan.repeated_id(loc);
        let RepeatedId {
            id,
            cluster,
            origin_id: origin,
        } = doc.unwrap_or_default();
        // A record that was not analysed is not held: its id, when it has
        // one, is read from its bytes.
        let unanalysed_id = doc.is_none().then(|| id_of(bytes, self.id_field)).flatten();
        let id = match doc {
            Some(_) => Some(id),
            None => unanalysed_id.as_deref(),
        };
        let line = DroppedLine {
            id,
            source: &self.sources[loc.0 as usize].name,
            line: (loc.1 > 0).then_some(loc.1),
            cluster_id: cluster,
            origin_id: origin,
            relation: Relation::Exact.as_str(),
            jaccard: None,
            containment: None,
            origin_containment: None,
            substituted: None,
            repeat_of: Some(place(self.sources, first)),
        };
        write_dropped(&mut self.dropped, &line)
    }

    /// Copies one source; fails when it no longer yields the records the
    /// run analysed.
    fn source(&mut self, i: u32) -> Result<(), CliError> {
        let src = &self.sources[i as usize];
        let before = self.tally.read;
        let error = match src.open() {
            #[cfg(feature = "parquet")]
            _ if src.kind == SourceKind::Parquet => self.parquet_source(i)?,
            Err(e) => Some(e),
            Ok(reader) if !src.is_jsonl() => self.text_source(i, reader)?,
            Ok(reader) => self.jsonl_source(i, reader)?,
        };
        let met = self.tally.read - before;
        let expected = self.plan.expected(i);
        if met != expected {
            let why = error.map(|e| format!(" ({e})")).unwrap_or_default();
            return Err(CliError::input(format!(
                "{}: the second read, to copy the kept records, met {met} records where the run analysed {expected}{why}; the input changed or cannot be read twice, so nothing was written",
                src.name
            )));
        }
        Ok(())
    }

    /// A whole text file is one record. Returns the read error, if any.
    fn text_source(
        &mut self,
        i: u32,
        mut reader: impl Read,
    ) -> Result<Option<std::io::Error>, CliError> {
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return Ok(Some(e));
        }
        let id = self.sources[i as usize].text_id.clone();
        self.record((i, 0), &bytes, &bytes, Some(&id))?;
        Ok(None)
    }

    /// Reads JSON lines as the run did (line numbers count every newline,
    /// blank lines are not records; bytes read before a read error still
    /// form a last record). Returns the read error, if any.
    fn jsonl_source(
        &mut self,
        i: u32,
        reader: impl Read,
    ) -> Result<Option<std::io::Error>, CliError> {
        let mut r = BufReader::with_capacity(1 << 20, reader);
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            // A record the run did not analyse is passed through; when it
            // is long it is streamed, not held (and not checked for repeats).
            let next = (i, line + 1);
            let analysed = self.plan.analysed(next);
            let cap = if analysed {
                self.max_record_bytes
            } else {
                self.max_record_bytes.min(STREAM_ABOVE)
            };
            // A line is cut off only past the cap with a byte order mark,
            // `\r` and newline on top, so that whether a record is checked
            // for repeats depends on its length alone (not on where the
            // reads fell): the stages decide repeats by length too.
            let (read, error) = match read_line_capped(&mut r, &mut buf, cap + LINE_EXTRA) {
                Ok(read) => (read, None),
                Err(e) => (Line::Whole(buf.len()), Some(e)),
            };
            match read {
                Line::Whole(0) => return Ok(error),
                Line::Whole(_) => {
                    line += 1;
                    let body = buf.strip_suffix(b"\n").unwrap_or(&buf);
                    let body = body.strip_suffix(b"\r").unwrap_or(body);
                    let record = body.strip_prefix(BOM).unwrap_or(body);
                    // As the scan has it: a line over the record limit is
                    // a record (skipped as too large) whatever its bytes;
                    // a shorter blank one is not a record.
                    let too_large = record.len() as u64 > self.max_record_bytes;
                    if !too_large && record.iter().all(u8::is_ascii_whitespace) {
                        // Blank lines are not records (a byte order mark
                        // left out).
                    } else if !analysed && record.len() as u64 > cap {
                        // Long, and read whole all the same: passed
                        // through unchecked, as a streamed one is.
                        self.pass_long(body)?;
                        let out = self.out.jsonl();
                        out.write_all(b"\n").map_err(|e| out.error(e))?;
                    } else {
                        self.record((i, line), body, record, None)?;
                    }
                }
                Line::TooLong => {
                    // Not analysed, and long: passed through, streamed.
                    line += 1;
                    self.pass_long(&buf)?;
                    let out = self.out.jsonl();
                    let read_error = copy_rest_of_line(&mut r, out)?;
                    out.write_all(b"\n").map_err(|e| out.error(e))?;
                    if read_error.is_some() {
                        return Ok(read_error);
                    }
                }
            }
            if error.is_some() {
                return Ok(error);
            }
        }
    }
}

impl<P: Fates> Copier<'_, P> {
    /// Passes through the start (or the whole) of a long record not
    /// analysed, unchecked for repeats.
    fn pass_long(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        self.tally.read += 1;
        self.tally.kept += 1;
        self.tally.passed_through += 1;
        let out = self.out.jsonl();
        out.write_all(bytes).map_err(|e| out.error(e))
    }
}

/// Unanalysed records longer than this are streamed through the copy pass
/// (and not checked for repeats).
pub(super) const STREAM_ABOVE: u64 = 1 << 20;

/// A line's bytes that are not part of its record: a byte order mark, `\r`
/// and the newline.
const LINE_EXTRA: u64 = BOM.len() as u64 + 2;

/// The byte order mark, which the scan leaves out of a record.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How much of a line [`read_line_capped`] read.
enum Line {
    /// The whole line, newline included (0: the end of the input).
    Whole(usize),
    /// The first bytes of a line longer than the cap; the rest is unread.
    TooLong,
}

/// Reads one line into `buf`, or stops with [`Line::TooLong`] once it
/// holds more than `cap` bytes without a newline.
fn read_line_capped(r: &mut impl BufRead, buf: &mut Vec<u8>, cap: u64) -> std::io::Result<Line> {
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(Line::Whole(buf.len()));
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        buf.extend_from_slice(&chunk[..take]);
        r.consume(take);
        if done {
            return Ok(Line::Whole(buf.len()));
        }
        if buf.len() as u64 > cap {
            return Ok(Line::TooLong);
        }
    }
}

/// Copies the rest of the current line (without its newline) to `out`.
/// A read error is returned (the caller checks the record count); a write
/// error fails the run as a write error.
fn copy_rest_of_line(
    r: &mut impl BufRead,
    out: &mut OutputFile,
) -> Result<Option<std::io::Error>, CliError> {
    loop {
        let chunk = match r.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) => return Ok(Some(e)),
        };
        if chunk.is_empty() {
            return Ok(None);
        }
        let (body, used, done) = match memchr::memchr(b'\n', chunk) {
            Some(at) => (
                chunk[..at].strip_suffix(b"\r").unwrap_or(&chunk[..at]),
                at + 1,
                true,
            ),
            None => (chunk, chunk.len(), false),
        };
        out.write_all(body).map_err(|e| out.error(e))?;
        r.consume(used);
        if done {
            return Ok(None);
        }
    }
}

pub(super) fn write_dropped(out: &mut OutputFile, line: &DroppedLine) -> Result<(), CliError> {
    serde_json::to_writer(&mut *out, line)
        .map_err(std::io::Error::from)
        .and_then(|_| out.write_all(b"\n"))
        .map_err(|e| out.error(e))
}

/// Lists the dropped cluster members; returns where they are.
fn list_dropped_members(
    outcome: &Outcome,
    sources: &[Source],
    keep_spun: bool,
    out: &mut OutputFile,
) -> Result<HashSet<Loc>, CliError> {
    let mut drop = HashSet::new();
    for c in outcome.clustering.duplicate_clusters() {
        let origin_id = &outcome.docs[c.origin as usize].id;
        let dropped =
            |m: &&Member| m.relation.is_duplicate() && !(keep_spun && m.relation == Relation::Spun);
        for m in c.members.iter().filter(dropped) {
            let d = &outcome.docs[m.doc as usize];
            drop.insert((d.location.source, d.location.line));
            let line = DroppedLine::member(
                &d.id,
                &sources[d.location.source as usize].name,
                d.location.line,
                c.id,
                origin_id,
                m.relation.as_str(),
                m.scores.map(|s| (s.jaccard, s.a_in_b, s.b_in_a)),
                m.substituted,
            );
            write_dropped(out, &line)?;
        }
    }
    Ok(drop)
}

/// The summary's account of the records: it adds up.
pub(super) fn account(
    t: &Tally,
    output: &Path,
    dropped: &Path,
    skipped: Option<&Path>,
) -> Vec<String> {
    let mut lines = vec![
        format!(
            "dedup: {} records read = {} kept + {} dropped + {} left out",
            t.read,
            t.kept,
            t.dropped_copies + t.dropped_repeats,
            t.left_out_ids + t.left_out_text
        ),
        format!(
            "  kept: {} in {} ({} of them not analysed, passed through unchanged)",
            t.kept,
            output.display(),
            t.passed_through
        ),
        format!(
            "  dropped: {} copies in clusters and {} byte-identical repeats, listed in {}",
            t.dropped_copies,
            t.dropped_repeats,
            dropped.display()
        ),
    ];
    if t.left_out_ids > 0 {
        let listed = skipped.map_or("listed above".to_string(), |p| {
            format!("listed in {}", p.display())
        });
        lines.push(format!(
            "  left out: {} different records under an id already seen (duplicate_id, {listed})",
            t.left_out_ids
        ));
    }
    if t.left_out_text > 0 {
        lines.push(format!(
            "  left out: {} text files that are not UTF-8 (they cannot be written as JSON)",
            t.left_out_text
        ));
    }
    lines
}

/// The copy pass over the sources `which` (indices into `sources`, in
/// order, read with `params`): writes the kept records to `out` and lists
/// repeats in `dropped` (after the `dropped_copies` members listed
/// already), as `plan` says.
pub(super) fn copy_records(
    plan: impl Fates,
    (sources, which): (&[Source], &[u32]),
    params: &Params,
    dropped_copies: u64,
    out: Kept,
    dropped: OutputFile,
) -> Result<(Tally, OutputFile, OutputFile), CliError> {
    let mut copier = Copier {
        sources,
        max_record_bytes: params.max_record_bytes,
        id_field: &params.fields.id,
        plan,
        out,
        dropped,
        tally: Tally {
            dropped_copies,
            ..Tally::default()
        },
    };
    for &i in which {
        copier.source(i)?;
    }
    Ok((copier.tally, copier.out.finish()?, copier.dropped))
}

/// Refuses a run that would mix Parquet and other records in one output:
/// Parquet output passes the input's columns through, and JSON Lines
/// output copies lines byte for byte.
pub(super) fn check_formats(sources: &[Source], parquet_out: bool) -> Result<(), CliError> {
    if let Some(s) = sources.iter().find(|s| s.is_warc()) {
        return Err(CliError::input(format!(
            "{}: dedup copies kept records in their input format, and does not write WARC yet; run `neardup cluster` on it and keep the ids whose is_origin is true",
            s.name
        )));
    }
    let other = |s: &&Source| (s.kind == SourceKind::Parquet) != parquet_out;
    match sources.iter().find(other) {
        None => Ok(()),
        Some(s) if parquet_out => Err(CliError::input(format!(
            "{}: Parquet output passes the input's columns through, so every input must be Parquet; write JSON Lines (-o FILE.jsonl) instead",
            s.name
        ))),
        Some(s) => Err(CliError::input(format!(
            "{}: Parquet input is written back as Parquet, with all its columns: use -o FILE.parquet (or --output-format parquet)",
            s.name
        ))),
    }
}

pub(super) fn run(args: DedupArgs) -> Result<ExitCode, CliError> {
    run_with(args, &pipeline)
}

/// `neardup dedup` with the clusters from `produce` (the one-command
/// pipeline, or a staged run's files: `neardup apply`).
pub(super) fn run_with(args: DedupArgs, produce: Produce) -> Result<ExitCode, CliError> {
    let parquet_out = args.output_format.is_parquet(Some(&args.output))?;
    let dropped_file = args
        .dropped
        .clone()
        .unwrap_or_else(|| dropped_path(&args.output));
    let mut outputs = Outputs::open(
        &args.corpus.read_paths(),
        &[
            ("-o", Some(&args.output)),
            ("--dropped", Some(&dropped_file)),
            ("--skipped", args.corpus.skipped.as_deref()),
            ("--pairs", args.corpus.pairs.as_deref()),
            ("--report", args.report.report.as_deref()),
        ],
    )?;
    let (outcome, sources, params) = cluster_corpus(&args.corpus, &mut outputs, true, produce)?;
    let t = Instant::now();
    let (Some(out), Some(mut dropped)) = (outputs.take("-o"), outputs.take("--dropped")) else {
        unreachable!("-o and --dropped are always opened");
    };
    check_formats(&sources, parquet_out)?;
    let out = Kept::new(out, &sources, parquet_out)?;
    let drop = list_dropped_members(&outcome, &sources, args.keep_spun, &mut dropped)?;
    let ids = outcome
        .skipped
        .duplicate_ids()
        .expect("dedup keeps the places of repeated ids");
    let dropped_copies = drop.len() as u64;
    let plan = Plan::new(&outcome, &sources, drop, ids);
    let all: Vec<u32> = (0..sources.len() as u32).collect();
    let (tally, out, dropped) = copy_records(
        plan,
        (&sources, &all),
        &params,
        dropped_copies,
        out,
        dropped,
    )?;
    let mut files = vec![out, dropped];
    let mut extra = account(
        &tally,
        &args.output,
        &dropped_file,
        args.corpus.skipped.as_deref(),
    );
    if let Some(mut f) = outputs.take("--report") {
        extra.push(args.report.write(&mut f, &outcome, &sources, &params)?);
        files.push(f);
    }
    commit_all(files)?;
    if !args.corpus.quiet {
        summary::print(
            &outcome,
            &params.fields.id,
            args.corpus.skipped.as_deref(),
            &extra,
            t.elapsed(),
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use neardup::corpus::{expand_inputs, InputFormat};
    use neardup::params::Params;
    use neardup::pipeline::{run as run_pipeline, NoProgress};

    fn record(i: usize) -> String {
        let words: Vec<String> = (0..30).map(|w| format!("w{}x{}", i, w)).collect();
        format!("{{\"id\":\"d{i}\",\"text\":\"{}\"}}\n", words.join(" "))
    }

    /// Clusters `lines`, then rewrites the file as `after` and runs the copy pass.
    fn copy_after_change(lines: usize, after: &str) -> Result<Tally, CliError> {
        copy(&(0..lines).map(record).collect::<String>(), after)
    }

    /// Clusters the file `before`, then rewrites it as `after` and runs the copy pass.
    fn copy(before: &str, after: &str) -> Result<Tally, CliError> {
        copy_with(before, after, &Params::default())
    }

    fn copy_with(before: &str, after: &str, params: &Params) -> Result<Tally, CliError> {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.jsonl");
        std::fs::write(&input, before).unwrap();
        let (sources, _) = expand_inputs(std::slice::from_ref(&input), InputFormat::Auto);
        let skipped = neardup::corpus::SkipLog::default().keep_duplicate_ids(true);
        let outcome = run_pipeline(&sources, skipped, params, &NoProgress);
        std::fs::write(&input, after).unwrap();
        let out = OutputFile::create("-o", &dir.path().join("kept.jsonl"))?;
        let dropped = OutputFile::create("--dropped", &dir.path().join("d.jsonl"))?;
        let ids = outcome.skipped.duplicate_ids().unwrap();
        let plan = Plan::new(&outcome, &sources, HashSet::new(), ids);
        copy_records(plan, (&sources, &[0]), params, 0, Kept::Jsonl(out), dropped).map(|r| r.0)
    }

    #[test]
    fn the_copy_pass_counts_every_record() {
        let all: String = (0..5).map(record).collect();
        let t = copy_after_change(5, &all).unwrap();
        assert_eq!((t.read, t.kept), (5, 5));
    }

    #[test]
    fn repeats_are_told_by_the_record_alone() {
        // A repeat behind a byte order mark and a `\r` is a repeat (the scan
        // leaves them out of the record); a line over the stream size is
        // passed through unchecked, wherever the reads fall.
        let long = "x".repeat(STREAM_ABOVE as usize + 5);
        let text = format!(
            "not json\n\u{feff}not json\r\n{long}\n{long}\n{}",
            record(0)
        );
        let t = copy(&text, &text).unwrap();
        assert_eq!((t.read, t.kept, t.passed_through), (5, 4, 3));
        assert_eq!(t.dropped_repeats, 1);
    }

    #[test]
    fn a_blank_line_over_the_record_limit_is_a_record_passed_through() {
        // The scan skips it as too large (a record), so the copy pass must
        // count and keep it too, or its count check refuses the run.
        let params = Params {
            max_record_bytes: 2_000,
            ..Params::default()
        };
        let blank = " ".repeat(3_000);
        let text = format!("{}{blank}\n  \n{}", record(0), record(1));
        let t = copy_with(&text, &text, &params).unwrap();
        assert_eq!((t.read, t.kept, t.passed_through), (3, 3, 1));
    }

    #[test]
    fn an_input_that_lost_records_fails_the_copy_pass() {
        let fewer: String = (0..3).map(record).collect();
        let err = copy_after_change(5, &fewer).expect_err("must fail");
        let msg = err.to_string();
        assert!(
            msg.contains("met 3 records where the run analysed 5"),
            "{msg}"
        );
        assert!(msg.contains("in.jsonl"), "{msg}");
        // An input that grew fails too.
        let more: String = (0..7).map(record).collect();
        assert!(copy_after_change(5, &more).is_err());
    }

    #[test]
    fn an_input_with_a_record_rewritten_fails_the_copy_pass() {
        // As many records, one of them another text: kept or dropped on
        // what the run analysed, it would be copied or lost unexamined.
        let mut after: Vec<String> = (0..5).map(record).collect();
        after[2] = record(2).replace("w2x7 ", "w2x7 and more ");
        let err = copy_after_change(5, &after.concat()).expect_err("must fail");
        let msg = err.to_string();
        assert!(msg.contains("in.jsonl line 3:"), "{msg}");
        assert!(msg.contains("where the run analysed"), "{msg}");
        assert!(msg.contains("nothing was written"), "{msg}");
    }
}
