//! A decompressed copy of each compressed source, kept for the run.
//!
//! A run reads its input more than once: the boilerplate sample, signing,
//! and the read-backs of the exact recount, the spin view and the merge of
//! a story's stars. On a plain file a read-back is a few positional reads;
//! on a gzip or zstd file it is a pass of decompression over the whole
//! stream, on one core. So a run that will read its input several times
//! first decompresses each compressed source once into a temporary file
//! (in `TMPDIR`), in parallel across sources, and reads that copy as the
//! plain file it is.
//!
//! A record's [`super::Location`] in a compressed source is already its byte
//! range in the decompressed stream, and the copy is that stream byte for
//! byte: every offset, line number, record and so every result is the one
//! the compressed source gives (the tests compare the outputs). The copy
//! keeps the source's name, so messages name the file the user gave.
//!
//! On Unix a copy is an unnamed temporary file, which the system removes
//! when the run ends however it ends ([`super::held`]).
//!
//! The copies may take at most half of the space free in the temporary
//! directory when the run starts. A source whose copy would pass that
//! bound, or whose copy cannot be written, is read compressed, as without
//! copies: a copy saves time and never decides a result. A source that
//! does not decompress to its end is read compressed too, so its error is
//! reported as it always was, by the pass that meets it.

use super::held::HeldCopy;
use super::{Source, SourceKind};
use rayon::prelude::*;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// What [`keep_decompressed_copies`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unpacked {
    /// Sources now read from a decompressed copy.
    pub copied: usize,
    /// Bytes written to those copies.
    pub bytes: u64,
    /// Sources left to be read compressed, by name, with why (no entry for
    /// a source that does not decompress: its pass reports that).
    pub streamed: Vec<(String, String)>,
}

/// Why a copy was not kept.
enum NotKept {
    /// The copies would take more than their share of the free space.
    OverBudget,
    /// Writing the copy failed.
    Write(io::Error),
    /// The source did not decompress to its end.
    Read,
}

/// Replaces every compressed JSON Lines or WARC source of `sources` with a
/// decompressed copy of it in a temporary file, as far as half the free
/// space of the temporary directory allows (see the module doc).
/// `progress` is told the decompressed bytes as they are written.
pub fn keep_decompressed_copies(
    sources: &mut [Source],
    progress: &(dyn Fn(u64) + Sync),
) -> Unpacked {
    if !sources.iter().any(Source::is_compressed) {
        return Unpacked::default();
    }
    let budget = AtomicU64::new(copy_budget(&std::env::temp_dir()));
    let results: Vec<Option<Result<u64, NotKept>>> = sources
        .par_iter_mut()
        .map(|src| src.is_compressed().then(|| unpack(src, &budget, progress)))
        .collect();
    let mut report = Unpacked::default();
    for (src, result) in sources.iter().zip(results) {
        match result {
            // Not compressed, or to be reported by the pass that reads it.
            None | Some(Err(NotKept::Read)) => {}
            Some(Ok(bytes)) => {
                report.copied += 1;
                report.bytes += bytes;
            }
            Some(Err(NotKept::OverBudget)) => report.streamed.push((
                src.name.clone(),
                "its decompressed copy would take more than half the free space of the \
                 temporary directory (TMPDIR)"
                    .into(),
            )),
            Some(Err(NotKept::Write(e))) => report.streamed.push((
                src.name.clone(),
                format!("writing its decompressed copy to the temporary directory: {e}"),
            )),
        }
    }
    report
}

/// Half the space free to this user in `dir` (everything where that cannot
/// be told: a full disk is then a write error, and the source is read
/// compressed).
fn copy_budget(dir: &Path) -> u64 {
    #[cfg(unix)]
    if let Ok(s) = rustix::fs::statvfs(dir) {
        return s.f_bavail.saturating_mul(s.f_frsize) / 2;
    }
    let _ = dir;
    u64::MAX
}

