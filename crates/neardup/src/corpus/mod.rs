//! Reading a corpus: sources, records, and what could not be read.
//!
//! Inputs are expanded into [`Source`]s (a JSON Lines file, possibly gzip or
//! zstd compressed, standard input, a plain-text file found in a directory,
//! or, with the `parquet` feature, a Parquet file: one record a row).
//! [`scan`] reads them in order, in batches, and hands every record to a
//! callback in parallel: either a [`Record`] (id, text, date, where it lives)
//! or a [`Skipped`] naming the file, line and problem. Nothing is dropped
//! without a `Skipped`; a [`SkipLog`] counts them without holding them all.
//!
//! Inputs are hostile bytes: kinds are told by content (magic bytes, first
//! byte), inputs that cannot be read twice are spooled to a temporary file
//! (and a JSON array is converted to JSON Lines there),
//! files are read (never memory-mapped, so a file truncated during a run is a
//! read error, not a crash), and no record over the size limit is held.

mod date;
mod fetch;
mod held;
mod jsonl;
mod jsonl_quick;
#[cfg(feature = "parquet")]
mod parquet;
mod prefetch;
mod reason_parts;
pub mod sample;
mod scan;
mod skiplog;
mod source;
mod unpacked;
mod warc;

pub use date::{format_date, parse_date};

/// A record's site key ([`site_key`]) hashed; 0 when it has no site.
pub fn site_hash(site: Option<&str>) -> u64 {
    site.map_or(0, |s| {
        xxhash_rust::xxh3::xxh3_64(site_key(s).as_bytes()).max(1)
    })
}

/// The site a record belongs to: the host of a URL, lowercased, without a
/// user, a port or a leading `www.` (`https://WWW.A.example:8080/x` gives
/// `a.example`: a site that serves its pages under both names has one
/// chrome), or the whole value when it is not a URL.
pub fn site_key(value: &str) -> Cow<'_, str> {
    let Some((_, rest)) = value.split_once("://") else {
        return Cow::Borrowed(value);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // A port follows the last colon, unless that colon is inside an IPv6 literal.
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !port.contains(']') && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    let bare = |h: &str| -> usize {
        // `www.` of a name with a dot after it (`www.example` is a name).
        if h.len() > 4 && h.as_bytes()[..4].eq_ignore_ascii_case(b"www.") && h[4..].contains('.') {
            4
        } else {
            0
        }
    };
    let host = &host[bare(host)..];
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(host.to_ascii_lowercase())
    } else {
        Cow::Borrowed(host)
    }
}
pub use fetch::{
    fetch_texts, read_records, FetchedTexts, ReadBack, ReadBackFailure, SourceTexts,
    READ_BACK_BATCH_BYTES,
};
#[cfg(fuzzing)]
pub use jsonl::parse_line_by_serde;
pub use jsonl::{parse_line, FieldNames};
pub use prefetch::Prefetched;
pub use reason_parts::ReasonParts;
pub use scan::{scan, scan_until, ScanOptions, DEFAULT_MAX_RECORD_BYTES};
pub use skiplog::SkipLog;
pub use source::{
    expand_inputs, expand_inputs_with, InputFormat, InputOptions, Source, SourceKind,
};
pub use unpacked::{keep_decompressed_copies, Unpacked};

use std::borrow::Cow;
use std::fmt;

/// Where a record lives, so that it can be read again (the reporter) and
/// named in messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Index into the source list.
    pub source: u32,
    /// 1-based line number for JSON Lines, 1-based row number (across row
    /// groups) for Parquet, 0 for a whole text file.
    pub line: u64,
    /// Byte offset of the record in the (decompressed) source; for Parquet,
    /// the 0-based row number.
    pub offset: u64,
    /// Byte length of the record (the JSON line without its newline, or the
    /// file; for Parquet, of the text).
    pub len: u64,
}

/// One document as read from a source.
#[derive(Debug)]
#[non_exhaustive]
pub struct Record<'a> {
    /// The document id (from the id field, or the relative path).
    pub id: Cow<'a, str>,
    /// The document text.
    pub text: Cow<'a, str>,
    /// Publication time (seconds since the Unix epoch), when known.
    pub date: Option<i64>,
    /// The site field's value (a URL or a site name), when present.
    pub site: Option<Cow<'a, str>>,
    /// True when the id was made up from file and line (no id field).
    pub id_from_location: bool,
    /// True when a date field was present but could not be parsed.
    pub bad_date: bool,
    /// Where it lives.
    pub location: Location,
}

