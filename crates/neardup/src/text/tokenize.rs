//! The tokenizer: word spans and their normalised xxh3 hashes.
//!
//! A token is either a **word** (a maximal run of letters, digits and
//! combining marks) or, in the scripts written without spaces between
//! words, a **character** ([`is_unspaced`]: Han, Hiragana, Katakana,
//! Bopomofo, Thai, Lao, Khmer, Myanmar), with the combining marks that
//! follow it. There is no word segmenter: a dictionary would cost more than
//! the rest of signing and differ between versions, and character n-grams
//! find copies as well as word n-grams do. The rule is per character, so a
//! run of Latin letters inside Chinese text stays one word and a Chinese
//! name inside English text gives one token per character; whether the
//! document is then shingled by words or characters is decided per
//! document ([`Script`]).

use super::classify::{classify, load};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// One word of a document: its byte span in the original text and the hash
/// of its normalised form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
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

/// True for the letters of scripts written without spaces between words:
/// each is a token of its own. Korean is not among them: Hangul puts spaces
/// between words (eojeol), so its words are tokens like Latin ones.
///
/// Only called on word characters (letters, digits, marks), so the ranges
/// may include a block's punctuation and marks: those never get here as
/// token starts (marks attach to the character before them).
#[inline]
pub fn is_unspaced(c: char) -> bool {
    let u = c as u32;
    // Below Thai: Latin, Greek, Cyrillic, Arabic, Indic... (one compare for
    // the accented words of European text).
    if u < 0x0E00 {
        return false;
    }
    matches!(u,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF | 0x19E0..=0x19FF // Khmer
        | 0x2E80..=0x2FDF // CJK and Kangxi radicals
        | 0x3005..=0x3007 // 々 〆 〇
        | 0x3021..=0x3029 | 0x3031..=0x3035 | 0x3038..=0x303C // Suzhou numerals, kana repeat marks
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3100..=0x312F | 0x31A0..=0x31BF // Bopomofo
        | 0x31F0..=0x31FF // Katakana extensions
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF // CJK unified ideographs (and extension A)
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9D // halfwidth Katakana (not the sound marks: they attach)
        | 0x1B000..=0x1B16F // Kana supplement and extensions
        | 0x20000..=0x3134F // CJK extensions B to G
    )
}

/// Marks that stay with the character before them in a character token:
/// combining marks (Thai vowels and tone marks, the kana voicing mark) and
/// the halfwidth voicing marks, which NFKC turns into combining ones.
#[inline]
fn attaches(c: char) -> bool {
    is_combining_mark(c) || matches!(c, '\u{FF9E}' | '\u{FF9F}')
}

/// Characters NFKC and lowercasing leave as they are, whatever follows
/// (no decomposition, no composition with a following mark is possible
/// once no mark follows): their UTF-8 bytes are the normalised form. The
/// common CJK ideographs and kana, so Chinese and Japanese text skips the
/// NFKC iterator.
#[inline]
fn normal_as_is(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x30FC)
}

/// How a document is shingled: by words, or by characters when most of its
/// tokens are characters of scripts without spaces ([`is_unspaced`]).
///
/// Decided per document, not per run of script: one shingle size per
/// document keeps shingle `i` starting at token `i` (the boilerplate mask,
/// the spin view and the report's spans rely on that), and a shingle
/// crossing from English into Chinese has no natural size. The cost is at
/// the cut-off: two copies of a text that is about half Chinese and half
/// English by tokens can fall on different sides and share no shingle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Script {
    /// Word n-grams (text with spaces between words).
    #[default]
    Words,
    /// Character n-grams (Chinese, Japanese, Thai...).
    Characters,
}

impl Script {
    /// The script of a document with `tokens` tokens, `chars` of them
    /// characters of unspaced scripts: characters when they are more than
    /// half.
    #[inline]
    pub fn of_counts(tokens: usize, chars: usize) -> Script {
        if chars * 2 > tokens {
            Script::Characters
        } else {
            Script::Words
        }
    }

