//! One text as HTML with its marks: passages, substitutions, unmatched
//! stretches and boilerplate.
//!
//! The marks come from different sources (the aligner, the boilerplate set)
//! and may nest or cross, so instead of nesting elements the text is cut at
//! every mark boundary and each piece gets one flat `<span>` carrying the
//! classes of every mark that covers it. Pieces are sliced from the original
//! text by byte offset and escaped after slicing, so the page's text content
//! is the document, byte for byte (zero-width marks are empty elements whose
//! sign comes from CSS, not from the text).

use super::escape_into;
use neardup::align::Span;

/// A marked stretch of text.
#[derive(Clone, Debug)]
pub(super) struct Mark {
    /// Where, in the text being rendered.
    pub span: Span,
    /// CSS classes (space-separated).
    pub class: &'static str,
    /// Passage number, linking the two columns of a side-by-side view.
    pub passage: Option<usize>,
    /// Tooltip.
    pub title: Option<String>,
}

/// The kinds of mark, by the layer they belong to: at most one mark of each
/// layer covers a byte (overlaps inside a layer are clipped).
pub(super) struct Layers {
    /// Shared passages.
    pub passages: Vec<Mark>,
    /// Substitutions, insertions, deletions; zero-width ones are markers.
    pub edits: Vec<Mark>,
    /// Stretches with no counterpart in the other text.
    pub unmatched: Vec<Mark>,
    /// Words in boilerplate shingles.
    pub boilerplate: Vec<Mark>,
}

/// Sorts a layer and clips overlaps, so a forward sweep finds the one mark
/// covering each byte. Zero-width marks are returned separately.
fn normalise(mut marks: Vec<Mark>) -> (Vec<Mark>, Vec<Mark>) {
    marks.sort_by_key(|m| (m.span.start, m.span.end));
    let (points, mut spans): (Vec<Mark>, Vec<Mark>) =
        marks.into_iter().partition(|m| m.span.is_empty());
    let mut end = 0;
    spans.retain_mut(|m| {
        m.span.start = m.span.start.max(end);
        end = end.max(m.span.end);
        !m.span.is_empty()
    });
    (spans, points)
}

/// A forward cursor over one normalised layer.
struct Cursor<'m> {
    marks: &'m [Mark],
    at: usize,
}

impl<'m> Cursor<'m> {
    /// The mark covering byte `x`; `x` must not decrease between calls.
    fn cover(&mut self, x: usize) -> Option<&'m Mark> {
        while self.at < self.marks.len() && self.marks[self.at].span.end <= x {
            self.at += 1;
        }
        self.marks
            .get(self.at)
            .filter(|m| m.span.start <= x && x < m.span.end)
    }
}

