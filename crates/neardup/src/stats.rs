//! What a run counts and how long each stage takes, and the progress
//! callbacks: shared by the one-command pipeline ([`crate::pipeline`]) and
//! the staged one ([`crate::stages`]), so that both report alike.

use crate::lsh::LshParams;
use crate::spin::SpinStats;
use std::time::{Duration, Instant};

/// Counters and timings of a run.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct RunStats {
    /// Input bytes read (decompressed).
    pub bytes: u64,
    /// Records seen (clustered + skipped, not counting unreadable inputs).
    pub records: u64,
    /// Records whose id came from file and line.
    pub ids_from_location: u64,
    /// Records whose date field could not be parsed (treated as unknown).
    pub bad_dates: u64,
    /// Boilerplate shingles found, the sample size and the df cut-off.
    pub boilerplate_shingles: usize,
    /// Documents in the boilerplate sample.
    pub boilerplate_sample: usize,
    /// Pages small sites and frames added to the sample.
    pub boilerplate_site_sample: usize,
    /// Sampled pages without a site whose frame's chrome was learned
    /// ([`crate::frames`]).
    pub boilerplate_frame_pages: usize,
    /// Document frequency at which a shingle counted as boilerplate.
    pub boilerplate_min_df: usize,
    /// Pages of one site at which a shingle counted as that site's boilerplate.
    pub boilerplate_site_min_df: usize,
    /// ... and share of the site's sampled pages.
    pub boilerplate_site_min_share: f64,
    /// Documents that had boilerplate shingles left out.
    pub docs_with_boilerplate: u64,
    /// LSH bands × rows used.
    pub lsh: Option<LshParams>,
    /// Candidate pairs from LSH.
    pub candidate_pairs: u64,
    /// Pairs that passed verification.
    pub verified_pairs: u64,
    /// Pairs whose estimates were near a threshold, re-read and counted
    /// exactly.
    pub rechecked_pairs: u64,
    /// Pairs the LSH did not propose, found two steps apart in the verified
    /// pairs and clearly matching on their signatures
    /// ([`crate::stages::components`]).
    pub closed_pairs: u64,
    /// The spin view's counters (None when it is off).
    pub spin: Option<SpinStats>,
    /// Bytes of word signatures put aside in a temporary file during the
    /// spin view ([`crate::spill`]).
    pub signature_bytes_aside: u64,
    /// Bytes of decompressed copies of compressed sources the run read
    /// instead of the sources (`corpus::keep_decompressed_copies`; set by
    /// the program that made them).
    pub unpacked_bytes: u64,
    /// Parts the verified pairs were clustered in, each from its own
    /// temporary file ([`crate::stages::parts`]); 0 when all at once.
    pub parts: usize,
    /// Bytes of verified pairs those temporary files held.
    pub pair_bytes_aside: u64,
    /// Named stage durations, in order.
    pub stages: Vec<(&'static str, Duration)>,
}

impl RunStats {
    /// Total time of all stages.
    pub fn total_time(&self) -> Duration {
        self.stages.iter().map(|s| s.1).sum()
    }
}

/// Progress callbacks for long runs (a no-op by default).
pub trait Progress: Sync {
    /// A stage begins; `total_bytes` is known for uncompressed inputs.
    fn stage(&self, _name: &'static str, _total_bytes: Option<u64>) {}
    /// Bytes consumed within the current stage.
    fn advance(&self, _bytes: u64) {}
    /// The current stage ended.
    fn finish_stage(&self) {}
}

/// No progress output.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Runs `f`, recording its time as the stage `name`.
pub(crate) fn timed<T>(stats: &mut RunStats, name: &'static str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    stats.stages.push((name, t.elapsed()));
    out
}
