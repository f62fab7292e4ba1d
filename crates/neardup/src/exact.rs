//! Exact scores for the pairs whose estimates sit near a threshold.
//!
//! A 128-bin MinHash estimates a Jaccard of 0.5 with a standard error of
//! about 0.044, so a pair at 0.41 is called a copy now and then (a real
//! example: two Debian copyright files with the same license and other
//! holders, estimated 0.508, exactly 0.413). Far from a threshold the
//! estimate cannot change a decision; near one it can. So a pair whose
//! decision would change if its scores moved by [`BORDER`] is **re-read
//! and counted exactly**: both texts are fetched back, shingled and
//! filtered as the signer did (the same boilerplate left out), and the
//! shingle sets compared. The rules then decide on those numbers, which are
//! also the ones `cluster` prints and `explain` reproduces.

use crate::collections::union_find::UnionFind;
use crate::corpus::{ReadBack, ReadBackFailure};
use crate::params::Params;
use crate::rules::drop_relation;
use crate::shingle::Boilerplate;
use crate::signing::{with_scratch, DocInfo, Signer};
use crate::verify::{Edge, PairScores};
use rayon::prelude::*;

/// How far the scores of a pair are moved, up and down, to see whether the
/// decision could change: about 2.3 standard errors of a 128-bin estimate
/// at 0.5.
pub const BORDER: f64 = 0.1;

/// True when moving every score of `s` by [`BORDER`] up or down changes
/// what the rules allow either way.
pub fn is_borderline(s: &PairScores, params: &Params) -> bool {
    if s.exact || s.checked {
        return false;
    }
    let moved = |d: f64| PairScores {
        jaccard: (s.jaccard + d).clamp(0.0, 1.0),
        a_in_b: (s.a_in_b + d).clamp(0.0, 1.0),
        b_in_a: (s.b_in_a + d).clamp(0.0, 1.0),
        ..*s
    };
    let allows = |x: &PairScores| {
        (
            drop_relation(x, params),
            drop_relation(&x.flipped(), params),
        )
    };
    allows(&moved(BORDER)) != allows(&moved(-BORDER))
}

/// The distinct shingles the signer signs for `text`, sorted.
pub fn signed_set(text: &str, signer: &Signer) -> Vec<u64> {
    signed_set_hashed(text, signer).0
}

/// [`signed_set`], and the text's content hash.
fn signed_set_hashed(text: &str, signer: &Signer) -> (Vec<u64>, u64) {
    let (mut set, content) = with_scratch(|s| {
        let (set, content) = signer.signed_shingles_hashed(text, s);
        (set.to_vec(), content)
    });
    set.sort_unstable();
    set.dedup();
    (set, content)
}

/// Exact scores of two sorted shingle sets (a borderline pair is never an
/// exact copy: those are decided by their content hash).
pub fn scores_of_sets(a: &[u64], b: &[u64], num_perm: usize) -> PairScores {
    let inter = intersection_size(a, b) as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    let ratio = |x: f64, n: f64| if n == 0.0 { 0.0 } else { x / n };
    let jaccard = ratio(inter, union);
    PairScores {
        jaccard,
        a_in_b: ratio(inter, a.len() as f64),
        b_in_a: ratio(inter, b.len() as f64),
        // As many bins as the exact Jaccard fills: the chance-agreement
        // guard of excerpts reads the same evidence.
        matching_bins: (jaccard * num_perm as f64).round() as usize,
        exact: false,
        checked: true,
    }
}

/// How many values two sorted sets share. Branch-free steps: which side
/// moves is a coin toss for hashes, and a branch on it mispredicted about
/// every other step.
fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        inter += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    inter
}

/// Exact scores of two texts, as the signer sees them.
pub fn exact_scores(a: &str, b: &str, signer: &Signer) -> PairScores {
    scores_of_sets(
        &signed_set(a, signer),
        &signed_set(b, signer),
        signer.params.num_perm,
    )
}