/// Appends `text` as HTML with `layers` marked.
pub(super) fn render(text: &str, layers: Layers, out: &mut String) {
    let (passages, _) = normalise(layers.passages);
    let (edits, points) = normalise(layers.edits);
    let (unmatched, _) = normalise(layers.unmatched);
    let (boilerplate, _) = normalise(layers.boilerplate);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in passages
        .iter()
        .chain(&edits)
        .chain(&points)
        .chain(&unmatched)
        .chain(&boilerplate)
    {
        cuts.push(m.span.start.min(text.len()));
        cuts.push(m.span.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut layers =
        [&passages, &edits, &unmatched, &boilerplate].map(|marks| Cursor { marks, at: 0 });
    let mut points = points.iter().peekable();
    // The piece being built: its attributes, and where it started.
    let mut open: Option<(String, usize)> = None;
    // Each cut but the last starts a piece.
    for &x in &cuts[..cuts.len() - 1] {
        let mut marker = false;
        while let Some(p) = points.next_if(|p| p.span.start <= x) {
            if !marker {
                flush(text, &mut open, x, out);
                marker = true;
            }
            point(p, out);
        }
        let covering: Vec<&Mark> = layers.iter_mut().filter_map(|c| c.cover(x)).collect();
        let attrs = attributes(&covering);
        match &open {
            Some((a, _)) if *a == attrs => {}
            _ => {
                flush(text, &mut open, x, out);
                open = Some((attrs, x));
            }
        }
    }
    flush(text, &mut open, text.len(), out);
    points.for_each(|p| point(p, out));
}

/// A zero-width mark: an empty element (its sign comes from CSS, so the
/// text content stays the document's).
fn point(p: &Mark, out: &mut String) {
    out.push_str("<span class=\"");
    out.push_str(p.class);
    out.push('"');
    push_title(p, out);
    out.push_str("></span>");
}

/// The attributes of a piece covered by `marks` (empty: plain text).
fn attributes(marks: &[&Mark]) -> String {
    if marks.is_empty() {
        return String::new();
    }
    let mut s = String::from(" class=\"");
    for (i, m) in marks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(m.class);
    }
    s.push('"');
    if let Some(p) = marks.iter().find_map(|m| m.passage) {
        s.push_str(&format!(" data-p=\"{p}\""));
    }
    if let Some(m) = marks.iter().find(|m| m.title.is_some()) {
        push_title(m, &mut s);
    }
    s
}

fn push_title(m: &Mark, out: &mut String) {
    if let Some(t) = &m.title {
        out.push_str(" title=\"");
        escape_into(t, out);
        out.push('"');
    }
}

/// Writes the open piece, which ends at `end`.
fn flush(text: &str, open: &mut Option<(String, usize)>, end: usize, out: &mut String) {
    let Some((attrs, start)) = open.take() else {
        return;
    };
    if start >= end {
        return;
    }
    if attrs.is_empty() {
        escape_into(&text[start..end], out);
    } else {
        out.push_str("<span");
        out.push_str(&attrs);
        out.push('>');
        escape_into(&text[start..end], out);
        out.push_str("</span>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, class: &'static str) -> Mark {
        Mark {
            span: Span { start, end },
            class,
            passage: None,
            title: None,
        }
    }

    /// The text content of rendered HTML: tags dropped, entities decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn crossing_marks_keep_the_text_byte_for_byte() {
        let text = "Menu <b>&</b> café \"quoted\" — the story starts here and ends.";
        let at = |s: &str| text.find(s).unwrap();
        let layers = Layers {
            passages: vec![Mark {
                passage: Some(0),
                ..mark(at("café"), text.len() - 1, "v")
            }],
            edits: vec![
                Mark {
                    title: Some("origin: <war>".into()),
                    ..mark(at("story"), at("story") + 5, "s")
                },
                mark(at("ends"), at("ends"), "gap"),
            ],
            unmatched: vec![mark(0, at("café") - 1, "u")],
            // Crosses the start of the passage.
            boilerplate: vec![mark(2, at("quoted"), "b")],
        };
        let mut html = String::new();
        render(text, layers, &mut html);
        assert_eq!(text_of(&html), text);
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("title=\"origin: &lt;war&gt;\""), "{html}");
        assert!(html.contains("<span class=\"v s\" data-p=\"0\""), "{html}");
        assert!(html.contains("<span class=\"v b\" data-p=\"0\">café &quot;</span>"));
        let gap =
            "and </span><span class=\"gap\"></span><span class=\"v\" data-p=\"0\">ends</span>.";
        assert!(html.contains(gap), "{html}");
    }

    #[test]
    fn no_marks_is_escaped_text() {
        let mut html = String::new();
        let none = Layers {
            passages: vec![],
            edits: vec![],
            unmatched: vec![],
            boilerplate: vec![],
        };
        render("a < b", none, &mut html);
        assert_eq!(html, "a &lt; b");
    }

    #[test]
    fn overlapping_marks_of_one_layer_are_clipped() {
        let text = "one two three four";
        let layers = Layers {
            passages: vec![mark(0, 13, "v"), mark(4, 18, "r")],
            edits: vec![],
            unmatched: vec![],
            boilerplate: vec![],
        };
        let mut html = String::new();
        render(text, layers, &mut html);
        assert_eq!(
            html,
            "<span class=\"v\">one two three</span><span class=\"r\"> four</span>"
        );
    }
}
