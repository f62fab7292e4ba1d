// Integration tests of the synthetic corpus generator (`neardup_synth`).
//
// They check what the benchmarks and the evaluation rely on: determinism,
// complete and consistent ground truth, well-formed JSON Lines, the mix of
// cases, the similarity structure (syndicated copies are close to their
// origin, hard negatives share words but not phrases), the spin log, and
// the byte target.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use neardup_synth::{generate, generate_all, parse_truth, SynthConfig, SynthStats, TruthRow};

struct Doc {
    title: String,
    text: String,
    date: String,
    source: String,
    has_url: bool,
}

struct Corpus {
    cfg: SynthConfig,
    stats: SynthStats,
    corpus: Vec<u8>,
    truth: Vec<u8>,
    spin: Vec<u8>,
    alignment: Vec<u8>,
    ids: Vec<String>,
    docs: HashMap<String, Doc>,
    rows: Vec<TruthRow>,
    events: HashMap<String, String>,
}

fn build(cfg: SynthConfig) -> Corpus {
    let (mut corpus, mut truth, mut spin, mut events, mut alignment) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let stats = generate_all(
        &cfg,
        &mut corpus,
        &mut truth,
        &mut spin,
        &mut events,
        &mut alignment,
    )
    .expect("generation succeeds");
    let text = std::str::from_utf8(&corpus).expect("corpus is UTF-8");
    let mut ids = Vec::new();
    let mut docs = HashMap::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        ids.push(s("id"));
        docs.insert(
            s("id"),
            Doc {
                title: s("title"),
                text: s("text"),
                date: s("date"),
                source: s("source"),
                has_url: v.get("url").is_some() || v.get("source").is_some(),
            },
        );
    }
    let rows = parse_truth(
        std::str::from_utf8(&truth).expect("truth is UTF-8"),
        "truth.tsv",
    )
    .expect("truth parses");
    let events_text = String::from_utf8(events).expect("events are UTF-8");
    let mut lines = events_text.lines();
    assert_eq!(lines.next(), Some("id\tevent"));
    let events = lines
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("two columns");
            (a.to_string(), b.to_string())
        })
        .collect();
    Corpus {
        cfg,
        stats,
        corpus,
        truth,
        spin,
        alignment,
        ids,
        docs,
        rows,
        events,
    }
}

fn small() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| build(SynthConfig::small(7)))
}

fn medium() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| build(SynthConfig::with_target_bytes(11, 6_000_000)))
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(s: &str, n: usize) -> HashSet<Vec<String>> {
    tokens(s).windows(n).map(<[String]>::to_vec).collect()
}

