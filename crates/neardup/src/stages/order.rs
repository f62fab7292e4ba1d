//! Documents in id order, and the map between their keys and their
//! indices in that order.
//!
//! Every later decision (which pair a large LSH bucket yields, which copy is
//! kept, the cluster ids) reads documents by their index in id order, so a
//! stage that gets documents in any order (shards signed apart, a band
//! group's rows) first puts them in that order. Repeated ids are settled
//! here, as in the one-command run: the record read first (smallest
//! [`DocKey`]) is kept.

use super::{doc_key, DocKey, SignedCorpus};
use crate::corpus::{SkipReason, Skipped};
use crate::params::Params;
use crate::signing::DocInfo;
use rayon::prelude::*;

/// Documents' keys and their indices in id order.
#[derive(Clone, Debug, Default)]
pub struct KeyIndex {
    /// The key of each index.
    keys: Vec<DocKey>,
    /// `(key, index)`, sorted by key.
    sorted: Vec<(DocKey, u32)>,
}

impl KeyIndex {
    /// The index of documents in id order ([`into_id_order`]).
    pub fn new(docs: &[DocInfo]) -> Self {
        let keys: Vec<DocKey> = docs.iter().map(|d| doc_key(&d.location)).collect();
        let mut sorted: Vec<(DocKey, u32)> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        sorted.par_sort_unstable();
        KeyIndex { keys, sorted }
    }

    /// The index of the document with key `key` (None for a key not in id
    /// order: a repeated id, or a document not signed).
    pub fn index(&self, key: DocKey) -> Option<u32> {
        self.sorted
            .binary_search_by_key(&key, |e| e.0)
            .ok()
            .map(|i| self.sorted[i].1)
    }

    /// The key of document `index`.
    pub fn key(&self, index: u32) -> DocKey {
        self.keys[index as usize]
    }
}

/// Sorts documents by id (so nothing downstream depends on input order, or
/// on which batch a document was signed in) and reports repeated ids: the
/// first occurrence in input order (the smallest key) is kept, the others
/// are returned as skipped, in input order. `source_name` names a source
/// index in messages. The signatures must hold `params.num_perm` bins per
/// document, or none (and the spin view's, or none).
pub fn into_id_order(
    corpus: SignedCorpus,
    params: &Params,
    source_name: &dyn Fn(u32) -> String,
) -> (SignedCorpus, Vec<Skipped>) {
    let (corpus, skipped, _) = into_id_order_traced(corpus, params, source_name);
    (corpus, skipped)
}

/// [`into_id_order`], and where each document came from: its index in the
/// corpus handed over (for a table kept apart from the corpus, such as
/// spin signatures put aside while signing: [`crate::spill::RowsAside::load`]).
pub fn into_id_order_traced(
    corpus: SignedCorpus,
    params: &Params,
    source_name: &dyn Fn(u32) -> String,
) -> (SignedCorpus, Vec<Skipped>, Vec<u32>) {
    let SignedCorpus {
        mut docs,
        signatures: mut sigs,
        spin_signatures: mut spin_sigs,
    } = corpus;
    // Either table may have been left out: the spin bins by a stage that
    // only verifies, both when they wait in temporary files (crate::spill),
    // to be read in the order traced here.
    let k = if sigs.is_empty() { 0 } else { params.num_perm };
    let spin_k = match params.spin.as_ref() {
        Some(s) if !spin_sigs.is_empty() => s.num_perm,
        _ => 0,
    };
    assert_eq!(sigs.len(), docs.len() * k, "num_perm bins per document");
    assert_eq!(
        spin_sigs.len(),
        docs.len() * spin_k,
        "spin bins per document"
    );
    let mut order: Vec<u32> = (0..docs.len() as u32).collect();
    order.par_sort_by(|&a, &b| {
        let (a, b) = (&docs[a as usize], &docs[b as usize]);
        a.id.cmp(&b.id)
            .then_with(|| doc_key(&a.location).cmp(&doc_key(&b.location)))
    });
    let mut keep = Vec::with_capacity(order.len());
    let mut skipped = Vec::new();
    for (i, &d) in order.iter().enumerate() {
        if i > 0 && docs[order[i - 1] as usize].id == docs[d as usize].id {
            // Sorted by (id, key): the kept first occurrence is the last kept.
            let first = &docs[*keep.last().expect("a run starts with a kept doc") as usize];
            let src = source_name(first.location.source);
            let doc = &docs[d as usize];
            let first_at = if first.location.line > 0 {
                format!("{src}:{}", first.location.line)
            } else {
                src
            };
            skipped.push(Skipped {
                source: source_name(doc.location.source),
                location: Some(doc.location),
                id: Some(doc.id.to_string()),
                reason: SkipReason::DuplicateId { first: first_at },
            });
            continue;
        }
        keep.push(d);
    }
    // Permute in place (a copy would double the signatures' memory at the
    // peak): kept documents in id order, then the repeated ids, cut off.
    let m = keep.len();
    let mut dropped = vec![true; docs.len()];
    for &d in &keep {
        dropped[d as usize] = false;
    }
    let mut perm = keep.clone();
    perm.extend((0..docs.len() as u32).filter(|&d| dropped[d as usize]));
    gather_in_place(&mut perm, |a, b| {
        docs.swap(a, b);
        swap_rows(&mut sigs, k, a, b);
        swap_rows(&mut spin_sigs, spin_k, a, b);
    });
    docs.truncate(m);
    sigs.truncate(m * k);
    spin_sigs.truncate(m * spin_k);
    skipped.sort_by_key(|s| s.location.map(|l| (l.source, l.line)));
    let corpus = SignedCorpus {
        docs,
        signatures: sigs,
        spin_signatures: spin_sigs,
    };
    (corpus, skipped, keep)
}

