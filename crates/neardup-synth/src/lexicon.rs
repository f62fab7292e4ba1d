//! Parsed vocabulary: inflected forms, Zipf samplers, topics and the set of
//! known word forms, built once from [`crate::words`].

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use xxhash_rust::xxh3::Xxh3Builder;

use crate::rng::{Rng, Zipf};
use crate::spin::SpinTable;
use crate::words;

/// Hash map with a fixed, fast hasher (lookups only; never iterated for
/// output, so iteration order cannot leak into the corpus).
pub type FastMap<K, V> = HashMap<K, V, Xxh3Builder>;
/// Hash set with a fixed, fast hasher.
pub type FastSet<K> = HashSet<K, Xxh3Builder>;

/// Zipf offset: flattens the very top of the rank distribution a little,
/// as in the Zipf-Mandelbrot law fitted to real text.
const ZIPF_Q: f64 = 2.7;

/// A noun with its plural (equal to the singular for mass nouns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Noun {
    /// Singular form.
    pub sg: String,
    /// Plural form.
    pub pl: String,
}

/// A verb with its inflected forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// Base form ("stop").
    pub base: String,
    /// Third person singular ("stops").
    pub s: String,
    /// Past tense ("stopped").
    pub past: String,
    /// Past participle ("stopped").
    pub pp: String,
    /// Present participle ("stopping").
    pub ing: String,
}

impl Verb {
    /// The five forms in the order used by the spinner.
    pub fn forms(&self) -> [&str; 5] {
        [&self.base, &self.s, &self.past, &self.pp, &self.ing]
    }
}

/// A list of words with a Zipf sampler over its rank order.
#[derive(Clone, Debug)]
pub struct WordClass<T> {
    /// Words, most frequent first.
    pub items: Vec<T>,
    zipf: Zipf,
}

impl<T> WordClass<T> {
    fn new(items: Vec<T>) -> Self {
        let zipf = Zipf::new(items.len(), ZIPF_Q);
        WordClass { items, zipf }
    }

    /// A word drawn by the Zipf law over ranks.
    #[inline]
    pub fn sample(&self, rng: &mut Rng) -> &T {
        &self.items[self.zipf.sample(rng)]
    }

    /// A rank drawn by the Zipf law.
    #[inline]
    pub fn sample_index(&self, rng: &mut Rng) -> usize {
        self.zipf.sample(rng)
    }

