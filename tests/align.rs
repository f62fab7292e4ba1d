//! Passage alignment (`neardup::align`) on built pairs of documents: exact
//! copies, wrapped copies, cuts, reordered paragraphs, spun rewrites, phrase
//! swaps, unrelated texts and non-ASCII text.

use neardup::align::*;

/// splitmix64: a fixed, dependency-free generator for the test texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "by", "at", "from",
    "its", "was", "were", "had", "has", "said", "after", "over", "into", "but", "not", "this",
];

#[rustfmt::skip]
const CONTENT: &[&str] = &[
    "minister", "government", "capital", "talks", "leader", "country", "state", "media", "trade",
    "energy", "port", "floods", "visit", "weeks", "agreement", "shipping", "company", "shares",
    "profits", "year", "prices", "strike", "mine", "safety", "rules", "spring", "police",
    "officials", "city", "council", "budget", "workers", "union", "court", "judge", "case",
    "election", "voters", "party", "campaign", "army", "troops", "border", "region", "village",
    "river", "bridge", "road", "train", "station", "airport", "flight", "storm", "rain", "harvest",
    "farmers", "market", "bank", "rates", "inflation", "growth", "report", "survey", "school",
    "teachers", "students", "hospital", "doctors", "patients", "vaccine", "museum", "festival",
    "crowd", "stadium", "match", "coach", "season", "record", "fire", "smoke", "houses",
    "families", "water", "power", "grid", "plant", "factory", "jobs", "wages", "minutes", "hours",
    "night", "morning", "statement", "spokesman", "director", "plan", "project", "funding",
    "investors", "deal", "sanctions", "exports", "imports", "fleet", "harbour", "coast", "island",
    "mountain", "valley", "forest", "drought", "heat", "snow", "ceasefire", "envoy", "summit",
    "treaty", "protest", "march", "square", "parliament", "senate", "vote", "law", "tax", "reform",
    "pension", "debt", "loan", "fund", "crisis", "recovery", "warning", "risk", "damage",
    "repairs", "engineers", "inquiry", "evidence", "witness", "trial", "verdict", "appeal",
    "sentence", "prison", "release", "talks", "offer",
];

/// Replacement words: none of them is in FUNCTION or CONTENT.
#[rustfmt::skip]
const SPIN: &[&str] = &[
    "struggle", "authorities", "metropolis", "negotiations", "chief", "nation", "outlets",
    "commerce", "harbourside", "deluge", "excursion", "accord", "freight", "firm", "stock",
    "earnings", "costs", "walkout", "quarry", "protocols", "personnel", "municipality", "assembly",
    "tribunal", "magistrate", "electorate", "faction", "soldiers", "frontier", "territory",
    "hamlet", "viaduct", "highway", "aerodrome", "tempest", "downpour", "growers", "lender",
    "expansion", "academy", "educators", "clinic", "physicians", "jab", "gallery", "throng",
    "arena", "fixture", "trainer", "blaze", "residences", "households", "electricity", "facility",
    "employment", "earnings", "declaration", "representative", "scheme",
];

/// A text of about `words` words in sentences of 8 to 19 words: a third of
/// the words from FUNCTION, the rest from CONTENT.
fn prose(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    while n < words {
        let len = (8 + rng.below(12)).min(words - n).max(1);
        for k in 0..len {
            let w = if rng.below(3) == 0 {
                rng.pick(FUNCTION)
            } else {
                rng.pick(CONTENT)
            };
            if k == 0 {
                let mut c = w.chars();
                let first = c.next().unwrap().to_uppercase().collect::<String>();
                out.push_str(&first);
                out.push_str(c.as_str());
            } else {
                out.push(' ');
                out.push_str(w);
            }
            if k + 1 < len && rng.below(10) == 0 {
                out.push(',');
            }
        }
        out.push_str(". ");
        n += len;
    }
    out.truncate(out.trim_end().len());
    out
}

