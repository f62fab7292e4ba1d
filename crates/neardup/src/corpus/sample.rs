//! The boilerplate sample's policy: which records it takes, and how many.
//!
//! A record is in the sample when a hash of its **text** falls at or below
//! a cut-off, and the cut-off takes about `df_sample_bytes` of the corpus's
//! total text ([`cut_for`]). Both depend on the texts alone, so the sample
//! is the same for any input order, thread count, compression and format:
//! a JSON Lines file, the same records as Parquet, WET or Python objects,
//! all sample the same documents. (A hash of the raw JSON line would spare
//! the parse of records outside the sample, but the line holds the other
//! fields and their escaping, and the file's size is not its text's: the
//! formats then sampled different records above the sample size.)
//!
//! **Small sites are topped up.** Above the sample size a site holds only
//! its share of the sample: at 100 MB of text a site of four pages has on
//! average less than one page in a 16 MB sample, and its chrome (a rule
//! that needs two of its pages) is never learned, so its copies of wire
//! stories keep hundreds of words of chrome and miss their origin. So
//! each site also lends the sample its pages ranked up to
//! `site_sample_pages` by the same hash (ties share a rank: SQL's `rank()`),
//! as far as a budget allows: `site_sample_bytes`, or `site_sample_share`
//! of the corpus's text when that is more, since small sites' pages grow
//! with the corpus ([`SiteLowest::depths`]: every site to the depth that
//! fits, then whole sites one level deeper in key order with what is
//! left). A site with fewer pages than the site rule needs adds nothing.
//! A site with `site_sample_pages` pages under the cut-off already adds
//! nothing, so a corpus of large sites samples as before. The top-up is
//! counted by the site rule only, never by the corpus-wide one, which
//! would otherwise see small sites over-represented.
//!
//! **Frames top up as sites do.** A page without a url has no site, but
//! the pages of one small site that lost their urls share their first and
//! last bytes ([`crate::frames::frame_key`]); under that key they top the
//! sample up as a site's pages do, and the frame rule counts them. So
//! "site" below is a page's top-up group: its site, or its frame.

