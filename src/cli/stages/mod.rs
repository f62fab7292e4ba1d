//! `neardup sign`, `pairs`, `components` and `apply`: the staged pipeline, one
//! command per stage of [`neardup::stages`], each a thin wrapper that reads
//! and writes the stage directory (layout and schemas in docs/output.md):
//!
//! ```text
//! DIR/manifest.json                          settings, sources, shard and group counts
//! DIR/boilerplate.bin                        the boilerplate set (u64 little-endian, sorted)
//! DIR/boilerplate.json                       what the boilerplate sample found
//! DIR/docs/part-I-of-N.parquet               signed documents of shard I
//! DIR/skipped/part-I-of-N.parquet            records shard I did not sign, and why
//! DIR/counts/part-I-of-N.json                what shard I's signing pass counted
//! DIR/bands/group-G/part-I-of-N.parquet      band rows of group G from shard I
//! DIR/pairs/group-G.parquet                  verified pairs of band group G
//! DIR/clusters.parquet                       what a copy does with each record
//! ```
//!
//! Every stage takes the inputs and settings of the run again (it reads
//! texts back, and a mismatch with the manifest is refused), writes each
//! file whole under a temporary name and renames it into place, and skips
//! the files already in place: a killed stage is run again and does only
//! what is missing. `components` writes what `neardup cluster` writes, and
//! the clusters file; `apply` copies the inputs by that file, a shard of
//! the sources at a time, and writes what `neardup dedup` writes of them.

mod apply;
mod clusters;
mod components;
mod counts;
mod files;
mod manifest;
mod pairs;
mod sign;

pub use apply::{apply, ApplyArgs};
pub use components::{components, ComponentsArgs};
pub use pairs::{pairs, PairsArgs};
pub use sign::{sign, SignArgs};

