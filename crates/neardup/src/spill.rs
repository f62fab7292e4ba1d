//! Signature tables put aside in a temporary file while a phase does not
//! read them, so that the peak of a run holds one table, not two.
//!
//! A one-command run holds two tables a document: the word signatures
//! (`2 × num_perm` bytes, for the verbatim view) and the spin view's. Each
//! phase reads one:
//!
//! * while signing and through the verbatim view (buckets, verification,
//!   exact recheck, stars), the spin signatures wait in a file
//!   ([`RowSink`], written as documents are signed, in input order, and
//!   loaded in id order for the spin view: [`RowsAside::load`]);
//! * through the stars and the spin view, the word signatures wait in a
//!   file ([`SignatureRows::put_aside`]), read back only for the few pairs
//!   the spin view joins ([`crate::cluster::attach_spin_links`]).
//!
//! The files are unnamed temporary files (`tempfile`: in `TMPDIR`, removed
//! by the system when closed, even after a crash). Should one not be
//! writable, the table stays in memory: putting it aside saves memory and
//! never decides a result.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// A lookup of a document's row of signature values.
pub type RowLookup<'a> = dyn Fn(u32) -> &'a [u16] + Sync + 'a;

/// A table of `k` values per document, in memory or put aside on disk.
pub struct SignatureRows<'a> {
    k: usize,
    held: Held<'a>,
}

enum Held<'a> {
    Borrowed(&'a [u16]),
    Owned(Vec<u16>),
    /// Little-endian values, row after row; row `d` is the file's row
    /// `order[d]` when an order is given (rows written in another order).
    Aside(Mutex<File>, Option<Vec<u32>>),
}

impl<'a> SignatureRows<'a> {
    /// Rows read from a table its owner keeps (nothing is put aside).
    pub fn borrowed(table: &'a [u16], k: usize) -> Self {
        SignatureRows {
            k,
            held: Held::Borrowed(table),
        }
    }

    /// The table, moved to a temporary file; kept in memory when no file
    /// can be made. Returns the rows and the bytes put aside (0 when kept).
    pub fn put_aside(table: Vec<u16>, k: usize) -> (Self, u64) {
        let mut sink = RowSink::new(k);
        if sink.file.is_none() || table.is_empty() || k == 0 {
            let held = Held::Owned(table);
            return (SignatureRows { k, held }, 0);
        }
        table.chunks_exact(k).for_each(|row| sink.push(row));
        drop(table);
        let aside = sink.finish();
        let bytes = aside.bytes_aside();
        (aside.into_rows(None), bytes)
    }

    /// Bytes held in a temporary file (0 for rows in memory).
    pub fn bytes_aside(&self) -> u64 {
        match &self.held {
            Held::Aside(file, _) => {
                let file = file.lock().unwrap_or_else(|e| e.into_inner());
                file.metadata().map_or(0, |m| m.len())
            }
            _ => 0,
        }
    }

    /// Document `d`'s row.
    ///
    /// # Panics
    /// When a row put aside cannot be read back (the temporary file was
    /// written a moment before; failing to read it is an I/O fault of the
    /// machine, and no output is written).
    pub fn row(&self, d: u32) -> Cow<'_, [u16]> {
        let (lo, hi) = (d as usize * self.k, (d as usize + 1) * self.k);
        match &self.held {
            Held::Borrowed(t) => Cow::Borrowed(&t[lo..hi]),
            Held::Owned(t) => Cow::Borrowed(&t[lo..hi]),
            Held::Aside(file, order) => {
                let mut file = file.lock().unwrap_or_else(|e| e.into_inner());
                Cow::Owned(file_row(&mut file, order.as_deref(), d, self.k))
            }
        }
    }
}

