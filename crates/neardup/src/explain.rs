//! Why two documents match: the verdict, the numbers behind it, and the
//! aligned passages.
//!
//! The verdict is the one `neardup cluster` would reach on the pair, by the
//! same rules ([`crate::rules`]) on the same numbers: both texts are signed
//! as the clustering signs them (with the corpus's boilerplate left out
//! when it is explained from `--corpus`), and the signature estimates
//! ([`Estimates`]) decide. The exact numbers on the whole text (word
//! 5-gram sets compared directly: Jaccard, containment each way) are shown
//! beside them, and the [`crate::align`] module supplies the passages, the
//! unmatched stretches and the word substitutions that the spin rule reads.
//!
//! # Which one is the origin
//!
//! [`explain_docs`] also says which of the two `neardup cluster` would keep
//! if the two made a cluster on their own, and why: the origin rule
//! ([`crate::rules::origin_step`]) applied to the pair. A document that is an
//! excerpt of the other is never kept for it; then the earlier date, then
//! the one that contains the other, then the longer, then the smaller id.
//!
//! # Reasons, not sentences
//!
//! An explanation is data: the verdict and the origin's step are codes
//! ([`Verdict`], [`OriginReason`]) and the numbers the step read come with
//! them ([`OriginGrounds`]). The sentences a reader sees are written by the
//! presentation (the `neardup` command's `report` module), so the library
//! carries no English and a program can word, translate or test the
//! reasons itself.

use crate::align::{align_capped, AlignParams, Alignment};
use crate::exact::{exact_scores, is_borderline, scores_of_sets};
use crate::minhash::estimate_jaccard;
use crate::params::Params;
use crate::rules::{
    drop_relation, may_be_light_spin, origin_step, OriginFacts, OriginReason, Relation,
    SpinEvidence, Standing, WrappedShortfall,
};
use crate::shingle::Boilerplate;
use crate::signing::{shingle_text, DocInfo, Scratch, Signer};
use crate::text::Script;
use crate::verify::PairScores;
use crate::wire::{find_credits, wire_service, Credit};
use serde::Serialize;

/// What two documents are to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Verdict {
    /// The same normalised words.
    ExactCopy,
    /// A syndicated copy: similar as a whole, or one wrapped in more text.
    SyndicatedCopy,
    /// One is a cut of the other.
    Excerpt,
    /// Reworded: same passages, many words substituted.
    SpunRewrite,
    /// Nothing that makes them copies.
    Unrelated,
}

impl Verdict {
    /// The name used in output (as serialized: `exact_copy`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::ExactCopy => "exact_copy",
            Verdict::SyndicatedCopy => "syndicated_copy",
            Verdict::Excerpt => "excerpt",
            Verdict::SpunRewrite => "spun_rewrite",
            Verdict::Unrelated => "unrelated",
        }
    }
}

/// The explanation of a pair.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The verdict, by the clustering rules on [`Explanation::estimated`].
    pub verdict: Verdict,
    /// Which side the verdict would drop for the other (None: unrelated).
    pub member: Option<Side>,
    /// The relation under which A may be dropped for B, whichever the
    /// origin rule keeps (None: never); what `cluster` gives A when B is
    /// its cluster's origin.
    pub a_for_b: Option<Relation>,
    /// The relation under which B may be dropped for A.
    pub b_for_a: Option<Relation>,
    /// Why A may not be dropped for B as `wrapped`, a story in another
    /// site's page: the rule's conditions it misses (empty when it may;
    /// the aligner's rule, read whatever the shingles say).
    pub a_not_wrapped: Vec<WrappedShortfall>,
    /// Why B may not be dropped for A as `wrapped`.
    pub b_not_wrapped: Vec<WrappedShortfall>,
    /// The numbers `cluster` decides by (and prints): signature estimates
    /// after boilerplate removal.
    pub estimated: Estimates,
    /// What the aligner found, as the spin rule reads it.
    pub spin: SpinEvidence,
    /// Exact Jaccard similarity of the word shingle sets of the whole texts
    /// (boilerplate included).
    pub jaccard: f64,
    /// Exact share of A's shingles found in B (whole texts).
    pub a_in_b: f64,
    /// Exact share of B's shingles found in A (whole texts).
    pub b_in_a: f64,
    /// Share of aligned words that were substituted.
    pub substituted_share: f64,
    /// Share of A's words inside shared passages.
    pub a_coverage: f64,
    /// Share of B's words inside shared passages.
    pub b_coverage: f64,
    /// The wire service A credits, with the evidence.
    pub a_wire: Option<Credit>,
    /// The wire service B credits, with the evidence.
    pub b_wire: Option<Credit>,
    /// One of them credits an agency that the other never names.
    pub credit_dropped: bool,
    /// Which one would be the origin of the two, and why.
    pub origin: OriginChoice,
    /// The alignment: passages, unmatched stretches, substitutions.
    pub alignment: Alignment,
}