fn jaccard(a: &HashSet<Vec<String>>, b: &HashSet<Vec<String>>) -> f64 {
    let inter = a.intersection(b).count() as f64;
    let union = (a.len() + b.len()) as f64 - inter;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

/// (5-gram Jaccard, 1-gram Jaccard) of every document of `case` against
/// its story's origin.
fn similarity_to_origin(c: &Corpus, case: &str) -> Vec<(f64, f64)> {
    c.rows
        .iter()
        .filter(|r| r.case == case)
        .map(|r| {
            let origin = &c.docs[&c.events[&r.id]].text;
            let doc = &c.docs[&r.id].text;
            (
                jaccard(&shingles(doc, 5), &shingles(origin, 5)),
                jaccard(&shingles(doc, 1), &shingles(origin, 1)),
            )
        })
        .collect()
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    assert!(!v.is_empty());
    v.iter().sum::<f64>() / v.len() as f64
}

#[test]
fn same_seed_gives_identical_bytes_and_other_seeds_differ() {
    let a = small();
    let b = build(SynthConfig::small(7));
    assert!(a.corpus == b.corpus, "corpus differs for the same seed");
    assert!(a.truth == b.truth, "truth differs for the same seed");
    assert!(a.spin == b.spin, "spin log differs for the same seed");
    assert_eq!(a.stats, b.stats);

    // The plain entry point writes the same three streams.
    let (mut c, mut t, mut s) = (Vec::new(), Vec::new(), Vec::new());
    let stats = generate(&SynthConfig::small(7), &mut c, &mut t, &mut s).unwrap();
    assert_eq!(stats, a.stats);
    assert!(c == a.corpus && t == a.truth && s == a.spin);

    let other = build(SynthConfig::small(8));
    assert!(other.corpus != a.corpus);
    assert!(other.truth != a.truth);
    let shared: usize = other
        .docs
        .values()
        .filter(|d| a.docs.values().any(|x| x.text == d.text))
        .count();
    assert_eq!(shared, 0, "different seeds share document texts");
}

#[test]
fn truth_covers_every_id_exactly_once() {
    for c in [small(), medium()] {
        let unique: HashSet<&String> = c.ids.iter().collect();
        assert_eq!(unique.len(), c.ids.len(), "duplicate ids in the corpus");
        assert_eq!(c.rows.len(), c.ids.len(), "one truth row per document");
        let truth_ids: Vec<&String> = c.rows.iter().map(|r| &r.id).collect();
        let truth_set: HashSet<&String> = truth_ids.iter().copied().collect();
        assert_eq!(
            truth_set.len(),
            truth_ids.len(),
            "an id appears twice in truth"
        );
        assert_eq!(truth_set, unique);
        // Truth rows follow corpus order.
        assert!(truth_ids.iter().zip(&c.ids).all(|(a, b)| *a == b));
        assert_eq!(c.events.len(), c.ids.len());

        let case_of: HashMap<&str, &str> = c
            .rows
            .iter()
            .map(|r| (r.id.as_str(), r.case.as_str()))
            .collect();
        let mut origins_per_cluster: HashMap<&str, usize> = HashMap::new();
        for r in &c.rows {
            match r.case.as_str() {
                "origin" | "hard_negative" | "unique" => {
                    assert_eq!(r.cluster, r.id, "{} is its own cluster", r.case)
                }
                "exact" | "syndicated" | "truncated" | "boilerplate" | "spun15" | "spun30"
                | "spun45" => {
                    assert_eq!(
                        case_of.get(r.cluster.as_str()),
                        Some(&"origin"),
                        "cluster of {} is an origin",
                        r.id
                    );
                    assert_eq!(c.events[&r.id], r.cluster);
                }
                other => panic!("unknown case {other}"),
            }
            if r.case == "origin" {
                *origins_per_cluster.entry(&r.cluster).or_default() += 1;
            }
            if r.case == "hard_negative" {
                assert_eq!(case_of.get(c.events[&r.id].as_str()), Some(&"origin"));
            }
        }
        assert!(origins_per_cluster.values().all(|n| *n == 1));
        let clusters: HashSet<&String> = c.rows.iter().map(|r| &r.cluster).collect();
        assert_eq!(clusters.len() as u64, c.stats.clusters);
    }
}

#[test]
fn every_line_is_json_with_the_six_fields() {
    let c = small();
    let text = std::str::from_utf8(&c.corpus).unwrap();
    assert!(text.ends_with('\n'));
    let mut words = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let obj = v.as_object().expect("a JSON object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["date", "id", "source", "text", "title", "url"]);
        for (k, val) in obj {
            let s = val.as_str().unwrap_or_else(|| panic!("{k} is a string"));
            assert!(!s.trim().is_empty(), "{k} is empty");
        }
        let date = obj["date"].as_str().unwrap();
        let b = date.as_bytes();
        assert_eq!(b.len(), 20, "{date}");
        assert!(
            date.starts_with("2026-") && date.ends_with(":00Z") && b[10] == b'T',
            "{date}"
        );
        let url = obj["url"].as_str().unwrap();
        assert!(url.starts_with("https://") && !url.contains(' '), "{url}");
        let id = obj["id"].as_str().unwrap();
        let (site, num) = id.split_once('/').expect("id is site/number");
        assert!(site.starts_with("site") || site.starts_with("wire"));
        assert!(num.len() == 6 && num.bytes().all(|d| d.is_ascii_digit()));
        let body = obj["text"].as_str().unwrap();
        assert!(
            body.contains("\n\n"),
            "paragraphs are separated by blank lines"
        );
        assert!(!body.contains("\n\n\n"));
        words.push(body.split_whitespace().count());
    }
    let avg = words.iter().sum::<usize>() as f64 / words.len() as f64;
    assert!((350.0..1000.0).contains(&avg), "mean words per doc {avg}");
    assert!(words.iter().all(|w| (100..2500).contains(w)));
    // About 300 documents in the small corpus.
    assert!(
        (240..=380).contains(&c.ids.len()),
        "small corpus has {} docs",
        c.ids.len()
    );
}

#[test]
fn lines_are_shuffled_not_grouped_by_cluster() {
    let c = small();
    let adjacent_same = c
        .rows
        .windows(2)
        .filter(|w| w[0].cluster == w[1].cluster)
        .count();
    // A story has about five documents among ~300; grouped output would put
    // most of them next to each other.
    assert!(
        adjacent_same < c.rows.len() / 10,
        "{adjacent_same} adjacent pairs share a cluster"
    );
}

#[test]
fn case_shares_are_within_expected_bounds() {
    let c = medium();
    let n = c.rows.len() as f64;
    assert!(n > 800.0, "{n} docs");
    let mut counts: HashMap<&str, f64> = HashMap::new();
    for r in &c.rows {
        *counts.entry(r.case.as_str()).or_default() += 1.0;
    }
    for (case, p) in c.cfg.expected_shares() {
        let observed = counts.get(case.as_str()).copied().unwrap_or(0.0) / n;
        // Stories are drawn as units, so allow about four binomial
        // standard deviations (inflated for the clustering) plus 1%.
        let tol = 4.0 * (p * (1.0 - p) / n).sqrt() * 2.0 + 0.01;
        assert!(
            (observed - p).abs() <= tol,
            "{case}: observed {observed:.3}, expected {p:.3} +- {tol:.3}"
        );
    }
    let known = [
        "origin",
        "exact",
        "syndicated",
        "truncated",
        "boilerplate",
        "spun15",
        "spun30",
        "spun45",
        "hard_negative",
        "unique",
    ];
    assert!(counts.keys().all(|k| known.contains(k)));
    assert!(
        known.iter().all(|k| counts.contains_key(k)),
        "every case occurs"
    );
}

#[test]
fn origins_are_the_earliest_wire_copies() {
    let c = small();
    let mut earliest: HashMap<&str, &str> = HashMap::new();
    for r in &c.rows {
        let d = c.docs[&r.id].date.as_str();
        let e = earliest.entry(r.cluster.as_str()).or_insert(d);
        if d < *e {
            *e = d;
        }
    }
    for r in c.rows.iter().filter(|r| r.case == "origin") {
        let doc = &c.docs[&r.id];
        assert_eq!(
            earliest[r.cluster.as_str()],
            doc.date.as_str(),
            "origin {} is earliest",
            r.id
        );
        assert!(r.id.starts_with("wire"));
        let first = doc.text.lines().next().unwrap();
        let credit = format!("({}) ", doc.source);
        let at = first
            .find(&credit)
            .unwrap_or_else(|| panic!("dateline with credit: {first}"));
        let place = &first[..at];
        assert!(
            !place.is_empty() && place.chars().all(|ch| !ch.is_lowercase()),
            "upper-case place: {place}"
        );
    }
}

#[test]
fn exact_copies_are_identical() {
    let c = small();
    let mut n = 0;
    for r in c.rows.iter().filter(|r| r.case == "exact") {
        assert_eq!(c.docs[&r.id].text, c.docs[&r.cluster].text);
        assert_ne!(c.docs[&r.id].source, c.docs[&r.cluster].source);
        n += 1;
    }
    assert!(n > 0);
}

#[test]
fn syndicated_copies_are_close_to_their_origin() {
    let c = medium();
    let sims = similarity_to_origin(c, "syndicated");
    let m = mean(sims.iter().map(|s| s.0));
    assert!(m > 0.5, "mean 5-gram Jaccard syndicated vs origin {m}");
    let low = sims.iter().filter(|s| s.0 < 0.35).count();
    assert!(
        low * 20 <= sims.len(),
        "{low} of {} syndicated copies below 0.35",
        sims.len()
    );
    // Copies carry their own site's chrome and edits: never verbatim.
    assert!(sims.iter().all(|s| s.0 < 0.98));
    for r in c.rows.iter().filter(|r| r.case == "syndicated") {
        assert_ne!(
            c.docs[&r.id].title, c.docs[&r.cluster].title,
            "new headline"
        );
    }
}

#[test]
fn hard_negatives_share_words_but_not_phrases() {
    let c = medium();
    let sims = similarity_to_origin(c, "hard_negative");
    assert!(sims.len() > 50);
    for (j5, _) in &sims {
        assert!(*j5 < 0.1, "hard negative 5-gram Jaccard {j5}");
    }
    let m1 = mean(sims.iter().map(|s| s.1));
    assert!(m1 > 0.2, "hard negative 1-gram Jaccard {m1}");
    // Same-event articles share more words than unrelated ones.
    let origins: Vec<&TruthRow> = c
        .rows
        .iter()
        .filter(|r| r.case == "origin")
        .take(60)
        .collect();
    let mut unrelated = Vec::new();
    for w in origins.windows(2) {
        let a = &c.docs[&w[0].id].text;
        let b = &c.docs[&w[1].id].text;
        unrelated.push((
            jaccard(&shingles(a, 5), &shingles(b, 5)),
            jaccard(&shingles(a, 1), &shingles(b, 1)),
        ));
    }
    let u1 = mean(unrelated.iter().map(|s| s.1));
    let u5 = mean(unrelated.iter().map(|s| s.0));
    assert!(m1 > u1 + 0.03, "same-event {m1} vs unrelated {u1}");
    assert!(u5 < 0.01, "unrelated wire stories share 5-grams: {u5}");
}

#[test]
fn other_copy_cases_keep_most_of_the_story() {
    let c = medium();
    for case in ["truncated", "boilerplate"] {
        let sims = similarity_to_origin(c, case);
        let m = mean(sims.iter().map(|s| s.0));
        assert!((0.3..0.8).contains(&m), "{case}: mean 5-gram Jaccard {m}");
    }
    for r in c.rows.iter().filter(|r| r.case == "boilerplate") {
        let t = &c.docs[&r.id].text;
        assert!(
            t.contains("Advertisement") && t.contains("Accept all"),
            "heavy chrome in {}",
            r.id
        );
    }
}

#[test]
fn spin_log_matches_spun_documents() {
    let c = medium();
    let log = std::str::from_utf8(&c.spin).unwrap();
    let spun: HashMap<&str, &TruthRow> = c
        .rows
        .iter()
        .filter(|r| r.case.starts_with("spun"))
        .map(|r| (r.id.as_str(), r))
        .collect();
    assert!(spun.len() >= 20);
    let mut seen = HashSet::new();
    let mut by_rate: HashMap<String, Vec<f64>> = HashMap::new();
    for line in log.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        assert!(seen.insert(id.to_string()), "one log line per spun doc");
        let row = spun.get(id).unwrap_or_else(|| panic!("{id} is a spun doc"));
        let source = v["source_id"].as_str().unwrap();
        assert_eq!(source, row.cluster);
        let rate = v["rate"].as_f64().unwrap();
        assert_eq!(row.case, format!("spun{}", (rate * 100.0).round() as u32));
        let subs = v["substitutions"].as_array().unwrap();
        let content = v["content_words"].as_f64().unwrap();
        assert!(content > 100.0);
        let share = subs.len() as f64 / content;
        assert!(
            (share - rate).abs() < 0.02,
            "{id}: {} swaps of {content} content words at rate {rate}",
            subs.len()
        );
        // Every swap is real: `from` is in the origin, `to` in the spun text.
        let origin = &c.docs[source].text;
        let text = &c.docs[id].text;
        let mut pos = 0;
        for pair in subs {
            let pair = pair.as_array().unwrap();
            let (from, to) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            assert_ne!(from.to_lowercase(), to.to_lowercase());
            assert!(origin.contains(from), "{from} in origin");
            let at = text[pos..]
                .find(to)
                .unwrap_or_else(|| panic!("{to} in spun text after byte {pos}"));
            pos += at + to.len();
        }
        let j5 = jaccard(&shingles(text, 5), &shingles(origin, 5));
        by_rate.entry(row.case.clone()).or_default().push(j5);
    }
    assert_eq!(seen.len(), spun.len(), "every spun doc is logged");
    let m = |k: &str| mean(by_rate[k].iter().copied());
    assert!(
        m("spun15") > m("spun30") && m("spun30") > m("spun45"),
        "{} {} {}",
        m("spun15"),
        m("spun30"),
        m("spun45")
    );
    assert!(m("spun15") > 0.3 && m("spun45") < 0.25);
}

