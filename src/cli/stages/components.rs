//! `neardup components`: every group's verified pairs to clusters, written
//! by `cluster`'s writers, and to the clusters file that `neardup apply`
//! copies the corpus by ([`super::clusters`]).

use super::*;

/// Arguments of `neardup components`.
#[derive(Args, Debug)]
pub struct ComponentsArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// The stage directory `neardup sign` and `neardup pairs` wrote.
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
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
    // A pair found in several groups is in each group's file: the pairs
    // are put in one order, each once, a group at a time, so that memory
    // holds the distinct pairs and one group's, not every group's copies.
    let mut edges = Vec::new();
    for g in 0..l.manifest.band_groups {
        let path = dir.pairs(g);
        if !path.exists() {
            return Err(CliError::input(format!(
                "band group {g} is not verified yet ({} is missing): run `neardup pairs`",
                path.display()
            )));
        }
        let mut keyed = Vec::new();
        files::read_pairs(&path, &mut keyed)?;
        edges.extend(keyed.iter().filter_map(|p| p.edge(&l.index)));
        drop(keyed);
        canonical_pairs(&mut edges);
    }
    // The room the groups' copies needed is not needed any more.
    edges.shrink_to_fit();
    // No LSH counters: `pairs` reported those, group by group.
    stats.records = l.corpus.docs.len() as u64 + skipped.records();
    let read = SourceTexts::new(sources, &params.fields);
    let (words, spin) = l.aside.expect("components loads its tables aside");
    stats.signature_bytes_aside =
        words.bytes_aside() + spin.as_ref().map_or(0, |s| s.rows.bytes_aside());
    let (clustering, pairs, docs) = cluster_verified_owned(
        l.corpus,
        Some(words),
        spin,
        edges,
        &read,
        params,
        &mut stats,
        bars,
    );
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

pub fn components(args: ComponentsArgs) -> Result<ExitCode, CliError> {
    no_stdin(&args.cluster.corpus)?;
    let dir = StageDir(args.stage.clone());
    cluster::run_with(args.cluster, &|sources, skipped, params, bars| {
        staged_outcome(&dir, sources, skipped, params, bars)
    })
}
