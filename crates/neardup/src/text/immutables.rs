//! The spin-robust view of a text: the words a synonym spinner leaves alone.
//!
//! An article spinner swaps content words for synonyms ("soldiers" ->
//! "troopers"), so a spun copy shares few word 5-grams with its source. What
//! it cannot change without breaking the text are the **immutables** (the
//! idea of DSpin, Zhang et al. 2014): function words, numbers and names. In a
//! spun copy they come in the same order as in the source; in a different
//! article about the same event the names recur but the function-word
//! skeleton around them does not. So n-grams of the immutable sequence alone
//! match a spun copy to its source at any spin rate, and keep different
//! articles apart.
//!
//! A token is immutable when it is
//! * a function word from the built-in lists below (case-insensitive),
//!   which contributes its class (preposition, conjunction, ...);
//! * a number (starts or ends with a digit), which contributes the number
//!   class;
//! * capitalised inside a sentence (a name: "Ministry", "Oslo", "Tuesday").
//!   A capitalised word that opens a sentence is left out: it may be an
//!   ordinary word the spinner changed.
//!
//! Names carry the identity of the sequence; the classes carry the shape of
//! the sentences around them. On five real articles about one event the
//! largest Jaccard of immutable 6-grams between two of them is 0.005; a
//! generated spun rewrite keeps 0.44 or more with its source at any spin
//! rate (docs/evaluation.md).

use crate::collections::hash_filter::HashFilter;
use crate::text::{word_hash, Token};

/// English function words by class. Spinners swap function words too
/// ("in" -> "within", "during" -> "throughout", "since" -> "because", "two"
/// -> "2"), almost always for one of the same kind, so a function word
/// contributes its class, not itself: the sequence keeps the shape of the
/// sentence, and the names and numbers in it carry the identity.
const CLASSES: [(&str, &str); 7] = [
    (
        "determiner",
        "a an the this that these those some any each every no all both either neither",
    ),
    (
        "pronoun",
        "i me my mine we us our ours you your yours he him his she her hers it its \
         they them their theirs who whom whose which what where when why how \
         myself yourself himself herself itself ourselves themselves",
    ),
    (
        "preposition",
        "of in on at to from by for with about against between into through during \
         before after above below under over up down out off across along around \
         behind beyond near onto per than till until via within without upon \
         toward towards among amongst despite except inside outside past \
         throughout",
    ),
    (
        "conjunction",
        "and or but nor so yet if then else because since although though while whilst \
         unless whether as",
    ),
    (
        "auxiliary",
        "is are was were be been being am has have had having do does did doing \
         will would shall should can could may might must",
    ),
    (
        "particle",
        "not also only just very too more most such there here",
    ),
    (
        "number",
        "one two three four five six seven eight nine ten hundred thousand million billion",
    ),
];

/// The class every number written in digits belongs to.
const NUMBER_CLASS: usize = 6;

/// Bits in the filter in front of the table, log2 (512 bytes: about 6% of
/// other words pass it and need the table).
const FILTER_BITS_LOG2: u32 = 12;

/// Tells function words apart by token hash: a bit filter, then a fixed
/// open-addressing table, so most tokens cost one bit test.
#[derive(Clone, Debug)]
pub struct ImmutableWords {
    /// Passes the function words (and about 6% of other words).
    filter: HashFilter,
    /// `(word hash, class hash)`; empty slots hold hash 0.
    slots: Box<[(u64, u64)]>,
    mask: usize,
    /// The class hash of numbers.
    number: u64,
}

impl ImmutableWords {
    /// Builds the table for token hashes made with `seed` (the tokenizer's).
    pub fn new(seed: u64) -> Self {
        let hash = |w: &str| word_hash(w.as_bytes(), seed);
        let class_hash = |name: &str| hash(&format!("<{name}>"));
        let entries: Vec<(u64, u64)> = CLASSES
            .iter()
            .flat_map(|(name, words)| {
                let c = class_hash(name);
                words.split_whitespace().map(move |w| (hash(w), c))
            })
            .collect();
        let number = class_hash(CLASSES[NUMBER_CLASS].0);
        let size = (entries.len() * 4).next_power_of_two();
        let mut slots = vec![(0u64, 0u64); size].into_boxed_slice();
        let mask = size - 1;
        let filter = HashFilter::new(FILTER_BITS_LOG2, entries.iter().map(|e| e.0));
        for (h, c) in entries {
            let mut i = h as usize & mask;
            while slots[i].0 != 0 && slots[i].0 != h {
                i = (i + 1) & mask;
            }
            slots[i] = (h, c);
        }
        ImmutableWords {
            filter,
            slots,
            mask,
            number,
        }
    }