impl SignatureRows<'_> {
    /// Calls `f` with a lookup of the rows of the documents `ds` (any
    /// order, repeats allowed; only those may be looked up). Rows put aside
    /// are read back once each, in document order, for the whole call.
    ///
    /// # Panics
    /// As [`SignatureRows::row`], when rows put aside cannot be read back.
    pub fn with_rows<R>(&self, ds: &[u32], f: impl for<'x> FnOnce(&'x RowLookup<'x>) -> R) -> R {
        let k = self.k;
        let table: &[u16] = match &self.held {
            Held::Borrowed(t) => t,
            Held::Owned(t) => t,
            Held::Aside(file, order) => {
                let mut ids = ds.to_vec();
                ids.sort_unstable();
                ids.dedup();
                let mut file = file.lock().unwrap_or_else(|e| e.into_inner());
                let rows: Vec<u16> = ids
                    .iter()
                    .flat_map(|&d| file_row(&mut file, order.as_deref(), d, k))
                    .collect();
                drop(file);
                let lookup = |d: u32| {
                    let i = ids.binary_search(&d).expect("a row gathered");
                    &rows[i * k..(i + 1) * k]
                };
                return f(&lookup);
            }
        };
        f(&|d: u32| &table[d as usize * k..(d as usize + 1) * k])
    }
}

/// Document `d`'s row of `k` values from a file of rows (the file's row
/// `order[d]` when an order is given).
fn file_row(file: &mut File, order: Option<&[u32]>, d: u32, k: usize) -> Vec<u16> {
    let at = order.map_or(d, |o| o[d as usize]) as u64 * k as u64 * 2;
    let mut bytes = vec![0u8; k * 2];
    file.seek(SeekFrom::Start(at))
        .and_then(|_| file.read_exact(&mut bytes))
        .unwrap_or_else(|e| unreadable(e));
    decode(&bytes)
}

/// A temporary file just written could not be read back: an I/O fault of
/// the machine. No output has been written yet, so the run stops here.
fn unreadable(e: io::Error) -> ! {
    panic!("reading back signatures from a temporary file: {e}")
}

/// Rows appended as documents are signed, kept in a temporary file (in
/// memory when none can be written), to be loaded later in another order.
pub struct RowSink {
    k: usize,
    rows: usize,
    /// The file being written; None once writing failed or was not possible.
    file: Option<BufWriter<File>>,
    /// The rows held in memory instead (all of them, when `file` is None).
    memory: Vec<u16>,
    /// One row's bytes, reused.
    bytes: Vec<u8>,
}

impl RowSink {
    /// A sink for rows of `k` values.
    pub fn new(k: usize) -> Self {
        let file = tempfile::tempfile()
            .ok()
            .map(|f| BufWriter::with_capacity(1 << 20, f));
        RowSink {
            k,
            rows: 0,
            file,
            memory: Vec::new(),
            bytes: Vec::with_capacity(k * 2),
        }
    }

    /// Appends one row of `k` values.
    pub fn push(&mut self, row: &[u16]) {
        debug_assert_eq!(row.len(), self.k);
        if let Some(out) = self.file.as_mut() {
            self.bytes.clear();
            self.bytes.extend(row.iter().flat_map(|v| v.to_le_bytes()));
            if out.write_all(&self.bytes).is_ok() {
                self.rows += 1;
                return;
            }
            self.back_to_memory();
        }
        self.memory.extend_from_slice(row);
        self.rows += 1;
    }

    /// Moves the rows taken so far back into memory, after a failed
    /// write (a full disk): what reached the file, then what the buffer
    /// still held (a failed flush keeps the bytes it did not write).
    fn back_to_memory(&mut self) {
        let Some(out) = self.file.take() else { return };
        let (mut file, buffered) = out.into_parts();
        let mut bytes = Vec::with_capacity(self.rows * self.k * 2);
        file.seek(SeekFrom::Start(0))
            .and_then(|_| file.read_to_end(&mut bytes))
            .unwrap_or_else(|e| unreadable(e));
        bytes.extend_from_slice(&buffered.unwrap_or_default());
        assert_eq!(
            bytes.len(),
            self.rows * self.k * 2,
            "every row taken is in the temporary file or its buffer"
        );
        self.memory = decode(&bytes);
    }

    /// The rows pushed, ready to be loaded.
    pub fn finish(mut self) -> RowsAside {
        let file = match self.file.take().map(BufWriter::into_inner) {
            Some(Ok(file)) => Some(file),
            Some(Err(e)) => {
                self.file = Some(e.into_inner());
                self.back_to_memory();
                None
            }
            None => None,
        };
        RowsAside {
            k: self.k,
            rows: self.rows,
            file,
            memory: self.memory,
        }
    }
}

