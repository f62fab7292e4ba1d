//! The temporary file a source is read from: the spool of stdin or a pipe,
//! a JSON array's lines, or a compressed file's decompressed copy
//! ([`super::keep_decompressed_copies`]).
//!
//! On Unix such a file is held open with no name, so that the system
//! removes it when the run ends, however it ends: a run stopped with
//! Ctrl-C leaves no gigabytes behind in `TMPDIR`. Its one handle is shared
//! by every reader, so it is read at positions only (a stream from
//! [`HeldCopy::reader`] keeps its own). A Parquet file keeps its name (its
//! reader opens a path), and so does every file where there is no such
//! unlinking; those are removed when the run drops them.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use tempfile::TempPath;

/// A temporary file a source is read from (module docs).
#[derive(Debug)]
pub(super) enum HeldCopy {
    /// Open, with no name left (Unix).
    #[cfg(unix)]
    Unnamed(File),
    /// Named, removed when dropped.
    Named(TempPath),
}

impl HeldCopy {
    /// A new, empty copy, and a handle to write it with: unnamed where the
    /// system allows, unless `keep_name`.
    pub(super) fn create(keep_name: bool) -> io::Result<(HeldCopy, File)> {
        #[cfg(unix)]
        if !keep_name {
            let file = tempfile::tempfile()?;
            return Ok((HeldCopy::Unnamed(file.try_clone()?), file));
        }
        #[cfg(not(unix))]
        let _ = keep_name; // every copy keeps its name here
        let (file, path) = tempfile::NamedTempFile::new()?.into_parts();
        Ok((HeldCopy::Named(path), file))
    }

    /// The copy's name, if it has one.
    pub(super) fn path(&self) -> Option<&Path> {
        match self {
            #[cfg(unix)]
            HeldCopy::Unnamed(_) => None,
            HeldCopy::Named(path) => Some(path),
        }
    }

    /// A handle on the copy, to be read at positions only
    /// ([`super::Source::positional_file`]).
    pub(super) fn file(&self) -> io::Result<File> {
        match self {
            #[cfg(unix)]
            HeldCopy::Unnamed(file) => file.try_clone(),
            HeldCopy::Named(path) => File::open(path),
        }
    }

    /// The copy from its start, as a stream of its own.
    pub(super) fn reader(&self) -> io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            #[cfg(unix)]
            HeldCopy::Unnamed(file) => Box::new(AtReader {
                file: file.try_clone()?,
                at: 0,
            }),
            HeldCopy::Named(path) => Box::new(File::open(path)?),
        })
    }
}

/// Reads a shared file from `at` on with positional reads, moving no
/// position another reader depends on.
#[cfg(unix)]
struct AtReader {
    file: File,
    at: u64,
}

#[cfg(unix)]
impl Read for AtReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = std::os::unix::fs::FileExt::read_at(&self.file, buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}
