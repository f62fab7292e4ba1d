//! Unit tests of the generator's parts.

use std::collections::HashSet;

use crate::chrome::{SiteStyle, Thousands};
use crate::lexicon::{lexicon, parse_noun, parse_verb};
use crate::rng::{Rng, Zipf};
use crate::{edits, names, prose, spin, Case, SynthConfig};

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn ngrams(t: &[String], n: usize) -> HashSet<Vec<String>> {
    t.windows(n).map(<[String]>::to_vec).collect()
}

fn jaccard<T: std::hash::Hash + Eq>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let inter = a.intersection(b).count() as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

#[test]
fn rng_is_pinned() {
    // Golden values: the corpus must not change across platforms or
    // refactorings of the generator core.
    let mut r = Rng::new(0);
    let v: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
    let mut r2 = Rng::new(0);
    let v2: Vec<u64> = (0..3).map(|_| r2.next_u64()).collect();
    assert_eq!(v, v2);
    assert_eq!(v[0], 0x99EC_5F36_CB75_F2B4);
    let mut d = Rng::derive(1, 2, 3);
    let mut d2 = Rng::derive(1, 2, 3);
    assert_eq!(d.next_u64(), d2.next_u64());
    assert_ne!(
        Rng::derive(1, 2, 3).next_u64(),
        Rng::derive(1, 2, 4).next_u64()
    );
}

#[test]
fn rng_ranges_and_shuffle() {
    let mut r = Rng::new(5);
    for _ in 0..10_000 {
        let x = r.range(3, 7);
        assert!((3..=7).contains(&x));
        let f = r.f64();
        assert!((0.0..1.0).contains(&f));
        let t = r.triangular(200.0, 500.0, 1200.0);
        assert!((200.0..=1200.0).contains(&t));
    }
    let mut v: Vec<u32> = (0..100).collect();
    r.shuffle(&mut v);
    let mut sorted = v.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..100).collect::<Vec<_>>());
    assert_ne!(v, sorted);
}

#[test]
fn zipf_prefers_low_ranks() {
    let z = Zipf::new(1000, 2.7);
    let mut r = Rng::new(9);
    let mut counts = vec![0u32; 1000];
    for _ in 0..200_000 {
        counts[z.sample(&mut r)] += 1;
    }
    assert!(counts[0] > counts[10]);
    assert!(counts[10] > counts[100]);
    assert!(counts[100] > counts[900]);
    // P(r) ~ 1/(r + 1 + q): rank 0 is 103.7/3.7 = 28x as likely as rank 100.
    let ratio = counts[0] as f64 / counts[100] as f64;
    assert!((20.0..40.0).contains(&ratio), "ratio {ratio}");
}

#[test]
fn lexicon_is_sizeable() {
    let lex = lexicon();
    assert!(lex.lemma_count() >= 3000, "lemmas: {}", lex.lemma_count());
    assert!(
        lex.vocabulary_size() >= 6000,
        "forms: {}",
        lex.vocabulary_size()
    );
    assert!(lex.topics.len() >= 12);
    assert!(
        lex.spin.group_count() >= 300,
        "groups: {}",
        lex.spin.group_count()
    );
    assert!(lex.spin.phrase_count() >= 20);
    assert!(
        prose::template_count() >= 150,
        "templates: {}",
        prose::template_count()
    );
}