use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The hash that decides whether a text is in a sample: of its first 256
/// bytes, seeded with its length.
pub fn record_hash(text: &[u8], seed: u64) -> u64 {
    let head = &text[..text.len().min(256)];
    xxh3_64_with_seed(
        head,
        seed ^ (text.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
    )
}

/// The hash cut-off that samples about `sample_bytes` of `total` bytes of
/// text: texts hashing at or below it are sampled (all of them when the
/// corpus holds no more text than the sample).
pub fn cut_for(total: u64, sample_bytes: u64) -> u64 {
    if total <= sample_bytes {
        return u64::MAX;
    }
    (u64::MAX as f64 * (sample_bytes as f64 / total as f64)) as u64
}

/// Per site, the lowest sample hashes of its texts with their lengths and
/// a payload `P` (where the record is): what the top-up
/// ([`SiteLowest::top_up`]) is chosen from. It holds at most `depth`
/// entries a site (and any that tie with the last), so its size is
/// bounded by the number of sites, not of records.
#[derive(Debug, Default)]
pub struct SiteLowest<P = ()> {
    depth: usize,
    sites: HashMap<u64, Vec<(u64, u64, P)>>,
}

impl<P: Copy> SiteLowest<P> {
    /// An empty table keeping `depth` entries a site.
    pub fn new(depth: usize) -> Self {
        SiteLowest {
            depth,
            sites: HashMap::new(),
        }
    }

    /// Adds a text of `len` bytes with sample hash `hash` on `site` (a
    /// site key's hash; 0, no site, is not counted).
    pub fn add(&mut self, site: u64, hash: u64, len: u64, payload: P) {
        if site == 0 || self.depth == 0 {
            return;
        }
        let lowest = self.sites.entry(site).or_default();
        if lowest.len() >= self.depth && hash > lowest[self.depth - 1].0 {
            return;
        }
        let at = lowest.partition_point(|e| e.0 <= hash);
        lowest.insert(at, (hash, len, payload));
        // Keep `depth` entries and whatever ties with the last of them:
        // a tie shares its rank, so it is in or out with it.
        while lowest.len() > self.depth && lowest[lowest.len() - 1].0 != lowest[self.depth - 1].0 {
            lowest.pop();
        }
    }

    /// The `(site, hash, len, payload)` of every page `top_up` takes,
    /// sorted by site and hash.
    pub fn taken(&self, top_up: &SiteTopUp) -> Vec<(u64, u64, u64, P)> {
        let mut out = Vec::new();
        for (&site, lowest) in &self.sites {
            for &(hash, len, payload) in lowest {
                if top_up.takes(site, hash) {
                    out.push((site, hash, len, payload));
                }
            }
        }
        out.sort_unstable_by_key(|e| (e.0, e.1));
        out
    }

    /// The pages each site adds to a sample whose cut-off is `cut`, within
    /// `budget` bytes of text: [`SiteLowest::depths`], then
    /// [`SiteLowest::top_up_to`].
    pub fn top_up(&self, cut: u64, budget: u64, min_pages: usize) -> SiteTopUp {
        self.top_up_to(cut, self.depths(cut, budget, min_pages), min_pages)
    }

    /// How deep the sites' top-up goes within `budget` bytes of added text.
    /// `min_pages` here and below is the site rule's pages
    /// ([`crate::params::Params::site_min_pages`], at least 2). Only sites
    /// with at least `min_pages` pages count (the site rule
    /// needs that many: a site of one page has no chrome to find); each
    /// adds its pages above `cut`. Every site goes to the largest depth up
    /// to this table's whose text fits ([`top_up_depth`]); the budget left
    /// then takes the next depth (at least `min_pages`) for whole sites in
    /// the order of their keys, as far as it goes ([`top_up_partial`]), so
    /// a corpus whose small sites outgrow the budget still learns the
    /// chrome of as many as fit, rather than of none.
    pub fn depths(&self, cut: u64, budget: u64, min_pages: usize) -> TopUpDepths {
        let counted = |lowest: &Vec<(u64, u64, P)>| lowest.len() >= min_pages;
        // Added text by rank, over all sites.
        let mut by_rank = vec![0u64; self.depth + 1];
        for lowest in self.sites.values().filter(|l| counted(l)) {
            for_each_ranked(lowest, |rank, hash, len| {
                if hash > cut {
                    by_rank[rank] += len;
                }
            });
        }
        let plan = top_up_plan(&by_rank[1..], budget, self.depth, min_pages);
        let (depth, left) = (plan.depth, plan.left);
        let Some(level) = plan.level else {
            return TopUpDepths {
                depth,
                partial: None,
            };
        };
        // Each site's text between the depth and the next level.
        let mut extra: Vec<(u64, u64)> = Vec::new();
        for (&site, lowest) in self.sites.iter().filter(|(_, l)| counted(l)) {
            let mut bytes = 0;
            for_each_ranked(lowest, |rank, hash, len| {
                if hash > cut && rank > depth && rank <= level {
                    bytes += len;
                }
            });
            if bytes > 0 {
                extra.push((site, bytes));
            }
        }
        extra.sort_unstable();
        TopUpDepths {
            depth,
            partial: top_up_partial(&extra, left).map(|last| (level, last)),
        }
    }

    /// The pages each site adds to a sample whose cut-off is `cut` at the
    /// given depths: its pages above the cut-off ranked within its depth,
    /// for the sites with at least `min_pages` pages. A corpus held in
    /// parts finds `depths` from all its sites' ranks and hands the
    /// sampled pages over with them ([`crate::boilerplate::sample_boilerplate_of_part`]).
    pub fn top_up_to(&self, cut: u64, depths: TopUpDepths, min_pages: usize) -> SiteTopUp {
        let mut cuts = HashMap::new();
        for (&site, lowest) in &self.sites {
            let depth = depths.of(site);
            if depth == 0 || lowest.len() < min_pages {
                continue;
            }
            let mut last = None;
            for_each_ranked(lowest, |rank, hash, _| {
                if hash > cut && rank <= depth {
                    last = Some(hash);
                }
            });
            if let Some(h) = last {
                cuts.insert(site, h);
            }
        }
        SiteTopUp { cut, cuts, depths }
    }
}

/// Calls `f(rank, hash, len)` for each entry of a site's sorted list,
/// ranked from 1 with ties sharing the lower rank.
fn for_each_ranked<P>(lowest: &[(u64, u64, P)], mut f: impl FnMut(usize, u64, u64)) {
    let mut rank = 0;
    for (i, &(hash, len, _)) in lowest.iter().enumerate() {
        if i == 0 || hash != lowest[i - 1].0 {
            rank = i + 1;
        }
        f(rank, hash, len);
    }
}

/// The depth every site's top-up reaches: the largest `d` whose added
/// text (the sum of `added_by_rank[..d]`, ranks from 1) stays within
/// `budget`, or 0 when that is under `min_pages` ([`top_up_plan`] asks it).
pub fn top_up_depth(added_by_rank: &[u64], budget: u64, min_pages: usize) -> usize {
    let mut total = 0u64;
    let mut depth = 0;
    for (i, &bytes) in added_by_rank.iter().enumerate() {
        total = total.saturating_add(bytes);
        if total > budget {
            break;
        }
        depth = i + 1;
    }
    if depth < min_pages {
        0
    } else {
        depth
    }
}

/// The top-up's depths before the sites are chosen: from the text each
/// rank adds summed over the sites that count (`added_by_rank[r - 1]`,
/// ranks up to `pages`; a rank not listed adds nothing), the depth every
/// site reaches ([`top_up_depth`]),
/// the next level (at least `min_pages`; None beyond `pages`) and the
/// budget left for whole sites at that level ([`top_up_partial`]).
/// [`SiteLowest::depths`] and a corpus held in parts (the Python package's
/// `sample_depths`) both ask this.
pub fn top_up_plan(
    added_by_rank: &[u64],
    budget: u64,
    pages: usize,
    min_pages: usize,
) -> TopUpPlan {
    let mut ranks = added_by_rank[..added_by_rank.len().min(pages)].to_vec();
    ranks.resize(pages, 0);
    let depth = top_up_depth(&ranks, budget, min_pages);
    let spent = ranks[..depth]
        .iter()
        .fold(0u64, |a, &b| a.saturating_add(b));
    TopUpPlan {
        depth,
        level: top_up_level(depth, pages, min_pages),
        left: budget.saturating_sub(spent),
    }
}

/// The level whole sites may reach after every site reached `depth`: the
/// next rank, at least `min_pages` (the site rule's pages), or None beyond
/// `pages`.
pub fn top_up_level(depth: usize, pages: usize, min_pages: usize) -> Option<usize> {
    let level = (depth + 1).max(min_pages);
    (level <= pages).then_some(level)
}

/// What [`top_up_plan`] finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopUpPlan {
    /// The depth every site reaches (0: none).
    pub depth: usize,
    /// The level whole sites may reach with what is left.
    pub level: Option<usize>,
    /// The budget left after every site reached `depth`.
    pub left: u64,
}

