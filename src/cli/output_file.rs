//! Output files written whole or not at all, and never over an input.
//!
//! Every file a command writes goes through [`OutputFile`]. It is opened
//! before the run does any work: a temporary file is created beside the
//! target then, so a path that cannot be written fails in milliseconds
//! rather than after the whole run. Results are written to the temporary
//! file; [`commit_all`] flushes and syncs every output of the run, and only
//! then renames each over its target. A run that fails or is killed leaves
//! the old file (or none) and at worst a hidden `.NAME.*.tmp` beside it,
//! never a partial result under the target's name. Dropping an uncommitted
//! [`OutputFile`] removes its temporary file.
//!
//! A target that exists and is not a regular file (`/dev/null`, a FIFO) is
//! written in place: there is nothing to rename over.
//!
//! [`Outputs::open`] first refuses outputs that are an input or each other
//! (see [`super::same_file`]).

use super::same_file::{check_outputs, OwnFiles};
use super::CliError;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Where the bytes go until the file is committed.
enum Sink {
    /// A temporary file beside the target, renamed over it when complete.
    Temp(BufWriter<NamedTempFile>),
    /// A device or pipe, written in place.
    Direct(BufWriter<File>),
}

/// One output of a run (see the module documentation).
pub struct OutputFile {
    /// The flag that named it (`-o`, `--report`), for messages.
    flag: &'static str,
    /// The path as given, for messages.
    shown: PathBuf,
    /// The file that gets the result (a symlink's destination: the link stays).
    target: PathBuf,
    sink: Sink,
    written: u64,
}

impl OutputFile {
    /// Checks that `path` can be written and creates its temporary file.
    pub fn create(flag: &'static str, path: &Path) -> Result<OutputFile, CliError> {
        let fail =
            |why: String| CliError::input(format!("cannot write {flag} {}: {why}", path.display()));
        let meta = std::fs::metadata(path).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(fail("it is a directory".into()));
        }
        let sink = if meta.as_ref().is_some_and(|m| !m.is_file()) {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| fail(e.to_string()))?;
            Sink::Direct(BufWriter::with_capacity(1 << 20, f))
        } else {
            let target = resolve_link(path);
            let tmp = temp_beside(&target, meta.as_ref()).map_err(|e| {
                fail(format!(
                    "cannot create a file in {}: {e}",
                    dir_of(&target).display()
                ))
            })?;
            Sink::Temp(BufWriter::with_capacity(1 << 20, tmp))
        };
        Ok(OutputFile {
            flag,
            shown: path.to_path_buf(),
            target: resolve_link(path),
            sink,
            written: 0,
        })
    }

    /// The path as given.
    pub fn path(&self) -> &Path {
        &self.shown
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The target and the temporary file, which a directory walk must not read.
    pub fn add_to(&self, own: &mut OwnFiles) {
        own.add(&self.target, true);
        if let Sink::Temp(w) = &self.sink {
            own.add(w.get_ref().path(), false);
        }
    }

    /// An error while writing this file.
    pub fn error(&self, e: io::Error) -> CliError {
        CliError::io(&format!("writing {}", self.shown.display()), e)
    }

    /// Flushes and syncs the bytes to disk.
    fn finish(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Temp(w) => {
                w.flush()?;
                w.get_ref().as_file().sync_all()
            }
            Sink::Direct(w) => w.flush(),
        }
    }

    /// Renames the finished temporary file over the target.
    fn persist(self) -> Result<(), CliError> {
        let Sink::Temp(w) = self.sink else {
            return Ok(());
        };
        let what = format!("writing {}", self.shown.display());
        let tmp = w
            .into_inner()
            .map_err(|e| CliError::io(&what, e.into_error()))?;
        tmp.persist(&self.target)
            .map_err(|e| CliError::io(&what, e.error))?;
        // Make the rename itself durable (best effort: not every system can
        // sync a directory).
        if let Ok(d) = File::open(dir_of(&self.target)) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = match &mut self.sink {
            Sink::Temp(w) => w.write(buf)?,
            Sink::Direct(w) => w.write(buf)?,
        };
        self.written += n as u64;
        Ok(n)
    }

    /// Flushes the buffer only; [`commit_all`] syncs and renames.
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Temp(w) => w.flush(),
            Sink::Direct(w) => w.flush(),
        }
    }
}

