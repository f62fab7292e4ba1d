//! `neardup apply`: the inputs and the clusters file to the deduplicated
//! corpus, shard by shard.
//!
//! `--shard I/N` copies the sources `neardup sign --shard I/N` signs (the
//! I-th of N runs of consecutive sources), in order, to OUTPUT with
//! `.part-I-of-N` before its extension (and so its dropped and skipped
//! lists); without it, every source goes to OUTPUT itself. It holds only its sources' rows of the
//! clusters file ([`super::clusters`]) and their skipped records, and
//! copies with `dedup`'s copy pass ([`crate::cli::dedup`]), whose fates it
//! reads from those rows instead of deciding them: so each shard writes
//! what `dedup` writes of its sources, and the shards' outputs, in source
//! order, are `dedup`'s output.

use super::clusters::{self, loc_of};
use super::*;
use crate::cli::dedup::{
    account, check_formats, copy_records, dropped_path, place, write_dropped, DroppedLine, Fate,
    Fates, Kept, Loc, RepeatedId, Tally,
};
use neardup::cluster::Relation;
use neardup::corpus::{Location, SkipReason};
use neardup::stages::components::DUPLICATE_ID;
use neardup::stages::ClusterRow;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// Arguments of `neardup apply`.
#[derive(Args, Debug)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub dedup: DedupArgs,
    /// The stage directory `neardup components` completed.
    #[arg(long, value_name = "DIR", help_heading = "Stages")]
    pub stage: PathBuf,
    /// Copy only the I-th of N runs of consecutive sources (0-based), as
    /// `neardup sign --shard I/N` signs them, to OUTPUT with
    /// `.part-I-of-N` before its extension (`kept.jsonl` gives
    /// `kept.part-00001-of-00004.jsonl`); the dropped and skipped lists
    /// are named alike.
    #[arg(long, value_name = "I/N", help_heading = "Stages")]
    pub shard: Option<Shard>,
}

/// The fates of one shard's records, from its rows of the clusters file.
struct ShardFates {
    /// Signed documents a copy keeps, with their record length as signed.
    kept: HashMap<Loc, Option<u64>>,
    /// Every other record with a row: dropped members, repeated ids,
    /// byte-identical repeats.
    rows: HashMap<Loc, ClusterRow>,
    /// Records of each source the run met (the signed ones, until the
    /// skipped ones are added).
    expected: HashMap<u32, u64>,
}

impl ShardFates {
    /// Sorts `rows` into kept documents and the rest (spun members kept
    /// with `keep_spun`), counting the records of each source.
    fn new(rows: Vec<ClusterRow>, keep_spun: bool) -> Self {
        let mut f = ShardFates {
            kept: HashMap::new(),
            rows: HashMap::new(),
            expected: HashMap::new(),
        };
        let spun = Relation::Spun.as_str();
        for r in rows {
            let at = loc_of(r.key);
            // The records not signed are counted with the skipped ones.
            *f.expected.entry(at.0).or_default() += u64::from(r.signed);
            if r.signed && (r.kept || (keep_spun && r.relation == spun)) {
                f.kept.insert(at, r.len);
            } else {
                f.rows.insert(at, r);
            }
        }
        f
    }

    /// Counts the skipped records of the sources `which` with the records
    /// the copy pass must meet.
    fn count_skipped(&mut self, skipped: &SkipLog, which: &[u32]) {
        for &i in which {
            *self.expected.entry(i).or_default() += skipped.records_in(i);
        }
    }

    /// Lists the dropped cluster members in `out`, in `dedup`'s order (by
    /// cluster, then id: the order of the documents); returns how many.
    fn list_members(&self, sources: &[Source], out: &mut OutputFile) -> Result<u64, CliError> {
        let mut members: Vec<&ClusterRow> = self.rows.values().filter(|r| r.signed).collect();
        members.sort_unstable_by(|a, b| (a.cluster, &a.id).cmp(&(b.cluster, &b.id)));
        for r in &members {
            let (source, line) = loc_of(r.key);
            let line = DroppedLine::member(
                r.id.as_deref().unwrap_or_default(),
                &sources[source as usize].name,
                line,
                r.cluster.unwrap_or_default(),
                r.origin_id.as_deref().unwrap_or_default(),
                r.relation,
                r.scores,
                r.substituted,
            );
            write_dropped(out, &line)?;
        }
        Ok(members.len() as u64)
    }
}

