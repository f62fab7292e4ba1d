//! Scoring predicted clusters against labelled ones.
//!
//! Pairwise precision and recall count pairs of documents: a pair is a true
//! positive when both clusterings put the two documents together. They and
//! the Adjusted Rand Index (Hubert & Arabie, 1985) come from the contingency
//! table of (true cluster, predicted cluster) counts, so no pair is ever
//! enumerated and a million-document corpus scores in a second.
//!
//! When the truth has a `case` column (as `neardup generate` writes), recall
//! is also broken down per case: the share of each document's true
//! cluster-mates that the prediction put with it.
//!
//! The truth is read by the generator's parser ([`parse_truth`], re-exported
//! here): the generator owns the format.

pub use neardup_synth::truth::{parse_truth, TruthError, TruthRow};
use std::collections::{BTreeMap, HashMap};

/// Parses predicted clusters: `neardup cluster` docs output (JSON Lines with
/// `id` and `cluster_id`), or a TSV with an `id<TAB>cluster` header.
pub fn parse_predicted(text: &str, name: &str) -> Result<Vec<(String, String)>, String> {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    // A TSV (with or without its header: parse_truth says what it needs).
    if !first.trim_start().starts_with('{') && first.contains('\t') {
        return Ok(parse_truth(text, name)
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|r| (r.id, r.cluster))
            .collect());
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{name}:{}: not JSON: {e}", i + 1))?;
        if v.get("members").is_some() && v.get("id").is_none() {
            return Err(format!(
                "{name}:{}: this is `neardup cluster --format clusters` output (one line per cluster); eval reads `--format docs` output (one line per document, the default) or an id<TAB>cluster TSV",
                i + 1
            ));
        }
        let id = match &v["id"] {
            serde_json::Value::String(s) => s.clone(),
            other => {
                return Err(format!(
                    "{name}:{}: no string \"id\" (found {other})",
                    i + 1
                ))
            }
        };
        let cluster = match &v["cluster_id"] {
            serde_json::Value::Null => return Err(format!("{name}:{}: no \"cluster_id\"", i + 1)),
            c => c.to_string(),
        };
        out.push((id, cluster));
    }
    Ok(out)
}

/// Recall of one case.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CaseRecall {
    /// The case label.
    pub case: String,
    /// Documents of this case.
    pub docs: usize,
    /// Documents of this case with at least one true cluster-mate.
    pub docs_with_mates: usize,
    /// Share of their true cluster-mates found with them.
    pub recall: f64,
    /// Documents of this case put in a predicted cluster with any document
    /// of another true cluster.
    pub falsely_merged: usize,
    /// When the truth marks origins (case `origin`): the share of this case's
    /// documents (other than origins) found in the same predicted cluster as
    /// their true cluster's origin.
    pub with_origin: Option<f64>,
}

/// A predicted cluster that mixes true clusters.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FalseMerge {
    /// Predicted cluster label.
    pub predicted: String,
    /// Wrong pairs inside it.
    pub wrong_pairs: u64,
    /// Its members, grouped by true cluster (at most 5 ids per group).
    pub groups: Vec<(String, Vec<String>)>,
}

/// A true cluster split over several predicted clusters.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Miss {
    /// True cluster label.
    pub truth: String,
    /// Missed pairs.
    pub missed_pairs: u64,
    /// Its members, grouped by predicted cluster (at most 5 ids per group).
    pub groups: Vec<(String, Vec<String>)>,
}