/// The directory of `path` (`.` for a bare file name).
fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Where a symlink points (so that writing keeps the link), else `path`.
fn resolve_link(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    }
}

/// A hidden temporary file in the target's directory (a rename within one
/// file system is atomic), with the permissions a new file would get, or
/// the replaced file's.
fn temp_beside(target: &Path, old: Option<&std::fs::Metadata>) -> io::Result<NamedTempFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut b = tempfile::Builder::new();
    b.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    b.permissions(mode);
    let tmp = b.tempfile_in(dir_of(target))?;
    if let Some(m) = old.filter(|m| m.is_file()) {
        tmp.as_file().set_permissions(m.permissions())?;
    }
    Ok(tmp)
}

/// Finishes every output (flush and sync), then renames each over its
/// target: nothing is renamed unless all were written completely.
pub fn commit_all(files: impl IntoIterator<Item = OutputFile>) -> Result<(), CliError> {
    let mut files: Vec<OutputFile> = files.into_iter().collect();
    for f in &mut files {
        f.finish().map_err(|e| f.error(e))?;
    }
    files.into_iter().try_for_each(OutputFile::persist)
}

/// The output files of one run, by flag.
pub struct Outputs {
    files: Vec<OutputFile>,
}

impl Outputs {
    /// Refuses outputs that are one of `inputs` or each other, then opens
    /// every output that was asked for (`wanted` pairs a flag with its path).
    pub fn open(
        inputs: &[PathBuf],
        wanted: &[(&'static str, Option<&Path>)],
    ) -> Result<Outputs, CliError> {
        let named: Vec<(&'static str, &Path)> =
            wanted.iter().filter_map(|&(f, p)| Some((f, p?))).collect();
        let as_str: Vec<(&str, &Path)> = named.iter().map(|&(f, p)| (f, p)).collect();
        check_outputs(inputs, &as_str)?;
        let files = named
            .iter()
            .map(|&(f, p)| OutputFile::create(f, p))
            .collect::<Result<_, _>>()?;
        Ok(Outputs { files })
    }

    /// The files this run writes (targets and temporary files).
    pub fn own(&self) -> OwnFiles {
        let mut own = OwnFiles::default();
        for f in &self.files {
            f.add_to(&mut own);
        }
        own
    }

    /// Takes the output named by `flag`, if it was asked for.
    pub fn take(&mut self, flag: &str) -> Option<OutputFile> {
        let i = self.files.iter().position(|f| f.flag == flag)?;
        Some(self.files.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_reaches_the_target_before_commit() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        std::fs::write(&target, "old\n").unwrap();
        let mut f = OutputFile::create("-o", &target).unwrap();
        f.write_all(b"new\n").unwrap();
        f.flush().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"old\n");
        commit_all([f]).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "temporary file left behind");
    }

    #[test]
    fn a_dropped_output_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        std::fs::write(&target, "old\n").unwrap();
        let mut f = OutputFile::create("-o", &target).unwrap();
        f.write_all(b"partial").unwrap();
        drop(f);
        assert_eq!(std::fs::read(&target).unwrap(), b"old\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_directory_fails_at_once_naming_the_path() {
        let err = OutputFile::create("--report", Path::new("/no/such/dir/r.html"))
            .err()
            .expect("must fail");
        let msg = err.to_string();
        assert!(msg.contains("--report /no/such/dir/r.html"), "{msg}");
    }

    #[cfg(unix)]
    #[test]
    fn writing_through_a_symlink_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.jsonl");
        let link = dir.path().join("link.jsonl");
        std::fs::write(&real, "old\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut f = OutputFile::create("-o", &link).unwrap();
        f.write_all(b"new\n").unwrap();
        commit_all([f]).unwrap();
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(meta.file_type().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new\n");
    }
}