impl Fates for ShardFates {
    fn fate(&mut self, loc: Loc, _bytes: &[u8]) -> Fate {
        match self.rows.get(&loc) {
            None if self.kept.contains_key(&loc) => Fate::Keep,
            None => Fate::PassThrough,
            Some(r) if r.signed => Fate::Dropped,
            Some(r) if r.relation == DUPLICATE_ID => Fate::LeaveOut,
            Some(r) => Fate::Repeat(loc_of(r.repeat_of.expect("a repeat names its first"))),
        }
    }

    fn analysed(&self, loc: Loc) -> bool {
        self.kept.contains_key(&loc)
            || self
                .rows
                .get(&loc)
                .is_some_and(|r| r.signed || r.id.is_some())
    }

    fn expected(&self, i: u32) -> u64 {
        self.expected.get(&i).copied().unwrap_or(0)
    }

    fn signed_len(&self, loc: Loc) -> Option<u64> {
        match self.rows.get(&loc) {
            Some(r) if r.signed => r.len,
            Some(_) => None,
            None => self.kept.get(&loc).copied().flatten(),
        }
    }

    fn repeated_id(&self, loc: Loc) -> Option<RepeatedId<'_>> {
        let r = self.rows.get(&loc).filter(|r| !r.signed)?;
        Some(RepeatedId {
            id: r.id.as_deref()?,
            cluster: r.cluster,
            origin_id: r.origin_id.as_deref(),
        })
    }
}

/// The skipped records of the shard whose sources are `mine`, logged as
/// `dedup` logs them: the unreadable inputs (by shard 0), the records
/// `sign` skipped, in read order, then the repeated ids (`rows`, the
/// shard's clusters).
fn shard_skips(
    dir: &StageDir,
    signed_shards: u32,
    (shard, mine): (Shard, &HashSet<u32>),
    unreadable: Vec<Skipped>,
    rows: &[ClusterRow],
    sources: &[Source],
    mut log: SkipLog,
) -> Result<SkipLog, CliError> {
    if shard.index == 0 {
        unreadable.into_iter().for_each(|s| log.push(s));
    }
    let records = skipped_records(dir, signed_shards, mine)?;
    records.into_iter().for_each(|s| log.push(s));
    repeated_ids(rows, sources)
        .into_iter()
        .for_each(|s| log.push(s));
    Ok(log)
}

/// The records of `mine` that `sign` skipped (read from every shard's
/// skipped file), in read order.
fn skipped_records(
    dir: &StageDir,
    shards: u32,
    mine: &HashSet<u32>,
) -> Result<Vec<Skipped>, CliError> {
    let mut records = Vec::new();
    for i in 0..shards {
        files::read_skipped(&dir.skipped(i, shards), &mut records)?;
        records.retain(|s| s.location.is_some_and(|l| mine.contains(&l.source)));
    }
    records.sort_by_key(|s| s.location.map(|l| (l.source, l.line)));
    Ok(records)
}

/// The records of this shard skipped as a repeated id, as `components`
/// lists them.
fn repeated_ids(rows: &[ClusterRow], sources: &[Source]) -> Vec<Skipped> {
    rows.iter()
        .filter(|r| !r.signed && r.id.is_some())
        .map(|r| {
            let (source, line) = loc_of(r.key);
            let first = loc_of(r.repeat_of.expect("a repeated id names its first"));
            Skipped {
                source: sources[source as usize].name.clone(),
                location: Some(Location {
                    source,
                    line,
                    ..Location::default()
                }),
                id: r.id.as_deref().map(str::to_string),
                reason: SkipReason::DuplicateId {
                    first: place(sources, first),
                },
            }
        })
        .collect()
}