/// The scores.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Report {
    /// Documents scored (in the truth).
    pub docs: usize,
    /// Truth documents missing from the prediction (scored as singletons).
    pub missing_from_prediction: usize,
    /// Predicted documents not in the truth (ignored).
    pub not_in_truth: usize,
    /// True clusters with 2+ documents.
    pub true_clusters: usize,
    /// Predicted clusters with 2+ documents.
    pub predicted_clusters: usize,
    /// Pairs together in both.
    pub true_positive_pairs: u64,
    /// Pairs together in the prediction.
    pub predicted_pairs: u64,
    /// Pairs together in the truth.
    pub true_pairs: u64,
    /// Pairwise precision (1 when nothing was predicted together).
    pub precision: f64,
    /// Pairwise recall (1 when nothing is together in the truth).
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
    /// Adjusted Rand Index.
    pub ari: f64,
    /// Per-case recall, when the truth has cases.
    pub cases: Vec<CaseRecall>,
    /// The worst false merges, most wrong pairs first.
    pub worst_merges: Vec<FalseMerge>,
    /// The worst misses, most missed pairs first.
    pub worst_misses: Vec<Miss>,
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

fn grouped(
    members: &[(usize, String)],
    key: impl Fn(usize) -> String,
) -> Vec<(String, Vec<String>)> {
    let mut g: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (d, id) in members {
        let v = g.entry(key(*d)).or_default();
        if v.len() < 5 {
            v.push(id.clone());
        }
    }
    g.into_iter().collect()
}

/// A row's case, if the truth has one (a truth without a `case` column has
/// empty cases: no per-case breakdown).
fn case_of(r: &TruthRow) -> Option<&str> {
    Some(r.case.as_str()).filter(|c| !c.is_empty())
}

