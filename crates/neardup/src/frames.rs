//! Page frames: the chrome of pages that have no site to learn it from.
//!
//! The site rule ([`crate::boilerplate`]) learns a small site's chrome from
//! two of its pages, by their `url`. Without a url (a dump, a scraped set
//! that dropped it, a page whose sibling lost it) two pages of one site
//! that wrap *different* stories in the same few hundred words of header
//! and footer look like copies of each other (Jaccard 0.55 on the
//! generated traps), and the corpus-wide rule never sees text on two pages
//! as frequent. Counting cannot tell that chrome from a story two sites
//! share: both are text on two pages with other text around it. Position
//! can. Chrome is a **frame**: a passage at the start and one at the end,
//! the same on every page, with each page's own text between them; a
//! shared story is the middle, with each page's own text around it.
//!
//! So pages are grouped by a **frame key**, a hash of the first and last
//! [`FRAME_END_BYTES`] bytes of their text (a site's masthead and its
//! footer; computed from the text alone, so every input format and a
//! Spark job group the same pages). In a group of sampled pages at least
//! one of which has no site, a page **is framed** when, of its shingles in
//! text order, those it shares with another page of the group open and
//! close it ([`FRAME_EDGE`] or more at each end, [`MIN_FRAME`] or more in
//! all) and those it does not share make one middle stretch of its own as
//! long as the filter lets a page keep alone (`min_kept_shingles`, 50;
//! shared ones are at most [`MAX_SHARED_IN_MIDDLE`] of that stretch). A
//! shorter middle could not be signed without its frame anyway: such a
//! page keeps all of its shingles, and leaving the frame out of its
//! sibling alone would only part the two.
//! When two or more pages of a group are framed, the shingles that framed
//! pages share (in as many of them as the site rule asks of a site) are
//! that frame's chrome.
//!
//! Above the sample size two pages of one frame would seldom both be under
//! the sample's cut-off, so a page without a site tops the sample up
//! under its frame key as a page with one does under its site
//! ([`crate::corpus::sample`]); a frame that adds pages is counted with
//! them.
//!
//! **Only pages with that frame key leave it out**: the chrome is stored as
//! entries of the frame key mixed with the shingle ([`frame_entry`]), in
//! the same set as the boilerplate shingles, with a mark per frame
//! ([`frame_mark`]) so that a page whose key has no chrome costs one
//! lookup. A frame's text is never left out of any other page.
//!
//! **Why this cannot erase a shared article.** Copies of one story without
//! chrome share their first and last bytes, so they share a key, but none
//! of them has a middle of its own: the group learns nothing. A truncated
//! copy ends elsewhere and has another key. What a frame can take is a
//! page that two versions with the same first and last bytes carry with
//! middles of their own of 50 shingles or more each (a documentation
//! page whose title comes first, with one section rewritten at length):
//! those two pages lose what they share, and only they.

use crate::shingle::{fmix64, HashMap64};
use rayon::prelude::*;
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Bytes at each end of a text that make its frame key.
pub const FRAME_END_BYTES: usize = 64;
/// Shingles shared with the group that must open and close a framed page.
pub const FRAME_EDGE: usize = 5;
/// Fewest shingles of a framed page's own middle, whatever
/// `min_kept_shingles` is.
pub const MIN_MIDDLE: usize = 20;
/// Fewest shingles of the frame around it (before and after the middle
/// together): chrome worth the name is hundreds of words; two short
/// notices with one wording and other names filled in are not framed.
pub const MIN_FRAME: usize = 50;
/// Most shingles of the middle stretch that may be shared with the group
/// (two stories of one site share a phrase or two).
pub const MAX_SHARED_IN_MIDDLE: f64 = 0.25;

/// The frame key of a text: a hash of its first and last
/// [`FRAME_END_BYTES`] bytes (whitespace at the ends trimmed), or 0 when
/// the text is too short to have a frame and a middle.
pub fn frame_key(text: &str) -> u64 {
    let t = text.trim().as_bytes();
    if t.len() < 4 * FRAME_END_BYTES {
        return 0;
    }
    let head = xxh3_64(&t[..FRAME_END_BYTES]);
    let tail = xxh3_64(&t[t.len() - FRAME_END_BYTES..]);
    fmix64(head ^ tail.rotate_left(29)).max(1)
}

/// The boilerplate entry that says `shingle` is chrome of the frame `key`.
#[inline]
pub fn frame_entry(key: u64, shingle: u64) -> u64 {
    fmix64(key.rotate_left(17) ^ shingle ^ 0xA076_1D64_78BD_642F)
}

/// The boilerplate entry that says the frame `key` has chrome.
#[inline]
pub fn frame_mark(key: u64) -> u64 {
    frame_entry(key, 0x2D35_8DCC_AA6C_78A5)
}