#[test]
fn inflections() {
    assert_eq!(parse_noun("soldier").pl, "soldiers");
    assert_eq!(parse_noun("crisis/crises").pl, "crises");
    assert_eq!(parse_noun("city").pl, "cities");
    assert_eq!(parse_noun("day").pl, "days");
    assert_eq!(parse_noun("tax").pl, "taxes");
    assert_eq!(parse_noun("church").pl, "churches");
    assert_eq!(parse_noun("news*").pl, "news");
    assert_eq!(parse_noun("interest_rate").pl, "interest rates");
    let v = parse_verb("stop+");
    assert_eq!(
        (v.s.as_str(), v.past.as_str(), v.ing.as_str()),
        ("stops", "stopped", "stopping")
    );
    let v = parse_verb("make/made");
    assert_eq!(
        (v.past.as_str(), v.pp.as_str(), v.ing.as_str()),
        ("made", "made", "making")
    );
    let v = parse_verb("take/took/taken");
    assert_eq!((v.past.as_str(), v.pp.as_str()), ("took", "taken"));
    let v = parse_verb("carry");
    assert_eq!((v.s.as_str(), v.past.as_str()), ("carries", "carried"));
    assert_eq!(parse_verb("go/went/gone").s, "goes");
    assert_eq!(parse_verb("die").ing, "dying");
    assert_eq!(parse_verb("agree/agreed").ing, "agreeing");
    assert_eq!(parse_verb("look_for").past, "looked for");
    assert_eq!(parse_verb("begin+/began/begun").ing, "beginning");
}

#[test]
fn names_are_not_vocabulary() {
    let lex = lexicon();
    for n in lex
        .first_f
        .iter()
        .chain(lex.first_m.iter())
        .chain(lex.surnames.iter())
    {
        let l = n.to_lowercase();
        assert!(
            !lex.is_known_content(&l) && !lex.is_function_word(&l),
            "name {n} is also a vocabulary word"
        );
    }
}

#[test]
fn dates() {
    let d = names::days_from_civil(2026, 3, 14);
    assert_eq!(names::civil_from_days(d), (2026, 3, 14));
    assert_eq!(names::WEEKDAYS[names::weekday(d)], "Saturday");
    assert_eq!(names::days_from_civil(1970, 1, 1), 0);
    assert_eq!(
        names::iso_timestamp(d * 1440 + 9 * 60 + 30),
        "2026-03-14T09:30:00Z"
    );
    for z in (-1000..30_000).step_by(37) {
        let (y, m, dd) = names::civil_from_days(z);
        assert_eq!(names::days_from_civil(y, m, dd), z);
    }
}

#[test]
fn number_formats() {
    assert_eq!(names::thousands(12_000), "12,000");
    assert_eq!(names::thousands(1_234_567), "1,234,567");
    assert_eq!(names::thousands(999), "999");
    let t = "Some 12,000 people and 1,234,567 euros, 4.5 percent, in 2019, 1,2345.";
    assert_eq!(
        edits::reformat_thousands(t, Thousands::Space),
        "Some 12 000 people and 1 234 567 euros, 4.5 percent, in 2019, 1,2345."
    );
    assert_eq!(
        edits::reformat_thousands("12,000", Thousands::Nbsp),
        "12\u{a0}000"
    );
}

#[test]
fn house_style() {
    let t = "Officials said on Saturday that talks on Monday failed. On Sunday, \"it's over\", he said.";
    let style = SiteStyle {
        drop_on_weekday: true,
        thousands: Thousands::Comma,
        curly_quotes: true,
        keep_dateline: 1.0,
    };
    assert_eq!(
        edits::apply_style(t, &style),
        "Officials said Saturday that talks Monday failed. On Sunday, \u{201c}it\u{2019}s over\u{201d}, he said."
    );
}

#[test]
fn typos_change_words() {
    let mut paras = vec![
        "The committee reported considerable progress yesterday.".to_string(),
        "Residents welcomed the announcement.".to_string(),
    ];
    let before = paras.clone();
    let mut r = Rng::new(3);
    let done = edits::add_typos(&mut paras, 3, &mut r);
    assert_eq!(done.len(), 3);
    assert_ne!(paras, before);
    for (orig, typo) in &done {
        assert_ne!(orig, typo);
        assert!(orig.len() >= 5);
    }
}

