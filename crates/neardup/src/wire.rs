//! Which wire service a text credits, and the words that say so.
//!
//! Two kinds of evidence, both anchored so that a story *about* a news agency
//! is not taken for one *from* it:
//!
//! * a **dateline** at the start of a paragraph: upper-case place words,
//!   optionally a comma and a region, then the agency in parentheses and a
//!   dash: `SEOUL (Reuters) -`, `PORT ALDER, Valdoria (Meridian Press) -`,
//!   `WASHINGTON (AP) —`. Any agency name is accepted here. A place written
//!   as a name (one to three capitalised words: `Hamburg (dpa/lno) –`,
//!   `Paris (AFP) -`, as German and French wires write it) needs a known
//!   agency, perhaps with its regional desk after a slash;
//! * a **credit**: a known agency's name in parentheses (`(AFP)`), or the
//!   full name of one of the large agencies (`The Associated Press`,
//!   `Agence France-Presse`).
//!
//! `(Reporting by ...; Editing by ...)` lines are reported as evidence of
//! wire copy without naming an agency.

use serde::Serialize;

/// Agencies recognised in a credit (a dateline accepts any name).
const KNOWN: &[&str] = &[
    "Reuters",
    "AP",
    "Associated Press",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "dpa",
    "Deutsche Presse-Agentur",
    "Xinhua",
    "Kyodo",
    "Yonhap",
    "ANSA",
    "EFE",
    "PA Media",
    "Press Association",
    "Anadolu",
    "TASS",
    "UPI",
    "Canadian Press",
    "AAP",
    "PTI",
];

/// [`wire_service`] looks for a dateline in this many first bytes.
const DATELINE_WITHIN: usize = 4096;

/// Full names credited outside parentheses.
const FULL_NAMES: &[&str] = &[
    "The Associated Press",
    "Agence France-Presse",
    "Deutsche Presse-Agentur",
];

/// What kind of evidence a credit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CreditKind {
    /// `CITY (Agency) -` at the start of a paragraph.
    Dateline,
    /// A known agency named as a credit.
    Credit,
    /// `(Reporting by ...)`: wire copy, agency not named.
    ReportingLine,
}

impl CreditKind {
    /// The name used in output (as serialized: `reporting_line`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CreditKind::Dateline => "dateline",
            CreditKind::Credit => "credit",
            CreditKind::ReportingLine => "reporting_line",
        }
    }
}

/// One piece of evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Credit {
    /// The agency, when named.
    pub agency: Option<String>,
    /// The kind of evidence.
    pub kind: CreditKind,
    /// Byte offsets of the quoted evidence in the text.
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// The words themselves.
    pub quote: String,
}

fn is_dash(s: &str) -> bool {
    s.starts_with('-') || s.starts_with('–') || s.starts_with('—')
}

/// A dateline at the start of `para` (offset `at` in the text).
fn dateline(para: &str, at: usize) -> Option<Credit> {
    // A dateline's place is short: look at the first bytes only, so a long
    // paragraph costs nothing.
    let mut head_end = para.len().min(64);
    while !para.is_char_boundary(head_end) {
        head_end -= 1;
    }
    // The first " (" (memchr: most paragraphs have no '(' near the start).
    let head_bytes = &para.as_bytes()[..head_end];
    let open =
        memchr::memchr_iter(b'(', head_bytes).find(|&i| i > 0 && head_bytes[i - 1] == b' ')? - 1;
    if open == 0 || open > 60 {
        return None;
    }
    let place = &para[..open];
    let rest = &para[open + 2..];
    let close = rest.find(')')?;
    let agency = rest[..close].trim();
    let after = rest[close + 1..].trim_start();
    if !is_dash(after) {
        return None;
    }
    // The first word is all capitals (`SEOUL`, `PORT ALDER, Valdoria`), and
    // then any agency; or the place is written as a name (`Hamburg`, `Bad
    // Homburg`: German and French wires) and the agency is a known one,
    // perhaps with its regional desk (`dpa/lno`), named as it is known.
    let head = place.split(',').next()?;
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = !head.chars().any(|c| c.is_lowercase());
    if letters < 2 || !head.chars().next()?.is_uppercase() {
        return None;
    }
    let agency = if capitals {
        let valid = (2..=40).contains(&agency.len())
            && agency.chars().next()?.is_uppercase()
            && agency
                .chars()
                .all(|c| c.is_alphanumeric() || " .-&'".contains(c));
        valid.then_some(agency)?
    } else {
        let named = place.split(' ').count() <= 3
            && place.split(' ').all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || "/-.".contains(c))
            });
        let desk = agency.split('/').next()?;
        named.then(|| KNOWN.iter().find(|k| **k == desk).copied())??
    };
    let end = open
        + 2
        + close
        + 1
        + (rest[close + 1..].len() - after.len())
        + after.chars().next()?.len_utf8();
    Some(Credit {
        agency: Some(agency.to_string()),
        kind: CreditKind::Dateline,
        start: at,
        end: at + end,
        quote: para[..end].to_string(),
    })
}

