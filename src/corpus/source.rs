//! Turning command-line inputs into a list of sources.

use super::{SkipReason, Skipped};
use std::fs;
use std::io::{self, Read};
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
}

/// One readable input.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file to open (a spooled copy for stdin).
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
    /// Keeps a spooled copy of stdin alive while the sources are in use.
    _spool: Option<Arc<tempfile::TempPath>>,
}

impl Source {
    /// Opens the source for reading, decompressing as needed.
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        let file = fs::File::open(&self.path)?;
        let buffered = io::BufReader::with_capacity(1 << 20, file);
        Ok(match self.kind {
            SourceKind::JsonlGz => Box::new(flate2::read::MultiGzDecoder::new(buffered)),
            SourceKind::JsonlZst => Box::new(zstd::Decoder::with_buffer(buffered)?),
            SourceKind::Jsonl | SourceKind::Text => Box::new(buffered),
        })
    }

    /// The file memory-mapped, for uncompressed JSON Lines (None for other
    /// kinds, empty files, or when mapping fails: then it is read instead).
    pub fn map(&self) -> Option<memmap2::Mmap> {
        if self.kind != SourceKind::Jsonl || self.size == 0 {
            return None;
        }
        let file = fs::File::open(&self.path).ok()?;
        // SAFETY: the map is read-only and its bytes are treated as untrusted
        // input (each line is checked for UTF-8 before use). A file truncated
        // by another process while it is mapped would end the run with
        // SIGBUS, the usual caveat of mapping files (ripgrep's too).
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Sequential);
        Some(map)
    }

    /// True for JSON Lines sources (compressed or not).
    pub fn is_jsonl(&self) -> bool {
        self.kind != SourceKind::Text
    }
}

fn kind_for(path: &Path, format: InputFormat) -> SourceKind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (stem, compressed) = if let Some(s) = name.strip_suffix(".gz") {
        (s, Some(SourceKind::JsonlGz))
    } else if let Some(s) = name.strip_suffix(".zst") {
        (s, Some(SourceKind::JsonlZst))
    } else {
        (name.as_str(), None)
    };
    match format {
        InputFormat::Text => SourceKind::Text,
        InputFormat::Jsonl => compressed.unwrap_or(SourceKind::Jsonl),
        InputFormat::Auto => {
            let jsonl = [".jsonl", ".ndjson", ".json"]
                .iter()
                .any(|e| stem.ends_with(e));
            match (jsonl, compressed) {
                (_, Some(k)) => k,
                (true, None) => SourceKind::Jsonl,
                (false, None) => SourceKind::Text,
            }
        }
    }
}

fn unreadable(name: &str, e: &io::Error) -> Skipped {
    Skipped {
        source: name.to_string(),
        location: None,
        id: None,
        reason: SkipReason::Unreadable(e.to_string()),
    }
}

fn make(path: PathBuf, name: String, text_id: String, kind: SourceKind, size: u64) -> Source {
    Source {
        path,
        name,
        text_id,
        kind,
        size,
        _spool: None,
    }
}

/// Walks a directory in sorted order; ids are paths relative to `root`.
fn walk(
    root: &Path,
    dir: &Path,
    format: InputFormat,
    out: &mut Vec<Source>,
    bad: &mut Vec<Skipped>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return bad.push(unreadable(&dir.display().to_string(), &e)),
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(e) => bad.push(unreadable(&dir.display().to_string(), &e)),
        }
    }
    paths.sort();
    for p in paths {
        let rel = p
            .strip_prefix(root)
            .unwrap_or(&p)
            .to_string_lossy()
            .replace('\\', "/");
        match fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(root, &p, format, out, bad),
            Ok(m) => out.push(make(
                p.clone(),
                p.display().to_string(),
                rel,
                kind_for(&p, format),
                m.len(),
            )),
            Err(e) => bad.push(unreadable(&p.display().to_string(), &e)),
        }
    }
}

/// Expands command-line inputs (files, directories, `-` for stdin) into
/// sources, in the order given. Inputs that cannot be read are returned as
/// [`Skipped`] entries, never dropped.
pub fn expand_inputs(inputs: &[PathBuf], format: InputFormat) -> (Vec<Source>, Vec<Skipped>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            match spool_stdin() {
                Ok((tmp, size)) => {
                    let kind = if format == InputFormat::Text {
                        SourceKind::Text
                    } else {
                        SourceKind::Jsonl
                    };
                    let mut s = make(tmp.to_path_buf(), "-".into(), "-".into(), kind, size);
                    s._spool = Some(Arc::new(tmp));
                    out.push(s);
                }
                Err(e) => bad.push(unreadable("-", &e)),
            }
            continue;
        }
        match fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, input, format, &mut out, &mut bad),
            Ok(m) => {
                let name = input.display().to_string();
                out.push(make(
                    input.clone(),
                    name.clone(),
                    name,
                    kind_for(input, format),
                    m.len(),
                ))
            }
            Err(e) => bad.push(unreadable(&input.display().to_string(), &e)),
        }
    }
    (out, bad)
}

/// Standard input can be read only once, and neardup reads its corpus twice
/// (boilerplate sample, then signatures), so stdin is copied to a temporary file.
fn spool_stdin() -> io::Result<(tempfile::TempPath, u64)> {
    let mut tmp = tempfile::NamedTempFile::new()?;
    let size = io::copy(&mut io::stdin().lock(), &mut tmp)?;
    Ok((tmp.into_temp_path(), size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        let k = |p: &str| kind_for(Path::new(p), InputFormat::Auto);
        assert_eq!(k("a.jsonl"), SourceKind::Jsonl);
        assert_eq!(k("a.JSONL.GZ"), SourceKind::JsonlGz);
        assert_eq!(k("a.ndjson.zst"), SourceKind::JsonlZst);
        assert_eq!(k("story.txt"), SourceKind::Text);
        assert_eq!(k("README"), SourceKind::Text);
        assert_eq!(
            kind_for(Path::new("a.txt"), InputFormat::Jsonl),
            SourceKind::Jsonl
        );
        assert_eq!(
            kind_for(Path::new("a.jsonl"), InputFormat::Text),
            SourceKind::Text
        );
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
    fn missing_paths_are_reported() {
        let (src, bad) = expand_inputs(&[PathBuf::from("/no/such/file.jsonl")], InputFormat::Auto);
        assert!(src.is_empty());
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].reason.code(), "unreadable");
        assert!(bad[0].to_string().contains("/no/such/file.jsonl"));
    }
}