/// The rows a [`RowSink`] took, in the order pushed.
pub struct RowsAside {
    k: usize,
    rows: usize,
    file: Option<File>,
    memory: Vec<u16>,
}

impl RowsAside {
    /// Bytes held in the file (0 when the rows stayed in memory).
    pub fn bytes_aside(&self) -> u64 {
        if self.file.is_some() {
            (self.rows * self.k * 2) as u64
        } else {
            0
        }
    }

    /// The rows in the order pushed, `n` rows to a block (the last one may
    /// be shorter), each block read when it is asked for.
    ///
    /// # Panics
    /// When the file written cannot be read back (an I/O fault of the
    /// machine; no output is written).
    pub fn blocks(self, n: usize) -> impl Iterator<Item = Vec<u16>> {
        let (k, rows, n) = (self.k, self.rows, n.max(1));
        let mut file = self.file.map(|mut f| {
            f.seek(SeekFrom::Start(0)).unwrap_or_else(|e| unreadable(e));
            io::BufReader::with_capacity(1 << 20, f)
        });
        let memory = self.memory;
        (0..rows).step_by(n).map(move |first| {
            let count = n.min(rows - first);
            match file.as_mut() {
                Some(f) => {
                    let mut bytes = vec![0u8; count * k * 2];
                    f.read_exact(&mut bytes).unwrap_or_else(|e| unreadable(e));
                    decode(&bytes)
                }
                None => memory[first * k..(first + count) * k].to_vec(),
            }
        })
    }

    /// The rows as a table, left where they are: with an `order`, its row
    /// `i` is the row pushed `order[i]`-th (only rows in `order` may be
    /// read); without, the rows as pushed. Rows held in memory are put in
    /// that order there.
    pub fn into_rows(self, order: Option<Vec<u32>>) -> SignatureRows<'static> {
        let k = self.k;
        let held = match (self.file.is_some(), order) {
            (true, order) => Held::Aside(Mutex::new(self.file.expect("a file")), order),
            (false, Some(order)) => Held::Owned(self.load(&order)),
            (false, None) => Held::Owned(self.memory),
        };
        SignatureRows { k, held }
    }

    /// The table in a new order: its row `i` is the row pushed `order[i]`-th.
    /// Rows not in `order` are left out.
    ///
    /// # Panics
    /// When the file written cannot be read back (an I/O fault of the
    /// machine; no output is written).
    pub fn load(self, order: &[u32]) -> Vec<u16> {
        let k = self.k;
        // Where each row pushed goes (u32::MAX: left out); the rows are
        // read once, in the order pushed, a block at a time.
        let mut to = vec![u32::MAX; self.rows];
        for (i, &d) in order.iter().enumerate() {
            to[d as usize] = i as u32;
        }
        let mut out = vec![0u16; order.len() * k];
        let block = ((1 << 20) / (2 * k).max(1)).max(1);
        for (b, rows) in self.blocks(block).enumerate() {
            for (r, row) in rows.chunks_exact(k.max(1)).enumerate() {
                let i = to[b * block + r];
                if i != u32::MAX {
                    out[i as usize * k..(i as usize + 1) * k].copy_from_slice(row);
                }
            }
        }
        out
    }
}

