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
mod view;

use neardup::cluster::Relation;
use neardup::corpus::{fetch_texts, format_date, Location, Source};
use neardup::params::Params;
use neardup::pipeline::Outcome;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
pub use view::VIEW_TEXT_MAX;
use view::{render_view, ViewInput};

/// Side-by-side views rendered unless told otherwise: about 15 MB of HTML
/// for news articles, which a browser opens in a few seconds.
pub const DEFAULT_VIEWS: usize = 1000;
/// Most views for one cluster (a wire story copied a thousand times needs a
/// few views, not a thousand, and the budget is better spent on other clusters).
pub const VIEWS_PER_CLUSTER: usize = 50;
/// Most unique documents listed by id.
pub const LISTED_UNIQUE: usize = 10_000;

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

/// One planned view: cluster index and member index in it.
type Planned = (usize, usize);

/// Which members get a view: clusters in order (largest first), at most
/// [`VIEWS_PER_CLUSTER`] each, `max` in all.
fn plan_views(o: &Outcome, max: usize) -> Vec<Planned> {
    let mut plan = Vec::new();
    for (ci, c) in o.clustering.duplicate_clusters().enumerate() {
        let room = max.saturating_sub(plan.len()).min(VIEWS_PER_CLUSTER);
        if room == 0 {
            break;
        }
        plan.extend((1..c.members.len()).take(room).map(|mi| (ci, mi)));
    }
    plan
}

/// Writes the report of `o` (whose records live in `sources`).
pub fn write_html(
    o: &Outcome,
    sources: &[Source],
    params: &Params,
    opts: &HtmlOptions,
    out: &mut dyn Write,
) -> io::Result<HtmlStats> {
    let clusters: Vec<_> = o.clustering.duplicate_clusters().collect();
    let plan = plan_views(o, opts.max_views);
    let doc_of = |(ci, mi): Planned| clusters[ci].members[mi].doc as usize;
    let locations: Vec<Location> = plan
        .iter()
        .flat_map(|&(ci, mi)| [clusters[ci].origin as usize, doc_of((ci, mi))])
        .map(|d| o.docs[d].location)
        .collect();
    let texts = fetch_texts(sources, &params.fields, &locations);
    let text_of = |d: usize| {
        let l = o.docs[d].location;
        texts.get(&(l.source, l.offset)).map(String::as_str)
    };
    let views: Vec<String> = plan
        .par_iter()
        .map(|&(ci, mi)| {
            let c = clusters[ci];
            let anchor = format!("c{}m{mi}", c.id);
            let (od, md) = (c.origin as usize, doc_of((ci, mi)));
            match (text_of(od), text_of(md)) {
                (Some(a), Some(b)) => {
                    let input = ViewInput {
                        anchor,
                        origin: (&o.docs[od].id, a),
                        member: (&o.docs[md].id, b),
                        relation: c.members[mi].relation.as_str(),
                    };
                    render_view(&input, params, &o.boilerplate)
                }
                _ => format!(
                    "<section class=\"pair\" id=\"{anchor}\"><p class=\"warn\">{}: the text could not be read back (did the input change after the run?)</p></section>",
                    bdi(&o.docs[md].id)
                ),
            }
        })
        .collect();
    drop(texts);

    let mut page = String::with_capacity(1 << 16);
    head(o, sources, params, &mut page);
    summary(o, &clusters, &plan, opts, &mut page);
    out.write_all(page.as_bytes())?;
    let mut next_view = 0;
    for (ci, c) in clusters.iter().enumerate() {
        page.clear();
        let n_views = plan[next_view..].iter().take_while(|p| p.0 == ci).count();
        cluster_section(o, c, &views[next_view..next_view + n_views], &mut page);
        next_view += n_views;
        out.write_all(page.as_bytes())?;
    }
    page.clear();
    page.push_str("</main>");
    uniques(o, &mut page);
    let _ = writeln!(
        page,
        "<footer>neardup {}</footer><script>{JS}</script></body></html>",
        env!("CARGO_PKG_VERSION")
    );
    out.write_all(page.as_bytes())?;
    Ok(HtmlStats {
        clusters: clusters.len(),
        members: clusters.iter().map(|c| c.members.len() - 1).sum(),
        views: plan.len(),
    })
}