/// The numbers `cluster` decides a pair by: MinHash estimates over each
/// text's shingles with the boilerplate left out, A as side `a`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Estimates {
    /// The pair's scores, A as side `a`: the `jaccard`, `containment` and
    /// `origin_containment` that `cluster` prints (flattened in JSON).
    #[serde(flatten)]
    pub scores: PairScores,
    /// Boilerplate shingles left out of A's signature.
    pub a_boilerplate: u32,
    /// Boilerplate shingles left out of B's signature.
    pub b_boilerplate: u32,
    /// Estimated Jaccard of the spin view (immutable-word shingles).
    pub spin_jaccard: Option<f64>,
    /// In how many of `cluster`'s LSH bands the two signatures agree
    /// ([`Params::lsh`]). With none the bands never propose the pair:
    /// `cluster` then finds it only as a pair two steps apart in the
    /// verified graph or as a spin-view candidate, and otherwise keeps the
    /// two apart whatever the rules say of them (exact copies are found
    /// by their content, not by the bands).
    pub lsh_bands_agreeing: u32,
    /// How many bands there are.
    pub lsh_bands: u32,
}

/// What the origin rule knows of a document besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocFacts {
    /// The id (or the file name).
    pub id: String,
    /// Publication time, Unix seconds, when known.
    pub date: Option<i64>,
    /// Its site's key hashed ([`crate::corpus::site_hash`]; 0: unknown):
    /// a story in another site's page needs two sites
    /// ([`SpinEvidence::is_wrapped_copy`]).
    pub site: u64,
}

impl DocFacts {
    /// A document known by name only.
    pub fn named(id: &str) -> Self {
        DocFacts {
            id: id.to_string(),
            date: None,
            site: 0,
        }
    }

    /// The facts a signed document keeps.
    pub fn of(doc: &DocInfo) -> Self {
        DocFacts {
            id: doc.id.to_string(),
            date: doc.date,
            site: doc.site,
        }
    }
}

/// One of the two documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The first.
    A,
    /// The second.
    B,
}

impl Side {
    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }

    /// "A" or "B".
    pub fn label(self) -> &'static str {
        match self {
            Side::A => "A",
            Side::B => "B",
        }
    }
}

/// The origin of a pair under the cluster rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct OriginChoice {
    /// Which document.
    pub side: Side,
    /// Its id (or file name).
    pub id: String,
    /// The step that decided, as `origin_reason` in the cluster output
    /// (`earliest_date`, `contains_others`, `longest`, `smallest_id`).
    pub reason: OriginReason,
    /// The numbers that step read.
    pub grounds: OriginGrounds,
}

