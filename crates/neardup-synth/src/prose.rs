//! News prose writer: fills the templates of [`crate::templates`]
//! with Zipf-distributed vocabulary and the facts of an [`Event`].

use std::sync::OnceLock;

use crate::event::Event;
use crate::lexicon::{lexicon, Lexicon, Topic};
use crate::names;
use crate::rng::Rng;
use crate::templates;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    N,
    Ns,
    H,
    Hs,
    A,
    V,
    Vs,
    Vd,
    Vn,
    Vg,
    Adv,
    K,
    Ks,
    Ka,
    Kv,
    Kvs,
    Kvd,
    Kvg,
    P,
    Pa,
    Pron,
    Poss,
    Pl,
    Reg,
    Prov,
    Org,
    Org2,
    Day,
    NextDay,
    Date,
    Month,
    Fact,
    NumBig,
    NumW,
    Money,
    Pct,
    Year,
    Decade,
    Q,
    City2,
    Outlet,
}

fn slot_from_name(name: &str) -> Slot {
    match name {
        "N" => Slot::N,
        "NS" => Slot::Ns,
        "H" => Slot::H,
        "HS" => Slot::Hs,
        "A" => Slot::A,
        "V" => Slot::V,
        "VS" => Slot::Vs,
        "VD" => Slot::Vd,
        "VN" => Slot::Vn,
        "VG" => Slot::Vg,
        "ADV" => Slot::Adv,
        "K" => Slot::K,
        "KS" => Slot::Ks,
        "KA" => Slot::Ka,
        "KV" => Slot::Kv,
        "KVS" => Slot::Kvs,
        "KVD" => Slot::Kvd,
        "KVG" => Slot::Kvg,
        "P" => Slot::P,
        "PA" => Slot::Pa,
        "PRON" => Slot::Pron,
        "POSS" => Slot::Poss,
        "PL" => Slot::Pl,
        "REG" => Slot::Reg,
        "PROV" => Slot::Prov,
        "ORG" => Slot::Org,
        "ORG2" => Slot::Org2,
        "DAY" => Slot::Day,
        "NEXTDAY" => Slot::NextDay,
        "DATE" => Slot::Date,
        "MONTH" => Slot::Month,
        "FACT" => Slot::Fact,
        "NUMBIG" => Slot::NumBig,
        "NUMW" => Slot::NumW,
        "MONEY" => Slot::Money,
        "PCT" => Slot::Pct,
        "YEAR" => Slot::Year,
        "DECADE" => Slot::Decade,
        "Q" => Slot::Q,
        "CITY2" => Slot::City2,
        "OUTLET" => Slot::Outlet,
        other => panic!("unknown template slot {{{other}}}"),
    }
}

