//! `neardup components`: every group's verified pairs to clusters, written
//! by `cluster`'s writers, and to the clusters file that `neardup apply`
//! copies the corpus by ([`super::clusters`]).

use super::*;
use neardup::cluster::Clustering;
use neardup::corpus::ReadBack;
use neardup::signing::DocInfo;
use neardup::spin::spin_candidates;
use neardup::stages::components::VerifiedPairs;
use neardup::stages::parts::{cluster_parts, PairSpill, PartPlan};
use neardup::verify::Edge;

/// Arguments of `neardup components`.
#[derive(Args, Debug)]
pub struct ComponentsArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// The stage directory `neardup sign` and `neardup pairs` wrote.
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
    /// Verified pairs held in memory at once (about 48 bytes each). With
    /// more, the connected components are clustered in parts, each part's
    /// pairs waiting in a temporary file (in TMPDIR) until its turn: the
    /// same clusters, read twice from the pairs files.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 50_000_000,
        help_heading = "Stages"
    )]
    pub max_pairs_in_memory: u64,
}

/// The outcome of a staged run, for `cluster`'s writers: the signed
/// documents, the records the shards skipped (in input order, then the
/// repeated ids, as one command logs them; `skipped` holds this run's
/// unreadable inputs already), and the clusters of every group's verified
/// pairs. The clusters file is written on the way.
fn staged_outcome(
    dir: &StageDir,
    sources: &[Source],
    mut skipped: SkipLog,
    params: &Params,
    bars: &Bars,
    max_pairs: u64,
) -> Result<Outcome, CliError> {
    let l = load(dir, params, sources, Tables::Aside)?;
    let shards = l.manifest.shards;
    let mut records = Vec::new();
    let mut stats = RunStats::default();
    for i in 0..shards {
        files::read_skipped(&dir.skipped(i, shards), &mut records)?;
        let c: Option<counts::ShardCounts> = counts::read_json(&dir.counts(i, shards))?;
        c.unwrap_or_default().add_to(&mut stats);
    }
    let sample: Option<counts::SampleCounts> = counts::read_json(&dir.sample_counts())?;
    sample.unwrap_or_default().set_in(&mut stats);
    records.retain(|s| s.location.is_some());
    records.sort_by_key(|s| s.location.map(|l| (l.source, l.line)));
    records.iter().for_each(|s| skipped.push(s.clone()));
    l.duplicates.iter().for_each(|s| skipped.push(s.clone()));
    let mut paths = Vec::new();
    for g in 0..l.manifest.band_groups {
        let path = dir.pairs(g);
        if !path.exists() {
            return Err(CliError::input(format!(
                "band group {g} is not verified yet ({} is missing): run `neardup pairs`",
                path.display()
            )));
        }
        paths.push(path);
    }
    let pair_rows = paths
        .iter()
        .map(|p| files::row_count(p))
        .sum::<Result<u64, _>>()?;
    // No LSH counters: `pairs` reported those, group by group.
    stats.records = l.corpus.docs.len() as u64 + skipped.records();
    let read = SourceTexts::new(sources, &params.fields);
    let (words, spin) = l.aside.expect("components loads its tables aside");
    stats.signature_bytes_aside =
        words.bytes_aside() + spin.as_ref().map_or(0, |s| s.rows.bytes_aside());
    let (clustering, pairs, docs) = if pair_rows > max_pairs {
        let at = (
            &read as &dyn ReadBack,
            &l.boilerplate,
            params,
            bars as &dyn Progress,
        );
        let spilled = Spilled {
            paths: &paths,
            index: &l.index,
            rows: pair_rows,
            max_pairs,
        };
        cluster_spilled(l.corpus, words, spin, spilled, at, &mut stats)?
    } else {
        // A pair found in several groups is in each group's file: the pairs
        // are put in one order, each once, a group at a time, so that memory
        // holds the distinct pairs and one group's, not every group's copies.
        let mut edges = Vec::new();
        for path in &paths {
            let mut keyed = Vec::new();
            files::read_pairs(path, &mut keyed)?;
            edges.extend(keyed.iter().filter_map(|p| p.edge(&l.index)));
            drop(keyed);
            canonical_pairs(&mut edges);
        }
        // The room the groups' copies needed is not needed any more.
        edges.shrink_to_fit();
        cluster_verified_owned(
            l.corpus,
            Some(words),
            spin,
            edges,
            &read,
            &l.boilerplate,
            params,
            &mut stats,
            bars,
        )
    };
    // Before the clusters file: a run on a changed input writes nothing.
    let read_back_failures = read.failures();
    super::super::read_back::check(&read_back_failures, sources)?;
    let decided = dedup::decide_repeats(
        &docs,
        &clustering,
        &l.duplicates,
        &records,
        sources,
        params.max_record_bytes,
    )?;
    drop(records);
    clusters::write(dir, l.manifest.band_groups, &docs, &clustering, &decided)?;
    Ok(Outcome {
        docs,
        clustering,
        skipped,
        stats,
        boilerplate: l.boilerplate,
        pairs,
        read_back_failures,
    })
}

