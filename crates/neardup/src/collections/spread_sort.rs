//! Sorting records keyed by uniformly distributed 64-bit hashes.
//!
//! A comparison sort of hash keys mispredicts about every other branch: on
//! the LSH band keys, the boilerplate sample and the aligner's gram index it
//! was most of those stages' time. Hashes are uniform, so one counting pass
//! over some of their bits spreads the records into slots holding one or two
//! each (or the many copies of one key), and sorting the slots is cheap. The
//! result is exactly what `sort_unstable` gives for records whose order is
//! their key first (such as `(hash, id)` tuples).

/// The `items` grouped by `slot` (slots in order, input order within one)
/// with one counting pass, and where each slot starts: slot `s` is
/// `out[starts[s]..starts[s + 1]]`.
pub fn group_by_slot<T: Copy + Default>(
    items: impl Iterator<Item = T> + Clone,
    slots: usize,
    slot: impl Fn(&T) -> usize,
) -> (Vec<T>, Vec<u32>) {
    // u32 counts: the table stays small enough for the cache it is hit in
    // at random.
    let mut starts = vec![0u32; slots + 1];
    for t in items.clone() {
        starts[slot(&t) + 1] += 1;
    }
    assert!(
        starts.iter().map(|&n| n as usize).sum::<usize>() < u32::MAX as usize,
        "group_by_slot counts in u32"
    );
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut out = vec![T::default(); starts[slots] as usize];
    let mut next = starts.clone();
    for t in items {
        let s = slot(&t);
        out[next[s] as usize] = t;
        next[s] += 1;
    }
    (out, starts)
}

/// The records of all `parts` together, sorted, where `slot(item)` is
/// `(key >> shift) & (2^bits - 1)` and records with a smaller slot must sort
/// first: the key must be the record's leading sort key and the bits above
/// `shift + bits` must be equal for all records (or `shift + bits = 64`).
pub fn spread_sort<'a, T: Copy + Ord + Default + 'a>(
    parts: impl Iterator<Item = &'a [T]> + Clone,
    key: impl Fn(&T) -> u64,
    shift: u32,
    bits: u32,
) -> Vec<T> {
    debug_assert!(bits <= 24 && shift + bits <= 64);
    let mask = (1u64 << bits) - 1;
    let (mut out, starts) = group_by_slot(parts.flatten().copied(), 1 << bits, |t| {
        ((key(t) >> shift) & mask) as usize
    });
    sort_slots(&mut out, &starts);
    out
}

/// [`spread_sort`] on the top bits of the key: about one slot per record,
/// up to 2^16 slots (a 256 KB table: beyond the L2 cache the counting
/// passes cost more than the slightly longer slot sorts save).
pub fn sort_by_hash<T: Copy + Ord + Default>(items: &[T], key: impl Fn(&T) -> u64) -> Vec<T> {
    sort_made_by_hash(items.iter().copied(), items.len(), key)
}

/// [`sort_by_hash`] of the `len` records an iterator makes (twice: once
/// to count, once to place), so that they are never held unsorted too.
pub fn sort_made_by_hash<T: Copy + Ord + Default>(
    items: impl Iterator<Item = T> + Clone,
    len: usize,
    key: impl Fn(&T) -> u64,
) -> Vec<T> {
    let bits = (len.max(1).ilog2() + 1).clamp(4, 16);
    let shift = 64 - bits;
    let mask = (1u64 << bits) - 1;
    let (mut out, starts) =
        group_by_slot(items, 1 << bits, |t| ((key(t) >> shift) & mask) as usize);
    sort_slots(&mut out, &starts);
    out
}

/// Sorts each slot of more than one record.
fn sort_slots<T: Ord>(out: &mut [T], starts: &[u32]) {
    for w in starts.windows(2) {
        if w[1] - w[0] > 1 {
            out[w[0] as usize..w[1] as usize].sort_unstable();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_a_comparison_sort() {
        for n in [0usize, 1, 7, 1000, 50_000] {
            let items: Vec<(u64, u32)> = (0..n as u64)
                .map(|i| {
                    (
                        (i % 997).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                        (i * 7 % 13) as u32,
                    )
                })
                .collect();
            let mut want = items.clone();
            want.sort_unstable();
            assert_eq!(sort_by_hash(&items, |t| t.0), want, "n = {n}");
            let made = items.iter().copied();
            assert_eq!(sort_made_by_hash(made, n, |t| t.0), want, "n = {n}");
        }
    }

    #[test]
    fn spreads_on_lower_bits_when_the_top_is_shared() {
        let items: Vec<(u64, u64)> = (0..5_000u64)
            .map(|i| ((7 << 56) | ((i * 2_654_435_761) & ((1 << 56) - 1)), i % 3))
            .collect();
        let mut want = items.clone();
        want.sort_unstable();
        let (a, b) = items.split_at(1_234);
        assert_eq!(spread_sort([a, b].into_iter(), |t| t.0, 44, 12), want);
    }
}
