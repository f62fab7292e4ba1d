//! The embedding API: documents added from memory, queried, clustered and
//! explained, under the same rules as the `neardup` command.
//!
//! An [`Index`] signs each document as it is added (one pass of the
//! tokeniser, the shingles and both MinHash views) and keeps its signature
//! and its text. The text is kept because the rules read words: pairs whose
//! estimates sit near a threshold are counted exactly ([`crate::exact`]),
//! the aligner confirms spun rewrites ([`crate::spin`]), and
//! [`Index::explain`] shows the passages. LSH buckets are kept up to date,
//! so [`Index::query`] looks a new text up without a scan.
//!
//! [`Index::clusters`] runs the command's clustering on everything indexed
//! (in id order, so the result does not depend on the order of `add`);
//! [`Index::clusters_with`] runs it again with other thresholds on the same
//! signatures (what `neardup tune` needs), refusing settings that would
//! change the signatures themselves.
//!
//! Boilerplate: the command learns a corpus's boilerplate in a sampling pass
//! before it signs. An index signs as documents arrive, so it leaves out
//! only the boilerplate it is given ([`Index::with_boilerplate`], e.g.
//! learned by [`crate::boilerplate::sample_boilerplate`] over a sample of
//! files); by default nothing is left out.
//!
//! ```
//! use neardup::index::{Document, Index};
//! use neardup::params::Params;
//! use neardup::rules::Relation;
//!
//! let story = "The port authority said on Monday that dockworkers would end \
//!     their strike after the union accepted a new contract covering wages, \
//!     automation and safety at the container terminal for the next three years.";
//! let params = Params::builder().threshold(0.5).build()?;
//! let mut index = Index::new(params);
//! index.add(Document::new("wire-1", story).with_date(1_700_000_000))?;
//! let copy = format!("{story} Our reporter adds that ships are waiting offshore.");
//! index.add(Document::new("site-2", &copy).with_url("https://news.example/port"))?;
//! index.add(Document::new("other", "A different article entirely, about the \
//!     weather in the mountains this weekend and how the hikers prepared for it."))?;
//!
//! // A new text against what is indexed.
//! let found = index.query(story)?;
//! assert_eq!(found[0].id, "wire-1");
//! assert_eq!(found[0].relation, Some(Relation::Exact));
//!
//! // The clusters, with the kept copy and what each member is to it.
//! let clusters = index.clusters();
//! let c = clusters.cluster_of("site-2").unwrap();
//! assert_eq!(clusters.id(c.origin), "wire-1");
//! assert_eq!(c.members.len(), 2);
//! assert_eq!(clusters.cluster_of("other").unwrap().members.len(), 1);
//!
//! // Every match explained, with the same numbers: all of the wire story
//! // is inside the site's copy, and the copy is dropped for it.
//! let why = index.explain("site-2", "wire-1")?;
//! assert_eq!(why.b_in_a, 1.0);
//! assert_eq!(why.a_for_b, Some(c.members[1].relation));
//!
//! // Other thresholds on the same signatures.
//! let strict = Params::builder().threshold(0.95).excerpts(false).build()?;
//! let apart = index.clusters_with(&strict)?;
//! assert_eq!(apart.cluster_of("site-2").unwrap().members.len(), 1);
//! # Ok::<(), neardup::Error>(())
//! ```

use crate::cluster::{Cluster, Clustering};
use crate::corpus::{site_key, FetchedTexts, Location, ReadBack};
use crate::error::{Error, Result};
use crate::exact::{is_borderline, scores_of_sets, signed_set};
use crate::explain::{explain_docs, DocFacts, Explanation};
use crate::lsh::{band_keys, LshParams};
use crate::params::Params;
use crate::pipeline::{cluster_signed, NoProgress, RunStats, SignedCorpus};
use crate::rules::{drop_relation, Relation};
use crate::shingle::Boilerplate;
use crate::signing::{with_scratch, DocInfo, Signer};
use crate::verify::PairScores;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// A document handed to the index.
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// Its id, unique in the index.
    pub id: &'a str,
    /// Its text.
    pub text: &'a str,
    /// Publication time, Unix seconds (the origin rule prefers the earliest).
    pub date: Option<i64>,
    /// Its URL or site name (kept for the caller; the index knows no
    /// per-site boilerplate).
    pub url: Option<&'a str>,
}

