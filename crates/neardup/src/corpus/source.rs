//! Turning command-line inputs into a list of sources.
//!
//! Anything that is not a regular file (stdin, a pipe, a FIFO, `<(...)`, a
//! device) can be read only once, and a run reads its inputs several times
//! (boilerplate sample, signing, read-back of texts, dedup): such an input is
//! copied to a temporary file first. A file's kind is told by its content
//! where that is certain (gzip and zstd magic bytes, `PAR1` at both ends of
//! a Parquet file, a first `{` or `[`),
//! by its extension otherwise. A JSON array of records is copied to a
//! temporary JSON Lines file, one element a line, and read as that. Directory walks are sorted, skip hidden
//! entries unless asked, honour `--glob`/`--exclude`, and read no directory
//! twice (symbolic link loops).

use super::held::HeldCopy;
use super::{SkipReason, Skipped};
use globset::GlobSet;
use serde::de::{self, Deserializer as _, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to read a file whose kind the extension does not settle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension: `.jsonl`, `.ndjson`, `.json` (optionally `.gz`/`.zst`) are
    /// JSON Lines, anything else is one plain-text document; stdin is JSON Lines.
    #[default]
    Auto,
    /// Every file (and stdin) is JSON Lines.
    Jsonl,
    /// Every file (and stdin) is one plain-text document.
    Text,
}

/// How a source is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// JSON Lines.
    Jsonl,
    /// gzip-compressed JSON Lines.
    JsonlGz,
    /// zstd-compressed JSON Lines.
    JsonlZst,
    /// One plain-text document.
    Text,
    /// A Parquet file (cargo feature `parquet`): one record a row, placed
    /// by row number (see [`super::Location`]).
    Parquet,
    /// A WARC or WET file (`.warc`, `.wet`): one record a document.
    Warc,
    /// A gzip-compressed WARC or WET file (`.warc.gz`, `.warc.wet.gz`).
    WarcGz,
}

/// How inputs are expanded.
#[derive(Clone, Debug, Default)]
pub struct InputOptions {
    /// How files are read.
    pub format: InputFormat,
    /// Read hidden files and directories (names starting with `.`) in walks.
    pub hidden: bool,
    /// In walks, read only the files matching one of these (relative path or name).
    pub include: Option<GlobSet>,
    /// In walks, leave out files and directories matching one of these.
    pub exclude: Option<GlobSet>,
}

/// One readable input.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file given (`-` for stdin), or a Parquet spool's name; read
    /// through [`Source::open`], never this path (see `copy`).
    pub path: PathBuf,
    /// The name shown in messages and used for ids (`-` for stdin).
    pub name: String,
    /// For plain-text documents, the document id (path relative to the
    /// directory given, or the path as given).
    pub text_id: String,
    /// How to decode it.
    pub kind: SourceKind,
    /// Size on disk in bytes.
    pub size: u64,
    /// The temporary file the source is read from (`corpus::held`): the
    /// spool of stdin or a pipe, a JSON array's lines, or a compressed
    /// file's decompressed copy ([`super::keep_decompressed_copies`]).
    /// `path` may then name no file to read (the compressed file, or a
    /// spool no longer named), so every read goes through [`Source::open`]
    /// or [`Source::positional_file`].
    copy: Option<Arc<HeldCopy>>,
}