/// Why a record is not clustered.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SkipReason {
    /// The line is not valid JSON (serde_json's message).
    MalformedJson(String),
    /// The line is JSON but not an object.
    NotAnObject,
    /// The record has no text field.
    MissingText,
    /// The text field is not a string (its JSON type).
    TextNotString(&'static str),
    /// The id field is neither a string nor a number.
    BadId(&'static str),
    /// The id field is the empty string.
    EmptyId,
    /// The record (line or file) is longer than the limit: `bytes` (at
    /// least; a file is not read to learn its size) over `max`.
    TooLarge { bytes: u64, max: u64 },
    /// A directory reached again through a symbolic link (first read as this path).
    DirectoryLoop(String),
    /// Bytes that are not UTF-8, at this byte offset of the record.
    InvalidUtf8(usize),
    /// The text has no words.
    Empty,
    /// Fewer words (or, in a text shingled by characters, characters) than
    /// the minimum.
    TooShort {
        words: usize,
        min: usize,
        script: crate::text::Script,
    },
    /// The id was seen before (at this source and line).
    DuplicateId { first: String },
    /// The file could not be read (the OS error).
    Unreadable(String),
    /// A WARC record that holds no text document (its type and content
    /// type: `warcinfo`, `request`, `response (image/png)` ...).
    NotADocument(String),
    /// A WARC response with HTML: no text extraction is built in.
    HtmlNotExtracted,
}

impl SkipReason {
    /// A short stable name for counting and for the skipped file.
    pub fn code(&self) -> &'static str {
        match self {
            SkipReason::MalformedJson(_) => "malformed_json",
            SkipReason::NotAnObject => "not_an_object",
            SkipReason::MissingText => "missing_text",
            SkipReason::TextNotString(_) => "text_not_string",
            SkipReason::BadId(_) => "bad_id",
            SkipReason::EmptyId => "empty_id",
            SkipReason::TooLarge { .. } => "too_large",
            SkipReason::DirectoryLoop(_) => "directory_loop",
            SkipReason::InvalidUtf8(_) => "invalid_utf8",
            SkipReason::Empty => "empty",
            SkipReason::TooShort { .. } => "too_short",
            SkipReason::DuplicateId { .. } => "duplicate_id",
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::NotADocument(_) => "not_a_document",
            SkipReason::HtmlNotExtracted => "html_not_extracted",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::MalformedJson(m) => write!(f, "malformed JSON: {m}"),
            SkipReason::NotAnObject => write!(f, "the line is JSON but not an object"),
            SkipReason::MissingText => write!(f, "no text field (set it with --text-field)"),
            SkipReason::TextNotString(t) => write!(f, "the text field is {t}, not a string"),
            SkipReason::BadId(t) => write!(f, "the id field is {t}, not a string or number"),
            SkipReason::EmptyId => write!(f, "the id field is the empty string"),
            SkipReason::TooLarge { bytes, max } => {
                write!(f, "record of {bytes} bytes, over --max-record-bytes {max}")
            }
            SkipReason::DirectoryLoop(first) => write!(
                f,
                "directory already read as {first} (a symbolic link loop or repeat); not read again"
            ),
            SkipReason::InvalidUtf8(at) => write!(f, "invalid UTF-8 at byte {at}"),
            SkipReason::Empty => write!(f, "the text has no words"),
            SkipReason::TooShort {
                words,
                min,
                script: crate::text::Script::Words,
            } => write!(f, "too short: {words} words, fewer than --min-words {min}"),
            SkipReason::TooShort {
                words,
                min,
                script: crate::text::Script::Characters,
            } => write!(
                f,
                "too short: {words} characters, fewer than --min-chars {min}"
            ),
            SkipReason::DuplicateId { first } => write!(f, "duplicate id, first seen at {first}"),
            SkipReason::Unreadable(e) => write!(f, "cannot read: {e}"),
            SkipReason::NotADocument(what) => write!(
                f,
                "a WARC {what} record: only conversion records and plain-text resources and responses hold documents"
            ),
            SkipReason::HtmlNotExtracted => write!(
                f,
                "a WARC response with HTML: neardup reads text; give it the WET file (Common Crawl publishes one per WARC) or extract the text first"
            ),
        }
    }
}

/// A record that is not clustered, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
// Not #[non_exhaustive]: a stage file's skipped record is read back into one.
pub struct Skipped {
    /// Display name of the source (path, or `-` for stdin).
    pub source: String,
    /// Where, when known (line 0 = whole file).
    pub location: Option<Location>,
    /// The record id when it could be read.
    pub id: Option<String>,
    /// The problem.
    pub reason: SkipReason,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(loc) = self.location.filter(|l| l.line > 0) {
            write!(f, ":{}", loc.line)?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        write!(f, ": {}", self.reason)
    }
}