#[test]
fn target_bytes_is_respected() {
    for (seed, target) in [(1u64, 400_000u64), (2, 2_500_000)] {
        let mut cfg = SynthConfig::with_target_bytes(seed, target);
        cfg.sites = 20;
        let (mut c, mut t, mut s) = (Vec::new(), Vec::new(), Vec::new());
        let stats = generate(&cfg, &mut c, &mut t, &mut s).unwrap();
        assert_eq!(stats.bytes, c.len() as u64);
        assert_eq!(stats.docs, c.iter().filter(|b| **b == b'\n').count() as u64);
        let ratio = stats.bytes as f64 / target as f64;
        assert!(
            (0.9..=1.1).contains(&ratio),
            "target {target}, wrote {}",
            stats.bytes
        );
    }
    let c = small();
    assert_eq!(c.stats.bytes, c.corpus.len() as u64);
    assert_eq!(c.stats.docs, c.ids.len() as u64);
}

/// True when byte `i` of `t` starts a paragraph (text start or after a blank line).
fn para_start(t: &str, i: usize) -> bool {
    i == 0 || t[..i].ends_with("\n\n")
}

/// True when byte `i` of `t` ends a paragraph (text end or before a blank line).
fn para_end(t: &str, i: usize) -> bool {
    i == t.len() || t[i..].starts_with("\n\n")
}

