//! Which paths name the same file: outputs must never be an input, nor
//! each other.
//!
//! A file is known by its device and inode (so a hard link or a symlink to
//! an input is caught, whatever its spelling); a path that does not exist
//! yet is known by its canonical directory and name (so `./out.jsonl` and
//! `out.jsonl` are one output).

use super::CliError;
use std::path::{Path, PathBuf};

/// A file's identity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FileId {
    /// An existing file: device and inode (on other systems, its canonical path).
    Existing(u64, u64, PathBuf),
    /// A path where no file exists yet: its canonical directory joined with its name.
    Planned(PathBuf),
}

impl FileId {
    /// The identity of whatever `path` names (symlinks followed).
    pub fn of(path: &Path) -> Option<FileId> {
        match std::fs::metadata(path) {
            Ok(m) => Some(existing(path, &m)),
            Err(_) => {
                let dir = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let dir = std::fs::canonicalize(dir).ok()?;
                Some(FileId::Planned(dir.join(path.file_name()?)))
            }
        }
    }

    /// True when two identities are one file.
    fn same(&self, other: &FileId) -> bool {
        match (self, other) {
            (FileId::Existing(d1, i1, p1), FileId::Existing(d2, i2, p2)) => {
                if cfg!(unix) {
                    d1 == d2 && i1 == i2
                } else {
                    p1 == p2
                }
            }
            (FileId::Planned(a), FileId::Planned(b)) => a == b,
            _ => false,
        }
    }
}

#[cfg(unix)]
fn existing(_path: &Path, m: &std::fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    FileId::Existing(m.dev(), m.ino(), PathBuf::new())
}

#[cfg(not(unix))]
fn existing(path: &Path, _m: &std::fs::Metadata) -> FileId {
    let p = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    FileId::Existing(0, 0, p)
}

/// Identities of files a run writes, to be left out of its inputs.
#[derive(Clone, Debug, Default)]
pub struct OwnFiles(Vec<(FileId, bool)>);

impl OwnFiles {
    /// Adds the file at `path`, if there is one; `announce` when leaving it
    /// out is worth a message (an output, not its hidden temporary file).
    pub fn add(&mut self, path: &Path, announce: bool) {
        if let Some(id @ FileId::Existing(..)) = FileId::of(path) {
            self.0.push((id, announce));
        }
    }

    /// When `path` is one of them: whether to say so.
    pub fn find(&self, path: &Path) -> Option<bool> {
        if self.0.is_empty() {
            return None; // no stat per input file when there is nothing to find
        }
        let id = FileId::of(path)?;
        self.0.iter().find(|(o, _)| o.same(&id)).map(|&(_, a)| a)
    }
}

/// How `output` and `input` are the same file, for the message.
fn how(output: &Path, input: &Path) -> &'static str {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if output == input || (canon(output) == canon(input) && !is_link(output) && !is_link(input)) {
        "the same file"
    } else if canon(output) == canon(input) {
        "the same file through a symlink"
    } else {
        "a hard link to the same file"
    }
}

/// Refuses a run that would write over one of its inputs, or write two
/// outputs to one file. `inputs` are every file or directory the run reads
/// (`-`, standard input, is never a file it writes); `outputs` pair each
/// output path with the flag that named it. A directory input is not
/// refused here: the walk leaves the run's outputs out (see [`OwnFiles`]).
pub fn check_outputs(inputs: &[PathBuf], outputs: &[(&str, &Path)]) -> Result<(), CliError> {
    // `-` is standard output to a user; only `cluster -o -` writes there
    // (it reaches here as no path), and a file named `-` would surprise.
    if let Some((flag, _)) = outputs.iter().find(|(_, p)| p.as_os_str() == "-") {
        return Err(CliError::input(format!(
            "{flag} -: this output is written to a file, not to standard output: give it a file name (nothing was written)"
        )));
    }
    let ids: Vec<Option<FileId>> = outputs.iter().map(|(_, p)| FileId::of(p)).collect();
    for (i, (flag, path)) in outputs.iter().enumerate() {
        for (j, (flag2, path2)) in outputs.iter().enumerate().skip(i + 1) {
            if let (Some(a), Some(b)) = (&ids[i], &ids[j]) {
                if a.same(b) {
                    return Err(CliError::input(format!(
                        "{flag} {} and {flag2} {} are the same file: give each output its own path (nothing was written)",
                        path.display(),
                        path2.display()
                    )));
                }
            }
        }
        let Some(out_id) = &ids[i] else { continue };
        for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
            let Some(in_id @ FileId::Existing(..)) = FileId::of(input) else {
                continue;
            };
            // A directory is walked (its outputs left out); a terminal or a
            // pipe (`/dev/stdin` and `/dev/stdout` on one tty) is not
            // destroyed by writing.
            if !std::fs::metadata(input).is_ok_and(|m| m.is_file()) {
                continue;
            }
            if out_id.same(&in_id) {
                return Err(CliError::input(format!(
                    "{flag} {} is {} as the input {}: writing it would destroy the input (nothing was written)",
                    path.display(),
                    how(path, input),
                    input.display()
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_paths_are_compared_by_their_directory() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("out.jsonl");
        let b = dir.path().join(".").join("out.jsonl");
        assert!(FileId::of(&a).unwrap().same(&FileId::of(&b).unwrap()));
        let c = dir.path().join("other.jsonl");
        assert!(!FileId::of(&a).unwrap().same(&FileId::of(&c).unwrap()));
    }

    #[cfg(unix)]
    #[test]
    fn an_input_that_is_not_a_regular_file_is_not_guarded() {
        // Writing to a FIFO (or a tty) that is also read destroys nothing.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        assert!(check_outputs(std::slice::from_ref(&fifo), &[("-o", &fifo)]).is_ok());
        let file = dir.path().join("x.jsonl");
        std::fs::write(&file, "{}").unwrap();
        assert!(check_outputs(std::slice::from_ref(&file), &[("-o", &file)]).is_err());
    }

    #[test]
    fn two_outputs_on_one_path_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("out.jsonl");
        let err = check_outputs(&[], &[("-o", &a), ("--dropped", &a)]).unwrap_err();
        assert!(err.to_string().contains("--dropped"), "{err}");
    }
}