/// Swaps rows `a` and `b` (of `k` values each) of a row-major table.
fn swap_rows<T>(table: &mut [T], k: usize, a: usize, b: usize) {
    if k == 0 || a == b {
        return;
    }
    let (lo, hi) = (a.min(b), a.max(b));
    let (left, right) = table.split_at_mut(hi * k);
    left[lo * k..(lo + 1) * k].swap_with_slice(&mut right[..k]);
}

/// Rearranges items so that new slot `i` holds old item `perm[i]`, using only
/// swaps (`perm` must be a permutation; it is consumed).
fn gather_in_place(perm: &mut [u32], mut swap: impl FnMut(usize, usize)) {
    for i in 0..perm.len() {
        let mut cur = i;
        while perm[cur] as usize != i {
            let next = perm[cur] as usize;
            swap(cur, next);
            perm[cur] = cur as u32;
            cur = next;
        }
        perm[cur] = cur as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Location;
    use crate::signing::SignedText;
    use crate::stages::LINE_BITS;

    fn doc(id: &str, source: u32, line: u64) -> DocInfo {
        let at = Location {
            source,
            line,
            ..Location::default()
        };
        DocInfo::signed(id, None, at, &SignedText::default())
    }

    #[test]
    fn repeated_ids_keep_the_first_read_whatever_the_batch_order() {
        let params = Params {
            num_perm: 1,
            spin: None,
            ..Params::default()
        };
        // Read as a0 (0:1), b (0:2), a1 (1:1); handed over in another order.
        let docs = vec![doc("b", 0, 2), doc("a", 1, 1), doc("a", 0, 1)];
        let corpus = SignedCorpus {
            docs,
            signatures: vec![2, 11, 10],
            spin_signatures: Vec::new(),
        };
        let (ordered, skipped) = into_id_order(corpus, &params, &|s| format!("s{s}"));
        assert_eq!(ordered.signatures, vec![10, 2], "a from 0:1, then b");
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].source, "s1");
        assert_eq!(
            skipped[0].reason,
            SkipReason::DuplicateId {
                first: "s0:1".into()
            }
        );
        let index = KeyIndex::new(&ordered.docs);
        assert_eq!(index.index(doc_key(&ordered.docs[1].location)), Some(1));
        assert_eq!(
            index.index(1 << LINE_BITS | 1),
            None,
            "the repeat has no index"
        );
    }

    #[test]
    fn gather_matches_a_copy() {
        let old: Vec<u32> = (0..50).map(|i| i * 3).collect();
        let perm: Vec<u32> = (0..50u32).map(|i| (i * 17 + 5) % 50).collect();
        let want: Vec<u32> = perm.iter().map(|&p| old[p as usize]).collect();
        let mut items = old.clone();
        let mut p = perm.clone();
        gather_in_place(&mut p, |a, b| items.swap(a, b));
        assert_eq!(items, want);
    }
}
