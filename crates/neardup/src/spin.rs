//! Spun rewrites: candidates from the spin view, confirmed by the aligner.
//!
//! The verbatim view misses a synonym-spun copy (at 30% of content words
//! swapped, word 5-gram Jaccard is about 0.1). The spin view signs n-grams of
//! the *immutable* words ([`crate::text::ImmutableWords`]: function words,
//! numbers, names), which a spinner leaves in place, so a spun copy keeps
//! most of them while a different article on the same event shares few.
//!
//! 1. LSH over the spin signatures gives candidate pairs, leaving out pairs
//!    already in one verbatim star and those whose signature estimate
//!    (Jaccard, or containment of the shorter) is too low, band by band.
//! 2. Between two stars, one of which is a lone document (or one text and
//!    its exact copies: `cluster::is_one_text`), the two origins
//!    are checked once: a document may only join a star through direct
//!    evidence against the copy that star keeps.
//! 3. The texts of those pairs are read back ([`crate::corpus::fetch_texts`])
//!    and aligned ([`crate::align`]), and the rules read the alignment
//!    ([`crate::rules::SpinEvidence`]): a spun rewrite keeps its source's
//!    order, names and numbers, with many distinct one-word swaps.
//!
//! [`crate::cluster::attach_spin_links`] then moves the confirmed copies
//! into their origin's star.

use crate::align::{align_capped, AlignParams};
use crate::cluster::{is_one_text, Cluster, Relation, SpinLink};
use crate::corpus::ReadBack;
use crate::exact::is_borderline;
use crate::exact::{map_pair_texts, scores_of_sets, signed_set};
use crate::lsh::{candidate_pairs_where, LshParams};
use crate::minhash::{containment_from_jaccard, estimate_jaccard};
use crate::params::{Params, SpinParams};
use crate::rules::{
    main_numbers_kept, may_be_light_spin, numbers_allow_alignment, numbers_kept, on_two_sites,
    SpinEvidence,
};
use crate::shingle::Boilerplate;
use crate::signing::{read_back_facts, DocInfo, Signer};
use crate::spill::SignatureRows;
use crate::text::ImmutableWords;
use crate::verify::PairScores;
use crate::wrapped_stars::Gathered;

/// Counters of the spin view, for the run summary.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SpinStats {
    /// Documents with enough immutable words to be in the spin view.
    pub docs: u64,
    /// LSH bands × rows of the spin view.
    pub lsh: Option<LshParams>,
    /// Candidate pairs between different verbatim clusters whose estimate passed.
    pub candidates: u64,
    /// Pairs checked: the best one between each two verbatim clusters.
    pub checked: u64,
    /// ... of which not aligned, since their numbers differ
    /// ([`crate::rules::numbers_kept`]: a template filled with other values).
    pub numbers_differ: u64,
    /// Pairs the aligner confirmed.
    pub links: u64,
    /// Members the verbatim view joined that the aligner found spun.
    pub light_spins: u64,
    /// Stars of one story merged over `wrapped` links, and the pairs aligned
    /// to decide it ([`crate::wrapped_stars`]).
    pub gathered: Gathered,
}

/// The spin view's bands × rows: tuned well below `threshold`, because a
/// missed candidate is a missed spun copy while an extra one costs only a
/// signature comparison.
pub fn spin_lsh(sp: &SpinParams) -> LshParams {
    LshParams::for_threshold(sp.threshold * 0.8, sp.num_perm, 0.3, 0.7)
}

/// Whether the spin signatures of documents `a` and `b` (indices into
/// `docs`; `spin_sigs` holds `sp.num_perm` bins a document) estimate a
/// Jaccard of at least the spin view's threshold, or the shorter one's
/// containment in the longer at least its containment bar: a pair the spin
/// view considers. It depends on the two documents alone, so a corpus split
/// into parts finds, in each part, the candidates the whole finds there
/// ([`crate::stages::spin_candidates_of_bands`]).
pub fn passes_spin_estimate(
    sp: &SpinParams,
    docs: &[DocInfo],
    spin_sigs: &[u16],
    a: u32,
    b: u32,
) -> bool {
    let k = sp.num_perm;
    let sig = |d: u32| &spin_sigs[d as usize * k..(d as usize + 1) * k];
    let j = estimate_jaccard(sig(a), sig(b));
    let (sa, sb) = (
        docs[a as usize].spin_shingles,
        docs[b as usize].spin_shingles,
    );
    let shorter_in_longer = if sa <= sb {
        containment_from_jaccard(j, sa, sb)
    } else {
        containment_from_jaccard(j, sb, sa)
    };
    j >= sp.threshold
        || shorter_in_longer >= sp.containment
        || (may_be_wrapped(&docs[a as usize], &docs[b as usize]) && j >= WRAPPED_SPIN_JACCARD)
}