#[test]
fn alignment_truth_covers_every_copy_with_paragraph_spans() {
    let c = medium();
    let text = std::str::from_utf8(&c.alignment).unwrap();
    let recs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // One record per copy and hard negative, in corpus order.
    let expected: Vec<&str> = c
        .rows
        .iter()
        .filter(|r| !matches!(r.case.as_str(), "origin" | "unique"))
        .map(|r| r.id.as_str())
        .collect();
    let got: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(got, expected);
    let case_of: HashMap<&str, &TruthRow> = c.rows.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut per_case: HashMap<String, usize> = HashMap::new();
    for r in &recs {
        let id = r["id"].as_str().unwrap();
        let src_id = r["source_id"].as_str().unwrap();
        let row = case_of[id];
        let case = r["case"].as_str().unwrap();
        assert_eq!(case, row.case);
        assert_eq!(src_id, c.events[id], "the source is the story's origin");
        *per_case.entry(case.to_string()).or_default() += 1;
        let copy = &c.docs[id];
        let source = &c.docs[src_id].text;
        let ps: Vec<[usize; 4]> = r["passages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let v: Vec<usize> = p
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_u64().unwrap() as usize)
                    .collect();
                [v[0], v[1], v[2], v[3]]
            })
            .collect();
        if case == "hard_negative" {
            assert!(ps.is_empty());
            continue;
        }
        assert!(!ps.is_empty(), "{id}: a copy has passages");
        let mut prev_end = 0;
        let mut src_spans = Vec::new();
        for &[cs, ce, ss, se] in &ps {
            assert!(
                prev_end <= cs && cs < ce && ce <= copy.text.len(),
                "{id}: {ps:?}"
            );
            assert!(ss < se && se <= source.len());
            prev_end = ce;
            src_spans.push((ss, se));
            let (cp, sp) = (&copy.text[cs..ce], &source[ss..se]);
            // Whole paragraphs on both sides.
            assert!(
                para_start(&copy.text, cs) && para_end(&copy.text, ce),
                "{id}: {cp:?}"
            );
            assert!(para_start(source, ss) || source[..ss].ends_with(' '));
            assert!(para_end(source, se), "{id}: {sp:?}");
            // The headline is not copied text.
            if let Some(at) = copy.text.find(&copy.title) {
                assert!(
                    at + copy.title.len() <= cs || at >= ce,
                    "{id}: headline in a passage"
                );
            }
            let (tc, ts) = (tokens(cp), tokens(sp));
            match case {
                "exact" => {
                    assert_eq!(ps, vec![[0, copy.text.len(), 0, source.len()]]);
                    assert_eq!(cp, sp);
                }
                "boilerplate" => assert_eq!(cp, sp, "{id}: wrapped copies are not edited"),
                "syndicated" | "truncated" => {
                    // Typos and house style change a few words only.
                    let mut left: HashMap<&str, usize> = HashMap::new();
                    for w in &tc {
                        *left.entry(w.as_str()).or_default() += 1;
                    }
                    let kept = ts
                        .iter()
                        .filter(|w| match left.get_mut(w.as_str()) {
                            Some(n) if *n > 0 => {
                                *n -= 1;
                                true
                            }
                            _ => false,
                        })
                        .count();
                    let lost = ts.len() - kept;
                    assert!(lost <= 3.max(ts.len() / 10), "{id}: {cp:?} vs {sp:?}");
                    assert!(tc.len().abs_diff(ts.len()) * 10 <= ts.len() + 10);
                }
                _ => {
                    // Spun: one passage, the whole rewritten body against the
                    // origin's body (after the dateline).
                    assert_eq!(ps.len(), 1);
                    assert!(ss > 0, "the dateline is not spun text");
                    assert_eq!(cp.matches("\n\n").count(), sp.matches("\n\n").count());
                    assert!(tc.len().abs_diff(ts.len()) * 10 <= ts.len(), "{id}");
                }
            }
        }
        src_spans.sort_unstable();
        for w in src_spans.windows(2) {
            assert!(w[0].1 < w[1].0, "{id}: source spans overlap");
        }
    }
    for case in [
        "exact",
        "syndicated",
        "truncated",
        "boilerplate",
        "hard_negative",
    ] {
        assert!(
            per_case.get(case).copied().unwrap_or(0) >= 10,
            "{case}: {per_case:?}"
        );
    }
}