/// The numbers behind an origin choice, by the kind of step that decided:
/// enough to say why without recomputing anything.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum OriginGrounds {
    /// `not_an_excerpt`, `contains_others`: how much of each is in the
    /// other (estimated, boilerplate left out), and the containment setting.
    Containment {
        /// Share of the other document's shingles found in the origin.
        other_in_origin: f64,
        /// Share of the origin's shingles found in the other.
        origin_in_other: f64,
        /// `Params::containment`.
        containment: f64,
    },
    /// `earliest_date`: the dates of A and B (Unix seconds), when known.
    Dates {
        /// A's date.
        a: Option<i64>,
        /// B's date.
        b: Option<i64>,
    },
    /// `longest`, `smallest_id`: the words of A and B.
    Words {
        /// A's words.
        a: u32,
        /// B's words.
        b: u32,
    },
    /// A step with no numbers of its own (`medoid`, `reference`, `single`).
    StepOnly,
}

/// Applies the origin rule ([`crate::rules::origin_step`]) to the pair,
/// as `cluster` does: with the verified scores when the pair matches on
/// shingles, on the facts alone when only the aligner joins them.
fn choose_origin(
    (a, b): (&DocFacts, &DocFacts),
    (wa, wb): (u32, u32),
    scores: Option<PairScores>,
    params: &Params,
) -> (Side, OriginReason) {
    let facts = |x: u32| {
        let (f, words) = if x == 0 { (a, wa) } else { (b, wb) };
        OriginFacts {
            id: &f.id,
            date: f.date,
            words,
            reference: false,
        }
    };
    let standing = |x: u32| match scores {
        Some(s) if x == 0 => Standing::of(&[(1, s)], params),
        Some(s) => Standing::of(&[(0, s.flipped())], params),
        None => Standing::default(),
    };
    let (o, reason) = origin_step(&[0, 1], facts, standing);
    (if o == 0 { Side::A } else { Side::B }, reason)
}

/// The numbers the deciding step of the origin rule read.
fn origin_grounds(
    (side, reason): (Side, OriginReason),
    (a, b): (&DocFacts, &DocFacts),
    (wa, wb): (u32, u32),
    est: &Estimates,
    params: &Params,
) -> OriginGrounds {
    let (other_in_origin, origin_in_other) = match side {
        Side::A => (est.scores.b_in_a, est.scores.a_in_b),
        Side::B => (est.scores.a_in_b, est.scores.b_in_a),
    };
    match reason {
        OriginReason::NotAnExcerpt | OriginReason::ContainsOthers => OriginGrounds::Containment {
            other_in_origin,
            origin_in_other,
            containment: params.containment,
        },
        OriginReason::EarliestDate => OriginGrounds::Dates {
            a: a.date,
            b: b.date,
        },
        OriginReason::Longest | OriginReason::SmallestId => OriginGrounds::Words { a: wa, b: wb },
        _ => OriginGrounds::StepOnly,
    }
}

/// Signs `text` as the clustering does (every text is signed, however
/// short, so that any pair can be explained).
fn sign(text: &str, signer: &Signer) -> (DocInfo, Vec<u16>, Vec<u16>) {
    let mut sig = vec![0u16; signer.params.num_perm];
    let mut spin_sig = vec![0u16; signer.spin_num_perm()];
    let t = signer
        .sign(text, &mut Scratch::default(), &mut sig, &mut spin_sig)
        .unwrap_or_default();
    let info = DocInfo::signed("", None, Default::default(), &t);
    (info, sig, spin_sig)
}

/// The estimates `cluster` would compute for the pair, with `boilerplate`
/// left out of both.
pub fn estimate_pair(a: &str, b: &str, params: &Params, boilerplate: &Boilerplate) -> Estimates {
    let params = Params {
        min_words: 1,
        ..params.clone()
    };
    let signer = Signer::new(&params, boilerplate);
    let (da, sa, spa) = sign(a, &signer);
    let (db, sb, spb) = sign(b, &signer);
    let mut s = PairScores::of(&da, &sa, &db, &sb);
    if is_borderline(&s, &params) {
        s = exact_scores(a, b, &signer);
    }
    Estimates {
        scores: PairScores {
            exact: s.exact && da.words > 0,
            ..s
        },
        a_boilerplate: da.boilerplate,
        b_boilerplate: db.boilerplate,
        spin_jaccard: (da.spin_shingles > 0 && db.spin_shingles > 0)
            .then(|| estimate_jaccard(&spa, &spb)),
        lsh_bands_agreeing: if da.shingles > 0 && db.shingles > 0 {
            bands_agreeing(&sa, &sb, params.lsh())
        } else {
            0
        },
        lsh_bands: params.lsh().bands as u32,
    }
}

