//! News events: the facts that every article about one event shares.
//!
//! An event fixes a topic, a place, a country, people with roles,
//! organisations, key nouns/verbs/adjectives, numeric facts, a money
//! amount, a percentage, a date and a few quotes. Articles about the event
//! (the wire original and any hard negatives) draw from these facts but are
//! written independently, so they share names, numbers and dates (high word
//! overlap) without sharing sentences (low 5-gram overlap).

use crate::lexicon::{Lexicon, Topic};
use crate::names;
use crate::rng::Rng;

/// A person in an event.
#[derive(Clone, Debug)]
pub struct Person {
    /// First name.
    pub first: String,
    /// Surname, used for later mentions.
    pub last: String,
    /// Whether the person is referred to as "she".
    pub female: bool,
    /// First mention with a title: "Interior Minister Ana Kovar",
    /// "police spokesperson Ana Kovar".
    pub titled: String,
    /// First mention with an appositive, ending in a comma:
    /// "Ana Kovar, Valdoria's interior minister,".
    pub appositive: String,
}

/// A numeric fact ("12,000 residents").
#[derive(Clone, Debug)]
pub struct Fact {
    /// The count.
    pub value: u64,
    /// Plural noun counted.
    pub noun: &'static str,
}

/// One news event.
#[derive(Clone, Debug)]
pub struct Event {
    /// Index into the lexicon's topics.
    pub topic: usize,
    /// Main place (city).
    pub place: String,
    /// Country.
    pub country: String,
    /// Province or region.
    pub region: String,
    /// Other places mentioned for comparison.
    pub other_places: Vec<String>,
    /// People; the first is the main actor.
    pub people: Vec<Person>,
    /// Organisations; the first is the main one.
    pub orgs: Vec<String>,
    /// Key topic nouns (indices into the topic's nouns).
    pub key_nouns: Vec<usize>,
    /// Key topic verbs (indices into the topic's verbs).
    pub key_verbs: Vec<usize>,
    /// Key topic adjectives (indices into the topic's adjectives).
    pub key_adjs: Vec<usize>,
    /// The story's own slice of the general vocabulary (indices into the
    /// lexicon's nouns, verbs and adjectives): articles about one event
    /// keep coming back to the same words.
    pub vocab_nouns: Vec<usize>,
    /// See [`Event::vocab_nouns`].
    pub vocab_verbs: Vec<usize>,
    /// See [`Event::vocab_nouns`].
    pub vocab_adjs: Vec<usize>,
    /// Numeric facts.
    pub facts: Vec<Fact>,
    /// A money amount.
    pub money: String,
    /// A percentage.
    pub pct: String,
    /// A year referred to as background.
    pub year: u32,
    /// Day of the event, days since 1970-01-01.
    pub day: i64,
    /// Minute of the day at which the event became news.
    pub minute: u32,
    /// Quotes: (person index, quote text without final punctuation).
    pub quotes: Vec<(usize, String)>,
}

fn distinct_indices(rng: &mut Rng, n: usize, k: usize) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut all);
    all.truncate(k.min(n));
    all
}

/// `k` distinct indices drawn with `draw` (a Zipf sampler), skipping the
/// 20 most frequent ranks so the story vocabulary is distinctive.
fn zipf_distinct(
    rng: &mut Rng,
    n: usize,
    k: usize,
    mut draw: impl FnMut(&mut Rng) -> usize,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(k);
    let k = k.min(n.saturating_sub(20));
    let mut tries = 0;
    while out.len() < k && tries < k * 50 {
        tries += 1;
        let i = draw(rng);
        if i >= 20 && !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

impl Event {
    /// The event's topic.
    pub fn topic<'a>(&self, lex: &'a Lexicon) -> &'a Topic {
        &lex.topics[self.topic]
    }

    /// A new event on `day` (days since 1970-01-01), without quotes (the
    /// prose writer adds them).
    pub fn generate(rng: &mut Rng, lex: &Lexicon, day: i64) -> Event {
        let topic_idx = rng.index(lex.topics.len());
        let topic = &lex.topics[topic_idx];
        let place = names::place(rng, lex);
        let country = names::country(rng, lex);
        let region = format!(
            "{}{} {}",
            rng.pick(&lex.place_heads),
            rng.pick(&lex.place_tails),
            rng.pick(&["Province", "County", "Region", "District"])
        );
        let other_places = (0..3).map(|_| names::place(rng, lex)).collect();

        let n_orgs = rng.range(2, 3);
        let mut orgs: Vec<String> = Vec::with_capacity(n_orgs);
        for pi in distinct_indices(rng, topic.orgs.len(), n_orgs) {
            orgs.push(names::organisation(
                topic.orgs[pi],
                &place,
                &country,
                rng,
                lex,
            ));
        }

        let n_people = rng.range(3, 5);
        let role_idx = distinct_indices(rng, topic.roles.len(), n_people);
        let mut people = Vec::with_capacity(role_idx.len());
        for ri in role_idx {
            let role = &topic.roles[ri];
            let (first, last, female) = names::person(rng, lex);
            let org = rng.pick(&orgs).clone();
            let (titled, appositive) = if role.title {
                let lower = role.text.to_lowercase();
                let app = if role.text.contains("Minister") {
                    format!("{first} {last}, {country}'s {lower},")
                } else if role.text == "Dr." {
                    format!("{first} {last}, a doctor at the {org},")
                } else if role.text == "Mayor" || role.text == "Governor" {
                    format!("{first} {last}, the {lower} of {place},")
                } else {
                    format!("{first} {last}, a {lower} at the {org},")
                };
                (format!("{} {first} {last}", role.text), app)
            } else {
                let art = if matches!(role.text.as_bytes()[0], b'a' | b'e' | b'i' | b'o' | b'u') {
                    "an"
                } else {
                    "a"
                };
                (
                    format!("{} {first} {last}", role.text),
                    format!("{first} {last}, {art} {} for the {org},", role.text),
                )
            };
            people.push(Person {
                first,
                last,
                female,
                titled,
                appositive,
            });
        }

        let key_nouns = distinct_indices(rng, topic.nouns.len(), 6);
        let key_verbs = distinct_indices(rng, topic.verbs.len(), 3);
        let key_adjs = distinct_indices(rng, topic.adjs.len(), 3);
        let vocab_nouns = zipf_distinct(rng, lex.nouns.len(), 30, |r| lex.nouns.sample_index(r));
        let vocab_verbs = zipf_distinct(rng, lex.verbs.len(), 16, |r| lex.verbs.sample_index(r));
        let vocab_adjs = zipf_distinct(rng, lex.adjs.len(), 14, |r| lex.adjs.sample_index(r));
        let n_facts = rng.range(2, 3);
        let facts = distinct_indices(rng, topic.counts.len(), n_facts)
            .into_iter()
            .map(|ci| Fact {
                value: names::fact_value(rng),
                noun: topic.counts[ci],
            })
            .collect();
        Event {
            topic: topic_idx,
            place,
            country,
            region,
            other_places,
            people,
            orgs,
            key_nouns,
            key_verbs,
            key_adjs,
            vocab_nouns,
            vocab_verbs,
            vocab_adjs,
            facts,
            money: names::money(rng),
            pct: names::percent(rng),
            year: rng.range(1995, 2024) as u32,
            day,
            minute: rng.range(5 * 60, 22 * 60) as u32,
            quotes: Vec::new(),
        }
    }
}