/// Every credit in `text`, in order.
pub fn find_credits(text: &str) -> Vec<Credit> {
    let mut out: Vec<Credit> = datelines(text).collect();
    for c in parenthesised(text) {
        if !out.iter().any(|d| d.start <= c.start && c.start < d.end) {
            out.push(c);
        }
    }
    for name in FULL_NAMES {
        for (i, _) in text.match_indices(name) {
            out.push(Credit {
                agency: Some(name.trim_start_matches("The ").to_string()),
                kind: CreditKind::Credit,
                start: i,
                end: i + name.len(),
                quote: name.to_string(),
            });
        }
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

/// The agency a text credits: the first dateline's, else the first agency
/// named in parentheses. (Full agency names in running text are left to
/// [`find_credits`]: searching for them costs a pass over the text each, and
/// this runs on every document of a corpus.)
pub fn wire_service(text: &str) -> Option<Credit> {
    datelines(dateline_head(text))
        .next()
        .or_else(|| parenthesised(text).into_iter().find(|c| c.agency.is_some()))
}

/// Where a wire story opens in `text`: the byte offset of its first
/// dateline (`CITY (Agency) -` opening a paragraph), looked for where
/// [`wire_service`] looks. Chrome never opens with one.
pub fn dateline_start(text: &str) -> Option<usize> {
    datelines(dateline_head(text)).next().map(|c| c.start)
}

/// The first bytes of `text`, where datelines are looked for: they open
/// the story, after at most a headline and a site's header.
fn dateline_head(text: &str) -> &str {
    let mut head = text.len().min(DATELINE_WITHIN);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    &text[..head]
}

/// The datelines of `text`, one per line at most, with offsets into `text`.
fn datelines(text: &str) -> impl Iterator<Item = Credit> + '_ {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut at = 0;
    ends.filter_map(move |end| {
        let line = &text[at..end];
        let trimmed = line.trim_start();
        let found = dateline(trimmed, at + (line.len() - trimmed.len()));
        at = end + 1;
        found
    })
}

/// Credits in parentheses: known agencies and reporting lines, in one pass
/// over the '(' characters (a search per agency name would cost 20 passes).
fn parenthesised(text: &str) -> Vec<Credit> {
    let mut out = Vec::new();
    for i in memchr::memchr_iter(b'(', text.as_bytes()) {
        let rest = &text[i + 1..];
        if rest.starts_with("Reporting by ") {
            let end = rest.find(')').map_or(text.len(), |e| i + 1 + e + 1);
            out.push(Credit {
                agency: None,
                kind: CreditKind::ReportingLine,
                start: i,
                end,
                quote: text[i..end].to_string(),
            });
        } else if let Some(name) = KNOWN
            .iter()
            .find(|n| rest.starts_with(**n) && rest[n.len()..].starts_with(')'))
        {
            out.push(Credit {
                agency: Some(name.to_string()),
                kind: CreditKind::Credit,
                start: i,
                end: i + name.len() + 2,
                quote: format!("({name})"),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let t = "Headline here\n\nSEOUL (Reuters) - Russian Deputy Foreign Minister Andrei Rudenko is visiting.";
        let w = wire_service(t).unwrap();
        assert_eq!(w.agency.as_deref(), Some("Reuters"));
        assert_eq!(w.kind, CreditKind::Dateline);
        assert_eq!(&t[w.start..w.end], "SEOUL (Reuters) -");
        let t = "PORT ALDER, Valdoria (Meridian Press) – Roughly 14,000 dockworkers";
        assert_eq!(
            wire_service(t).unwrap().agency.as_deref(),
            Some("Meridian Press")
        );
        let t = "WASHINGTON (AP) — The Senate voted";
        assert_eq!(wire_service(t).unwrap().quote, "WASHINGTON (AP) —");
    }

    #[test]
    fn a_story_opens_at_its_dateline_not_at_a_credit() {
        let t = "Headline here\n\nSEOUL (Reuters) - Russian Deputy Foreign Minister";
        assert_eq!(dateline_start(t), Some(t.find("SEOUL").unwrap()));
        // A credit in parentheses names the wire, but opens nothing.
        assert!(wire_service("Troops moved in (Reuters) - a sentence").is_some());
        assert_eq!(
            dateline_start("Troops moved in (Reuters) - a sentence"),
            None
        );
        let far = format!("{}\nSEOUL (Reuters) - late", "chrome ".repeat(700));
        assert_eq!(dateline_start(&far), None);
    }

    #[test]
    fn not_datelines() {
        for t in [
            "The minister (right) - said nothing.",
            "SEOUL (meridian press) - lower-case agency",
            "SEOUL (Meridian Press) said on Friday",
            "A story about Reuters the company.",
        ] {
            assert!(wire_service(t).is_none(), "{t}");
        }
        // Not a dateline, but a known agency in parentheses is still a credit.
        let c = wire_service("Troops moved in (Reuters) - a sentence").unwrap();
        assert_eq!(c.kind, CreditKind::Credit);
        // A place written as a name needs an agency known as one.
        for t in [
            "Hamburg (Meridian Press) - an unknown agency",
            "Hamburg (right) - not an agency",
            "Hamburg, Germany (dpa) - a region after a name",
            "Bad Homburg vor der Höhe (dpa) - too many words",
        ] {
            assert_eq!(dateline_start(t), None, "{t}");
        }
    }

    /// German and French wires write the place as a name and may add the
    /// regional desk (real dpa copy: "Hamburg (dpa/lno) – Tro...").
    #[test]
    fn a_place_written_as_a_name_before_a_known_agency_is_a_dateline() {
        for (t, agency, quote) in [
            ("Hamburg (dpa/lno) – Tumulte", "dpa", "Hamburg (dpa/lno) –"),
            (
                "Bad Homburg (dpa) - Die Stadt",
                "dpa",
                "Bad Homburg (dpa) -",
            ),
            ("Paris (AFP) - Le gouvernement", "AFP", "Paris (AFP) -"),
            (
                "Seoul (Reuters) - lower-case place",
                "Reuters",
                "Seoul (Reuters) -",
            ),
        ] {
            let w = wire_service(t).unwrap();
            assert_eq!(w.kind, CreditKind::Dateline, "{t}");
            assert_eq!(w.agency.as_deref(), Some(agency), "{t}");
            assert_eq!(w.quote, quote);
            assert_eq!(dateline_start(t), Some(0));
        }
    }

    #[test]
    fn credits_and_reporting_lines() {
        let t = "Troops moved in. (AFP)\nMore text. The Associated Press contributed.\n(Reporting by Ada Lind; Editing by Jo Brekke)";
        let c = find_credits(t);
        let kinds: Vec<_> = c.iter().map(|c| (c.kind, c.agency.clone())).collect();
        assert_eq!(
            kinds,
            vec![
                (CreditKind::Credit, Some("AFP".into())),
                (CreditKind::Credit, Some("Associated Press".into())),
                (CreditKind::ReportingLine, None)
            ]
        );
        for x in &c {
            assert_eq!(&t[x.start..x.end], x.quote);
        }
    }
}
