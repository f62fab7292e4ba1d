//! The `one_page_wire` trap: a wire story on sites of one page each, every
//! page wrapped in hundreds of words of its site's chrome.
//!
//! Learned from real pages (`webwire`, docs/evaluation.md, sixteenth and
//! seventeenth sessions), which the other traps did not show: a real
//! site's chrome is 100-800 words, much of it sentences (teasers of its
//! other stories, notices), so a copy of a 500-word story on a one-page
//! site shares half of itself with the story's own page and no count can
//! learn the chrome; the wire's own page is in its site's chrome too; and
//! sites of one network share one template, so the verbatim view makes
//! stars of their copies beside the story's. And (eighteenth session) a
//! page sets paragraphs of its own next to the story it carries, a
//! standfirst or caption above, a note or disclaimer below, with at most
//! a short line between, so they join the story's run of paragraphs.
//!
//! The corpus's first `one_page_wire` batch always makes such a story;
//! later ones by a small chance ([`SHARE`]), an ordinary story otherwise.

use super::{makes_its_story, push, site_outlet, TrapDoc};
use crate::chrome::Site;
use crate::prose::Writer;
use crate::rng::Rng;
use crate::{site_page, Generator, Pending, Prov};

const TAG_PICK: u64 = 13;
const TAG_CHROME: u64 = 14;
const TAG_EDGE: u64 = 15;
/// Chance that a later `one_page_wire` batch makes such a story.
const SHARE: f64 = 0.05;
/// How many copies the story gets.
const COPIES: (usize, usize) = (12, 24);
/// Words of chrome a page gets beyond its site's header and footer
/// (`webwire`'s hosts: 100-800 words in all).
const EXTRA_CHROME_WORDS: (usize, usize) = (150, 500);
/// Chance that an outlet is in the previous outlet's network: its chrome.
const NETWORK: f64 = 0.35;
/// Weights of exact, syndicated and truncated copies.
const MIX: [f64; 3] = [0.15, 0.55, 0.30];
/// Chance that a copy's page sets paragraphs of its own at the story's
/// edge (`webwire`: a standfirst or a photo caption above it, a series
/// note or a disclaimer below it), which join the story's run of
/// paragraphs.
const EDGE: f64 = 0.4;

impl Generator<'_> {
    /// One `one_page_wire` batch (number `iteration`).
    pub(in crate::traps) fn one_page_wire(
        &mut self,
        seed: u64,
        iteration: u64,
        rng: &mut Rng,
        out: &mut Vec<Pending>,
    ) {
        let state = self.traps.as_mut().expect("traps are on");
        let coin = Rng::derive(seed, TAG_PICK, iteration);
        if !makes_its_story(&mut state.one_page_batches, coin, SHARE) {
            self.story(rng, out);
            return;
        }
        let wire_page = self.heavy_outlet(seed);
        let story = self.wire_story_on(rng, out, Some(&wire_page));
        let mut previous: Option<Site> = None;
        for copy in 0..rng.range(COPIES.0, COPIES.1) {
            let mut site = self.heavy_outlet(seed);
            if let Some(p) = previous.as_ref().filter(|_| rng.chance(NETWORK)) {
                site.header.clone_from(&p.header);
                site.footer.clone_from(&p.footer);
            }
            // Its own stream: the copies are the same with or without it.
            let edge_rng = &mut Rng::derive(seed, TAG_EDGE, iteration << 8 | copy as u64);
            let own_edge = edge_rng
                .chance(EDGE)
                .then(|| self.own_paragraphs(edge_rng, &site));
            let page_site = own_edge.map(|(para, above)| {
                let mut s = site.clone();
                if above {
                    s.header = format!("{}\n{para}", s.header);
                } else {
                    s.footer = format!("{para}\n{}", s.footer);
                }
                s
            });
            let site_ref = page_site.as_ref().unwrap_or(&site);
            let (title, text, passages, delay) = match rng.weighted(&MIX) {
                0 => {
                    let (at, title) = (story.origin_at, &story.art.title);
                    let whole = Prov::Whole(at, at + story.origin_text.len());
                    let (text, passages) = site_page(site_ref, title, &story.origin_text, whole);
                    (title.clone(), text, passages, rng.range(5, 180))
                }
                kind => self.edited_copy(rng, site_ref, &story, kind == 1),
            };
            let id = site.next_id();
            push(
                out,
                &site_outlet(&site, rng),
                &TrapDoc {
                    id: &id,
                    title: &title,
                    text: &text,
                    minutes: story.origin_minutes + delay as i64,
                    cluster: &story.origin_id,
                    event: &story.origin_id,
                    label: "one_page_wire",
                    passages: Some(&passages),
                },
            );
            previous = Some(site);
        }
    }

    /// Paragraphs of the page's own for the story's edge (one or two
    /// ledes of other stories of its site, long lines: 60-80 words on
    /// `webwire`'s pages) and whether they go above the story (a
    /// standfirst, a caption) or below it (a note, a disclaimer).
    fn own_paragraphs(&mut self, rng: &mut Rng, site: &Site) -> (String, bool) {
        let mut paras = Vec::new();
        for _ in 0..rng.range(1, 2) {
            let ev = self.new_event(rng);
            let mut writer = Writer::new(&ev, rng.fork(), &site.name);
            let lede = writer.article(40).paragraphs.swap_remove(0);
            // a paragraph is a line of 100 characters or more
            paras.push(if lede.len() < 100 {
                format!("{lede} {}", writer.headline())
            } else {
                lede
            });
        }
        (paras.join("\n"), rng.chance(0.5))
    }

    /// A site of one page with a real site's weight of chrome: its header
    /// gets a list of top stories' headlines, its footer teasers of other
    /// stories (a headline and the story's first paragraph, a long line),
    /// from its own random stream.
    fn heavy_outlet(&mut self, seed: u64) -> Site {
        let mut site = self.new_outlet(seed);
        let k = self.traps.as_ref().expect("traps are on").wide_outlets;
        let rng = &mut Rng::derive(seed, TAG_CHROME, k as u64);
        let target = rng.range(EXTRA_CHROME_WORDS.0, EXTRA_CHROME_WORDS.1);
        let mut top = vec!["Top stories".to_string()];
        let mut teasers = vec![format!("More from {}", site.name)];
        let mut words = 0;
        while words < target {
            let ev = self.new_event(rng);
            let mut writer = Writer::new(&ev, rng.fork(), &site.name);
            let headline = writer.headline();
            words += headline.split_whitespace().count();
            if rng.chance(0.4) {
                top.push(headline);
            } else {
                let lede = writer.article(40).paragraphs.swap_remove(0);
                words += lede.split_whitespace().count();
                teasers.push(headline);
                teasers.push(lede);
            }
        }
        site.header = format!("{}\n{}", site.header, top.join("\n"));
        site.footer = format!("{}\n{}", teasers.join("\n"), site.footer);
        site
    }
}
