//! Text on its way to a terminal: corpus bytes (ids, texts, file names)
//! must not steer it.
//!
//! An id is data, but a terminal obeys an ESC in it (clear the screen,
//! retitle the window, move the cursor), a newline in it forges an extra
//! line of the summary, and a right-to-left override reverses what follows
//! it. [`for_terminal`] is the one function every text writer (`--format
//! text`, `explain`, the summary and error messages on stderr) passes such
//! text through.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for characters written as an escape: C0 controls (newline and tab
/// too), DEL, C1 controls, and the bidirectional formatting characters
/// (marks, embeddings, overrides, isolates) and line/paragraph separators.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// `s` with every such character written visibly as `\u{1b}` (Rust's
/// escape notation); borrowed unchanged when there is none.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped() {
        assert_eq!(for_terminal("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(for_terminal("x\ny\tz\u{7f}"), "x\\u{a}y\\u{9}z\\u{7f}");
        assert_eq!(for_terminal("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(for_terminal("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(for_terminal("\u{2067}x\u{2069}"), "\\u{2067}x\\u{2069}");
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        let s = "Zürich — 東京 «ok» عربي";
        assert!(matches!(for_terminal(s), Cow::Borrowed(_)));
    }
}
