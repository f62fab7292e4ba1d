//! One member's view against its origin, as data: the pair explained
//! (origin as A, member as B, the run's boilerplate left out as clustering
//! did: the same [`explain_docs`] as `neardup explain`) and reduced to what
//! the view shows: verdict, scores, passages and substitutions with their
//! byte offsets, and the stretches of boilerplate words.

use super::VIEW_TEXT_MAX;
use neardup::align::{Alignment, Span};
use neardup::cluster::Relation;
use neardup::explain::{explain_docs, DocFacts, Verdict};
use neardup::params::Params;
use neardup::shingle::{keep_long_runs, shingles, Boilerplate};
use neardup::signing::leaves_out_boilerplate;
use neardup::text::{tokenize, Script};

/// What a view shows of a pair (origin as A, member as B).
#[derive(Debug)]
pub(super) struct Shown<'a> {
    /// The member's index in its cluster.
    pub member: usize,
    /// Its relation to the origin.
    pub relation: Relation,
    /// The origin's column.
    pub a: Column<'a>,
    /// The member's column.
    pub b: Column<'a>,
    /// The verdict on the texts shown.
    pub verdict: Verdict,
    /// Estimated Jaccard, boilerplate left out (as clustered).
    pub estimated_jaccard: f64,
    /// Exact Jaccard of the whole texts.
    pub jaccard: f64,
    /// Share of the origin's shingles in the copy.
    pub a_in_b: f64,
    /// Share of the copy's shingles in the origin.
    pub b_in_a: f64,
    /// Share of the origin's words in shared passages.
    pub a_coverage: f64,
    /// Share of the copy's words in shared passages.
    pub b_coverage: f64,
    /// Share of aligned words substituted.
    pub substituted_share: f64,
    /// One credits a wire service the other never names.
    pub credit_dropped: bool,
    /// `(from, to, count)` of the substitutions, the most frequent first.
    pub substitutions: Vec<(String, String, usize)>,
    /// Passages, substitutions and unmatched stretches, by byte offset
    /// into the columns' texts.
    pub alignment: Alignment,
}

/// One text of a view.
#[derive(Debug)]
pub(super) struct Column<'a> {
    /// The document's id.
    pub id: &'a str,
    /// The text shown (cut at [`VIEW_TEXT_MAX`]).
    pub text: &'a str,
    /// The whole text's length in bytes.
    pub full_len: usize,
    /// Stretches of boilerplate shingles in `text`.
    pub boilerplate: Vec<Span>,
}

impl Shown<'_> {
    /// Either text was cut for the view.
    pub fn is_cut(&self) -> bool {
        self.a.text.len() < self.a.full_len || self.b.text.len() < self.b.full_len
    }
}

/// Explains the pair (texts cut to [`VIEW_TEXT_MAX`]) for its view.
pub(super) fn pair_view<'a>(
    member: usize,
    relation: Relation,
    (a_id, full_a): (&'a str, &'a str),
    (b_id, full_b): (&'a str, &'a str),
    (a_site, b_site): (u64, u64),
    params: &Params,
    boiler: &Boilerplate,
) -> Shown<'a> {
    let (a, b) = (cut(full_a, VIEW_TEXT_MAX), cut(full_b, VIEW_TEXT_MAX));
    let on_site = |id, site| DocFacts {
        site,
        ..DocFacts::named(id)
    };
    let e = explain_docs(
        (a, &on_site(a_id, a_site)),
        (b, &on_site(b_id, b_site)),
        params,
        boiler,
    );
    let column = |id, text, full_len| Column {
        id,
        text,
        full_len,
        boilerplate: boilerplate_spans(text, params, boiler),
    };
    Shown {
        member,
        relation,
        a: column(a_id, a, full_a.len()),
        b: column(b_id, b, full_b.len()),
        verdict: e.verdict,
        estimated_jaccard: e.estimated.scores.jaccard,
        jaccard: e.jaccard,
        a_in_b: e.a_in_b,
        b_in_a: e.b_in_a,
        a_coverage: e.a_coverage,
        b_coverage: e.b_coverage,
        substituted_share: e.substituted_share,
        credit_dropped: e.credit_dropped,
        substitutions: e.alignment.substitution_counts(),
        alignment: e.alignment,
    }
}

