//! Reading back the texts of a few records after the signing pass.
//!
//! Signing keeps no text in memory, so the stages that need words (the spin
//! check's aligner, the HTML report) fetch the records they need by their
//! [`Location`]: a plain JSON Lines file is read at each record's offset
//! (positional reads, records in parallel on Unix),
//! a compressed one is streamed once and the wanted byte
//! ranges are cut out, a plain-text source is read whole, a Parquet source
//! decodes the text column of the wanted rows only, a row group at a time
//! (`offset` is the row there: see the `parquet` module). Sources are read in
//! parallel, each at most once.

use super::scan::read_text;
use super::{parse_line, FieldNames, Location, Source, SourceKind};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::{self, Read};
use std::sync::Mutex;

/// Texts by location, as `(source, offset)`.
pub type FetchedTexts = HashMap<(u32, u64), String>;

/// Where the stages that need words (exact rechecks, the aligner) read
/// texts back from: the input files ([`SourceTexts`]), or texts an
/// embedding program handed over in memory ([`crate::index::Index`]).
pub trait ReadBack: Sync {
    /// The texts at `locations`, keyed by `(source, offset)`; a text that
    /// cannot be read back is left out.
    fn fetch(&self, locations: &[Location]) -> FetchedTexts;
    /// About how many bytes of records to read back at a time: small where
    /// a batch costs a few seeks, large where it costs a pass over a
    /// compressed input.
    fn batch_bytes(&self) -> u64;
    /// Told of a record that did not read back as it was signed: missing
    /// from what [`ReadBack::fetch`] gave, or another text (its words hash
    /// to another content hash: the input changed since it was read). The
    /// caller goes on without that text, so its result is not the one the
    /// signed input gives: an implementation records these and its owner
    /// fails the run ([`SourceTexts::failures`]). The default ignores them.
    fn failed(&self, _failure: ReadBackFailure) {}
}

/// A record that did not read back as it was signed ([`ReadBack::failed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReadBackFailure {
    /// Where the record was read when signed.
    pub location: Location,
    /// True when a text came back but not the one signed; false when none
    /// came back.
    pub changed: bool,
}

/// Texts read back from the input files, noting the records that did not
/// read back as they were signed (a file changed or cut short during the
/// run).
pub struct SourceTexts<'a> {
    /// The run's sources, indexed by [`Location::source`].
    pub sources: &'a [Source],
    /// The JSON fields the records were read with.
    pub fields: &'a FieldNames,
    failures: Mutex<BTreeSet<ReadBackFailure>>,
}

impl<'a> SourceTexts<'a> {
    /// Reads back from `sources`, whose records were read with `fields`.
    pub fn new(sources: &'a [Source], fields: &'a FieldNames) -> Self {
        SourceTexts {
            sources,
            fields,
            failures: Mutex::default(),
        }
    }

    /// The records that did not read back as they were signed, in input
    /// order: a run with any is not the run of its input, and should fail.
    pub fn failures(&self) -> Vec<ReadBackFailure> {
        let set = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        set.iter().copied().collect()
    }
}

/// Bytes of the distinct records read back per batch (a record in many
/// pairs of the batch counts once): 2 MB bounds the texts in memory where
/// a batch costs a few seeks, 128 MB where it costs a pass over a
/// compressed input. Until the nineteenth session a record counted once a
/// pair, against 4 and 256 MB: the halved bounds hold about as much
/// (docs/benchmarks.md, nineteenth session: on a 1 GB gzip input 128 MB
/// took 0.88 of the old wall time at 0.93 of its peak; 256 MB counted
/// once a document, 0.81 of the time at 1.48 of the peak).
pub const READ_BACK_BATCH_BYTES: u64 = 2 << 20;
const BATCH_BYTES_STREAMED: u64 = 128 << 20;

impl ReadBack for SourceTexts<'_> {
    fn fetch(&self, locations: &[Location]) -> FetchedTexts {
        fetch_texts(self.sources, self.fields, locations)
    }

    fn failed(&self, failure: ReadBackFailure) {
        let mut set = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        set.insert(failure);
    }

    fn batch_bytes(&self) -> u64 {
        let streamed = self
            .sources
            .iter()
            // A Parquet read-back decodes the text column chunks of the row
            // groups it touches: a pass over them, like a compressed input's.
            .any(|s| s.is_compressed() || s.kind == SourceKind::Parquet);
        if streamed {
            BATCH_BYTES_STREAMED
        } else {
            READ_BACK_BATCH_BYTES
        }
    }
}