impl Source {
    /// Opens the source for reading, decompressing as needed.
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        let raw: Box<dyn Read + Send> = match &self.copy {
            Some(copy) => copy.reader()?,
            None => Box::new(fs::File::open(&self.path)?),
        };
        let buffered = io::BufReader::with_capacity(1 << 20, raw);
        Ok(match self.kind {
            #[cfg(feature = "compression")]
            SourceKind::JsonlGz | SourceKind::WarcGz => {
                Box::new(flate2::read::MultiGzDecoder::new(buffered))
            }
            #[cfg(feature = "compression")]
            SourceKind::JsonlZst => Box::new(zstd::Decoder::with_buffer(buffered)?),
            #[cfg(not(feature = "compression"))]
            SourceKind::JsonlGz | SourceKind::JsonlZst | SourceKind::WarcGz => {
                return Err(io::Error::new(
                    io::ErrorKind::Unsupported,
                    "compressed input needs neardup's `compression` feature",
                ))
            }
            // Parquet is read by column chunks, not as a stream; this
            // gives its raw bytes.
            SourceKind::Jsonl | SourceKind::Text | SourceKind::Parquet | SourceKind::Warc => {
                Box::new(buffered)
            }
        })
    }

    /// The plain bytes of a JSON Lines or WARC source (the file, or its
    /// decompressed copy) as a file to be read **at positions only**
    /// (`read_exact_at`, or a seek on a file of its own where there is no
    /// positional read): a copy's handle is shared.
    pub(crate) fn positional_file(&self) -> io::Result<fs::File> {
        match &self.copy {
            Some(copy) => copy.file(),
            None => fs::File::open(&self.path),
        }
    }

    /// Reads this compressed source from `copy` from now on: its
    /// decompressed bytes, `size` of them, as a source of `kind`; the
    /// name stays (see the `unpacked` module).
    pub(super) fn unpacked_to(&mut self, copy: HeldCopy, kind: SourceKind, size: u64) {
        self.kind = kind;
        self.size = size;
        self.copy = Some(Arc::new(copy));
    }

    /// True for WARC and WET sources (compressed or not).
    pub fn is_warc(&self) -> bool {
        matches!(self.kind, SourceKind::Warc | SourceKind::WarcGz)
    }

    /// True for sources read back by a pass over a decompressed stream
    /// rather than by seeking.
    pub fn is_compressed(&self) -> bool {
        matches!(
            self.kind,
            SourceKind::JsonlGz | SourceKind::JsonlZst | SourceKind::WarcGz
        )
    }

    /// True for JSON Lines sources (compressed or not).
    pub fn is_jsonl(&self) -> bool {
        matches!(
            self.kind,
            SourceKind::Jsonl | SourceKind::JsonlGz | SourceKind::JsonlZst
        )
    }
}

/// What the first bytes of a file say about its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Content {
    Gzip,
    Zstd,
    /// `PAR1` at both ends ([`content_of`] checks the end).
    Parquet,
    /// The first non-blank byte (after a byte order mark) is `{`.
    Object,
    /// `[` then `{` (or `]`): a JSON array of objects.
    Array,
    /// Nothing but white space.
    Blank,
    /// A WARC version line (`WARC/1.0`, `WARC/1.1`).
    Warc,
    Other,
}

/// Bytes read to tell a file's kind.
const SNIFF_BYTES: usize = 4096;

fn sniff(head: &[u8]) -> Content {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Content::Gzip;
    }
    if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        return Content::Zstd;
    }
    if head.starts_with(PARQUET_MAGIC) {
        return Content::Parquet;
    }
    if head.starts_with(b"WARC/1.") {
        return Content::Warc;
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut rest = body.iter().filter(|b| !b.is_ascii_whitespace());
    match rest.next() {
        None => Content::Blank,
        Some(b'{') => Content::Object,
        Some(b'[') => match rest.next() {
            Some(b'{' | b']') | None => Content::Array,
            Some(_) => Content::Other,
        },
        Some(_) => Content::Other,
    }
}

/// The magic bytes that open and close a Parquet file.
const PARQUET_MAGIC: &[u8; 4] = b"PAR1";

/// What a file's content says it is. A Parquet file must also end with the
/// magic (after its footer): a text that happens to start with `PAR1` is not
/// taken for one.
fn content_of(path: &Path) -> io::Result<Content> {
    let head = read_head(path)?;
    let content = sniff(&head);
    if content != Content::Parquet {
        return Ok(content);
    }
    let mut file = fs::File::open(path)?;
    let mut tail = [0u8; 4];
    let ends_with_magic = file.metadata()?.len() >= 12
        && file.seek(io::SeekFrom::End(-4)).is_ok()
        && file.read_exact(&mut tail).is_ok()
        && &tail == PARQUET_MAGIC;
    Ok(if ends_with_magic {
        Content::Parquet
    } else {
        Content::Other
    })
}