    /// The script of `text` from its tokens (as [`tokenize`] gives them).
    pub fn of_tokens(text: &str, tokens: &[Token]) -> Script {
        let chars = tokens
            .iter()
            .filter(|t| text[t.start..].chars().next().is_some_and(is_unspaced))
            .count();
        Script::of_counts(tokens.len(), chars)
    }

    /// The unit of the script's tokens, for messages ("words", "characters").
    pub fn unit(self) -> &'static str {
        match self {
            Script::Words => "words",
            Script::Characters => "characters",
        }
    }
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

/// Calls `f` for every token of `text`, in order, without allocating per
/// token, and returns how many of the tokens were characters of unspaced
/// scripts (for [`Script::of_counts`]).
///
/// `scratch` is reused between calls to hold the normalised bytes.
///
/// Boundaries come from 16-byte masks (`classify`): a word of up to 15
/// ASCII letters and digits that ends inside the block is found, lowercased
/// and hashed without a byte loop. Longer words and words with non-ASCII
/// characters take the byte-by-byte path, which also cuts characters of
/// unspaced scripts into tokens of their own; ASCII text never reaches it.
pub fn for_each_token(
    text: &str,
    seed: u64,
    scratch: &mut Vec<u8>,
    mut f: impl FnMut(Token),
) -> usize {
    let mut chars = 0;
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
            i = scan_word(text, i, seed, scratch, &mut f, &mut chars);
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
            i = scan_word(text, i, seed, scratch, &mut f, &mut chars);
        }
    }
    chars
}