/// A sampled page as the frame rule reads it.
pub struct FramePage<'a> {
    /// Its distinct shingles in the order they first occur.
    pub shingles: &'a [u64],
    /// Its frame key ([`frame_key`]; 0: none).
    pub key: u64,
    /// Whether it has a site (a url).
    pub has_site: bool,
}

/// What the frame rule found in a sample.
#[derive(Debug, Default)]
pub struct FrameChrome {
    /// Boilerplate entries: [`frame_entry`] of each frame's chrome and
    /// [`frame_mark`] of each frame that has some.
    pub entries: Vec<u64>,
    /// Pages found framed in frames that have chrome.
    pub pages: usize,
}

/// The chrome of the frames of `pages` (module docs). `min_pages` (the
/// site rule's pages, [`crate::params::Params::site_min_pages`], at least
/// 2) and `min_share` are the site rule's bars: a shingle is a frame's
/// chrome when that many of its framed pages (and that share of them)
/// have it.
/// `min_middle` is the fewest shingles of a framed page's own middle
/// (`min_kept_shingles`; at least [`MIN_MIDDLE`]). Shingles `known` says
/// are boilerplate already (a site's chrome that the site rule learned
/// from its pages with a url) are left out of a frame, and a frame with
/// nothing else gets no entries: its pages cost no second lookup. A group
/// whose pages without a site all open and close with known boilerplate
/// is not counted at all.
pub fn frame_chrome(
    pages: &[FramePage],
    min_pages: usize,
    min_share: f64,
    min_middle: usize,
    known: impl Fn(u64) -> bool + Sync,
) -> FrameChrome {
    let min_middle = min_middle.max(MIN_MIDDLE);
    let mut groups: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        if p.key != 0 {
            groups.entry(p.key).or_default().push(i);
        }
    }
    // A group needs a page without a site whose ends the other rules did
    // not already learn (a large site's pages that lost their url open and
    // close with the chrome the site rule found on the others).
    let learned = |p: &FramePage| {
        let n = p.shingles.len();
        n >= 2 * FRAME_EDGE
            && p.shingles[..FRAME_EDGE]
                .iter()
                .chain(&p.shingles[n - FRAME_EDGE..])
                .all(|&h| known(h))
    };
    let mut keys: Vec<u64> = groups
        .iter()
        .filter(|(_, g)| {
            g.len() >= 2 && g.iter().any(|&i| !pages[i].has_site && !learned(&pages[i]))
        })
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    // Frames are independent: counted in parallel, gathered in key order.
    let frames: Vec<Option<(Vec<u64>, usize)>> = keys
        .par_iter()
        .map(|&key| {
            let group: Vec<&FramePage> = groups[&key].iter().map(|&i| &pages[i]).collect();
            let in_group = group.len();
            let mut counts = page_counts(group.iter().copied());
            let framed: Vec<&FramePage> = group
                .into_iter()
                .filter(|p| is_framed(p.shingles, &counts, min_middle))
                .collect();
            if framed.len() < min_pages {
                return None;
            }
            let bar = min_pages.max((min_share * framed.len() as f64).ceil() as usize);
            // The chrome is what the framed pages share: count again only
            // when some page of the group was not framed.
            if framed.len() < in_group {
                counts = page_counts(framed.iter().copied());
            }
            let mut chrome: Vec<u64> = counts
                .iter()
                .filter(|(&h, &n)| n as usize >= bar && !known(h))
                .map(|(&h, _)| frame_entry(key, h))
                .collect();
            if chrome.is_empty() {
                return None;
            }
            chrome.sort_unstable();
            chrome.push(frame_mark(key));
            Some((chrome, framed.len()))
        })
        .collect();
    let mut found = FrameChrome::default();
    for (entries, pages) in frames.into_iter().flatten() {
        found.entries.extend(entries);
        found.pages += pages;
    }
    found
}

/// In how many of `pages` each shingle occurs.
fn page_counts<'a>(pages: impl Iterator<Item = &'a FramePage<'a>>) -> HashMap64<u32> {
    let mut counts = HashMap64::default();
    for p in pages {
        for &h in p.shingles {
            *counts.entry(h).or_default() += 1;
        }
    }
    counts
}