/// The sites that go one level deeper with the budget `left` after
/// [`top_up_depth`]: given each site's text at that level as `(site key,
/// bytes)` sorted by key, the last key of the longest prefix whose text
/// fits (None: not even the first). A prefix in key order, so a corpus
/// held in parts finds it with a running sum.
pub fn top_up_partial(extra_by_site: &[(u64, u64)], left: u64) -> Option<u64> {
    let mut total = 0u64;
    let mut last = None;
    for &(site, bytes) in extra_by_site {
        total = total.saturating_add(bytes);
        if total > left {
            break;
        }
        last = Some(site);
    }
    last
}

/// How deep each site's top-up goes: every site's pages ranked up to
/// `depth`, and, for the sites whose key is at most `last` (as u64), up to
/// `level` ([`SiteLowest::depths`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TopUpDepths {
    /// The depth of every site (0: none).
    pub depth: usize,
    /// `(level, last)`: the sites with keys up to `last` go to `level`.
    pub partial: Option<(usize, u64)>,
}

impl TopUpDepths {
    /// The depth of `site`'s top-up.
    pub fn of(&self, site: u64) -> usize {
        match self.partial {
            Some((level, last)) if site <= last => level,
            _ => self.depth,
        }
    }

    /// The deepest any site goes.
    pub fn max(&self) -> usize {
        self.partial
            .map_or(self.depth, |(level, _)| level.max(self.depth))
    }
}

