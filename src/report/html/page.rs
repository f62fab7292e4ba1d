//! The page around the views: header, summary, one section per cluster,
//! the unique documents. Formats the view model ([`super::model::Page`])
//! and nothing else: no file is read and no pair is explained here.

use super::model::{ClusterView, Page, PairView};
use super::view::{anchor, render_view};
use super::{bdi, bdi_into, CSS, JS, VIEWS_PER_CLUSTER};
use crate::report::reasons::origin_step;
use neardup::corpus::format_date;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Inputs named in the header; the rest are counted.
const NAMED_INPUTS: usize = 5;

/// Writes the page, a cluster at a time.
pub(super) fn render(page: &Page, out: &mut dyn Write) -> io::Result<()> {
    let mut h = String::with_capacity(1 << 16);
    head(page, &mut h);
    summary(page, &mut h);
    out.write_all(h.as_bytes())?;
    for c in &page.clusters {
        h.clear();
        cluster_section(page, c, &mut h);
        out.write_all(h.as_bytes())?;
    }
    h.clear();
    h.push_str("</main>");
    uniques(page, &mut h);
    let _ = writeln!(
        h,
        "<footer>neardup {}</footer><script>{JS}</script></body></html>",
        env!("CARGO_PKG_VERSION")
    );
    out.write_all(h.as_bytes())
}

fn head(page: &Page, h: &mut String) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '{}'\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>neardup report</title><style>{CSS}</style></head>\
<body data-ready=\"no\"><header><h1>neardup report</h1><p class=\"meta\">",
        super::script_hash(JS)
    );
    let names: Vec<String> = page
        .inputs
        .iter()
        .take(NAMED_INPUTS)
        .map(|s| bdi(s))
        .collect();
    let _ = write!(h, "{}", names.join(", "));
    if page.inputs.len() > NAMED_INPUTS {
        let _ = write!(h, " and {} more inputs", page.inputs.len() - NAMED_INPUTS);
    }
    let p = page.params;
    let _ = write!(
        h,
        " · {:.1} MB · threshold {} · containment {} · shingles of {} words ({} characters in Chinese, Japanese, Thai) · {} permutations</p></header>",
        page.bytes as f64 / 1e6,
        p.threshold,
        p.containment,
        p.shingle_size,
        p.char_shingle_size,
        p.num_perm
    );
}

fn summary(page: &Page, h: &mut String) {
    let s = &page.summary;
    let spun = s
        .by_relation
        .get(&neardup::cluster::Relation::Spun)
        .copied()
        .unwrap_or(0);
    h.push_str("<section id=\"summary\"><h2>Summary</h2><div class=\"boxes\"><table class=\"kv\">");
    let rows = [
        ("documents clustered", s.documents as u64),
        ("records skipped", s.skipped),
        ("clusters of 2+ documents", page.clusters.len() as u64),
        ("documents in them", s.in_clusters as u64),
        ("duplicates removed (by dedup)", s.removed as u64),
        ("unique documents", page.unique_count as u64),
        ("spun members", spun as u64),
        ("wire credit dropped", s.credit_dropped as u64),
    ];
    for (k, v) in rows {
        let _ = write!(h, "<tr><th>{k}</th><td>{v}</td></tr>");
    }
    h.push_str("</table><table class=\"sizes\"><tr><th>cluster size</th><th>clusters</th><th>documents</th><th></th></tr>");
    let most = s
        .sizes
        .iter()
        .map(|r| r.documents)
        .max()
        .unwrap_or(1)
        .max(1);
    for r in &s.sizes {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><span class=\"bar\" style=\"width:{}px\"></span></td></tr>",
            r.label,
            r.clusters,
            r.documents,
            1 + 120 * r.documents / most
        );
    }
    h.push_str("</table><table class=\"rels\"><tr><th>relation</th><th>members</th></tr>");
    for (r, n) in &s.by_relation {
        let _ = write!(
            h,
            "<tr><td><span class=\"rel rel-{0}\">{0}</span></td><td>{n}</td></tr>",
            r.as_str()
        );
    }
    let _ = write!(
        h,
        "</table></div><p class=\"cap\">Side-by-side views: {} of {} members, in the first {} of {} clusters (largest first, at most {VIEWS_PER_CLUSTER} per cluster, {} in all: <code>--report-views</code>). Other members are listed with their estimated scores.</p>",
        s.views,
        s.members,
        s.viewed_clusters,
        page.clusters.len(),
        page.max_views
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

fn cluster_section(page: &Page, cv: &ClusterView, h: &mut String) {
    let c = cv.cluster;
    let _ = write!(
        h,
        "<details class=\"cluster\" id=\"c{id}\"><summary><span class=\"cid\">#{id}</span> <span class=\"size\">{n} documents</span> · origin <b>",
        id = c.id,
        n = c.members.len()
    );
    bdi_into(&page.docs[c.origin as usize].id, h);
    let _ = write!(
        h,
        "</b> <span class=\"why\">({})</span>",
        origin_step(c.origin_reason)
    );
    if let Some(w) = cv.wire {
        let _ = write!(h, " · wire: {}", bdi(w));
    }
    h.push_str("</summary><table class=\"members\"><tr><th>relation</th><th>document</th><th>date</th><th>words</th><th>Jaccard</th><th>in origin</th><th>origin in it</th><th>wire</th></tr>");
    for (mi, m) in c.members.iter().enumerate() {
        let d = &page.docs[m.doc as usize];
        let _ = write!(
            h,
            "<tr><td><span class=\"rel rel-{0}\">{0}</span></td><td>",
            m.relation.as_str()
        );
        if mi > 0 && mi <= cv.views.len() {
            let _ = write!(h, "<a href=\"#{}\">{}</a>", anchor(c.id, mi), bdi(&d.id));
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
    for v in &cv.views {
        match v {
            PairView::Shown(v) => render_view(c.id, v, h),
            PairView::Unread { member, id } => {
                let _ = write!(
                    h,
                    "<section class=\"pair\" id=\"{}\"><p class=\"warn\">{}: the text could not be read back (did the input change after the run?)</p></section>",
                    anchor(c.id, *member),
                    bdi(id)
                );
            }
        }
    }
    let unviewed = c.members.len() - 1 - cv.views.len();
    if unviewed > 0 {
        let _ = write!(
            h,
            "<p class=\"cap\">{unviewed} member(s) listed without a side-by-side view (report cap).</p>"
        );
    }
    h.push_str("</details>\n");
}

fn uniques(page: &Page, h: &mut String) {
    if page.unique_count == 0 {
        return;
    }
    let _ = write!(
        h,
        "<details id=\"unique\"><summary>Unique documents ({})</summary><ul>",
        page.unique_count
    );
    for id in &page.uniques {
        h.push_str("<li>");
        bdi_into(id, h);
        h.push_str("</li>");
    }
    h.push_str("</ul>");
    if page.unique_count > page.uniques.len() {
        let _ = write!(
            h,
            "<p class=\"cap\">The first {} by id are listed.</p>",
            page.uniques.len()
        );
    }
    h.push_str("</details>");
}