/// The spin view's estimate for two pages on two sites
/// (`may_be_wrapped`): a story in a one-page site's chrome is about half of
/// each page, so its pages' Jaccard is about a third.
pub const WRAPPED_SPIN_JACCARD: f64 = 0.15;

/// Two pages on two sites ([`on_two_sites`]): a pair
/// [`crate::rules::SpinEvidence::is_wrapped_copy`] may hold for. (Whether
/// each has an article is known once it is read back: finding the main
/// run while signing cost a seventh of the run.)
fn may_be_wrapped(a: &DocInfo, b: &DocInfo) -> bool {
    on_two_sites(a.site, b.site)
}

/// Finds spun copies (and deeply cut copies) among the verbatim stars:
/// pairs of star origins, at least one of them alone in its star, that the
/// aligner confirms. `clusters` are the verbatim stars.
pub fn find_spin_links(
    read: &dyn ReadBack,
    signed: (&Boilerplate, &SignatureRows),
    params: &Params,
    docs: &[DocInfo],
    spin_sigs: &[u16],
    clusters: &[Cluster],
) -> (Vec<SpinLink>, SpinStats) {
    spin_links_among(read, signed, params, docs, spin_sigs, clusters, None)
}

/// The spin view's candidates over the whole corpus with the conditions on
/// the two documents alone (in the view, allowed, estimate passes), none on
/// the stars: the pairs [`find_spin_links`] buckets, before it keeps those
/// across two stars. A bucket too large for all its pairs pairs a chain,
/// which depends on every document in it, so an engine clustering the
/// corpus in parts takes these from the whole and gives each part its own
/// ([`spin_links_among`]).
pub fn spin_candidates(params: &Params, docs: &[DocInfo], spin_sigs: &[u16]) -> Vec<(u32, u32)> {
    let Some(sp) = &params.spin else {
        return Vec::new();
    };
    let active: Vec<bool> = docs.iter().map(|d| d.spin_shingles > 0).collect();
    let keep = |a: u32, b: u32| {
        params.pair_allowed(&docs[a as usize].location, &docs[b as usize].location)
            && passes_spin_estimate(sp, docs, spin_sigs, a, b)
    };
    candidate_pairs_where(
        spin_sigs,
        sp.num_perm,
        spin_lsh(sp),
        &active,
        None,
        None,
        &keep,
    )
}