fn decode(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_put_aside_read_back_as_they_were() {
        let k = 3;
        let table: Vec<u16> = (0..3000u32).map(|v| (v * 7919 % 65536) as u16).collect();
        let (aside, bytes) = SignatureRows::put_aside(table.clone(), k);
        assert_eq!(bytes, 6000);
        assert_eq!(aside.bytes_aside(), 6000);
        assert!(matches!(aside.held, Held::Aside(..)), "on disk");
        let kept = SignatureRows::borrowed(&table, k);
        for d in [0u32, 1, 499, 999, 500, 7] {
            assert_eq!(aside.row(d), kept.row(d), "row {d}");
            assert_eq!(&*kept.row(d), &table[d as usize * k..(d as usize + 1) * k]);
        }
        let ds = [999u32, 3, 3, 0, 512];
        let from_disk: Vec<Vec<u16>> =
            aside.with_rows(&ds, |row| ds.iter().map(|&d| row(d).to_vec()).collect());
        let from_memory: Vec<Vec<u16>> =
            kept.with_rows(&ds, |row| ds.iter().map(|&d| row(d).to_vec()).collect());
        assert_eq!(from_disk, from_memory);
        assert_eq!(from_disk[1], table[9..12]);
    }

    #[test]
    fn an_empty_table_stays_in_memory() {
        let (rows, bytes) = SignatureRows::put_aside(Vec::new(), 4);
        assert_eq!(bytes, 0);
        assert!(matches!(rows.held, Held::Owned(_)));
    }

    #[test]
    fn a_sink_loads_its_rows_in_the_order_asked() {
        let k = 4;
        let rows: Vec<Vec<u16>> = (0..5000u16).map(|r| vec![r, r ^ 1, r / 3, 7]).collect();
        let order: Vec<u32> = (0..5000u32).rev().filter(|r| r % 3 != 0).collect();
        let want: Vec<u16> = order
            .iter()
            .flat_map(|&d| rows[d as usize].clone())
            .collect();
        let mut sink = RowSink::new(k);
        assert!(sink.file.is_some(), "a temporary file");
        rows.iter().for_each(|r| sink.push(r));
        let aside = sink.finish();
        assert_eq!(aside.bytes_aside(), 5000 * 4 * 2);
        assert_eq!(aside.load(&order), want);
        // Left on disk and read row by row in that order, or gathered.
        let mut sink = RowSink::new(k);
        rows.iter().for_each(|r| sink.push(r));
        let table = sink.finish().into_rows(Some(order.clone()));
        assert!(matches!(table.held, Held::Aside(_, Some(_))));
        for (i, &d) in order.iter().enumerate().step_by(97) {
            assert_eq!(&*table.row(i as u32), &rows[d as usize][..], "row {i}");
        }
        let ds: Vec<u32> = vec![5, 0, 3332, 5];
        let gathered: Vec<Vec<u16>> =
            table.with_rows(&ds, |row| ds.iter().map(|&i| row(i).to_vec()).collect());
        let want_rows: Vec<Vec<u16>> = ds
            .iter()
            .map(|&i| rows[order[i as usize] as usize].clone())
            .collect();
        assert_eq!(gathered, want_rows);
        // The same rows held in memory, as when no file can be written.
        let mut sink = RowSink::new(k);
        sink.file = None;
        rows.iter().for_each(|r| sink.push(r));
        let aside = sink.finish();
        assert_eq!(aside.bytes_aside(), 0);
        assert_eq!(aside.load(&order), want);
    }

    #[test]
    fn blocks_give_the_rows_in_the_order_pushed() {
        let rows: Vec<Vec<u16>> = (0..1000u16).map(|r| vec![r, r.wrapping_mul(31)]).collect();
        let all: Vec<u16> = rows.concat();
        for on_disk in [true, false] {
            let mut sink = RowSink::new(2);
            if !on_disk {
                sink.file = None;
            }
            rows.iter().for_each(|r| sink.push(r));
            let blocks: Vec<Vec<u16>> = sink.finish().blocks(300).collect();
            let sizes: Vec<usize> = blocks.iter().map(Vec::len).collect();
            assert_eq!(sizes, [600, 600, 600, 200], "on disk: {on_disk}");
            assert_eq!(blocks.concat(), all, "on disk: {on_disk}");
        }
    }

    #[test]
    fn a_sink_whose_file_fails_keeps_every_row() {
        let k = 2;
        let mut sink = RowSink::new(k);
        sink.push(&[1, 2]);
        sink.push(&[3, 4]);
        // As after a failed write: the first row reached the file, the
        // second is still in the buffer; both come back.
        let out = sink.file.take().unwrap();
        let (mut file, _) = out.into_parts();
        file.write_all(&[1, 0, 2, 0]).unwrap();
        let mut out = BufWriter::new(file);
        out.write_all(&[3, 0, 4, 0]).unwrap();
        sink.file = Some(out);
        sink.back_to_memory();
        sink.push(&[5, 6]);
        let aside = sink.finish();
        assert_eq!(aside.bytes_aside(), 0);
        assert_eq!(aside.load(&[2, 0, 1]), vec![5, 6, 1, 2, 3, 4]);
    }
}
