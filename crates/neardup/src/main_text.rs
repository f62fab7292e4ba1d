//! The article inside a page: its main run of paragraphs.
//!
//! A crawler's text of a web page keeps the page's blocks as lines: the
//! article's paragraphs are long lines (a paragraph is one block however
//! long), the chrome around them is mostly short ones (menus, links,
//! headings, a footer's fields). So a page's **main text** is its longest
//! run of *paragraph lines* ([`PARAGRAPH_CHARS`] characters or more),
//! which at most [`MAX_SHORT_LINES`] short lines in a row (a subheading, a
//! caption) do not break, measured in words.
//!
//! It is what lets the aligner tell a story republished in another site's
//! page from two different pages: when a site has one page in a corpus, no
//! count can learn its chrome, and a copy of a 500-word story in 450 words
//! of it shares half of itself with the story's own page, like a page
//! quoting it would ([`crate::rules::SpinEvidence::is_wrapped_copy`]).
//!
//! Text wrapped at a fixed width (man pages, license files, changelogs,
//! most READMEs: lines under 80 characters) has no paragraph lines, so no
//! main text, and the rules that read it never apply there.

use crate::text::is_unspaced;
use unicode_normalization::char::is_combining_mark;

/// A line of at least this many characters is a paragraph: wrapped text
/// stays under 80, a menu or a heading under 60.
pub const PARAGRAPH_CHARS: usize = 100;
/// At most this many short lines in a row stay inside a run of paragraphs.
pub const MAX_SHORT_LINES: usize = 2;

/// A text's main run of paragraphs ([`main_text`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MainText {
    /// Byte offset where the run starts in the text.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// Words of its paragraph lines.
    pub words: u32,
    /// Words of all the text's paragraph lines, in this run or not.
    pub paragraph_words: u32,
}

impl MainText {
    /// The share of the text's paragraph words that are in the main run:
    /// near 1 for an article in chrome, lower for a page of several texts.
    pub fn share(&self) -> f64 {
        f64::from(self.words) / f64::from(self.paragraph_words.max(1))
    }
}

/// Words of a line: runs of ASCII letters and digits and of other
/// non-ASCII characters, and each letter of a script written without
/// spaces (Chinese, Japanese, Thai...: [`is_unspaced`]) on its own, as the
/// tokenizer counts them. Counted as one word, a line of a Chinese article
/// weighed as much as a line of a menu, and a page that set a short English
/// story beside a long Chinese article had that story as nearly all its
/// paragraph words.
///
/// A byte loop: this runs on every page read back, and a `char` loop cost
/// a third of the time. Every byte of a non-ASCII character is a word
/// byte, so a character outside the unspaced scripts joins the run it is
/// in as in the `char` loop; only a line holding a letter of an unspaced
/// script (three or four bytes long, so led by a byte of 0xE0 or more) is
/// counted by characters. An accented name no longer sends a line there.
fn words_of(line: &[u8]) -> u32 {
    let mut n = 0;
    let mut in_word = false;
    for (i, &b) in line.iter().enumerate() {
        if b >= 0xE0 && starts_unspaced(&line[i..]) {
            if let Ok(line) = std::str::from_utf8(line) {
                return words_of_unicode(line);
            }
        }
        let w = b.is_ascii_alphanumeric() || b >= 0x80;
        n += u32::from(w && !in_word);
        in_word = w;
    }
    n
}

/// Whether `bytes` start with a letter of an unspaced script.
fn starts_unspaced(bytes: &[u8]) -> bool {
    let len = if bytes[0] >= 0xF0 { 4 } else { 3 };
    bytes
        .get(..len)
        .and_then(|c| std::str::from_utf8(c).ok())
        .and_then(|c| c.chars().next())
        .is_some_and(is_unspaced)
}

/// [`words_of`] for a line with non-ASCII characters.
fn words_of_unicode(line: &str) -> u32 {
    let mut n = 0;
    let mut in_word = false;
    for c in line.chars() {
        if is_unspaced(c) {
            // A mark attaches to the letter before it, as in the tokenizer.
            n += u32::from(!is_combining_mark(c));
            in_word = false;
            continue;
        }
        let w = c.is_ascii_alphanumeric() || !c.is_ascii();
        n += u32::from(w && !in_word);
        in_word = w;
    }
    n
}