/// `text` cut to at most `max` bytes, at a whitespace (or at least a
/// character) boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind(char::is_whitespace) {
        Some(ws) if ws > max / 2 => &head[..ws],
        _ => head,
    }
}

/// The stretches of `text` made of boilerplate shingles (runs of words that
/// some boilerplate shingle covers). None when the signer would have kept
/// the document's boilerplate anyway (nearly all of it is "boilerplate": a
/// story syndicated past the document-frequency cut-off).
fn boilerplate_spans(text: &str, params: &Params, boiler: &Boilerplate) -> Vec<Span> {
    if boiler.is_empty() {
        return Vec::new();
    }
    let tokens = tokenize(text, params.seed);
    let hashes: Vec<u64> = tokens.iter().map(|t| t.hash).collect();
    // The signer's shingle size for this text (words or characters).
    let size = params.shingle_size_for(Script::of_tokens(text, &tokens));
    let n = size.min(tokens.len());
    let frame = boiler.frame_of(text);
    let mut found: Vec<bool> = shingles(&hashes, size)
        .into_iter()
        .map(|h| boiler.is_chrome(h, frame))
        .collect();
    keep_long_runs(&mut found);
    let hits = found.iter().filter(|&&f| f).count();
    if !leaves_out_boilerplate(found.len(), hits, params) {
        return Vec::new();
    }
    // Shingle i covers words i..i + n.
    let mut covered = vec![false; tokens.len()];
    for (i, _) in found.iter().enumerate().filter(|(_, &f)| f) {
        for c in &mut covered[i..(i + n).min(tokens.len())] {
            *c = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !covered[i] {
            i += 1;
            continue;
        }
        let start = tokens[i].start;
        while i < tokens.len() && covered[i] {
            i += 1;
        }
        out.push(Span {
            start,
            end: tokens[i - 1].end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_pair_is_cut_and_explained_as_shown() {
        let words: Vec<String> = (0..VIEW_TEXT_MAX / 6).map(|i| format!("w{i}")).collect();
        let a = words.join(" ");
        let b = format!("A reporter's line. {a}");
        let (p, boiler) = (Params::default(), Boilerplate::default());
        let v = pair_view(2, Relation::Near, ("o", &a), ("m", &b), (0, 0), &p, &boiler);
        assert!(v.is_cut());
        assert_eq!((v.a.full_len, v.b.full_len), (a.len(), b.len()));
        assert!(v.a.text.len() <= VIEW_TEXT_MAX && a.starts_with(v.a.text));
        assert!(v.b.text.len() <= VIEW_TEXT_MAX && b.starts_with(v.b.text));
        // The numbers are those of the parts shown.
        let e = explain_docs(
            (v.a.text, &DocFacts::named("o")),
            (v.b.text, &DocFacts::named("m")),
            &p,
            &boiler,
        );
        assert_eq!(
            (v.verdict, v.jaccard, v.b_in_a),
            (e.verdict, e.jaccard, e.b_in_a)
        );
        assert_eq!(v.alignment, e.alignment);
        assert_eq!((v.member, v.relation), (2, Relation::Near));
    }

    #[test]
    fn cut_keeps_whole_words_and_characters() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("alpha beta gamma", 12), "alpha beta");
        // No space in the second half: cut at a character boundary.
        assert_eq!(cut("ééééé", 5), "éé");
    }

    #[test]
    fn boilerplate_words_are_found_by_shingle() {
        let params = Params::default();
        let chrome = "Subscribe to our newsletter for the latest news";
        // The page's own text is long enough to be filtered (20 shingles
        // or more left: `signing::leaves_out_boilerplate`).
        let page = format!(
            "{chrome}. The council voted on Tuesday to close the old harbour bridge for repairs \
             that engineers say will take most of the summer, and ferries will run every half \
             hour from the north quay while the work goes on."
        );
        let hashes: Vec<u64> = tokenize(chrome, params.seed)
            .iter()
            .map(|t| t.hash)
            .collect();
        let boiler = Boilerplate::new(shingles(&hashes, params.shingle_size));
        let spans = boilerplate_spans(&page, &params, &boiler);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].slice(&page), chrome);
        // A page that is all boilerplate is not marked (the signer kept it whole).
        assert!(boilerplate_spans(chrome, &params, &boiler).is_empty());
    }
}