    /// A word drawn uniformly.
    #[inline]
    pub fn uniform(&self, rng: &mut Rng) -> &T {
        rng.pick(&self.items)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A role of a person in an event.
#[derive(Clone, Debug)]
pub struct Role {
    /// `true` for titles written before a name ("Interior Minister").
    pub title: bool,
    /// The role text, capitalised for titles, lowercase otherwise.
    pub text: &'static str,
}

/// A topic vocabulary.
#[derive(Clone, Debug)]
pub struct Topic {
    /// Short name ("politics").
    pub name: &'static str,
    /// Topic nouns.
    pub nouns: WordClass<Noun>,
    /// Topic verbs.
    pub verbs: WordClass<Verb>,
    /// Topic adjectives.
    pub adjs: WordClass<String>,
    /// Roles of people in events of this topic.
    pub roles: Vec<Role>,
    /// Organisation name patterns.
    pub orgs: Vec<&'static str>,
    /// Plural count nouns for numeric facts.
    pub counts: Vec<&'static str>,
}

/// Part of speech of a synonym group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// Noun: forms singular, plural.
    Noun,
    /// Verb: forms base, -s, past, past participle, -ing.
    Verb,
    /// Adjective: one form.
    Adj,
    /// Adverb: one form.
    Adv,
}

/// A parsed synonym group: every member's forms, in [`Pos`] order.
#[derive(Clone, Debug)]
pub struct SynGroup {
    /// Part of speech.
    pub pos: Pos,
    /// Forms of each member.
    pub members: Vec<Vec<String>>,
}

/// The whole vocabulary.
pub struct Lexicon {
    /// General nouns.
    pub nouns: WordClass<Noun>,
    /// General verbs.
    pub verbs: WordClass<Verb>,
    /// General adjectives.
    pub adjs: WordClass<String>,
    /// Adverbs.
    pub advs: WordClass<String>,
    /// People nouns (subjects that must be human).
    pub humans: WordClass<Noun>,
    /// Topic vocabularies.
    pub topics: Vec<Topic>,
    /// Female first names.
    pub first_f: Vec<&'static str>,
    /// Male first names.
    pub first_m: Vec<&'static str>,
    /// Surnames.
    pub surnames: Vec<&'static str>,
    /// Place name heads.
    pub place_heads: Vec<&'static str>,
    /// Place name tails.
    pub place_tails: Vec<&'static str>,
    /// Place name prefixes ("New", "Port").
    pub place_prefixes: Vec<&'static str>,
    /// Country name tails.
    pub country_tails: Vec<&'static str>,
    /// Newspaper masthead nouns.
    pub mastheads: Vec<&'static str>,
    /// Site sections.
    pub sections: Vec<&'static str>,
    /// The spinner's synonym and phrase tables.
    pub spin: SpinTable,
    function: FastSet<&'static str>,
    known: FastSet<String>,
}

impl Lexicon {
    /// Whether `w` (lowercase) is a function word.
    #[inline]
    pub fn is_function_word(&self, w: &str) -> bool {
        self.function.contains(w)
    }

    /// Whether `w` (lowercase) is a known content word form.
    #[inline]
    pub fn is_known_content(&self, w: &str) -> bool {
        self.known.contains(w)
    }

    /// Total number of distinct word forms known to the lexicon (content
    /// forms plus function words).
    pub fn vocabulary_size(&self) -> usize {
        self.known.len() + self.function.len()
    }

    /// Number of distinct lemmas (nouns, verbs, adjectives, adverbs, topic
    /// words, function words).
    pub fn lemma_count(&self) -> usize {
        let mut set: FastSet<&str> = FastSet::default();
        for n in &self.nouns.items {
            set.insert(&n.sg);
        }
        for v in &self.verbs.items {
            set.insert(&v.base);
        }
        for a in self.adjs.items.iter().chain(self.advs.items.iter()) {
            set.insert(a);
        }
        for t in &self.topics {
            for n in &t.nouns.items {
                set.insert(&n.sg);
            }
            for v in &t.verbs.items {
                set.insert(&v.base);
            }
            for a in &t.adjs.items {
                set.insert(a);
            }
        }
        set.len() + self.function.len()
    }
}

/// The shared lexicon (built on first use).
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build)
}

fn tokens(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.split_whitespace()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn ends_consonant_y(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2])
}

