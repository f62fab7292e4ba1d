//! Small edits that syndicating sites make to wire copy.
//!
//! House style (`said on Saturday` -> `said Saturday`, `12,000` ->
//! `12 000`, straight -> typographic quotes), one to three typos, an added
//! local sentence, and sometimes a dropped or moved paragraph.

use crate::chrome::{SiteStyle, Thousands};
use crate::names::WEEKDAYS;
use crate::rng::Rng;

/// Applies a site's house style to `text`.
pub fn apply_style(text: &str, style: &SiteStyle) -> String {
    let mut s = if style.drop_on_weekday {
        drop_on_weekday(text)
    } else {
        text.to_string()
    };
    if style.thousands != Thousands::Comma {
        s = reformat_thousands(&s, style.thousands);
    }
    if style.curly_quotes {
        s = curly_quotes(&s);
    }
    s
}

/// "said on Saturday" -> "said Saturday" (sentence-initial "On Saturday"
/// is kept).
pub fn drop_on_weekday(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" on ") {
        let after = &rest[i + 4..];
        let is_day = WEEKDAYS.iter().any(|d| after.starts_with(d));
        out.push_str(&rest[..i]);
        if is_day {
            out.push(' ');
        } else {
            out.push_str(" on ");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Rewrites comma thousands separators ("12,000") in the given style.
pub fn reformat_thousands(text: &str, style: Thousands) -> String {
    let sep = match style {
        Thousands::Comma => ",",
        Thousands::Space => " ",
        Thousands::Nbsp => "\u{a0}",
        Thousands::Dot => ".",
    };
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for i in 1..b.len().saturating_sub(3) {
        if b[i] == b','
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
            && !b.get(i + 4).is_some_and(|c| c.is_ascii_digit())
        {
            out.push_str(&text[last..i]);
            out.push_str(sep);
            last = i + 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Straight quotes and apostrophes to typographic ones.
pub fn curly_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        match c {
            '"' => {
                let open = match prev {
                    None => true,
                    Some(p) => p.is_whitespace() || p == '(',
                };
                out.push(if open { '\u{201c}' } else { '\u{201d}' });
            }
            '\'' => {
                let open = match prev {
                    None => true,
                    Some(p) => p.is_whitespace(),
                };
                out.push(if open { '\u{2018}' } else { '\u{2019}' });
            }
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Applies one typo to `w` (ASCII lowercase, at least 5 letters).
fn typo(w: &str, rng: &mut Rng) -> String {
    let mut b: Vec<u8> = w.as_bytes().to_vec();
    let i = rng.range(1, b.len() - 2);
    match rng.index(4) {
        0 => b.swap(i, i + 1),
        1 => {
            b.remove(i);
        }
        2 => {
            let c = b[i];
            b.insert(i, c);
        }
        _ => {
            const NEAR: &[u8] = b"qwertyuiopasdfghjklzxcvbnm";
            let j = NEAR.iter().position(|&c| c == b[i]).unwrap_or(0);
            b[i] = NEAR[(j + 1) % NEAR.len()];
        }
    }
    String::from_utf8(b).unwrap_or_else(|_| w.to_string())
}

/// Introduces `n` typos into words of the paragraphs (lowercase ASCII
/// words of five or more letters). Returns the (original, typo) pairs.
pub fn add_typos(paras: &mut [String], n: usize, rng: &mut Rng) -> Vec<(String, String)> {
    let mut done = Vec::new();
    if paras.is_empty() {
        return done;
    }
    for _ in 0..n {
        for _attempt in 0..8 {
            let pi = rng.index(paras.len());
            let p = &paras[pi];
            // Candidate word spans in this paragraph.
            let mut spans = Vec::new();
            let b = p.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_lowercase() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
                    let s = i;
                    while i < b.len() && b[i].is_ascii_lowercase() {
                        i += 1;
                    }
                    let at_boundary =
                        i == b.len() || !(b[i].is_ascii_alphanumeric() || b[i] >= 0x80);
                    if i - s >= 5 && at_boundary {
                        spans.push((s, i));
                    }
                } else {
                    i += 1;
                }
            }
            if spans.is_empty() {
                continue;
            }
            let (s, e) = *rng.pick(&spans);
            let orig = p[s..e].to_string();
            let t = typo(&orig, rng);
            paras[pi].replace_range(s..e, &t);
            done.push((orig, t));
            break;
        }
    }
    done
}