#[derive(Debug)]
enum Part {
    Lit(&'static str),
    Slot(Slot),
    Alt(Vec<Vec<Part>>),
}

type Template = Vec<Part>;

fn parse_seq(s: &'static str, i: &mut usize, in_alt: bool) -> Vec<Part> {
    let b = s.as_bytes();
    let mut parts = Vec::new();
    let mut lit_start = *i;
    while *i < b.len() {
        match b[*i] {
            b'{' => {
                if lit_start < *i {
                    parts.push(Part::Lit(&s[lit_start..*i]));
                }
                let end = s[*i..].find('}').expect("unclosed slot") + *i;
                parts.push(Part::Slot(slot_from_name(&s[*i + 1..end])));
                *i = end + 1;
                lit_start = *i;
            }
            b'[' => {
                if lit_start < *i {
                    parts.push(Part::Lit(&s[lit_start..*i]));
                }
                *i += 1;
                let mut alts = Vec::new();
                loop {
                    alts.push(parse_seq(s, i, true));
                    let c = b.get(*i).copied();
                    *i += 1;
                    if c != Some(b'|') {
                        break;
                    }
                }
                parts.push(Part::Alt(alts));
                lit_start = *i;
            }
            b'|' | b']' if in_alt => {
                break;
            }
            _ => *i += 1,
        }
    }
    if lit_start < *i {
        parts.push(Part::Lit(&s[lit_start..*i]));
    }
    parts
}

fn parse(s: &'static str) -> Template {
    let mut i = 0;
    parse_seq(s, &mut i, false)
}

struct Templates {
    lede: Vec<Template>,
    body: Vec<Template>,
    background: Vec<Template>,
    quote: Vec<Template>,
    quote_wrap: Vec<Template>,
    quote_follow: Vec<Template>,
    reaction: Vec<Template>,
    closing: Vec<Template>,
    headline: Vec<Template>,
    local: Vec<Template>,
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| {
        let p = |list: &[&'static str]| list.iter().map(|s| parse(s)).collect::<Vec<_>>();
        Templates {
            lede: p(templates::LEDE),
            body: p(templates::BODY),
            background: p(templates::BACKGROUND),
            quote: p(templates::QUOTE),
            quote_wrap: p(templates::QUOTE_WRAP),
            quote_follow: p(templates::QUOTE_FOLLOW),
            reaction: p(templates::REACTION),
            closing: p(templates::CLOSING),
            headline: p(templates::HEADLINE),
            local: p(templates::LOCAL),
        }
    })
}

/// Total number of templates (for documentation and tests).
pub fn template_count() -> usize {
    let t = templates();
    t.lede.len()
        + t.body.len()
        + t.background.len()
        + t.quote.len()
        + t.quote_wrap.len()
        + t.quote_follow.len()
        + t.reaction.len()
        + t.closing.len()
        + t.headline.len()
        + t.local.len()
}

fn starts_with_vowel_sound(w: &str) -> bool {
    let b = w.as_bytes();
    let Some(&c) = b.first() else {
        return false;
    };
    let lower = |s: &str| -> bool {
        w.len() >= s.len() && w.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
    };
    if lower("hour") || lower("honest") || lower("honour") || lower("heir") {
        return true;
    }
    if !matches!(c.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u') {
        // Digits such as 8, 11, 18 and 80 are read with a vowel sound.
        return c == b'8' || w.starts_with("11") || w.starts_with("18");
    }
    !(lower("uni") || lower("use") || lower("usu") || lower("eu") || lower("one") || lower("uk"))
}

/// Appends `w`, turning a preceding "a" into "an" where needed.
fn push_word(out: &mut String, w: &str) {
    if starts_with_vowel_sound(w)
        && (out.ends_with(" a ") || out == "a " || out == "A " || out.ends_with("\"a "))
    {
        out.pop();
        out.push_str("n ");
    }
    out.push_str(w);
}

/// Removes doubled spaces and spaces before punctuation left by empty
/// template alternatives.
fn tidy(s: &mut String) {
    if s.contains("  ") || s.contains(" ,") || s.contains(" .") {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if (c == ' ' || c == ',' || c == '.') && out.ends_with(' ') {
                out.pop();
            }
            out.push(c);
        }
        *s = out;
    }
}

/// Upper-cases the first character of `s` (after any opening quotes) when
/// it is a lowercase letter; a sentence starting with a number stays as is.
pub fn capitalize_first(s: &mut String) {
    if let Some((i, c)) = s
        .char_indices()
        .find(|(_, c)| !matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | ' '))
    {
        if c.is_lowercase() {
            let up: String = c.to_uppercase().collect();
            s.replace_range(i..i + c.len_utf8(), &up);
        }
    }
}

fn word_count(s: &str) -> usize {
    s.split_ascii_whitespace().count()
}

/// An article: headline and body paragraphs (no dateline, no chrome).
#[derive(Clone, Debug, Default)]
pub struct Article {
    /// Headline.
    pub title: String,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
}

impl Article {
    /// Number of whitespace-separated words in the body.
    pub fn word_count(&self) -> usize {
        self.paragraphs.iter().map(|p| word_count(p)).sum()
    }
}

/// Fills templates for one event.
pub struct Writer<'a> {
    lex: &'static Lexicon,
    topic: &'static Topic,
    ev: &'a Event,
    rng: Rng,
    mentioned: Vec<bool>,
    last_person: usize,
    sentence_person: Option<usize>,
    forced_speaker: Option<usize>,
    outlet: &'a str,
    city2: Option<&'a str>,
    headline: bool,
    in_quote: bool,
    used_templates: [u64; CATEGORIES],
    used_quotes: u64,
}