/// The summary: what was copied, the account of the records (as
/// `dedup`'s), the skipped records.
fn print_summary(
    shard: Option<Shard>,
    (copied, sources): (usize, usize),
    tally: &Tally,
    (output, dropped, skipped_file): (&Path, &Path, Option<&Path>),
    skipped: &SkipLog,
    took: f64,
) {
    let shard = shard.map_or(String::new(), |s| {
        format!(" --shard {}/{}", s.index, s.count)
    });
    eprintln!("neardup: apply{shard}: {copied} of {sources} sources copied in {took:.2}s");
    for line in account(tally, output, dropped, skipped_file) {
        eprintln!("  {line}");
    }
    summary::print_skipped(&mut std::io::stderr().lock(), skipped, skipped_file);
}

/// Refuses the flags that describe the whole run: `components` writes them.
fn whole_run_flags(args: &DedupArgs) -> Result<(), CliError> {
    let given = [
        ("--report", args.report.report.is_some()),
        ("--pairs", args.corpus.pairs.is_some()),
    ];
    match given.iter().find(|g| g.1) {
        Some((flag, _)) => Err(CliError::input(format!(
            "{flag} describes the whole run: give it to `neardup components`, which writes it (apply copies records)"
        ))),
        None => Ok(()),
    }
}

pub fn apply(args: ApplyArgs) -> Result<ExitCode, CliError> {
    let a = &args.dedup;
    no_stdin(&a.corpus)?;
    whole_run_flags(a)?;
    let dir = StageDir(args.stage.clone());
    let (params, sources, unreadable) = sources_of(&a.corpus, &dir.0, false)?;
    let m = dir.agree(&Manifest::new(&params, &sources, 0, 0), false)?;
    let shard = args.shard.unwrap_or(Shard { index: 0, count: 1 });
    let named = |p: &Path| match args.shard {
        Some(s) => s.path(p),
        None => p.to_path_buf(),
    };
    let output = named(&a.output);
    let dropped_file = named(a.dropped.as_deref().unwrap_or(&dropped_path(&a.output)));
    let skipped_file = a.corpus.skipped.as_deref().map(named);
    let parquet_out = a.output_format.is_parquet(Some(&a.output))?;
    let mut outputs = Outputs::open(
        &a.corpus.read_paths(),
        &[
            ("-o", Some(&output)),
            ("--dropped", Some(&dropped_file)),
            ("--skipped", skipped_file.as_deref()),
        ],
    )?;
    check_formats(&sources, parquet_out)?;
    let t = Instant::now();
    let which = shard.sources(sources.len());
    let mine: HashSet<u32> = which.iter().copied().collect();
    let rows = clusters::read(&dir, m.band_groups, |k| mine.contains(&loc_of(k).0))?;
    let log = SkipLog::new(skipped_file.is_some())
        .map_err(|e| CliError::io("creating a temporary file for --skipped", e))?;
    let of = (shard, &mine);
    let mut skipped = shard_skips(&dir, m.shards, of, unreadable, &rows, &sources, log)?;
    if let Some(mut f) = outputs.take("--skipped") {
        summary::write_skipped(&mut f, &mut skipped)?;
        commit_all([f])?;
    }
    if a.corpus.strict {
        summary::check_strict(&skipped)?;
    }
    let mut plan = ShardFates::new(rows, a.keep_spun);
    plan.count_skipped(&skipped, &which);
    let (Some(out), Some(mut dropped)) = (outputs.take("-o"), outputs.take("--dropped")) else {
        unreachable!("-o and --dropped are always opened");
    };
    let dropped_copies = plan.list_members(&sources, &mut dropped)?;
    let out = Kept::new(out, &sources, parquet_out)?;
    let (tally, out, dropped) = copy_records(
        plan,
        (&sources, &which),
        &params,
        dropped_copies,
        out,
        dropped,
    )?;
    commit_all([out, dropped])?;
    if !a.corpus.quiet {
        let files = (
            output.as_path(),
            dropped_file.as_path(),
            skipped_file.as_deref(),
        );
        let took = t.elapsed().as_secs_f64();
        print_summary(
            args.shard,
            (which.len(), sources.len()),
            &tally,
            files,
            &skipped,
            took,
        );
    }
    Ok(ExitCode::SUCCESS)
}
