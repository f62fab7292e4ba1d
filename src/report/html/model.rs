//! The report's view model: everything the page shows, as plain data.
//!
//! [`build`] computes it from the run's outcome and the texts read back for
//! the planned views ([`plan_views`]): the summary's counts, each cluster
//! with its members, and for each viewed member the pair explained for its
//! view ([`super::pair`]). The renderer (`page`, `view`) only formats this
//! model; it reads no file and calls no engine, so what the page says can
//! be tested on the model.
//!
//! Ids, members and texts are borrowed from the outcome and the read-back
//! texts: the model of a large run costs little beyond the explanations.

use super::pair::{pair_view, Shown};
use super::VIEWS_PER_CLUSTER;
use neardup::cluster::{Cluster, Relation};
use neardup::corpus::{FetchedTexts, Source};
use neardup::params::Params;
use neardup::pipeline::Outcome;
use neardup::signing::DocInfo;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Most unique documents listed by id.
pub const LISTED_UNIQUE: usize = 10_000;

/// The whole page.
pub(super) struct Page<'a> {
    /// The inputs' names.
    pub inputs: Vec<&'a str>,
    /// Bytes read.
    pub bytes: u64,
    /// The run's settings (the header states them).
    pub params: &'a Params,
    /// The views asked for at most (`--report-views`).
    pub max_views: usize,
    /// The counts of the summary.
    pub summary: Summary,
    /// Every document, by index (the members' rows).
    pub docs: &'a [DocInfo],
    /// The clusters of two or more, largest first.
    pub clusters: Vec<ClusterView<'a>>,
    /// Unique documents by id, at most [`LISTED_UNIQUE`].
    pub uniques: Vec<&'a str>,
    /// All unique documents.
    pub unique_count: usize,
}

/// The summary's counts.
#[derive(Debug, PartialEq)]
pub(super) struct Summary {
    /// Documents clustered.
    pub documents: usize,
    /// Records skipped.
    pub skipped: u64,
    /// Documents in clusters of two or more.
    pub in_clusters: usize,
    /// Members other than origins in them.
    pub members: usize,
    /// Members `dedup` removes.
    pub removed: usize,
    /// Members by relation.
    pub by_relation: BTreeMap<Relation, usize>,
    /// Members whose copy drops the cluster's wire credit.
    pub credit_dropped: usize,
    /// Rows of cluster sizes, largest first.
    pub sizes: Vec<SizeRow>,
    /// Side-by-side views planned.
    pub views: usize,
    /// Clusters with at least one view (the first ones).
    pub viewed_clusters: usize,
}

/// One row of the cluster-size table.
#[derive(Debug, PartialEq)]
pub(super) struct SizeRow {
    /// The size, or its range (`11–20`).
    pub label: String,
    /// Clusters of that size.
    pub clusters: usize,
    /// Documents in them.
    pub documents: usize,
}

/// One cluster of two or more.
pub(super) struct ClusterView<'a> {
    /// The cluster (origin, reason, members with relations and scores).
    pub cluster: &'a Cluster,
    /// The wire service one of its members credits.
    pub wire: Option<&'a str>,
    /// The views of its first members, in member order.
    pub views: Vec<PairView<'a>>,
}

/// A member's side-by-side view against its origin.
pub(super) enum PairView<'a> {
    /// The pair, explained.
    Shown(Box<Shown<'a>>),
    /// A text could not be read back (the input changed after the run).
    Unread {
        /// The member's index in its cluster.
        member: usize,
        /// The member's id.
        id: &'a str,
    },
}

/// One planned view: cluster index and member index in it.
pub(super) type Planned = (usize, usize);

/// Which members get a view: clusters in order (largest first), at most
/// [`VIEWS_PER_CLUSTER`] each, `max` in all.
pub(super) fn plan_views(o: &Outcome, max: usize) -> Vec<Planned> {
    let mut plan = Vec::new();
    for (ci, c) in o.clustering.duplicate_clusters().enumerate() {
        let room = max.saturating_sub(plan.len()).min(VIEWS_PER_CLUSTER);
        if room == 0 {
            break;
        }
        plan.extend((1..c.members.len()).take(room).map(|mi| (ci, mi)));
    }
    plan
}