/// Reads the texts at `locations` (in any order; repeats are fine). A record
/// that cannot be read back (the file changed since the scan) is left out of
/// the map ([`ReadBack::failed`] is the caller's to tell).
pub fn fetch_texts(
    sources: &[Source],
    fields: &FieldNames,
    locations: &[Location],
) -> FetchedTexts {
    let mut by_source: HashMap<u32, Vec<Location>> = HashMap::new();
    for l in locations {
        by_source.entry(l.source).or_default().push(*l);
    }
    let mut groups: Vec<(u32, Vec<Location>)> = by_source.into_iter().collect();
    groups.sort_unstable_by_key(|g| g.0);
    groups
        .par_iter_mut()
        .flat_map_iter(|(s, locs)| {
            locs.sort_unstable_by_key(|l| l.offset);
            locs.dedup_by_key(|l| l.offset);
            let src = &sources[*s as usize];
            read_source(src, fields, locs).unwrap_or_default()
        })
        .collect()
}

fn read_source(
    src: &Source,
    fields: &FieldNames,
    locs: &[Location],
) -> io::Result<Vec<((u32, u64), String)>> {
    let mut out = Vec::with_capacity(locs.len());
    if src.kind == SourceKind::Text {
        if let (Ok(text), Some(l)) = (String::from_utf8(read_text(src)?), locs.first()) {
            out.push(((l.source, l.offset), text));
        }
        return Ok(out);
    }
    if src.kind == SourceKind::Parquet {
        #[cfg(feature = "parquet")]
        return super::parquet::fetch(src, fields, locs);
        #[cfg(not(feature = "parquet"))]
        return Ok(out);
    }
    let warc = src.is_warc();
    let text_of = |l: &Location, buf: &[u8]| {
        let line = std::str::from_utf8(buf).ok()?;
        if warc {
            // A WARC location is the byte range of the text itself.
            return Some(((l.source, l.offset), line.to_string()));
        }
        let rec = parse_line(line, fields, *l, String::new).ok()?;
        Some(((l.source, l.offset), rec.text.into_owned()))
    };
    let seekable = matches!(src.kind, SourceKind::Jsonl | SourceKind::Warc);
    #[cfg(unix)]
    if seekable {
        // Positional reads, records read and parsed in parallel. (Mapping
        // the file instead counted every page touched, with its neighbours,
        // in the resident size: 400 MB at the peak on a 1 GB corpus.)
        let file = src.positional_file()?;
        return Ok(locs
            .par_iter()
            .filter_map(|l| {
                let mut buf = vec![0u8; usize::try_from(l.len).ok()?];
                read_exact_at(&file, &mut buf, l.offset).ok()?;
                text_of(l, &buf)
            })
            .collect());
    }
    read_records(src, locs, &mut |l, buf| out.extend(text_of(l, buf)))?;
    Ok(out)
}

/// Hands the bytes of the records at `locs` (of the JSON Lines or WARC
/// source `src`, sorted by offset, not overlapping) to `f`, one at a time:
/// read at each offset of a plain file, cut out of one pass over a
/// compressed one.
pub fn read_records(
    src: &Source,
    locs: &[Location],
    f: &mut dyn FnMut(&Location, &[u8]),
) -> io::Result<()> {
    let mut buf = Vec::new();
    if !src.is_compressed() {
        let file = src.positional_file()?;
        for l in locs {
            buf.resize(l.len as usize, 0);
            read_exact_at(&file, &mut buf, l.offset)?;
            f(l, &buf);
        }
    } else {
        let mut reader = src.open()?;
        let mut at = 0u64;
        for l in locs {
            io::copy(&mut (&mut reader).take(l.offset - at), &mut io::sink())?;
            buf.resize(l.len as usize, 0);
            reader.read_exact(&mut buf)?;
            at = l.offset + l.len;
            f(l, &buf);
        }
    }
    Ok(())
}

/// Fills `buf` from `file` at `offset` without moving a shared position.
#[cfg(unix)]
pub(super) fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Fills `buf` from `file` at `offset` (a file of the caller's own here:
/// [`Source::positional_file`] opens one where there are no positional
/// reads).
#[cfg(not(unix))]
pub(super) fn read_exact_at(mut file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}