fn head(o: &Outcome, sources: &[Source], params: &Params, h: &mut String) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '{}'\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>neardup report</title><style>{CSS}</style></head>\
<body data-ready=\"no\"><header><h1>neardup report</h1><p class=\"meta\">",
        script_hash(JS)
    );
    const NAMED: usize = 5;
    let names: Vec<String> = sources.iter().take(NAMED).map(|s| bdi(&s.name)).collect();
    let _ = write!(h, "{}", names.join(", "));
    if sources.len() > NAMED {
        let _ = write!(h, " and {} more inputs", sources.len() - NAMED);
    }
    let _ = write!(
        h,
        " · {:.1} MB · threshold {} · containment {} · shingles of {} words ({} characters in Chinese, Japanese, Thai) · {} permutations</p></header>",
        o.stats.bytes as f64 / 1e6,
        params.threshold,
        params.containment,
        params.shingle_size,
        params.char_shingle_size,
        params.num_perm
    );
}

/// Label of a cluster-size row: exact sizes up to 10, then ranges.
fn size_bucket(n: usize) -> (usize, &'static str) {
    const BUCKETS: [(usize, &str); 5] = [
        (11, "11–20"),
        (21, "21–50"),
        (51, "51–100"),
        (101, "101–1000"),
        (1001, "over 1000"),
    ];
    BUCKETS
        .iter()
        .rev()
        .find(|b| n >= b.0)
        .map_or((n, ""), |&(lo, label)| (lo, label))
}

fn summary(
    o: &Outcome,
    clusters: &[&neardup::cluster::Cluster],
    plan: &[Planned],
    opts: &HtmlOptions,
    h: &mut String,
) {
    let in_clusters: usize = clusters.iter().map(|c| c.members.len()).sum();
    let members = clusters.iter().flat_map(|c| &c.members[1..]);
    let removed = members
        .clone()
        .filter(|m| m.relation.is_duplicate())
        .count();
    let dropped_credit = members.clone().filter(|m| m.credit_dropped).count();
    let mut by_relation: BTreeMap<Relation, usize> = BTreeMap::new();
    for m in members.clone() {
        *by_relation.entry(m.relation).or_default() += 1;
    }
    let spun = members
        .clone()
        .filter(|m| m.relation == Relation::Spun)
        .count();
    h.push_str("<section id=\"summary\"><h2>Summary</h2><div class=\"boxes\"><table class=\"kv\">");
    let rows = [
        ("documents clustered", o.docs.len().to_string()),
        ("records skipped", o.skipped.len().to_string()),
        ("clusters of 2+ documents", clusters.len().to_string()),
        ("documents in them", in_clusters.to_string()),
        ("duplicates removed (by dedup)", removed.to_string()),
        ("unique documents", (o.docs.len() - in_clusters).to_string()),
        ("spun members", spun.to_string()),
        ("wire credit dropped", dropped_credit.to_string()),
    ];
    for (k, v) in rows {
        let _ = write!(h, "<tr><th>{k}</th><td>{v}</td></tr>");
    }
    h.push_str("</table><table class=\"sizes\"><tr><th>cluster size</th><th>clusters</th><th>documents</th><th></th></tr>");
    let mut sizes: BTreeMap<usize, (&str, usize, usize)> = BTreeMap::new();
    for c in clusters {
        let (key, label) = size_bucket(c.members.len());
        let e = sizes.entry(key).or_insert((label, 0, 0));
        e.1 += 1;
        e.2 += c.members.len();
    }
    let most = sizes.values().map(|e| e.2).max().unwrap_or(1).max(1);
    for (size, (label, n, docs)) in sizes.iter().rev() {
        let label = if label.is_empty() {
            size.to_string()
        } else {
            label.to_string()
        };
        let _ = write!(
            h,
            "<tr><td>{label}</td><td>{n}</td><td>{docs}</td><td><span class=\"bar\" style=\"width:{}px\"></span></td></tr>",
            1 + 120 * docs / most
        );
    }
    h.push_str("</table><table class=\"rels\"><tr><th>relation</th><th>members</th></tr>");
    for (r, n) in &by_relation {
        let _ = write!(
            h,
            "<tr><td><span class=\"rel rel-{0}\">{0}</span></td><td>{n}</td></tr>",
            r.as_str()
        );
    }
    let viewed_clusters = plan.last().map_or(0, |p| p.0 + 1);
    let members_total: usize = clusters.iter().map(|c| c.members.len() - 1).sum();
    let _ = write!(
        h,
        "</table></div><p class=\"cap\">Side-by-side views: {} of {members_total} members, in the first {viewed_clusters} of {} clusters (largest first, at most {VIEWS_PER_CLUSTER} per cluster, {} in all: <code>--report-views</code>). Other members are listed with their estimated scores.</p>",
        plan.len(),
        clusters.len(),
        opts.max_views
    );
    h.push_str(LEGEND);
    h.push_str("</section><div id=\"bar\"><input id=\"q\" type=\"search\" placeholder=\"Filter clusters by id or text\" aria-label=\"Filter clusters\"> <button id=\"open\" type=\"button\">Expand shown</button> <button id=\"close\" type=\"button\">Collapse all</button> <span id=\"count\"></span></div><main id=\"clusters\">");
}