/// Splits `pairs` into runs whose documents add up to about one batch of
/// bytes to read back. A document is counted once however many pairs of
/// the run it is in: those bytes are what a batch holds, and pairs come
/// in families (a page template's hundred fills pair up in thousands),
/// so counting it per pair cut a family into batches that each read
/// nearly all of it again: 150,006 texts read for 182,774 pairs of some
/// 30,000 documents on a 1 GB corpus of generated traps.
fn batches(read: &dyn ReadBack, docs: &[DocInfo], pairs: &[(u32, u32)]) -> Vec<(usize, usize)> {
    let batch_bytes = read.batch_bytes();
    let mut out = Vec::new();
    let mut in_batch = std::collections::HashSet::new();
    let mut start = 0;
    while start < pairs.len() {
        let mut bytes = 0u64;
        let mut end = start;
        in_batch.clear();
        while end < pairs.len() {
            let (a, b) = pairs[end];
            let new: u64 = [a, b]
                .iter()
                .filter(|d| !in_batch.contains(*d))
                .map(|&d| docs[d as usize].location.len)
                .sum();
            // A pair of texts already in the batch always joins it.
            if end > start && new > 0 && bytes + new > batch_bytes {
                break;
            }
            in_batch.extend([a, b]);
            bytes += new;
            end += 1;
        }
        out.push((start, end));
        start = end;
    }
    out
}

/// The texts of the documents of `pairs`, by location; a text that did not
/// come back is told to `read` ([`ReadBack::failed`]).
fn fetch_pair_texts(
    read: &dyn ReadBack,
    docs: &[DocInfo],
    pairs: &[(u32, u32)],
) -> crate::corpus::FetchedTexts {
    let locations: Vec<_> = pairs
        .iter()
        .flat_map(|&(a, b)| [docs[a as usize].location, docs[b as usize].location])
        .collect();
    let texts = read.fetch(&locations);
    for l in &locations {
        if !texts.contains_key(&(l.source, l.offset)) {
            read.failed(ReadBackFailure {
                location: *l,
                changed: false,
            });
        }
    }
    texts
}

/// The distinct documents of `pairs`, sorted.
fn members_of(pairs: &[(u32, u32)]) -> Vec<u32> {
    let mut members: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    members.sort_unstable();
    members.dedup();
    members
}

/// True when `text`, read back for `doc`, hashes to the content signed;
/// otherwise `read` is told (the input changed since it was signed).
fn reads_as_signed(read: &dyn ReadBack, doc: &DocInfo, content: u64) -> bool {
    let same = content == doc.content_hash;
    if !same {
        read.failed(ReadBackFailure {
            location: doc.location,
            changed: true,
        });
    }
    same
}

/// Reads back the texts of each pair (a batch at a time, so memory stays
/// bounded however many pairs there are) and maps them with `f`; None where
/// a text could not be read back or is not the text signed (both told to
/// `read`).
///
/// `facts` reads each text once, however many pairs it is in: it gives
/// the text's content hash ([`crate::signing::content_hash`], checked
/// against the one signed) and what `f` is handed beside the text. `f`
/// is handed the pair's place in `pairs` too.
pub fn map_pair_texts<X: Send + Sync, T: Send>(
    read: &dyn ReadBack,
    docs: &[DocInfo],
    pairs: &[(u32, u32)],
    facts: impl Fn(&str) -> (u64, X) + Sync,
    f: impl Fn(usize, (&str, &X), (&str, &X)) -> T + Sync,
) -> Vec<Option<T>> {
    let order = by_component(pairs);
    let ordered: Vec<(u32, u32)> = order.iter().map(|&i| pairs[i]).collect();
    let mut out: Vec<Option<T>> = (0..pairs.len()).map(|_| None).collect();
    for (start, end) in batches(read, docs, &ordered) {
        let batch = &ordered[start..end];
        let texts = fetch_pair_texts(read, docs, batch);
        let members = members_of(batch);
        let checked: Vec<Option<(&str, X)>> = members
            .par_iter()
            .map(|&d| {
                let doc = &docs[d as usize];
                let t = texts.get(&(doc.location.source, doc.location.offset))?;
                let (content, x) = facts(t);
                reads_as_signed(read, doc, content).then_some((t.as_str(), x))
            })
            .collect();
        let text = |d: u32| {
            checked[members.binary_search(&d).expect("a member")]
                .as_ref()
                .map(|(t, x)| (*t, x))
        };
        // A family's texts can make tens of thousands of pairs: mapped a
        // slice at a time, the results in flight stay few.
        let places = &order[start..end];
        for (batch, places) in batch
            .chunks(MAPPED_AT_ONCE)
            .zip(places.chunks(MAPPED_AT_ONCE))
        {
            let mapped: Vec<Option<T>> = batch
                .par_iter()
                .zip(places)
                .map(|(&(a, b), &i)| Some(f(i, text(a)?, text(b)?)))
                .collect();
            for (&i, m) in places.iter().zip(mapped) {
                out[i] = m;
            }
        }
    }
    out
}