/// The byte-by-byte path for the token starting at `start` (a word, or a
/// character of an unspaced script, counted in `chars`): calls `f` with it
/// and returns its end.
#[cold]
#[inline(never)]
fn scan_word(
    text: &str,
    start: usize,
    seed: u64,
    scratch: &mut Vec<u8>,
    f: &mut impl FnMut(Token),
    chars: &mut usize,
) -> usize {
    let bytes = text.as_bytes();
    let len = bytes.len();
    if bytes[start] >= 128 {
        let c = text[start..].chars().next().expect("char boundary");
        if is_unspaced(c) {
            *chars += 1;
            return scan_char(text, start, c, seed, scratch, f);
        }
    }
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
            if !is_word_char(c) || is_unspaced(c) {
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

/// One character of an unspaced script (`c`, at `start`) and the marks
/// after it, as a token; returns its end.
fn scan_char(
    text: &str,
    start: usize,
    c: char,
    seed: u64,
    scratch: &mut Vec<u8>,
    f: &mut impl FnMut(Token),
) -> usize {
    let mut end = start + c.len_utf8();
    for m in text[end..].chars().take_while(|&m| attaches(m)) {
        end += m.len_utf8();
    }
    let token = &text[start..end];
    let hash = if end == start + c.len_utf8() && normal_as_is(c) {
        word_hash(token.as_bytes(), seed)
    } else {
        normalize_into(token, scratch);
        word_hash(scratch, seed)
    };
    f(Token { start, end, hash });
    end
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
    /// the definition before unspaced scripts were cut into characters, which
    /// text without them must still follow token for token.
    fn word_runs(text: &str, seed: u64) -> Vec<Token> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (start, is_word_char(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    out.push(token_of(text, s, i, seed));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    fn token_of(text: &str, start: usize, end: usize, seed: u64) -> Token {
        let hash = word_hash(normalize_token(&text[start..end]).as_bytes(), seed);
        Token { start, end, hash }
    }

    /// The definition the fast paths must agree with, char by char: runs of
    /// word characters, where a character of an unspaced script ends the run
    /// and makes a token with the marks that follow it.
    fn reference(text: &str, seed: u64) -> Vec<Token> {
        let mut out = Vec::new();
        // (start, whether the open token is an unspaced character)
        let mut open: Option<(usize, bool)> = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let continues = match open {
                Some((_, true)) => attaches(c),
                Some((_, false)) => is_word_char(c) && !is_unspaced(c),
                None => false,
            };
            if continues {
                continue;
            }
            if let Some((s, _)) = open.take() {
                out.push(token_of(text, s, i, seed));
            }
            if is_word_char(c) {
                open = Some((i, is_unspaced(c)));
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
                "中文", "の", "カ", "ｶﾞ", "ﾞ", "か\u{3099}", "ー", "々", "ไทย", "น้ำ", "\u{e33}",
                "한국어", "。", "、", "「", "𠮷", "ゟ", "豈",
            ]), 0..60),
            seed in 0u64..4,
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(tokenize(&text, seed), reference(&text, seed));
        }

        /// Text without characters of unspaced scripts gives the same tokens
        /// (spans and hashes) as the word-run definition: English and other
        /// spaced text signs exactly as before characters were tokens.
        #[test]
        fn spaced_text_keeps_the_word_run_tokens(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Z", "q", "7", " ", ",", ".", "-", "\n", "'", "é", "É", "’", "ﬁ", "\u{301}",
                "ß", "İ", "Ж", "١", "\u{a0}", "한국어", "ＡＢ", "abcdefghijklmno", "internationalisation",
            ]), 0..60),
            seed in 0u64..4,
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(tokenize(&text, seed), word_runs(&text, seed));
        }
    }

    #[test]
    fn english_samples_keep_the_word_run_tokens() {
        // Every sample text of the repository (real English news and
        // Debian texts): the tokens are the old definition's.
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../samples"
        ))];
        let mut paths = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).expect("samples/") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    paths.push(path);
                }
            }
        }
        let mut checked = 0;
        for path in paths {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            assert!(!text.chars().any(is_unspaced), "{}", path.display());
            assert_eq!(
                tokenize(&text, 7),
                word_runs(&text, 7),
                "{}",
                path.display()
            );
            checked += 1;
        }
        assert!(checked > 10, "{checked} sample files");
    }

    #[test]
    fn unspaced_scripts_give_one_token_per_character() {
        assert_eq!(
            words("我们使用Linux内核。"),
            vec!["我", "们", "使", "用", "Linux", "内", "核"]
        );
        assert_eq!(
            words("東京タワーへ行く"),
            vec!["東", "京", "タ", "ワ", "ー", "へ", "行", "く"]
        );
        // Thai marks stay with their consonant.
        assert_eq!(words("น้ำ"), vec!["น้", "ำ"]);
        // Korean has spaces: its words are words.
        assert_eq!(words("한국어 문서"), vec!["한국어", "문서"]);
        let mut scratch = Vec::new();
        let chars = for_each_token("Linux 内核 and 驱动", 0, &mut scratch, |_| {});
        assert_eq!(chars, 4);
    }

    #[test]
    fn width_and_voicing_fold_in_character_tokens() {
        let h = |s: &str| tokenize(s, 3).iter().map(|t| t.hash).collect::<Vec<_>>();
        assert_eq!(h("ｶﾞ"), h("ガ"), "halfwidth kana and its voicing mark");
        assert_eq!(h("か\u{3099}"), h("が"), "decomposed voicing");
        assert_eq!(h("豈"), h("豈"), "compatibility ideograph");
        assert_eq!(tokenize("ｶﾞ", 0).len(), 1);
    }

    #[test]
    fn script_is_decided_by_the_majority_of_tokens() {
        let of = |t: &str| Script::of_tokens(t, &tokenize(t, 0));
        assert_eq!(of("The kernel and the drivers"), Script::Words);
        assert_eq!(of("内核和驱动程序 kernel"), Script::Characters);
        assert_eq!(of("Xi Jinping 习近平 said on Monday that"), Script::Words);
        assert_eq!(of("ภาษาไทย"), Script::Characters);
        assert_eq!(of(""), Script::Words);
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
            let cjk = format!("{}中文Minister日本語{}", " ".repeat(pad), "w".repeat(pad));
            assert_eq!(tokenize(&cjk, 3), reference(&cjk, 3), "pad {pad}");
        }
    }

    #[test]
    fn normalize_token_folds() {
        assert_eq!(normalize_token("ÉCOLE"), "école");
        assert_eq!(normalize_token("ﬁre"), "fire");
    }
}