/// The LSH bands in which two signatures agree on every value: the bands
/// that would put the two in one bucket.
fn bands_agreeing(a: &[u16], b: &[u16], lsh: crate::lsh::LshParams) -> u32 {
    (0..lsh.bands)
        .filter(|&band| {
            let rows = band * lsh.rows..(band + 1) * lsh.rows;
            a[rows.clone()] == b[rows]
        })
        .count() as u32
}

/// The verdict `cluster` would reach on the pair and the side it would drop,
/// given the side it keeps. Mirrors the clustering: the shingle rules first
/// (with the light-spin check of a copy whose immutable words match clearly
/// better than its words), then the aligner's rules for a pair the shingles
/// do not join.
fn rule_verdict(
    est: &Estimates,
    ev: &SpinEvidence,
    kept: Side,
    params: &Params,
) -> Option<(Relation, Side)> {
    let member = kept.other();
    let member_is_a = member == Side::A;
    let s = if member_is_a {
        est.scores
    } else {
        est.scores.flipped()
    };
    if let Some(rel) = drop_relation(&s, params) {
        let light_spin = est
            .spin_jaccard
            .is_some_and(|j| may_be_light_spin(rel, j, est.scores.jaccard))
            && ev.is_spun(member_is_a, params);
        return Some((if light_spin { Relation::Spun } else { rel }, member));
    }
    None
}

/// All the distinct shingles of `text`, sorted (nothing left out), and
/// how it was shingled (words, or characters of unspaced scripts).
fn whole_text_set(text: &str, params: &Params) -> (Vec<u64>, Script) {
    let mut s = Scratch::default();
    shingle_text(text, params, &mut s);
    let mut set = s.shingles().to_vec();
    set.sort_unstable();
    set.dedup();
    (set, s.script())
}

/// Explains documents `a` and `b` under the clustering rules of `params`,
/// with no boilerplate known; the origin is chosen without dates, between
/// ids "A" and "B".
pub fn explain(a: &str, b: &str, params: &Params) -> Explanation {
    explain_docs(
        (a, &DocFacts::named("A")),
        (b, &DocFacts::named("B")),
        params,
        &Boilerplate::default(),
    )
}

