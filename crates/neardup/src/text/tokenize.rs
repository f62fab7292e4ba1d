//! The tokenizer: word spans and their normalised xxh3 hashes.

use super::classify::{classify, load};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// One word of a document: its byte span in the original text and the hash
/// of its normalised form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte of the word in the original text.
    pub start: usize,
    /// Byte offset one past the last byte of the word.
    pub end: usize,
    /// xxh3 (seeded) of the NFKC + lowercased word.
    pub hash: u64,
}

/// 1 for ASCII bytes that belong to a word (letters and digits).
static ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric();
        i += 1;
    }
    t
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The hash of a normalised word. Words of up to 16 bytes are hashed
/// zero-padded to 16 bytes: xxh3 then always takes its 9-16 byte path, with
/// no branch on the word's length (a word never contains a zero byte, so
/// the padding cannot make two words equal). Longer words hash as they are.
#[inline(always)]
pub fn word_hash(normalised: &[u8], seed: u64) -> u64 {
    if normalised.len() <= 16 {
        let mut buf = [0u8; 16];
        buf[..normalised.len()].copy_from_slice(normalised);
        padded_word_hash(buf, seed)
    } else {
        xxh3_64_with_seed(normalised, seed)
    }
}

/// The hash of a word of up to 16 bytes given zero-padded to 16.
#[inline(always)]
fn padded_word_hash(padded: [u8; 16], seed: u64) -> u64 {
    xxh3_64_with_seed(&padded, seed)
}

/// Calls `f` for every token of `text`, in order, without allocating per token.
///
/// `scratch` is reused between calls to hold the normalised bytes.
///
/// Boundaries come from 16-byte masks (`classify`): a word of up to 15
/// ASCII letters and digits that ends inside the block is found, lowercased
/// and hashed without a byte loop. Longer words and words with non-ASCII
/// characters take the byte-by-byte path.
pub fn for_each_token(text: &str, seed: u64, scratch: &mut Vec<u8>, mut f: impl FnMut(Token)) {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    while i < len {
        let block = classify(load(bytes, i));
        let candidates = block.word | block.high;
        if candidates == 0 {
            i += 16;
            continue;
        }
        let skip = candidates.trailing_zeros();
        i += skip as usize;
        if (block.high >> skip) & 1 == 1 {
            let c = text[i..].chars().next().expect("char boundary");
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            i = scan_word(text, i, seed, scratch, &mut f);
            continue;
        }
        // An ASCII word starts at i. Past the block's end the shifted masks
        // read as zero, so `run` stops there at the latest.
        let word = block.word >> skip;
        let run = (!word).trailing_zeros();
        if run < 16 - skip && (block.high >> (skip + run)) & 1 == 0 {
            let keep = (1u128 << (run * 8)) - 1;
            let key = (block.lower >> (skip * 8)) & keep;
            let end = i + run as usize;
            f(Token {
                start: i,
                end,
                hash: padded_word_hash(key.to_le_bytes(), seed),
            });
            // The byte at `end` is ASCII and not a word byte (or the end).
            i = end + 1;
        } else {
            i = scan_word(text, i, seed, scratch, &mut f);
        }
    }
}

