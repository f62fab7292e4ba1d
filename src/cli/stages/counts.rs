//! The counters a one-command run reports that only `sign` sees (bytes
//! read, ids made up from the place, dates not understood, the boilerplate
//! sample), kept beside the stage files so that `components` and `apply`
//! report them as `cluster` and `dedup` do: `DIR/counts/part-I-of-N.json`
//! per shard and `DIR/boilerplate.json` for the sample. The JSON files of
//! a stage directory (these and the manifest) are written and read here.

use crate::cli::output_file::{commit_all, OutputFile};
use crate::cli::CliError;
use neardup::pipeline::RunStats;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// What one shard's signing pass counted.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ShardCounts {
    /// Input bytes read (decompressed).
    pub bytes: u64,
    /// Records whose id came from file and line.
    pub ids_from_location: u64,
    /// Records whose date could not be parsed.
    pub bad_dates: u64,
    /// Documents that had boilerplate left out.
    pub docs_with_boilerplate: u64,
}

/// What the boilerplate sample found.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SampleCounts {
    /// Boilerplate shingles.
    pub shingles: usize,
    /// Documents in the sample.
    pub sample_docs: usize,
    /// Pages small sites and frames added to it.
    #[serde(default)]
    pub site_sample_docs: usize,
    /// Sampled pages whose frame's chrome was learned.
    #[serde(default)]
    pub frame_pages: usize,
    /// The document frequency at which a shingle counted as boilerplate.
    pub min_df: usize,
    /// Pages of one site at which a shingle counted as that site's.
    pub site_min_df: usize,
    /// ... and share of the site's sampled pages.
    #[serde(default)]
    pub site_min_share: f64,
}

impl ShardCounts {
    /// Adds these counts to `stats`.
    pub fn add_to(&self, stats: &mut RunStats) {
        stats.bytes += self.bytes;
        stats.ids_from_location += self.ids_from_location;
        stats.bad_dates += self.bad_dates;
        stats.docs_with_boilerplate += self.docs_with_boilerplate;
    }
}

impl SampleCounts {
    /// Puts these counts in `stats`.
    pub fn set_in(&self, stats: &mut RunStats) {
        stats.boilerplate_shingles = self.shingles;
        stats.boilerplate_sample = self.sample_docs;
        stats.boilerplate_site_sample = self.site_sample_docs;
        stats.boilerplate_frame_pages = self.frame_pages;
        stats.boilerplate_min_df = self.min_df;
        stats.boilerplate_site_min_df = self.site_min_df;
        stats.boilerplate_site_min_share = self.site_min_share;
    }
}

/// Writes `value` to `path` as JSON, whole or not at all.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), CliError> {
    let mut f = OutputFile::create("--stage", path)?;
    serde_json::to_writer_pretty(&mut f, value)
        .map_err(std::io::Error::from)
        .and_then(|_| writeln!(f))
        .map_err(|e| f.error(e))?;
    commit_all([f])
}

/// Reads `path` (None when there is no such file).
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, CliError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(CliError::io(&format!("reading {}", path.display()), e)),
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| CliError::input(format!("{}: {e}", path.display())))
}