/// Explains two documents with what is known of them (id, date), which the
/// origin choice uses, and the boilerplate shingles of their corpus, which
/// the estimates leave out as `cluster` does.
pub fn explain_docs(
    (a, fa): (&str, &DocFacts),
    (b, fb): (&str, &DocFacts),
    params: &Params,
    boilerplate: &Boilerplate,
) -> Explanation {
    let ((set_a, script_a), (set_b, script_b)) =
        (whole_text_set(a, params), whole_text_set(b, params));
    let whole = scores_of_sets(&set_a, &set_b, params.num_perm);
    drop((set_a, set_b));
    let (jaccard, a_in_b, b_in_a) = (whole.jaccard, whole.a_in_b, whole.b_in_a);
    // Characters when either text is shingled by characters: the anchors
    // of words would be single common words in it.
    let script = script_a.max(script_b);
    let align_params = AlignParams::for_script(params.seed, script);
    let alignment = align_capped(a, b, &align_params, params.max_align_bytes);
    // The aligner's rules read an alignment in id order, as the spin view
    // made it (the documents' indices are in id order): aligning the other
    // way round can move a coverage across a bar.
    let spin = if fb.id < fa.id {
        let al = align_capped(b, a, &align_params, params.max_align_bytes);
        SpinEvidence::of(&al, b, a).flipped()
    } else {
        SpinEvidence::of(&alignment, a, b)
    }
    .with_sites(fa.site, fb.site);
    let estimated = estimate_pair(a, b, params, boilerplate);
    let words = (alignment.a_words as u32, alignment.b_words as u32);
    let s = estimated.scores;
    let joined_by_shingles =
        drop_relation(&s, params).is_some() || drop_relation(&s.flipped(), params).is_some();
    // As in cluster: the shingle rules with the pair's scores; the aligner's
    // rules for a pair they do not join, the kept side by the facts alone
    // (and the other way round when only that direction is covered).
    let mut origin = choose_origin((fa, fb), words, joined_by_shingles.then_some(s), params);
    // The relation under which the other side may be dropped when `kept`
    // is kept: the shingle rules, else the aligner's.
    let when_kept = |kept: Side| -> Option<Relation> {
        if joined_by_shingles {
            rule_verdict(&estimated, &spin, kept, params).map(|d| d.0)
        } else if params.spin.is_some() {
            spin.relation(kept.other() == Side::A, params)
        } else {
            None
        }
    };
    let mut decided = when_kept(origin.0).map(|r| (r, origin.0.other()));
    if decided.is_none() && !joined_by_shingles {
        // Only the other direction is covered: that one is kept.
        decided = when_kept(origin.0.other()).map(|r| (r, origin.0));
        if decided.is_some() {
            origin = (origin.0.other(), OriginReason::NotAnExcerpt);
        }
    }
    let verdict = match decided.map(|d| d.0) {
        Some(Relation::Exact) => Verdict::ExactCopy,
        Some(Relation::Near | Relation::Wrapped) => Verdict::SyndicatedCopy,
        Some(Relation::Excerpt) => Verdict::Excerpt,
        Some(Relation::Spun) => Verdict::SpunRewrite,
        _ => Verdict::Unrelated,
    };
    let (a_wire, b_wire) = (wire_service(a), wire_service(b));
    let names = |text: &str, agency: &Option<String>| {
        find_credits(text).iter().any(|c| c.agency == *agency)
    };
    let credit_dropped = match (&a_wire, &b_wire) {
        (Some(w), None) => verdict != Verdict::Unrelated && !names(b, &w.agency),
        (None, Some(w)) => verdict != Verdict::Unrelated && !names(a, &w.agency),
        _ => false,
    };
    let grounds = origin_grounds(origin, (fa, fb), words, &estimated, params);
    Explanation {
        verdict,
        member: decided.map(|d| d.1),
        a_for_b: when_kept(Side::B),
        b_for_a: when_kept(Side::A),
        a_not_wrapped: spin.wrapped_shortfalls(true, params),
        b_not_wrapped: spin.wrapped_shortfalls(false, params),
        estimated,
        spin,
        a_wire,
        b_wire,
        credit_dropped,
        jaccard,
        a_in_b,
        b_in_a,
        substituted_share: alignment.substituted_share(),
        a_coverage: alignment.coverage_a(),
        b_coverage: alignment.coverage_b(),
        origin: OriginChoice {
            side: origin.0,
            id: match origin.0 {
                Side::A => fa.id.clone(),
                Side::B => fb.id.clone(),
            },
            reason: origin.1,
            grounds,
        },
        alignment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The deputy foreign minister arrived in the capital on Saturday for talks \
        with the leader, state media said. The two sides discussed trade, energy and the \
        reconstruction of the eastern port after the floods, according to officials. \
        Thousands of soldiers have been deployed to the border since the war began, and the \
        visit follows weeks of negotiations over a new shipping agreement between the countries.";

    #[test]
    fn verdicts() {
        let p = Params::default();
        assert_eq!(
            explain(STORY, &STORY.to_uppercase(), &p).verdict,
            Verdict::ExactCopy
        );
        let wrapped =
            format!("HOME | WORLD | SUBSCRIBE NOW. {STORY} Share this article with your friends.");
        assert_eq!(
            explain(STORY, &wrapped, &p).verdict,
            Verdict::SyndicatedCopy
        );
        let cut = &STORY[..STORY.find("The two sides").unwrap()];
        let e = explain(cut, STORY, &p);
        assert_eq!(e.verdict, Verdict::Excerpt, "{e:?}");
        assert!(e.a_in_b > 0.99 && e.b_in_a < 0.7);
        let spun = STORY
            .replace("foreign", "international")
            .replace("talks", "discussions")
            .replace("capital", "metropolis")
            .replace("discussed", "mentioned")
            .replace("according to", "in line with")
            .replace("soldiers", "troopers")
            .replace("war", "struggle")
            .replace("weeks", "months")
            .replace("leader", "chief")
            .replace("agreement", "settlement");
        let e = explain(STORY, &spun, &p);
        assert_eq!(
            e.verdict,
            Verdict::SpunRewrite,
            "J {} subs {}",
            e.jaccard,
            e.substituted_share
        );
        let subs = e.alignment.substitution_counts();
        assert!(
            subs.iter().any(|(f, t, _)| f == "war" && t == "struggle"),
            "{subs:?}"
        );
        let other = "Shares in the mining company fell sharply after it warned that profits would \
            halve this year, blaming lower metal prices, a strike at its largest mine and the cost \
            of new safety rules that came into force in the spring.";
        assert_eq!(explain(STORY, other, &p).verdict, Verdict::Unrelated);
    }

    #[test]
    fn a_rewrite_in_another_language_is_not_spun() {
        let fr = "Le ministre adjoint des affaires étrangères est arrivé dans la capitale samedi \
            pour des entretiens avec le dirigeant, selon les médias officiels. Les deux parties \
            ont discuté du commerce, de l'énergie et de la reconstruction du port oriental après \
            les inondations, selon des responsables. Des milliers de soldats ont été déployés à \
            la frontière depuis le début de la guerre, et la visite fait suite à des semaines de \
            négociations sur un nouvel accord maritime entre les deux pays voisins.";
        let swapped = fr
            .replace("ministre", "secrétaire")
            .replace("capitale", "métropole")
            .replace("entretiens", "discussions")
            .replace("dirigeant", "chef")
            .replace("discuté", "parlé")
            .replace("commerce", "négoce")
            .replace("soldats", "militaires")
            .replace("guerre", "lutte")
            .replace("semaines", "mois")
            .replace("accord", "pacte");
        let e = explain(fr, &swapped, &Params::default());
        assert!(e.spin.function_share < 0.2, "{:?}", e.spin);
        assert_ne!(e.verdict, Verdict::SpunRewrite, "{:?}", e.spin);
    }

    fn dated(id: &str, date: Option<i64>) -> DocFacts {
        DocFacts {
            id: id.into(),
            date,
            site: 0,
        }
    }

    #[test]
    fn origin_follows_the_cluster_rule_step_by_step() {
        use OriginReason::*;
        let p = Params::default();
        let wrapped = format!("HOME | WORLD | SUBSCRIBE NOW. {STORY} Share this article.");
        let o = |a: (&str, &DocFacts), b: (&str, &DocFacts)| {
            explain_docs(a, b, &p, &Boilerplate::default()).origin
        };

        // 1. An excerpt is never kept for the text it was cut from, even
        //    when it is dated earlier.
        let (x, y) = (dated("x", Some(1_000)), dated("y", Some(2_000)));
        let lead = &STORY[..STORY.find("The two sides").unwrap()];
        let c = o((STORY, &y), (lead, &x));
        assert_eq!(
            (c.side, c.id.as_str(), c.reason),
            (Side::A, "y", NotAnExcerpt)
        );
        let OriginGrounds::Containment {
            other_in_origin,
            origin_in_other,
            containment,
        } = c.grounds
        else {
            panic!("{:?}", c.grounds)
        };
        assert!(other_in_origin > 0.99 && origin_in_other < 0.7, "{c:?}");
        assert_eq!(containment, p.containment);
        // 2. The earlier date wins between copies of one text.
        let c = o((STORY, &y), (&STORY.replace("Saturday", "Sunday"), &x));
        assert_eq!((c.side, c.reason), (Side::B, EarliestDate), "{c:?}");
        assert_eq!(
            c.grounds,
            OriginGrounds::Dates {
                a: Some(2_000),
                b: Some(1_000)
            }
        );
        // A dated copy comes before an undated one.
        let c = o((STORY, &dated("x", None)), (STORY, &y));
        assert_eq!((c.side, c.reason), (Side::B, EarliestDate));
        assert_eq!(
            c.grounds,
            OriginGrounds::Dates {
                a: None,
                b: Some(2_000)
            }
        );

        // 4. Same date, each contains the other: the longer (here the
        //    wrapped copy).
        let (x, y) = (dated("x", Some(5)), dated("y", Some(5)));
        let c = o((STORY, &x), (&wrapped, &y));
        assert_eq!((c.side, c.reason), (Side::B, Longest), "{c:?}");
        let OriginGrounds::Words { a, b } = c.grounds else {
            panic!("{:?}", c.grounds)
        };
        assert!(b > a, "{c:?}");

        // 5. Everything equal: the smaller id.
        let c = o(
            (STORY, &dated("site/2", None)),
            (STORY, &dated("site/10", None)),
        );
        assert_eq!(
            (c.side, c.id.as_str(), c.reason),
            (Side::B, "site/10", SmallestId)
        );
        // Without facts, A and B are the ids.
        assert_eq!(explain(STORY, STORY, &p).origin.side, Side::A);
    }

    #[test]
    fn a_capped_alignment_keeps_the_whole_texts_scores() {
        let (a, b) = crate::align::capped::fixture::story_deep_inside(20_000);
        let whole = explain(&a, &b, &Params::default());
        let p = Params {
            max_align_bytes: 8 << 10,
            ..Params::default()
        };
        for (x, y) in [(&a, &b), (&b, &a)] {
            let capped = explain(x, y, &p);
            let whole = if x == &a {
                whole.clone()
            } else {
                explain(x, y, &Params::default())
            };
            assert!(whole.alignment.limit.is_none());
            let limit = capped.alignment.limit.as_ref().expect("over the cap");
            assert_eq!(limit.max_bytes, 8 << 10);
            // The scores, the verdict and the origin read the whole texts.
            assert_eq!(capped.verdict, whole.verdict);
            assert_eq!(
                (capped.a_for_b, capped.b_for_a),
                (whole.a_for_b, whole.b_for_a)
            );
            assert_eq!(capped.estimated, whole.estimated);
            assert_eq!(
                [capped.jaccard, capped.a_in_b, capped.b_in_a],
                [whole.jaccard, whole.a_in_b, whole.b_in_a]
            );
            assert_eq!(capped.origin, whole.origin);
            assert_eq!(
                (capped.alignment.a_words, capped.alignment.b_words),
                (whole.alignment.a_words, whole.alignment.b_words)
            );
            assert_eq!(capped.spin, whole.spin);
        }
        // The story is nearly all inside B (its edits aside).
        assert!(whole.a_in_b > 0.75 && whole.a_coverage > 0.95, "{whole:?}");
        let json = serde_json::to_value(explain(&a, &b, &p)).unwrap();
        let b_part = &json["alignment"]["limit"]["b"];
        assert_eq!(b_part["bytes"], b.len());
        assert_eq!(b_part["chosen_by"], "shared_anchors");
        assert!(json["alignment"]["limit"]["a"].is_null());
        let uncapped = serde_json::to_value(&whole).unwrap();
        assert!(
            uncapped["alignment"].get("limit").is_none(),
            "said only when it applied"
        );
    }

    #[test]
    fn codes_are_written_as_named() {
        let e = explain(STORY, &STORY.to_uppercase(), &Params::default());
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["verdict"], e.verdict.as_str());
        assert_eq!(json["a_for_b"], "exact");
        assert_eq!(json["origin"]["reason"], e.origin.reason.as_str());
        assert_eq!(json["origin"]["grounds"]["kind"], "words");
    }
}