/// Pairs [`map_pair_texts`] maps before placing their results.
const MAPPED_AT_ONCE: usize = 2048;

/// The places of `pairs` ordered by connected component, in order within
/// one: the copies of one story, or the fills of one page template, pair
/// up with each other many times over, and taken together a batch
/// ([`batches`]) holds them all and reads each text once. The components
/// are found among the pairs' own documents: some callers pass a handful
/// of pairs at a time.
fn by_component(pairs: &[(u32, u32)]) -> Vec<usize> {
    let members = members_of(pairs);
    let local = |d: u32| members.binary_search(&d).expect("a member") as u32;
    let mut groups = UnionFind::new(members.len());
    for &(a, b) in pairs {
        groups.union(local(a), local(b));
    }
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by_cached_key(|&i| (groups.find(local(pairs[i].0)), i));
    order
}

/// Exact scores already counted, by pair (smaller index first, scores in
/// that orientation): the band groups of one `neardup pairs` call verify
/// nearly the same pairs (a near-duplicate collides in most bands), and
/// each is re-read once, not once per group. It holds only borderline
/// pairs, a few percent of the verified ones.
#[derive(Default)]
pub struct CountedPairs(std::collections::HashMap<(u32, u32), PairScores>);

impl CountedPairs {
    /// The counted scores of `a` against `b`, if counted.
    fn get(&self, a: u32, b: u32) -> Option<PairScores> {
        let s = self.0.get(&(a.min(b), a.max(b)))?;
        Some(if a <= b { *s } else { s.flipped() })
    }

    fn insert(&mut self, a: u32, b: u32, s: PairScores) {
        let s = if a <= b { s } else { s.flipped() };
        self.0.insert((a.min(b), a.max(b)), s);
    }
}