/// The words of `text` as the tokenizer sees them (ASCII test texts: runs
/// of letters and digits).
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Checks what must hold for every alignment: spans on char boundaries
/// covering whole words, passages disjoint on both sides, passages and
/// unmatched stretches together covering each text's words exactly once,
/// edits inside their passages, counts that add up.
fn check(a: &str, b: &str, al: &Alignment) {
    let sides = [
        (
            a,
            al.passages.iter().map(|p| p.a).collect::<Vec<_>>(),
            &al.a_unmatched,
            al.a_words,
            al.a_covered_words,
        ),
        (
            b,
            al.passages.iter().map(|p| p.b).collect::<Vec<_>>(),
            &al.b_unmatched,
            al.b_words,
            al.b_covered_words,
        ),
    ];
    for (text, passages, unmatched, total, covered) in sides {
        assert_eq!(total, words(text).len());
        let mut all: Vec<(Span, bool)> = passages.iter().map(|&s| (s, true)).collect();
        all.extend(unmatched.iter().map(|&s| (s, false)));
        all.sort_by_key(|(s, _)| *s);
        let (mut counted, mut in_passages) = (0, 0);
        for w in all.windows(2) {
            assert!(w[0].0.end <= w[1].0.start, "overlapping spans {:?}", w);
        }
        for (s, is_passage) in &all {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let slice = &text[s.start..s.end];
            assert!(!slice.is_empty());
            assert!(slice.chars().next().unwrap().is_alphanumeric(), "{slice:?}");
            assert!(slice.chars().last().unwrap().is_alphanumeric(), "{slice:?}");
            let n = words(slice).len();
            counted += n;
            if *is_passage {
                in_passages += n;
            }
        }
        assert_eq!(counted, total, "every word in exactly one span");
        assert_eq!(in_passages, covered);
    }
    let mut subs = Vec::new();
    for p in &al.passages {
        assert_eq!(p.words, words(&a[p.a.start..p.a.end]).len());
        assert!(p.verbatim_words <= p.words);
        assert_eq!(p.kind == PassageKind::Verbatim, p.substitutions.is_empty());
        for s in &p.substitutions {
            assert!(p.a.start <= s.a.start && s.a.end <= p.a.end);
            assert!(p.b.start <= s.b.start && s.b.end <= p.b.end);
            let from: Vec<String> = words(&a[s.a.start..s.a.end])
                .iter()
                .map(|w| w.to_lowercase())
                .collect();
            let to: Vec<String> = words(&b[s.b.start..s.b.end])
                .iter()
                .map(|w| w.to_lowercase())
                .collect();
            assert_eq!(from.join(" "), s.from);
            assert_eq!(to.join(" "), s.to);
            assert!(!(s.from.is_empty() && s.to.is_empty()));
        }
        subs.extend(p.substitutions.iter().cloned());
    }
    assert_eq!(subs, al.substitutions);
}

fn params() -> AlignParams {
    AlignParams::default()
}

#[test]
fn identical_texts_are_one_verbatim_passage() {
    let a = prose(&mut Rng(1), 400);
    let al = align(&a, &a, &params());
    check(&a, &a, &al);
    assert_eq!(al.passages.len(), 1);
    let p = &al.passages[0];
    assert_eq!(p.kind, PassageKind::Verbatim);
    assert_eq!((p.words, p.verbatim_words), (al.a_words, al.a_words));
    assert_eq!(&a[p.a.start..p.a.end], a.trim_end_matches('.'));
    assert_eq!(p.a, p.b);
    assert!(al.a_unmatched.is_empty() && al.b_unmatched.is_empty());
    assert!(al.substitutions.is_empty());
    assert_eq!(al.coverage_a(), 1.0);
    assert_eq!(al.coverage_b(), 1.0);
    assert_eq!(al.substituted_share(), 0.0);
}

#[test]
fn case_punctuation_and_spacing_do_not_break_a_verbatim_copy() {
    let a = prose(&mut Rng(2), 200);
    let b = a.to_uppercase().replace(". ", ".\n\n  ").replace(',', " ;");
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.passages.len(), 1);
    assert_eq!(al.passages[0].kind, PassageKind::Verbatim);
    assert_eq!(al.coverage_a(), 1.0);
    assert_eq!(al.coverage_b(), 1.0);
}