/// Scores `predicted` (id, cluster) against `truth`; lists at most `worst` merges and misses.
pub fn evaluate(truth: &[TruthRow], predicted: &[(String, String)], worst: usize) -> Report {
    let pred: HashMap<&str, &str> = predicted
        .iter()
        .map(|(i, c)| (i.as_str(), c.as_str()))
        .collect();
    let in_truth: HashMap<&str, usize> = truth
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let not_in_truth = predicted
        .iter()
        .filter(|(i, _)| !in_truth.contains_key(i.as_str()))
        .count();
    // Documents missing from the prediction are singletons of their own.
    let pred_label: Vec<String> = truth
        .iter()
        .map(|r| match pred.get(r.id.as_str()) {
            Some(c) => format!("p:{c}"),
            None => format!("missing:{}", r.id),
        })
        .collect();
    let missing = pred_label
        .iter()
        .filter(|l| l.starts_with("missing:"))
        .count();
    let mut cells: HashMap<(&str, &str), u64> = HashMap::new();
    let mut tsize: HashMap<&str, u64> = HashMap::new();
    let mut psize: HashMap<&str, u64> = HashMap::new();
    for (r, p) in truth.iter().zip(&pred_label) {
        *cells.entry((r.cluster.as_str(), p.as_str())).or_default() += 1;
        *tsize.entry(r.cluster.as_str()).or_default() += 1;
        *psize.entry(p.as_str()).or_default() += 1;
    }
    let tp: u64 = cells.values().map(|&n| pairs(n)).sum();
    let true_pairs: u64 = tsize.values().map(|&n| pairs(n)).sum();
    let predicted_pairs: u64 = psize.values().map(|&n| pairs(n)).sum();
    let precision = if predicted_pairs == 0 {
        1.0
    } else {
        tp as f64 / predicted_pairs as f64
    };
    let recall = if true_pairs == 0 {
        1.0
    } else {
        tp as f64 / true_pairs as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let n_all = pairs(truth.len() as u64) as f64;
    let expected = if n_all == 0.0 {
        0.0
    } else {
        true_pairs as f64 * predicted_pairs as f64 / n_all
    };
    let max_index = (true_pairs + predicted_pairs) as f64 / 2.0;
    let ari = if (max_index - expected).abs() < 1e-12 {
        1.0
    } else {
        (tp as f64 - expected) / (max_index - expected)
    };

    // Per case: each document's found cluster-mates over its true cluster-mates.
    let origin_of: HashMap<&str, &str> = truth
        .iter()
        .zip(&pred_label)
        .filter(|(r, _)| case_of(r) == Some("origin"))
        .map(|(r, p)| (r.cluster.as_str(), p.as_str()))
        .collect();
    let mut with_origin: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut cases: BTreeMap<&str, (usize, usize, u64, u64, usize)> = BTreeMap::new();
    for (r, p) in truth.iter().zip(&pred_label) {
        if let (Some(case), Some(o)) = (case_of(r), origin_of.get(r.cluster.as_str())) {
            if case != "origin" {
                let e = with_origin.entry(case).or_default();
                e.0 += 1;
                e.1 += (*o == p.as_str()) as usize;
            }
        }
        let Some(case) = case_of(r) else {
            continue;
        };
        let mates = tsize[r.cluster.as_str()] - 1;
        let found = cells[&(r.cluster.as_str(), p.as_str())] - 1;
        let wrong = psize[p.as_str()] - 1 - found;
        let e = cases.entry(case).or_default();
        e.0 += 1;
        e.1 += (mates > 0) as usize;
        e.2 += mates;
        e.3 += found;
        e.4 += (wrong > 0) as usize;
    }
    let cases = cases
        .into_iter()
        .map(|(case, (docs, with, mates, found, merged))| CaseRecall {
            case: case.to_string(),
            docs,
            docs_with_mates: with,
            recall: if mates == 0 {
                1.0
            } else {
                found as f64 / mates as f64
            },
            falsely_merged: merged,
            with_origin: with_origin.get(case).map(|&(n, k)| k as f64 / n as f64),
        })
        .collect();

    // Worst merges and misses. Pairs of each predicted (true) cluster that
    // the truth (prediction) agrees with, summed once over the cells: a scan
    // of all cells per cluster would be quadratic in the corpus.
    let mut right_in_pred: HashMap<&str, u64> = HashMap::new();
    let mut found_in_true: HashMap<&str, u64> = HashMap::new();
    for (&(t, p), &n) in &cells {
        *right_in_pred.entry(p).or_default() += pairs(n);
        *found_in_true.entry(t).or_default() += pairs(n);
    }
    let mut by_pred: HashMap<&str, Vec<(usize, String)>> = HashMap::new();
    let mut by_true: HashMap<&str, Vec<(usize, String)>> = HashMap::new();
    for (d, (r, p)) in truth.iter().zip(&pred_label).enumerate() {
        by_pred
            .entry(p.as_str())
            .or_default()
            .push((d, r.id.clone()));
        by_true
            .entry(r.cluster.as_str())
            .or_default()
            .push((d, r.id.clone()));
    }
    let mut worst_merges: Vec<FalseMerge> = by_pred
        .iter()
        .filter_map(|(p, members)| {
            let inside: u64 = pairs(members.len() as u64);
            let right = right_in_pred[p];
            (inside > right).then(|| FalseMerge {
                predicted: p.trim_start_matches("p:").to_string(),
                wrong_pairs: inside - right,
                groups: grouped(members, |d| truth[d].cluster.clone()),
            })
        })
        .collect();
    worst_merges.sort_by(|a, b| {
        b.wrong_pairs
            .cmp(&a.wrong_pairs)
            .then(a.predicted.cmp(&b.predicted))
    });
    worst_merges.truncate(worst);
    let mut worst_misses: Vec<Miss> = by_true
        .iter()
        .filter_map(|(t, members)| {
            let all = pairs(members.len() as u64);
            let found = found_in_true[t];
            (all > found).then(|| Miss {
                truth: t.to_string(),
                missed_pairs: all - found,
                groups: grouped(members, |d| {
                    pred_label[d].trim_start_matches("p:").to_string()
                }),
            })
        })
        .collect();
    worst_misses.sort_by(|a, b| {
        b.missed_pairs
            .cmp(&a.missed_pairs)
            .then(a.truth.cmp(&b.truth))
    });
    worst_misses.truncate(worst);

    Report {
        docs: truth.len(),
        missing_from_prediction: missing,
        not_in_truth,
        true_clusters: tsize.values().filter(|&&n| n > 1).count(),
        predicted_clusters: psize.values().filter(|&&n| n > 1).count(),
        true_positive_pairs: tp,
        predicted_pairs,
        true_pairs,
        precision,
        recall,
        f1,
        ari,
        cases,
        worst_merges,
        worst_misses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn truth(rows: &[(&str, &str)]) -> Vec<TruthRow> {
        rows.iter()
            .map(|(i, c)| TruthRow {
                id: i.to_string(),
                cluster: c.to_string(),
                case: String::new(),
                spun: None,
            })
            .collect()
    }

    fn pred(rows: &[(&str, &str)]) -> Vec<(String, String)> {
        rows.iter()
            .map(|(i, c)| (i.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn perfect_prediction() {
        let t = truth(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "z")]);
        let r = evaluate(
            &t,
            &pred(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "3")]),
            5,
        );
        assert_eq!((r.precision, r.recall, r.f1, r.ari), (1.0, 1.0, 1.0, 1.0));
        assert!(r.worst_merges.is_empty() && r.worst_misses.is_empty());
    }

    #[test]
    fn known_counts() {
        // truth {a,b,c} {d,e}; predicted {a,b} {c,d,e}
        let t = truth(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")]);
        let p = pred(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2"), ("e", "2")]);
        let r = evaluate(&t, &p, 5);
        assert_eq!(
            (r.true_positive_pairs, r.predicted_pairs, r.true_pairs),
            (2, 4, 4)
        );
        assert!((r.precision - 0.5).abs() < 1e-12 && (r.recall - 0.5).abs() < 1e-12);
        // ARI by hand: index 2, expected 4*4/10 = 1.6, max 4 → (2-1.6)/(4-1.6)
        assert!((r.ari - 0.4 / 2.4).abs() < 1e-12, "{}", r.ari);
        assert_eq!(r.worst_merges.len(), 1);
        assert_eq!(r.worst_merges[0].wrong_pairs, 2);
        assert_eq!(r.worst_misses[0].truth, "x");
    }

    #[test]
    fn missing_documents_are_singletons_and_extras_ignored() {
        let t = truth(&[("a", "x"), ("b", "x")]);
        let r = evaluate(&t, &pred(&[("a", "1"), ("zzz", "1")]), 5);
        assert_eq!((r.missing_from_prediction, r.not_in_truth), (1, 1));
        assert_eq!(r.recall, 0.0);
    }

    #[test]
    fn per_case_recall() {
        let mut t = truth(&[("o", "s"), ("c1", "s"), ("c2", "s"), ("h", "h")]);
        for (r, c) in t
            .iter_mut()
            .zip(["origin", "syndicated", "syndicated", "hard_negative"])
        {
            r.case = c.into();
        }
        let r = evaluate(
            &t,
            &pred(&[("o", "1"), ("c1", "1"), ("c2", "2"), ("h", "2")]),
            5,
        );
        let syn = r.cases.iter().find(|c| c.case == "syndicated").unwrap();
        assert!(
            (syn.recall - 0.25).abs() < 1e-12,
            "c1 finds 1 of 2, c2 0 of 2"
        );
        let hn = r.cases.iter().find(|c| c.case == "hard_negative").unwrap();
        assert_eq!(hn.falsely_merged, 1);
        assert_eq!(
            syn.with_origin,
            Some(0.5),
            "c1 is with the origin, c2 is not"
        );
        assert_eq!(
            hn.with_origin, None,
            "no origin in the hard negative's own cluster"
        );
    }

    #[test]
    fn parsing_errors_name_the_line() {
        assert!(parse_predicted("id\tcluster\na\n", "t.tsv")
            .unwrap_err()
            .contains("t.tsv:2"));
        assert!(parse_predicted("x\ty\n", "t.tsv")
            .unwrap_err()
            .contains("t.tsv:1"));
        assert!(parse_predicted("{\"id\":\"a\"}\n", "p")
            .unwrap_err()
            .contains("p:1"));
        let p = parse_predicted("{\"id\":\"a\",\"cluster_id\":3}\n", "p").unwrap();
        assert_eq!(p, vec![("a".into(), "3".into())]);
    }
}