/// Which pages above the sample's cut-off small sites add to it
/// ([`SiteLowest::top_up`]).
#[derive(Debug, Default)]
pub struct SiteTopUp {
    cut: u64,
    /// By site, the highest hash it adds.
    cuts: HashMap<u64, u64>,
    /// The depths the budget allowed.
    depths: TopUpDepths,
}

impl SiteTopUp {
    /// True when the sample takes the page of `site` with sample hash
    /// `hash`: under the cut-off, or added by its site.
    pub fn samples(&self, site: u64, hash: u64) -> bool {
        hash <= self.cut || self.takes(site, hash)
    }

    /// True when the page of `site` with sample hash `hash` is added (it
    /// is above the cut-off, and ranked within its site's top-up).
    pub fn takes(&self, site: u64, hash: u64) -> bool {
        hash > self.cut && self.cuts.get(&site).is_some_and(|&c| hash <= c)
    }

    /// True when `site` adds pages.
    pub fn adds(&self, site: u64) -> bool {
        self.cuts.contains_key(&site)
    }

    /// True when no site adds a page.
    pub fn is_empty(&self) -> bool {
        self.cuts.is_empty()
    }

    /// True when `site`, with `sampled` pages in the sample, may have pages
    /// outside it: none has when the sample holds every text; else a site
    /// with fewer pages than its depth lent them all, one with as many or
    /// more may have others. Then two of its sampled pages sharing a passage
    /// may be one page carried twice, not chrome ([`crate::boilerplate`]
    /// asks for a third).
    pub fn may_have_more(&self, site: u64, sampled: usize) -> bool {
        let depth = self.depths.of(site);
        self.cut != u64::MAX && depth > 0 && sampled >= depth
    }