const LEGEND: &str =
    "<p class=\"legend\">In each view, the origin is on the left and the member on the right: \
<span class=\"v\">verbatim passage</span> \
<span class=\"r\">reworded passage</span> \
<span class=\"r s\" title=\"the other side's words\">substituted word</span> \
<span class=\"r i\">added words</span> \
<span class=\"r d\">left-out words</span> \
<span class=\"u\">no counterpart (dimmed: where a site's chrome usually sits)</span> \
<span class=\"u b\">boilerplate (shingles found on many pages)</span>. \
Hover a substitution for the other side's words, a passage to light up its counterpart.</p>";

fn cluster_section(o: &Outcome, c: &neardup::cluster::Cluster, views: &[String], h: &mut String) {
    let origin = &o.docs[c.origin as usize];
    let _ = write!(
        h,
        "<details class=\"cluster\" id=\"c{id}\"><summary><span class=\"cid\">#{id}</span> <span class=\"size\">{n} documents</span> · origin <b>",
        id = c.id,
        n = c.members.len()
    );
    bdi_into(&origin.id, h);
    let _ = write!(
        h,
        "</b> <span class=\"why\">({})</span>",
        crate::report::reasons::origin_step(c.origin_reason)
    );
    if let Some(w) = c
        .members
        .iter()
        .find_map(|m| o.docs[m.doc as usize].wire.as_deref())
    {
        let _ = write!(h, " · wire: {}", bdi(w));
    }
    h.push_str("</summary><table class=\"members\"><tr><th>relation</th><th>document</th><th>date</th><th>words</th><th>Jaccard</th><th>in origin</th><th>origin in it</th><th>wire</th></tr>");
    for (mi, m) in c.members.iter().enumerate() {
        let d = &o.docs[m.doc as usize];
        let _ = write!(
            h,
            "<tr><td><span class=\"rel rel-{0}\">{0}</span></td><td>",
            m.relation.as_str()
        );
        if mi > 0 && mi <= views.len() {
            let _ = write!(h, "<a href=\"#c{}m{mi}\">{}</a>", c.id, bdi(&d.id));
        } else {
            bdi_into(&d.id, h);
        }
        let date = d.date.map(|t| format_date(t)[..16].replace('T', " "));
        let score = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_default();
        let _ = write!(
            h,
            "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            date.unwrap_or_default(),
            d.words,
            score(m.scores.map(|s| s.jaccard)),
            score(m.scores.map(|s| s.a_in_b)),
            score(m.scores.map(|s| s.b_in_a)),
            d.wire.as_deref().map(bdi).unwrap_or_default(),
            if m.credit_dropped {
                "<b class=\"warn\">credit dropped</b>"
            } else {
                ""
            }
        );
    }
    h.push_str("</table>");
    for html in views {
        h.push_str(html);
    }
    let unviewed = c.members.len() - 1 - views.len();
    if unviewed > 0 {
        let _ = write!(
            h,
            "<p class=\"cap\">{unviewed} member(s) listed without a side-by-side view (report cap).</p>"
        );
    }
    h.push_str("</details>\n");
}

fn uniques(o: &Outcome, h: &mut String) {
    let singles: Vec<_> = o
        .clustering
        .clusters
        .iter()
        .filter(|c| c.members.len() == 1)
        .collect();
    if singles.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<details id=\"unique\"><summary>Unique documents ({})</summary><ul>",
        singles.len()
    );
    for c in singles.iter().take(LISTED_UNIQUE) {
        h.push_str("<li>");
        bdi_into(&o.docs[c.origin as usize].id, h);
        h.push_str("</li>");
    }
    h.push_str("</ul>");
    if singles.len() > LISTED_UNIQUE {
        let _ = write!(
            h,
            "<p class=\"cap\">The first {LISTED_UNIQUE} by id are listed.</p>"
        );
    }
    h.push_str("</details>");
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

    #[test]
    fn size_buckets() {
        assert_eq!(size_bucket(2), (2, ""));
        assert_eq!(size_bucket(10), (10, ""));
        assert_eq!(size_bucket(11), (11, "11–20"));
        assert_eq!(size_bucket(37), (21, "21–50"));
        assert_eq!(size_bucket(5000), (1001, "over 1000"));
    }
}