/// The first [`SNIFF_BYTES`] of a file (fewer when it is shorter).
fn read_head(path: &Path) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    fs::File::open(path)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// The kind of a file from its name and first bytes. Compression is told by
/// magic bytes only (a misnamed `.gz` is read as what it is); JSON Lines by a
/// first `{` under any name but a text one (Spark's `part-00000`), or by a
/// JSON extension; `assume_jsonl` (stdin) reads anything else as JSON Lines too.
fn kind_for(path: &Path, format: InputFormat, content: Content, assume_jsonl: bool) -> Detected {
    if format == InputFormat::Text {
        return Detected::Kind(SourceKind::Text);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(&name);
    let has = |exts: &[&str]| exts.iter().any(|e| stem.ends_with(e));
    let warc_name = has(&[".warc", ".wet"]);
    match content {
        Content::Gzip if warc_name => return Detected::Kind(SourceKind::WarcGz),
        Content::Gzip => return Detected::Kind(SourceKind::JsonlGz),
        Content::Zstd => return Detected::Kind(SourceKind::JsonlZst),
        Content::Parquet => return Detected::Kind(SourceKind::Parquet),
        Content::Warc => return Detected::Kind(SourceKind::Warc),
        _ => {}
    }
    let json_name = has(&[".jsonl", ".ndjson", ".json"]);
    let text_name = has(&[".txt", ".md", ".html", ".htm"]);
    let jsonl = format == InputFormat::Jsonl || assume_jsonl;
    match content {
        Content::Array if jsonl || !text_name => Detected::JsonArray,
        Content::Object if jsonl || !text_name => Detected::Kind(SourceKind::Jsonl),
        _ if jsonl || json_name => Detected::Kind(SourceKind::Jsonl),
        _ => Detected::Kind(SourceKind::Text),
    }
}

/// What a file was found to be.
#[derive(Debug, PartialEq, Eq)]
enum Detected {
    Kind(SourceKind),
    /// A JSON array (of records), read through [`array_source`].
    JsonArray,
}

/// A path as text for ids and messages: UTF-8 as it is (a `\` included),
/// any other byte as `\xHH`, so that distinct names give distinct ids.
pub fn escape_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    path.to_string_lossy().into_owned()
}

fn unreadable(name: &str, e: &io::Error) -> Skipped {
    not_read(name, SkipReason::Unreadable(e.to_string()))
}

/// A Parquet input to a library built without the `parquet` feature.
fn no_parquet(name: &str) -> Skipped {
    let why = "a Parquet file, and this build reads none (cargo feature `parquet`)";
    not_read(name, SkipReason::Unreadable(why.into()))
}

fn not_read(name: &str, reason: SkipReason) -> Skipped {
    Skipped {
        source: name.to_string(),
        location: None,
        id: None,
        reason,
    }
}

fn make(path: PathBuf, name: String, text_id: String, kind: SourceKind, size: u64) -> Source {
    Source {
        path,
        name,
        text_id,
        kind,
        size,
        copy: None,
    }
}

/// A regular file as a source, its kind told by name and content.
fn file_source(
    path: &Path,
    name: String,
    text_id: String,
    size: u64,
    format: InputFormat,
) -> Result<Source, Skipped> {
    let content = content_of(path).map_err(|e| unreadable(&name, &e))?;
    match kind_for(path, format, content, false) {
        Detected::Kind(SourceKind::Parquet) if !cfg!(feature = "parquet") => Err(no_parquet(&name)),
        Detected::Kind(kind) => Ok(make(path.to_path_buf(), name, text_id, kind, size)),
        Detected::JsonArray => fs::File::open(path)
            .map_err(|e| unreadable(&name, &e))
            .and_then(|f| array_source(f, path, name.clone(), text_id)),
    }
}