const CATEGORIES: usize = 10;
const CAT_LEDE: usize = 0;
const CAT_BODY: usize = 1;
const CAT_BACKGROUND: usize = 2;
const CAT_QUOTE: usize = 3;
const CAT_QUOTE_WRAP: usize = 4;
const CAT_QUOTE_FOLLOW: usize = 5;
const CAT_REACTION: usize = 6;
const CAT_CLOSING: usize = 7;
const CAT_HEADLINE: usize = 8;
const CAT_LOCAL: usize = 9;

impl<'a> Writer<'a> {
    /// A writer for `ev`, publishing as `outlet`.
    pub fn new(ev: &'a Event, rng: Rng, outlet: &'a str) -> Self {
        let lex = lexicon();
        Writer {
            lex,
            topic: &lex.topics[ev.topic],
            ev,
            rng,
            mentioned: vec![false; ev.people.len()],
            last_person: 0,
            sentence_person: None,
            forced_speaker: None,
            outlet,
            city2: None,
            headline: false,
            in_quote: false,
            used_templates: [0; CATEGORIES],
            used_quotes: 0,
        }
    }

    fn noun(&mut self) -> &'static crate::lexicon::Noun {
        let r = self.rng.f64();
        if r < 0.14 {
            let i = *self.rng.pick(&self.ev.key_nouns);
            &self.topic.nouns.items[i]
        } else if r < 0.36 && !self.ev.vocab_nouns.is_empty() {
            let i = *self.rng.pick(&self.ev.vocab_nouns);
            &self.lex.nouns.items[i]
        } else if r < 0.50 {
            self.topic.nouns.sample(&mut self.rng)
        } else {
            self.lex.nouns.sample(&mut self.rng)
        }
    }

    fn verb(&mut self) -> &'static crate::lexicon::Verb {
        let r = self.rng.f64();
        if r < 0.08 {
            let i = *self.rng.pick(&self.ev.key_verbs);
            &self.topic.verbs.items[i]
        } else if r < 0.28 && !self.ev.vocab_verbs.is_empty() {
            let i = *self.rng.pick(&self.ev.vocab_verbs);
            &self.lex.verbs.items[i]
        } else if r < 0.40 {
            self.topic.verbs.sample(&mut self.rng)
        } else {
            self.lex.verbs.sample(&mut self.rng)
        }
    }

    fn adj(&mut self) -> &'static str {
        let r = self.rng.f64();
        if r < 0.12 {
            let i = *self.rng.pick(&self.ev.key_adjs);
            &self.topic.adjs.items[i]
        } else if r < 0.32 && !self.ev.vocab_adjs.is_empty() {
            let i = *self.rng.pick(&self.ev.vocab_adjs);
            &self.lex.adjs.items[i]
        } else if r < 0.42 {
            self.topic.adjs.sample(&mut self.rng)
        } else {
            self.lex.adjs.sample(&mut self.rng)
        }
    }

    fn key_noun(&mut self) -> &'static crate::lexicon::Noun {
        // The first key nouns are the event's headline nouns.
        let k = self.ev.key_nouns.len();
        let i = if self.rng.chance(0.6) {
            self.ev.key_nouns[self.rng.index(k.min(2))]
        } else {
            *self.rng.pick(&self.ev.key_nouns)
        };
        &self.topic.nouns.items[i]
    }

    fn key_verb(&mut self) -> &'static crate::lexicon::Verb {
        let i = *self.rng.pick(&self.ev.key_verbs);
        &self.topic.verbs.items[i]
    }

    fn choose_person(&mut self) -> usize {
        if let Some(p) = self.forced_speaker.take() {
            return p;
        }
        let n = self.ev.people.len();
        if self.rng.chance(0.45) {
            0
        } else {
            self.rng.index(n)
        }
    }

    fn push_person(&mut self, out: &mut String, appositive_ok: bool) {
        let p = self.choose_person();
        self.last_person = p;
        self.sentence_person = Some(p);
        let person = &self.ev.people[p];
        if self.headline {
            push_word(out, &person.last);
        } else if !self.mentioned[p] {
            self.mentioned[p] = true;
            if appositive_ok && self.rng.chance(0.5) {
                push_word(out, &person.appositive);
            } else {
                push_word(out, &person.titled);
            }
        } else {
            push_word(out, &person.last);
        }
    }

    fn push_quote(&mut self, out: &mut String) {
        let quotes = &self.ev.quotes;
        let use_event = !self.in_quote && !quotes.is_empty() && self.rng.chance(0.5);
        if use_event {
            let unused = |i: usize| i < 64 && self.used_quotes & (1u64 << i) == 0;
            let options: Vec<usize> = match self.sentence_person {
                Some(sp) => (0..quotes.len())
                    .filter(|&i| quotes[i].0 == sp && unused(i))
                    .collect(),
                None => (0..quotes.len()).filter(|&i| unused(i)).collect(),
            };
            if !options.is_empty() {
                let qi = *self.rng.pick(&options);
                self.used_quotes |= 1u64 << qi;
                if self.sentence_person.is_none() {
                    self.forced_speaker = Some(quotes[qi].0);
                }
                push_word(out, &quotes[qi].1);
                return;
            }
        }
        let q = self.fresh_quote();
        push_word(out, &q);
    }

    /// A new first-person quote body.
    pub fn fresh_quote(&mut self) -> String {
        let t = templates();
        let i = self.pick_template(CAT_QUOTE, t.quote.len());
        let saved = self.in_quote;
        self.in_quote = true;
        let mut q = String::with_capacity(96);
        self.eval(&t.quote[i], &mut q);
        self.in_quote = saved;
        capitalize_first(&mut q);
        q
    }

    fn push_slot(&mut self, slot: Slot, out: &mut String) {
        let ev = self.ev;
        match slot {
            Slot::N => {
                let n = self.noun();
                push_word(out, &n.sg);
            }
            Slot::Ns => {
                let n = self.noun();
                push_word(out, &n.pl);
            }
            Slot::H => {
                let n = self.lex.humans.sample(&mut self.rng);
                push_word(out, &n.sg);
            }
            Slot::Hs => {
                let n = self.lex.humans.sample(&mut self.rng);
                push_word(out, &n.pl);
            }
            Slot::A => {
                let a = self.adj();
                push_word(out, a);
            }
            Slot::V => {
                let v = self.verb();
                push_word(out, &v.base);
            }
            Slot::Vs => {
                let v = self.verb();
                push_word(out, &v.s);
            }
            Slot::Vd => {
                let v = self.verb();
                push_word(out, &v.past);
            }
            Slot::Vn => {
                let v = self.verb();
                push_word(out, &v.pp);
            }
            Slot::Vg => {
                let v = self.verb();
                push_word(out, &v.ing);
            }
            Slot::Adv => {
                let a = self.lex.advs.sample(&mut self.rng);
                push_word(out, a);
            }
            Slot::K => {
                let n = self.key_noun();
                push_word(out, &n.sg);
            }
            Slot::Ks => {
                let n = self.key_noun();
                push_word(out, &n.pl);
            }
            Slot::Ka => {
                let i = *self.rng.pick(&ev.key_adjs);
                push_word(out, &self.topic.adjs.items[i]);
            }
            Slot::Kv => {
                let v = self.key_verb();
                push_word(out, &v.base);
            }
            Slot::Kvs => {
                let v = self.key_verb();
                push_word(out, &v.s);
            }
            Slot::Kvd => {
                let v = self.key_verb();
                push_word(out, &v.past);
            }
            Slot::Kvg => {
                let v = self.key_verb();
                push_word(out, &v.ing);
            }
            Slot::P => self.push_person(out, false),
            Slot::Pa => self.push_person(out, true),
            Slot::Pron => {
                let female = ev.people[self.last_person].female;
                push_word(out, if female { "she" } else { "he" });
            }
            Slot::Poss => {
                let female = ev.people[self.last_person].female;
                push_word(out, if female { "her" } else { "his" });
            }
            Slot::Pl => push_word(out, &ev.place),
            Slot::Reg => push_word(out, &ev.country),
            Slot::Prov => push_word(out, &ev.region),
            Slot::Org => {
                let i = if self.rng.chance(0.7) {
                    0
                } else {
                    self.rng.index(ev.orgs.len())
                };
                push_word(out, &ev.orgs[i]);
            }
            Slot::Org2 => {
                let i = 1 + self.rng.index(ev.orgs.len() - 1);
                push_word(out, &ev.orgs[i]);
            }
            Slot::Day => push_word(out, names::WEEKDAYS[names::weekday(ev.day)]),
            Slot::NextDay => {
                let d = ev.day + self.rng.range(1, 4) as i64;
                push_word(out, names::WEEKDAYS[names::weekday(d)]);
            }
            Slot::Date => {
                let (_, m, d) = names::civil_from_days(ev.day);
                push_word(out, names::MONTHS[m as usize - 1]);
                out.push(' ');
                out.push_str(&d.to_string());
            }
            Slot::Month => {
                let (_, m, _) = names::civil_from_days(ev.day + self.rng.range(0, 60) as i64);
                push_word(out, names::MONTHS[m as usize - 1]);
            }
            Slot::Fact => {
                let f = self.rng.pick(&ev.facts);
                let mut s = String::with_capacity(24);
                names::push_count(&mut s, f.value);
                s.push(' ');
                s.push_str(f.noun);
                push_word(out, &s);
            }
            Slot::NumBig => {
                let mut s = String::with_capacity(12);
                let v = match self.rng.index(3) {
                    0 => self.rng.range_u64(120, 990),
                    1 => self.rng.range_u64(11, 99) * 100,
                    _ => self.rng.range_u64(1_000, 90_000),
                };
                names::push_thousands(&mut s, v);
                push_word(out, &s);
            }
            Slot::NumW => {
                let n = self.rng.range(2, 15) as u64;
                let mut s = String::new();
                names::push_count(&mut s, n);
                push_word(out, &s);
            }
            Slot::Money => {
                if self.rng.chance(0.7) {
                    push_word(out, &ev.money);
                } else {
                    let m = names::money(&mut self.rng);
                    push_word(out, &m);
                }
            }
            Slot::Pct => {
                if self.rng.chance(0.5) {
                    push_word(out, &ev.pct);
                } else {
                    let p = names::percent(&mut self.rng);
                    push_word(out, &p);
                }
            }
            Slot::Year => {
                let y = if self.rng.chance(0.5) {
                    ev.year
                } else {
                    self.rng.range(1990, 2025) as u32
                };
                push_word(out, &y.to_string());
            }
            Slot::Decade => {
                let d = 1960 + 10 * self.rng.range(0, 5);
                push_word(out, &format!("{d}s"));
            }
            Slot::Q => self.push_quote(out),
            Slot::City2 => match self.city2 {
                Some(c) => push_word(out, c),
                None => {
                    let c = self.rng.pick(&ev.other_places);
                    push_word(out, c);
                }
            },
            Slot::Outlet => {
                let o = self.outlet;
                push_word(out, o);
            }
        }
    }

    fn eval(&mut self, parts: &[Part], out: &mut String) {
        for part in parts {
            match part {
                Part::Lit(s) => push_word(out, s),
                Part::Slot(slot) => self.push_slot(*slot, out),
                Part::Alt(alts) => {
                    let i = self.rng.index(alts.len());
                    self.eval(&alts[i], out);
                }
            }
        }
    }

    /// A template index of category `cat` not used yet in this article
    /// when possible (avoids repeated sentence skeletons).
    fn pick_template(&mut self, cat: usize, n: usize) -> usize {
        let mut i = self.rng.index(n);
        for _ in 0..6 {
            if i >= 64 || self.used_templates[cat] & (1u64 << i) == 0 {
                break;
            }
            i = self.rng.index(n);
        }
        if i < 64 {
            self.used_templates[cat] |= 1u64 << i;
        }
        i
    }

    fn sentence_from(&mut self, cat: usize, list: &[Template], out: &mut String) {
        self.sentence_with(cat, list, out, None);
    }

    fn sentence_with(
        &mut self,
        cat: usize,
        list: &[Template],
        out: &mut String,
        person: Option<usize>,
    ) {
        let i = self.pick_template(cat, list.len());
        let start = out.len();
        self.sentence_person = person;
        self.forced_speaker = None;
        let mut s = String::with_capacity(160);
        self.eval(&list[i], &mut s);
        tidy(&mut s);
        capitalize_first(&mut s);
        if start > 0 && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(&s);
    }

    /// A headline for the event.
    pub fn headline(&mut self) -> String {
        self.headline = true;
        let t = templates();
        let i = self.pick_template(CAT_HEADLINE, t.headline.len());
        let mut s = String::with_capacity(80);
        self.eval(&t.headline[i], &mut s);
        tidy(&mut s);
        self.headline = false;
        capitalize_first(&mut s);
        s
    }

    /// A local sentence for a syndicating site in `city`.
    pub fn local_sentence(&mut self, city: &'a str) -> String {
        self.city2 = Some(city);
        let mut s = String::new();
        self.sentence_from(CAT_LOCAL, &templates().local, &mut s);
        self.city2 = None;
        s
    }

    /// A full article of about `target_words` words.
    pub fn article(&mut self, target_words: usize) -> Article {
        let t = templates();
        let title = self.headline();
        let mut paragraphs: Vec<String> = Vec::new();
        let mut words = 0;

        let mut lede = String::with_capacity(400);
        self.sentence_from(CAT_LEDE, &t.lede, &mut lede);
        if self.rng.chance(0.35) {
            self.sentence_from(CAT_BODY, &t.body, &mut lede);
        }
        words += word_count(&lede);
        paragraphs.push(lede);

        let closing_words = 25;
        while words + closing_words < target_words {
            let mut p = String::with_capacity(600);
            match self.rng.weighted(&[0.40, 0.26, 0.14, 0.10, 0.10]) {
                0 => {
                    for _ in 0..self.rng.range(1, 3) {
                        self.sentence_from(CAT_BODY, &t.body, &mut p);
                    }
                }
                1 => {
                    self.sentence_from(CAT_QUOTE_WRAP, &t.quote_wrap, &mut p);
                    if self.rng.chance(0.35) {
                        let speaker = Some(self.last_person);
                        self.sentence_with(CAT_QUOTE_FOLLOW, &t.quote_follow, &mut p, speaker);
                    }
                    if self.rng.chance(0.3) {
                        self.sentence_from(CAT_BODY, &t.body, &mut p);
                    }
                }
                2 => {
                    for _ in 0..self.rng.range(1, 2) {
                        self.sentence_from(CAT_BACKGROUND, &t.background, &mut p);
                    }
                }
                3 => {
                    self.sentence_from(CAT_REACTION, &t.reaction, &mut p);
                    if self.rng.chance(0.5) {
                        self.sentence_from(CAT_BODY, &t.body, &mut p);
                    }
                }
                _ => {
                    self.sentence_from(CAT_BODY, &t.body, &mut p);
                    self.sentence_from(CAT_QUOTE_WRAP, &t.quote_wrap, &mut p);
                }
            }
            words += word_count(&p);
            paragraphs.push(p);
        }
        let mut closing = String::with_capacity(200);
        self.sentence_from(CAT_CLOSING, &t.closing, &mut closing);
        paragraphs.push(closing);
        Article { title, paragraphs }
    }

    /// Generates the event's shared quotes.
    pub fn event_quotes(&mut self, n: usize) -> Vec<(usize, String)> {
        (0..n)
            .map(|k| {
                let speaker = if k == 0 {
                    0
                } else {
                    self.rng.index(self.ev.people.len())
                };
                (speaker, self.fresh_quote())
            })
            .collect()
    }
}

/// A new event on `day` with its shared quotes.
pub fn new_event(rng: &mut Rng, day: i64) -> Event {
    let lex = lexicon();
    let mut ev = Event::generate(rng, lex, day);
    let n = rng.range(2, 3);
    let quotes = {
        let mut w = Writer::new(&ev, rng.fork(), "");
        w.in_quote = true;
        w.event_quotes(n)
    };
    ev.quotes = quotes;
    ev
}
