//! The HTML report (`neardup cluster --report FILE`): one self-contained page
//! for reading what the run found.
//!
//! # What is on the page
//!
//! * A summary: documents, clusters by size, duplicates that `dedup` would
//!   remove, members by relation, spun rewrites, dropped wire credits.
//! * One collapsed `<details>` section per cluster with two or more members:
//!   its origin (and why), its members with relations and estimated scores,
//!   and, for each member, a side-by-side view against the origin (see
//!   `view`): shared passages highlighted (verbatim and reworded in two
//!   colours), substituted words marked with the origin's words in a tooltip,
//!   the stretches that have no counterpart dimmed, and the words of
//!   boilerplate shingles (the run's boilerplate set) dimmed further.
//! * The unique documents, listed by id.
//! * A search box that filters clusters by any text in their section (ids,
//!   relations, the texts of the rendered views; `?q=` in the address fills
//!   it), and `#c3` / `#c3m2` anchors that open a cluster or a view.
//!
//! # Compute, then format
//!
//! [`write_html`] plans the views, reads their texts back, and hands the
//! outcome and the texts to `model`, which computes everything the page
//! shows (counts, clusters, and from `pair` each view's explanation with
//! its byte offsets) as plain data. `page` and `view` then only format that model, so the
//! numbers can be tested without parsing HTML, and the page can change
//! without touching the engine.
//!
//! # Self-contained
//!
//! The CSS and the script are compiled in (`report.css`, `report.js` beside
//! this file) and inlined; there are no external assets, and a
//! Content-Security-Policy `default-src 'none'` makes the browser refuse any
//! fetch, so the file opens offline and leaks nothing; its `script-src`
//! allows the page's own script by its SHA-256 only. Every piece of corpus
//! text is escaped after being sliced by byte offset from the original, so
//! the page's text is the document's text exactly; ids and file names are
//! isolated in `<bdi>` and the view texts with `unicode-bidi: isolate`, so
//! bidi overrides in them cannot reorder the text around them.
//!
//! # Size
//!
//! The run keeps no text, so the texts of the members that get a view (and
//! their origins) are read back with [`neardup::corpus::fetch_texts`]; unique
//! documents and members without a view cost no reading. Views are capped:
//! clusters are taken largest first and each gets views for at most
//! [`VIEWS_PER_CLUSTER`] members until `max_views` (default
//! [`DEFAULT_VIEWS`]) are rendered; later members are still listed with their
//! scores. The page states the cap. One view shows at most
//! [`VIEW_TEXT_MAX`] bytes of each text (two enormous documents would
//! otherwise make an enormous page) and says when it was cut. Pairs are
//! explained in parallel.

mod marks;
mod model;
mod page;
mod pair;
mod view;

use neardup::corpus::{fetch_texts, Location, Source};
use neardup::params::Params;
use neardup::pipeline::Outcome;
use std::io::{self, Write};

pub use model::LISTED_UNIQUE;

/// Side-by-side views rendered unless told otherwise: about 15 MB of HTML
/// for news articles, which a browser opens in a few seconds.
pub const DEFAULT_VIEWS: usize = 1000;
/// Most views for one cluster (a wire story copied a thousand times needs a
/// few views, not a thousand, and the budget is better spent on other clusters).
pub const VIEWS_PER_CLUSTER: usize = 50;
/// Most bytes of each text a view shows: two enormous documents must not
/// make an enormous page (a view's HTML is about three times its text).
/// Longer texts are cut at a word boundary before this, and the view says so.
pub const VIEW_TEXT_MAX: usize = 256 << 10;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// Settings of the report.
#[derive(Clone, Copy, Debug)]
pub struct HtmlOptions {
    /// Most side-by-side views in the whole report.
    pub max_views: usize,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            max_views: DEFAULT_VIEWS,
        }
    }
}

/// What was written, for the run's summary.
#[derive(Clone, Copy, Debug, Default)]
pub struct HtmlStats {
    /// Clusters with two or more members.
    pub clusters: usize,
    /// Members other than origins in them.
    pub members: usize,
    /// Side-by-side views rendered.
    pub views: usize,
}

/// Appends `s` with `& < > " '` escaped (safe in text and in quoted attributes).
pub(crate) fn escape_into(s: &str, out: &mut String) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped for HTML.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

/// `s` escaped and isolated in `<bdi>`: an id or file name is corpus
/// text, and a right-to-left override in it must not reverse the page's
/// text around it.
pub(crate) fn bdi(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 11);
    bdi_into(s, &mut out);
    out
}

/// Appends [`bdi`]`(s)`.
pub(crate) fn bdi_into(s: &str, out: &mut String) {
    out.push_str("<bdi>");
    escape_into(s, out);
    out.push_str("</bdi>");
}

/// The Content-Security-Policy source that allows exactly this inline
/// script: `sha256-` and the base64 of its SHA-256 (no `'unsafe-inline'`,
/// so an injected script would not run).
fn script_hash(script: &str) -> String {
    use sha2::{Digest, Sha256};
    format!("sha256-{}", base64(&Sha256::digest(script.as_bytes())))
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Writes the report of `o` (whose records live in `sources`).
pub fn write_html(
    o: &Outcome,
    sources: &[Source],
    params: &Params,
    opts: &HtmlOptions,
    out: &mut dyn Write,
) -> io::Result<HtmlStats> {
    let plan = model::plan_views(o, opts.max_views);
    let clusters: Vec<_> = o.clustering.duplicate_clusters().collect();
    // Only the planned pairs' texts are read back.
    let locations: Vec<Location> = plan
        .iter()
        .flat_map(|&(ci, mi)| [clusters[ci].origin, clusters[ci].members[mi].doc])
        .map(|d| o.docs[d as usize].location)
        .collect();
    let texts = fetch_texts(sources, &params.fields, &locations);
    let page = model::build(o, sources, &texts, &plan, params, opts.max_views);
    page::render(&page, out)?;
    Ok(HtmlStats {
        clusters: page.clusters.len(),
        members: page.summary.members,
        views: page.summary.views,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">Tom's & Co</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Co&lt;/a&gt;"
        );
        assert_eq!(escape("café"), "café");
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }
}
