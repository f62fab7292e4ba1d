//! Traps: what real crawls contain and the default mix does not.
//!
//! The default corpus has big sites (dozens of pages each, so per-site
//! chrome is easy to learn), a url on every page, no text shared between
//! unrelated stories, and copies that are either near-verbatim or spun.
//! Real text breaks each of these, and each trap models one way:
//!
//! | trap | documents (truth `case`) | what must hold |
//! |---|---|---|
//! | `small_site_chrome` | 2-4 pages of a small site that wraps *different* stories in the same ~300-400 words of chrome (masthead, navigation, cookie notice, donation box, newsletter box, related links, about box, footer): `small_site_chrome` (a wire story, cluster = its origin) or `small_site_own` (its own story) | the stories stay apart |
//! | `no_url` | whole stories (origin, copies, hard negatives) written without `url` and `source`; the copies are labelled `no_url` | a per-site rule cannot help; copies still found |
//! | `short_notice` | a 30-80 word notice (correction, disclaimer, republishing licence, helpline...) published on its own (`short_notice`; a later one of the same notice is a copy of the first, in its cluster, whatever names and numbers fill its slots: Jaccard 0.56-0.78 between fillings) and inside 4-9 unrelated long pages (`short_notice_host`) | the notice joins nothing; the pages do not join each other |
//! | `templated` | 3-6 pages of one site filled from one template (obituary, earnings brief, weather, match report, appointment release) with other names and values (`templated`) | all distinct, never spun |
//! | `house_style` | copies of a wire story whose only edits are house style ("said on Saturday" -> "said Saturday", "U.S." -> "US", "per cent" -> "percent", "Mr Halloran" -> "Halloran", no serial comma, figures for small numbers) on a wire text dense in such forms (`house_style`, cluster = origin) | true copies, never `spun` |
//! | `updated_version` | a site's own article and, hours later, its updated version at a new url on the same site: the same text with an "Update" of 2-3 new paragraphs (80-250 words) added (`updated_version`, cluster = the first version) | one cluster: the shared text is not the site's chrome |
//! | `updated_version` on a mid-size site (a twentieth of its batches) | 60-100 short stories of a site's own in one chrome (`midsize_own`), one of them carried twice, the second updated (`updated_version`) | one cluster for the two versions: two of a site's 40 sampled pages may be one page carried twice; the stories stay apart |
//! | `wide_wire` | a wire story republished by 40-60 outlets (a quarter of them the corpus's sites, the rest sites of one page), each with its own chrome, exact (15%), syndicated with its own headline, local line, typos and house style (55%) or cut to 30-90% (30%), dated after the wire (`wide_wire`, cluster = origin); the corpus's first `wide_wire` batch always, later ones by a 3% coin, an ordinary story otherwise (`traps/wide_wire.rs`) | one cluster with the wire: the story is not boilerplate although a twelfth of a small corpus carries it, and a bucket of fifty copies still reaches the copy that is kept |
//! | `one_page_wire` | a wire story whose own page is on a site of one page, and 12-24 copies on other sites of one page (exact 15%, syndicated 55%, cut 30%), every page in its site's chrome plus 150-500 words of top stories and teasers of other stories (a headline and a first paragraph: long lines); a third of the sites share the previous one's chrome, as a network's sites share a template (`one_page_wire`, cluster = origin); the corpus's first `one_page_wire` batch always, later ones by a 5% coin (`traps/one_page_wire.rs`) | one cluster with the wire: no count learns a one-page site's chrome, and the stars a network's copies make join the story's |
//! | `shared_quote` | 2-4 different articles (half of them short posts of 120-300 words) that each quote the same 35-110 word passage (whole paragraphs) of a wire story (`shared_quote`, event = the quoted origin) | distinct from the quoted story and from each other |
//!
//! With any trap on, the truth file gets a fourth column, `spun` (`1` for
//! spinner output, `0` otherwise), so the precision of a `spun` label can
//! be computed; only `spunNN` rows have `1`. [`TrapConfig::no_url_share`]
//! also strips the url and source of a share of *all* documents (chosen by
//! a hash of the id), keeping their labels.
//!
//! Traps take a share of the generation batches ([`TrapConfig::share`],
//! round robin over the traps asked for) and draw from their own random
//! streams. Without traps nothing here runs and the output is the same
//! bytes as before traps existed.

mod one_page_wire;
mod wide_wire;

use std::collections::HashMap;