/// FNV-1a over all four outputs, each length-prefixed.
fn fingerprint(c: &Corpus) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [&c.corpus, &c.truth, &c.spin, &c.alignment] {
        for b in (part.len() as u64).to_le_bytes().iter().chain(part.iter()) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

// The value was computed on the generator before traps existed: without a
// trap option the output must not move by a byte (benchmarks and docs use
// `--mb 100 --seed 7`).
#[test]
fn default_output_is_unchanged_by_the_trap_code() {
    assert_eq!(
        fingerprint(small()),
        16_501_663_283_362_816_969,
        "fingerprint of SynthConfig::small(7)"
    );
}

// ---------------------------------------------------------------------
// Traps (`neardup generate --traps`, `--preset real-traps`)
// ---------------------------------------------------------------------

use neardup_synth::trap_text::{literals, AMERICAN_SPELLINGS, PAGE_TEMPLATES};

fn trapped() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let mut cfg = SynthConfig::real_traps(5);
        cfg.target_bytes = 2_000_000;
        build(cfg)
    })
}

fn rows_of<'a>(c: &'a Corpus, case: &'a str) -> impl Iterator<Item = &'a TruthRow> + 'a {
    c.rows.iter().filter(move |r| r.case == case)
}

/// (source_id, passages) of every alignment-truth line.
fn alignment_of(c: &Corpus) -> HashMap<String, (String, Vec<[usize; 4]>)> {
    std::str::from_utf8(&c.alignment)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let passages = v["passages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let n: Vec<usize> = p
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_u64().unwrap() as usize)
                        .collect();
                    [n[0], n[1], n[2], n[3]]
                })
                .collect();
            (
                v["id"].as_str().unwrap().to_string(),
                (v["source_id"].as_str().unwrap().to_string(), passages),
            )
        })
        .collect()
}

fn spun_ids(c: &Corpus) -> HashSet<String> {
    std::str::from_utf8(&c.spin)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn traps_are_deterministic_and_label_every_trap_with_a_spun_column() {
    let c = trapped();
    let mut cfg = SynthConfig::real_traps(5);
    cfg.target_bytes = 2_000_000;
    assert_eq!(build(cfg).corpus, c.corpus, "same seed, same bytes");
    let cases: HashSet<&str> = c.rows.iter().map(|r| r.case.as_str()).collect();
    for label in [
        "small_site_chrome",
        "no_url",
        "short_notice",
        "short_notice_host",
        "templated",
        "house_style",
        "shared_quote",
        "updated_version",
        "wide_wire",
        "one_page_wire",
    ] {
        assert!(cases.contains(label), "no {label} rows");
    }
    // The spun column says spinner output and nothing else; it agrees
    // with the case and with the spin log.
    let logged = spun_ids(c);
    for r in &c.rows {
        let spun = r.spun.expect("a spun column with traps on");
        assert_eq!(spun, r.case.starts_with("spun"), "{}: {}", r.id, r.case);
        assert_eq!(spun, logged.contains(&r.id), "{}: spin log", r.id);
    }
}

/// Words of the longest common prefix and suffix of two texts (in words).
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let most = a.len().min(b.len());
    (pre.min(most), suf.min(most - pre.min(most)))
}