/// An input that can be read only once, copied to a temporary file and
/// then read like the same bytes in a file. The copy is unnamed from its
/// first byte (`corpus::held`), so a run stopped while reading a large
/// stdin leaves nothing behind; only a stream that opens like a Parquet
/// file is spooled under a name, since its reader opens a path.
fn spooled_source(
    mut reader: impl Read,
    input: &Path,
    name: String,
    format: InputFormat,
    assume_jsonl: bool,
) -> Result<Source, Skipped> {
    let fail = |e: io::Error| unreadable(&name, &e);
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(fail)?;
    let head_content = sniff(&head);
    let parquet_head = head_content == Content::Parquet;
    let (copy, size) = spool(io::Cursor::new(&head).chain(reader), parquet_head).map_err(fail)?;
    // A Parquet file is told by its tail too, which only the whole has.
    let content = match copy.path() {
        Some(path) if parquet_head => content_of(path).map_err(fail)?,
        _ => head_content,
    };
    match kind_for(input, format, content, assume_jsonl) {
        Detected::Kind(SourceKind::Parquet) if !cfg!(feature = "parquet") => Err(no_parquet(&name)),
        Detected::Kind(kind) => Ok(held_source(copy, input, name.clone(), name, kind, size)),
        Detected::JsonArray => {
            let lines = copy.reader().map_err(fail)?;
            array_source(lines, input, name.clone(), name)
        }
    }
}

/// A JSON array read as JSON Lines: its elements are copied to a
/// temporary file, one a line, so that scanning, reading back and dedup
/// treat it like any JSON Lines file (line N is element N). An array that
/// does not parse is not read, and the message says where it broke.
fn array_source(
    array: impl Read,
    input: &Path,
    name: String,
    text_id: String,
) -> Result<Source, Skipped> {
    match array_to_jsonl(array) {
        Ok((copy, size)) => Ok(held_source(
            copy,
            input,
            name,
            text_id,
            SourceKind::Jsonl,
            size,
        )),
        Err(e) => Err(not_read(
            &name,
            SkipReason::Unreadable(format!("reading it as a JSON array: {e}")),
        )),
    }
}

/// A source read from the temporary file `copy`. Its `path` is the copy's
/// name where it keeps one (Parquet), else the input as given.
fn held_source(
    copy: HeldCopy,
    input: &Path,
    name: String,
    text_id: String,
    kind: SourceKind,
    size: u64,
) -> Source {
    let path = copy.path().unwrap_or(input).to_path_buf();
    let mut s = make(path, name, text_id, kind, size);
    s.copy = Some(Arc::new(copy));
    s
}

/// Writes the elements of the JSON array read from `array` to a temporary
/// file, one a line, and returns it with its size. Elements are copied as
/// written, except that their line breaks become spaces (outside strings a
/// line break can only be white space); one element is held at a time.
fn array_to_jsonl(array: impl Read) -> io::Result<(HeldCopy, u64)> {
    let mut array = io::BufReader::new(array);
    if array.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        array.consume(3);
    }
    let (copy, file) = HeldCopy::create(false)?;
    let mut out = BufWriter::new(file);
    let mut de = serde_json::Deserializer::from_reader(array);
    let size = de.deserialize_seq(Elements(&mut out))?;
    de.end()?;
    out.flush()?;
    Ok((copy, size))
}

/// Copies each element of a JSON array to the writer as one line.
struct Elements<'w, W: Write>(&'w mut W);

impl<'de, W: Write> Visitor<'de> for Elements<'_, W> {
    type Value = u64;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u64, A::Error> {
        let mut size = 0u64;
        while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
            let mut line = raw.get().as_bytes().to_vec();
            for b in line.iter_mut().filter(|b| matches!(b, b'\n' | b'\r')) {
                *b = b' ';
            }
            line.push(b'\n');
            self.0.write_all(&line).map_err(de::Error::custom)?;
            size += line.len() as u64;
        }
        Ok(size)
    }
}

/// Copies a stream to a temporary file in `TMPDIR` (`corpus::held`).
fn spool(mut reader: impl Read, keep_name: bool) -> io::Result<(HeldCopy, u64)> {
    let (copy, file) = HeldCopy::create(keep_name)?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let size = io::copy(&mut reader, &mut out)?;
    out.flush()?;
    Ok((copy, size))
}