use crate::chrome::Site;
use crate::event::Event;
use crate::prose::Writer;
use crate::rng::Rng;
use crate::trap_text::{self, HouseEdit, SmallSite, PAGE_TEMPLATES};
use crate::{
    align_truth_line, edits, join_blocks, make_pending, reused_passages, site_page, Case, DocSpec,
    Generator, Pending, Prov, WireStory,
};

const TAG_TRAP_PICK: u64 = 5;
const TAG_TRAP: u64 = 6;
const TAG_NO_URL: u64 = 7;
const TAG_SMALL_SITE: u64 = 8;
const TAG_MIDSIZE_PICK: u64 = 9;
const TAG_MIDSIZE_SITE: u64 = 10;
/// Share of `updated_version` batches put on a mid-size site (of 60-100
/// pages: with the preset's pages without url, still more than 40 with
/// one).
const MIDSIZE_SHARE: f64 = 0.05;

/// One trap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trap {
    /// Different stories in the same heavy chrome of a small site.
    SmallSiteChrome,
    /// Stories without url or site.
    NoUrl,
    /// A short notice inside many unrelated pages.
    ShortNotice,
    /// Pages filled from one template.
    Templated,
    /// Unspun copies with house-style edits.
    HouseStyle,
    /// Articles quoting one passage of another.
    SharedQuote,
    /// One site's article and its updated version.
    UpdatedVersion,
    /// One wire story on 40-60 outlets.
    WideWire,
    /// One wire story on 12-24 sites of one page, in heavy chrome.
    OnePageWire,
}

impl Trap {
    /// Every trap, in the order `all` uses.
    pub const ALL: [Trap; 9] = [
        Trap::SmallSiteChrome,
        Trap::NoUrl,
        Trap::ShortNotice,
        Trap::Templated,
        Trap::HouseStyle,
        Trap::SharedQuote,
        Trap::UpdatedVersion,
        Trap::WideWire,
        Trap::OnePageWire,
    ];

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Trap::SmallSiteChrome => "small_site_chrome",
            Trap::NoUrl => "no_url",
            Trap::ShortNotice => "short_notice",
            Trap::Templated => "templated",
            Trap::HouseStyle => "house_style",
            Trap::SharedQuote => "shared_quote",
            Trap::UpdatedVersion => "updated_version",
            Trap::WideWire => "wide_wire",
            Trap::OnePageWire => "one_page_wire",
        }
    }

    /// Parses a comma-separated list of trap names, or `all`.
    pub fn parse_list(s: &str) -> Result<Vec<Trap>, String> {
        if s.trim() == "all" {
            return Ok(Trap::ALL.to_vec());
        }
        let mut out = Vec::new();
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let t = Trap::ALL
                .into_iter()
                .find(|t| t.name() == name)
                .ok_or_else(|| {
                    let names: Vec<&str> = Trap::ALL.iter().map(|t| t.name()).collect();
                    format!("unknown trap {name:?} (known: all, {})", names.join(", "))
                })?;
            if !out.contains(&t) {
                out.push(t);
            }
        }
        Ok(out)
    }
}

/// Truth labels the traps write, and whether each is a true copy of its
/// cluster's origin.
const LABELS: [(&str, bool); 12] = [
    ("small_site_chrome", true),
    ("small_site_own", false),
    ("no_url", true),
    ("short_notice", false),
    ("short_notice_host", false),
    ("templated", false),
    ("house_style", true),
    ("shared_quote", false),
    ("updated_version", true),
    ("midsize_own", false),
    ("wide_wire", true),
    ("one_page_wire", true),
];

/// The static form of a trap label, if it is one.
pub fn label(s: &str) -> Option<&'static str> {
    LABELS.iter().find(|(l, _)| *l == s).map(|(l, _)| *l)
}

/// Whether documents of a trap label are true copies of their origin.
pub fn label_is_duplicate(s: &str) -> bool {
    LABELS.iter().any(|(l, d)| *l == s && *d)
}

/// Which traps are on, and how much of the corpus they take.
#[derive(Clone, Debug, PartialEq)]
pub struct TrapConfig {
    /// Traps to generate (none by default).
    pub traps: Vec<Trap>,
    /// Share of generation batches given to traps.
    pub share: f64,
    /// Share of all documents written without url and source.
    pub no_url_share: f64,
}

impl Default for TrapConfig {
    fn default() -> Self {
        TrapConfig {
            traps: Vec::new(),
            share: 0.25,
            no_url_share: 0.0,
        }
    }
}

impl TrapConfig {
    /// Whether the output differs from the trap-free generator.
    pub fn is_on(&self) -> bool {
        !self.traps.is_empty() || self.no_url_share > 0.0
    }