    /// The depths the budget allowed. A corpus held in parts hands its
    /// sampled pages to [`crate::boilerplate::sample_boilerplate_of_part`]
    /// with these, found from all its sites' ranks.
    pub fn depths(&self) -> TopUpDepths {
        self.depths
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_keeps_its_lowest_hashes_in_any_order_ties_included() {
        let entries = [(9, 1), (3, 1), (7, 1), (3, 1), (5, 1), (1, 1), (8, 1)];
        let mut forward = SiteLowest::new(3);
        let mut backward = SiteLowest::new(3);
        for &(h, l) in &entries {
            forward.add(10, h, l, ());
        }
        for &(h, l) in entries.iter().rev() {
            backward.add(10, h, l, ());
        }
        // 1, 3, 3 are the three lowest; nothing ties with the last.
        assert_eq!(forward.sites[&10], vec![(1, 1, ()), (3, 1, ()), (3, 1, ())]);
        assert_eq!(backward.sites[&10], forward.sites[&10]);
        // A tie with the last is kept: it shares the rank.
        let mut tied = SiteLowest::new(2);
        for h in [4, 2, 4, 9] {
            tied.add(10, h, 1, ());
        }
        assert_eq!(tied.sites[&10], vec![(2, 1, ()), (4, 1, ()), (4, 1, ())]);
        // No site, no entry.
        tied.add(0, 1, 1, ());
        assert!(!tied.sites.contains_key(&0));
    }

    #[test]
    fn small_sites_add_the_pages_above_the_cut_off_within_the_budget() {
        let mut sites = SiteLowest::new(4);
        // Site 2: two pages under the cut-off (100), three above.
        for h in [10, 20, 150, 160, 170] {
            sites.add(2, h, 100, h);
        }
        // Site 4: four pages under it: adds nothing.
        for h in [30, 40, 50, 60, 200] {
            sites.add(4, h, 100, h);
        }
        let all = sites.top_up(100, 1000, 2);
        assert!(!all.takes(2, 20), "under the cut-off: the sample's own");
        assert!(all.takes(2, 150) && all.takes(2, 160));
        assert!(!all.takes(2, 170), "ranked 5th");
        assert!(!all.takes(4, 200));
        assert!(!all.takes(6, 150), "a site never seen");
        // Depth 4: a site with 4 sampled pages may have more; one with 3
        // lent all it has.
        assert!(all.may_have_more(2, 4) && !all.may_have_more(2, 3));
        assert!(!SiteTopUp::default().may_have_more(2, 100), "no top-up");
        assert!(
            !sites.top_up(u64::MAX, 1000, 2).may_have_more(2, 4),
            "all sampled"
        );
        let mut taken = sites.taken(&all);
        taken.sort_unstable();
        assert_eq!(taken, vec![(2, 150, 100, 150), (2, 160, 100, 160)]);
        // 100 bytes allow depth 3 (rank 3 adds 100, rank 4 another 100).
        let tight = sites.top_up(100, 100, 2);
        assert!(tight.takes(2, 150) && !tight.takes(2, 160));
        assert_eq!(tight.depths().depth, 3);
        // A depth under the site rule's pages finds nothing: none added.
        assert!(sites.top_up(100, 100, 4).is_empty());
        assert_eq!(top_up_depth(&[0, 0, 100, 100], 150, 2), 3);
        assert_eq!(top_up_depth(&[0, 500], 150, 2), 0);
    }

    #[test]
    fn the_budget_left_takes_whole_sites_in_key_order() {
        let mut sites = SiteLowest::new(4);
        // Sites 2, 4, 6 and 8: three pages of 100 bytes above the cut-off
        // (100) each; site 10: one page, which has no chrome to find.
        for site in [2, 4, 6, 8] {
            for h in [150, 160, 170] {
                sites.add(site, h + site, 100, ());
            }
        }
        sites.add(10, 500, 50, ());
        // 500 bytes: rank 1 fits every site (400) but rank 2 does not
        // (800), and one page a site finds nothing. The budget then goes to
        // sites 2 and 4 at two pages each (400); site 6 would pass it.
        let depths = sites.depths(100, 500, 2);
        assert_eq!(
            depths,
            TopUpDepths {
                depth: 0,
                partial: Some((2, 4))
            }
        );
        let top_up = sites.top_up(100, 500, 2);
        assert!(top_up.takes(2, 152) && top_up.takes(2, 162) && !top_up.takes(2, 172));
        assert!(top_up.takes(4, 164) && !top_up.takes(6, 156));
        assert!(top_up.may_have_more(2, 2) && !top_up.may_have_more(6, 2));
        // A deeper budget: every site to depth 2, then sites 2 and 4 to 3.
        let deeper = sites.depths(100, 1000, 2);
        assert_eq!(deeper.depth, 2);
        assert_eq!(deeper.partial, Some((3, 4)));
        assert_eq!((deeper.of(4), deeper.of(6), deeper.max()), (3, 2, 3));
        // Enough for all: the one-page site still adds nothing.
        let all = sites.top_up(100, 100_000, 2);
        assert_eq!(
            all.depths(),
            TopUpDepths {
                depth: 4,
                partial: None
            }
        );
        assert!(all.takes(8, 178) && !all.takes(10, 500));
        // Not even the first site fits: nothing.
        assert_eq!(sites.depths(100, 150, 2).partial, None);
        assert!(sites.top_up(100, 150, 2).is_empty());
        assert_eq!(top_up_partial(&[(1, 10), (2, 10), (3, 10)], 25), Some(2));
        assert_eq!(top_up_partial(&[(1, 30)], 25), None);
    }
}
