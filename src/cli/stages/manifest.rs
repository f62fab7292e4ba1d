//! `DIR/manifest.json`: what a stage directory was made from (the settings
//! that change its files, the sources, the shard and band-group counts).
//! `sign` writes it once; every later run on the directory (another shard,
//! `pairs`, `components`) compares its own with it and refuses a mismatch
//! by name, since files made under other settings would be mixed silently.

use neardup::corpus::Source;
use neardup::params::Params;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The manifest's format tag.
/// 7: pages without a site top the sample up by their frame key, and a
/// text most of its pages are made of is not corpus-wide boilerplate: a
/// directory signed before holds another set.
/// 6: pages without a site leave out their frame's chrome
/// (`neardup::frames`): a directory signed before holds another set.
/// 5: the top-up's budget is a share of the text, and whole sites take
/// what it leaves.
/// 4: small sites add pages to the boilerplate sample
/// (`site_sample_pages`): a directory signed before holds another set.
/// 3: the boilerplate set follows the site share rule (`site_min_share`):
/// a directory signed before holds another set, so its clusters would not
/// be the one-command run's.
/// 2: shards are runs of consecutive sources, `components` writes
/// `clusters.parquet`, and signatures hold 16-bit bins (1: the sources whose
/// index is I modulo N, 32-bit bins).
const FORMAT: &str = "neardup-stages-7";

/// What a stage directory was made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    /// Every setting that changes the stage files, by name (as
    /// `Debug`-formatted values: compared, not parsed).
    pub settings: BTreeMap<String, String>,
    /// The sources in order: name and size in bytes (a document key holds
    /// its source's index, so the list must not change).
    pub sources: Vec<(String, u64)>,
    /// Number of sign shards (`--shard I/N`).
    pub shards: u32,
    /// Number of band groups the band rows are split into.
    pub band_groups: u32,
}

impl Manifest {
    /// The manifest of a run with these settings and sources.
    pub fn new(params: &Params, sources: &[Source], shards: u32, band_groups: u32) -> Self {
        let mut s = BTreeMap::new();
        let mut set = |name: &str, v: String| {
            s.insert(name.to_string(), v);
        };
        let p = params;
        let lsh = p.lsh();
        set("num_perm", p.num_perm.to_string());
        set("seed", p.seed.to_string());
        set("shingle_size", p.shingle_size.to_string());
        set("char_shingle_size", p.char_shingle_size.to_string());
        set("min_words", p.min_words.to_string());
        set("min_chars", p.min_chars.to_string());
        set("max_df", p.max_df.to_string());
        set("min_df_count", p.min_df_count.to_string());
        set("site_min_share", p.site_min_share.to_string());
        set("site_min_df", p.site_min_df.to_string());
        set("df_sample_bytes", p.df_sample_bytes.to_string());
        set("site_sample_pages", p.site_sample_pages.to_string());
        set("site_sample_bytes", p.site_sample_bytes.to_string());
        set("site_sample_share", p.site_sample_share.to_string());
        set("min_kept_share", p.min_kept_share.to_string());
        set("min_kept_shingles", p.min_kept_shingles.to_string());
        set("fields", format!("{:?}", p.fields));
        set("input_format", format!("{:?}", p.input_format));
        set("max_record_bytes", p.max_record_bytes.to_string());
        set("spin", format!("{:?}", p.spin));
        set("max_align_bytes", p.max_align_bytes.to_string());
        set("lsh", format!("{} bands x {} rows", lsh.bands, lsh.rows));
        set("threshold", p.threshold.to_string());
        set("containment", p.containment.to_string());
        set("excerpts", p.excerpts.to_string());
        set("min_excerpt_share", p.min_excerpt_share.to_string());
        set("min_matching_bins", p.min_matching_bins.to_string());
        set("references", format!("{:?}", p.references));
        Manifest {
            format: FORMAT.into(),
            settings: s,
            sources: sources.iter().map(|s| (s.name.clone(), s.size)).collect(),
            shards,
            band_groups,
        }
    }

    /// The first setting whose value differs between the directory's
    /// manifest (`self`) and this run's: its name and the directory's value.
    pub fn differing_setting(&self, run: &Manifest) -> Option<(&str, &str)> {
        if self.format != run.format {
            return None;
        }
        // `lsh` is derived from `num_perm` and `lsh_threshold` (or the
        // bands and rows given): a setting the user gave is named before it.
        self.settings
            .iter()
            .filter(|(name, theirs)| run.settings.get(*name) != Some(*theirs))
            .min_by_key(|(name, _)| *name == "lsh")
            .map(|(name, theirs)| (name.as_str(), theirs.as_str()))
    }

    /// The first difference between the directory's manifest (`self`) and
    /// this run's, said for the user; None when they agree. `shards` and
    /// `band_groups` of 0 in `run` mean "whatever the directory has".
    pub fn mismatch(&self, run: &Manifest) -> Option<String> {
        if self.format != run.format {
            return Some(format!(
                "it is in format {}, this is {}",
                self.format, run.format
            ));
        }
        if let Some((name, theirs)) = self.differing_setting(run) {
            let ours = run.settings.get(name).map_or("(none)", String::as_str);
            return Some(format!(
                "it was made with {name} = {theirs}, this run has {ours}"
            ));
        }
        if self.sources != run.sources {
            let first = self
                .sources
                .iter()
                .zip(&run.sources)
                .position(|(a, b)| a != b)
                .unwrap_or(self.sources.len().min(run.sources.len()));
            let show = |l: &[(String, u64)]| {
                l.get(first)
                    .map_or("nothing".to_string(), |(n, s)| format!("{n} ({s} bytes)"))
            };
            return Some(format!(
                "its source {} is {}, this run's is {} (the inputs must be the same files, listed alike)",
                first + 1,
                show(&self.sources),
                show(&run.sources)
            ));
        }
        for (what, theirs, ours) in [
            ("shards", self.shards, run.shards),
            ("band groups", self.band_groups, run.band_groups),
        ] {
            if ours != 0 && ours != theirs {
                return Some(format!("it has {theirs} {what}, this run asks for {ours}"));
            }
        }
        None
    }
}
