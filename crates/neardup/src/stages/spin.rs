//! The spin view's candidate pairs, for an engine that clusters a corpus
//! in parts (Spark's components, `examples/spark_dedup.py`).
//!
//! [`crate::spin::find_spin_links`] looks for spun copies across the whole
//! corpus: LSH over the spin signatures, then conditions on the verbatim
//! stars. Run on one part, it finds the pairs the whole finds there
//! whenever every candidate pair lies inside one part: whether two
//! documents collide in a band, and whether their estimate passes
//! ([`crate::spin::passes_spin_estimate`]), depend on the two documents
//! alone, and the stars are the verbatim components' own. So the parts are
//! the connected components of the verified pairs *and* these candidates:
//! [`spin_band_rows`] gives each document's bucket keys, and
//! [`spin_candidates_of_bands`] the pairs of some buckets that the estimate
//! passes, leaving out pairs of one group (a verbatim component, already in
//! one part) so that the copies of one story, which fill each other's
//! buckets, are not paired again.

use super::pairs::{pairs_of_band_rows, BandRow};
use super::{doc_key, KeyIndex, SignedCorpus};
use crate::lsh::band_key_of;
use crate::params::Params;
use crate::spin::{passes_spin_estimate, spin_lsh};
use rayon::prelude::*;

/// The spin view's band rows of every document of `corpus` in the view,
/// document by document (band by band within one); none when the view is
/// off.
pub fn spin_band_rows(corpus: &SignedCorpus, params: &Params) -> Vec<BandRow> {
    let Some(sp) = &params.spin else {
        return Vec::new();
    };
    let (k, lsh) = (sp.num_perm, spin_lsh(sp));
    corpus
        .docs
        .par_iter()
        .enumerate()
        .filter(|(_, d)| d.spin_shingles > 0)
        .flat_map_iter(|(i, d)| {
            let sig = &corpus.spin_signatures[i * k..(i + 1) * k];
            let doc = doc_key(&d.location);
            (0..lsh.bands).map(move |band| BandRow {
                band: band as u32,
                key: band_key_of(sig, lsh, band),
                doc,
            })
        })
        .collect()
}

/// The pairs of the spin view's buckets in `rows` (any bands, any order)
/// whose estimate passes and that the run allows (`--against`), as indices
/// into `corpus` (in id order, `index` its keys), sorted and distinct.
/// With `groups` (a group per document), pairs inside one group are left
/// out, and a bucket whose documents all share a group is not paired.
pub fn spin_candidates_of_bands(
    rows: &[BandRow],
    corpus: &SignedCorpus,
    index: &KeyIndex,
    groups: Option<&[u32]>,
    params: &Params,
) -> Vec<(u32, u32)> {
    let Some(sp) = &params.spin else {
        return Vec::new();
    };
    let docs = &corpus.docs;
    let keep = |a: u32, b: u32| {
        groups.map_or(true, |g| g[a as usize] != g[b as usize])
            && docs[a as usize].spin_shingles > 0
            && docs[b as usize].spin_shingles > 0
            && params.pair_allowed(&docs[a as usize].location, &docs[b as usize].location)
            && passes_spin_estimate(sp, docs, &corpus.spin_signatures, a, b)
    };
    pairs_of_band_rows(rows, index, groups, None, &keep)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Location;
    use crate::params::SpinParams;
    use crate::signing::{DocInfo, SignedText};

    /// Five documents in the spin view with 64-bin spin signatures:
    /// 0, 1 and 2 alike (1 and 2 identical, 0 with a quarter of its bins
    /// changed), 3 unlike them, 4 like 0 but out of the view.
    fn corpus() -> SignedCorpus {
        let k = SpinParams::default().num_perm;
        let mut spin_signatures = Vec::new();
        let mut docs = Vec::new();
        for i in 0..5u16 {
            let sig: Vec<u16> = (0..k as u16)
                .map(|b| match i {
                    3 => 1000 + b,
                    0 | 4 if b % 4 == 0 => 2000 + b,
                    _ => b,
                })
                .collect();
            spin_signatures.extend(sig);
            let at = Location {
                line: u64::from(i) + 1,
                ..Location::default()
            };
            let text = SignedText {
                spin_shingles: if i == 4 { 0 } else { 100 },
                ..SignedText::default()
            };
            docs.push(DocInfo::signed(&format!("d{i}"), None, at, &text));
        }
        SignedCorpus {
            docs,
            signatures: Vec::new(),
            spin_signatures,
        }
    }

    #[test]
    fn candidates_are_the_same_from_any_split_of_the_buckets_and_skip_groups() {
        let params = Params::default();
        let c = corpus();
        let index = KeyIndex::new(&c.docs);
        let rows = spin_band_rows(&c, &params);
        let lsh = spin_lsh(params.spin.as_ref().unwrap());
        assert_eq!(
            rows.len(),
            4 * lsh.bands,
            "one row a band, documents in the view only"
        );
        let all = spin_candidates_of_bands(&rows, &c, &index, None, &params);
        assert_eq!(all, vec![(0, 1), (0, 2), (1, 2)]);
        // Whole buckets in two parts: split by band.
        let (even, odd): (Vec<BandRow>, Vec<BandRow>) = rows.iter().partition(|r| r.band % 2 == 0);
        let mut parts = spin_candidates_of_bands(&even, &c, &index, None, &params);
        parts.extend(spin_candidates_of_bands(&odd, &c, &index, None, &params));
        parts.sort_unstable();
        parts.dedup();
        assert_eq!(parts, all);
        // 1 and 2 in one group: only the pairs across groups.
        let groups = [0, 1, 1, 2, 3];
        let across = spin_candidates_of_bands(&rows, &c, &index, Some(&groups), &params);
        assert_eq!(across, vec![(0, 1), (0, 2)]);
    }
}