#[test]
fn small_site_pages_share_over_300_words_of_chrome_around_different_stories() {
    let c = trapped();
    let mut by_site: HashMap<&str, Vec<&TruthRow>> = HashMap::new();
    for r in c.rows.iter().filter(|r| r.case.starts_with("small_site_")) {
        by_site
            .entry(r.id.split('/').next().unwrap())
            .or_default()
            .push(r);
    }
    assert!(by_site.len() >= 2, "several small sites");
    for (site, pages) in &by_site {
        assert!(
            (2..=4).contains(&pages.len()),
            "{site}: {} pages",
            pages.len()
        );
        let clusters: HashSet<&str> = pages.iter().map(|r| r.cluster.as_str()).collect();
        assert_eq!(clusters.len(), pages.len(), "{site}: one story per page");
        for (i, a) in pages.iter().enumerate() {
            for b in &pages[i + 1..] {
                let (ta, tb) = (&c.docs[&a.id].text, &c.docs[&b.id].text);
                let (pre, suf) = common_ends(ta, tb);
                assert!(
                    pre + suf >= 300,
                    "{site}: {pre}+{suf} words of shared chrome"
                );
                // What is left (headline and story) is different text.
                let body = |t: &str| {
                    let w: Vec<&str> = t.split_whitespace().collect();
                    w[pre..w.len() - suf].join(" ")
                };
                let j = jaccard(&shingles(&body(ta), 5), &shingles(&body(tb), 5));
                assert!(j < 0.1, "{site}: stories {} and {} share J {j}", a.id, b.id);
            }
        }
    }
    // A page carrying a wire story holds it, or its first paragraphs,
    // verbatim.
    let align = alignment_of(c);
    for r in rows_of(c, "small_site_chrome") {
        let (source, passages) = &align[&r.id];
        assert_eq!(source, &r.cluster);
        let [cs, ce, ss, se] = passages[0];
        assert_eq!(ss, 0, "{}: from the start of the story", r.id);
        assert_eq!(&c.docs[&r.id].text[cs..ce], &c.docs[source].text[..se]);
    }
}

#[test]
fn no_url_documents_have_neither_url_nor_source() {
    let c = trapped();
    let n = rows_of(c, "no_url").count();
    assert!(n > 0);
    for r in rows_of(c, "no_url") {
        assert!(!c.docs[&r.id].has_url, "{} has a url", r.id);
        assert_ne!(r.cluster, r.id, "no_url rows are copies");
    }
    // Besides the no_url stories, about 15% of all documents (any case).
    let stripped = c
        .rows
        .iter()
        .filter(|r| !c.docs[&r.id].has_url && r.case != "no_url");
    let share = stripped.count() as f64 / c.rows.len() as f64;
    assert!((0.08..0.30).contains(&share), "share without url {share}");
}

#[test]
fn short_notice_appears_verbatim_inside_unrelated_pages() {
    let c = trapped();
    let notices: Vec<&TruthRow> = rows_of(c, "short_notice").collect();
    assert!(!notices.is_empty());
    let mut cluster_of_text: HashMap<&str, &str> = HashMap::new();
    for n in &notices {
        let prev = cluster_of_text.insert(&c.docs[&n.id].text, &n.cluster);
        assert!(
            prev.is_none() || prev == Some(&n.cluster),
            "one cluster per notice text"
        );
    }
    for n in notices {
        let notice = &c.docs[&n.id].text;
        let words = notice.split_whitespace().count();
        assert!((30..=80).contains(&words), "{}: {words} words", n.id);
        // The first standalone copy of a notice text is the cluster of
        // every standalone copy of that text.
        assert_eq!(
            &c.docs[&n.cluster].text, notice,
            "{}: same text as its cluster",
            n.id
        );
        let hosts: Vec<&TruthRow> = rows_of(c, "short_notice_host")
            .filter(|h| c.events[&h.id] == n.id)
            .collect();
        assert!(hosts.len() >= 4, "{}: {} host pages", n.id, hosts.len());
        for h in &hosts {
            let t = &c.docs[&h.id].text;
            assert!(t.contains(notice.as_str()), "{} lacks the notice", h.id);
            assert!(t.split_whitespace().count() > 3 * words, "{} is long", h.id);
            assert_eq!(h.cluster, h.id, "host pages are unrelated singletons");
        }
    }
}

/// The template whose fixed text `text` contains in order.
fn template_of(text: &str) -> Option<&'static str> {
    PAGE_TEMPLATES.iter().find_map(|t| {
        let mut rest = text;
        for p in t.paragraphs {
            for lit in literals(p) {
                rest = &rest[rest.find(lit)? + lit.len()..];
            }
        }
        Some(t.name)
    })
}

#[test]
fn templated_pages_differ_only_in_the_slots() {
    let c = trapped();
    let mut series: HashMap<&str, Vec<&TruthRow>> = HashMap::new();
    for r in rows_of(c, "templated") {
        series.entry(c.events[&r.id].as_str()).or_default().push(r);
    }
    assert!(!series.is_empty());
    for (first, pages) in &series {
        assert!(
            (3..=6).contains(&pages.len()),
            "{first}: {} pages",
            pages.len()
        );
        let names: HashSet<Option<&str>> = pages
            .iter()
            .map(|r| template_of(&c.docs[&r.id].text))
            .collect();
        assert_eq!(names.len(), 1, "{first}: one template per series");
        assert!(
            !names.contains(&None),
            "{first}: every page holds the template's text"
        );
        let texts: HashSet<&str> = pages.iter().map(|r| c.docs[&r.id].text.as_str()).collect();
        assert_eq!(texts.len(), pages.len(), "{first}: pages differ");
        for r in pages {
            assert_eq!(r.cluster, r.id, "templated pages are distinct documents");
            assert_eq!(r.spun, Some(false));
        }
    }
}

