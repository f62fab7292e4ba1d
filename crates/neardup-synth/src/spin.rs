//! Article spinning: synonym substitution as done by "content spinners".
//!
//! A spinner rewrites a stolen article by swapping words for synonyms so
//! that it no longer matches the source verbatim. The spinner here works on
//! finished text, like a real one: it tokenises the text, recognises
//! inflected forms of the words in its synonym groups (`soldiers` is the
//! plural of `soldier`, so it becomes `troopers`, `warned` becomes
//! `cautioned`), and also swaps multi-word phrases (`according to` ->
//! `in line with`). Names (capitalised words inside a sentence, runs of
//! capitalised words, unknown capitalised words) and numbers are never
//! touched.
//!
//! The spin *rate* is the share of content words (alphabetic tokens that
//! are neither function words nor names) that get replaced: exactly
//! `round(rate * content_words)` swaps are made when the text has enough
//! swappable positions, each phrase swap counting as one. Every swap is
//! returned, in text order, for the spin log.

use crate::lexicon::{lexicon, FastMap, SynGroup};
use crate::rng::Rng;

/// The spinner's tables.
pub struct SpinTable {
    groups: Vec<Vec<Vec<String>>>,
    words: FastMap<String, (u32, u16, u8)>,
    phrases: Vec<Phrase>,
    phrase_index: FastMap<String, Vec<usize>>,
}

struct Phrase {
    from: Vec<String>,
    to: Vec<&'static str>,
}

impl SpinTable {
    /// Builds the tables from parsed synonym groups and the phrase list.
    pub fn build(groups: &[SynGroup], phrases: &'static str) -> Self {
        let mut words: FastMap<String, (u32, u16, u8)> = FastMap::default();
        for (gi, g) in groups.iter().enumerate() {
            for (mi, m) in g.members.iter().enumerate() {
                for (fi, f) in m.iter().enumerate() {
                    if f.contains(' ') {
                        continue;
                    }
                    words
                        .entry(f.clone())
                        .or_insert((gi as u32, mi as u16, fi as u8));
                }
            }
        }
        let mut list = Vec::new();
        let mut phrase_index: FastMap<String, Vec<usize>> = FastMap::default();
        for line in phrases.lines() {
            let Some((from, to)) = line.split_once("=>") else {
                continue;
            };
            let from: Vec<String> = from.split_whitespace().map(str::to_string).collect();
            let to: Vec<&'static str> = to.split('|').map(str::trim).collect();
            if from.is_empty() || to.is_empty() {
                continue;
            }
            phrase_index
                .entry(from[0].clone())
                .or_default()
                .push(list.len());
            list.push(Phrase { from, to });
        }
        SpinTable {
            groups: groups.iter().map(|g| g.members.clone()).collect(),
            words,
            phrases: list,
            phrase_index,
        }
    }

    /// Number of synonym groups.
    pub fn group_count(&self) -> usize {
        self.groups.len()
    }

    /// Number of phrase rules.
    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }

    /// Whether a lowercase word form has synonyms.
    pub fn has_synonyms(&self, w: &str) -> bool {
        self.words.contains_key(w)
    }
}

/// The result of spinning a text.
#[derive(Clone, Debug, Default)]
pub struct SpinOutput {
    /// The rewritten text.
    pub text: String,
    /// Every swap made, `(from, to)`, in text order.
    pub substitutions: Vec<(String, String)>,
    /// Number of content words in the source text (the rate's denominator).
    pub content_words: usize,
    /// Number of positions that could have been swapped.
    pub candidates: usize,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
    initial: bool,
    cap: bool,
}

fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut at_start = true;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphabetic() {
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphabetic() {
                    end = j + d.len_utf8();
                    iter.next();
                } else if d == '-' && bytes.get(j + 1).is_some_and(|b| b.is_ascii_alphabetic()) {
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                start,
                end,
                initial: at_start,
                cap: c.is_uppercase(),
            });
            at_start = false;
        } else if c.is_ascii_digit() {
            at_start = false;
        } else if matches!(c, '.' | '!' | '?' | ':' | '\n') {
            at_start = true;
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Function,
    Name,
    Content,
}

fn lower<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    if w.chars().any(char::is_uppercase) {
        buf.clear();
        for c in w.chars() {
            buf.extend(c.to_lowercase());
        }
        buf.as_str()
    } else {
        w
    }
}