/// [`find_spin_links`], from `given` candidates ([`spin_candidates`] of
/// the whole corpus, as indices into `docs`) when the corpus is one part of
/// a larger one; else bucketed here.
pub fn spin_links_among(
    read: &dyn ReadBack,
    (boilerplate, words): (&Boilerplate, &SignatureRows),
    params: &Params,
    docs: &[DocInfo],
    spin_sigs: &[u16],
    clusters: &[Cluster],
    given: Option<Vec<(u32, u32)>>,
) -> (Vec<SpinLink>, SpinStats) {
    let Some(sp) = &params.spin else {
        return (Vec::new(), SpinStats::default());
    };
    let k = sp.num_perm;
    let active: Vec<bool> = docs.iter().map(|d| d.spin_shingles > 0).collect();
    let mut star_of = vec![u32::MAX; docs.len()];
    for (i, c) in clusters.iter().enumerate() {
        for m in &c.members {
            star_of[m.doc as usize] = i as u32;
        }
    }
    let lsh = spin_lsh(sp);
    // Pairs inside one star need nothing more, and two stars with several
    // members each are merged only over a `wrapped` link (one story's
    // stars, [`crate::wrapped_stars`]), which needs two sites; the rest are
    // checked against the estimate while bucketing.
    let passes = |a: u32, b: u32| passes_spin_estimate(sp, docs, spin_sigs, a, b);
    // A star of one text (a document and its mirrors) is checked as one.
    // (Decided once per star: this runs for every pair a bucket holds.)
    let one_text: Vec<bool> = clusters.iter().map(|c| is_one_text(c, docs)).collect();
    let alone = |d: u32| one_text[star_of[d as usize] as usize];
    let across_stars = |a: u32, b: u32| {
        star_of[a as usize] != star_of[b as usize]
            && (alone(a) || alone(b) || may_be_wrapped(&docs[a as usize], &docs[b as usize]))
    };
    let keep = |a: u32, b: u32| {
        across_stars(a, b)
            && params.pair_allowed(&docs[a as usize].location, &docs[b as usize].location)
            && passes(a, b)
    };
    let pairs = match given {
        // The document conditions held for the whole: only the stars' here.
        // Each once, smaller index first, in the order the whole lists
        // them (a part's indices keep the whole's order).
        Some(mut given) => {
            given
                .iter_mut()
                .for_each(|p| *p = (p.0.min(p.1), p.0.max(p.1)));
            given.sort_unstable();
            given.dedup();
            given.retain(|&(a, b)| across_stars(a, b));
            given
        }
        // `keep` rejects pairs within a star, so those are the groups.
        None => candidate_pairs_where(spin_sigs, k, lsh, &active, Some(&star_of), None, &keep),
    };
    let mut stats = SpinStats {
        docs: active.iter().filter(|&&a| a).count() as u64,
        lsh: Some(lsh),
        candidates: pairs.len() as u64,
        ..SpinStats::default()
    };

    // One check per two stars: their origins.
    let origin = |d: u32| clusters[star_of[d as usize] as usize].origin;
    let mut checks: Vec<(u32, u32)> = pairs
        .into_iter()
        .map(|(a, b)| {
            let (oa, ob) = (origin(a), origin(b));
            (oa.min(ob), oa.max(ob))
        })
        .collect();
    checks.sort_unstable();
    checks.dedup();
    stats.checked = checks.len() as u64;
    let evidence = align_pairs(read, (boilerplate, Some(words)), params, docs, &checks);
    stats.numbers_differ = evidence
        .iter()
        .flatten()
        .filter(|(ev, _)| !numbers_allow_alignment(ev.numbers_kept, ev.main_numbers_kept))
        .count() as u64;
    let links: Vec<SpinLink> = evidence
        .into_iter()
        .zip(&checks)
        .filter_map(|(found, &(a, b))| {
            let (evidence, counted) = found?;
            let covered = evidence.relation(true, params).is_some()
                || evidence.relation(false, params).is_some();
            covered.then_some(SpinLink {
                a,
                b,
                evidence,
                counted,
            })
        })
        .collect();
    stats.links = links.len() as u64;
    (links, stats)
}

impl SpinStats {
    /// Adds the counts of another part of the corpus.
    pub fn add(&mut self, other: &SpinStats) {
        self.docs += other.docs;
        self.lsh = self.lsh.or(other.lsh);
        self.candidates += other.candidates;
        self.checked += other.checked;
        self.numbers_differ += other.numbers_differ;
        self.links += other.links;
        self.light_spins += other.light_spins;
        self.gathered.aligned += other.gathered.aligned;
        self.gathered.merged += other.gathered.merged;
        self.gathered.members_moved += other.gathered.members_moved;
    }
}

