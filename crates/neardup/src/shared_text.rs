//! Shared texts: what the corpus-wide boilerplate rule must not take.
//!
//! The corpus-wide rule ([`crate::boilerplate`]) calls a shingle chrome
//! when it is on `max(20, 1%)` of the sampled pages: a cookie banner, a
//! theme's footer, the chrome of pages without a url. A wire story that
//! 20 pages of a small collection carry (or 1% of a crawl's: a day's
//! popular story on hundreds of sites) passes the same count, and was
//! erased from every copy: 81 copies of one story with their own
//! headlines and a few edited words came out as 66 documents of their own.
//!
//! Counting cannot tell the two apart; what the text is **on a page** can.
//! Chrome is a minority of the pages that carry it, in blocks broken by
//! each page's own headline, byline and story. A shared text is most of
//! the pages that carry it, one stretch broken only by edited words. So,
//! on each sampled page, the corpus-wide frequent shingles (in text order)
//! are followed as runs that gaps of at most [`MAX_GAP`] other shingles do
//! not break (an edited word breaks five); a run of at least
//! [`MIN_SHARED_TEXT`] frequent shingles that is at least [`MOST`] of the
//! page's shingles is a shared text there, and so is a run of
//! [`MIN_SHARED_TEXT`] that opens at the page's wire dateline, whatever its
//! share: chrome never opens with `CITY (Agency) -`, and a story's copy in
//! a one-page site's chrome, or cut short, is often less than half its
//! page. A frequent shingle that most of its sampled pages carry in a
//! shared text is not boilerplate.
//!
//! Only the corpus-wide rule is overruled: a site's chrome found by the
//! site rule and a frame's ([`crate::frames`]) stay chrome, whatever share
//! of a page they are. Pages without a url whose chrome is most of them
//! are left to the frame rule, which sees position.

use crate::shingle::{HashMap64, HashSet64};
use rayon::prelude::*;

/// Most other shingles between two frequent ones of one run (two edited
/// words side by side break nine).
pub const MAX_GAP: usize = 10;
/// Fewest frequent shingles of a shared text (a short story).
pub const MIN_SHARED_TEXT: usize = 100;
/// Least share of a page's shingles a shared text is.
pub const MOST: f64 = 0.5;

/// A sampled page as the rule reads it: its distinct shingles in text
/// order, and the index among them where a wire story's dateline opens
/// ([`crate::wire::dateline_start`]), if it has one.
#[derive(Clone, Copy)]
pub(crate) struct Page<'a> {
    pub shingles: &'a [u64],
    pub opening: Option<u32>,
}

/// The shingles of `frequent` (each with the number of sampled pages that
/// carry it) that most of the `pages` carrying them carry as a shared
/// text (module docs).
pub(crate) fn shared_text_shingles(pages: &[Page], frequent: &HashMap64<u32>) -> HashSet64 {
    if frequent.is_empty() {
        return HashSet64::default();
    }
    let mut votes: Vec<u64> = pages
        .par_iter()
        .flat_map_iter(|page| shared_run_shingles(*page, frequent))
        .collect();
    votes.par_sort_unstable();
    votes
        .chunk_by(|a, b| a == b)
        .filter(|run| 2 * run.len() > frequent[&run[0]] as usize)
        .map(|run| run[0])
        .collect()
}