    pub(super) fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.share) {
            return Err("trap share must be within [0, 1]".into());
        }
        if !(0.0..=1.0).contains(&self.no_url_share) {
            return Err("no-url share must be within [0, 1]".into());
        }
        Ok(())
    }
}

/// Trap state during one run.
pub(super) struct TrapState {
    traps: Vec<Trap>,
    share: f64,
    /// Trap batches so far (round robin over `traps`).
    batches: usize,
    /// Small sites made so far.
    small_sites: usize,
    /// Mid-size sites made so far.
    midsize_sites: usize,
    /// `wide_wire` batches so far (the first always makes a wide story).
    wide_batches: usize,
    /// One-page outlets made so far.
    wide_outlets: usize,
    /// `one_page_wire` batches so far (the first always makes its story).
    one_page_batches: usize,
    /// The first standalone document of each notice (by title): a later
    /// one is a copy of it, in its cluster, exact or with other names in
    /// its slots.
    notices: HashMap<String, String>,
}

impl TrapState {
    pub(super) fn new(cfg: &TrapConfig) -> Self {
        TrapState {
            traps: cfg.traps.clone(),
            share: cfg.share,
            batches: 0,
            small_sites: 0,
            midsize_sites: 0,
            wide_batches: 0,
            wide_outlets: 0,
            one_page_batches: 0,
            notices: HashMap::new(),
        }
    }

    /// The trap that batch `iteration` is given to, if any.
    pub(super) fn pick(&mut self, seed: u64, iteration: u64) -> Option<Trap> {
        if self.traps.is_empty() || !Rng::derive(seed, TAG_TRAP_PICK, iteration).chance(self.share)
        {
            return None;
        }
        let t = self.traps[self.batches % self.traps.len()];
        self.batches += 1;
        Some(t)
    }
}

/// Counts a batch of a trap whose batches make one big story (`batches`
/// made so far) and says whether this one makes it: the corpus's first
/// batch always, later ones by a `share` coin drawn from `coin`.
fn makes_its_story(batches: &mut usize, mut coin: Rng, share: f64) -> bool {
    *batches += 1;
    *batches == 1 || coin.chance(share)
}

/// FNV-1a of a string (a stable per-document coin).
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Whether document `id` loses its url and source under `share` (a coin
/// per id, so a document's fate does not depend on generation order).
pub(super) fn strip_by_share(seed: u64, id: &str, share: f64) -> bool {
    share > 0.0 && Rng::derive(seed, TAG_NO_URL, fnv(id)).f64() < share
}

/// Rewrites a pending document without its `url` and `source` fields.
pub(super) fn strip_site(p: &mut Pending) {
    #[derive(serde::Deserialize, serde::Serialize)]
    struct Full {
        id: String,
        #[serde(default, skip_serializing)]
        #[allow(dead_code)]
        url: Option<String>,
        #[serde(default, skip_serializing)]
        #[allow(dead_code)]
        source: Option<String>,
        date: String,
        title: String,
        text: String,
    }
    let doc: Full = serde_json::from_slice(&p.line).expect("a generated line parses");
    let mut line = Vec::with_capacity(p.line.len());
    serde_json::to_writer(&mut line, &doc).expect("serialising a document cannot fail");
    line.push(b'\n');
    p.line = line;
}

/// Where a document is published: a host, section and source name.
struct Outlet<'a> {
    host: &'a str,
    section: &'a str,
    source: &'a str,
}

/// A document of a trap: pushes it with its truth.
struct TrapDoc<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    minutes: i64,
    cluster: &'a str,
    event: &'a str,
    label: &'static str,
    /// Alignment-truth passages against `event`'s origin (copies only).
    passages: Option<&'a [[usize; 4]]>,
}

fn push(out: &mut Vec<Pending>, at: &Outlet<'_>, d: &TrapDoc<'_>) {
    let case = Case::Trap(d.label);
    let alignment = d.passages.map(|p| align_truth_line(d.id, d.event, case, p));
    out.push(make_pending(
        &DocSpec {
            id: d.id,
            host: at.host,
            section: at.section,
            source: at.source,
            minutes: d.minutes,
            title: d.title,
            text: d.text,
            cluster: d.cluster,
            event: d.event,
            case,
        },
        None,
        alignment,
    ));
}

fn site_outlet<'a>(site: &'a Site, rng: &mut Rng) -> Outlet<'a> {
    Outlet {
        host: &site.domain,
        section: rng.pick_str(&site.sections),
        source: &site.name,
    }
}