/// A directory's identity (device, inode), to notice it again.
#[cfg(unix)]
fn dir_key(m: &fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn dir_key(_: &fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// One directory input being walked.
struct Walk<'a> {
    opts: &'a InputOptions,
    root: &'a Path,
    /// Directories read so far, by identity, with the name first read under.
    seen: HashMap<(u64, u64), String>,
    out: &'a mut Vec<Source>,
    bad: &'a mut Vec<Skipped>,
}

impl Walk<'_> {
    fn matches(set: &Option<GlobSet>, rel: &str, name: &str) -> bool {
        set.as_ref()
            .is_some_and(|s| s.is_match(rel) || s.is_match(name))
    }

    /// Reads `dir` in sorted order; ids are paths relative to the root.
    fn dir(&mut self, dir: &Path) {
        let shown = escape_path(dir);
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return self.bad.push(unreadable(&shown, &e)),
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => paths.push(e.path()),
                Err(e) => self.bad.push(unreadable(&shown, &e)),
            }
        }
        paths.sort();
        for p in paths {
            self.entry(&p);
        }
    }

    fn entry(&mut self, p: &Path) {
        let name = p
            .file_name()
            .map(Path::new)
            .map(escape_path)
            .unwrap_or_default();
        if !self.opts.hidden && name.starts_with('.') {
            return;
        }
        let rel = escape_path(p.strip_prefix(self.root).unwrap_or(p));
        if Self::matches(&self.opts.exclude, &rel, &name) {
            return;
        }
        let shown = escape_path(p);
        let m = match fs::metadata(p) {
            Ok(m) => m,
            Err(e) => return self.bad.push(unreadable(&shown, &e)),
        };
        if m.is_dir() {
            if let Some(key) = dir_key(&m) {
                if let Some(first) = self.seen.get(&key) {
                    let first = first.clone();
                    return self
                        .bad
                        .push(not_read(&shown, SkipReason::DirectoryLoop(first)));
                }
                self.seen.insert(key, shown);
            }
            return self.dir(p);
        }
        if self.opts.include.is_some() && !Self::matches(&self.opts.include, &rel, &name) {
            return;
        }
        if !m.is_file() {
            // A FIFO or device in a walk could block or never end.
            let why =
                io::Error::other("not a regular file (name it on the command line to read it)");
            return self.bad.push(unreadable(&shown, &why));
        }
        match file_source(p, shown, rel, m.len(), self.opts.format) {
            Ok(s) => self.out.push(s),
            Err(b) => self.bad.push(b),
        }
    }
}

/// Expands command-line inputs (files, directories, `-` for stdin) into
/// sources, in the order given, with default [`InputOptions`] but `format`.
pub fn expand_inputs(inputs: &[PathBuf], format: InputFormat) -> (Vec<Source>, Vec<Skipped>) {
    let opts = InputOptions {
        format,
        ..InputOptions::default()
    };
    expand_inputs_with(inputs, &opts)
}

