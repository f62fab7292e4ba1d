//! `DIR/clusters.parquet`: what a copy of the corpus does with each record
//! that it does not simply pass through, decided once by `components` so
//! that `apply` can copy any shard of the sources holding only that shard's
//! rows: no signatures, no pairs, no clustering.
//!
//! A row per signed document (its cluster, relation, origin, whether it is
//! kept: [`neardup::stages::DocumentRows`]) and per record not signed that a copy leaves
//! out (a repeated id, a byte-identical repeat: [`decide_repeats`]), in key
//! order. The file records what it was made from: the size and a hash of
//! the tail (the Parquet footer: row counts, column statistics) of every
//! verified-pairs file; `apply` refuses the file when the pairs in the
//! directory are no longer those, since its clusters would be another run's.

use super::{files, CliError, StageDir};
use crate::cli::dedup::{Decided, Loc};
use neardup::cluster::Clustering;
use neardup::signing::DocInfo;
use neardup::stages::components::DUPLICATE_ID;
use neardup::stages::{doc_key, ClusterRow, DocKey, DocumentRows, LINE_BITS};
use std::io::{Read, Seek, SeekFrom};
use xxhash_rust::xxh3::xxh3_64;

/// The key of the record at `loc`.
pub fn key_of((source, line): Loc) -> DocKey {
    (u64::from(source) << LINE_BITS) | line
}

/// The place of the record with `key`.
pub fn loc_of(key: DocKey) -> Loc {
    ((key >> LINE_BITS) as u32, key & ((1 << LINE_BITS) - 1))
}

/// Bytes at the end of a pairs file hashed to recognise it: they hold its
/// footer, which changes with any row.
const TAIL: u64 = 64 << 10;

/// What the clusters of `dir` are made from: each pairs file's size and
/// the hash of its tail.
fn made_from(dir: &StageDir, groups: u32) -> Result<String, CliError> {
    let mut parts = Vec::new();
    for g in 0..groups {
        let path = dir.pairs(g);
        let fail = |e| CliError::io(&format!("reading {}", path.display()), e);
        let mut f = std::fs::File::open(&path).map_err(fail)?;
        let size = f.metadata().map_err(fail)?.len();
        let mut tail = Vec::new();
        f.seek(SeekFrom::Start(size.saturating_sub(TAIL)))
            .and_then(|_| f.read_to_end(&mut tail))
            .map_err(fail)?;
        parts.push(format!("group-{g:03}:{size}:{:016x}", xxh3_64(&tail)));
    }
    Ok(parts.join(" "))
}

/// Writes the clusters file of `docs` (in id order) clustered as
/// `clustering`, with the records not signed that `decided` leaves out.
/// The rows are made a batch at a time in key order: only the order (12
/// bytes a row) is held whole, not a row a document.
pub fn write(
    dir: &StageDir,
    groups: u32,
    docs: &[DocInfo],
    clustering: &Clustering,
    decided: &[Decided],
) -> Result<(), CliError> {
    let document_rows = DocumentRows::new(docs, clustering);
    let origin_of = |c: Option<u32>| {
        let c = clustering.clusters.get(c? as usize)?;
        Some(doc_key(&docs[c.origin as usize].location))
    };
    let decided_row = |d: &Decided| ClusterRow {
        key: key_of(d.at),
        id: d.id.clone(),
        signed: false,
        relation: if d.identical { "exact" } else { DUPLICATE_ID },
        cluster: d.cluster,
        origin: origin_of(d.cluster),
        origin_id: d.origin_id.clone(),
        kept: false,
        repeat_of: Some(key_of(d.repeat_of)),
        scores: None,
        substituted: None,
        len: None,
    };
    // Every row by key: a document's index, or a decided record's with
    // the top bit set.
    let mut order: Vec<(DocKey, u32)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (doc_key(&d.location), i as u32))
        .chain(
            decided
                .iter()
                .enumerate()
                .map(|(j, d)| (key_of(d.at), DECIDED | j as u32)),
        )
        .collect();
    order.sort_unstable_by_key(|e| e.0);
    let mut w = files::clusters_writer(&dir.clusters(), &made_from(dir, groups)?)?;
    for chunk in order.chunks(files::BATCH) {
        let rows: Vec<ClusterRow> = chunk
            .iter()
            .map(|&(_, i)| match i & DECIDED {
                0 => document_rows.row(i),
                _ => decided_row(&decided[(i & !DECIDED) as usize]),
            })
            .collect();
        w.write(&rows)?;
    }
    w.commit()
}

/// Marks a row of [`write`]'s order as a decided record's.
const DECIDED: u32 = 1 << 31;

/// Reads the clusters whose key `wanted` accepts, after checking that the
/// file is there and was made from the directory's verified pairs.
pub fn read(
    dir: &StageDir,
    groups: u32,
    wanted: impl Fn(DocKey) -> bool,
) -> Result<Vec<ClusterRow>, CliError> {
    let path = dir.clusters();
    let d = dir.0.display();
    if !path.exists() {
        return Err(CliError::input(format!(
            "{} is missing: run `neardup components --stage {d}` first",
            path.display()
        )));
    }
    for g in 0..groups {
        if !dir.pairs(g).exists() {
            return Err(CliError::input(format!(
                "{} is missing: the clusters were made from verified pairs no longer there",
                dir.pairs(g).display()
            )));
        }
    }
    let now = made_from(dir, groups)?;
    let (rows, then) = files::read_clusters(&path, wanted)?;
    if then.as_deref() != Some(now.as_str()) {
        return Err(CliError::input(format!(
            "{} was made from other verified pairs than those in {d}/pairs (they changed since, or the file is another run's): run `neardup components --stage {d}` again",
            path.display()
        )));
    }
    Ok(rows)
}