impl<'a> Document<'a> {
    /// A document with an id and a text.
    pub fn new(id: &'a str, text: &'a str) -> Self {
        Document {
            id,
            text,
            date: None,
            url: None,
        }
    }

    /// With a publication time (Unix seconds).
    pub fn with_date(self, unix_seconds: i64) -> Self {
        Document {
            date: Some(unix_seconds),
            ..self
        }
    }

    /// With a URL or site name.
    pub fn with_url(self, url: &'a str) -> Self {
        Document {
            url: Some(url),
            ..self
        }
    }
}

/// An indexed document that matches a query.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Match {
    /// The indexed document's id.
    pub id: String,
    /// The scores, the query as side `a` (exact counts where the estimate
    /// sat near a threshold: `scores.checked`).
    pub scores: PairScores,
    /// The relation under which the query may be dropped for this document
    /// (None: the document may be dropped for the query, see
    /// [`Match::contains`]).
    pub relation: Option<Relation>,
    /// The relation under which this document may be dropped for the query.
    pub contains: Option<Relation>,
}

/// Documents added from memory, their signatures, texts and LSH buckets.
pub struct Index {
    params: Params,
    boilerplate: Boilerplate,
    lsh: LshParams,
    docs: Vec<DocInfo>,
    sigs: Vec<u16>,
    spin_sigs: Vec<u16>,
    texts: Vec<String>,
    urls: Vec<Option<String>>,
    by_id: HashMap<Box<str>, u32>,
    buckets: HashMap<u64, Vec<u32>>,
}

impl Index {
    /// An empty index with these settings (checked with
    /// [`Params::validate`] when built by [`Params::builder`]).
    pub fn new(params: Params) -> Self {
        Index::with_boilerplate(params, Boilerplate::default())
    }

    /// An empty index that leaves `boilerplate` shingles out of signatures.
    pub fn with_boilerplate(params: Params, boilerplate: Boilerplate) -> Self {
        let lsh = params.lsh();
        Index {
            params,
            boilerplate,
            lsh,
            docs: Vec::new(),
            sigs: Vec::new(),
            spin_sigs: Vec::new(),
            texts: Vec::new(),
            urls: Vec::new(),
            by_id: HashMap::new(),
            buckets: HashMap::new(),
        }
    }

    /// The settings.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// How many documents are indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The URL a document was added with.
    pub fn url(&self, id: &str) -> Option<&str> {
        self.doc_index(id)
            .ok()
            .and_then(|d| self.urls[d as usize].as_deref())
    }

