//! Reading sources in batches and handing records to a parallel callback.
//!
//! A reader thread fills batches (about `batch_bytes` of JSON Lines cut at a
//! newline, or a group of plain-text files) while rayon processes the previous
//! batch, so I/O and decompression overlap with tokenising and signing. The
//! callback's results come back in input order, one batch at a time.
//!
//! Files are read, not memory-mapped: a file truncated by another process
//! during a run then ends that source with a read error (or fewer records),
//! where a map would end the process with SIGBUS. Read buffers are reused
//! (the consumer hands them back), so no fresh pages are faulted in per batch.
//! No line longer than `max_record_bytes` is held: once a partial line passes
//! the limit, the rest of it is read and thrown away up to its newline, and
//! the line is reported as `too_large` (this also bounds a decompression bomb).

use super::{parse_line, FieldNames, Location, Record, SkipReason, Skipped, Source, SourceKind};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::{self, Read};
use std::ops::ControlFlow;
use std::sync::mpsc::{channel, sync_channel, Receiver};

/// The default `max_record_bytes`: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;

/// Options for [`scan`].
#[derive(Clone, Debug)]
pub struct ScanOptions {
    /// Field names for JSON Lines.
    pub fields: FieldNames,
    /// Target batch size in bytes.
    pub batch_bytes: usize,
    /// Records (JSON lines, text files) longer than this are skipped as
    /// `too_large` without being held in memory.
    pub max_record_bytes: u64,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            fields: FieldNames::default(),
            batch_bytes: 4 << 20,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

enum Batch {
    /// Whole JSON lines of one source; `offset` is the byte offset of the
    /// first in the source. The batches of a source arrive in order, so the
    /// consumer numbers their lines (the reader does not count them: that
    /// would be a second pass over the bytes).
    Jsonl {
        source: u32,
        bytes: Vec<u8>,
        offset: u64,
    },
    /// One line over the size limit, at `offset`, `len` bytes without its
    /// newline (its bytes were not kept).
    TooLarge { source: u32, offset: u64, len: u64 },
    /// Plain-text sources, read by the workers.
    Text(Vec<u32>),
    /// Records of a WARC or WET source, in order; `bytes` is how much of
    /// the (decompressed) stream they cover.
    Warc {
        source: u32,
        items: Vec<super::warc::WarcItem>,
        bytes: u64,
    },
    /// Rows of a Parquet source, decoded (the field columns only).
    #[cfg(feature = "parquet")]
    Parquet(super::parquet::RowBatch),
    /// A source that could not be opened (`started` false), or a read
    /// error part-way through it.
    Failed {
        source: u32,
        started: bool,
        error: String,
    },
}

/// Reads all sources in order. For every record (or problem) calls
/// `process` in parallel, then hands each batch's results, in input order, to
/// `sink`. `progress` receives the number of bytes consumed per batch.
pub fn scan<T, P, S>(sources: &[Source], opts: &ScanOptions, process: P, mut sink: S)
where
    T: Send,
    P: Fn(Result<Record<'_>, Skipped>) -> T + Sync,
    S: FnMut(Vec<T>, u64),
{
    scan_until(sources, opts, process, |results, bytes| {
        sink(results, bytes);
        ControlFlow::Continue(())
    });
}

/// [`scan`], stopping (without reading further) when `sink` breaks: the
/// results of the batch it was given are the last.
pub fn scan_until<T, P, S>(sources: &[Source], opts: &ScanOptions, process: P, mut sink: S)
where
    T: Send,
    P: Fn(Result<Record<'_>, Skipped>) -> T + Sync,
    S: FnMut(Vec<T>, u64) -> ControlFlow<()>,
{
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Batch>(2);
        let (give_back, pool) = channel::<Vec<u8>>();
        scope.spawn(move || read_batches(sources, opts, &pool, |b| tx.send(b).is_ok()));
        // The next line number of each source.
        let mut next_line = vec![1u64; sources.len()];
        // Dropping the receiver (leaving the loop) stops the reader.
        for batch in rx {
            let flow = process_batch(sources, opts, &batch, &mut next_line, &process, &mut sink);
            if flow.is_break() {
                break;
            }
            if let Batch::Jsonl { bytes, .. } = batch {
                let _ = give_back.send(bytes);
            }
        }
    });
}

fn read_batches(
    sources: &[Source],
    opts: &ScanOptions,
    pool: &Receiver<Vec<u8>>,
    mut send: impl FnMut(Batch) -> bool,
) {
    let mut text_group: Vec<u32> = Vec::new();
    let mut text_bytes = 0u64;
    for (i, src) in sources.iter().enumerate() {
        let i = i as u32;
        if src.kind == SourceKind::Text {
            text_group.push(i);
            text_bytes += src.size;
            if text_group.len() >= 1024 || text_bytes >= opts.batch_bytes as u64 {
                if !send(Batch::Text(std::mem::take(&mut text_group))) {
                    return;
                }
                text_bytes = 0;
            }
            continue;
        }
        if !text_group.is_empty() && !send(Batch::Text(std::mem::take(&mut text_group))) {
            return;
        }
        text_bytes = 0;
        let more = if src.kind == SourceKind::Parquet {
            read_parquet(i, src, opts, &mut send)
        } else if src.is_warc() {
            read_warc(i, src, opts, &mut send)
        } else {
            read_jsonl(i, src, opts, pool, &mut send)
        };
        if !more {
            return;
        }
    }
    if !text_group.is_empty() {
        send(Batch::Text(text_group));
    }
}

/// Decodes one Parquet source into batches of rows. Returns false when the
/// receiver has gone away.
#[cfg(feature = "parquet")]
fn read_parquet(
    source: u32,
    src: &Source,
    opts: &ScanOptions,
    send: &mut impl FnMut(Batch) -> bool,
) -> bool {
    super::parquet::read_rows(source, src, &opts.fields, opts.batch_bytes, &mut |b| {
        send(match b {
            Ok(rows) => Batch::Parquet(rows),
            Err((started, error)) => Batch::Failed {
                source,
                started,
                error,
            },
        })
    })
}

/// Reads one WARC or WET source into batches of records. Returns false
/// when the receiver has gone away.
fn read_warc(
    source: u32,
    src: &Source,
    opts: &ScanOptions,
    send: &mut impl FnMut(Batch) -> bool,
) -> bool {
    let reader = match src.open() {
        Ok(r) => std::io::BufReader::with_capacity(1 << 20, r),
        Err(e) => {
            return send(Batch::Failed {
                source,
                started: false,
                error: e.to_string(),
            })
        }
    };
    let mut items = Vec::new();
    let (mut held, mut covered, mut end) = (0u64, 0u64, 0u64);
    let mut open = true;
    let result = super::warc::read_records(reader, opts.max_record_bytes, |item| {
        held += item.len.min(opts.max_record_bytes);
        end = item.offset + item.len;
        items.push(item);
        if held >= opts.batch_bytes as u64 {
            let batch = Batch::Warc {
                source,
                items: std::mem::take(&mut items),
                bytes: end - covered,
            };
            covered = end;
            held = 0;
            open = send(batch);
        }
        open
    });
    if !open {
        return false;
    }
    if !items.is_empty()
        && !send(Batch::Warc {
            source,
            items,
            bytes: end - covered,
        })
    {
        return false;
    }
    match result {
        Ok(()) => true,
        Err(e) => send(Batch::Failed {
            source,
            started: true,
            error: e.to_string(),
        }),
    }
}

/// Without the `parquet` feature no Parquet source is listed
/// ([`super::expand_inputs`] refuses them); one made by hand fails here.
#[cfg(not(feature = "parquet"))]
fn read_parquet(
    source: u32,
    _: &Source,
    _: &ScanOptions,
    send: &mut impl FnMut(Batch) -> bool,
) -> bool {
    send(Batch::Failed {
        source,
        started: false,
        error: "this build reads no Parquet (cargo feature `parquet`)".into(),
    })
}

/// Cuts one JSON Lines source into batches of whole lines. Returns false
/// when the receiver has gone away. Buffers come from `pool` (the consumer
/// returns them) so that batches do not fault in fresh pages every time.
fn read_jsonl(
    source: u32,
    src: &Source,
    opts: &ScanOptions,
    pool: &Receiver<Vec<u8>>,
    send: &mut impl FnMut(Batch) -> bool,
) -> bool {
    let mut reader = match src.open() {
        Ok(r) => r,
        Err(e) => {
            return send(Batch::Failed {
                source,
                started: false,
                error: e.to_string(),
            })
        }
    };
    let failed = |error: io::Error| Batch::Failed {
        source,
        started: true,
        error: error.to_string(),
    };
    let want = opts.batch_bytes.max(1);
    let mut carry: Vec<u8> = Vec::new();
    let mut offset = 0u64;
    loop {
        let mut data = pool.try_recv().unwrap_or_default();
        data.clear();
        data.extend_from_slice(&carry);
        carry.clear();
        // Room for the whole read up front: read_to_end would otherwise
        // double the buffer (and the resident size) as it fills.
        data.reserve_exact(want);
        let (eof, error) = match (&mut reader).take(want as u64).read_to_end(&mut data) {
            Ok(n) => (n < want, None),
            Err(e) => (true, Some(e)),
        };
        if !eof {
            // Keep the partial last line for the next batch; a line longer
            // than the batch is carried until its newline arrives (or it
            // passes the size limit).
            let cut = memchr::memrchr(b'\n', &data).map_or(0, |nl| nl + 1);
            carry.extend_from_slice(&data[cut..]);
            data.truncate(cut);
        }
        let len = data.len() as u64;
        if !data.is_empty()
            && !send(Batch::Jsonl {
                source,
                bytes: data,
                offset,
            })
        {
            return false;
        }
        offset += len;
        if let Some(e) = error {
            return send(failed(e));
        }
        if eof {
            return true;
        }
        // Over the limit even with a byte order mark and a `\r` taken off.
        if carry.len() as u64 > opts.max_record_bytes + (BOM.len() + 1) as u64 {
            let head = carry.len() as u64;
            carry.clear();
            let (rest, newline) = match skip_line(&mut reader, &mut carry) {
                Ok(r) => r,
                Err(e) => return send(failed(e)),
            };
            let line = Batch::TooLarge {
                source,
                offset,
                len: head + rest,
            };
            if !send(line) {
                return false;
            }
            offset += head + rest + u64::from(newline);
            if !newline {
                return true;
            }
        }
    }
}

/// Reads and drops the rest of a line, up to and including its newline; the
/// bytes read after the newline go to `after`. Returns the bytes dropped
/// before the newline and whether one was found (false at the end of input).
fn skip_line(reader: &mut impl Read, after: &mut Vec<u8>) -> io::Result<(u64, bool)> {
    let mut buf = vec![0u8; 1 << 16];
    let mut dropped = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok((dropped, false)),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if let Some(nl) = memchr::memchr(b'\n', &buf[..n]) {
            after.extend_from_slice(&buf[nl + 1..n]);
            return Ok((dropped + nl as u64, true));
        }
        dropped += n as u64;
    }
}