#[test]
fn spinner_handles_inflections_phrases_and_names() {
    let mut r = Rng::new(11);
    let text = "According to Ana Kovar, the soldiers warned residents in Halverston on Saturday. \
                12,000 people were evacuated.";
    let out = spin::spin_text(text, 1.0, &mut r);
    let subs: Vec<(&str, &str)> = out
        .substitutions
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert!(subs.iter().any(|(f, _)| *f == "According to"), "{subs:?}");
    let soldiers = subs
        .iter()
        .find(|(f, _)| *f == "soldiers")
        .expect("soldiers swapped");
    assert!(
        ["troopers", "servicemen"].contains(&soldiers.1),
        "soldiers -> {}",
        soldiers.1
    );
    assert!(subs.iter().any(|(f, _)| *f == "warned"));
    for kept in ["Ana Kovar", "Halverston", "Saturday", "12,000"] {
        assert!(out.text.contains(kept), "{kept} must survive: {}", out.text);
    }
    // Capitalisation follows the original.
    assert!(out.text.starts_with(|c: char| c.is_uppercase()));
    // Every replacement is in the output, in order.
    let mut pos = 0;
    for (_, to) in &out.substitutions {
        let i = out.text[pos..]
            .find(to.as_str())
            .expect("replacement present");
        pos += i + to.len();
    }
}

#[test]
fn spinner_meets_the_rate() {
    let mut r = Rng::new(21);
    for k in 0..20 {
        let ev = prose::new_event(&mut r, 20_500 + k);
        let art = prose::Writer::new(&ev, r.fork(), "Test").article(500);
        let text = art.paragraphs.join("\n\n");
        for rate in [0.15, 0.30, 0.45] {
            let out = spin::spin_text(&text, rate, &mut r);
            assert_eq!(out.content_words, spin::content_word_count(&text));
            let target = (rate * out.content_words as f64 + 0.5).floor() as usize;
            assert_eq!(out.substitutions.len(), target, "rate {rate}");
            assert_ne!(out.text, text);
        }
        // Rate zero is the identity.
        assert_eq!(spin::spin_text(&text, 0.0, &mut r).text, text);
    }
}

#[test]
fn articles_share_facts_not_sentences() {
    let mut r = Rng::new(99);
    let (mut same5, mut same1, mut diff5, mut diff1) = (0.0, 0.0, 0.0, 0.0);
    let n = 30;
    for k in 0..n {
        let e1 = prose::new_event(&mut r, 20_000 + k);
        let e2 = prose::new_event(&mut r, 20_000 + k);
        let a = prose::Writer::new(&e1, r.fork(), "A").article(600);
        let b = prose::Writer::new(&e1, r.fork(), "B").article(600);
        let c = prose::Writer::new(&e2, r.fork(), "C").article(600);
        let ta = tokens(&a.paragraphs.join("\n\n"));
        let tb = tokens(&b.paragraphs.join("\n\n"));
        let tc = tokens(&c.paragraphs.join("\n\n"));
        assert!(ta.len() >= 550, "article length {}", ta.len());
        same5 += jaccard(&ngrams(&ta, 5), &ngrams(&tb, 5));
        same1 += jaccard(&ngrams(&ta, 1), &ngrams(&tb, 1));
        diff5 += jaccard(&ngrams(&ta, 5), &ngrams(&tc, 5));
        diff1 += jaccard(&ngrams(&ta, 1), &ngrams(&tc, 1));
    }
    let n = n as f64;
    let (same5, same1, diff5, diff1) = (same5 / n, same1 / n, diff5 / n, diff1 / n);
    assert!(same5 < 0.06, "same-event 5-gram Jaccard {same5}");
    assert!(diff5 < 0.01, "unrelated 5-gram Jaccard {diff5}");
    assert!(same1 > 0.25, "same-event 1-gram Jaccard {same1}");
    assert!(same1 > diff1 + 0.06, "same {same1} vs unrelated {diff1}");
}

#[test]
fn prose_uses_a_and_an() {
    let mut r = Rng::new(5);
    let mut text = String::new();
    for k in 0..20 {
        let ev = prose::new_event(&mut r, 20_000 + k);
        text.push_str(
            &prose::Writer::new(&ev, r.fork(), "X")
                .article(800)
                .paragraphs
                .join(" "),
        );
    }
    let toks: Vec<&str> = text.split_whitespace().collect();
    let mut checked = 0;
    for w in toks.windows(2) {
        let next = w[1].trim_start_matches('"');
        let Some(c) = next.chars().next() else {
            continue;
        };
        if !c.is_ascii_lowercase() {
            continue;
        }
        let vowel = "aeio".contains(c);
        if w[0] == "a" && vowel {
            panic!("'a {next}'");
        }
        if w[0] == "an" && !vowel && c != 'u' && c != 'h' {
            panic!("'an {next}'");
        }
        checked += 1;
    }
    assert!(checked > 1000);
}