/// Walks two token lists, allowing only house-style edits; returns the
/// number of edits, or the first place where something else differs.
fn house_style_edits(origin: &[String], copy: &[String]) -> Result<usize, String> {
    const DROPPED: [&str; 4] = ["on", "mr", "ms", "mrs"];
    const JOINED: [(&str, &str, &str); 4] = [
        ("u", "s", "us"),
        ("u", "k", "uk"),
        ("u", "n", "un"),
        ("per", "cent", "percent"),
    ];
    // "one" stays a word ("one of"); two to nine become figures.
    const NUMBERS: [&str; 8] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    let figure = |a: &str, b: &str| {
        NUMBERS
            .iter()
            .position(|n| *n == a)
            .is_some_and(|k| (k + 2).to_string() == b)
    };
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < origin.len() && j < copy.len() {
        let (a, b) = (origin[i].as_str(), copy[j].as_str());
        let next = origin.get(i + 1).map(String::as_str);
        if a == b {
            (i, j) = (i + 1, j + 1);
            continue;
        }
        edits += 1;
        if DROPPED.contains(&a) && next == Some(b) {
            i += 1;
        } else if figure(a, b) || AMERICAN_SPELLINGS.contains(&(a, b)) {
            (i, j) = (i + 1, j + 1);
        } else if JOINED
            .iter()
            .any(|(x, y, z)| a == *x && next == Some(y) && b == *z)
        {
            (i, j) = (i + 2, j + 1);
        } else {
            return Err(format!(
                "{:?} became {:?}",
                &origin[i..(i + 6).min(origin.len())],
                &copy[j..(j + 6).min(copy.len())]
            ));
        }
    }
    if i < origin.len() || j < copy.len() {
        return Err(format!(
            "unmatched tail {:?} / {:?}",
            &origin[i..],
            &copy[j..]
        ));
    }
    Ok(edits)
}

#[test]
fn house_style_copies_differ_from_their_origin_only_by_house_style_and_are_not_spun() {
    let c = trapped();
    let align = alignment_of(c);
    let logged = spun_ids(c);
    let (mut edits, mut words) = (0, 0);
    for r in rows_of(c, "house_style") {
        assert_ne!(r.cluster, r.id, "a copy of its origin");
        assert_eq!(r.spun, Some(false));
        assert!(!logged.contains(&r.id), "{} is in the spin log", r.id);
        let (source, passages) = &align[&r.id];
        assert_eq!(source, &r.cluster);
        assert_eq!(passages.len(), 1, "the whole body is one passage");
        let [cs, ce, ss, se] = passages[0];
        let origin = &c.docs[source].text;
        assert_eq!((ss, se), (0, origin.len()), "the whole wire text");
        let (o, k) = (tokens(&origin[ss..se]), tokens(&c.docs[&r.id].text[cs..ce]));
        let n = house_style_edits(&o, &k).unwrap_or_else(|e| panic!("{}: {e}", r.id));
        assert!(n > 0, "{}: no edit at all", r.id);
        edits += n;
        words += o.len();
    }
    // Dense enough to look like a light spin to a substitution count
    // (real house-style copies reached 4.9%).
    let rate = edits as f64 / words as f64;
    assert!(rate > 0.02, "house-style edit rate {rate}");
}

#[test]
fn shared_quote_articles_quote_one_passage_verbatim_and_are_distinct() {
    let c = trapped();
    let align = alignment_of(c);
    let mut by_origin: HashMap<&str, Vec<&TruthRow>> = HashMap::new();
    for r in rows_of(c, "shared_quote") {
        assert_eq!(r.cluster, r.id, "a quoting article is its own story");
        let (source, passages) = &align[&r.id];
        let [cs, ce, ss, se] = passages[0];
        let quoted = &c.docs[&r.id].text[cs..ce];
        assert_eq!(quoted, &c.docs[source].text[ss..se], "{}: verbatim", r.id);
        let words = quoted.split_whitespace().count();
        assert!(
            (35..=200).contains(&words),
            "{}: {words} words quoted",
            r.id
        );
        let j = jaccard(
            &shingles(&c.docs[&r.id].text, 5),
            &shingles(&c.docs[source].text, 5),
        );
        assert!(j < 0.3, "{}: J {j} with the quoted story", r.id);
        by_origin.entry(source.as_str()).or_default().push(r);
    }
    assert!(!by_origin.is_empty());
    for quoting in by_origin.values() {
        assert!((2..=4).contains(&quoting.len()));
        let clusters: HashSet<&str> = quoting.iter().map(|r| r.cluster.as_str()).collect();
        assert_eq!(clusters.len(), quoting.len());
    }
}

#[test]
fn an_updated_version_is_its_first_version_with_paragraphs_added() {
    let c = trapped();
    let n = rows_of(c, "updated_version").count();
    assert!(n > 0);
    for r in rows_of(c, "updated_version") {
        assert_ne!(r.cluster, r.id, "the update joins its first version");
        let (first, second) = (&c.docs[&r.cluster], &c.docs[&r.id]);
        // Same site: the ids share their site prefix.
        assert_eq!(
            r.cluster.split('/').next(),
            r.id.split('/').next(),
            "{}",
            r.id
        );
        // Every paragraph of the first version is in the second, which has
        // 80 or more words more.
        for para in first.text.split("\n\n").filter(|p| !p.contains("\n")) {
            if para.split_whitespace().count() > 8 {
                assert!(
                    second.text.contains(para),
                    "{}: a paragraph of {} is missing",
                    r.id,
                    r.cluster
                );
            }
        }
        let words = |t: &str| t.split_whitespace().count();
        let added = words(&second.text) - words(&first.text);
        assert!((80..400).contains(&added), "{}: {added} words added", r.id);
        assert!(second.text.contains("Update: "));
    }
}