/// Expands command-line inputs (files, directories, `-` for stdin) into
/// sources, in the order given. Inputs that cannot be read are returned as
/// [`Skipped`] entries, never dropped.
pub fn expand_inputs_with(inputs: &[PathBuf], opts: &InputOptions) -> (Vec<Source>, Vec<Skipped>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for input in inputs {
        let shown = escape_path(input);
        let source = if input.as_os_str() == "-" {
            spooled_source(io::stdin().lock(), input, shown, opts.format, true)
        } else {
            match fs::metadata(input) {
                Ok(m) if m.is_dir() => {
                    let mut walk = Walk {
                        opts,
                        root: input,
                        seen: HashMap::new(),
                        out: &mut out,
                        bad: &mut bad,
                    };
                    if let Some(key) = dir_key(&m) {
                        walk.seen.insert(key, shown);
                    }
                    walk.dir(input);
                    continue;
                }
                Ok(m) if m.is_file() => {
                    file_source(input, shown.clone(), shown, m.len(), opts.format)
                }
                // A pipe, FIFO, `<(...)` or device: read once, into a file.
                Ok(_) => fs::File::open(input)
                    .map_err(|e| unreadable(&shown, &e))
                    .and_then(|f| spooled_source(f, input, shown, opts.format, false)),
                Err(e) => Err(unreadable(&shown, &e)),
            }
        };
        match source {
            Ok(s) => out.push(s),
            Err(b) => bad.push(b),
        }
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name_and_content() {
        let k = |p: &str, head: &[u8]| match kind_for(
            Path::new(p),
            InputFormat::Auto,
            sniff(head),
            false,
        ) {
            Detected::Kind(kind) => kind,
            Detected::JsonArray => panic!("{p} is not an array"),
        };
        assert_eq!(k("a.jsonl", b"x"), SourceKind::Jsonl);
        assert_eq!(k("a.JSONL.GZ", b"\x1f\x8b\x08"), SourceKind::JsonlGz);
        assert_eq!(k("a.ndjson.zst", b"\x28\xb5\x2f\xfd"), SourceKind::JsonlZst);
        assert_eq!(k("story.txt", b"Once"), SourceKind::Text);
        assert_eq!(k("story.txt", b"{ braces }"), SourceKind::Text);
        assert_eq!(k("README", b"Read me"), SourceKind::Text);
        // By content whatever the name.
        assert_eq!(k("part-00000", b"\n {\"id\":1}"), SourceKind::Jsonl);
        assert_eq!(
            k("part-00000", b"\xEF\xBB\xBF{\"id\":1}"),
            SourceKind::Jsonl
        );
        assert_eq!(k("x.jsonl", b"\x1f\x8b\x08"), SourceKind::JsonlGz);
        assert_eq!(k("x.jsonl.gz", b"{}"), SourceKind::Jsonl);
        let array = kind_for(
            Path::new("x.json"),
            InputFormat::Auto,
            sniff(b"[\n {\"id\":1}"),
            false,
        );
        assert_eq!(array, Detected::JsonArray);
        assert_eq!(k("lyrics", b"[Verse 1]"), SourceKind::Text);
        assert_eq!(
            kind_for(
                Path::new("a.txt"),
                InputFormat::Jsonl,
                Content::Other,
                false
            ),
            Detected::Kind(SourceKind::Jsonl)
        );
        assert_eq!(
            kind_for(
                Path::new("a.jsonl"),
                InputFormat::Text,
                Content::Object,
                false
            ),
            Detected::Kind(SourceKind::Text)
        );
        assert_eq!(
            kind_for(Path::new("-"), InputFormat::Auto, Content::Other, true),
            Detected::Kind(SourceKind::Jsonl)
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_escaped_and_backslashes_kept() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"a\xFF\\b/c\xFE"));
        assert_eq!(escape_path(p), "a\\xFF\\b/c\\xFE");
    }

    #[test]
    fn directories_are_walked_sorted_with_relative_ids() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("b/2.txt"), "x").unwrap();
        fs::write(dir.path().join("a.txt"), "y").unwrap();
        let (src, bad) = expand_inputs(&[dir.path().to_path_buf()], InputFormat::Auto);
        assert!(bad.is_empty());
        let ids: Vec<&str> = src.iter().map(|s| s.text_id.as_str()).collect();
        assert_eq!(ids, vec!["a.txt", "b/2.txt"]);
    }

    #[test]
    fn a_json_array_becomes_one_line_per_element() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(
            &path,
            "\u{FEFF}[\n {\"id\": 1,\n  \"text\": \"a\\nb\"},\n 5\n]\n",
        )
        .unwrap();
        let (src, bad) = expand_inputs(&[path], InputFormat::Auto);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(src[0].kind, SourceKind::Jsonl);
        let mut text = String::new();
        src[0].open().unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "{\"id\": 1,   \"text\": \"a\\nb\"}\n5\n");
        let broken = dir.path().join("b.json");
        fs::write(&broken, "[{\"id\": 1},\n {\"id\": ").unwrap();
        let (src, bad) = expand_inputs(&[broken], InputFormat::Auto);
        assert!(src.is_empty());
        assert!(bad[0].to_string().contains("line 2"), "{}", bad[0]);
    }

    #[test]
    fn missing_paths_are_reported() {
        let (src, bad) = expand_inputs(&[PathBuf::from("/no/such/file.jsonl")], InputFormat::Auto);
        assert!(src.is_empty());
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].reason.code(), "unreadable");
        assert!(bad[0].to_string().contains("/no/such/file.jsonl"));
    }
}