#[test]
fn site_header_and_footer_are_unmatched_in_b() {
    let a = prose(&mut Rng(3), 350);
    let header = "Home | World | Business | Sport | Sign in | Subscribe for 1 dollar a week";
    let footer = "Share this story on social networks. Copyright 2026 Valley Ledger, all rights reserved. Cookie settings";
    let b = format!("{header}\n\n{a}\n\n{footer}\n");
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.passages.len(), 1, "{:#?}", al.passages);
    assert_eq!(al.passages[0].kind, PassageKind::Verbatim);
    assert_eq!(al.coverage_a(), 1.0);
    assert!(al.a_unmatched.is_empty());
    let un: Vec<&str> = al.b_unmatched.iter().map(|s| &b[s.start..s.end]).collect();
    assert_eq!(un, vec![header, "Share this story on social networks. Copyright 2026 Valley Ledger, all rights reserved. Cookie settings"]);
    let extra = words(header).len() + words(footer).len();
    assert_eq!(al.b_words, al.a_words + extra);
    assert_eq!(al.b_covered_words, al.a_words);
}

#[test]
fn truncated_copy_covers_the_kept_share_of_a() {
    let a = prose(&mut Rng(4), 500);
    // Keep the sentences that make up the first ~60% of the words.
    let mut cut = 0;
    for (i, _) in a.match_indices(". ") {
        if words(&a[..i]).len() * 10 >= words(&a).len() * 6 {
            cut = i + 1;
            break;
        }
    }
    let b = format!("{} Read more on our website.", &a[..cut]);
    let kept = words(&a[..cut]).len() as f64 / words(&a).len() as f64;
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.passages.len(), 1);
    assert!(
        (al.coverage_a() - kept).abs() < 0.01,
        "{} vs {kept}",
        al.coverage_a()
    );
    assert_eq!(al.b_covered_words, words(&a[..cut]).len());
    assert_eq!(al.a_unmatched.len(), 1);
    assert_eq!(al.a_unmatched[0].end, a.len() - 1); // the cut ending, up to the last word
    assert_eq!(al.b_unmatched.len(), 1);
    assert_eq!(
        &b[al.b_unmatched[0].start..al.b_unmatched[0].end],
        "Read more on our website"
    );
}

#[test]
fn swapped_paragraphs_are_both_found() {
    let mut rng = Rng(5);
    let p: Vec<String> = (0..3).map(|_| prose(&mut rng, 120)).collect();
    let a = format!("{}\n\n{}\n\n{}", p[0], p[1], p[2]);
    let b = format!("{}\n\n{}\n\n{}", p[1], p[0], p[2]);
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.coverage_a(), 1.0);
    assert_eq!(al.coverage_b(), 1.0);
    // Every passage maps text to the same text, and each paragraph of A is
    // found whole at its place in B.
    for q in &al.passages {
        assert_eq!(q.kind, PassageKind::Verbatim);
        assert_eq!(&a[q.a.start..q.a.end], &b[q.b.start..q.b.end]);
    }
    for para in &p {
        let ia = a.find(para.as_str()).unwrap();
        let ib = b.find(para.as_str()).unwrap();
        assert!(
            al.passages.iter().any(|q| q.a.start <= ia
                && ia + para.len() - 1 <= q.a.end
                && q.b.start + (ia - q.a.start) == ib),
            "paragraph at {ia} not found"
        );
    }
    // Passages are in order of A; the first two go backwards in B.
    assert!(al.passages.windows(2).all(|w| w[0].a.end < w[1].a.start));
    assert!(al.passages.len() >= 2);
    assert!(al.passages[0].b.start > al.passages[1].b.start);
}

#[test]
fn added_paragraph_is_unmatched_in_b() {
    let mut rng = Rng(6);
    let p1 = prose(&mut rng, 150);
    let p2 = prose(&mut rng, 150);
    let added = "Our reporter visited the scene on Monday and spoke to residents who described the night of the storm in detail.";
    let a = format!("{p1}\n\n{p2}");
    let b = format!("{p1}\n\n{added}\n\n{p2}");
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.passages.len(), 2);
    assert_eq!(al.coverage_a(), 1.0);
    let un: Vec<&str> = al.b_unmatched.iter().map(|s| &b[s.start..s.end]).collect();
    assert_eq!(un, vec![added.trim_end_matches('.')]);
}