/// Whether a page (its distinct shingles in text order) is framed by the
/// shingles its group shares (`counts`: pages of the group having each).
fn is_framed(shingles: &[u64], counts: &HashMap64<u32>, min_middle: usize) -> bool {
    let shared = |h: &u64| counts.get(h).is_some_and(|&n| n >= 2);
    let n = shingles.len();
    if n < MIN_FRAME + min_middle
        || !shingles[..FRAME_EDGE].iter().all(shared)
        || !shingles[n - FRAME_EDGE..].iter().all(shared)
    {
        return false;
    }
    let Some(first) = shingles.iter().position(|h| !shared(h)) else {
        return false;
    };
    let last = n - 1 - shingles.iter().rev().position(|h| !shared(h)).unwrap_or(0);
    let middle = &shingles[first..=last];
    let shared_inside = middle.iter().filter(|h| shared(h)).count();
    n - middle.len() >= MIN_FRAME
        && middle.len() - shared_inside >= min_middle
        && shared_inside as f64 <= MAX_SHARED_IN_MIDDLE * middle.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(shingles: &[u64], key: u64, has_site: bool) -> FramePage<'_> {
        FramePage {
            shingles,
            key,
            has_site,
        }
    }

    /// `n` distinct shingle hashes starting at `from`.
    fn run(from: u64, n: u64) -> Vec<u64> {
        (from..from + n).map(fmix64).collect()
    }

    /// The chrome of `pages` under the default bars, nothing known.
    fn chrome_of(pages: &[FramePage]) -> FrameChrome {
        frame_chrome(pages, 2, 0.05, 50, |_| false)
    }

    /// A header and a footer, and two pages with other stories in them.
    fn two_framed_pages() -> (Vec<u64>, Vec<u64>, Vec<u64>, Vec<u64>) {
        let (head, foot) = (run(0, 80), run(1000, 200));
        let a = [head.clone(), run(5000, 60), foot.clone()].concat();
        let b = [head.clone(), run(6000, 90), foot.clone()].concat();
        (head, foot, a, b)
    }

    #[test]
    fn the_key_is_the_ends_of_the_text() {
        let head =
            "The Linton Community News: news for Linton and its villages. Home | News | Council";
        let foot = "Follow us on Facebook, Instagram and X for breaking local news and photos";
        let a = format!("{head} {} {foot}", "x".repeat(400));
        let b = format!("  {head} {} {foot}\n", "y".repeat(300));
        assert_eq!(frame_key(&a), frame_key(&b), "same ends, other middle");
        assert_ne!(
            frame_key(&a),
            frame_key(&format!("{head} {} Other footer", "x".repeat(400)))
        );
        assert_eq!(frame_key("short text"), 0);
    }

    #[test]
    fn two_pages_with_other_stories_in_one_frame_learn_the_frame() {
        let (head, _, a, b) = two_framed_pages();
        let found = chrome_of(&[page(&a, 7, false), page(&b, 7, false)]);
        assert_eq!(found.pages, 2);
        assert_eq!(found.entries.len(), 80 + 200 + 1);
        assert!(found.entries.contains(&frame_mark(7)));
        assert!(found.entries.contains(&frame_entry(7, head[3])));
        assert!(
            !found.entries.contains(&frame_entry(7, a[100])),
            "the story stays"
        );
        assert!(
            !found.entries.contains(&head[3]),
            "only for the frame's pages"
        );
    }

    #[test]
    fn chrome_the_site_rule_knows_is_not_stored_again() {
        let (head, foot, a, b) = two_framed_pages();
        let pair = [page(&a, 7, false), page(&b, 7, false)];
        let known = |h: u64| head.contains(&h) || foot.contains(&h);
        assert!(frame_chrome(&pair, 2, 0.05, 50, known).entries.is_empty());
        let head_known = frame_chrome(&pair, 2, 0.05, 50, |h| head.contains(&h));
        assert_eq!(head_known.entries.len(), 200 + 1, "the footer and the mark");
    }

    #[test]
    fn copies_of_one_story_have_no_frame() {
        let story = run(0, 400);
        let mut edited = story.clone();
        for i in (20..380).step_by(40) {
            edited[i] = fmix64(90_000 + i as u64); // an edit every 40 shingles
        }
        let cut = story[..300].to_vec();
        for pages in [
            vec![page(&story, 3, false), page(&story, 3, false)],
            vec![page(&story, 3, false), page(&edited, 3, false)],
            vec![page(&story, 3, false), page(&cut, 3, false)],
        ] {
            let found = chrome_of(&pages);
            assert!(found.entries.is_empty(), "{} pages framed", found.pages);
        }
    }

    #[test]
    fn a_frame_needs_a_page_without_a_site_and_two_framed_pages() {
        let (head, foot, a, b) = two_framed_pages();
        let both_sites = chrome_of(&[page(&a, 7, true), page(&b, 7, true)]);
        assert!(both_sites.entries.is_empty(), "the site rule's job");
        let one_site = chrome_of(&[page(&a, 7, true), page(&b, 7, false)]);
        assert_eq!(one_site.pages, 2);
        // A middle too short to be signed alone (one page of a
        // documentation site in two versions, a section rewritten in 30
        // shingles): that page is not framed, so neither loses the page.
        let short_middle = [head.clone(), run(7000, 30), foot.clone()].concat();
        let pair = [page(&a, 7, false), page(&short_middle, 7, false)];
        assert!(chrome_of(&pair).entries.is_empty());
        assert_eq!(frame_chrome(&pair, 2, 0.05, 20, |_| false).pages, 2);
        let other_keys = chrome_of(&[page(&a, 7, false), page(&b, 8, false)]);
        assert!(other_keys.entries.is_empty());
    }
}