/// The byte-by-byte path for the word starting at `start`: calls `f` with
/// it and returns its end.
#[cold]
#[inline(never)]
fn scan_word(
    text: &str,
    start: usize,
    seed: u64,
    scratch: &mut Vec<u8>,
    f: &mut impl FnMut(Token),
) -> usize {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut i = start;
    let mut ascii = true;
    while i < len {
        let b = bytes[i];
        if b < 128 {
            if !ASCII_WORD[b as usize] {
                break;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("char boundary");
            if !is_word_char(c) {
                break;
            }
            ascii = false;
            i += c.len_utf8();
        }
    }
    if ascii {
        // NFKC leaves ASCII as it is: lowercasing is the whole normalisation.
        scratch.clear();
        scratch.extend(bytes[start..i].iter().map(u8::to_ascii_lowercase));
    } else {
        normalize_into(&text[start..i], scratch);
    }
    f(Token {
        start,
        end: i,
        hash: word_hash(scratch, seed),
    });
    i
}

fn normalize_into(word: &str, out: &mut Vec<u8>) {
    out.clear();
    let mut buf = [0u8; 4];
    for c in word.nfkc().flat_map(char::to_lowercase) {
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

/// The normalised form of one word (NFKC, lowercase), as the hasher sees it.
pub fn normalize_token(word: &str) -> String {
    let mut v = Vec::new();
    normalize_into(word, &mut v);
    String::from_utf8(v).expect("normalisation yields UTF-8")
}

/// All tokens of `text` collected into a vector (for the reporter and tests).
pub fn tokenize(text: &str, seed: u64) -> Vec<Token> {
    let mut out = Vec::new();
    let mut scratch = Vec::new();
    for_each_token(text, seed, &mut scratch, |t| out.push(t));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn splits_on_punctuation_and_space() {
        assert_eq!(
            words("SEOUL (Reuters) - Russia's 12,000 troops."),
            vec!["SEOUL", "Reuters", "Russia", "s", "12", "000", "troops"]
        );
    }

    #[test]
    fn case_and_width_are_folded() {
        let a = tokenize("Minister", 7);
        let b = tokenize("MINISTER", 7);
        let c = tokenize("Ｍｉｎｉｓｔｅｒ", 7); // full-width forms fold under NFKC
        assert_eq!(a[0].hash, b[0].hash);
        assert_eq!(a[0].hash, c[0].hash);
    }

    #[test]
    fn spans_index_the_original_text() {
        let text = "Crème brûlée, s’il vous plaît";
        for t in tokenize(text, 0) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.end > t.start);
        }
        assert_eq!(
            words(text),
            vec!["Crème", "brûlée", "s", "il", "vous", "plaît"]
        );
    }

    #[test]
    fn decomposed_accents_match_composed() {
        let composed = tokenize("café", 1);
        let decomposed = tokenize("cafe\u{301}", 1);
        assert_eq!(composed.len(), 1);
        assert_eq!(decomposed.len(), 1);
        assert_eq!(composed[0].hash, decomposed[0].hash);
    }

    #[test]
    fn seed_changes_hashes() {
        assert_ne!(tokenize("war", 1)[0].hash, tokenize("war", 2)[0].hash);
    }

    #[test]
    fn empty_and_punctuation_only_give_no_tokens() {
        assert!(tokenize("", 0).is_empty());
        assert!(tokenize(" -- !! ... ", 0).is_empty());
    }

    /// Maximal runs of word characters, each hashed from its normalised form:
    /// the definition the fast paths must agree with.
    fn reference(text: &str, seed: u64) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (start, is_word_char(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    let hash = word_hash(normalize_token(&text[s..i]).as_bytes(), seed);
                    out.push(Token {
                        start: s,
                        end: i,
                        hash,
                    });
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn matches_the_char_by_char_definition(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "q", "7", "0", " ", "  ", ",", ".", "-", "\n", "'", "\"", "@", "[", "`", "{",
                "é", "É", "’", "—", "ﬁ", "\u{301}", "ß", "İ", "日本", "Ж", "١", "\u{a0}", "\0",
                "abcdefghijklmno", "ABCDEFGHIJKLMNOPQRS", "internationalisation",
            ]), 0..60),
            seed in 0u64..4,
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(tokenize(&text, seed), reference(&text, seed));
        }
    }

    #[test]
    fn words_at_block_edges_and_long_words() {
        for pad in 0..20 {
            let text = format!(
                "{}Minister {} x{}",
                " ".repeat(pad),
                "w".repeat(pad + 10),
                "9".repeat(pad)
            );
            assert_eq!(tokenize(&text, 3), reference(&text, 3), "pad {pad}");
        }
    }

    #[test]
    fn normalize_token_folds() {
        assert_eq!(normalize_token("ÉCOLE"), "école");
        assert_eq!(normalize_token("ﬁre"), "fire");
    }
}