use super::args::CorpusArgs;
use super::cluster::{self, ClusterArgs};
use super::dedup::{self, DedupArgs};
use super::output_file::{commit_all, OutputFile, Outputs};
use super::progress::Bars;
use super::{summary, CliError};
use clap::Args;
use manifest::Manifest;
use neardup::boilerplate::sample_boilerplate;
use neardup::corpus::{SkipLog, Skipped, Source, SourceTexts};
use neardup::exact::CountedPairs;
use neardup::params::Params;
use neardup::pipeline::{sign_corpus, Outcome, Progress, RunStats};
use neardup::shingle::Boilerplate;
use neardup::spill::{RowSink, SignatureRows};
use neardup::stages::order::into_id_order_traced;
use neardup::stages::pairs::KeyedPair;
use neardup::stages::{
    candidate_pairs_of_bands, canonical_pairs, cluster_verified_owned, verify_candidates, KeyIndex,
    SignedCorpus, SpinAside, MAX_SOURCES,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

/// `--shard I/N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// This shard (0-based).
    pub index: u32,
    /// Shards in all.
    pub count: u32,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (i, n) = s.split_once('/').ok_or("expected I/N, such as 0/4")?;
        let (index, count): (u32, u32) = (
            i.parse().map_err(|e| format!("{i}: {e}"))?,
            n.parse().map_err(|e| format!("{n}: {e}"))?,
        );
        if count == 0 || index >= count {
            return Err(format!("{s}: I must be below N (shards are 0 to N-1)"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// This shard's sources out of `n`: the I-th of N runs of consecutive
    /// sources, as even as can be (`sign` and `apply` split the sources
    /// alike). Consecutive, so that the shards' outputs in shard order
    /// are the sources in input order, as one command writes them.
    fn sources(self, n: usize) -> Vec<u32> {
        let at = |i: u32| (i as usize * n / self.count as usize) as u32;
        (at(self.index)..at(self.index + 1)).collect()
    }

    /// `path` for this shard: `.part-I-of-N` (zero-padded, as the stage
    /// files are) before its extension, `kept.jsonl` giving
    /// `kept.part-00001-of-00004.jsonl`, so that the parts list in order.
    fn path(self, path: &Path) -> PathBuf {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let part = part_name(self.index, self.count);
        let name = match name.rfind('.').filter(|&i| i > 0) {
            Some(i) => format!("{}.{part}{}", &name[..i], &name[i..]),
            None => format!("{name}.{part}"),
        };
        path.with_file_name(name)
    }
}

/// Part I of N, zero-padded so that the parts list in order: the name of
/// every per-shard stage file, and what `apply --shard` adds to its outputs.
fn part_name(shard: u32, shards: u32) -> String {
    format!("part-{shard:05}-of-{shards:05}")
}

/// The files of a stage directory.
struct StageDir(PathBuf);

impl StageDir {
    fn manifest(&self) -> PathBuf {
        self.0.join("manifest.json")
    }
    fn boilerplate(&self) -> PathBuf {
        self.0.join("boilerplate.bin")
    }
    /// `DIR/kind/part-I-of-N.ext`.
    fn part(&self, kind: &str, shard: u32, shards: u32, ext: &str) -> PathBuf {
        self.0
            .join(kind)
            .join(format!("{}.{ext}", part_name(shard, shards)))
    }
    fn docs(&self, shard: u32, shards: u32) -> PathBuf {
        self.part("docs", shard, shards, "parquet")
    }
    fn sample_counts(&self) -> PathBuf {
        self.0.join("boilerplate.json")
    }
    fn counts(&self, shard: u32, shards: u32) -> PathBuf {
        self.part("counts", shard, shards, "json")
    }
    fn skipped(&self, shard: u32, shards: u32) -> PathBuf {
        self.part("skipped", shard, shards, "parquet")
    }
    fn bands(&self, group: u32, shard: u32, shards: u32) -> PathBuf {
        self.part(&format!("bands/group-{group:03}"), shard, shards, "parquet")
    }
    fn pairs(&self, group: u32) -> PathBuf {
        self.0
            .join("pairs")
            .join(format!("group-{group:03}.parquet"))
    }
    fn clusters(&self) -> PathBuf {
        self.0.join("clusters.parquet")
    }

    /// Creates the directory of `file`.
    fn make_parent(file: &Path) -> Result<(), CliError> {
        let dir = file.parent().expect("stage files are in a directory");
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::io(&format!("creating {}", dir.display()), e))
    }

    /// The manifest of this directory, checked against this run's; with
    /// `create`, a directory without one gets `run`'s.
    fn agree(&self, run: &Manifest, create: bool) -> Result<Manifest, CliError> {
        let path = self.manifest();
        let dir = self.0.display();
        match counts::read_json::<Manifest>(&path)? {
            Some(m) => match m.mismatch(run) {
                Some(why) => Err(CliError::input(format!(
                    "the stage directory {dir} does not fit this run: {why}{}",
                    m.differing_setting(run)
                        .map(|(name, value)| setting_hint(name, value))
                        .unwrap_or_default()
                ))),
                None => Ok(m),
            },
            None if create => {
                Self::make_parent(&path)?;
                counts::write_json(&path, run)?;
                Ok(run.clone())
            }
            None => Err(CliError::input(format!(
                "{dir} has no manifest.json: run `neardup sign --stage {dir}` first"
            ))),
        }
    }
}

/// The sources and settings of a staged run, with the checks every stage
/// makes: no stdin (each stage reads the inputs again), a stage directory
/// not inside an input (its files would be read as input), keys that fit.
/// With `create` (`sign`), a missing directory is made.
fn sources_of(
    args: &CorpusArgs,
    dir: &Path,
    create: bool,
) -> Result<(Params, Vec<Source>, Vec<Skipped>), CliError> {
    args.init_threads()?;
    no_stdin(args)?;
    if create {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::io(&format!("creating {}", dir.display()), e))?;
    } else if !dir.is_dir() {
        return Err(CliError::input(format!(
            "no stage directory {}: run `neardup sign --stage {}` first",
            dir.display(),
            dir.display()
        )));
    }
    let stage = dir.canonicalize().map_err(|e| CliError::io("--stage", e))?;
    for input in args.read_paths() {
        if input.canonicalize().is_ok_and(|i| stage.starts_with(&i)) {
            return Err(CliError::input(format!(
                "the stage directory {} is inside the input {}: its files would be read as input",
                dir.display(),
                input.display()
            )));
        }
    }
    let mut params = args.params()?;
    let (sources, unreadable) = args.sources(&mut params, &Default::default())?;
    if sources.len() >= MAX_SOURCES {
        return Err(CliError::input(format!(
            "{} sources: a staged run keys at most {MAX_SOURCES}",
            sources.len()
        )));
    }
    Ok((params, sources, unreadable))
}

/// Reads a boilerplate file (None when there is none).
fn read_boilerplate(path: &Path) -> Result<Option<Vec<u64>>, CliError> {
    match std::fs::read(path) {
        Ok(b) if b.len() % 8 == 0 => Ok(Some(
            b.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect(),
        )),
        Ok(_) => Err(CliError::input(format!(
            "{}: not a boilerplate file (a multiple of 8 bytes)",
            path.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CliError::io(&format!("reading {}", path.display()), e)),
    }
}

/// What `pairs` and `components` read of a stage directory: the signed
/// documents of every shard in id order (repeated ids settled as in the
/// one-command run), their keys, the boilerplate set.
struct Loaded {
    manifest: Manifest,
    corpus: SignedCorpus,
    index: KeyIndex,
    boilerplate: Boilerplate,
    duplicates: Vec<Skipped>,
    /// With [`Tables::Aside`]: the word signatures and the spin view's,
    /// waiting in temporary files (the corpus then holds neither).
    aside: Option<(SignatureRows<'static>, Option<SpinAside>)>,
}

/// Which signature tables a stage loads, and where.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tables {
    /// The word signatures, in memory (`pairs` estimates every candidate).
    Words,
    /// Both tables, each to a temporary file as it is read (`components`
    /// reads the rows of a few pairs, and the spin table only once the
    /// stars are built): the peak then holds the documents, not the tables.
    Aside,
}

/// Loads the stage directory's documents in id order, with the signature
/// tables `tables` says.
fn load(
    dir: &StageDir,
    params: &Params,
    sources: &[Source],
    tables: Tables,
) -> Result<Loaded, CliError> {
    let manifest = dir.agree(&Manifest::new(params, sources, 0, 0), false)?;
    let k = params.num_perm;
    let spin_k = params.spin.as_ref().map_or(0, |s| s.num_perm);
    let aside = tables == Tables::Aside;
    let spin_sink = || (spin_k > 0).then(|| RowSink::new(spin_k));
    let mut sinks = aside.then(|| (RowSink::new(k), spin_sink()));
    let mut corpus = SignedCorpus::default();
    for i in 0..manifest.shards {
        let path = dir.docs(i, manifest.shards);
        if !path.exists() {
            return Err(CliError::input(format!(
                "shard {i}/{} is not signed yet ({} is missing): run `neardup sign --shard {i}/{}`",
                manifest.shards,
                path.display(),
                manifest.shards
            )));
        }
        files::read_docs(&path, &mut corpus, (k, spin_k), aside, |c| {
            if let Some((words, spin)) = sinks.as_mut() {
                c.signatures.chunks_exact(k).for_each(|r| words.push(r));
                c.signatures.clear();
                if let Some(spin) = spin {
                    let rows = c.spin_signatures.chunks_exact(spin_k);
                    rows.for_each(|r| spin.push(r));
                }
                c.spin_signatures.clear();
            }
        })?;
    }
    if aside {
        // The batch buffers the tables passed through, and the documents'
        // growth room: held to the end of the run otherwise.
        corpus.signatures = Vec::new();
        corpus.spin_signatures = Vec::new();
        corpus.docs.shrink_to_fit();
    }
    let name = |s: u32| sources[s as usize].name.clone();
    let (corpus, duplicates, order) = into_id_order_traced(corpus, params, &name);
    let aside = sinks.map(|(words, spin)| {
        let spin = spin.map(|spin| SpinAside {
            rows: spin.finish(),
            order: order.clone(),
        });
        (words.finish().into_rows(Some(order)), spin)
    });
    let index = KeyIndex::new(&corpus.docs);
    let boilerplate = Boilerplate::new(read_boilerplate(&dir.boilerplate())?.unwrap_or_default());
    Ok(Loaded {
        manifest,
        corpus,
        index,
        boilerplate,
        duplicates,
        aside,
    })
}

/// What to add to a later stage's command line for a setting `sign` was
/// given otherwise: the flag of the same name, when there is one.
fn setting_hint(name: &str, value: &str) -> String {
    use clap::CommandFactory;
    let flag = name.replace('_', "-");
    let known = crate::cli::Cli::command()
        .find_subcommand("pairs")
        .is_some_and(|c| {
            c.get_arguments()
                .any(|a| a.get_long() == Some(flag.as_str()))
        });
    let what = if known {
        format!("here --{flag} {value}")
    } else {
        format!("{name} comes from the flags that set it")
    };
    format!(" (every stage must be given the settings `neardup sign` had: {what})")
}

/// Refuses stdin, which a staged run cannot read again.
fn no_stdin(args: &CorpusArgs) -> Result<(), CliError> {
    if args.inputs.iter().any(|p| p.as_os_str() == "-") {
        return Err(CliError::input(
            "a staged run cannot read stdin: every stage reads the inputs again",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shard_path_has_its_part_before_the_extension() {
        let s = Shard { index: 1, count: 4 };
        let p = |x: &str| s.path(Path::new(x));
        assert_eq!(
            p("out/kept.jsonl"),
            Path::new("out/kept.part-00001-of-00004.jsonl")
        );
        assert_eq!(
            p("kept.dropped.jsonl"),
            Path::new("kept.dropped.part-00001-of-00004.jsonl")
        );
        assert_eq!(p("kept"), Path::new("kept.part-00001-of-00004"));
        assert_eq!(p(".kept"), Path::new(".kept.part-00001-of-00004"));
        assert_eq!(s.sources(7), vec![1, 2]);
        let all: Vec<u32> = (0..4)
            .flat_map(|index| Shard { index, count: 4 }.sources(6))
            .collect();
        assert_eq!(
            all,
            (0..6).collect::<Vec<_>>(),
            "every source once, in order"
        );
        assert_eq!(s.sources(3), vec![0], "fewer sources than shards");
    }
}