/// Replaces the scores of every borderline pair with exact ones, taking
/// those already in `counted` from it and adding the new ones. Returns
/// how many were re-read. Each document's shingle set is made once per
/// batch, however many pairs it is in (an origin and its copies), and the
/// pairs are batched by connected component so that its pairs share one.
pub fn recheck_borderline(
    read: &dyn ReadBack,
    params: &Params,
    docs: &[DocInfo],
    boilerplate: &Boilerplate,
    edges: &mut [Edge],
    mut counted: Option<&mut CountedPairs>,
) -> u64 {
    let mut near: Vec<usize> = Vec::new();
    for (i, e) in edges.iter_mut().enumerate() {
        if !is_borderline(&e.scores, params) {
            continue;
        }
        match counted.as_deref().and_then(|c| c.get(e.a, e.b)) {
            Some(s) => e.scores = s,
            None => near.push(i),
        }
    }
    // The copies of one story are borderline with each other many times
    // over: read by connected component, each text is shingled once.
    let pairs: Vec<(u32, u32)> = near.iter().map(|&i| (edges[i].a, edges[i].b)).collect();
    let signer = Signer::new(params, boilerplate);
    let facts = |t: &str| {
        let (set, content) = signed_set_hashed(t, &signer);
        (content, set)
    };
    let exact = map_pair_texts(read, docs, &pairs, facts, |_, (_, a), (_, b)| {
        scores_of_sets(a, b, params.num_perm)
    });
    for (&i, s) in near.iter().zip(exact) {
        if let Some(s) = s {
            edges[i].scores = s;
            if let Some(c) = counted.as_deref_mut() {
                c.insert(edges[i].a, edges[i].b, s);
            }
        }
    }
    near.len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::content_hash;

    fn scores(jaccard: f64, a_in_b: f64, b_in_a: f64) -> PairScores {
        PairScores::estimated(jaccard, a_in_b, b_in_a)
    }

    #[test]
    fn only_pairs_near_a_threshold_are_rechecked() {
        let p = Params::default();
        assert!(is_borderline(&scores(0.45, 0.6, 0.6), &p), "J near 0.5");
        assert!(
            is_borderline(&scores(0.3, 0.75, 0.35), &p),
            "containment near 0.7"
        );
        assert!(!is_borderline(&scores(0.9, 0.95, 0.95), &p));
        assert!(!is_borderline(&scores(0.05, 0.1, 0.1), &p));
        let checked = PairScores {
            checked: true,
            ..scores(0.45, 0.6, 0.6)
        };
        assert!(!is_borderline(&checked, &p), "counted once");
    }

    #[test]
    fn counted_pairs_keep_the_orientation() {
        let mut counted = CountedPairs::default();
        counted.insert(5, 3, scores(0.3, 0.9, 0.4));
        assert_eq!(counted.get(5, 3).map(|s| s.a_in_b), Some(0.9));
        assert_eq!(counted.get(3, 5).map(|s| s.a_in_b), Some(0.4));
        assert!(counted.get(3, 4).is_none());
    }

    /// Texts by document (None: not read back) in batches of `batch`
    /// bytes, counting the texts fetched and recording what `failed` is
    /// told.
    struct Stub {
        texts: Vec<Option<String>>,
        batch: u64,
        fetched: std::sync::atomic::AtomicUsize,
        failed: std::sync::Mutex<Vec<ReadBackFailure>>,
    }

    impl Stub {
        fn new(texts: Vec<Option<String>>) -> Self {
            Stub {
                texts,
                batch: 1 << 20,
                fetched: Default::default(),
                failed: Default::default(),
            }
        }
    }

    impl ReadBack for Stub {
        fn fetch(&self, locations: &[crate::corpus::Location]) -> crate::corpus::FetchedTexts {
            let texts: crate::corpus::FetchedTexts = locations
                .iter()
                .filter_map(|l| {
                    let t = self.texts[l.offset as usize].clone()?;
                    Some(((l.source, l.offset), t))
                })
                .collect();
            let n = texts.len();
            self.fetched
                .fetch_add(n, std::sync::atomic::Ordering::Relaxed);
            texts
        }
        fn batch_bytes(&self) -> u64 {
            self.batch
        }
        fn failed(&self, f: ReadBackFailure) {
            self.failed.lock().unwrap().push(f);
        }
    }

    #[test]
    fn a_text_that_does_not_read_back_as_signed_is_told_and_not_counted() {
        let p = Params::default();
        let boiler = Boilerplate::default();
        let signer = Signer::new(&p, &boiler);
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let texts = [words.join(" "), words[..30].join(" "), words[5..].join(" ")];
        let docs: Vec<DocInfo> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut s = vec![0u16; p.num_perm];
                let mut spin = vec![0u16; signer.spin_num_perm()];
                let signed = with_scratch(|sc| signer.sign(t, sc, &mut s, &mut spin)).unwrap();
                let at = crate::corpus::Location {
                    offset: i as u64,
                    ..Default::default()
                };
                DocInfo::signed(&format!("d{i}"), None, at, &signed)
            })
            .collect();
        let near = || scores(0.45, 0.6, 0.6);
        let mut edges = vec![
            Edge {
                a: 0,
                b: 1,
                scores: near(),
            },
            Edge {
                a: 0,
                b: 2,
                scores: near(),
            },
        ];
        // Document 1 reads back with another word; document 2 not at all.
        let read = Stub::new(vec![
            Some(texts[0].clone()),
            Some(texts[1].replace("w7", "w77")),
            None,
        ]);
        assert_eq!(
            recheck_borderline(&read, &p, &docs, &boiler, &mut edges, None),
            2
        );
        let mut failed = read.failed.into_inner().unwrap();
        failed.sort();
        failed.dedup();
        let told: Vec<(u64, bool)> = failed
            .iter()
            .map(|f| (f.location.offset, f.changed))
            .collect();
        assert_eq!(told, vec![(1, true), (2, false)]);
        assert!(edges.iter().all(|e| !e.scores.checked), "left uncounted");
        // As signed, both are counted and nothing is told.
        let read = Stub::new(texts.iter().cloned().map(Some).collect());
        let mut edges = vec![Edge {
            a: 0,
            b: 1,
            scores: near(),
        }];
        recheck_borderline(&read, &p, &docs, &boiler, &mut edges, None);
        assert!(read.failed.into_inner().unwrap().is_empty());
        assert!(edges[0].scores.checked);
    }

    /// Two families of documents whose pairs interleave in index order
    /// (even documents pair with each other, odd ones too): each family
    /// is read in one batch, each text once, and every pair's result comes
    /// back in its place.
    #[test]
    fn pairs_are_read_a_family_at_a_time_and_answered_in_place() {
        let p = Params::default();
        let texts: Vec<String> = (0..8).map(|i| format!("text of document {i}")).collect();
        let docs: Vec<DocInfo> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let at = crate::corpus::Location {
                    offset: i as u64,
                    len: t.len() as u64,
                    ..Default::default()
                };
                let mut d = DocInfo::signed(&format!("d{i}"), None, at, &Default::default());
                d.content_hash = content_hash(t, &p);
                d
            })
            .collect();
        let mut pairs = Vec::new();
        for a in 0..8u32 {
            for b in (a + 2..8).step_by(2) {
                pairs.push((a, b));
            }
        }
        // A budget for one family's four texts, not for two families.
        let family: u64 = texts.iter().step_by(2).map(|t| t.len() as u64).sum();
        let read = Stub {
            batch: family,
            ..Stub::new(texts.iter().cloned().map(Some).collect())
        };
        let facts = |t: &str| (content_hash(t, &p), t.len());
        let out = map_pair_texts(&read, &docs, &pairs, facts, |i, (a, _), (b, _)| {
            (i, a.to_string(), b.to_string())
        });
        for (i, (found, &(a, b))) in out.iter().zip(&pairs).enumerate() {
            let want = (i, texts[a as usize].clone(), texts[b as usize].clone());
            assert_eq!(found.as_ref(), Some(&want));
        }
        assert_eq!(read.fetched.into_inner(), 8, "each text read once");
    }

    #[test]
    fn exact_scores_count_the_shingle_sets() {
        let p = Params::default();
        let boiler = Boilerplate::default();
        let signer = Signer::new(&p, &boiler);
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let a = words.join(" ");
        let b = words[..30].join(" "); // 26 of a's 36 shingles
        let s = exact_scores(&b, &a, &signer);
        assert!(s.checked && !s.exact);
        assert!((s.a_in_b - 1.0).abs() < 1e-9, "{s:?}");
        assert!((s.b_in_a - 26.0 / 36.0).abs() < 1e-9, "{s:?}");
        assert!((s.jaccard - 26.0 / 36.0).abs() < 1e-9, "{s:?}");
    }
}