/// Processes one batch and hands its results to `sink` (a batch of JSON
/// Lines in parts of at most [`MAX_LINES`] lines, so that a batch of tiny
/// bad lines does not become a huge list of results); `next_line` holds
/// each source's next line number.
fn process_batch<T: Send>(
    sources: &[Source],
    opts: &ScanOptions,
    batch: &Batch,
    next_line: &mut [u64],
    process: &(impl Fn(Result<Record<'_>, Skipped>) -> T + Sync),
    sink: &mut impl FnMut(Vec<T>, u64) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let (results, bytes) = match batch {
        Batch::Jsonl {
            source,
            bytes,
            offset,
        } => {
            let line = &mut next_line[*source as usize];
            let data = bytes.as_slice();
            let (spans, newlines) = line_spans(data, *line);
            *line += newlines;
            let parts = spans.len().div_ceil(MAX_LINES);
            let mut reported = 0;
            for (k, part) in spans.chunks(MAX_LINES).enumerate() {
                let results = process_lines(sources, opts, *source, data, part, *offset, process);
                // The last part also counts the bytes after its last line.
                let end = if k + 1 == parts {
                    data.len()
                } else {
                    part[part.len() - 1].1 + 1
                };
                sink(results, (end - reported) as u64)?;
                reported = end;
            }
            return ControlFlow::Continue(());
        }
        Batch::Text(ids) => {
            let results: Vec<T> = ids
                .par_iter()
                .map(|&i| {
                    let src = &sources[i as usize];
                    if src.size > opts.max_record_bytes {
                        let reason = SkipReason::TooLarge {
                            bytes: src.size,
                            max: opts.max_record_bytes,
                        };
                        return process(Err(skipped(src, None, Some(src.text_id.clone()), reason)));
                    }
                    match read_text(src) {
                        Ok(bytes) => {
                            let location = Location {
                                source: i,
                                line: 0,
                                offset: 0,
                                len: bytes.len() as u64,
                            };
                            process(text_record(src, &bytes, location))
                        }
                        Err(e) => process(Err(skipped(
                            src,
                            None,
                            Some(src.text_id.clone()),
                            SkipReason::Unreadable(e.to_string()),
                        ))),
                    }
                })
                .collect();
            let bytes = ids.iter().map(|&i| sources[i as usize].size).sum();
            (results, bytes)
        }
        #[cfg(feature = "parquet")]
        Batch::Parquet(rows) => {
            let src = &sources[rows.source as usize];
            // The next row, for a read error that follows.
            next_line[rows.source as usize] = rows.first_row + rows.rows as u64 + 1;
            let results = (0..rows.rows)
                .into_par_iter()
                .with_min_len(64)
                .map(|row| process(rows.record(src, row, opts.max_record_bytes)))
                .collect();
            (results, rows.bytes)
        }
        Batch::Warc {
            source,
            items,
            bytes,
        } => {
            let src = &sources[*source as usize];
            if let Some(last) = items.last() {
                next_line[*source as usize] = last.ordinal + 1;
            }
            let results = items
                .par_iter()
                .with_min_len(16)
                .map(|item| process(warc_record(src, *source, item, opts)))
                .collect();
            (results, *bytes)
        }
        Batch::Failed {
            source,
            started,
            error,
        } => {
            let src = &sources[*source as usize];
            let loc = started.then(|| Location {
                source: *source,
                line: next_line[*source as usize],
                offset: 0,
                len: 0,
            });
            let why = if *started {
                format!("{error} (reading stopped at this line)")
            } else {
                error.clone()
            };
            (
                vec![process(Err(skipped(
                    src,
                    loc,
                    None,
                    SkipReason::Unreadable(why),
                )))],
                0,
            )
        }
        Batch::TooLarge {
            source,
            offset,
            len,
        } => {
            let line = &mut next_line[*source as usize];
            let location = Location {
                source: *source,
                line: *line,
                offset: *offset,
                len: *len,
            };
            *line += 1;
            let reason = SkipReason::TooLarge {
                bytes: *len,
                max: opts.max_record_bytes,
            };
            let src = &sources[*source as usize];
            let result = process(Err(skipped(src, Some(location), None, reason)));
            (vec![result], *len)
        }
    };
    sink(results, bytes)
}

/// Most lines processed and handed over at once.
const MAX_LINES: usize = 1 << 16;

/// The lines in `data` (starting at line `first_line`) as `(start, end,
/// line)`, and the number of newlines in `data`.
fn line_spans(data: &[u8], first_line: u64) -> (Vec<(usize, usize, u64)>, u64) {
    let mut newlines = 0u64;
    let mut spans = Vec::with_capacity(data.len() / 2048 + 1);
    let mut start = 0usize;
    for (n, nl) in memchr::memchr_iter(b'\n', data)
        .chain(std::iter::once(data.len()))
        .enumerate()
    {
        if start < data.len() || nl > start {
            spans.push((start, nl, first_line + n as u64));
        }
        newlines = n as u64;
        start = nl + 1;
    }
    (spans, newlines)
}

/// Processes the JSON lines `spans` of `data` (the bytes of `source` from
/// `offset` on) in parallel.
fn process_lines<T: Send>(
    sources: &[Source],
    opts: &ScanOptions,
    source: u32,
    data: &[u8],
    spans: &[(usize, usize, u64)],
    offset: u64,
    process: &(impl Fn(Result<Record<'_>, Skipped>) -> T + Sync),
) -> Vec<T> {
    let src = &sources[source as usize];
    spans
        .par_iter()
        .with_min_len(64)
        .filter_map(|&(mut s, e, line)| {
            let mut raw = &data[s..e];
            if raw.last() == Some(&b'\r') {
                raw = &raw[..raw.len() - 1];
            }
            // A byte order mark (at the start of a file, or of a line from
            // a concatenated file) is not part of the record.
            if let Some(rest) = raw.strip_prefix(BOM) {
                raw = rest;
                s += BOM.len();
            }
            let location = Location {
                source,
                line,
                offset: offset + s as u64,
                len: raw.len() as u64,
            };
            // Before the blank test: a line cut off by the reader at the
            // limit is too large whatever its bytes, and so is this one.
            if location.len > opts.max_record_bytes {
                let reason = SkipReason::TooLarge {
                    bytes: location.len,
                    max: opts.max_record_bytes,
                };
                return Some(process(Err(skipped(src, Some(location), None, reason))));
            }
            if raw.iter().all(u8::is_ascii_whitespace) {
                return None; // blank lines are not records
            }
            Some(process(jsonl_record(src, opts, raw, location)))
        })
        .collect()
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The whole of a plain-text source, as long as it was when the inputs were
/// listed (a file that grew since is not read past that).
pub(super) fn read_text(src: &Source) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(src.size as usize);
    src.open()?.take(src.size).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn skipped(
    src: &Source,
    location: Option<Location>,
    id: Option<String>,
    reason: SkipReason,
) -> Skipped {
    Skipped {
        source: src.name.clone(),
        location,
        id,
        reason,
    }
}

fn jsonl_record<'a>(
    src: &Source,
    opts: &ScanOptions,
    raw: &'a [u8],
    location: Location,
) -> Result<Record<'a>, Skipped> {
    let line = std::str::from_utf8(raw).map_err(|e| {
        skipped(
            src,
            Some(location),
            None,
            SkipReason::InvalidUtf8(e.valid_up_to()),
        )
    })?;
    parse_line(line, &opts.fields, location, || {
        format!("{}:{}", src.name, location.line)
    })
    .map_err(|(id, reason)| skipped(src, Some(location), id, reason))
}

/// A WARC record as a document, or why it is not one.
fn warc_record<'a>(
    src: &Source,
    source: u32,
    item: &'a super::warc::WarcItem,
    opts: &ScanOptions,
) -> Result<Record<'a>, Skipped> {
    use super::warc::ItemKind;
    let location = Location {
        source,
        line: item.ordinal,
        offset: item.offset,
        len: item.len,
    };
    let fail = |reason| Err(skipped(src, Some(location), None, reason));
    let (uri, date, content) = match &item.kind {
        ItemKind::Text { uri, date, content } => (uri, date, content),
        ItemKind::NotDocument(what) => return fail(SkipReason::NotADocument(what.clone())),
        ItemKind::Html => return fail(SkipReason::HtmlNotExtracted),
        ItemKind::TooLarge => {
            return fail(SkipReason::TooLarge {
                bytes: item.len,
                max: opts.max_record_bytes,
            })
        }
    };
    let text = std::str::from_utf8(content).map_err(|e| {
        skipped(
            src,
            Some(location),
            uri.clone(),
            SkipReason::InvalidUtf8(e.valid_up_to()),
        )
    })?;
    let parsed = date.as_deref().map(super::parse_date);
    Ok(Record {
        id: match uri {
            Some(u) => Cow::Borrowed(u.as_str()),
            None => Cow::Owned(format!("{}:{}", src.name, item.ordinal)),
        },
        text: Cow::Borrowed(text),
        date: parsed.flatten(),
        site: uri.as_deref().map(Cow::Borrowed),
        id_from_location: uri.is_none(),
        bad_date: parsed.is_some_and(|d| d.is_none()),
        location,
    })
}

fn text_record<'a>(
    src: &Source,
    bytes: &'a [u8],
    location: Location,
) -> Result<Record<'a>, Skipped> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        skipped(
            src,
            Some(location),
            Some(src.text_id.clone()),
            SkipReason::InvalidUtf8(e.valid_up_to()),
        )
    })?;
    Ok(Record {
        id: Cow::Owned(src.text_id.clone()),
        text: text.strip_prefix('\u{FEFF}').unwrap_or(text).into(),
        date: None,
        site: None,
        id_from_location: false,
        bad_date: false,
        location,
    })
}