/// A site's ordinary page for its own article: header, headline, body
/// (with `insert` as paragraphs after paragraph `at`), footer.
fn own_page(site: &Site, title: &str, paras: &[String], insert: &[&str], at: usize) -> String {
    let mut body: Vec<&str> = paras.iter().map(String::as_str).collect();
    let at = at.min(body.len());
    body.splice(at..at, insert.iter().copied());
    let body = body.join("\n\n");
    join_blocks(&[&site.header, title, &body, &site.footer])
}

impl Generator<'_> {
    /// A copy of `story` on `site`, syndicated (its own headline, local
    /// line, typos, house style) or else cut, and its delay after the wire
    /// in minutes: (title, text, alignment-truth passages, delay).
    fn edited_copy(
        &self,
        rng: &mut Rng,
        site: &Site,
        story: &WireStory,
        syndicated: bool,
    ) -> (String, String, Vec<[usize; 4]>, usize) {
        let (src, wire_name) = (story.src(), self.wires[story.wi].name);
        let (ev, art, dateline) = (&story.ev, &story.art, &story.dateline);
        if syndicated {
            let (t, x, p) = self.syndicated(rng, site, ev, art, dateline, wire_name, &src);
            (t, x, p, rng.range(20, 36 * 60))
        } else {
            let (t, x, p) = self.truncated(rng, site, ev, art, dateline, wire_name, &src);
            (t, x, p, rng.range(30, 48 * 60))
        }
    }
}