/// The frequent shingles of `page` that are in a shared text there: a run
/// of [`MIN_SHARED_TEXT`] that is [`MOST`] of the page, or one that opens
/// at the page's wire dateline (chrome never does; a story's copy in a
/// page of heavy chrome, or cut short, is less than half its page).
fn shared_run_shingles(page: Page, frequent: &HashMap64<u32>) -> Vec<u64> {
    let shingles = page.shingles;
    let bar = MIN_SHARED_TEXT.max((MOST * shingles.len() as f64).ceil() as usize);
    if shingles.len() < MIN_SHARED_TEXT {
        return Vec::new();
    }
    let opening = page.opening.map(|o| o as usize);
    // A run opens the story when it starts at most a gap after the dateline
    // (its own words may be edited) and does not end before it.
    let qualifies = |run: &[u64], start: usize, end: usize| {
        run.len() >= bar
            || (run.len() >= MIN_SHARED_TEXT
                && opening.is_some_and(|o| start <= o + MAX_GAP && o <= end))
    };
    let mut out = Vec::new();
    let mut run: Vec<u64> = Vec::new();
    let (mut start, mut last) = (0, 0);
    let mut gap = 0;
    for (i, &h) in shingles.iter().enumerate() {
        if frequent.contains_key(&h) {
            if run.is_empty() {
                start = i;
            }
            run.push(h);
            last = i;
            gap = 0;
        } else if !run.is_empty() {
            gap += 1;
            if gap > MAX_GAP {
                if qualifies(&run, start, last) {
                    out.append(&mut run);
                }
                run.clear();
            }
        }
    }
    if qualifies(&run, start, last) {
        out.append(&mut run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shingle::fmix64;

    fn run(from: u64, n: u64) -> Vec<u64> {
        (from..from + n).map(fmix64).collect()
    }

    /// Pages without a dateline.
    fn pages_of(pages: &[Vec<u64>]) -> Vec<Page<'_>> {
        pages
            .iter()
            .map(|p| Page {
                shingles: p,
                opening: None,
            })
            .collect()
    }

    /// Each of `shingles` carried by `df` pages.
    fn frequent(shingles: &[u64], df: u32) -> HashMap64<u32> {
        shingles.iter().map(|&h| (h, df)).collect()
    }

    #[test]
    fn a_story_most_copies_are_made_of_is_shared_text() {
        let story = run(0, 300);
        // Twenty copies, each with its own headline and three edits.
        let copies: Vec<Vec<u64>> = (0..20u64)
            .map(|c| {
                let mut page = run(10_000 + 100 * c, 8);
                let mut body = story.clone();
                for e in 0..3u64 {
                    let at = (50 + 80 * e + c) as usize;
                    body[at..at + 5].copy_from_slice(&run(50_000 + 10 * c + e, 5));
                }
                page.extend(body);
                page
            })
            .collect();
        let pages = pages_of(&copies);
        let shared = shared_text_shingles(&pages, &frequent(&story, 20));
        assert!(story[..40].iter().all(|h| shared.contains(h)));
        assert!(shared.len() > 250, "{}", shared.len());
    }

    #[test]
    fn a_story_opening_at_its_dateline_is_shared_text_in_heavy_chrome() {
        // Twenty copies of a 150-shingle story, each in 250 shingles of its
        // own one-page site's chrome, above a 60-shingle footer that forty
        // other pages carry too: the story is less than half of each page.
        let (story, foot) = (run(0, 150), run(1000, 60));
        let mut pages: Vec<(Vec<u64>, Option<u32>)> = (0..20u64)
            .map(|c| {
                let page = [run(100_000 * (c + 1), 250), story.clone(), foot.clone()].concat();
                (page, Some(250))
            })
            .collect();
        pages.extend((0..40u64).map(|p| {
            (
                [run(10_000_000 * (p + 1), 300), foot.clone()].concat(),
                None,
            )
        }));
        let frequent = frequent(&story, 20)
            .into_iter()
            .chain(foot.iter().map(|&h| (h, 60)))
            .collect();
        let read = |opening: Option<u32>| -> Vec<Page> {
            pages
                .iter()
                .map(|(p, at)| Page {
                    shingles: p,
                    opening: at.and(opening),
                })
                .collect()
        };
        // Without the dateline, the story is a block of a third of its page.
        assert!(shared_text_shingles(&read(None), &frequent).is_empty());
        // Opening at its dateline, it is shared text; the footer its run
        // carries along is chrome on the forty other pages, so stays chrome.
        let shared = shared_text_shingles(&read(Some(250)), &frequent);
        assert!(story.iter().all(|h| shared.contains(h)));
        assert!(foot.iter().all(|h| !shared.contains(h)));
        // A dateline elsewhere (in the page's own text, before the run)
        // proves nothing about the run.
        assert!(shared_text_shingles(&read(Some(50)), &frequent).is_empty());
    }

    #[test]
    fn chrome_around_each_pages_own_text_is_not() {
        let (head, foot) = (run(0, 80), run(1000, 150));
        let pages: Vec<Vec<u64>> = (0..30u64)
            .map(|p| [head.clone(), run(100_000 * (p + 1), 200), foot.clone()].concat())
            .collect();
        let refs = pages_of(&pages);
        let chrome = [head.clone(), foot.clone()].concat();
        assert!(shared_text_shingles(&refs, &frequent(&chrome, 30)).is_empty());
        // Pages that are mostly one block of chrome, in a few of the pages
        // that carry it, do not outvote the others.
        let short: Vec<Vec<u64>> = (0..10u64)
            .map(|p| [run(200_000 * (p + 1), 20), foot.clone()].concat())
            .collect();
        let all = [pages.clone(), short].concat();
        let refs = pages_of(&all);
        assert!(shared_text_shingles(&refs, &frequent(&chrome, 40)).is_empty());
        // A text shorter than a short story is not one.
        let notice = run(5000, 60);
        let alone = vec![notice.clone(); 25];
        let refs = pages_of(&alone);
        assert!(shared_text_shingles(&refs, &frequent(&notice, 25)).is_empty());
    }
}