#[test]
fn a_wide_wire_story_is_carried_by_forty_to_sixty_outlets_after_the_wire() {
    let c = trapped();
    let hosts: HashMap<String, String> = std::str::from_utf8(&c.corpus)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let url = v.get("url")?.as_str()?;
            let host = url.split('/').nth(2)?.to_string();
            Some((v["id"].as_str()?.to_string(), host))
        })
        .collect();
    let align = alignment_of(c);
    let mut by_wire: HashMap<&str, Vec<&TruthRow>> = HashMap::new();
    for r in rows_of(c, "wide_wire") {
        by_wire.entry(r.cluster.as_str()).or_default().push(r);
    }
    // The corpus's first wide_wire batch always makes one.
    assert!(!by_wire.is_empty(), "no wide_wire story");
    for (wire, copies) in &by_wire {
        assert!(
            (40..=60).contains(&copies.len()),
            "{wire}: {}",
            copies.len()
        );
        assert!(wire.starts_with("wire"), "{wire}: the origin is the wire's");
        let origin = &c.docs[*wire];
        let mut seen_hosts = HashSet::new();
        for r in copies {
            let copy = &c.docs[&r.id];
            assert!(copy.date > origin.date, "{}: dated after the wire", r.id);
            if let Some(h) = hosts.get(&r.id) {
                assert!(seen_hosts.insert(h.clone()), "{}: one page a host", r.id);
                assert_ne!(hosts.get(*wire), Some(h), "{}: not on the wire", r.id);
            }
            let (source, passages) = &align[&r.id];
            assert_eq!(source, wire, "{}", r.id);
            assert!(!passages.is_empty(), "{}: carries the wire text", r.id);
        }
        // Copies with their own headline and edits, and cuts: not all the
        // same text.
        let texts: HashSet<&str> = copies.iter().map(|r| c.docs[&r.id].text.as_str()).collect();
        assert!(
            texts.len() > copies.len() / 2,
            "{wire}: mostly distinct texts"
        );
    }
}

/// The `one_page_wire` story: the wire's own page and every copy on a site
/// of one page, each in hundreds of words of chrome, some sites sharing a
/// network's template; the alignment truth points into the wire's page
/// where its story is (after its chrome).
#[test]
fn a_one_page_wire_story_is_on_sites_of_one_page_in_heavy_chrome() {
    let c = trapped();
    let align = alignment_of(c);
    let mut by_wire: HashMap<&str, Vec<&TruthRow>> = HashMap::new();
    for r in rows_of(c, "one_page_wire") {
        by_wire.entry(r.cluster.as_str()).or_default().push(r);
    }
    assert!(!by_wire.is_empty(), "no one_page_wire story");
    let words = |t: &str| t.split_whitespace().count();
    for (wire, copies) in &by_wire {
        assert!(
            (12..=24).contains(&copies.len()),
            "{wire}: {}",
            copies.len()
        );
        let origin = &c.docs[*wire];
        let mut exact_spans = 0;
        let mut headers = HashSet::new();
        // copies with a paragraph of their own (a line of 100 characters or
        // more) among the two lines next to the story, above or below
        let mut own_edges = 0;
        let paragraph = |l: &&str| l.trim().chars().count() >= 100;
        let next_to = |lines: &mut dyn Iterator<Item = &str>| {
            lines
                .filter(|l| !l.trim().is_empty())
                .take(2)
                .any(|l| paragraph(&l))
        };
        for r in copies {
            let copy = &c.docs[&r.id];
            assert!(copy.date > origin.date, "{}: dated after the wire", r.id);
            let (source, passages) = &align[&r.id];
            assert_eq!(source, wire, "{}", r.id);
            let carried: usize = passages.iter().map(|p| words(&copy.text[p[0]..p[1]])).sum();
            assert!(
                words(&copy.text) >= carried + 200,
                "{}: {} words, {carried} of the story",
                r.id,
                words(&copy.text)
            );
            exact_spans += passages
                .iter()
                .filter(|p| p[1] - p[0] > 500 && copy.text[p[0]..p[1]] == origin.text[p[2]..p[3]])
                .count();
            headers.insert(copy.text.lines().next().unwrap_or_default());
            let start = passages.iter().map(|p| p[0]).min().unwrap_or(0);
            let end = passages.iter().map(|p| p[1]).max().unwrap_or(0);
            let end = copy.text[end..]
                .find('\n')
                .map_or(copy.text.len(), |i| end + i);
            let start = copy.text[..start].rfind('\n').unwrap_or(0);
            if next_to(&mut copy.text[..start].lines().rev())
                || next_to(&mut copy.text[end..].lines())
            {
                own_edges += 1;
            }
        }
        assert!(
            own_edges > 0 && own_edges < copies.len(),
            "{wire}: {own_edges} of {} copies with paragraphs of their own at the story's edge",
            copies.len()
        );
        assert!(
            exact_spans > 0,
            "{wire}: the truth's offsets meet in both texts"
        );
        assert!(
            headers.len() < copies.len(),
            "{wire}: some sites share a network's chrome"
        );
        // The story starts after its page's header and top stories.
        let story_at = copies
            .iter()
            .flat_map(|r| align[&r.id].1.iter().map(|p| p[2]))
            .min()
            .unwrap_or(0);
        let before = words(&origin.text[..story_at]);
        assert!(
            before >= 40,
            "{wire}: {before} words of chrome before the story"
        );
    }
}