/// Regular English plural of `w`.
pub fn plural(w: &str) -> String {
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
    {
        format!("{w}es")
    } else if ends_consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

/// Parses a noun in the notation of [`words::NOUNS`].
pub fn parse_noun(tok: &str) -> Noun {
    let (tok, mass) = match tok.strip_suffix('*') {
        Some(t) => (t, true),
        None => (tok, false),
    };
    let tok = tok.replace('_', " ");
    let mut parts = tok.split('/');
    let sg = parts.next().unwrap_or_default().to_string();
    let pl = match parts.next() {
        Some(p) => p.to_string(),
        None if mass => sg.clone(),
        None => plural(&sg),
    };
    Noun { sg, pl }
}

fn third_person(w: &str) -> String {
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || w.ends_with('o')
    {
        format!("{w}es")
    } else if ends_consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

fn regular_past(w: &str, double: bool) -> String {
    if double {
        format!("{w}{}ed", &w[w.len() - 1..])
    } else if w.ends_with('e') {
        format!("{w}d")
    } else if ends_consonant_y(w) {
        format!("{}ied", &w[..w.len() - 1])
    } else {
        format!("{w}ed")
    }
}

fn present_participle(w: &str, double: bool) -> String {
    if double {
        format!("{w}{}ing", &w[w.len() - 1..])
    } else if let Some(stem) = w.strip_suffix("ie") {
        format!("{stem}ying")
    } else if w.len() > 2
        && w.ends_with('e')
        && !w.ends_with("ee")
        && !w.ends_with("ye")
        && !w.ends_with("oe")
    {
        format!("{}ing", &w[..w.len() - 1])
    } else {
        format!("{w}ing")
    }
}

/// Parses a verb in the notation of [`words::VERBS`].
pub fn parse_verb(tok: &str) -> Verb {
    let tok = tok.replace('_', " ");
    let mut parts = tok.split('/');
    let base_spec = parts.next().unwrap_or_default();
    let past_irr = parts.next();
    let pp_irr = parts.next();
    // A phrasal verb inflects its first word: "look for" -> "looked for".
    let (head_spec, rest) = match base_spec.find(' ') {
        Some(i) => (&base_spec[..i], &base_spec[i..]),
        None => (base_spec, ""),
    };
    let (head, double) = match head_spec.strip_suffix('+') {
        Some(h) => (h, true),
        None => (head_spec, false),
    };
    let past = match past_irr {
        Some(p) => p.to_string(),
        None => regular_past(head, double),
    };
    let pp = match pp_irr {
        Some(p) => p.to_string(),
        None => past.clone(),
    };
    Verb {
        base: format!("{head}{rest}"),
        s: format!("{}{rest}", third_person(head)),
        past: format!("{past}{rest}"),
        pp: format!("{pp}{rest}"),
        ing: format!("{}{rest}", present_participle(head, double)),
    }
}

fn parse_group(line: &'static str) -> Option<SynGroup> {
    let mut it = line.split_whitespace();
    let pos = match it.next()? {
        "n" => Pos::Noun,
        "v" => Pos::Verb,
        "a" => Pos::Adj,
        "r" => Pos::Adv,
        _ => return None,
    };
    let members: Vec<Vec<String>> = it
        .map(|tok| match pos {
            Pos::Noun => {
                let n = parse_noun(tok);
                vec![n.sg, n.pl]
            }
            Pos::Verb => {
                let v = parse_verb(tok);
                vec![v.base, v.s, v.past, v.pp, v.ing]
            }
            Pos::Adj | Pos::Adv => vec![tok.replace('_', " ")],
        })
        .collect();
    if members.len() < 2 {
        return None;
    }
    Some(SynGroup { pos, members })
}

fn dedup_by<T, K: std::hash::Hash + Eq>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut seen: FastSet<K> = FastSet::default();
    items.into_iter().filter(|x| seen.insert(key(x))).collect()
}

fn build() -> Lexicon {
    let groups: Vec<SynGroup> = words::SYNONYMS.lines().filter_map(parse_group).collect();

    // General lists, then synonym-group words not yet present (as rare words).
    let mut nouns: Vec<Noun> = tokens(words::NOUNS)
        .chain(tokens(words::NOUNS_EXTRA))
        .map(parse_noun)
        .collect();
    let mut verbs: Vec<Verb> = tokens(words::VERBS)
        .chain(tokens(words::VERBS_EXTRA))
        .map(parse_verb)
        .collect();
    let mut adjs: Vec<String> = tokens(words::ADJECTIVES)
        .chain(tokens(words::ADJECTIVES_EXTRA))
        .map(str::to_string)
        .collect();
    let mut advs: Vec<String> = tokens(words::ADVERBS).map(str::to_string).collect();
    for g in &groups {
        for m in &g.members {
            // Multi-word synonyms are only used as replacements.
            if m[0].contains(' ') {
                continue;
            }
            match g.pos {
                Pos::Noun => nouns.push(Noun {
                    sg: m[0].clone(),
                    pl: m[1].clone(),
                }),
                Pos::Verb => verbs.push(Verb {
                    base: m[0].clone(),
                    s: m[1].clone(),
                    past: m[2].clone(),
                    pp: m[3].clone(),
                    ing: m[4].clone(),
                }),
                Pos::Adj => adjs.push(m[0].clone()),
                Pos::Adv => advs.push(m[0].clone()),
            }
        }
    }
    let nouns = dedup_by(nouns, |n| n.sg.clone());
    let verbs = dedup_by(verbs, |v| v.base.clone());
    let adjs = dedup_by(adjs, |a| a.clone());
    let advs = dedup_by(advs, |a| a.clone());

    let topics: Vec<Topic> = words::TOPICS
        .iter()
        .map(|t| Topic {
            name: t.name,
            nouns: WordClass::new(dedup_by(tokens(t.nouns).map(parse_noun).collect(), |n| {
                n.sg.clone()
            })),
            verbs: WordClass::new(dedup_by(tokens(t.verbs).map(parse_verb).collect(), |v| {
                v.base.clone()
            })),
            adjs: WordClass::new(dedup_by(
                tokens(t.adjectives).map(|a| a.replace('_', " ")).collect(),
                |a| a.clone(),
            )),
            roles: t
                .roles
                .split(';')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(|r| match r.strip_prefix("T:") {
                    Some(text) => Role { title: true, text },
                    None => Role {
                        title: false,
                        text: r.strip_prefix("A:").unwrap_or(r),
                    },
                })
                .collect(),
            orgs: t
                .orgs
                .split(';')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .collect(),
            counts: tokens(t.counts).collect(),
        })
        .collect();

    let function: FastSet<&'static str> = tokens(words::FUNCTION_WORDS).collect();
    let mut known: FastSet<String> = FastSet::default();
    let mut add = |w: &str| {
        if !w.contains(' ') && !function.contains(w) {
            known.insert(w.to_string());
        }
    };
    let all_nouns = nouns
        .iter()
        .chain(topics.iter().flat_map(|t| t.nouns.items.iter()));
    for n in all_nouns {
        add(&n.sg);
        add(&n.pl);
    }
    let all_verbs = verbs
        .iter()
        .chain(topics.iter().flat_map(|t| t.verbs.items.iter()));
    for v in all_verbs {
        for f in v.forms() {
            add(f);
        }
    }
    let all_adjs = adjs
        .iter()
        .chain(advs.iter())
        .chain(topics.iter().flat_map(|t| t.adjs.items.iter()));
    for a in all_adjs {
        add(a);
    }
    for g in &groups {
        for m in &g.members {
            for f in m {
                add(f);
            }
        }
    }
    // Role words ("spokesperson", "minister") are content words too.
    for t in &topics {
        for r in &t.roles {
            for w in r.text.split_whitespace() {
                add(&w.to_lowercase());
            }
        }
    }

    let spin = SpinTable::build(&groups, words::PHRASES);

    Lexicon {
        nouns: WordClass::new(nouns),
        verbs: WordClass::new(verbs),
        adjs: WordClass::new(adjs),
        advs: WordClass::new(advs),
        humans: WordClass::new(tokens(words::HUMANS).map(parse_noun).collect()),
        topics,
        first_f: tokens(words::FIRST_NAMES_F).collect(),
        first_m: tokens(words::FIRST_NAMES_M).collect(),
        surnames: tokens(words::SURNAMES).collect(),
        place_heads: tokens(words::PLACE_HEADS).collect(),
        place_tails: tokens(words::PLACE_TAILS).collect(),
        place_prefixes: tokens(words::PLACE_PREFIXES).collect(),
        country_tails: tokens(words::COUNTRY_TAILS).collect(),
        mastheads: tokens(words::MASTHEADS).collect(),
        sections: tokens(words::SECTIONS).collect(),
        spin,
        function,
        known,
    }
}