    /// The site a document was added with: its URL's host as the
    /// boilerplate rule keys it ([`site_key`]).
    pub fn site(&self, id: &str) -> Option<std::borrow::Cow<'_, str>> {
        self.url(id).map(site_key)
    }

    /// Signs and adds one document. Fails, adding nothing, on a repeated id
    /// or a text the command would skip (empty, shorter than `min_words`).
    pub fn add(&mut self, doc: Document<'_>) -> Result<()> {
        self.extend([doc]).map(|_| ())
    }

    /// Signs documents in parallel and adds them; stops at the first that
    /// cannot be added (those before it are added). Returns how many were
    /// added.
    pub fn extend<'d>(&mut self, docs: impl IntoIterator<Item = Document<'d>>) -> Result<usize> {
        let mut added = 0;
        let mut failed = None;
        self.add_signed(
            docs,
            |e| {
                failed = Some(e);
                ControlFlow::Break(())
            },
            &mut added,
        );
        failed.map_or(Ok(added), Err)
    }

    /// Signs documents in parallel and adds every one it can, as the
    /// command does with a corpus: a repeated id keeps the first, a text
    /// the command would skip (empty, too short) is left out. Returns what
    /// was not added and why ([`Error::DuplicateId`] or [`Error::Skipped`]),
    /// in input order.
    pub fn extend_skipping<'d>(
        &mut self,
        docs: impl IntoIterator<Item = Document<'d>>,
    ) -> Vec<Error> {
        let mut skipped = Vec::new();
        let mut added = 0;
        self.add_signed(
            docs,
            |e| {
                skipped.push(e);
                ControlFlow::Continue(())
            },
            &mut added,
        );
        skipped
    }

    /// Signs `docs` in parallel, then adds them in order; a document that
    /// cannot be added goes to `on_error`, which says whether to go on.
    fn add_signed<'d>(
        &mut self,
        docs: impl IntoIterator<Item = Document<'d>>,
        mut on_error: impl FnMut(Error) -> ControlFlow<()>,
        added: &mut usize,
    ) {
        use rayon::prelude::*;
        let docs: Vec<Document<'d>> = docs.into_iter().collect();
        let signer = Signer::new(&self.params, &self.boilerplate);
        let k = self.params.num_perm;
        let spin_k = signer.spin_num_perm();
        let signed: Vec<_> = docs
            .par_iter()
            .map(|d| {
                let mut sig = vec![0u16; k];
                let mut spin = vec![0u16; spin_k];
                with_scratch(|s| signer.sign(d.text, s, &mut sig, &mut spin))
                    .map(|t| (t, sig, spin))
            })
            .collect();
        for (d, signed) in docs.iter().zip(signed) {
            let result = if self.by_id.contains_key(d.id) {
                Err(Error::DuplicateId(d.id.to_string()))
            } else {
                signed.map_err(|reason| Error::Skipped {
                    id: d.id.to_string(),
                    reason,
                })
            };
            let (t, sig, spin) = match result {
                Ok(ok) => ok,
                Err(e) => match on_error(e) {
                    ControlFlow::Continue(()) => continue,
                    ControlFlow::Break(()) => return,
                },
            };
            let index = self.docs.len() as u32;
            let location = Location {
                source: 0,
                line: u64::from(index) + 1,
                offset: u64::from(index),
                len: d.text.len() as u64,
            };
            self.docs.push(
                DocInfo::signed(d.id, d.date, location, &t)
                    .with_wire_of(d.text)
                    .with_site(d.url),
            );
            for key in self.band_keys(&sig) {
                self.buckets.entry(key).or_default().push(index);
            }
            self.sigs.extend_from_slice(&sig);
            self.spin_sigs.extend_from_slice(&spin);
            self.texts.push(d.text.to_string());
            self.urls.push(d.url.map(str::to_string));
            self.by_id.insert(d.id.into(), index);
            *added += 1;
        }
    }

    /// The LSH bucket key of each band of `sig`.
    fn band_keys<'s>(&self, sig: &'s [u16]) -> impl Iterator<Item = u64> + 's {
        band_keys(sig, self.lsh)
    }

    fn doc_index(&self, id: &str) -> Result<u32> {
        self.by_id
            .get(id)
            .copied()
            .ok_or_else(|| Error::UnknownId(id.to_string()))
    }

    fn sig(&self, d: u32) -> &[u16] {
        let k = self.params.num_perm;
        &self.sigs[d as usize * k..(d as usize + 1) * k]
    }

    /// The indexed documents that match `text` under the settings' rules,
    /// best first (Jaccard, then id). The verbatim view only: a spun
    /// rewrite of an indexed text is found by [`Index::clusters`] and
    /// [`Index::explain`], which run the aligner.
    pub fn query(&self, text: &str) -> Result<Vec<Match>> {
        let signer = Signer::new(&self.params, &self.boilerplate);
        let mut sig = vec![0u16; self.params.num_perm];
        let mut spin = vec![0u16; signer.spin_num_perm()];
        let t = with_scratch(|s| signer.sign(text, s, &mut sig, &mut spin)).map_err(|reason| {
            Error::Skipped {
                id: "the query".into(),
                reason,
            }
        })?;
        let q = DocInfo::signed("", None, Location::default(), &t);
        let mut cands: Vec<u32> = self
            .band_keys(&sig)
            .filter_map(|key| self.buckets.get(&key))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let mut query_set = None;
        let mut out = Vec::new();
        for d in cands {
            let mut s = PairScores::of(&q, &sig, &self.docs[d as usize], self.sig(d));
            if is_borderline(&s, &self.params) {
                let qs = query_set.get_or_insert_with(|| signed_set(text, &signer));
                let ds = signed_set(&self.texts[d as usize], &signer);
                s = scores_of_sets(qs, &ds, self.params.num_perm);
            }
            if !s.is_match(&self.params) {
                continue;
            }
            out.push(Match {
                id: self.docs[d as usize].id.to_string(),
                scores: s,
                relation: drop_relation(&s, &self.params),
                contains: drop_relation(&s.flipped(), &self.params),
            });
        }
        out.sort_by(|a, b| {
            b.scores
                .jaccard
                .total_cmp(&a.scores.jaccard)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// Clusters everything indexed, as `neardup cluster` would the same
    /// documents.
    pub fn clusters(&self) -> Clusters {
        self.cluster_sorted(&self.params)
    }

    /// Clusters again with other thresholds on the same signatures. Fails
    /// when `params` would change the signatures (`num_perm`, `seed`,
    /// `shingle_size`, `char_shingle_size`, `min_words`, `min_chars`, the
    /// spin view on or off or its shingles).
    pub fn clusters_with(&self, params: &Params) -> Result<Clusters> {
        params.validate()?;
        let p = &self.params;
        let same = [
            ("num_perm", p.num_perm == params.num_perm),
            ("seed", p.seed == params.seed),
            ("shingle_size", p.shingle_size == params.shingle_size),
            ("min_words", p.min_words == params.min_words),
            (
                "char_shingle_size",
                p.char_shingle_size == params.char_shingle_size,
            ),
            ("min_chars", p.min_chars == params.min_chars),
            (
                "spin",
                p.spin.as_ref().map(|s| (s.shingle_size, s.num_perm))
                    == params.spin.as_ref().map(|s| (s.shingle_size, s.num_perm)),
            ),
        ];
        if let Some((name, _)) = same.iter().find(|(_, ok)| !ok) {
            return Err(Error::IncompatibleSettings(name));
        }
        Ok(self.cluster_sorted(params))
    }

    fn cluster_sorted(&self, params: &Params) -> Clusters {
        // Id order, as the command sorts: the result must not depend on the
        // order of `add`.
        let mut order: Vec<u32> = (0..self.docs.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.docs[a as usize].id.cmp(&self.docs[b as usize].id));
        // Signed with the index's spin view; clustered with it only when
        // `params` keeps it on (clusters_with checked the two agree).
        let spin_k = match (&self.params.spin, &params.spin) {
            (Some(sp), Some(_)) => sp.num_perm,
            _ => 0,
        };
        let mut corpus = SignedCorpus {
            docs: Vec::with_capacity(order.len()),
            signatures: Vec::with_capacity(self.sigs.len()),
            spin_signatures: Vec::with_capacity(order.len() * spin_k),
        };
        for &d in &order {
            corpus.docs.push(self.docs[d as usize].clone());
            corpus.signatures.extend_from_slice(self.sig(d));
            if spin_k > 0 {
                let d = d as usize;
                corpus
                    .spin_signatures
                    .extend_from_slice(&self.spin_sigs[d * spin_k..(d + 1) * spin_k]);
            }
        }
        let read = MemoryTexts(&self.texts);
        let mut stats = RunStats::default();
        let (clustering, _) = cluster_signed(
            &corpus,
            &read,
            &self.boilerplate,
            params,
            &mut stats,
            &NoProgress,
        );
        Clusters {
            docs: corpus.docs,
            clustering,
            stats,
        }
    }

    /// Explains two indexed documents: the scores (estimated as clustering
    /// does, and exact), the relation each way, the origin, the aligned
    /// passages.
    pub fn explain(&self, a: &str, b: &str) -> Result<Explanation> {
        let (da, db) = (self.doc_index(a)?, self.doc_index(b)?);
        let facts = |d: u32| DocFacts::of(&self.docs[d as usize]);
        Ok(explain_docs(
            (&self.texts[da as usize], &facts(da)),
            (&self.texts[db as usize], &facts(db)),
            &self.params,
            &self.boilerplate,
        ))
    }
}

/// Texts held by the index: a document's location offset is its index.
struct MemoryTexts<'a>(&'a [String]);

impl ReadBack for MemoryTexts<'_> {
    fn fetch(&self, locations: &[Location]) -> FetchedTexts {
        locations
            .iter()
            .filter_map(|l| {
                let t = self.0.get(l.offset as usize)?;
                Some(((l.source, l.offset), t.clone()))
            })
            .collect()
    }

    fn batch_bytes(&self) -> u64 {
        crate::corpus::READ_BACK_BATCH_BYTES
    }
}