/// Byte spans of the words of an ASCII text.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut v = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_alphanumeric() {
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            v.push((s, i));
        } else {
            i += 1;
        }
    }
    v
}

/// A spun copy of an ASCII text: each word replaced one for one with
/// probability `rate_percent`%; returns the copy and the replaced
/// `(word index, from, to)`.
fn spin(a: &str, seed: u64, rate_percent: usize) -> (String, Vec<(usize, String, String)>) {
    let mut rng = Rng(seed);
    let mut out = String::new();
    let mut pos = 0;
    let mut log = Vec::new();
    for (idx, (start, end)) in word_spans(a).into_iter().enumerate() {
        if rng.below(100) < rate_percent {
            let to = rng.pick(SPIN);
            out.push_str(&a[pos..start]);
            out.push_str(to);
            pos = end;
            log.push((idx, a[start..end].to_lowercase(), to.to_string()));
        }
    }
    out.push_str(&a[pos..]);
    (out, log)
}

#[test]
fn spun_copy_reports_most_substitutions() {
    let a = prose(&mut Rng(7), 300);
    let (b, log) = spin(&a, 77, 30);
    assert!(log.len() > 70 && log.len() < 110, "{} replaced", log.len());
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert!(!al.passages.is_empty());
    assert!(al.passages.iter().all(|p| p.kind == PassageKind::Reworded));
    let spans = word_spans(&a);
    let found = log
        .iter()
        .filter(|(idx, from, to)| {
            let (s, e) = spans[*idx];
            al.substitutions
                .iter()
                .any(|x| x.a.start == s && x.a.end == e && &x.from == from && &x.to == to)
        })
        .count();
    assert!(
        found * 10 >= log.len() * 9,
        "{found} of {} replacements reported",
        log.len()
    );
    assert!(al.coverage_a() > 0.9, "{}", al.coverage_a());
    let share = al.substituted_share();
    assert!(share > 0.2 && share < 0.4, "{share}");
    // Every reported edit is one of the spinner's (no invented ones).
    let invented = al
        .substitutions
        .iter()
        .filter(|x| {
            !log.iter()
                .any(|(_, from, to)| &x.from == from && &x.to == to)
        })
        .count();
    assert!(
        invented * 20 <= al.substitutions.len(),
        "{invented} invented"
    );
}

#[test]
fn spun_copy_heavier_rates_stay_aligned() {
    let a = prose(&mut Rng(8), 600);
    for (seed, rate) in [(1, 10), (2, 20), (3, 40)] {
        let (b, log) = spin(&a, seed, rate);
        let al = align(&a, &b, &params());
        check(&a, &b, &al);
        let replaced: usize = al
            .substitutions
            .iter()
            .filter(|s| s.is_replacement())
            .map(|s| s.from_words())
            .sum();
        assert!(
            replaced * 10 >= log.len() * 8,
            "rate {rate}: {replaced} of {} replacements",
            log.len()
        );
        assert!(al.coverage_a() > 0.85, "rate {rate}: {}", al.coverage_a());
    }
}

#[test]
fn phrase_swap_is_one_substitution() {
    let a = "Prices rose sharply in the spring, according to the national statistics office, \
             which blamed the cost of energy and the weak currency for most of the increase.";
    let b = "Prices rose sharply in the spring, in line with the national statistics office, \
             which blamed the cost of energy and the weak currency for most of the increase.";
    let al = align(a, b, &params());
    check(a, b, &al);
    assert_eq!(al.passages.len(), 1);
    assert_eq!(al.passages[0].kind, PassageKind::Reworded);
    assert_eq!(al.substitutions.len(), 1);
    let s = &al.substitutions[0];
    assert_eq!(
        (s.from.as_str(), s.to.as_str()),
        ("according to", "in line with")
    );
    assert_eq!(&a[s.a.start..s.a.end], "according to");
    assert_eq!(&b[s.b.start..s.b.end], "in line with");
    assert!(s.is_replacement() && !s.is_insertion() && !s.is_deletion());
    assert_eq!(al.coverage_a(), 1.0);
}

