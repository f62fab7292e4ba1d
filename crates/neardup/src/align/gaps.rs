//! Word-level alignment of the short gaps between verbatim runs: a longest
//! common subsequence (LCS) table, reused between calls.

/// Reusable LCS tables.
#[derive(Default)]
pub(super) struct Lcs {
    table: Vec<u32>,
    row: Vec<u32>,
}

impl Lcs {
    /// Length of the longest common subsequence of `a` and `b` (two rows).
    pub(super) fn len(&mut self, a: &[u64], b: &[u64]) -> usize {
        if a.is_empty() || b.is_empty() {
            return 0;
        }
        let w = b.len() + 1;
        self.row.clear();
        self.row.resize(2 * w, 0);
        let (mut prev, mut cur) = (0, w);
        for &x in a {
            for (j, &y) in b.iter().enumerate() {
                let v = if x == y {
                    self.row[prev + j] + 1
                } else {
                    self.row[prev + j + 1].max(self.row[cur + j])
                };
                self.row[cur + j + 1] = v;
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        self.row[prev + b.len()] as usize
    }

    /// The matched pairs `(i, j)` of one longest common subsequence of `a`
    /// and `b`, in order, appended to `out` (cleared first).
    ///
    /// Ties are broken the same way every time: walking back from the ends,
    /// equal words are matched as soon as they meet, and otherwise the A word
    /// is skipped first.
    pub(super) fn pairs(&mut self, a: &[u64], b: &[u64], out: &mut Vec<(usize, usize)>) {
        out.clear();
        if a.is_empty() || b.is_empty() {
            return;
        }
        let w = b.len() + 1;
        self.table.clear();
        self.table.resize((a.len() + 1) * w, 0);
        for (i, &x) in a.iter().enumerate() {
            for (j, &y) in b.iter().enumerate() {
                self.table[(i + 1) * w + j + 1] = if x == y {
                    self.table[i * w + j] + 1
                } else {
                    self.table[i * w + j + 1].max(self.table[(i + 1) * w + j])
                };
            }
        }
        let (mut i, mut j) = (a.len(), b.len());
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                out.push((i - 1, j - 1));
                i -= 1;
                j -= 1;
            } else if self.table[(i - 1) * w + j] >= self.table[i * w + j - 1] {
                i -= 1;
            } else {
                j -= 1;
            }
        }
        out.reverse();
    }
}