/// Decompresses `src` into a temporary file within `budget` (taken from as
/// the copy grows, given back if it is not kept) and points `src` at it.
fn unpack(
    src: &mut Source,
    budget: &AtomicU64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<u64, NotKept> {
    let kind = match src.kind {
        SourceKind::JsonlGz | SourceKind::JsonlZst => SourceKind::Jsonl,
        SourceKind::WarcGz => SourceKind::Warc,
        _ => unreachable!("only compressed sources are unpacked"),
    };
    let mut reader = src.open().map_err(|_| NotKept::Read)?;
    let (copy, mut out) = HeldCopy::create(false).map_err(NotKept::Write)?;
    let mut taken = 0u64;
    let outcome = copy_within(&mut reader, &mut out, budget, &mut taken, progress);
    if let Err(e) = outcome {
        budget.fetch_add(taken, Ordering::Relaxed);
        return Err(e);
    }
    src.unpacked_to(copy, kind, taken);
    Ok(taken)
}

/// Copies `reader` to `out`, taking each chunk's size from `budget` before
/// writing it; `taken` counts what was taken.
fn copy_within(
    reader: &mut dyn Read,
    out: &mut std::fs::File,
    budget: &AtomicU64,
    taken: &mut u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(), NotKept> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(NotKept::Read),
        };
        let want = n as u64;
        let granted = budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(want)
            })
            .is_ok();
        if !granted {
            return Err(NotKept::OverBudget);
        }
        *taken += want;
        out.write_all(&buf[..n]).map_err(NotKept::Write)?;
        progress(want);
    }
    out.flush().map_err(NotKept::Write)?;
    Ok(())
}

#[cfg(all(test, feature = "compression"))]
mod tests {
    use super::*;
    use crate::corpus::{expand_inputs, InputFormat};
    use std::fs;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    /// The sources of a file `name` holding `bytes` in `dir`.
    fn sources_of(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> Vec<Source> {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        expand_inputs(&[path], InputFormat::Auto).0
    }

    const LINES: &str =
        "{\"id\":\"a\",\"text\":\"one two three\"}\n{\"id\":\"b\",\"text\":\"four\"}\n";

    #[test]
    fn a_compressed_source_is_read_from_its_copy_under_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut sources = sources_of(&dir, "c.jsonl.gz", &gz(LINES.as_bytes()));
        assert_eq!(sources[0].kind, SourceKind::JsonlGz);
        let report = keep_decompressed_copies(&mut sources, &|_| {});
        assert_eq!(report.copied, 1);
        assert_eq!(report.bytes, LINES.len() as u64);
        let s = &sources[0];
        assert_eq!(s.kind, SourceKind::Jsonl);
        assert!(s.name.ends_with("c.jsonl.gz"), "{}", s.name);
        let mut read = Vec::new();
        s.open().unwrap().read_to_end(&mut read).unwrap();
        assert_eq!(read, LINES.as_bytes(), "the stream is the copy's bytes");
        let second = "{\"id\":\"b\"";
        let mut at = vec![0u8; second.len()];
        let file = s.positional_file().unwrap();
        let offset = LINES.find(second).unwrap() as u64;
        crate::corpus::fetch::read_exact_at(&file, &mut at, offset).unwrap();
        assert_eq!(at, second.as_bytes());
    }

    /// Two readers of one copy at once each read it whole: they share its
    /// handle, not a position.
    #[test]
    fn readers_of_one_copy_keep_their_own_places() {
        let dir = tempfile::tempdir().unwrap();
        let zst = zstd::encode_all(LINES.as_bytes(), 1).unwrap();
        let mut sources = sources_of(&dir, "c.jsonl.zst", &zst);
        keep_decompressed_copies(&mut sources, &|_| {});
        let (mut a, mut b) = (sources[0].open().unwrap(), sources[0].open().unwrap());
        let (mut first, mut second) = (vec![0u8; 10], Vec::new());
        a.read_exact(&mut first).unwrap();
        b.read_to_end(&mut second).unwrap();
        let mut rest = Vec::new();
        a.read_to_end(&mut rest).unwrap();
        first.extend(rest);
        assert_eq!(first, LINES.as_bytes());
        assert_eq!(second, LINES.as_bytes());
    }

    #[test]
    fn a_source_that_does_not_decompress_stays_compressed_and_nothing_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let whole = gz(LINES.as_bytes());
        let mut sources = sources_of(&dir, "cut.jsonl.gz", &whole[..whole.len() - 12]);
        let path = dir.path().join("cut.jsonl.gz");
        let report = keep_decompressed_copies(&mut sources, &|_| {});
        assert_eq!(report, Unpacked::default());
        assert_eq!(sources[0].kind, SourceKind::JsonlGz);
        assert_eq!(sources[0].path, path);
    }

    #[test]
    fn a_copy_over_the_budget_is_given_back_and_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut sources = sources_of(&dir, "c.jsonl.gz", &gz(LINES.as_bytes()));
        let budget = AtomicU64::new(LINES.len() as u64 - 1);
        let outcome = unpack(&mut sources[0], &budget, &|_| {});
        assert!(matches!(outcome, Err(NotKept::OverBudget)));
        assert_eq!(budget.load(Ordering::Relaxed), LINES.len() as u64 - 1);
        assert_eq!(sources[0].kind, SourceKind::JsonlGz);
    }
}