#[test]
fn insertion_and_deletion_inside_a_passage() {
    let a = "The council approved the new budget on Tuesday after a long debate about the cost of \
             repairs to the old bridge over the river, officials said.";
    let b = "The council approved the new budget on Tuesday after a very long and bitter debate \
             about the cost of repairs to the bridge over the river, officials said.";
    let al = align(a, b, &params());
    check(a, b, &al);
    assert_eq!(al.passages.len(), 1);
    let edits: Vec<(&str, &str)> = al
        .substitutions
        .iter()
        .map(|s| (s.from.as_str(), s.to.as_str()))
        .collect();
    assert_eq!(edits, vec![("", "very"), ("", "and bitter"), ("old", "")]);
    let ins = &al.substitutions[0];
    assert!(ins.is_insertion() && ins.a.is_empty());
    assert_eq!(
        &a[..ins.a.start],
        "The council approved the new budget on Tuesday after a"
    );
    assert_eq!(&b[ins.b.start..ins.b.end], "very");
    let del = &al.substitutions[2];
    assert!(del.is_deletion() && del.b.is_empty());
    assert_eq!(&a[del.a.start..del.a.end], "old");
    assert_eq!(al.substituted_share(), 0.0);
}

#[test]
fn substitution_at_the_start_and_end_is_reported() {
    let a = "Soldiers crossed the border at dawn and took control of the bridge, the army said on Sunday";
    let b =
        "Troops crossed the border at dawn and took control of the bridge, the army said on Monday";
    let al = align(a, b, &params());
    check(a, b, &al);
    assert_eq!(al.passages.len(), 1);
    assert_eq!(al.coverage_a(), 1.0);
    let edits: Vec<(&str, &str)> = al
        .substitutions
        .iter()
        .map(|s| (s.from.as_str(), s.to.as_str()))
        .collect();
    assert_eq!(edits, vec![("soldiers", "troops"), ("sunday", "monday")]);
}

#[test]
fn unrelated_texts_have_no_passages() {
    for seed in 0..20 {
        let a = prose(&mut Rng(100 + seed), 400);
        let b = prose(&mut Rng(200 + seed), 400);
        let al = align(&a, &b, &params());
        check(&a, &b, &al);
        assert!(al.passages.is_empty(), "seed {seed}: {:#?}", al.passages);
        assert_eq!(al.coverage_a(), 0.0);
        assert_eq!(al.a_unmatched.len(), 1);
        assert_eq!(al.b_unmatched.len(), 1);
    }
}

#[test]
fn a_shared_short_phrase_is_not_a_passage() {
    let a =
        "One of the largest companies in the region said on Monday that it would close a plant.";
    let b =
        "Rain fell for hours and one of the largest crowds of the season left the stadium early.";
    let al = align(a, b, &params());
    check(a, b, &al);
    assert!(al.passages.is_empty());
}