/// Characters of a line: its bytes that do not continue a character.
fn chars_of(line: &[u8]) -> usize {
    line.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Whether a line (without its newline) is a paragraph.
fn is_paragraph(line: &[u8]) -> bool {
    // A line of fewer bytes has fewer characters.
    line.len() >= PARAGRAPH_CHARS && chars_of(line) >= PARAGRAPH_CHARS
}

/// The words of a line when it is a paragraph (trimmed of ASCII space).
fn paragraph_words(line: &[u8]) -> Option<u32> {
    let line = line.trim_ascii();
    is_paragraph(line).then(|| words_of(line))
}

/// The main run of paragraphs of `text` (module docs), or None when it has
/// no paragraph line.
pub fn main_text(text: &str) -> Option<MainText> {
    let mut best: Option<MainText> = None;
    let mut all = 0u32;
    // The open run: its start and end bytes, words, short lines since its
    // last paragraph.
    let mut run: Option<(usize, usize, u32)> = None;
    let mut short = 0;
    let mut at = 0;
    let close = |run: &mut Option<(usize, usize, u32)>, best: &mut Option<MainText>| {
        if let Some((start, end, words)) = run.take() {
            if best.map_or(true, |b| words > b.words) {
                *best = Some(MainText {
                    start,
                    end,
                    words,
                    paragraph_words: 0,
                });
            }
        }
    };
    for line in text.as_bytes().split_inclusive(|&b| b == b'\n') {
        let start = at;
        at += line.len();
        let end = start + line.trim_ascii_end().len();
        if let Some(w) = paragraph_words(line) {
            all += w;
            short = 0;
            run = Some(match run {
                Some((s, _, words)) => (s, end, words + w),
                None => (start, end, w),
            });
        } else if run.is_some() && !line.trim_ascii().is_empty() {
            short += 1;
            if short > MAX_SHORT_LINES {
                close(&mut run, &mut best);
            }
        }
    }
    close(&mut run, &mut best);
    best.map(|b| MainText {
        paragraph_words: all,
        ..b
    })
}

impl MainText {
    /// The run narrowed to its core: its lines from the first that `spans`
    /// cover half of to the last, with the words of the paragraph lines
    /// inside; None when no line of the run is half covered. A page's own
    /// caption, standfirst or series note next to a story it carries joins
    /// the story's run (a short line or two between them does not break
    /// it), yet is chrome like the page's other lines: the core leaves it
    /// out ([`crate::rules::MainCoverage::of`]), even when a few words of
    /// it happen to match (a common phrase is a passage of its own).
    pub fn core(&self, text: &str, spans: &[(usize, usize)]) -> Option<Self> {
        let run = &text[self.start..self.end];
        let mut lines = Vec::new();
        let mut at = self.start;
        for line in run.split_inclusive('\n') {
            let (start, end) = (at, at + line.trim_end().len());
            at += line.len();
            let covered: usize = spans
                .iter()
                .map(|&(s, e)| e.min(end).saturating_sub(s.max(start)))
                .sum();
            lines.push((start, end, end > start && 2 * covered >= end - start));
        }
        let first = lines.iter().position(|l| l.2)?;
        let last = lines.iter().rposition(|l| l.2)?;
        let (start, end) = (lines[first].0, lines[last].1);
        let words = text[start..end]
            .lines()
            .filter_map(|l| paragraph_words(l.as_bytes()))
            .sum();
        Some(MainText {
            start,
            end,
            words,
            paragraph_words: self.paragraph_words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(word: &str, n: usize) -> String {
        vec![word; n].join(" ")
    }

    #[test]
    fn the_longest_run_of_paragraphs_between_short_lines() {
        let text = [
            "Home | News | Sport".to_string(),
            para("teaser", 20),
            "Menu".into(),
            "Links".into(),
            "More".into(),
            para("story", 40),
            "A subheading".into(),
            para("story", 30),
            "".into(),
            "Share | Print".into(),
            "Footer".into(),
        ]
        .join("\n");
        let m = main_text(&text).unwrap();
        assert_eq!(m.words, 70);
        assert_eq!(m.paragraph_words, 90);
        let run = &text[m.start..m.end];
        assert!(run.starts_with("story") && run.ends_with("story"), "{run}");
        assert!((m.share() - 70.0 / 90.0).abs() < 1e-9);
    }

    #[test]
    fn a_chinese_article_counts_its_characters_as_words() {
        // A Chinese article of 600 characters and, after a menu, a
        // 90-word English story: the story is not most of the page.
        let chinese: String = "蔡健雅是新加坡的歌手和音乐制作人"
            .chars()
            .cycle()
            .take(150)
            .collect();
        let text = [
            chinese.clone(),
            chinese.clone(),
            chinese.clone(),
            chinese,
            "Menu".into(),
            "Links".into(),
            "More".into(),
            para("story", 90),
        ]
        .join("\n");
        let m = main_text(&text).unwrap();
        assert_eq!(m.paragraph_words, 600 + 90);
        assert_eq!(m.words, 600, "the Chinese run is the page's main text");
        // Thai vowel marks attach to their letter, as in the tokenizer.
        // (กินข้าว: five letters, two marks.)
        assert_eq!(words_of("กินข้าว ok".as_bytes()), 6);
        assert_eq!(words_of("naïve café, 2024".as_bytes()), 3);
    }

    #[test]
    fn three_short_lines_break_a_run() {
        let text = [
            para("one", 30),
            "a".into(),
            "b".into(),
            "c".into(),
            para("two", 26),
        ]
        .join("\n");
        let m = main_text(&text).unwrap();
        assert_eq!((m.words, m.paragraph_words), (30, 56));
    }

    #[test]
    fn text_wrapped_at_a_fixed_width_has_none() {
        let wrapped = "Permission is hereby granted, free of charge, to any person obtaining\n\
                       a copy of this software and associated documentation files (the\n\
                       \"Software\"), to deal in the Software without restriction.\n";
        assert_eq!(main_text(wrapped), None);
        assert_eq!(main_text(""), None);
    }

    #[test]
    fn the_core_leaves_out_the_run_s_uncovered_edge_lines() {
        let text = [
            "Home | News".to_string(),
            para("caption", 25),
            "Photo: agency".into(),
            para("story", 40),
            para("story", 30),
            "Share".into(),
            para("notes", 20),
        ]
        .join("\n");
        let m = main_text(&text).unwrap();
        assert_eq!(m.words, 115);
        let story = text.find("story").unwrap();
        let story_end = text.rfind("story").unwrap() + 5;
        // a passage covering the story but a few bytes at its two ends
        let core = m.core(&text, &[(story + 10, story_end - 3)]).unwrap();
        assert_eq!((core.start, core.end), (story, story_end));
        assert_eq!((core.words, core.paragraph_words), (70, 115));
        // spans outside the run touch nothing
        assert_eq!(m.core(&text, &[(0, 5)]), None);
        // a common phrase inside the caption does not make it the story's
        let caption = text.find("caption").unwrap();
        let phrase = (caption + 16, caption + 40);
        let core = m.core(&text, &[phrase, (story, story_end)]).unwrap();
        assert_eq!(core.words, 70);
        // a caption the other text has too is part of the core
        let core = m.core(&text, &[(caption, story_end)]).unwrap();
        assert_eq!(core.words, 25 + 70);
    }

    proptest::proptest! {
        /// The byte loop counts as the `char` loop does, on lines mixing
        /// ASCII, accented letters, punctuation of three bytes, marks and
        /// letters of unspaced scripts.
        #[test]
        fn the_byte_loop_counts_as_the_char_loop(
            picks in proptest::collection::vec(0usize..14, 0..60)
        ) {
            const PARTS: [&str; 14] = [
                "a", "Zq9", " ", ", ", "é", "Søren", "\u{301}", "“", "—", "中",
                "กิ", "ア", "\u{2e80}", "\u{20000}",
            ];
            let line: String = picks.iter().map(|&k| PARTS[k]).collect();
            proptest::prop_assert_eq!(words_of(line.as_bytes()), words_of_unicode(&line), "{:?}", line);
        }
    }
}