fn classify(text: &str, toks: &[Token], lowered: &mut Vec<String>) -> Vec<Class> {
    let lex = lexicon();
    let mut buf = String::new();
    lowered.clear();
    let mut classes = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let w = &text[t.start..t.end];
        let lw = lower(w, &mut buf).to_string();
        let next_cap = toks
            .get(i + 1)
            .is_some_and(|n| n.cap && text[t.end..n.start].chars().all(|c| c == ' '));
        let starts_phrase = lex.spin.phrase_index.contains_key(&lw);
        let class = if lex.is_function_word(&lw) {
            Class::Function
        } else if t.cap && (!t.initial || next_cap || !(lex.is_known_content(&lw) || starts_phrase))
        {
            Class::Name
        } else if lw.chars().count() < 2 {
            Class::Function
        } else {
            Class::Content
        };
        lowered.push(lw);
        classes.push(class);
    }
    classes
}

/// Number of content words in `text`, as counted by the spinner.
pub fn content_word_count(text: &str) -> usize {
    let mut toks = Vec::new();
    tokenize(text, &mut toks);
    let mut lowered = Vec::new();
    classify(text, &toks, &mut lowered)
        .iter()
        .filter(|c| **c == Class::Content)
        .count()
}

fn match_case(template: &str, replacement: &str) -> String {
    let mut chars = template.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    if !first_upper {
        return replacement.to_string();
    }
    let all_upper = template.chars().count() > 1 && template.chars().all(|c| !c.is_lowercase());
    if all_upper {
        return replacement.to_uppercase();
    }
    let mut out = String::with_capacity(replacement.len());
    let mut rc = replacement.chars();
    if let Some(c) = rc.next() {
        out.extend(c.to_uppercase());
    }
    out.extend(rc);
    out
}

/// Spins `text` at `rate` (share of content words to replace).
pub fn spin_text(text: &str, rate: f64, rng: &mut Rng) -> SpinOutput {
    let table = &lexicon().spin;
    let mut toks = Vec::new();
    tokenize(text, &mut toks);
    let mut lowered = Vec::new();
    let classes = classify(text, &toks, &mut lowered);
    let content_words = classes.iter().filter(|c| **c == Class::Content).count();

    // Candidate spans: (first token, last token, phrase index or none).
    let mut cands: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for i in 0..toks.len() {
        if classes[i] == Class::Name {
            continue;
        }
        if let Some(list) = table.phrase_index.get(&lowered[i]) {
            for &pi in list {
                let p = &table.phrases[pi];
                let last = i + p.from.len() - 1;
                if last >= toks.len() {
                    continue;
                }
                let ok = (0..p.from.len()).all(|k| {
                    let t = i + k;
                    lowered[t] == p.from[k]
                        && classes[t] != Class::Name
                        && (k == 0 || &text[toks[t - 1].end..toks[t].start] == " ")
                });
                if ok {
                    cands.push((i, last, Some(pi)));
                }
            }
        }
        if classes[i] == Class::Content && table.words.contains_key(&lowered[i]) {
            cands.push((i, i, None));
        }
    }
    let candidates = cands.len();
    let target = ((rate * content_words as f64) + 0.5).floor() as usize;

    rng.shuffle(&mut cands);
    let mut used = vec![false; toks.len()];
    let mut chosen: Vec<(usize, usize, Option<usize>)> = Vec::with_capacity(target);
    for c in cands {
        if chosen.len() >= target {
            break;
        }
        if used[c.0..=c.1].iter().any(|u| *u) {
            continue;
        }
        used[c.0..=c.1].iter_mut().for_each(|u| *u = true);
        chosen.push(c);
    }
    chosen.sort_unstable_by_key(|c| c.0);

    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut subs = Vec::with_capacity(chosen.len());
    let mut pos = 0;
    for (first, last, phrase) in chosen {
        let start = toks[first].start;
        let end = toks[last].end;
        let from = &text[start..end];
        let to = match phrase {
            Some(pi) => {
                let p = &table.phrases[pi];
                match_case(from, rng.pick_str(&p.to))
            }
            None => {
                let (g, m, f) = table.words[&lowered[first]];
                let members = &table.groups[g as usize];
                let mut other = rng.index(members.len() - 1);
                if other >= m as usize {
                    other += 1;
                }
                match_case(from, &members[other][f as usize])
            }
        };
        out.push_str(&text[pos..start]);
        out.push_str(&to);
        pos = end;
        subs.push((from.to_string(), to));
    }
    out.push_str(&text[pos..]);
    SpinOutput {
        text: out,
        substitutions: subs,
        content_words,
        candidates,
    }
}
