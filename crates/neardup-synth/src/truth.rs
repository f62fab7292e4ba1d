//! The truth file: which documents are near-duplicates of which.
//!
//! The generator writes it and owns its format; `neardup eval` and
//! `neardup tune` read it with [`parse_truth`], and so can a file labelled
//! by hand. It is a TSV:
//!
//! * a header naming the columns: `id`, `cluster`, then optionally `case`
//!   and `spun` (the generator writes `id cluster case`, and `spun` with
//!   traps on); other columns are ignored;
//! * one row per document: its id, its true cluster label (shared by all
//!   its near-duplicates), what it models (`syndicated`, `hard_negative`,
//!   ...) and whether it is spinner output (`1` or `0`).
//!
//! A header is required: a first row `doc<TAB>label` could be either.
//! Every error names the file and the line.

use std::fmt;

/// The header the generator writes (`\tspun` follows with traps on).
pub(crate) const HEADER: &str = "id\tcluster\tcase";

/// One row of the truth file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TruthRow {
    /// Document id.
    pub id: String,
    /// Cluster label (shared by all true near-duplicates).
    pub cluster: String,
    /// Case label; empty when the file has no `case` column.
    pub case: String,
    /// The `spun` column (written when traps are on): whether the document
    /// is spinner output.
    pub spun: Option<bool>,
}

/// A truth file that cannot be read: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TruthError {
    /// The file's name, as given to [`parse_truth`].
    pub file: String,
    /// The line (1 for the header).
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for TruthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for TruthError {}

/// Parses a truth TSV (with its header) read from `file` into rows. Blank
/// lines are skipped.
pub fn parse_truth(tsv: &str, file: &str) -> Result<Vec<TruthRow>, TruthError> {
    let error = |line: usize, message: String| TruthError {
        file: file.to_string(),
        line,
        message,
    };
    let mut lines = tsv.lines().enumerate();
    let header = lines.next().map(|(_, l)| l).unwrap_or_default();
    let cols: Vec<&str> = header.split('\t').collect();
    if cols.len() < 2 || cols[0] != "id" || cols[1] != "cluster" {
        return Err(error(
            1,
            format!(
                "the first line must be the header id<TAB>cluster (optionally <TAB>case, \
                 <TAB>spun), found {header:?}; if the file has no header, add that line at the top"
            ),
        ));
    }
    let column = |name: &str| cols.iter().skip(2).position(|c| *c == name).map(|i| i + 2);
    let (case_col, spun_col) = (column("case"), column("spun"));
    let mut rows = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 2 || f[0].is_empty() {
            return Err(error(
                i + 1,
                format!("expected id<TAB>cluster, found {line:?}"),
            ));
        }
        let spun = match spun_col.map(|c| f.get(c).copied()) {
            None => None,
            Some(Some("1")) => Some(true),
            Some(Some("0")) => Some(false),
            Some(other) => {
                return Err(error(
                    i + 1,
                    format!(
                        "the spun column must be 0 or 1, found {:?}",
                        other.unwrap_or_default()
                    ),
                ))
            }
        };
        rows.push(TruthRow {
            id: f[0].to_string(),
            cluster: f[1].to_string(),
            case: case_col
                .and_then(|c| f.get(c))
                .map(|s| s.to_string())
                .unwrap_or_default(),
            spun,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, cluster: &str, case: &str, spun: Option<bool>) -> TruthRow {
        TruthRow {
            id: id.into(),
            cluster: cluster.into(),
            case: case.into(),
            spun,
        }
    }

    #[test]
    fn reads_what_the_generator_writes_and_what_a_person_writes() {
        let generated = "id\tcluster\tcase\tspun\na\ta\torigin\t0\nb\ta\tspun30\t1\n";
        assert_eq!(
            parse_truth(generated, "t.tsv").unwrap(),
            [
                row("a", "a", "origin", Some(false)),
                row("b", "a", "spun30", Some(true))
            ]
        );
        let by_hand = "id\tcluster\tnote\n\nx\t1\tchecked\ny\t1\n";
        assert_eq!(
            parse_truth(by_hand, "t.tsv").unwrap(),
            [row("x", "1", "", None), row("y", "1", "", None)]
        );
    }

    #[test]
    fn errors_name_the_file_and_the_line() {
        let e = parse_truth("x\ty\n", "t.tsv").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("t.tsv", 1));
        assert!(e
            .to_string()
            .starts_with("t.tsv:1: the first line must be the header"));
        let e = parse_truth("id\tcluster\na\tb\n\nc\n", "t.tsv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.tsv:4: expected id<TAB>cluster, found \"c\""
        );
        let e = parse_truth("id\tcluster\tcase\tspun\na\ta\torigin\tyes\n", "t.tsv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.tsv:2: the spun column must be 0 or 1, found \"yes\""
        );
    }
}