#[test]
fn spans_index_non_ascii_text() {
    let a =
        "« Le ministre a déclaré : “la guerre se terminera bientôt”, selon les médias d’État » — \
             l’économie du pays a reculé de 3 % au deuxième trimestre, d’après l’Institut.";
    let b = "ACCUEIL › MONDE\n« Le ministre a déclaré : “la lutte se terminera bientôt”, selon les médias d’État » — \
             l’économie du pays a reculé de 3 % au deuxième trimestre, d’après l’Institut.";
    let al = align(a, b, &params());
    check(a, b, &al);
    assert_eq!(al.passages.len(), 1);
    let p = &al.passages[0];
    assert!(a.is_char_boundary(p.a.start) && a.is_char_boundary(p.a.end));
    assert_eq!(&a[p.a.start..p.a.end], &a["« ".len()..a.len() - ".".len()]);
    assert!(b[p.b.start..p.b.end].starts_with("Le ministre"));
    assert!(b[p.b.start..p.b.end].ends_with("l’Institut"));
    assert_eq!(al.substitutions.len(), 1);
    let s = &al.substitutions[0];
    assert_eq!((s.from.as_str(), s.to.as_str()), ("guerre", "lutte"));
    assert_eq!(&a[s.a.start..s.a.end], "guerre");
    assert_eq!(&b[s.b.start..s.b.end], "lutte");
    assert_eq!(al.b_unmatched.len(), 1);
    assert_eq!(
        &b[al.b_unmatched[0].start..al.b_unmatched[0].end],
        "ACCUEIL › MONDE"
    );
    // Accents are part of words and case folds: "DÉCLARÉ" matches "déclaré".
    let upper = b.to_uppercase();
    let al2 = align(a, &upper, &params());
    assert_eq!(al2.passages.len(), 1);
    let s = &al2.substitutions[0];
    assert_eq!((s.from.as_str(), s.to.as_str()), ("guerre", "lutte"));
    assert_eq!(&upper[s.b.start..s.b.end], "LUTTE");
}

#[test]
fn substitution_counts_group_and_sort() {
    let a = "The war in the north went on. Officials said the war had cost many lives and the \
             war would go on through the winter, while the army held the northern towns.";
    let b = "The struggle in the north went on. Officials said the struggle had cost many lives and the \
             struggle would go on through the season, while the military held the northern towns.";
    let al = align(a, b, &params());
    check(a, b, &al);
    let counts = al.substitution_counts();
    assert_eq!(
        counts,
        vec![
            ("war".to_string(), "struggle".to_string(), 3),
            ("army".to_string(), "military".to_string(), 1),
            ("winter".to_string(), "season".to_string(), 1),
        ]
    );
}

#[test]
fn empty_and_tiny_texts() {
    let al = align("", "", &params());
    assert!(al.passages.is_empty() && al.a_unmatched.is_empty() && al.b_unmatched.is_empty());
    assert_eq!(
        (al.coverage_a(), al.coverage_b(), al.substituted_share()),
        (0.0, 0.0, 0.0)
    );
    let al = align("", "Some words here.", &params());
    assert_eq!(al.b_unmatched, vec![Span { start: 0, end: 15 }]);
    let al = align("Breaking news", "BREAKING NEWS!", &params());
    assert_eq!(al.passages.len(), 1);
    assert_eq!(al.coverage_b(), 1.0);
    let al = align("... !!", "--", &params());
    assert!(al.passages.is_empty());
}

#[test]
fn repeated_boilerplate_does_not_anchor_elsewhere() {
    // A phrase repeated many times in B (a link list) also occurs once in A.
    let a = prose(&mut Rng(9), 200);
    let links = "Read more from our partners. ".repeat(8);
    let b = format!("{links}{a}{links}");
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.passages.len(), 1);
    assert_eq!(al.coverage_a(), 1.0);
    assert_eq!(al.b_unmatched.len(), 2);
}

#[test]
fn alignment_is_deterministic_and_serialises_spans() {
    let a = prose(&mut Rng(10), 300);
    let (b, _) = spin(&a, 11, 20);
    let x = align(&a, &b, &params());
    let y = align(&a, &b, &params());
    assert_eq!(x, y);
    let mut p = params();
    p.seed = 12345;
    let z = align(&a, &b, &p);
    assert_eq!(x, z, "the result does not depend on the hash seed");
    let json = serde_json::to_value(&x).unwrap();
    let first = &json["passages"][0];
    assert!(first["a"]["start"].is_u64() && first["a"]["end"].is_u64());
    assert_eq!(first["kind"], "reworded");
    assert!(json["substitutions"][0]["from"].is_string());
}