/// The clusters of an index, with the documents they index into.
#[non_exhaustive]
pub struct Clusters {
    /// The documents in id order ([`Cluster`] members index into it).
    pub docs: Vec<DocInfo>,
    /// The clusters.
    pub clustering: Clustering,
    /// Counters and timings of the run.
    pub stats: RunStats,
}

impl Clusters {
    /// The id of document `doc` (a member's or origin's index).
    pub fn id(&self, doc: u32) -> &str {
        &self.docs[doc as usize].id
    }

    /// The cluster holding the document with this id.
    pub fn cluster_of(&self, id: &str) -> Option<&Cluster> {
        let d = self.docs.binary_search_by(|x| x.id.as_ref().cmp(id)).ok()?;
        let c = *self.clustering.doc_cluster.get(d)?;
        self.clustering.clusters.get(c as usize)
    }

    /// Every cluster (unique documents too), in cluster id order.
    pub fn iter(&self) -> impl Iterator<Item = &Cluster> {
        self.clustering.clusters.iter()
    }

    /// The documents a deduplicated corpus keeps: each cluster's origin.
    pub fn kept(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|c| self.id(c.origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::SkipReason;

    fn words(seed: u32, n: u32) -> String {
        (0..n)
            .map(|i| format!("w{}", (i * 7919 + seed * 104_729) % 100_003))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_order_of_add_does_not_change_the_clusters() {
        let a = words(1, 200);
        let b = format!("{a} and a few more words of its own here");
        let c = words(2, 200);
        let docs = [("a", a.as_str()), ("b", b.as_str()), ("c", c.as_str())];
        let run = |order: &[usize]| {
            let mut idx = Index::new(Params::default());
            for &i in order {
                idx.add(Document::new(docs[i].0, docs[i].1)).unwrap();
            }
            let cl = idx.clusters();
            ["a", "b", "c"].map(|id| {
                let c = cl.cluster_of(id).unwrap();
                (cl.id(c.origin).to_string(), c.members.len())
            })
        };
        let first = run(&[0, 1, 2]);
        assert_eq!(first, run(&[2, 1, 0]));
        assert_eq!(first[0], first[1], "a and b together");
        assert_eq!(first[2].1, 1, "c alone");
    }

    #[test]
    fn bad_documents_are_refused_with_a_reason() {
        let mut idx = Index::new(Params::default());
        let text = words(3, 50);
        idx.add(Document::new("x", &text)).unwrap();
        assert_eq!(
            idx.add(Document::new("x", &text)),
            Err(Error::DuplicateId("x".into()))
        );
        match idx.add(Document::new("short", "two words")) {
            Err(Error::Skipped {
                reason: SkipReason::TooShort { .. },
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        assert_eq!(idx.len(), 1);
        assert!(matches!(idx.explain("x", "nope"), Err(Error::UnknownId(_))));
    }

    #[test]
    fn reclustering_refuses_settings_that_change_signatures() {
        let idx = Index::new(Params::default());
        let other = Params::builder().num_perm(64).build().unwrap();
        assert_eq!(
            idx.clusters_with(&other).err(),
            Some(Error::IncompatibleSettings("num_perm"))
        );
    }

    #[test]
    fn a_query_finds_an_excerpt_and_says_which_way() {
        let long = words(4, 300);
        let mut idx = Index::new(Params::default());
        idx.add(Document::new("long", &long)).unwrap();
        idx.add(Document::new("other", &words(5, 300))).unwrap();
        let cut: String = long.split(' ').take(150).collect::<Vec<_>>().join(" ");
        let found = idx.query(&cut).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].id, "long");
        assert_eq!(found[0].relation, Some(Relation::Excerpt));
        assert_eq!(
            found[0].contains, None,
            "the long text is not inside the cut"
        );
    }

    #[test]
    fn extend_skipping_adds_all_it_can_and_says_why_not() {
        let a = words(1, 80);
        let b = words(2, 80);
        let mut index = Index::new(Params::default());
        let skipped = index.extend_skipping([
            Document::new("a", &a),
            Document::new("short", "three words only"),
            Document::new("a", &b),
            Document::new("b", &b),
        ]);
        assert_eq!(index.len(), 2);
        assert!(
            matches!(&skipped[0], Error::Skipped { id, reason: SkipReason::TooShort { .. } } if id == "short")
        );
        assert_eq!(skipped[1], Error::DuplicateId("a".into()));
        assert_eq!(skipped.len(), 2);
        // The first "a" was kept: its text, not the repeat's.
        assert_eq!(index.query(&a).unwrap()[0].id, "a");
        // extend stops at the first failure instead.
        let mut strict = Index::new(Params::default());
        let err = strict
            .extend([
                Document::new("a", &a),
                Document::new("s", "too short"),
                Document::new("b", &b),
            ])
            .unwrap_err();
        assert!(matches!(err, Error::Skipped { .. }));
        assert_eq!(strict.len(), 1);
    }
}