/// Where the verified pairs are, and how many may be held at once.
struct Spilled<'a> {
    paths: &'a [PathBuf],
    index: &'a KeyIndex,
    rows: u64,
    max_pairs: u64,
}

impl Spilled<'_> {
    /// Every verified pair of every group's file, a batch at a time (a
    /// pair verified in several groups comes once from each).
    fn each_pair(&self, mut f: impl FnMut(Edge)) -> Result<(), CliError> {
        for path in self.paths {
            files::each_pair_batch(path, |batch| {
                batch
                    .iter()
                    .filter_map(|p| p.edge(self.index))
                    .for_each(&mut f);
                Ok(())
            })?;
        }
        Ok(())
    }
}

/// Clusters in parts ([`neardup::stages::parts`]): the pairs files are read
/// twice, once for the connected components and once to put each pair in
/// its part's temporary file, and each part is clustered alone.
fn cluster_spilled(
    corpus: SignedCorpus,
    words: SignatureRows<'static>,
    spin: Option<SpinAside>,
    s: Spilled,
    at: (&dyn ReadBack, &Boilerplate, &Params, &dyn Progress),
    stats: &mut RunStats,
) -> Result<(Clustering, VerifiedPairs, Vec<DocInfo>), CliError> {
    let params = at.2;
    let planning = std::time::Instant::now();
    let docs = corpus.docs;
    let spin_sigs = match spin {
        Some(SpinAside { rows, order }) => rows.load(&order),
        None => corpus.spin_signatures,
    };
    let candidates = spin_candidates(params, &docs, &spin_sigs);
    // Parts of about half the pairs allowed, at the corpus's pairs a document.
    let n = docs.len();
    let max_docs = (n as f64 * (s.max_pairs as f64 / 2.0) / s.rows.max(1) as f64).ceil() as usize;
    let mut plan = PartPlan::new(n);
    s.each_pair(|e| plan.join(e.a, e.b))?;
    candidates.iter().for_each(|&(a, b)| plan.join(a, b));
    let parts = plan.into_parts(max_docs);
    let temp = |e: std::io::Error| CliError::io("a temporary file for verified pairs", e);
    let mut spill = PairSpill::new(parts.count).map_err(temp)?;
    s.each_pair(|e| spill.push(parts.part_of[e.a as usize], &e))?;
    stats.parts = parts.count;
    stats.pair_bytes_aside = spill.bytes();
    // The spin candidates, the components and the spill, before any part.
    stats.stages.push(("parts", planning.elapsed()));
    let (clustering, pairs) = cluster_parts(
        &docs,
        &words,
        &spin_sigs,
        &parts,
        spill.into_parts().map_err(temp)?,
        candidates,
        at,
        stats,
    )
    .map_err(temp)?;
    Ok((clustering, pairs, docs))
}

pub fn components(args: ComponentsArgs) -> Result<ExitCode, CliError> {
    no_stdin(&args.cluster.corpus)?;
    let dir = StageDir(args.stage.clone());
    let max_pairs = args.max_pairs_in_memory;
    cluster::run_with(args.cluster, &|sources, skipped, params, bars| {
        staged_outcome(&dir, sources, skipped, params, bars, max_pairs)
    })
}
