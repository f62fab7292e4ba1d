//! `neardup pairs`: the band rows of a group to verified pairs, a group at
//! a time, skipping the groups already verified.

use super::*;
use neardup::lsh::merge_distinct;

/// Arguments of `neardup pairs`.
#[derive(Args, Debug)]
pub struct PairsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The stage directory `neardup sign` wrote.
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
    /// Verify only this band group (0-based; default: every group not done).
    #[arg(long, value_name = "G", help_heading = "Stages")]
    pub band_group: Option<u32>,
}

pub fn pairs(args: PairsArgs) -> Result<ExitCode, CliError> {
    let dir = StageDir(args.stage.clone());
    let (params, sources, _) = sources_of(&args.corpus, &dir.0, false)?;
    let l = load(&dir, &params, &sources, Tables::Words)?;
    let (groups, shards) = (l.manifest.band_groups, l.manifest.shards);
    let todo: Vec<u32> = match args.band_group {
        Some(g) if g >= groups => {
            return Err(CliError::input(format!(
                "--band-group {g}: the directory has groups 0 to {}",
                groups - 1
            )))
        }
        Some(g) => vec![g],
        None => (0..groups).collect(),
    };
    let read = SourceTexts::new(&sources, &params.fields);
    // Exact counts shared by the groups of this call: each borderline pair
    // is re-read once, whichever groups find it.
    let mut counted = CountedPairs::default();
    for g in todo {
        let out = dir.pairs(g);
        if out.exists() {
            if !args.corpus.quiet {
                eprintln!(
                    "neardup: band group {g} is verified already ({})",
                    out.display()
                );
            }
            continue;
        }
        // As many bands at a time as there are threads (each bucketed on
        // one): those bands' rows are held, not the group's.
        let bands: Vec<u32> = (0..params.lsh().bands as u32)
            .filter(|b| b % groups == g)
            .collect();
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        for some in bands.chunks(rayon::current_num_threads().max(1)) {
            let mut rows = Vec::new();
            for i in 0..shards {
                files::read_bands_of(&dir.bands(g, i, shards), some, &mut rows)?;
            }
            let found = candidate_pairs_of_bands(&rows, &l.corpus, &l.index, &params);
            candidates = merge_distinct(candidates, found);
        }
        let mut stats = RunStats::default();
        let edges = verify_candidates(
            &candidates,
            &l.corpus,
            &read,
            &l.boilerplate,
            &params,
            &mut stats,
            Some(&mut counted),
        );
        super::super::read_back::check(&read.failures(), &sources)?;
        let keyed: Vec<KeyedPair> = edges.iter().map(|e| KeyedPair::of(e, &l.index)).collect();
        StageDir::make_parent(&out)?;
        files::write_pairs(&out, &keyed)?;
        if !args.corpus.quiet {
            eprintln!(
                "neardup: band group {g}: {} candidate pairs, {} verified ({} re-read)",
                stats.candidate_pairs, stats.verified_pairs, stats.rechecked_pairs
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