impl Generator<'_> {
    /// Generates one batch of `trap` (batch number `iteration`).
    pub(super) fn trap(&mut self, trap: Trap, seed: u64, iteration: u64, out: &mut Vec<Pending>) {
        let mut rng = Rng::derive(seed, TAG_TRAP, iteration);
        let rng = &mut rng;
        match trap {
            Trap::SmallSiteChrome => self.small_site_chrome(seed, rng, out),
            Trap::NoUrl => self.no_url(rng, out),
            Trap::ShortNotice => self.short_notice(rng, out),
            Trap::Templated => self.templated(rng, out),
            Trap::HouseStyle => self.house_style(rng, out),
            Trap::SharedQuote => self.shared_quote(rng, out),
            // A twentieth of the batches on a mid-size site, chosen by their
            // own coin so that the others keep their pages.
            Trap::UpdatedVersion
                if Rng::derive(seed, TAG_MIDSIZE_PICK, iteration).chance(MIDSIZE_SHARE) =>
            {
                self.midsize_version(seed, rng, out)
            }
            Trap::UpdatedVersion => self.updated_version(rng, out),
            Trap::WideWire => self.wide_wire(seed, iteration, rng, out),
            Trap::OnePageWire => self.one_page_wire(seed, iteration, rng, out),
        }
    }

    /// A mid-size site: 60-100 short stories of its own in one chrome
    /// (`midsize_own`, each its own cluster), one of them carried twice,
    /// the second updated (`updated_version`). Once the corpus outgrows the
    /// boilerplate sample, the sites' top-up fills such a site to exactly
    /// 40 sampled pages, where the share rule alone asks for 2 pages: with
    /// both versions among them, their shared text was taken for chrome
    /// (found on real documentation sites, docs/evaluation.md).
    fn midsize_version(&mut self, seed: u64, rng: &mut Rng, out: &mut Vec<Pending>) {
        let state = self.traps.as_mut().expect("traps are on");
        state.midsize_sites += 1;
        let k = 10_000 + state.midsize_sites;
        let mut site = SmallSite::generate(
            k,
            &mut Rng::derive(seed, TAG_MIDSIZE_SITE, k as u64),
            self.lex,
        );
        let n = rng.range(60, 100);
        let mut ids: Vec<String> = (0..n + 2).map(|_| site.next_id()).collect();
        let second_id = ids.pop().expect("two more ids");
        let first_id = ids.pop().expect("one more id");
        let site = &site;
        let at = Outlet {
            host: &site.domain,
            section: "news",
            source: &site.name,
        };
        let page = |title: &str, body: &str| join_blocks(&[&site.top, title, body, &site.bottom]);
        // (id, title, text, minutes, cluster, label)
        let mut pages = Vec::new();
        for id in ids {
            let ev = self.new_event(rng);
            let a = Writer::new(&ev, rng.fork(), &site.name).article(rng.range(80, 250));
            let minutes = ev.day * 1440 + ev.minute as i64 + rng.range(30, 600) as i64;
            let text = page(&a.title, &a.paragraphs.join("\n\n"));
            pages.push((id.clone(), a.title, text, minutes, id, "midsize_own"));
        }
        // The article it carries twice: the second with an update.
        let ev = self.new_event(rng);
        let art = Writer::new(&ev, rng.fork(), &site.name).article(self.body_words(rng));
        let more = Writer::new(&ev, rng.fork(), &site.name).article(250);
        // Two paragraphs, more when they are under 80 words (as the
        // other updates: fewer would leave the page under the 80% rule).
        let mut take = 2.min(more.paragraphs.len());
        let words = |ps: &[String]| {
            ps.iter()
                .map(|p| p.split_whitespace().count())
                .sum::<usize>()
        };
        while take < more.paragraphs.len() && words(&more.paragraphs[..take]) < 80 {
            take += 1;
        }
        let update = format!("Update: {}", more.paragraphs[..take].join("\n\n"));
        let body = art.paragraphs.join("\n\n");
        let minutes = ev.day * 1440 + ev.minute as i64 + rng.range(30, 600) as i64;
        let title = format!("{} (updated)", art.title);
        let second = page(&title, &format!("{body}\n\n{update}"));
        let later = minutes + rng.range(120, 720) as i64;
        let first = page(&art.title, &body);
        pages.push((
            first_id.clone(),
            art.title,
            first,
            minutes,
            first_id.clone(),
            "midsize_own",
        ));
        pages.push((second_id, title, second, later, first_id, "updated_version"));
        for (id, title, text, minutes, cluster, label) in &pages {
            push(
                out,
                &at,
                &TrapDoc {
                    id,
                    title,
                    text,
                    minutes: *minutes,
                    cluster,
                    event: cluster,
                    label,
                    passages: None,
                },
            );
        }
    }

    /// A small site's 2-4 pages, each a different story in the same chrome:
    /// mostly wire stories that also have their own copies elsewhere (so a
    /// false merge drags whole clusters together), sometimes its own.
    fn small_site_chrome(&mut self, seed: u64, rng: &mut Rng, out: &mut Vec<Pending>) {
        let state = self.traps.as_mut().expect("traps are on");
        state.small_sites += 1;
        let k = state.small_sites;
        let mut site = SmallSite::generate(
            k,
            &mut Rng::derive(seed, TAG_SMALL_SITE, k as u64),
            self.lex,
        );
        for _ in 0..rng.range(2, 4) {
            // A wire story with its own copies elsewhere (run whole or as
            // a short excerpt, as small sites do), or a short story of its own.
            let wire = rng.chance(0.7).then(|| self.story(rng, out));
            let id = site.next_id();
            let (title, body, cluster, minutes, label, source_len) = match &wire {
                Some(told) => {
                    let body = if rng.chance(0.6) {
                        excerpt(&told.origin_text, rng.range(60, 200))
                    } else {
                        told.origin_text.clone()
                    };
                    let len = body.len();
                    (
                        told.title.clone(),
                        body,
                        told.origin_id.clone(),
                        told.minutes + rng.range(60, 3 * 1440) as i64,
                        "small_site_chrome",
                        Some(len),
                    )
                }
                None => {
                    let ev = self.new_event(rng);
                    let words = rng.range(80, 250);
                    let a = Writer::new(&ev, rng.fork(), &site.name).article(words);
                    let minutes = ev.day * 1440 + ev.minute as i64 + rng.range(30, 600) as i64;
                    let body = a.paragraphs.join("\n\n");
                    (a.title, body, id.clone(), minutes, "small_site_own", None)
                }
            };
            let more = match &wire {
                Some(t) => format!("Read the full story at {}.", self.wires[t.wire].name),
                None => String::new(),
            };
            let blocks = [
                (site.top.as_str(), Prov::None),
                (title.as_str(), Prov::None),
                (
                    body.as_str(),
                    source_len.map_or(Prov::None, |n| Prov::Whole(0, n)),
                ),
                (more.as_str(), Prov::None),
                (site.bottom.as_str(), Prov::None),
            ];
            let passages = reused_passages(&blocks);
            let text = join_blocks(&[&site.top, &title, &body, &more, &site.bottom]);
            let at = Outlet {
                host: &site.domain,
                section: "news",
                source: &site.name,
            };
            push(
                out,
                &at,
                &TrapDoc {
                    id: &id,
                    title: &title,
                    text: &text,
                    minutes,
                    cluster: &cluster,
                    event: &cluster,
                    label,
                    passages: source_len.map(|_| passages.as_slice()),
                },
            );
        }
    }

    /// Whole stories without url or source; their copies are `no_url`.
    fn no_url(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) {
        let start = out.len();
        self.story(rng, out);
        for p in &mut out[start..] {
            strip_site(p);
            if matches!(
                p.case.as_str(),
                "exact" | "syndicated" | "truncated" | "boilerplate"
            ) {
                p.case = "no_url".into();
            }
        }
    }

    /// A short notice on its own, and inside 4-9 unrelated long pages of
    /// various sites.
    fn short_notice(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) {
        let si = rng.index(self.sites.len());
        let (title, notice) = trap_text::notice(rng, &self.sites[si].name);
        let day = self.base_day + rng.index(self.cfg.days.max(1) as usize) as i64;
        let notice_id = self.sites[si].next_id();
        // One notice is one document whatever its slots hold: two sites'
        // disclaimers that differ in the outlet's name are near copies by
        // text (word 5-gram Jaccard 0.56-0.78 between fillings), as the
        // real sets' labels count them (Jaccard >= 0.5).
        let cluster = self
            .traps
            .as_mut()
            .expect("traps are on")
            .notices
            .entry(title.clone())
            .or_insert_with(|| notice_id.clone())
            .clone();
        {
            let site = &self.sites[si];
            let at = site_outlet(site, rng);
            push(
                out,
                &at,
                &TrapDoc {
                    id: &notice_id,
                    title: &title,
                    text: &notice,
                    minutes: day * 1440 + rng.range(400, 1200) as i64,
                    cluster: &cluster,
                    event: &notice_id,
                    label: "short_notice",
                    passages: None,
                },
            );
        }
        for _ in 0..rng.range(4, 9) {
            let ev = self.new_event(rng);
            let sj = rng.index(self.sites.len());
            let words = self.body_words(rng);
            let a = Writer::new(&ev, rng.fork(), &self.sites[sj].name).article(words);
            let at_para = if rng.chance(0.7) {
                a.paragraphs.len()
            } else {
                rng.range(1, a.paragraphs.len())
            };
            let text = own_page(
                &self.sites[sj],
                &a.title,
                &a.paragraphs,
                &[&notice],
                at_para,
            );
            let id = self.sites[sj].next_id();
            let site = &self.sites[sj];
            let at = site_outlet(site, rng);
            push(
                out,
                &at,
                &TrapDoc {
                    id: &id,
                    title: &a.title,
                    text: &text,
                    minutes: ev.day * 1440 + ev.minute as i64 + rng.range(30, 600) as i64,
                    cluster: &id,
                    event: &notice_id,
                    label: "short_notice_host",
                    passages: None,
                },
            );
        }
    }

    /// 3-6 pages of one site filled from one template.
    fn templated(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) {
        let t = &PAGE_TEMPLATES[rng.index(PAGE_TEMPLATES.len())];
        let si = rng.index(self.sites.len());
        let mut first: Option<String> = None;
        for _ in 0..rng.range(3, 6) {
            let day = self.base_day + rng.index(self.cfg.days.max(1) as usize) as i64;
            let (title, body) = trap_text::fill_template(t, rng, self.lex, day);
            let text = join_blocks(&[
                &self.sites[si].header,
                &title,
                &body,
                &self.sites[si].footer,
            ]);
            let id = self.sites[si].next_id();
            let event = first.get_or_insert_with(|| id.clone()).clone();
            let site = &self.sites[si];
            let at = site_outlet(site, rng);
            push(
                out,
                &at,
                &TrapDoc {
                    id: &id,
                    title: &title,
                    text: &text,
                    minutes: day * 1440 + rng.range(360, 1200) as i64,
                    cluster: &id,
                    event: &event,
                    label: "templated",
                    passages: None,
                },
            );
        }
    }

    /// A wire story dense in what house style rewrites, and 2-3 copies
    /// whose only edits are house style.
    fn house_style(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) {
        let ev = self.new_event(rng);
        let wi = rng.weighted(&[0.4, 0.3, 0.2, 0.1]);
        let words = self.body_words(rng);
        let art = Writer::new(&ev, rng.fork(), self.wires[wi].name).article(words);
        let origin_text = self.styled_origin_text(rng, &ev, wi, &art.paragraphs);
        let origin_id = self.wires[wi].next_id();
        let minutes = ev.day * 1440 + ev.minute as i64 + rng.range(20, 240) as i64;
        let wire = &self.wires[wi];
        let at = Outlet {
            host: &wire.domain,
            section: self.lex.topics[ev.topic].name,
            source: wire.name,
        };
        out.push(make_pending(
            &DocSpec {
                id: &origin_id,
                host: at.host,
                section: at.section,
                source: at.source,
                minutes,
                title: &art.title,
                text: &origin_text,
                cluster: &origin_id,
                event: &origin_id,
                case: Case::Origin,
            },
            None,
            None,
        ));
        let n = rng.range(2, 3);
        for si in self.pick_sites(rng, n) {
            let chosen = house_edits(rng);
            let body = trap_text::apply_house_style(&origin_text, &chosen);
            let body = edits::apply_style(&body, &self.sites[si].style);
            let title = if rng.chance(0.5) {
                art.title.clone()
            } else {
                Writer::new(&ev, rng.fork(), &self.sites[si].name).headline()
            };
            let (text, passages) = site_page(
                &self.sites[si],
                &title,
                &body,
                Prov::Whole(0, origin_text.len()),
            );
            let id = self.sites[si].next_id();
            let site = &self.sites[si];
            let at = site_outlet(site, rng);
            push(
                out,
                &at,
                &TrapDoc {
                    id: &id,
                    title: &title,
                    text: &text,
                    minutes: minutes + rng.range(20, 36 * 60) as i64,
                    cluster: &origin_id,
                    event: &origin_id,
                    label: "house_style",
                    passages: Some(&passages),
                },
            );
        }
    }

    /// A site's own article, and hours later its updated version at a new
    /// url on the same site: the same page with an update of 2-3 new
    /// paragraphs (another article on the event, cut) after the lede. A
    /// rule that counts text on two pages of a site as its chrome takes
    /// the shared article for chrome, and the versions stop matching.
    fn updated_version(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) {
        let ev = self.new_event(rng);
        let si = rng.index(self.sites.len());
        let words = self.body_words(rng);
        let first_id = self.sites[si].next_id();
        let second_id = self.sites[si].next_id();
        let site = &self.sites[si];
        let art = Writer::new(&ev, rng.fork(), &site.name).article(words);
        let more = Writer::new(&ev, rng.fork(), &site.name).article(250);
        // 2-3 paragraphs, and at least 80 words: an update of fewer than
        // 50 shingles left the page under the 80% rule, which saved it.
        let want = rng.range(2, 3);
        let mut update: Vec<String> = Vec::new();
        for p in &more.paragraphs {
            let words: usize = update.iter().map(|u| u.split_whitespace().count()).sum();
            if update.len() >= want && words >= 80 {
                break;
            }
            update.push(if update.is_empty() {
                format!("Update: {p}")
            } else {
                p.clone()
            });
        }
        let update: Vec<&str> = update.iter().map(String::as_str).collect();
        let first = own_page(site, &art.title, &art.paragraphs, &[], 0);
        let title = format!("{} (updated)", art.title);
        let second = own_page(site, &title, &art.paragraphs, &update, 1);
        let minutes = ev.day * 1440 + ev.minute as i64 + rng.range(30, 600) as i64;
        let at = site_outlet(site, rng);
        out.push(make_pending(
            &DocSpec {
                id: &first_id,
                host: at.host,
                section: at.section,
                source: at.source,
                minutes,
                title: &art.title,
                text: &first,
                cluster: &first_id,
                event: &first_id,
                case: Case::Origin,
            },
            None,
            None,
        ));
        push(
            out,
            &at,
            &TrapDoc {
                id: &second_id,
                title: &title,
                text: &second,
                minutes: minutes + rng.range(120, 720) as i64,
                cluster: &first_id,
                event: &first_id,
                label: "updated_version",
                passages: None,
            },
        );
    }

    /// The wire text of a house-style story: the article with a style-rich
    /// sentence added to most paragraphs, dateline and credit.
    fn styled_origin_text(&self, rng: &mut Rng, ev: &Event, wi: usize, paras: &[String]) -> String {
        let wire = &self.wires[wi];
        let mut paras: Vec<String> = paras.to_vec();
        for p in paras.iter_mut() {
            if rng.chance(0.75) {
                p.push(' ');
                p.push_str(&trap_text::style_sentence(rng, ev));
            }
        }
        paras[0] = format!("{}{}", wire.dateline(&ev.place), paras[0]);
        if rng.chance(0.75) {
            paras.push(wire.credit(rng));
        }
        paras.join("\n\n")
    }

    /// A wire story (with its usual copies) and 2-4 different articles
    /// that each quote one passage of it.
    fn shared_quote(&mut self, rng: &mut Rng, out: &mut Vec<Pending>) {
        let told = self.story(rng, out);
        let passage = quoted_passage(rng, &told.paragraphs);
        let src_start = told
            .origin_text
            .find(&passage)
            .expect("the passage is origin text");
        let wire_name = self.wires[told.wire].name;
        for _ in 0..rng.range(2, 4) {
            let ev = self.new_event(rng);
            let si = rng.index(self.sites.len());
            // Half are short posts built around the quote (a blog entry, a
            // round-up), where the passage is a large part of the text.
            let words = if rng.chance(0.5) {
                rng.range(120, 300)
            } else {
                self.body_words(rng)
            };
            let a = Writer::new(&ev, rng.fork(), &self.sites[si].name).article(words);
            let intro = rng
                .pick_str(trap_text::QUOTE_INTROS)
                .replace("{W}", wire_name);
            let at_para = rng.range(1, a.paragraphs.len());
            let text = own_page(
                &self.sites[si],
                &a.title,
                &a.paragraphs,
                &[&intro, &passage],
                at_para,
            );
            let cs = text.find(&passage).expect("the passage was inserted");
            let passages = [[cs, cs + passage.len(), src_start, src_start + passage.len()]];
            let id = self.sites[si].next_id();
            let site = &self.sites[si];
            let at = site_outlet(site, rng);
            push(
                out,
                &at,
                &TrapDoc {
                    id: &id,
                    title: &a.title,
                    text: &text,
                    minutes: told.minutes + rng.range(1440, 20 * 1440) as i64,
                    cluster: &id,
                    event: &told.origin_id,
                    label: "shared_quote",
                    passages: Some(&passages),
                },
            );
        }
    }
}