/// The model of the report of `o` (whose records live in `sources`), with
/// views for `plan` from `texts` (read back by location).
pub(super) fn build<'a>(
    o: &'a Outcome,
    sources: &'a [Source],
    texts: &'a FetchedTexts,
    plan: &[Planned],
    params: &'a Params,
    max_views: usize,
) -> Page<'a> {
    let clusters: Vec<&Cluster> = o.clustering.duplicate_clusters().collect();
    let text_of = |d: u32| {
        let l = o.docs[d as usize].location;
        texts.get(&(l.source, l.offset)).map(String::as_str)
    };
    let id_of = |d: u32| &*o.docs[d as usize].id;
    let site_of = |d: u32| o.docs[d as usize].site;
    // Explaining is the cost of the report: pairs in parallel.
    let mut views: Vec<PairView> = plan
        .par_iter()
        .map(|&(ci, mi)| {
            let c = clusters[ci];
            let m = &c.members[mi];
            match (text_of(c.origin), text_of(m.doc)) {
                (Some(a), Some(b)) => PairView::Shown(Box::new(pair_view(
                    mi,
                    m.relation,
                    (id_of(c.origin), a),
                    (id_of(m.doc), b),
                    (site_of(c.origin), site_of(m.doc)),
                    params,
                    &o.boilerplate,
                ))),
                _ => PairView::Unread {
                    member: mi,
                    id: id_of(m.doc),
                },
            }
        })
        .collect();
    let mut cluster_views: Vec<ClusterView> = clusters
        .iter()
        .map(|&c| ClusterView {
            cluster: c,
            wire: c
                .members
                .iter()
                .find_map(|m| o.docs[m.doc as usize].wire.as_deref()),
            views: Vec::new(),
        })
        .collect();
    // The plan is in cluster order: hand each cluster its views.
    for (&(ci, _), v) in plan.iter().zip(views.drain(..)) {
        cluster_views[ci].views.push(v);
    }
    let singles = o
        .clustering
        .clusters
        .iter()
        .filter(|c| c.members.len() == 1);
    Page {
        inputs: sources.iter().map(|s| s.name.as_str()).collect(),
        bytes: o.stats.bytes,
        params,
        max_views,
        summary: summary(o, &clusters, plan),
        docs: &o.docs,
        clusters: cluster_views,
        uniques: singles
            .clone()
            .take(LISTED_UNIQUE)
            .map(|c| id_of(c.origin))
            .collect(),
        unique_count: singles.count(),
    }
}

/// The summary's counts.
fn summary(o: &Outcome, clusters: &[&Cluster], plan: &[Planned]) -> Summary {
    let members = || clusters.iter().flat_map(|c| &c.members[1..]);
    let mut by_relation: BTreeMap<Relation, usize> = BTreeMap::new();
    for m in members() {
        *by_relation.entry(m.relation).or_default() += 1;
    }
    let mut sizes: BTreeMap<usize, (&str, usize, usize)> = BTreeMap::new();
    for c in clusters {
        let (key, label) = size_bucket(c.members.len());
        let e = sizes.entry(key).or_insert((label, 0, 0));
        e.1 += 1;
        e.2 += c.members.len();
    }
    Summary {
        documents: o.docs.len(),
        skipped: o.skipped.len(),
        in_clusters: clusters.iter().map(|c| c.members.len()).sum(),
        members: members().count(),
        removed: members().filter(|m| m.relation.is_duplicate()).count(),
        by_relation,
        credit_dropped: members().filter(|m| m.credit_dropped).count(),
        sizes: sizes
            .iter()
            .rev()
            .map(|(size, &(label, clusters, documents))| SizeRow {
                label: if label.is_empty() {
                    size.to_string()
                } else {
                    label.to_string()
                },
                clusters,
                documents,
            })
            .collect(),
        views: plan.len(),
        viewed_clusters: plan.last().map_or(0, |p| p.0 + 1),
    }
}

