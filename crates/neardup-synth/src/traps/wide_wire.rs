//! The `wide_wire` trap: one wire story republished by 40-60 outlets.
//!
//! A day's big story is carried by far more sites than the default mix's
//! stories (1-5 copies): each outlet with its own chrome, headline, house
//! style, local line, typos and cuts, all dated after the wire. Two things
//! break on it that the default mix never shows (both found by hand in the
//! fourteenth session, docs/evaluation.md): the LSH puts the copies in
//! buckets of dozens, whose pairs must still reach the copy that is kept;
//! and in a small collection the story is on so many pages that a
//! corpus-wide frequency rule takes it for boilerplate and leaves it out of
//! every copy.
//!
//! The first `wide_wire` batch of a corpus always makes such a story, so
//! the 3 MB preset is dominated by it (about a twelfth of its documents).
//! Later batches make one with a small chance ([`WIDE_SHARE`]) and an
//! ordinary story otherwise, so that large corpora are not.

use super::{makes_its_story, push, site_outlet, TrapDoc};
use crate::chrome::Site;
use crate::rng::Rng;
use crate::{Generator, Pending};

const TAG_WIDE_PICK: u64 = 11;
const TAG_WIDE_OUTLET: u64 = 12;
/// Chance that a `wide_wire` batch after the corpus's first makes a wide
/// story (nine in the preset's mix at 100 MB, seed 1).
const WIDE_SHARE: f64 = 0.03;
/// How many copies a wide story gets.
const COPIES: (usize, usize) = (40, 60);
/// Share of the copies on the corpus's own sites (one page each); the rest
/// are on outlets of one page.
const ON_OWN_SITES: f64 = 0.25;
/// Weights of exact, syndicated and truncated copies.
const MIX: [f64; 3] = [0.15, 0.55, 0.30];
/// Outlet numbers start here, clear of the corpus's sites and the small
/// and mid-size sites of the other traps.
const FIRST_OUTLET: usize = 50_000;

impl Generator<'_> {
    /// One `wide_wire` batch (number `iteration`).
    pub(in crate::traps) fn wide_wire(
        &mut self,
        seed: u64,
        iteration: u64,
        rng: &mut Rng,
        out: &mut Vec<Pending>,
    ) {
        let state = self.traps.as_mut().expect("traps are on");
        let coin = Rng::derive(seed, TAG_WIDE_PICK, iteration);
        if !makes_its_story(&mut state.wide_batches, coin, WIDE_SHARE) {
            self.story(rng, out);
            return;
        }
        let story = self.wire_story(rng, out);
        let n = rng.range(COPIES.0, COPIES.1);
        let own = ((n as f64 * ON_OWN_SITES) as usize).min(self.sites.len());
        let own_sites = self.pick_sites(rng, own);
        for k in 0..n {
            let (id, outlet) = match own_sites.get(k) {
                Some(&si) => (self.sites[si].next_id(), None),
                None => {
                    let mut outlet = self.new_outlet(seed);
                    (outlet.next_id(), Some(outlet))
                }
            };
            let site: &Site = outlet.as_ref().unwrap_or_else(|| &self.sites[own_sites[k]]);
            let (title, text, passages, delay) = match rng.weighted(&MIX) {
                0 => {
                    let len = story.origin_text.len();
                    let delay = rng.range(5, 180);
                    (
                        story.art.title.clone(),
                        story.origin_text.clone(),
                        vec![[0, len, 0, len]],
                        delay,
                    )
                }
                kind => self.edited_copy(rng, site, &story, kind == 1),
            };
            let at = site_outlet(site, rng);
            push(
                out,
                &at,
                &TrapDoc {
                    id: &id,
                    title: &title,
                    text: &text,
                    minutes: story.origin_minutes + delay as i64,
                    cluster: &story.origin_id,
                    event: &story.origin_id,
                    label: "wide_wire",
                    passages: Some(&passages),
                },
            );
        }
    }

    /// A news site that carries one page of the corpus: its own chrome,
    /// style and host.
    pub(in crate::traps) fn new_outlet(&mut self, seed: u64) -> Site {
        let state = self.traps.as_mut().expect("traps are on");
        state.wide_outlets += 1;
        let k = FIRST_OUTLET + state.wide_outlets;
        let mut site = Site::generate(
            k,
            &mut Rng::derive(seed, TAG_WIDE_OUTLET, k as u64),
            self.lex,
        );
        // Outlets named alike (one city, one masthead) are still two hosts.
        site.domain = site
            .domain
            .replacen(".example", &format!("-{k}.example"), 1);
        site
    }
}