/// The leading paragraphs of `text` (at least one) up to about `words`
/// words, as they stand in it.
fn excerpt(text: &str, words: usize) -> String {
    let mut end = 0;
    let mut count = 0;
    for p in text.split("\n\n") {
        let n = p.split_whitespace().count();
        if end > 0 && count + n > words {
            break;
        }
        end += if end > 0 { 2 } else { 0 } + p.len();
        count += n;
    }
    text[..end].to_string()
}

/// House edits for one copy: each with probability 0.7, at least three.
fn house_edits(rng: &mut Rng) -> Vec<HouseEdit> {
    let mut chosen: Vec<HouseEdit> = trap_text::HOUSE_EDITS
        .into_iter()
        .filter(|_| rng.chance(0.7))
        .collect();
    for e in trap_text::HOUSE_EDITS {
        if chosen.len() >= 3 {
            break;
        }
        if !chosen.contains(&e) {
            chosen.push(e);
        }
    }
    chosen
}

/// Consecutive whole paragraphs (joined as in the text) of 35-110 words,
/// starting at a random paragraph other than the lede; the longest
/// paragraph when no run fits.
fn quoted_passage(rng: &mut Rng, paras: &[String]) -> String {
    let words = |p: &String| p.split_whitespace().count();
    let n = paras.len();
    let first = if n > 1 { rng.range(1, n - 1) } else { 0 };
    for start in (first..n).chain(0..first) {
        let mut total = 0;
        for end in start..n {
            total += words(&paras[end]);
            if total >= 35 {
                if total <= 110 {
                    return paras[start..=end].join("\n\n");
                }
                break;
            }
        }
    }
    paras
        .iter()
        .max_by_key(|p| words(p))
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trap_lists_parse() {
        assert_eq!(Trap::parse_list("all").unwrap(), Trap::ALL.to_vec());
        assert_eq!(
            Trap::parse_list("templated, no_url,templated").unwrap(),
            vec![Trap::Templated, Trap::NoUrl]
        );
        assert!(Trap::parse_list("templated,spam")
            .unwrap_err()
            .contains("spam"));
    }

    #[test]
    fn trap_labels_round_trip_through_case() {
        for (l, dup) in LABELS {
            let c = Case::parse(l).expect("a trap label parses");
            assert_eq!(c.label(), l);
            assert_eq!(c.is_duplicate(), dup, "{l}");
            assert!(!c.is_spun(), "{l} is never spinner output");
        }
    }

    #[test]
    fn excerpts_are_leading_paragraphs() {
        let t = "one two three\n\nfour five\n\nsix seven eight nine";
        assert_eq!(excerpt(t, 1), "one two three");
        assert_eq!(excerpt(t, 5), "one two three\n\nfour five");
        assert_eq!(excerpt(t, 100), t);
    }
}