/// Reads back and aligns each pair (A = first); None where a text could
/// not be read. With the word signatures (`words`), a pair whose estimate
/// sits near a bar ([`is_borderline`]) also has its shingles counted
/// exactly as the signer made them (`boilerplate` left out): the scores the
/// rules read for it, as `verify` and `explain` read them
/// ([`crate::exact`]). A pair whose numbers differ ([`numbers_kept`]) is
/// not aligned: no rule holds for it whatever the alignment, and templated
/// pages (one page's skeleton filled with other names and figures) pass
/// the spin view's estimate in their thousands.
pub(crate) fn align_pairs(
    read: &dyn ReadBack,
    (boilerplate, words): (&Boilerplate, Option<&SignatureRows>),
    params: &Params,
    docs: &[DocInfo],
    pairs: &[(u32, u32)],
) -> Vec<Option<Aligned>> {
    let align_params = AlignParams {
        seed: params.seed,
        ..AlignParams::default()
    };
    let near_a_bar: Vec<bool> = pairs
        .iter()
        .map(|&(a, b)| {
            words.is_some_and(|w| {
                let (da, db) = (&docs[a as usize], &docs[b as usize]);
                is_borderline(&PairScores::of(da, &w.row(a), db, &w.row(b)), params)
            })
        })
        .collect();
    // Each text is read once for its content hash and function-word
    // share, whatever number of pairs it is in.
    let immutable = ImmutableWords::new(params.seed);
    let signer = Signer::new(params, boilerplate);
    let facts = |t: &str| read_back_facts(t, params, &immutable);
    let evidence =
        map_pair_texts(read, docs, pairs, facts, |i, (a, fa), (b, fb)| {
            let counted = near_a_bar[i].then(|| {
                let (sa, sb) = (signed_set(a, &signer), signed_set(b, &signer));
                scores_of_sets(&sa, &sb, params.num_perm)
            });
            let kept = numbers_kept(&fa.numbers, &fb.numbers);
            // Two pages carrying one story in their own chrome keep its numbers
            // in their main texts only.
            let main_kept =
                main_numbers_kept(fa.main_numbers.as_deref(), fb.main_numbers.as_deref());
            if !numbers_allow_alignment(kept, main_kept) {
                return (SpinEvidence::numbers_changed(kept), counted);
            }
            let al = align_capped(a, b, &align_params, params.max_align_bytes);
            let function_share = fa.function_share.min(fb.function_share);
            let ev = SpinEvidence::with_function_share(&al, a, function_share, kept)
                .with_main_texts(&al, (a, b), (fa.main, fb.main), main_kept);
            (ev, counted)
        });
    let site = |d: u32| docs[d as usize].site;
    evidence
        .into_iter()
        .zip(pairs)
        .map(|(found, &(a, b))| {
            found.map(|(ev, counted)| (ev.with_sites(site(a), site(b)), counted))
        })
        .collect()
}

/// What [`align_pairs`] found of a pair: the aligner's evidence, and the
/// pair's shingles counted exactly when it was asked to.
pub(crate) type Aligned = (SpinEvidence, Option<PairScores>);

/// Light spins: members the verbatim view joined by itself (`near`,
/// `excerpt`) whose immutable words match the origin clearly better than
/// their words do. Each is aligned with its origin and relabelled `spun`
/// when the spin rule holds ([`SpinEvidence::is_spun`]). Returns the
/// evidence of each one relabelled (the smaller index as side A): the pair the
/// shingles verified says `near` or `excerpt`, this one says `spun`, and
/// `--pairs` writes both.
pub fn mark_light_spins(
    read: &dyn ReadBack,
    boilerplate: &Boilerplate,
    params: &Params,
    docs: &[DocInfo],
    spin_sigs: &[u16],
    clusters: &mut [Cluster],
) -> Vec<SpinLink> {
    let Some(sp) = &params.spin else {
        return Vec::new();
    };
    let k = sp.num_perm;
    let sig = |d: u32| &spin_sigs[d as usize * k..(d as usize + 1) * k];
    let mut cands: Vec<(usize, usize)> = Vec::new();
    for (ci, c) in clusters.iter().enumerate() {
        if c.members.len() < 2 || docs[c.origin as usize].spin_shingles == 0 {
            continue;
        }
        for (mi, m) in c.members.iter().enumerate() {
            if docs[m.doc as usize].spin_shingles == 0 {
                continue;
            }
            let word_j = m.scores.map_or(1.0, |s| s.jaccard);
            let spin_j = estimate_jaccard(sig(m.doc), sig(c.origin));
            if may_be_light_spin(m.relation, spin_j, word_j) {
                cands.push((ci, mi));
            }
        }
    }
    let pairs: Vec<(u32, u32)> = cands
        .iter()
        .map(|&(ci, mi)| {
            let c = &clusters[ci];
            (c.origin, c.members[mi].doc)
        })
        .collect();
    let aligned = align_pairs(read, (boilerplate, None), params, docs, &pairs);
    let mut marked = Vec::new();
    for ((&(ci, mi), found), &(a, b)) in cands.iter().zip(aligned).zip(&pairs) {
        // The origin is side A: the member's coverage is B's.
        if let Some((evidence, _)) = found.filter(|(ev, _)| ev.is_spun(false, params)) {
            let m = &mut clusters[ci].members[mi];
            m.relation = Relation::Spun;
            m.substituted = Some(evidence.substituted);
            let link = SpinLink {
                a,
                b,
                evidence,
                counted: None,
            };
            marked.push(link.oriented());
        }
    }
    marked
}