#[test]
fn case_labels_round_trip() {
    for c in Case::ALL_BASIC
        .iter()
        .copied()
        .chain([Case::Spun(15), Case::Spun(30), Case::Spun(45)])
    {
        assert_eq!(Case::parse(&c.label()), Some(c));
    }
    assert_eq!(Case::parse("spun30"), Some(Case::Spun(30)));
    assert_eq!(Case::parse("nonsense"), None);
    assert!(Case::Syndicated.is_duplicate());
    assert!(!Case::HardNegative.is_duplicate());
}

#[test]
fn invalid_configs_are_rejected() {
    let mut sink = Vec::new();
    let mut bad = SynthConfig::small(1);
    bad.sites = 0;
    assert!(crate::generate(&bad, &mut sink, &mut Vec::new(), &mut Vec::new()).is_err());
    let mut bad = SynthConfig::small(1);
    bad.copies_per_story = (3, 1);
    assert!(crate::generate(&bad, &mut sink, &mut Vec::new(), &mut Vec::new()).is_err());
    let mut bad = SynthConfig::small(1);
    bad.spin_rates.clear();
    assert!(crate::generate(&bad, &mut sink, &mut Vec::new(), &mut Vec::new()).is_err());
}

#[test]
fn max_docs_and_small_window() {
    let mut cfg = SynthConfig::small(8);
    cfg.max_docs = Some(40);
    cfg.shuffle_window = 4;
    let (mut c, mut t, mut s) = (Vec::new(), Vec::new(), Vec::new());
    let stats = crate::generate(&cfg, &mut c, &mut t, &mut s).unwrap();
    assert!((40..60).contains(&stats.docs), "docs {}", stats.docs);
    let lines = c.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count() as u64;
    assert_eq!(lines, stats.docs);
    assert_eq!(stats.bytes, c.len() as u64);
    // Truth has a header plus one row per document.
    let rows = t.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count() as u64;
    assert_eq!(rows, stats.docs + 1);
}

#[test]
fn expected_shares_sum_to_one() {
    let cfg = SynthConfig::with_target_bytes(1, 1);
    let total: f64 = cfg.expected_shares().iter().map(|(_, s)| s).sum();
    assert!((total - 1.0).abs() < 1e-9, "{total}");
}

#[test]
fn reused_passages_follow_join_blocks_and_merge_neighbours() {
    use crate::{join_blocks, reused_passages, Prov};
    // Source "P0\n\nP1\n\nP2": P0 0..5, P1 7..12, P2 14..19.
    let (header, title) = ("HEAD", "Title");
    let body = "alpha\n\nbravo\n\nlocal\n\ncharl";
    let blocks = [
        (header, Prov::None),
        ("", Prov::None), // empty blocks are skipped by join_blocks
        (title, Prov::None),
        (
            body,
            Prov::Paras(vec![Some((0, 5)), Some((7, 12)), None, Some((14, 19))]),
        ),
        ("Advertisement", Prov::None),
        ("delta", Prov::Whole(21, 26)),
    ];
    let text = join_blocks(&blocks.iter().map(|b| b.0).collect::<Vec<_>>());
    let ps = reused_passages(&blocks);
    // P0 and P1 are consecutive in both texts: one passage. The added
    // "local" paragraph splits; chrome splits.
    assert_eq!(
        ps,
        vec![[13, 25, 0, 12], [34, 39, 14, 19], [56, 61, 21, 26]]
    );
    assert_eq!(&text[13..25], "alpha\n\nbravo");
    assert_eq!(&text[34..39], "charl");
    assert_eq!(&text[56..61], "delta");
}