    /// The class hash of a function word, or None for any other token.
    #[inline]
    pub fn function_class(&self, hash: u64) -> Option<u64> {
        if !self.filter.may_contain(hash) {
            return None;
        }
        let mut i = hash as usize & self.mask;
        loop {
            let (h, c) = self.slots[i];
            if h == hash {
                return Some(c);
            }
            if h == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The hash a token contributes to the immutable sequence, or None when
    /// a spinner could change it. `prev_end` is the end of the previous
    /// token (0 for the first), to tell whether this one opens a sentence.
    #[inline]
    pub fn immutable(&self, text: &[u8], token: &Token, prev_end: usize) -> Option<u64> {
        if let Some(class) = self.function_class(token.hash) {
            return Some(class);
        }
        let first = text[token.start];
        if first.is_ascii_digit() || text[token.end - 1].is_ascii_digit() {
            return Some(self.number);
        }
        let capital = if first < 128 {
            first.is_ascii_uppercase()
        } else {
            std::str::from_utf8(&text[token.start..token.end])
                .ok()
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_uppercase)
        };
        if capital && !opens_sentence(&text[prev_end..token.start], prev_end == 0) {
            return Some(token.hash);
        }
        None
    }
}

/// True when the gap before a word ends a sentence or a line, or opens a
/// quotation, so a capital there says nothing about a name.
#[inline]
fn opens_sentence(gap: &[u8], first: bool) -> bool {
    if first
        || gap
            .iter()
            .any(|&b| matches!(b, b'.' | b'!' | b'?' | b':' | b'\n'))
    {
        return true;
    }
    let end = gap.iter().rposition(|&b| b != b' ').map_or(0, |i| i + 1);
    let gap = &gap[..end];
    // A straight quote after a comma closes a quotation ("...," Lund said).
    (gap.ends_with(b"\"") && !gap.ends_with(b",\"")) || gap.ends_with("\u{201c}".as_bytes())
}

/// Calls `f` with the hash of every immutable token of `tokens`, in order.
pub fn for_each_immutable(
    words: &ImmutableWords,
    text: &str,
    tokens: &[Token],
    mut f: impl FnMut(u64),
) {
    let mut prev_end = 0;
    for t in tokens {
        if let Some(h) = words.immutable(text.as_bytes(), t, prev_end) {
            f(h);
        }
        prev_end = t.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn immutables(text: &str) -> Vec<String> {
        let words = ImmutableWords::new(7);
        let tokens = tokenize(text, 7);
        let mut out = Vec::new();
        let mut prev_end = 0;
        for t in &tokens {
            if words.immutable(text.as_bytes(), t, prev_end).is_some() {
                out.push(text[t.start..t.end].to_string());
            }
            prev_end = t.end;
        }
        out
    }

    #[test]
    fn keeps_function_words_numbers_and_names() {
        let got = immutables(
            "Soldiers of the 3rd Brigade left Oslo on Tuesday. Officials said 40 were hurt.",
        );
        assert_eq!(
            got,
            ["of", "the", "3rd", "Brigade", "Oslo", "on", "Tuesday", "40", "were"]
        );
    }

    #[test]
    fn spun_and_source_share_the_sequence() {
        let words = ImmutableWords::new(1);
        let seq = |t: &str| {
            let mut v = Vec::new();
            for_each_immutable(&words, t, &tokenize(t, 1), |h| v.push(h));
            v
        };
        let source =
            "The two soldiers of Norland prepared for war since the talks in Veska failed.";
        let spun =
            "The 2 troopers of Norland readied for struggle because the negotiations within Veska collapsed.";
        let other = "Norland closed its border with Veska, and the talks were called off.";
        assert_eq!(seq(source), seq(spun));
        assert_ne!(seq(source), seq(other));
    }

    #[test]
    fn sentence_initial_capitals_and_quotes_are_not_names() {
        assert_eq!(
            immutables("Prices rose. \"Markets fell,\" Lund said."),
            ["Lund"]
        );
        assert_eq!(
            immutables("Caf\u{e9} owners met \u{c9}mile Roy."),
            ["\u{c9}mile", "Roy"]
        );
    }
}