/// Random edits of every kind (swaps, insertions, deletions, moved and
/// repeated stretches, case changes) never break the invariants of
/// [`check`], and a copy with light edits is mostly covered.
#[test]
fn random_edits_keep_the_invariants() {
    let mut rng = Rng(2026);
    for case in 0..150 {
        let len = 40 + rng.below(200);
        let a = prose(&mut rng, len);
        let spans = word_spans(&a);
        let mut words: Vec<String> = spans.iter().map(|&(s, e)| a[s..e].to_string()).collect();
        let edits = rng.below(12);
        for _ in 0..edits {
            let n = words.len();
            let i = rng.below(n);
            match rng.below(6) {
                0 => words[i] = rng.pick(SPIN).to_string(),
                1 => words.insert(i, rng.pick(SPIN).to_string()),
                2 if n > 10 => {
                    words.remove(i);
                }
                3 => {
                    // Move a stretch elsewhere.
                    let len = 1 + rng.below(20).min(n - i - 1);
                    let part: Vec<String> = words.drain(i..i + len).collect();
                    let at = rng.below(words.len() + 1);
                    words.splice(at..at, part);
                }
                4 => {
                    // Repeat a stretch.
                    let len = 1 + rng.below(10).min(n - i - 1);
                    let part: Vec<String> = words[i..i + len].to_vec();
                    words.splice(i..i, part);
                }
                _ => words[i] = words[i].to_uppercase(),
            }
        }
        let b = words.join(if case % 2 == 0 {
            " "
        } else {
            " \u{201c}\u{2014}\u{201d} "
        });
        let al = align(&a, &b, &params());
        check(&a, &b, &al);
        assert_eq!(al, align(&a, &b, &params()));
        if edits <= 3 && al.a_words >= 60 {
            assert!(al.coverage_a() > 0.6, "case {case}: {}", al.coverage_a());
        }
    }
}

/// The text of each unmatched stretch of B.
fn b_unmatched<'t>(b: &'t str, al: &Alignment) -> Vec<&'t str> {
    al.b_unmatched.iter().map(|s| &b[s.start..s.end]).collect()
}

#[test]
fn chrome_between_paragraphs_ends_the_passage() {
    // A one-word "Advertisement" slot or a short "Read more" link between
    // two paragraphs is short enough to bridge, but it is not copied text.
    let mut rng = Rng(40);
    let p: Vec<String> = (0..3).map(|_| prose(&mut rng, 90)).collect();
    let a = p.join("\n\n");
    let b = format!(
        "{}\n\nAdvertisement\n\n{}\n\nRead more: Storm closes the coast road\n\n{}",
        p[0], p[1], p[2]
    );
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.passages.len(), 3, "{:#?}", al.passages);
    assert!(al.substitutions.is_empty(), "{:?}", al.substitutions);
    assert_eq!(al.coverage_a(), 1.0);
    assert_eq!(
        b_unmatched(&b, &al),
        ["Advertisement", "Read more: Storm closes the coast road"]
    );
    // Inside a paragraph, a short insertion stays an edit of the passage.
    let b2 = a.replacen(". ", ". Advertisement. ", 1);
    let al = align(&a, &b2, &params());
    check(&a, &b2, &al);
    assert_eq!(al.passages.len(), 1);
    assert_eq!(al.substitutions.len(), 1);
    assert!(al.substitutions[0].is_insertion());
}

#[test]
fn dropped_paragraph_is_unmatched_where_it_was() {
    // The dropped paragraph ends with the same two words as the one before
    // it, so the deletion could be placed two words earlier; it is placed
    // on the paragraph.
    let mut rng = Rng(41);
    let p0 = format!("{} near Fort Dormouth", prose(&mut rng, 60));
    let dropped = "Analysts struggled to explain the probes near Fort Dormouth";
    let p2 = prose(&mut rng, 90);
    let a = format!("{p0}.\n\n{dropped}.\n\n{p2}");
    let b = format!("{p0}.\n\n{p2}");
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    let un: Vec<&str> = al.a_unmatched.iter().map(|s| &a[s.start..s.end]).collect();
    assert_eq!(un, [dropped]);
    assert_eq!(al.passages.len(), 2);
    assert!(al.substitutions.is_empty(), "{:?}", al.substitutions);
    assert_eq!(al.coverage_b(), 1.0);
}