/// Label of a cluster-size row: exact sizes up to 10, then ranges.
fn size_bucket(n: usize) -> (usize, &'static str) {
    const BUCKETS: [(usize, &str); 5] = [
        (11, "11–20"),
        (21, "21–50"),
        (51, "51–100"),
        (101, "101–1000"),
        (1001, "over 1000"),
    ];
    BUCKETS
        .iter()
        .rev()
        .find(|b| n >= b.0)
        .map_or((n, ""), |&(lo, label)| (lo, label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use neardup::corpus::{expand_inputs, fetch_texts, InputFormat, Location};
    use neardup::explain::{explain_docs, DocFacts, Verdict};
    use neardup::pipeline::{run, NoProgress};

    #[test]
    fn size_buckets() {
        assert_eq!(size_bucket(2), (2, ""));
        assert_eq!(size_bucket(10), (10, ""));
        assert_eq!(size_bucket(11), (11, "11–20"));
        assert_eq!(size_bucket(37), (21, "21–50"));
        assert_eq!(size_bucket(5000), (1001, "over 1000"));
    }

    /// The sample crawl, clustered as `neardup cluster` does by default,
    /// with every text read back.
    struct SampleRun {
        sources: Vec<Source>,
        params: Params,
        o: Outcome,
        texts: FetchedTexts,
    }

    impl SampleRun {
        fn new() -> Self {
            let crawl =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/crawl.jsonl");
            let (sources, bad) = expand_inputs(&[crawl], InputFormat::Auto);
            assert!(bad.is_empty());
            let params = Params::default();
            let o = run(&sources, Default::default(), &params, &NoProgress);
            let all: Vec<Location> = o.docs.iter().map(|d| d.location).collect();
            let texts = fetch_texts(&sources, &params.fields, &all);
            SampleRun {
                sources,
                params,
                o,
                texts,
            }
        }

        /// The page with at most `views` views, texts from `texts`.
        fn page<'a>(&'a self, views: usize, texts: &'a FetchedTexts) -> Page<'a> {
            let plan = plan_views(&self.o, views);
            build(&self.o, &self.sources, texts, &plan, &self.params, views)
        }
    }

    #[test]
    fn a_view_holds_the_numbers_explain_computes_for_the_pair() {
        let run = SampleRun::new();
        let (o, texts, params) = (&run.o, &run.texts, &run.params);
        let page = run.page(1000, texts);
        let mut shown = 0;
        for cv in &page.clusters {
            let c = cv.cluster;
            for v in &cv.views {
                let PairView::Shown(v) = v else {
                    panic!("every text of the sample is read back")
                };
                let m = &c.members[v.member];
                let (od, md) = (&o.docs[c.origin as usize], &o.docs[m.doc as usize]);
                assert_eq!((v.a.id, v.b.id), (&*od.id, &*md.id));
                assert_eq!(v.relation, m.relation);
                let text = |d: &DocInfo| texts[&(d.location.source, d.location.offset)].as_str();
                let (a, b) = (text(od), text(md));
                assert_eq!((v.a.text, v.b.text), (a, b), "short texts are not cut");
                assert!(!v.is_cut());
                let e = explain_docs(
                    (a, &DocFacts::of(od)),
                    (b, &DocFacts::of(md)),
                    params,
                    &o.boilerplate,
                );
                assert_eq!(v.verdict, e.verdict);
                assert_eq!(v.estimated_jaccard, e.estimated.scores.jaccard);
                assert_eq!(
                    [v.jaccard, v.a_in_b, v.b_in_a],
                    [e.jaccard, e.a_in_b, e.b_in_a]
                );
                assert_eq!(
                    [v.a_coverage, v.b_coverage, v.substituted_share],
                    [e.a_coverage, e.b_coverage, e.substituted_share]
                );
                assert_eq!(v.credit_dropped, e.credit_dropped);
                assert_eq!(v.alignment, e.alignment);
                assert_eq!(v.substitutions, e.alignment.substitution_counts());
                // The clustering's verdict and the view's agree.
                assert_ne!(v.verdict, Verdict::Unrelated, "{} vs {}", md.id, od.id);
                shown += 1;
            }
        }
        assert_eq!(shown, page.summary.views);
        assert!(shown > 10);
    }

    #[test]
    fn the_summary_counts_the_clusters_and_the_plan() {
        let run = SampleRun::new();
        let page = run.page(5, &run.texts);
        let s = &page.summary;
        let dups: Vec<&Cluster> = run.o.clustering.duplicate_clusters().collect();
        assert_eq!(page.clusters.len(), dups.len());
        assert_eq!(
            s.in_clusters,
            dups.iter().map(|c| c.members.len()).sum::<usize>()
        );
        assert_eq!(s.members, s.in_clusters - dups.len());
        assert_eq!(s.by_relation.values().sum::<usize>(), s.members);
        assert_eq!(
            s.sizes.iter().map(|r| r.documents).sum::<usize>(),
            s.in_clusters
        );
        assert_eq!(page.unique_count, s.documents - s.in_clusters);
        assert_eq!(page.uniques.len(), page.unique_count);
        // Five views: the first cluster's first five members.
        assert_eq!((s.views, s.viewed_clusters), (5, 1));
        assert_eq!(page.clusters[0].views.len(), 5);
        assert!(page.clusters[1..].iter().all(|c| c.views.is_empty()));
    }

    #[test]
    fn a_text_not_read_back_is_a_view_that_says_so() {
        let run = SampleRun::new();
        let nothing = FetchedTexts::new();
        let page = run.page(3, &nothing);
        let views = &page.clusters[0].views;
        assert_eq!(views.len(), 3);
        for (i, v) in views.iter().enumerate() {
            let PairView::Unread { member, id } = v else {
                panic!("nothing was read back")
            };
            assert_eq!(*member, i + 1);
            let doc = page.clusters[0].cluster.members[i + 1].doc;
            assert_eq!(*id, &*run.o.docs[doc as usize].id);
        }
    }
}