#[test]
fn passage_does_not_grow_into_a_headline_across_a_dropped_dateline() {
    // The wire text starts with a dateline; the copy drops it, and its
    // headline ends with the place name. The headline is not copied text.
    let body = prose(&mut Rng(42), 200);
    let a = format!("FORT DORMOUTH (Northstar Newswire) - {body}");
    let b = format!("Storm damage counted in Fort Dormouth intercepted conservation\n\n{body}");
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.passages.len(), 1);
    assert_eq!(al.passages[0].kind, PassageKind::Verbatim);
    assert_eq!(
        b_unmatched(&b, &al),
        ["Storm damage counted in Fort Dormouth intercepted conservation"]
    );
    assert_eq!(
        &a[al.a_unmatched[0].start..al.a_unmatched[0].end],
        "FORT DORMOUTH (Northstar Newswire"
    );
}

#[test]
fn credit_line_is_not_chained_to_a_site_footer() {
    // Both texts end with "... 2026 ... All rights reserved": the wire's
    // credit and the site's footer. The shared stock words after a lopsided
    // gap do not extend the passage.
    let body = prose(&mut Rng(43), 200);
    let a = format!("{body}\n\nCopyright 2026 Continental Wire. All rights reserved.");
    let b = format!(
        "{body}\n\nAdvertise | Careers | Site map | Cookie policy\n\u{a9} 2026 The Kessham Tribune \
         Media Group Ltd. All rights reserved."
    );
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert_eq!(al.passages.len(), 1);
    assert!(al.substitutions.is_empty(), "{:?}", al.substitutions);
    assert_eq!(
        &a[al.passages[0].a.start..al.passages[0].a.end],
        body.trim_end_matches('.')
    );
}

#[test]
fn stock_phrases_shared_by_independent_texts_are_not_passages() {
    // Two different articles on one event share names and a few stock
    // sentences of 7 to 11 words: no passage. The same sentence inside a
    // copy (between two edits) is kept.
    let stock = [
        "The Office of the Public Prosecutor did not respond",
        "declined a request for comment on Thursday evening",
        "according to the Ambercourt District Court in Havania",
    ];
    let mut ra = Rng(44);
    let mut rb = Rng(45);
    let mut a = String::new();
    let mut b = String::new();
    for s in stock {
        a.push_str(&format!("{}. {s}. ", prose(&mut ra, 80)));
        b.push_str(&format!("{}. {s}. ", prose(&mut rb, 80)));
    }
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    assert!(al.passages.is_empty(), "{:#?}", al.passages);

    // A copy: the short middle paragraph sits between two edited ones.
    let p0 = prose(&mut Rng(46), 120);
    let p2 = prose(&mut Rng(47), 120);
    let a = format!("{p0}\n\n{}.\n\n{p2}", stock[0]);
    let b = format!(
        "{}\n\n{}.\n\n{}",
        p0.replacen(' ', " very ", 1),
        stock[0],
        p2.replacen(' ', " also ", 1)
    );
    let al = align(&a, &b, &params());
    check(&a, &b, &al);
    let at = a.find(stock[0]).unwrap();
    assert!(
        al.passages
            .iter()
            .any(|p| p.a.start <= at && at + stock[0].len() <= p.a.end),
        "{:#?}",
        al.passages
    );
    assert!(al.coverage_a() > 0.95);
}

#[test]
fn a_prepared_origin_aligns_every_member_as_align_does() {
    let mut rng = Rng(50);
    let origin = (0..4)
        .map(|_| prose(&mut rng, 100))
        .collect::<Vec<_>>()
        .join("\n\n");
    let members = [
        format!("HOME | NEWS\n\n{origin}\n\nShare this"),
        spin(&origin, 51, 30).0,
        origin[..origin.len() / 2].to_string(),
        prose(&mut rng, 300),
        "Too short".to_string(),
    ];
    let p = params();
    let prepared = Prepared::new(&origin, &p);
    assert_eq!(prepared.words(), words(&origin).len());
    for m in &members {
        let got = align_prepared(&prepared, &Prepared::new(m, &p), &p);
        assert_eq!(got, align(&origin, m, &p));
        check(&origin, m, &got);
    }
}
